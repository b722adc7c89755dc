"""Numbers as news writes them in temporal expressions: digits ("14", "2 1/2", "1.5", "1,000") and
words ("nine", "twenty-five", "twenty four", "a hundred", "two thousand", "a couple of", "a dozen").

``NUMBER`` is a regex fragment (no capturing groups) that matches one number; ``parse_number`` turns
the matched text into a float, or ``None`` for vague quantities ("a few", "several", "many").
Every quantifier is bounded and digit runs are anchored with a look-behind, so the fragment cannot
backtrack catastrophically on long runs of digits.
"""

from __future__ import annotations

import re

__all__ = ["NUMBER", "VAGUE", "ORDINAL", "parse_number", "parse_ordinal", "words_to_int"]

_ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000}

_ONES_RE = "|".join(_ONES)
_TEENS_RE = "|".join(_TEENS)
_TENS_RE = "|".join(_TENS)
# one to ninety-nine in words: "twenty-five", "twenty five", "nineteen", "six"
SMALL_WORDS = rf"(?:(?:{_TENS_RE})(?:[- ](?:{_ONES_RE}))?|{_TEENS_RE}|{_ONES_RE})"
# with an optional scale: "a hundred", "two hundred and fifty", "two thousand"
WORD_NUMBER = (
    rf"(?:(?:{SMALL_WORDS}|an?)\s{{1,3}}(?:hundred|thousand)(?:\s{{1,3}}(?:and\s{{1,3}})?{SMALL_WORDS})?"
    rf"|{SMALL_WORDS}|an?\s{{1,3}}dozen|(?:a\s{{1,3}})?couple\s{{1,3}}of|a\s{{1,3}}couple|(?:one|an?)\s{{1,3}}and\s{{1,3}}an?\s{{1,3}}half)"
)
# digits: "14", "1,000", "1.5", "2 1/2"; never starts inside a run of digits
DIGIT_NUMBER = r"(?<![\d.,/])(?:\d{1,3}(?:,\d{3}){1,2}|\d{1,4})(?:\.\d{1,2}|\s\d/\d|-1/2)?(?![\d/])"
NUMBER = rf"(?:{DIGIT_NUMBER}|(?i:{WORD_NUMBER})(?![\w]))"
# vague counts: "a few", "several", "many", "some", "a number of", "dozens of"
VAGUE = r"(?i:a\s{1,3}few|few|several|many|some|a\s{1,3}number\s{1,3}of|dozens\s{1,3}of|hundreds\s{1,3}of)"

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "thirtieth": 30,
}
ORDINAL = r"(?:\d{1,2}(?:st|nd|rd|th)|" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + ")"

_SPLIT = re.compile(r"[\s-]+")


def words_to_int(text: str) -> int | None:
    """'twenty-five' -> 25, 'two hundred and fifty' -> 250, 'a thousand' -> 1000; None if not a number."""
    total = 0
    current = 0
    seen = False
    for word in _SPLIT.split(text.lower().strip()):
        if not word or word == "and":
            continue
        if word in ("a", "an"):
            current += 1
            seen = True
        elif word in _ONES:
            current += _ONES[word]
            seen = True
        elif word in _TEENS:
            current += _TEENS[word]
            seen = True
        elif word in _TENS:
            current += _TENS[word]
            seen = True
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if word == "thousand":
                total += current
                current = 0
            seen = True
        elif word == "dozen":
            current = max(current, 1) * 12
            seen = True
        else:
            return None
    return total + current if seen else None


def parse_number(text: str) -> float | None:
    """The value of a NUMBER match; None for vague quantities or anything unparseable."""
    t = text.strip().lower().replace("\u00a0", " ")
    if not t:
        return None
    if "half" in t:  # "one and a half", "an and a half"
        base = words_to_int(t.split("and")[0])
        return (base or 0) + 0.5
    if "couple" in t:
        return 2.0
    if t[0].isdigit():
        frac = 0.0
        if "-1/2" in t:
            t, frac = t.replace("-1/2", ""), 0.5
        elif " " in t:
            t, f = t.split(" ", 1)
            try:
                a, b = f.split("/")
                frac = int(a) / int(b) if int(b) else 0.0
            except ValueError:
                frac = 0.0
        try:
            return float(t.replace(",", "")) + frac
        except ValueError:
            return None
    n = words_to_int(t)
    return float(n) if n is not None else None


def parse_ordinal(text: str) -> int | None:
    """'third' -> 3, '21st' -> 21."""
    t = text.strip().lower()
    if t[:1].isdigit():
        digits = "".join(ch for ch in t if ch.isdigit())
        return int(digits) if digits else None
    return _ORDINALS.get(t)
