"""Who says so: the claimant of a sentence ("the Russian defence ministry said", "according to
the Syrian Observatory", "state media reported") and whether it is flagged as unverified.

Works on a spaCy sentence (the subject of a reporting verb, from the parse) and falls back to
patterns for "according to X" and "…, X said." that the parse of noisy text sometimes misses.
"""

from __future__ import annotations

import re

from sitrep.nlp import lemma
from dataclasses import dataclass

REPORTING_LEMMAS = frozenset(
    "say report claim announce state tell add confirm allege accuse quote cite estimate insist warn "
    "note deny".split()
)
# Words that make a subject a source rather than a participant ("the army said" is a source;
# in "troops said to be advancing" the parse has no subject anyway).
_UNVERIFIED = re.compile(
    r"\b(?:could\s+not\s+(?:be\s+)?(?:independently\s+)?(?:verif|confirm)|cannot\s+(?:be\s+)?(?:independently\s+)?verif"
    r"|unverified|unconfirmed|were\s+not\s+(?:immediately\s+)?(?:verif|confirm)|no\s+independent\s+confirmation)",
    re.I,
)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<who>[^,.;:()]{2,90})", re.I)
_TRAILING = re.compile(
    r"[,;]\s*(?P<who>(?:the\s+|a\s+|an\s+)?[^,.;:()]{2,80}?)\s+(?:said|says|reported|reports|claimed|claims|announced|added|stated|told\s+\w+)(?=\s*[.;]|\s*$)",
    re.I,
)
_SAID_WHO = re.compile(
    r"[,;]\s*(?:said|says|reported|claimed|announced|added)\s+(?P<who>(?:the\s+|a\s+|an\s+)?[^,.;:()]{2,80}?)\s*\.?\s*$", re.I
)
_PRONOUNS = frozenset("he she they it we i you this that who which".split())


@dataclass(frozen=True, slots=True, kw_only=True)
class Attribution:
    claimant: str | None  # the words naming the source, as written
    unverified: bool  # the text says the claim could not be verified
    start: int | None = None  # offsets of the claimant within the sentence
    end: int | None = None


def _clean(who: str) -> str | None:
    who = re.sub(r"\s+", " ", who).strip(" ,.;:\"'“”")
    if not who or who.lower() in _PRONOUNS or len(who) > 90:
        return None
    return who


def attribution_of(sentence: str, doc_sentence=None) -> Attribution:
    """The claimant of ``sentence`` (text), using its spaCy span ``doc_sentence`` when given."""
    unverified = bool(_UNVERIFIED.search(sentence))
    m = _ACCORDING.search(sentence)
    if m and (who := _clean(m["who"])):
        return Attribution(claimant=who, unverified=unverified, start=m.start("who"), end=m.start("who") + len(who))
    if doc_sentence is not None:
        base = doc_sentence.start_char
        for tok in doc_sentence:
            if tok.pos_ == "VERB" and lemma(tok).lower() in REPORTING_LEMMAS:
                subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subj and tok.dep_ in ("ROOT", "ccomp", "parataxis", "conj", "advcl"):
                    span = doc_sentence.doc[subj[0].left_edge.i: subj[0].right_edge.i + 1]
                    who = _clean(span.text)
                    # A subject that is the sentence's own actor and a clause ("forces said to have…")
                    # is excluded by requiring a clausal complement or a sentence-final position.
                    has_clause = any(c.dep_ in ("ccomp", "parataxis") for c in tok.children) or tok.dep_ in ("parataxis", "ccomp")
                    if who and (has_clause or tok.i >= doc_sentence.end - 3):
                        return Attribution(claimant=who, unverified=unverified,
                                           start=span.start_char - base, end=span.start_char - base + len(span.text))
    for pattern in (_TRAILING, _SAID_WHO):
        m = pattern.search(sentence)
        if m and (who := _clean(m["who"])):
            start = m.start("who")
            return Attribution(claimant=who, unverified=unverified, start=start, end=start + len(who))
    return Attribution(claimant=None, unverified=unverified)
