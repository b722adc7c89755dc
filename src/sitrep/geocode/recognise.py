"""Toponym recognition: which spans of a spaCy Doc name places.

The Doc comes from ``sitrep.nlp.get_nlp()``, whose entity ruler (gazetteer names, actor aliases)
runs before the statistical NER. A span is a toponym when

* it is a GPE, LOC or FAC entity (the ruler's or the NER's), trimmed of a leading "the" and a
  trailing possessive;
* it is an adjectival place name, a NORP entity that is a gazetteer demonym ("Syrian", "Russian",
  "European"; plural people-nouns such as "Syrians" are not places);
* it is an ORG entity whose whole text is a major gazetteer place (the small model reads "Ghouta"
  or "Idlib" as an organisation now and then);
* it is a place word embedded at the start of an organisation or actor name ("*Syrian* Democratic
  Forces", "*US*-led coalition", "*Russian* warplanes").

The adjectival and embedded kinds follow the GeoWebNews annotation convention (Gritta et al.
2019), which counts them as toponyms; ``demonyms=False`` leaves them out for callers (such as
event location) that only want places named as places.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from sitrep.geocode.gazetteer import Gazetteer, get_gazetteer
from sitrep.nlp import ACTORS, COMMON_NOUN_PLACES

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_LEADING = frozenset({"the", "The", "THE"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A place mention: character offsets into the text, and how it was found."""

    start: int
    end: int
    text: str
    label: str  # the entity label it came from: GPE, LOC, FAC, NORP, ORG
    kind: str  # "name", "adjectival" (a demonym used as a modifier), "embedded" (inside an ORG name)
    source: str  # "ruler" or "ner"


@lru_cache(maxsize=1)
def actor_catalog() -> dict[str, tuple[str, tuple[str, ...]]]:
    """``actor:<slug>`` -> (actor name, country codes), from ``actors_seed.csv``."""
    import re

    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    with open(ACTORS, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            slug = re.sub(r"[^a-z0-9]+", "-", row["name"].lower()).strip("-")
            codes = tuple(c for c in (row.get("country") or "").split("|") if c)
            out.setdefault(f"actor:{slug}", (row["name"], codes))
    return out


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and span.doc[start].text in _LEADING:
        start += 1
    while end > start and span.doc[end - 1].text in _POSSESSIVE:
        end -= 1
    if start >= end:
        return None
    return span.doc[start:end]


# Words before a matched name that may make it a longer one: "Three Rivers" (the ruler knows the
# Nigerian state Rivers, not the Californian town of 2,000), "West Palm Beach", "North Charleston".
LONGER_NAME_WORDS = 2


def _longer_name(gaz: Gazetteer, span: Span) -> Span:
    """``span`` with the capitalised words just before it when together they are a place's whole
    name in the gazetteer: the longest name written wins over the shorter one inside it."""
    doc, best = span.doc, span
    for k in range(1, LONGER_NAME_WORDS + 1):
        start = span.start - k
        if start < 0:
            break
        tok = doc[start]
        if not (tok.text[:1].isupper() and tok.is_alpha) or tok.text in _LEADING or \
                tok.ent_type_ not in ("", "CARDINAL", "ORDINAL") or \
                "\n" in doc[start:span.start].text_with_ws:
            break
        longer = doc[start:span.end]
        if any(h.match in ("full", "key") and h.kind != "demonym" for h in gaz.lookup(longer.text)):
            best = longer
    # "Prince George's County": a possessive county or parish named after a town's name
    end = best.end
    if end + 1 < len(doc) and doc[end].text in ("'s", "’s") and doc[end + 1].text in _POSSESSIVE_AREAS:
        longer = doc[best.start:end + 2]
        if any(h.match in ("full", "key") and h.entry.fclass == "A" for h in gaz.lookup(longer.text)):
            best = longer
    return best


_POSSESSIVE_AREAS = frozenset({"County", "Parish"})


def _is_demonym(gaz: Gazetteer, text: str) -> bool:
    hits = gaz.lookup(text)
    return bool(hits) and any(h.match == "demonym" for h in hits)


# A city this big keeps its name against an article's person of that surname ("Houston" after
# "Whitney Houston" may still be the city): a judgement, as Denton (140,000) and Stafford read as
# surnames in GVA's local news while the cities over a million people are named as such.
PERSON_OVER_CITY = 1_000_000


def _is_major_place(gaz: Gazetteer, text: str, city: int = 100_000) -> bool:
    """A name whose best non-alternate reading is a country, first-level area, continent, one of
    sitrep's additions or a city of ``city`` people or more (at 100,000, the size where an ORG
    reading is the rarer one)."""
    for h in gaz.lookup(text):
        if h.kind in ("alt", "demonym"):
            continue
        e = h.entry
        if e.fcode in ("PCLI", "PCLD", "PCLS", "ADM1", "CONT") or h.kind == "addition" or e.population >= city:
            return True
    return False


# Prepositions that make a seat of power a location ("outside the White House") rather than the
# institution speaking through it ("the Kremlin said").
_AT = frozenset("at in inside outside near to from into toward towards".split())


def _metonymic_building(gaz: Gazetteer, span: Span) -> bool:
    """A landmark the gazetteer files as a building (White House, Kremlin, Pentagon) used for the
    institution in it: not a place unless a locative preposition comes right before it."""
    hits = gaz.lookup(span.text)
    if not hits or not all(h.entry.fcode == "BLDG" for h in hits):
        return False
    i = span.start - 1
    while i >= 0 and span.doc[i].lower_ in ("the",):
        i -= 1
    return not (i >= 0 and span.doc[i].lower_ in _AT)


def _leading_place(gaz: Gazetteer, span: Span) -> Span | None:
    """The place word(s) an organisation or actor name starts with, if any ("US-led" -> "US")."""
    doc = span.doc
    for n in (2, 1):
        if len(span) <= n:
            continue
        cand = doc[span.start : span.start + n]
        if not cand[0].text[:1].isupper():
            return None
        if cand.text in _LEADING:
            continue
        if _is_demonym(gaz, cand.text) or (n == 1 and _is_major_place(gaz, cand.text) and cand[0].is_upper):
            return cand
        if n == 1 and _is_major_place(gaz, cand.text) and len(span) > 1 and doc[span.start + 1].text in ("-", "–"):
            return cand
    return None


# The first word of a town's own public body after its name: "Erie Police", "Joliet Police
# Department", "Erie County Sheriff's Office", "Cameron Fire Department".
_BODY_HEAD = frozenset("police sheriff sheriff's sheriffs fire township".split())


def _local_body_seat(gaz: Gazetteer, span: Span) -> Span | None:
    """The town or county an organisation named for its police or sheriff is the body of."""
    doc = span.doc
    for n in (1, 2, 3):
        if len(span) <= n or span[n].lower_ not in _BODY_HEAD:
            continue
        cand = doc[span.start : span.start + n]
        if cand[0].text[:1].isupper() and cand.text not in _LEADING and not _is_demonym(gaz, cand.text) and \
                cand.text.lower() not in COMMON_NOUN_PLACES and gaz.lookup(cand.text):
            return cand
        return None
    return None


# Words around a demonym that make it a language, not a place: "in Russian", "Russian-speaking".
_LANG_BEFORE = frozenset("in into speak speaks spoke spoken speaking learn learning fluent native translated".split())
# Demonyms that in news are far more often the language than the place ("English" teachers).
_LANGUAGE_FIRST = frozenset({"english"})
_LANG_AFTER = frozenset(
    "language languages speaker speakers speaking translation translations subtitles dialect".split()
)
# An NER-only GPE/LOC of one token that the gazetteer does not know at all is more often a person or
# product the small model misread ("Yulia", "Coincheck") than a place. Development splits, F1 with /
# without the rule: GeoWebNews 0.876 / 0.865 (precision 0.923 / 0.892), GeoVirus 0.919 / 0.918.
DROP_UNKNOWN_SINGLE = True


def _demonym_tokens(doc: Doc, gaz: Gazetteer, taken: list[tuple[int, int]]) -> list[Mention]:
    """Adjectival uses of demonyms outside any entity the NER gave them ("Russian hackers")."""
    out = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if not (tok.is_alpha and tok.text[:1].isupper()):
            i += 1
            continue
        found = None
        for k in (2, 1):
            if i + k > n:
                continue
            span = doc[i : i + k]
            if k == 2 and not span[1].text[:1].isupper():
                continue
            if _is_demonym(gaz, span.text):
                found = span
                break
        if found is None or found.text.lower() in _LANGUAGE_FIRST:
            i += 1
            continue
        nxt = doc[found.end] if found.end < n else None
        prev = doc[found.start - 1] if found.start > 0 else None
        attributive = nxt is not None and (nxt.is_alpha or nxt.text in ("-", "–"))
        language = (prev is not None and prev.lower_ in _LANG_BEFORE) or (
            nxt is not None
            and (
                nxt.lower_ in _LANG_AFTER
                or (nxt.text in ("-", "–") and found.end + 1 < n and doc[found.end + 1].lower_ in _LANG_AFTER)
            )
        )
        overlaps = any(found.start_char < e and s < found.end_char for s, e in taken)
        person = any(t.ent_type_ in ("PERSON", "WORK_OF_ART", "LAW", "EVENT") for t in found)
        if attributive and not language and not overlaps and not person:
            out.append(Mention(found.start_char, found.end_char, found.text, "NORP", "adjectival", "gazetteer"))
        i = found.end
    return out


# Words before a place name that make a place of a first name ("in Nathan", "Austin, Texas").
_PLACE_LEAD = frozenset({"in", "at", "from", "near", "to", "into", "outside", "of", "around", "across"})
# Words after a name that make it a place's: "Austin police", "a Charlotte woman", "Jackson residents".
PLACE_FOLLOW = frozenset("""police officers officer sheriff mayor residents resident man woman men women teen teens boy
    girl native natives area city county neighborhood neighbourhood suburb firefighters school schools
    apartment apartments kids children family families couple teenager teenagers toddler student students""".split())
# Prepositions after which the statistical NER's one-word person or nationality is a town: "children
# in Saginaw" (the small model reads many US towns as nationalities).
_TOWN_AFTER = frozenset({"in", "near", "outside", "inside"})


def place_context(span: Span) -> bool:
    """A preposition of place before the name, or a comma, its people or its police after it ("in
    Denton", "Denton, Texas", "Denton police"): words that make a name a place's."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].text if span.end < len(doc) else ""
    return before in _PLACE_LEAD or after == "," or after.lower() in PLACE_FOLLOW


def _first_name_alone(span) -> bool:
    """A one-word name the statistical NER took for a place that the text uses as a surname, or
    that is a common first name with no preposition of place before it, nor a comma or a word
    for the place's people after it: "the revolver shooting Nathan"."""
    from sitrep.nlp import PERSON_NAMES, surnames

    if len(span) != 1:
        return False
    if span.text in surnames(span.doc):
        return True  # "Ivan Lopez … Lopez opened fire"
    if span.text.lower() not in PERSON_NAMES:
        return False
    return not place_context(span)


def _lines_of(ent: Span):
    """The entity, or its pieces when it runs over a line break: no name goes on from a headline
    into the text below it ("… in Buffalo\n\nBUFFALO, N.Y." was one unresolvable place)."""
    if "\n" not in ent.text:
        yield ent
        return
    start = ent.start
    for i in range(ent.start, ent.end + 1):
        if i == ent.end or "\n" in ent.doc[i].text:
            if i > start:
                yield Span(ent.doc, start, i, label=ent.label_, span_id=ent.ent_id_)
            start = i + 1


def _town_misread(gaz: Gazetteer, ent: Span) -> bool:
    """A one-word person or nationality of the statistical NER that is a town's name: before its
    people, police or homes ("Austin police", "a Charlotte woman", "a Joliet teen"), or after a
    preposition of place ("children in Saginaw"), but not inside a capitalised name. A name of two
    or three words too, when it is a town's or an area's own name ("shot to death in Hazel Crest",
    a village of 14,000 the NER reads as a woman)."""
    doc = ent.doc
    if len(ent) > 3 or _is_demonym(gaz, ent.text) or ent.text.lower() in COMMON_NOUN_PLACES:
        return False  # "Metro Police", "Court Officer": everyday words before a job
    hits = gaz.lookup(ent.text)
    if not hits or len(ent) > 1 and not any(
            h.match == "full" and h.kind in ("name", "addition") and h.entry.fclass in ("P", "A") for h in hits):
        return False
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    followed = after is not None and after.lower_ in PLACE_FOLLOW and \
        (before is None or not before.is_title or before.lower_ in ("a", "an", "the"))
    led = before is not None and before.lower_ in _TOWN_AFTER and ent.text[:1].isupper() and \
        (after is None or not after.is_title)
    return followed or led


# Verbs of speech: a one-word name right before one is a person ("Barnes said"), unless it is a
# country, a province or a big city speaking for its government ("Moscow said").
_SPEECH = frozenset("said says told added explained testified stated wrote".split())


def _speaker(gaz: Gazetteer, span: Span) -> bool:
    doc = span.doc
    return len(span) == 1 and span.end < len(doc) and doc[span.end].lower_ in _SPEECH and \
        not _is_major_place(gaz, span.text)


# Words that make the place before them the name of a building elsewhere: "Mount Sinai
# Hospital" is in New York or Chicago, not in Sinai.
_BUILDING_AFTER = frozenset("hospital hospitals medical memorial clinic".split())


def _names_a_building(span: Span) -> bool:
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in _BUILDING_AFTER and doc[span.end].is_title


def _common_noun(span: Span) -> bool:
    """An everyday word the statistical NER took for a place ("Metro police", "the Temple"), with
    no preposition of place before it ("in Temple" stays)."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    return len(span) == 1 and span.text.lower() in COMMON_NOUN_PLACES and before not in _PLACE_LEAD


# Words for a part of any city, which GeoNames lists as some city's neighbourhood.
_CITY_PARTS = frozenset({"downtown", "uptown", "midtown"})


def _letters_only(gaz: Gazetteer, span: Span) -> bool:
    """One or two capital letters ("ER", "AL" of "Birmingham, AL") that name no country or place of
    sitrep's additions: an abbreviation (a state's postal code after a town is read as the town's
    container, see ``resolve.POSTAL_AFTER``), not the town GeoNames lists it as another name of
    ("Er", Hyères)."""
    text = span.text
    if len(text) > 2 or not text.isalpha() or not text.isupper():
        return False
    return not any(h.kind == "addition" or h.entry.fcode.startswith("PCL") for h in gaz.lookup(text))


def person_surnames(docs: Iterable[Doc]) -> frozenset[str]:
    """The last words of the statistical NER's persons of two words or more, over all the pieces of
    one article ("Robert Seth Denton's", "Derrick Stafford"): news names a person in full once, then
    by surname alone, and that bare surname is the person, not the town of that name the gazetteer
    holds ("Denton shot and killed his mother"). Where the NER did not read a piece, its persons
    are not known; the given-name rule of :func:`sitrep.nlp.surnames` still applies."""
    found: set[str] = set()
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ == "PERSON" and not ent.ent_id_:
                words = [t for t in ent if t.is_alpha]
                if len(words) >= 2 and words[-1].is_title:
                    found.add(words[-1].text)
    return frozenset(found)


def _person_named(span: Span, persons: frozenset[str]) -> bool:
    """A one-word place name that the article uses as a person's surname, with no preposition of
    place before it, nor a comma, its people or its police after it ("in Denton", "Denton, Texas",
    "Denton police" stay places)."""
    if len(span) != 1 or span.text not in persons:
        return False
    return not place_context(span)


def recognise(doc: Doc, *, demonyms: bool = True, persons: frozenset[str] = frozenset()) -> list[Mention]:
    """Place mentions in ``doc`` in text order (see the module docstring for what counts).
    ``persons``: the surnames of the article's persons (:func:`person_surnames`)."""
    gaz = get_gazetteer()
    out: list[Mention] = []
    for ent in (piece for e in doc.ents for piece in _lines_of(e)):
        label = ent.label_
        src = "ruler" if ent.ent_id_ else "ner"
        if label in PLACE_LABELS:
            span = _trim(ent)
            if span is None or not any(t.text[:1].isupper() or t.is_digit for t in span):
                continue
            span = _longer_name(gaz, span)
            if (
                DROP_UNKNOWN_SINGLE
                and src == "ner"
                and len(span) == 1
                and label in ("GPE", "LOC")
                and not gaz.lookup(span.text)
            ):
                continue
            if src == "ner" and _first_name_alone(span):
                continue
            if _person_named(span, persons) and not _is_major_place(gaz, span.text, PERSON_OVER_CITY):
                continue
            if _speaker(gaz, span) or (src == "ner" and _common_noun(span)) or _names_a_building(span):
                continue
            if _metonymic_building(gaz, span):
                continue
            if ent.ent_id_ != "place" and _letters_only(gaz, span):
                continue
            if len(span) == 1 and span.text.lower() in _CITY_PARTS:
                continue  # "in Downtown Fresno": a part of the town after it, not Honolulu's Downtown
            kind = "adjectival" if src == "ner" and _is_demonym(gaz, span.text) else "name"
            if kind == "adjectival" and not demonyms:
                continue
            out.append(Mention(span.start_char, span.end_char, span.text, label, kind, src))
        elif label in ("PERSON", "NORP") and _town_misread(gaz, ent):
            out.append(Mention(ent.start_char, ent.end_char, ent.text, "GPE", "name", "ner"))
        elif label == "NORP":
            if not demonyms:
                continue
            span = _trim(ent)
            if span is not None and span.text.lower() not in _LANGUAGE_FIRST and _is_demonym(gaz, span.text):
                out.append(Mention(span.start_char, span.end_char, span.text, label, "adjectival", src))
        elif label == "ORG":
            span = _trim(ent)
            if span is None:
                continue
            if not ent.ent_id_.startswith("actor:") and _town_misread(gaz, ent):
                # "Bismarck man arrested", "children shot in Humble": the NER's organisation too.
                out.append(Mention(ent.start_char, ent.end_char, ent.text, "GPE", "name", "ner"))
                continue
            if (seat := _local_body_seat(gaz, span)) is not None:
                out.append(Mention(seat.start_char, seat.end_char, seat.text, "GPE", "name", src))
                continue
            if (
                not ent.ent_id_.startswith("actor:")
                and span.text.lower() not in COMMON_NOUN_PLACES
                and _is_major_place(gaz, span.text)
            ):
                out.append(Mention(span.start_char, span.end_char, span.text, "GPE", "name", src))
                continue
            if demonyms:
                lead = _leading_place(gaz, span)
                if lead is not None:
                    out.append(Mention(lead.start_char, lead.end_char, lead.text, label, "embedded", src))
    if demonyms:
        out.extend(_demonym_tokens(doc, gaz, [(m.start, m.end) for m in out]))
        out.sort(key=lambda m: m.start)
    return out


def actor_countries(doc: Doc) -> Counter:
    """Country codes of the catalogued actors the ruler found in ``doc`` (resolution context)."""
    cat = actor_catalog()
    out: Counter = Counter()
    for ent in doc.ents:
        if ent.ent_id_.startswith("actor:") and ent.ent_id_ in cat:
            for cc in cat[ent.ent_id_][1]:
                out[cc] += 1
    return out
