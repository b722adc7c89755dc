"""The people an article names as news names its victims and suspects: in full, with an age.

"Tyshawn Lee, 9, was shot", "police arrested 20-year-old Neely Gardner", "the victim was identified
as John A. Smith". A follow-up published weeks later ("an arrest was made in the murder of 9-year-old
Tyshawn Lee") names the same person the same way, which is how the merge step knows a follow-up that
gives no date of its own from a new event (:mod:`sitrep.merge`).

Only names written with an age or after "identified as" are taken: spokespeople, officials and
reporters are named without one, and they recur across unrelated events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Person", "named_people", "person_key"]

# One word of a name: "Lee", "McKnight", "O'Neal", "DeShawn", "Ria'Mel", "Smith-Jones".
_WORD = r"(?:Mc|Mac|O['’]|De|La|Le|Di)?[A-Z][a-z]{1,20}(?:[-'’][A-Z]?[a-z]{1,20})?"
# A full name: a given name, up to two middle names or initials, a surname and an optional suffix.
_NAME = rf"(?P<name>{_WORD}(?:[ \t](?:{_WORD}|[A-Z]\.)){{0,2}}[ \t]{_WORD}(?:,?[ \t](?:Jr\.|Sr\.|III|II|IV))?)"
_PATTERNS = (
    # "Tyshawn Lee, 9, was shot"; "Chanell Berry, 7." (the age ends its clause)
    re.compile(_NAME + r",[ \t]{0,2}(?:age[ \t])?\d{1,2}(?=[ \t]?[,.;)]|[ \t](?:and|of|from|who|was|is|were|had|has)\b)"),
    # "9-year-old Tyshawn Lee"
    re.compile(r"\b\d{1,2}-year-old[ \t]" + _NAME),
    # "identified the victim as Greg Griego"
    re.compile(r"\b(?:identified(?:[ \t](?:him|her|them|the[ \t](?:victim|man|woman|boy|girl|teen|suspect|"
               r"shooter|gunman|child)))?[ \t]as|named[ \t]as)[ \t]" + _NAME),
)
_SUFFIX = frozenset({"Jr", "Sr", "III", "II", "IV"})
# Words that open or close what the patterns take for a name but are none: months and weekdays
# ("Saturday, 15,"), titles, and the words of institutions.
_NOT_NAMES = frozenset("""
january february march april may june july august september october november december monday
tuesday wednesday thursday friday saturday sunday the a an police officer sgt lt capt chief deputy
det detective mr mrs ms dr sheriff mayor gov governor county city state street avenue road
""".split())


@dataclass(frozen=True, slots=True)
class Person:
    start: int
    end: int
    text: str
    key: tuple[str, str]


def person_key(name: str) -> tuple[str, str] | None:
    """A name reduced to (given name, surname), lower case: "John A. Smith Jr." → ("john", "smith");
    None for what is no person's full name."""
    words = [w for w in re.findall(r"[A-Za-z'’-]{2,}", name) if w not in _SUFFIX]
    if len(words) < 2 or words[0].lower() in _NOT_NAMES or words[-1].lower() in _NOT_NAMES:
        return None
    return words[0].lower(), words[-1].lower()


def named_people(text: str) -> list[Person]:
    """Each person the text names in full with an age (or as identified), once, at their first
    naming, in text order. A name the gazetteer holds as a place ("West Allis, 23") is none."""
    from sitrep.geocode.gazetteer import get_gazetteer

    gazetteer = get_gazetteer()
    found: dict[tuple[str, str], Person] = {}
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            name = m.group("name")
            key = person_key(name)
            if key is None or key in found or gazetteer.lookup(name):
                continue
            found[key] = Person(m.start("name"), m.end("name"), name, key)
    return sorted(found.values(), key=lambda p: p.start)
