"""Name normalisation for the gazetteer: one key per spelling family.

Conflict news spells the same Arabic place many ways (Deir ez-Zor, Deir al-Zour, Dayr az Zawr,
Deir Ezzor; Raqqa, Ar Raqqah, Rakka). Two keys are indexed:

``key(name)``
    lowercase, diacritics stripped, apostrophes/ayn marks dropped, hyphens and punctuation as
    spaces, periods dropped (``U.S.`` -> ``us``), leading "the" dropped and Arabic article tokens
    (al-, el-, ad-, ar-, as-, ash-, at-, az-, an-, ...) dropped when another token follows.
    ``Deir al-Zour`` -> ``deir zour``; ``Ar Raqqah`` -> ``raqqah``.
``skeleton(name)``
    a looser consonant skeleton of the key, used only as a fallback when the key finds nothing:
    q->k, ou->u, vowels and the semi-vowels w/y removed (but not a token's first letter), doubled
    letters collapsed, a final h dropped.
    Each token keeps its first letter and a fused article is dropped: ``Deir Ezzor``, ``Dayr az
    Zawr`` and ``Deir al-Zour`` all -> ``dr zr``; ``Tadmor`` and ``Tadmur`` -> ``tdmr``.

``full(name)`` is the key without article stripping, so an exact spelling can be preferred over a
looser one (``El Salvador`` vs ``Salvador``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Arabic definite-article forms as they appear in romanised names, hyphenated or not.
ARTICLES = frozenset("al el il ul ad ar as ash at az an adh ath ed er es et ez en ud ur us ut uz un".split())
_NON_WORD = re.compile(r"[^0-9a-z]+")
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiouyw]")


_TRANS = str.maketrans({**{c: None for c in "\u2019\u2018'`\u02bf\u02be\u02bb\u02bc\u00b4\u2032."}, "&": " and "})
_SPECIAL = str.maketrans({"ß": "ss", "ı": "i", "ø": "o", "æ": "ae", "đ": "d", "ł": "l", "œ": "oe", "þ": "th"})


def _fold(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().translate(_SPECIAL)
    else:
        text = text.lower()
    return _NON_WORD.sub(" ", text.translate(_TRANS)).strip()


def forms(text: str) -> tuple[str, str]:
    """``(full(text), key(text))`` in one pass, uncached (for bulk building)."""
    toks = _fold(text).split()
    if len(toks) > 1 and toks[0] == "the":
        toks = toks[1:]
    if len(toks) > 1 and toks[-1] == "co":
        toks[-1] = "county"  # "Ripley Co.", "FLOYD CO., Ind.": news's abbreviation
    n = len(toks)
    # In the key, "St. Joseph", "Port St. Lucie", "Mt. Pleasant", "Ft. Worth": the abbreviated words
    # written out as GeoNames mostly does ("Saint Joseph"), never a last word ("Main St."); the full
    # form keeps the spelling, so a place GeoNames names "St. Louis" still matches it exactly.
    return " ".join(toks), " ".join(_ABBREVIATED.get(t, t) if i + 1 < n else t for i, t in enumerate(toks)
                                    if not (t in ARTICLES and i + 1 < n))


_ABBREVIATED = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_FUSED_ARTICLE = re.compile(r"^[ae]([lnrstdz])\1(?=[a-z]{2})")  # "ezzor", "arraqqa", "assuwayda"


def skeleton_of_key(k: str) -> str:
    """The consonant skeleton of an already computed key: per token, the first letter kept, then
    a fused article dropped, q->k, ou->u, ph->f, vowels and w/y removed, doubles collapsed, a
    final h dropped."""
    out = []
    for tok in k.split():
        if tok.isdigit():
            out.append(tok)
            continue
        tok = _FUSED_ARTICLE.sub(r"\1", tok)
        t = tok.replace("q", "k").replace("ou", "u").replace("ph", "f").replace("ck", "k")
        t = t[0] + _VOWELS.sub("", t[1:])
        t = _DOUBLE.sub(r"\1", t)
        if len(t) > 1 and t.endswith("h"):
            t = t[:-1]
        out.append(t)
    return " ".join(out)


@lru_cache(maxsize=200_000)
def full(text: str) -> str:
    """Folded form with articles kept (``the`` dropped at the start)."""
    return forms(text)[0]


@lru_cache(maxsize=200_000)
def key(text: str) -> str:
    """The main index key: folded, article tokens dropped when another token follows."""
    return forms(text)[1]


@lru_cache(maxsize=200_000)
def skeleton(text: str) -> str:
    """Consonant skeleton of ``key(text)``: the fallback index for unseen transliterations."""
    return skeleton_of_key(key(text))


def is_latin(text: str) -> bool:
    """True when the name is written in Latin script (after stripping diacritics)."""
    if text.isascii():
        return any(ch.isalpha() for ch in text)
    folded = unicodedata.normalize("NFKD", text)
    letters = [ch for ch in folded if ch.isalpha()]
    return bool(letters) and all(("a" <= ch.lower() <= "z") or ch in "ßıøæđłœþ" for ch in letters)
