"""A rule-based temporal-expression tagger for English news: find TIMEX3 expressions and normalise
them to TimeML values relative to the article's publication date (the DCT).

``find_timexes(text, dct)`` returns ``Timex`` records (``sitrep.records``) with character offsets
into ``text``. The design follows HeidelTime's idea (regular-expression rules per expression kind,
then a normalisation step that resolves relative expressions against the DCT and the tense of the
sentence) but the rules, vocabulary and code here are our own, written against the TimeML
annotation guidelines and the conventions visible in the TempEval-3 training corpora:

- extents: modifiers that are part of the expression belong to it ("last week", "early next year",
  "nearly two years ago", "the third quarter", "the past 20 months"); prepositions do not ("on
  Sunday" -> "Sunday"); "N units after/later/before <event>" tags only "N units" as a DURATION;
- values: days 2016-03-27, months 2016-03, ISO weeks 2016-W11, weekends 2016-W11-WE, quarters
  2016-Q1, halves 2016-H1, seasons 2016-SU, decades 199, centuries 19, parts of day 2016-03-27TMO,
  clock times 2016-03-27T10:30, durations P9M / PT3H / PXW, sets P1W / XXXX-WXX-7, and the
  references PAST_REF / PRESENT_REF / FUTURE_REF;
- relative expressions are resolved against the DCT; weekdays and bare months look at the tense of
  the clause (news default: past); with no DCT they get TimeML's underspecified forms (XXXX-XX-XX,
  XXXX-WXX-7, XXXX-05 ...) and nothing is invented.

Handlers look at short slices of text around a match (8 to 40 characters: room for the one or two
words they test, such as "USA" before "Today" or "old" after "years"); longer windows carry their own
comment. Every regular expression is built from bounded pieces (``\\s{1,3}``, ``\\d{1,4}``, literal word
alternations) with no nested unbounded repetition, so matching is linear in the input length.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sitrep.dates.numbers import NUMBER, ORDINAL, VAGUE, parse_number, parse_ordinal, words_to_int
from sitrep.records import Timex

__all__ = ["find_timexes"]

# --------------------------------------------------------------------------------------------------
# vocabulary

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
_SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU",
                    9: "FA", 10: "FA", 11: "FA"}
_SEASONS = {"summer": "SU", "winter": "WI", "spring": "SP", "fall": "FA", "autumn": "FA"}
_PART_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
# unit -> (TimeML designator, is a time unit (PT...), scale to the designator)
_UNITS = {
    "second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1),
    "day": ("D", False, 1), "night": ("D", False, 1), "week": ("W", False, 1), "weekend": ("WE", False, 1),
    "fortnight": ("W", False, 2), "month": ("M", False, 1), "quarter": ("Q", False, 1),
    "year": ("Y", False, 1), "decade": ("Y", False, 10), "century": ("Y", False, 100),
    "millennium": ("Y", False, 1000),
}

S = r"\s{1,3}"  # the space between two words of one expression (a line break included)
# A comma inside a date, also as tokenised text writes it ("June 13 , 2011").
C = r"(?: ?,)"
_W = r"(?<![\w'])"  # start of a word
FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
ABBR_MONTH = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
MONTH = rf"(?:{FULL_MONTH}|{ABBR_MONTH}\.?|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)(?![a-z])"
WEEKDAY = r"(?:[Mm]onday|[Tt]uesday|[Ww]ednesday|[Tt]hursday|[Ff]riday|[Ss]aturday|[Ss]unday|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d])"
YEAR4 = r"(?<![\d$£€#.,])(?:1\d{3}|20\d\d)(?![\d])"
SPELLED_YEAR = (
    r"(?i:nineteen[\s-](?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|two\sthousand(?:\s(?:and\s)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty))?)"
)
UNIT_SG = r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|century|millennium)"
UNIT_PL = r"(?:seconds|minutes|hours|days|nights|weeks|weekends|fortnights|months|quarters|years|decades|centuries|millennia)"
UNIT = rf"(?:{UNIT_PL}|{UNIT_SG})"
APPROX = (
    r"(?i:about|almost|nearly|more\sthan|less\sthan|fewer\sthan|at\sleast|up\sto|no\smore\sthan|no\sless\sthan|"
    r"roughly|around|approximately|just\sover|just\sunder|well\sover|over|under|some|barely|only\sabout|"
    r"some|a\sfull|at\smost|close\sto|upwards\sof|the\sbetter\spart\sof)"
)
# approximators that TimeBank keeps inside a duration ("nearly forty years", "more than four hours");
# "about" is left out of durations (3 of 4 TimeBank cases exclude it) but kept in "about two years ago"
APPROX_DUR = (
    r"(?i:almost|nearly|more\sthan|less\sthan|fewer\sthan|at\sleast|up\sto|no\smore\sthan|no\sless\sthan|"
    r"roughly|approximately|just\sover|just\sunder|well\sover|over|under|barely|at\smost|close\sto|upwards\sof)"
)
TZ = r"(?:[ECMP][SD]T|GMT|UTC|ET|PT|CT|BST|CET|CEST|local\stime|Eastern\stime)"

_PL = {"centuries": "century", "millennia": "millennium"}


def _unit_of(word: str) -> str:
    w = word.lower()
    if w in _PL:
        return _PL[w]
    return w[:-1] if w.endswith("s") and w[:-1] in _UNITS else w


def _month_num(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _year_of(text: str) -> int | None:
    t = text.strip()
    if t[:1] == "'":
        yy = int(t[1:3])
        return 1900 + yy if yy > 30 else 2000 + yy  # '98 -> 1998, '16 -> 2016 (news covers ~1930-2030)
    if t.isdigit():
        return int(t)
    low = t.lower().replace("-", " ")
    if low.startswith("nineteen"):
        rest = words_to_int(low[len("nineteen"):])
        return 1900 + rest if rest is not None else None
    if low.startswith("two thousand"):
        rest = low[len("two thousand"):].replace("and", " ").strip()
        return 2000 + (words_to_int(rest) or 0 if rest else 0)
    return None


# --------------------------------------------------------------------------------------------------
# values


def _fmt_day(d: date) -> str:
    return d.isoformat()


def _fmt_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _fmt_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _quarter(m: int) -> int:
    return (m - 1) // 3 + 1


def _easter(y: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(y, month, day)


def _nth_weekday(y: int, m: int, wd: int, n: int) -> date:
    """The n-th (1-based; -1 = last) weekday ``wd`` (0=Monday) of a month."""
    if n > 0:
        first = date(y, m, 1)
        return first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    ny, nm = _add_months(y, m, 1)
    last = date(ny, nm, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - wd) % 7)


_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas": lambda y: date(y, 12, 25),
    "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24),
    "boxing day": lambda y: date(y, 12, 26),
    "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31),
    "independence day": lambda y: date(y, 7, 4),
    "halloween": lambda y: date(y, 10, 31),
    "valentine's day": lambda y: date(y, 2, 14),
    "veterans day": lambda y: date(y, 11, 11),
    "armistice day": lambda y: date(y, 11, 11),
    "remembrance day": lambda y: date(y, 11, 11),
    "bastille day": lambda y: date(y, 7, 14),
    "may day": lambda y: date(y, 5, 1),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "mother's day": lambda y: _nth_weekday(y, 5, 6, 2),
    "father's day": lambda y: _nth_weekday(y, 6, 6, 3),
    # US election day: the Tuesday after the first Monday of November
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
    "easter": _easter,
    "easter sunday": _easter,
    "easter monday": lambda y: _easter(y) + timedelta(days=1),
    "good friday": lambda y: _easter(y) - timedelta(days=2),
    "palm sunday": lambda y: _easter(y) - timedelta(days=7),
}

# --------------------------------------------------------------------------------------------------
# the document context: DCT, tense of a clause, the reporting quarter of a financial story

# cues of a future (or scheduled) event; "would" counts, as reported speech in news mostly looks ahead
_FUTURE_MARK = (
    r"(?:is|are|was|were)\s(?:planning|going|expected|scheduled|set|due|about|likely)\sto|planned\sto|"
    r"will|wo\s?n't|'ll|shall|going\sto|plans?\sto|planning\sto|expects?|expected|supposed\sto|effective|"
    r"starting|planned\sfor|slated|due\s(?:on|in|by|for)|would|"
    # present-tense verbs of schedules ("the ceasefire starts on Tuesday") speak of what is ahead
    r"starts|begins|opens|ends|expires|resumes|kicks\soff|takes\seffect|"
    r"scheduled|set\sto|intends?\sto|hopes?\sto|aims?\sto|is\sto|are\sto|as\ssoon\sas|as\searly\sas|"
    r"upcoming|to\sbe\sheld|tomorrow|prepares?\sto|"
    r"is\slikely|are\slikely|threatens?\sto|vows?\sto|promised\sto|pledged\sto|agreed\sto"
)
# cues of the past: common irregular past forms and past-time adverbs (regular -ed forms are matched apart)
_PAST_IRREGULAR = (
    r"said|told|was|were|had|did|took|left|met|began|came|went|gave|made|held|found|fled|fought|shot|"
    r"struck|won|lost|sent|fell|rose|saw|knew|thought|brought|bought|sold|led|hit|ran|spent|paid|"
    r"wrote|spoke|became|broke|chose|drove|flew|forgot|froze|grew|hid|kept|laid|lay|meant|overtook|"
    r"quit|rode|rang|sank|sat|shook|slept|stood|stole|swore|swept|taught|tore|threw|understood|woke|"
    r"wore|withdrew|ago|last|yesterday|earlier|former|previously|recently|already"
)
# -ed words that are not past-tense verbs (or are future markers handled above)
_NOT_PAST_ED = {
    "need", "speed", "feed", "indeed", "proceed", "exceed", "succeed", "seed", "bleed", "breed", "red",
    "bed", "shed", "hundred", "united", "expected", "scheduled", "planned", "based", "armed", "related",
    "concerned", "interested", "detailed", "limited", "advanced", "embed", "weed", "deed", "steed",
    "reed", "creed", "greed", "heed", "freed", "agreed",
}
_TENSE_RE = re.compile(
    rf"(?=[a-z'])(?<![\w'])(?:(?P<had>had(?:\sbeen)?\s)?(?P<fut>{_FUTURE_MARK})|(?P<past>{_PAST_IRREGULAR})|(?P<ed>[a-z]{{2,20}}ed))(?![\w'])"
)
# words before an -ed form that make it an adjective ("a still unspecified date"), not a verb
_ADJ_LEAD = re.compile(
    r"(?:^|\s)(?:a|an|the|still|its|their|his|her|our|my|your|very|most|more|less|newly|well|not|so|too|this|"
    r"that|these|those|any|some|each|every|highly|widely|long|much)\s{1,3}$",
    re.I,
)
# ... and before a participle that makes it passive, not past: "will be held", "is expected", "to be paid"
_PASSIVE_LEAD = re.compile(r"(?:^|\s)(?:be|being|is|are|am|get|gets|getting)\s{1,3}$", re.I)
# a preposition before the expression that makes it a limit ("until mid-November", "by Jan. 14",
# "extended to Nov. 16"): the clause's tense says nothing about which side of the DCT it lies
_LIMIT_BEFORE = re.compile(r"(?i)(?:^|\s)(?:until|till|by|through|to|before|from)\s{1,3}(?:(?:early|mid|late|the)[-\s]{1,3})?$")
_HAD = re.compile(r"\bhad\b")
_DEADLINE_BEFORE = re.compile(r"(?i)(?:^|\s)(?:until|till|by)\s{1,3}$")
# reporting verbs after the expression ("... on Thursday, officials said") say nothing about it
_REPORTING = {"said", "told", "reported", "announced", "added", "stated", "says", "explained", "wrote"}
# sentence boundary: ., ! or ? and space, not after a common abbreviation, or a blank line
_BOUNDARY_RE = re.compile(
    r"[.!?](?<!\bMr.)(?<!\bMs.)(?<!\bDr.)(?<!\bSt.)(?<!\bJr.)(?<!\bSr.)(?<!Mrs.)(?<!Gen.)(?<!Sen.)(?<!Rep.)(?<!Gov.)"
    r"(?<!Jan.)(?<!Feb.)(?<!Mar.)(?<!Apr.)(?<!Jun.)(?<!Jul.)(?<!Aug.)(?<!Sep.)(?<!ept.)(?<!Oct.)(?<!Nov.)(?<!Dec.)"
    r"(?<!\b[A-Z].)(?<!\.[a-z].)(?<!Inc.)(?<!orp.)(?<!\bCo.)"
    r"[\"')\]]{0,2}\s|\n\s{0,20}\n|[;:]\s"
)
# how far the tense cue may be from the expression: a clause of news text is rarely longer
# than ~25 words (~150 characters) before the expression and we look ~80 characters after it
_LEFT_WINDOW = 150
_RIGHT_WINDOW = 80
_AFTER_REPORTING = re.compile(r"\s{0,2}(?:[.,;:'\"`)]|that\b|$)")
PAST, NONE, FUTURE = -1, 0, 1
LIMIT = 2  # after "until", "by", "to": no tense, the nearest occurrence (ties go forward)


def clause_tenses(text: str) -> Callable[[int, int], int]:
    """For ``text``, a function giving the tense of the clause around ``text[start:end]``: PAST,
    FUTURE, NONE (no cue) or LIMIT (after "until", "by", "to" ...), as the resolver reads it."""
    return _Doc(text, None).tense


class _Doc:
    __slots__ = ("text", "dct", "_financial", "_tense_cache")

    def __init__(self, text: str, dct: date | None) -> None:
        self.text = text
        self.dct = dct
        self._financial: bool | None = None
        self._tense_cache: dict[tuple[int, int], int] = {}

    @property
    def financial(self) -> bool:
        """Does the story report periodic results (then "the quarter", "a year ago" mean quarters)?"""
        if self._financial is None:
            # two mentions of quarterly reporting make it an earnings story (one may be incidental);
            # the first 20,000 characters (a long article) are enough to tell
            low = self.text[:20000].lower()
            self._financial = (low.count("quarter") + low.count("a share")) >= 2
        return self._financial

    @property
    def report_quarter(self) -> tuple[int, int] | None:
        """The quarter results are reported for: the last complete quarter before the DCT."""
        if self.dct is None:
            return None
        q = _quarter(self.dct.month) - 1
        return (self.dct.year, q) if q >= 1 else (self.dct.year - 1, 4)

    def tense(self, start: int, end: int) -> int:
        """PAST, FUTURE, NONE (no cue) or LIMIT (after "until", "by", "to" ...): the tense of the
        clause around the expression, from the nearest cue before it, else the first one after it."""
        key = (start, end)
        hit = self._tense_cache.get(key)
        if hit is None:
            hit = self._tense_cache[key] = self._tense(start, end)
        return hit

    def _tense(self, start: int, end: int) -> int:
        text = self.text
        if _LIMIT_BEFORE.search(text, max(0, start - 20), start):  # 20: "until " + "early " and spaces
            return LIMIT
        left = text[max(0, start - _LEFT_WINDOW) : start]
        cuts = [b.end() for b in _BOUNDARY_RE.finditer(left)]
        if cuts:
            left = left[cuts[-1] :]
        # the verb governing a time adverbial usually precedes it ("met leaders on Monday and will
        # travel"): the nearest cue before the expression in its clause decides
        found = NONE
        for m in _TENSE_RE.finditer(left):
            t = self._mark(m)
            if t == PAST and self._participle(left, m):
                t = NONE
            if t:
                found = t
        if found:
            return found
        right = text[end : min(len(text), end + _RIGHT_WINDOW)]
        b = _BOUNDARY_RE.search(right)
        if b is not None:
            right = right[: b.start()]
        for m in _TENSE_RE.finditer(right):
            if m.group(0) in _REPORTING and "," in right[: m.start()] and _AFTER_REPORTING.match(right, m.end()):
                continue  # "..., officials said."
            t = self._mark(m)
            if t == PAST and self._participle(right, m):
                t = NONE
            if t:
                return t
        return NONE

    @staticmethod
    def _participle(window: str, m: re.Match) -> bool:
        """An -ed form used as an adjective or in a present/future passive is no past-tense cue."""
        lo = max(0, m.start() - 12)
        if m.group("ed") and _ADJ_LEAD.search(window, lo, m.start()):
            return True
        return bool((m.group("ed") or m.group("past")) and _PASSIVE_LEAD.search(window, lo, m.start()))

    @staticmethod
    def _mark(m: re.Match) -> int:
        if m.group("fut"):
            return PAST if m.group("had") else FUTURE
        if m.group("past"):
            return PAST
        word = m.group("ed")
        if word and word not in _NOT_PAST_ED:
            return PAST
        return NONE


# --------------------------------------------------------------------------------------------------
# resolution helpers (all return None or an underspecified value when there is no DCT)


def _resolve_weekday(doc: _Doc, wd: int, mod: str, start: int, end: int) -> str:
    dct = doc.dct
    if dct is None:
        return f"XXXX-WXX-{wd + 1}"
    cur = dct.weekday()
    if mod in ("last", "past", "this past"):
        diff = -((cur - wd) % 7 or 7)
    elif mod in ("next", "coming", "this coming"):
        diff = (wd - cur) % 7 or 7
    else:
        tense = doc.tense(start, end)
        if tense == LIMIT:
            # "until Tuesday", "by Friday": a deadline ahead unless the clause is in the past perfect
            # ("had filed reports by Wednesday"); "from/to/through Friday": no cue
            if _DEADLINE_BEFORE.search(doc.text, max(0, start - 12), start):
                # the clause around it: about a dozen words before and ten after
                clause = doc.text[max(0, start - 80) : min(len(doc.text), end + 60)]
                tense = PAST if _HAD.search(clause) else FUTURE
            else:
                tense = NONE
        if mod == "this" and tense != PAST:
            tense = FUTURE
        if tense == FUTURE:
            diff = (wd - cur) % 7
        else:
            diff = -((cur - wd) % 7)
    return _fmt_day(dct + timedelta(days=diff))


def _resolve_month(doc: _Doc, month: int, start: int, end: int, mod: str = "") -> str:
    dct = doc.dct
    if dct is None:
        return f"XXXX-{month:02d}"
    y = dct.year
    if mod in ("last", "past", "this past"):
        return _fmt_month(y if month < dct.month else y - 1, month)
    if mod in ("next", "coming", "this coming"):
        return _fmt_month(y if month > dct.month else y + 1, month)
    if mod == "this":
        return _fmt_month(y, month)
    tense = doc.tense(start, end)
    # the brief's rule for a bare month: the latest one not after the DCT unless the clause is in the
    # future tense; with no cue the news default is the past (on TimeBank + AQUAINT this reading and
    # the nearest-occurrence one of _cost differ by two matches out of 1,822)
    if tense == FUTURE:
        return _fmt_month(y if month >= dct.month else y + 1, month)
    if tense in (PAST, NONE):
        return _fmt_month(y if month <= dct.month else y - 1, month)
    # a limit ("by May", "until mid-November"): the nearest occurrence, ties going forward
    fwd = (month - dct.month) % 12
    back = (dct.month - month) % 12
    if fwd == 0:
        return _fmt_month(y, month)
    if _cost(fwd, tense) < _cost(-back, tense):
        return _fmt_month(y if month > dct.month else y + 1, month)
    return _fmt_month(y if month < dct.month else y - 1, month)


def _resolve_month_day(doc: _Doc, month: int, day: int, start: int, end: int) -> str:
    dct = doc.dct
    if dct is None:
        return f"XXXX-{month:02d}-{day:02d}"
    options = [d for d in (_safe_date(dct.year + k, month, day) for k in (-1, 0, 1)) if d is not None]
    if not options:
        return f"XXXX-{month:02d}-{day:02d}"
    tense = doc.tense(start, end)
    return _fmt_day(min(options, key=lambda d: _cost((d - dct).days, tense)))


# A day or month named without its year is the occurrence nearest the DCT, with the clause's tense
# weighing the direction: TimeBank dates such as "payable Dec. 7" or "extended to Nov. 16" in a
# past-tense story are still the coming ones, while "the year ended Jan. 31" is the past one. The
# factor 3 makes a past-tense clause prefer the past occurrence unless the future one is more than
# three times closer (e.g. 3 months ahead rather than 9 months back); with no tense cue, the news
# default of past events gives the future occurrence a milder 1.5 penalty.
_AGAINST_TENSE = 3.0
_UNMARKED_FUTURE = 1.5


def _cost(delta: int, tense: int) -> float:
    if tense == LIMIT:
        return abs(delta) - (0.5 if delta > 0 else 0)
    if delta > 0:
        return delta * (_AGAINST_TENSE if tense == PAST else _UNMARKED_FUTURE if tense == NONE else 1.0)
    return -delta * (_AGAINST_TENSE if tense == FUTURE else 1.0)


def _resolve_season(doc: _Doc, season: str, mod: str, start: int, end: int) -> str:
    dct = doc.dct
    if dct is None:
        return f"XXXX-{season}"
    cur = _SEASON_OF_MONTH[dct.month]
    cur_year = dct.year - 1 if dct.month <= 2 else dct.year  # winter belongs to the year it starts in
    order = ["SP", "SU", "FA", "WI"]
    ci, ti = order.index(cur), order.index(season)
    if mod in ("last", "past", "this past"):
        y = cur_year if ti < ci else cur_year - 1
    elif mod in ("next", "coming", "this coming"):
        y = cur_year if ti > ci else cur_year + 1
    elif mod == "this":
        y = cur_year
    else:
        tense = doc.tense(start, end)
        if tense == FUTURE:
            y = cur_year if ti >= ci else cur_year + 1
        else:
            y = cur_year if ti <= ci else cur_year - 1
    return f"{y:04d}-{season}"


def _resolve_quarter(doc: _Doc, n: int, start: int, end: int) -> str:
    dct = doc.dct
    if dct is None:
        return f"XXXX-Q{n}"
    # TimeBank convention: a quarter named without a year is the one of the DCT's (fiscal) year;
    # one after the DCT's quarter in a past-tense clause is last year's, one before it in a future
    # clause next year's
    cur = _quarter(dct.month)
    tense = doc.tense(start, end)
    y = dct.year
    if n > cur and tense == PAST:
        y -= 1
    elif n < cur - 1 and tense == FUTURE:
        y += 1  # the quarter just ended is still reported on ("expects to report third-quarter")
    return f"{y:04d}-Q{n}"


def _shift(doc: _Doc, unit: str, n: int, fallback: str) -> str:
    """The DCT moved by ``n`` units, at the granularity of the unit."""
    dct = doc.dct
    if dct is None:
        return fallback
    if unit in ("day", "night"):
        return _fmt_day(dct + timedelta(days=n))
    if unit in ("week", "fortnight"):
        return _fmt_week(dct + timedelta(days=7 * n * (2 if unit == "fortnight" else 1)))
    if unit == "weekend":
        return _fmt_week(dct + timedelta(days=7 * n)) + "-WE"
    if unit == "month":
        y, m = _add_months(dct.year, dct.month, n)
        return _fmt_month(y, m)
    if unit == "quarter":
        y, q = divmod((dct.year * 4 + _quarter(dct.month) - 1) + n, 4)
        return f"{y:04d}-Q{q + 1}"
    if unit == "year":
        return f"{dct.year + n:04d}" if 1 <= dct.year + n <= 9999 else fallback
    if unit == "decade":
        return f"{(dct.year // 10 + n):03d}" if 0 <= dct.year // 10 + n <= 999 else fallback
    if unit == "century":
        return f"{(dct.year // 100 + n):02d}" if 0 <= dct.year // 100 + n <= 99 else fallback
    if unit in ("hour", "minute", "second"):
        return _fmt_day(dct)
    return fallback


def _duration(n: float | None, unit: str) -> str:
    """TimeML duration value: P9M, PT3H, P2Y6M (2 1/2 years), PXW (vague)."""
    code, timeish, scale = _UNITS[unit]
    if code == "WE":
        code, scale = "D", 2
    if code == "Q":
        if n is None:
            return "PXM"  # TimeBank writes vague quarters as months
        code, scale = "M", 3
    prefix = "PT" if timeish else "P"
    if n is None:
        if unit == "decade":
            return "PXE"
        if unit == "century":
            return "PXC"
        return f"{prefix}X{code}"
    total = n * scale
    if total == int(total):
        return f"{prefix}{int(total)}{code}"
    whole, frac = int(total), total - int(total)
    # a fractional count in the next smaller unit: 2 1/2 years -> P2Y6M, 1 1/2 hours -> PT1H30M
    smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60), "S": None}
    nxt = smaller.get(code) if code != "M" or not timeish else ("S", 60)
    if nxt:
        sub = round(frac * nxt[1])
        head = f"{whole}{code}" if whole else ""
        if code == "D" and not timeish:
            return f"P{head}T{sub}H"
        return f"{prefix}{head}{sub}{nxt[0]}"
    return f"{prefix}{total:g}{code}"


# --------------------------------------------------------------------------------------------------
# rules


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    type: str
    value: str | None
    prio: int
    anaphor: Callable[[date | None, str | None], str] | None = None


Handler = Callable[[re.Match, _Doc], "tuple | list | None"]
_RULES: list[tuple[str, re.Pattern, Handler, int]] = []


def rule(pattern: str, prio: int = 0, flags: int = 0):
    """Register a handler for a pattern; the handler returns (type, value), (start, end, type, value),
    a list of those, or None to reject the match."""

    def deco(fn: Handler) -> Handler:
        _RULES.append((fn.__name__, re.compile(pattern, flags), fn, prio))
        return fn

    return deco


def _g(m: re.Match, name: str) -> str:
    return m.group(name) or ""


# words that, written with a capital, may precede a bare month name ("In May", "Since March")
_MONTH_LEADS = {
    "in", "since", "by", "until", "till", "last", "next", "this", "early", "late", "mid", "during",
    "before", "after", "from", "through", "on", "of", "every", "each", "that", "the", "throughout",
    "between", "and", "or", "to", "into", "for", "around", "about", "as", "but", "past",
}
_NEXT_CAP_WORD = re.compile(r"\s{1,2}([A-Z][a-z]{1,30})")


def _prev_word(text: str, pos: int) -> str:
    """The word before ``pos`` (skipping up to three non-word characters), or ""."""
    i = pos - 1
    skipped = 0
    while i >= 0 and skipped < 3 and not (text[i].isalnum() or text[i] in "'."):
        i -= 1
        skipped += 1
    end = i + 1
    while i >= 0 and end - i <= 25 and (text[i].isalnum() or text[i] in "'."):  # 25: longer words don't matter
        i -= 1
    word = text[i + 1 : end]
    while word and not word[0].isalpha():
        word = word[1:]
    return word


# count nouns after a four-digit number that make it a quantity, not a year
_COUNT_AFTER = re.compile(
    r"\s{0,2}(?:%|percent|per\s?cent|people|persons|troops|soldiers|men|women|children|shares|"
    r"members|workers|employees|jobs|units|tons|tonnes|barrels|acres|miles|kilometers|kilometres|km|"
    r"feet|meters|metres|pounds|kg|votes|seats|cases|deaths|dead|residents|refugees|families|homes|"
    r"houses|cars|vehicles|rockets|missiles|rounds|fighters|militants|rebels|civilians|prisoners|"
    r"dollars|euros|yen|points|calories|hp|mph|ft|m\b|cc|rpm|hectares|signatures|students|"
    r"patients|cattle|head|pupils|delegates|attendees|inmates|police|officers|policemen|guards)(?![\w])",
    re.I,
)
_MONEY_BEFORE = re.compile(r"(?:[$£€#]|US\$|C\$|A\$|HK\$|No\.|Nos\.|number|route|flight|room|page|pages|item|"
                           r"Highway|Interstate|Article|Section|Resolution|Rule|model|Boeing|Airbus|Fig\.?|Vol\.?)\s{0,2}$",
                           re.I)


_CLOCK_ZONE = re.compile(rf"\s{{1,2}}{TZ}(?![A-Za-z])")
_LINE_STAMP = re.compile(r"(?m)^[ \t]{0,3}([01]\d|2[0-3])[0-5]\d(?=[ \t]{1,3}[A-Z])")
# Lines of a live page that open with a clock time ("2057 In a moving report ...", "2044 A
# company in Miami ..."): one such line may be a year, three are a page's time stamps.
LINE_STAMPS_MIN = 3


def _clock_time(text: str, start: int, end: int) -> bool:
    """Is the four-digit number at ``start:end`` a 24-hour clock time rather than a year: followed
    by a time zone ("2022 GMT", "1422 local time"), or one of several lines of a live page
    opening with a time ("2057 In a moving report")?"""
    hhmm = text[start:end]
    if not (len(hhmm) == 4 and hhmm.isdigit() and int(hhmm[:2]) < 24 and int(hhmm[2:]) < 60):
        return False
    if _CLOCK_ZONE.match(text, end):
        return True
    line = text.rfind("\n", 0, start) + 1
    if text[line:start].strip(" \t") or not _LINE_STAMP.match(text, line):
        return False
    return sum(1 for _ in zip(range(LINE_STAMPS_MIN), _LINE_STAMP.finditer(text))) >= LINE_STAMPS_MIN


# ---- absolute dates ---------------------------------------------------------------------------------


@rule(
    rf"{_W}(?:(?i:around){S})?(?:(?P<wd>{WEEKDAY}){C}?{S})?(?P<mon>{MONTH}){S}(?P<day>{DAY})"
    rf"(?:(?:{C}{S}|{S}|{C})(?P<year>{YEAR4}|'\d\d(?![\d'])))?(?![\d%]|:\d|\.\d|,\d{{3}})"
    rf"(?:(?P<conj>{S}(?:and|or|to){S}|-)(?P<day2>{DAY})(?![\d%]|:\d|\.\d|{S}{MONTH})(?:{C}?{S}(?P<year2>{YEAR4}))?)?",
    prio=5,
)
def date_mdy(m: re.Match, doc: _Doc):
    if m.group("day2"):
        # "April 24 and 25": two dates, the second one borrowing the month (and year)
        first = _date_mdy_value(m, doc, int(re.sub(r"\D", "", m.group("day"))))
        second = _date_mdy_value(m, doc, int(re.sub(r"\D", "", m.group("day2"))))
        if first is None:
            return None
        out = [(m.start(), m.start("conj"), "DATE", first)]
        if second is not None and not m.group("year"):
            out.append((m.start("day2"), m.end(), "DATE", second))
        return out
    return ("DATE", v) if (v := _date_mdy_value(m, doc, int(re.sub(r"\D", "", m.group("day"))))) else None


def _date_mdy_value(m: re.Match, doc: _Doc, day: int) -> str | None:
    month = _month_num(m.group("mon"))
    year = m.group("year") or m.group("year2")
    if year:
        y = _year_of(year)
        d = _safe_date(y, month, day) if y else None
        return _fmt_day(d) if d else None
    if _safe_date(2000, month, day) is None:
        return None
    return _resolve_month_day(doc, month, day, m.start(), m.end())


@rule(rf"{_W}(?P<mon>{MONTH}){S}(?P<day>[12]\d|3[01]|0[1-9]|[1-9])(?P<year>(?:19|20)\d\d)(?!\d)", prio=5)
def date_mdy_fused(m: re.Match, doc: _Doc):
    """A day and year run together by a scrape that dropped the space between page elements ("Last
    updated at Jul 172015"): about 30 times in FA-KES, never as anything but a date."""
    d = _safe_date(int(m.group("year")), _month_num(m.group("mon")), int(m.group("day")))
    return ("DATE", _fmt_day(d)) if d else None


@rule(
    rf"{_W}(?:(?P<wd>{WEEKDAY}){C}?{S})?(?:(?i:the){S})?(?P<day>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)(?:{S}of)?{S}"
    rf"(?P<mon>{MONTH})(?:{C}?{S}(?P<year>{YEAR4}))?",
    prio=5,
)
def date_dmy(m: re.Match, doc: _Doc):
    before = doc.text[max(0, m.start() - 12) : m.start()]
    if re.search(r"[\d$£€.,]\s{0,2}$", before):
        return None
    month = _month_num(m.group("mon"))
    day = int(re.sub(r"\D", "", m.group("day")))
    if m.group("year"):
        d = _safe_date(int(m.group("year")), month, day)
        return ("DATE", _fmt_day(d)) if d else None
    if _safe_date(2000, month, day) is None:
        return None
    return "DATE", _resolve_month_day(doc, month, day, m.start(), m.end())


@rule(r"(?<![\d\w-])(?P<year>1\d{3}|20\d\d)-(?P<mon>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])"
      r"(?:T(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d)?)?(?![\d])", prio=6)
def date_iso(m: re.Match, doc: _Doc):
    d = _safe_date(int(m.group("year")), int(m.group("mon")), int(m.group("day")))
    if d is None:
        return None
    if m.group("h"):
        return "TIME", f"{_fmt_day(d)}T{m.group('h')}:{m.group('mi')}"
    return "DATE", _fmt_day(d)


@rule(r"(?<![\d/.\w])(?P<a>\d{1,2})(?P<sep>[/.]|-(?=\d{1,2}-\d{4}(?!\d)))(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/]|\.\d)",
      prio=6)
def date_numeric(m: re.Match, doc: _Doc):
    a, b = int(m.group("a")), int(m.group("b"))
    ys = m.group("y")
    y = int(ys) if len(ys) == 4 else (1900 + int(ys) if int(ys) > 30 else 2000 + int(ys))
    if not 1000 <= y <= 2099:  # the same year range as YEAR4
        return None
    # slashes: US month/day/year unless the first number cannot be a month; dots: day.month.year;
    # dashes (with a four-digit year): day-month-year as Al-Manar's "21-02-2016" datelines, unless
    # the second number cannot be a month
    if m.group("sep") == "/" and a <= 12 or m.group("sep") == "-" and b > 12:
        month, day = a, b
    else:
        day, month = a, b
    d = _safe_date(y, month, day)
    return ("DATE", _fmt_day(d)) if d else None


@rule(
    rf"{_W}(?:(?P<mod>(?i:early|mid|late|the{S}(?:end|beginning|start|middle|first{S}half|second{S}half)){S}of{S}|"
    rf"(?i:early|mid|late)[-\s]{{1,3}}|mid-))?(?P<mon>{MONTH})(?:,{S}|{S}of{S}|{S})(?P<year>{YEAR4}|'\d\d(?![\d'])|{SPELLED_YEAR})(?![\w])",
    prio=5,
)
def month_year(m: re.Match, doc: _Doc):
    y = _year_of(m.group("year"))
    if y is None:
        return None
    return "DATE", _fmt_month(y, _month_num(m.group("mon")))


@rule(
    rf"{_W}(?:(?P<mod>(?i:early|mid|late|the{S}(?:end|beginning|start|middle|first{S}half|second{S}half){S}of)|"
    rf"(?i:last|next|this|this{S}past|this{S}coming|past|coming))(?:{S}|-))?"
    rf"(?P<mon>{FULL_MONTH}|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
    rf"(?:{S}(?P<rel>this|last|next){S}year)?(?![\w])",
    prio=3,
)
def month_alone(m: re.Match, doc: _Doc):
    text = doc.text
    mon = m.group("mon")
    mod = (m.group("mod") or "").lower().replace("-", "").strip()
    month = _month_num(mon)
    if not mod:
        prev_word = _prev_word(text, m.start())
        # a capitalised word before it (not a preposition) or after it: part of a name
        # ("Theresa May", "April Ryan", "June Carter"), not a month
        if prev_word and prev_word[0].isupper() and prev_word.lower() not in _MONTH_LEADS:
            return None
        if mon != mon.upper():
            nxt = _NEXT_CAP_WORD.match(text, m.end())
            if nxt and nxt.group(1).lower() not in {"the", "a", "and", "in", "when", "after", "before"}:
                return None
        if mon == "May" and (not prev_word or prev_word.lower() not in _MONTH_LEADS):
            return None  # the modal verb, or a name
        if mon == "March" and (not prev_word or prev_word.lower() not in _MONTH_LEADS):
            return None  # the noun / verb at a sentence start
    rel = m.group("rel")
    if rel:
        if doc.dct is None:
            return "DATE", f"XXXX-{month:02d}"
        y = doc.dct.year + {"this": 0, "last": -1, "next": 1}[rel]
        return "DATE", _fmt_month(y, month)
    core = mod if mod in ("last", "next", "this", "thispast", "thiscoming", "past", "coming") else ""
    core = {"thispast": "this past", "thiscoming": "this coming"}.get(core, core)
    return "DATE", _resolve_month(doc, month, m.start(), m.end(), core)


@rule(
    rf"{_W}(?:(?P<pre>(?i:fiscal|calendar|fy|the{S}year|the{S}(?:end|beginning|start|middle|first{S}half|second{S}half|"
    rf"spring|summer|autumn|fall|winter|turn){S}of|(?:early|mid|late|end|end-|start|beginning)(?:{S}of)?)){S}|(?i:mid|end|early|late)-)?"
    rf"(?P<year>{YEAR4})(?![\w]|%|,\d|\.\d|-(?!(?:1\d{{3}}|20\d\d|\d\d)(?![\d\w]))\d|'s?\b)",
    prio=2,
)
def year_alone(m: re.Match, doc: _Doc):
    text = doc.text
    y = int(m.group("year"))
    pre = (m.group("pre") or "").lower()
    s = m.start("year")
    before = text[max(0, s - 16) : s]
    if _MONEY_BEFORE.search(before):
        return None
    if _COUNT_AFTER.match(text, m.end()):
        return None
    if _clock_time(text, s, m.end()):
        return None
    if re.match(r"\s{0,2}(?:million|billion|trillion|thousand|-(?:year|day|month|hour))", text[m.end() : m.end() + 12], re.I):
        return None
    # a standalone number is a year when it lies in the modern news range; older ones need a cue
    # (a preposition or "the year"); 1900-2099 is where nearly all years in news fall
    if not pre and y < 1900:
        if not re.search(r"(?:in|since|of|from|until|till|by|to|between|and|year|before|after|circa|c\.)\s{1,2}$", before, re.I):
            return None
    if re.search(r"\d\s{0,2}(?:-|to|and)\s{0,2}$", before) and not pre:
        # "1,500 to 2000" style ranges of counts; "between 1994 and 1997" keeps both (no digit before)
        # The number is taken whole from the start of its run of digits and commas (possessively),
        # so a long run is walked once, not once per digit.
        prevnum = re.search(r"(?<![\d,]),*+(\d[\d,]*+)\s{0,2}(?:-|to|and)\s{0,2}$", before)
        if prevnum and not re.fullmatch(r"1\d{3}|20\d\d", prevnum.group(1)):
            return None
    if pre.startswith("the first half") or pre.startswith("the second half"):
        return "DATE", f"{y:04d}-H{1 if 'first' in pre else 2}"
    for season, code in _SEASONS.items():
        if pre.startswith(f"the {season}"):
            return "DATE", f"{y:04d}-{code}"
    return "DATE", f"{y:04d}"


@rule(rf"(?i:{_W}(?:the{S}year{S}|in{S}))(?P<year>{SPELLED_YEAR})(?![\w-])", prio=3)
def year_spelled(m: re.Match, doc: _Doc):
    y = _year_of(m.group("year"))
    if y is None:
        return None
    start = m.start() if m.group(0).lower().startswith("the") else m.start("year")
    return start, m.end(), "DATE", f"{y:04d}"


@rule(rf"{_W}(?P<year>(?i:nineteen[\s-](?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?))(?![\w-])", prio=2)
def year_spelled_19(m: re.Match, doc: _Doc):
    y = _year_of(m.group("year"))
    return ("DATE", f"{y:04d}") if y else None


@rule(
    rf"{_W}(?:(?P<the>(?i:the)){S})?(?:(?P<mod>(?i:early|mid|late)|(?i:the{S})?(?:first|second|last){S}half{S}of(?:{S}the)?)[-\s]{{1,3}})?"
    rf"(?:(?P<dec>(?:1\d|20)\d)0'?s|['’](?P<d2>\d)0'?s|(?<=[\s-])(?P<d3>[2-9])0s|(?P<word>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)))(?![\w])",
    prio=4,
)
def decade(m: re.Match, doc: _Doc):
    if m.group("dec"):
        value = m.group("dec")
    elif m.group("d2"):
        value = "19" + m.group("d2")
    elif m.group("d3"):
        if not (m.group("the") or m.group("mod")):
            return None  # "in his 90s", "temperatures in the 90s" need "the"/"early" ... at least
        value = "19" + m.group("d3")
    else:
        if not m.group("the"):
            return None  # "in his forties" is an age
        words = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"]
        value = "19" + str(words.index(m.group("word").lower()) + 2)
    return "DATE", value


@rule(rf"(?i:{_W}(?:the{S}|this{S}|last{S}|next{S})?(?:(?:early|mid|late)[-\s]{{1,3}})?(?P<ord>{ORDINAL})[-\s]{{1,3}}century)(?![\w])", prio=4)
def century(m: re.Match, doc: _Doc):
    n = parse_ordinal(m.group("ord"))
    if not n or n > 21:  # the 21st century is the latest news speaks of
        return None
    return "DATE", f"{n - 1:02d}"


# ---- weekdays, today / yesterday / tomorrow, parts of day -------------------------------------------


@rule(
    rf"{_W}(?:(?P<mod>(?i:last|this{S}past|this{S}coming|this|next|past|coming)){S})?"
    rf"(?P<wd>{WEEKDAY})(?:{S}(?P<part>(?i:morning|afternoon|evening|night|overnight)))?(?![\w])",
    prio=4,
)
def weekday(m: re.Match, doc: _Doc):
    wd = _WEEKDAYS[m.group("wd").lower()]
    mod = re.sub(r"\s+", " ", (m.group("mod") or "").lower())
    value = _resolve_weekday(doc, wd, mod, m.start(), m.end())
    part = (m.group("part") or "").lower()
    if part:
        # TimeBank types "Wednesday night" as a DATE (17 of 21 weekday + part-of-day expressions)
        return "DATE", f"{value}T{_PART_OF_DAY[part]}" if doc.dct else f"XXXX-WXX-{wd + 1}T{_PART_OF_DAY[part]}"
    return "DATE", value


@rule(
    rf"{_W}(?:(?P<mod>(?i:early|late)){S})?(?P<word>(?i:today|yesterday|tomorrow|tonight|"
    rf"the{S}day{S}before{S}yesterday|the{S}day{S}after{S}tomorrow))(?:{S}(?P<part>(?i:morning|afternoon|evening|night)))?(?![\w])",
    prio=4,
)
def relative_day(m: re.Match, doc: _Doc):
    word = re.sub(r"\s+", " ", m.group("word").lower())
    if word == "today" and re.search(r"(?:USA|Russia|China|India|Business|Psychology)\s$", doc.text[max(0, m.start() - 10) : m.start()]):
        return None  # newspaper titles: USA Today, Russia Today
    if m.group("word") == "Today" and re.match(r"\s(?:show|program|programme)", doc.text[m.end() : m.end() + 12]):
        return None
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2}[word]
    part = (m.group("part") or "").lower()
    if word == "tonight":
        part = "night"
    if doc.dct is None:
        base = "XXXX-XX-XX"
        if word == "today" and not part:
            return "DATE", "PRESENT_REF"
    else:
        base = _fmt_day(doc.dct + timedelta(days=offset))
    if part:
        return "TIME", f"{base}T{_PART_OF_DAY[part]}"
    return "DATE", base


@rule(
    rf"{_W}(?:(?P<mod>(?i:early|late|earlier|later)){S})?(?P<rel>(?i:this|last|yesterday|tomorrow)){S}(?P<part>(?i:morning|afternoon|evening|night))(?![\w])",
    prio=5,
)
def part_of_day(m: re.Match, doc: _Doc):
    rel = m.group("rel").lower()
    part = m.group("part").lower()
    if rel == "this" and part == "night":
        offset = 0
    elif rel == "last":
        if part != "night":
            return None  # "last evening" is rare and ambiguous
        offset = -1
    else:
        offset = {"this": 0, "yesterday": -1, "tomorrow": 1}[rel]
    base = "XXXX-XX-XX" if doc.dct is None else _fmt_day(doc.dct + timedelta(days=offset))
    return "TIME", f"{base}T{_PART_OF_DAY[part]}"


@rule(rf"{_W}(?P<word>(?i:overnight|mid[-\s]?afternoon|mid[-\s]?morning|mid-?day|midday))(?![\w-])(?:{S}(?P<day>(?i:today|yesterday|tomorrow)))?", prio=2)
def part_word(m: re.Match, doc: _Doc):
    word = re.sub(r"[-\s]", "", m.group("word").lower())
    if word == "overnight" and not m.group("day"):
        return None  # "overnight" is mostly an adverb of duration, not tagged in TimeBank
    code = {"overnight": "TNI", "midafternoon": "TAF", "midmorning": "TMO", "midday": "T12:00"}[word]
    day = (m.group("day") or "today").lower()
    if doc.dct is None:
        base = "XXXX-XX-XX"
    else:
        base = _fmt_day(doc.dct + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[day]))
    return "TIME", base + code


# ---- clock times ---------------------------------------------------------------------------------------

_DAY_AFTER_TIME = (
    rf"(?:(?:,|{S}on|{S}|,{S})(?:{S})?(?P<day>{WEEKDAY}|(?i:today|yesterday|tomorrow)|{MONTH}{S}{DAY}(?:,{S}{YEAR4})?))?"
)


def _time_day(m: re.Match, doc: _Doc) -> str | None:
    """The day a clock time belongs to: an attached day phrase, else the DCT."""
    day = m.group("day")
    if not day:
        return _fmt_day(doc.dct) if doc.dct else None
    low = day.lower()
    if low in _WEEKDAYS:
        v = _resolve_weekday(doc, _WEEKDAYS[low], "", m.start(), m.end())
        return None if v.startswith("X") else v
    if low in ("today", "yesterday", "tomorrow"):
        if doc.dct is None:
            return None
        return _fmt_day(doc.dct + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[low]))
    mm = re.match(rf"(?P<mon>{MONTH}){S}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,{S}(?P<y>\d{{4}}))?", day)
    if mm:
        month, dd = _month_num(mm.group("mon")), int(mm.group("d"))
        if mm.group("y"):
            d = _safe_date(int(mm.group("y")), month, dd)
            return _fmt_day(d) if d else None
        v = _resolve_month_day(doc, month, dd, m.start(), m.end())
        return None if v.startswith("X") else v
    return None


@rule(
    rf"{_W}(?:(?P<approx>(?i:around|approximately)){S})?(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s{{0,2}}"
    rf"(?P<ampm>[aApP]\.\s?[mM]\.?|[aApP][mM](?![\w])|(?i:o'clock))(?:{S}(?P<tz>{TZ}))?(?![\w])" + _DAY_AFTER_TIME,
    prio=6,
)
def clock_time(m: re.Match, doc: _Doc):
    h = int(m.group("h"))
    mi = int(m.group("mi") or 0)
    ampm = m.group("ampm").lower()
    if ampm.startswith("p") and h < 12:
        h += 12
    elif ampm.startswith("a") and h == 12:
        h = 0
    if h > 23 or (ampm[0] in "ap" and int(m.group("h")) > 12):
        return None
    day = _time_day(m, doc)
    return "TIME", (day or "XXXX-XX-XX") + f"T{h:02d}:{mi:02d}"


@rule(rf"{_W}(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:{S}(?P<tz>{TZ})|\s?(?P<hrs>h(?:rs|ours)?))(?![\w])" + _DAY_AFTER_TIME, prio=5)
def clock_24h(m: re.Match, doc: _Doc):
    if not (m.group("tz") or m.group("hrs")):
        return None
    day = _time_day(m, doc)
    return "TIME", (day or "XXXX-XX-XX") + f"T{int(m.group('h')):02d}:{m.group('mi')}"


@rule(rf"{_W}(?P<word>(?i:noon|midnight)){_DAY_AFTER_TIME.replace('(?:(?:,', '(?:(?:,', 1)}(?![\w])", prio=5)
def noon_midnight(m: re.Match, doc: _Doc):
    word = m.group("word").lower()
    if re.search(r"(?i)high\s$", doc.text[max(0, m.start() - 5) : m.start()]):
        return None  # "High Noon"
    day = _time_day(m, doc)
    clock = "T12:00" if word == "noon" else "T24:00"
    return "TIME", (day or "XXXX-XX-XX") + clock


@rule(rf"{_W}(?P<n>{NUMBER}){S}in{S}the{S}(?P<part>morning|afternoon|evening)(?![\w])", prio=5)
def hour_in_part(m: re.Match, doc: _Doc):
    n = parse_number(m.group("n"))
    if n is None or n != int(n) or not 1 <= n <= 12:
        return None
    h = int(n) + (12 if m.group("part") != "morning" and n < 12 else 0)
    day = _fmt_day(doc.dct) if doc.dct else "XXXX-XX-XX"
    return "TIME", f"{day}T{h:02d}:00"


# ---- relative units: last week, this year, earlier this month, next summer ---------------------------

_REL_PRE = (
    rf"(?P<pre>(?i:earlier|later|early|late|mid|the{S}(?:end|beginning|start|middle|rest|remainder|close){S}of|"
    rf"(?:the{S})?(?:first|second|last|latter){S}half{S}of|sometime|some{S}time))[-\s]{{1,3}}"
)


@rule(
    rf"{_W}(?:{_REL_PRE})?(?P<rel>(?i:this{S}past|this{S}coming|this|last|next|the{S}past|the{S}last|the{S}coming|the{S}next|"
    rf"the{S}previous|the{S}following|the{S}current|the{S}same|past|coming|previous|current|the{S}latest))"
    rf"{S}(?P<fiscal>(?i:fiscal|calendar){S})?(?P<unit>(?i:week|weekend|month|year|quarter|decade|century|summer|winter|spring|fall|autumn|semester))(?![\w-])",
    prio=5,
)
def relative_unit(m: re.Match, doc: _Doc):
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    unit = m.group("unit").lower()
    if m.group(0) in ("This Week", "Next Week"):
        prev = doc.text[max(0, m.start() - 2) : m.start()].strip()
        if prev[-1:] in "\"'`“‘" or prev[-1:].isalpha():
            return None  # title case inside a sentence or after a quote: ABC News' "This Week"
    pre = re.sub(r"\s+", " ", (m.group("pre") or "").lower())
    rel_core = rel.replace("the ", "").replace("this past", "last").replace("this coming", "next")
    rel_core = {"past": "last", "previous": "last", "coming": "next", "following": "next", "current": "this",
                "latest": "this", "same": "this"}.get(rel_core, rel_core)
    if rel in ("the following", "the same", "the previous", "the next") and unit not in ("season",):
        # anaphoric: relative to the last time mentioned, not the DCT
        step = {"the following": 1, "the next": 1, "the previous": -1, "the same": 0}[rel]
        if unit in _SEASONS or unit == "semester":
            return None
        return _anaphoric(m, unit, step)
    if unit in _SEASONS:
        season = _SEASONS[unit]
        return "DATE", _resolve_season(doc, season, rel_core, m.start(), m.end())
    if unit == "semester":
        return None
    n = {"last": -1, "this": 0, "next": 1}[rel_core]
    if rel == "the latest" and unit == "quarter":
        rq = doc.report_quarter
        if rq is None:
            return "DATE", "XXXX-QX"
        return "DATE", f"{rq[0]:04d}-Q{rq[1]}"
    if rel in ("the past", "the last", "the next", "the coming") and unit in ("decade", "century"):
        return "DURATION", _duration(1, unit)
    if unit == "quarter" and rel_core == "this" and doc.financial and rel in ("this", "the latest"):
        rq = doc.report_quarter  # "this quarter" in an earnings story is the one being reported
        return "DATE", f"{rq[0]:04d}-Q{rq[1]}" if rq else "XXXX-QX"
    if rel == "the last" and unit == "quarter" and doc.financial:
        rq = doc.report_quarter
        return "DATE", f"{rq[0]:04d}-Q{rq[1]}" if rq else "XXXX-QX"
    fallback = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "year": "XXXX", "quarter": "XXXX-QX",
                "decade": "XXX", "century": "XX"}[unit]
    value = _shift(doc, unit, n, fallback)
    if "half" in pre and unit == "year" and value[:4].isdigit():
        value = value[:4] + ("-H1" if "first" in pre else "-H2")
    return "DATE", value


def _anaphoric(m: re.Match, unit: str, step: int):
    """A candidate resolved later against the last date mentioned before it ("the following month")."""

    def resolve(ref: date | None, ref_value: str | None) -> str:
        if ref is None:
            return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}.get(unit, "XXXX")
        coarse = ref_value if ref_value and re.fullmatch(r"\d{4}(?:-\d\d)?", ref_value) else None
        if coarse and step == 0 and unit in ("day", "month"):
            # "that day" after a month or year: only what is known ("1998-10-XX")
            if unit == "day":
                return coarse + ("-XX" if len(coarse) == 7 else "-XX-XX")
            if len(coarse) == 4:
                return coarse + "-XX"
        if unit == "day":
            return _fmt_day(ref + timedelta(days=step))
        if unit == "week":
            return _fmt_week(ref + timedelta(days=7 * step))
        if unit == "month":
            y, mo = _add_months(ref.year, ref.month, step)
            return _fmt_month(y, mo)
        if unit == "year":
            return f"{ref.year + step:04d}"
        if unit == "quarter":
            y, q = divmod(ref.year * 4 + _quarter(ref.month) - 1 + step, 4)
            return f"{y:04d}-Q{q + 1}"
        return f"{ref.year:04d}"

    return ("ANAPHOR", resolve)


@rule(
    rf"{_W}(?P<rel>(?i:that|the{S}same|the{S}following|the{S}next|the{S}previous|the{S}preceding|later{S}that|earlier{S}that|"
    rf"the{S}same|that{S}same))(?:{S}(?P<unit>(?i:day|year|month|week|night|morning|evening|afternoon)))(?![\w-])",
    prio=3,
)
def anaphoric_unit(m: re.Match, doc: _Doc):
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    unit = m.group("unit").lower()
    if unit in ("night", "morning", "evening", "afternoon"):
        part = _PART_OF_DAY[unit]
        shift = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1}.get(rel, 0)

        def resolve(ref: date | None, ref_value: str | None) -> str:
            return (_fmt_day(ref + timedelta(days=shift)) if ref else "XXXX-XX-XX") + f"T{part}"

        return ("ANAPHOR_TIME", resolve)
    step = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1}.get(rel, 0)
    if rel == "that" and unit == "day" and re.match(r"\s{1,3}(?:of|when|that)\b", doc.text[m.end() : m.end() + 8]):
        return None
    return _anaphoric(m, unit, step)


@rule(
    rf"{_W}(?P<pre>(?i:earlier|later|early|late|sometime|some{S}time)){S}(?P<rel>(?i:in{S}the|that|the)){S}(?P<unit>(?i:week|month|year|day))(?![\w-])",
    prio=4,
)
def earlier_in_the_year(m: re.Match, doc: _Doc):
    rel = m.group("rel").lower()
    unit = m.group("unit").lower()
    if rel.startswith("in") or rel == "the":
        if unit == "day":
            return "DATE", _fmt_day(doc.dct) if doc.dct else "XXXX-XX-XX"
        return "DATE", _shift(doc, unit, 0, {"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}[unit])
    return _anaphoric(m, unit, 0)


# ---- N units ago / from now / earlier ----------------------------------------------------------------


@rule(
    rf"{_W}(?:(?P<approx>{APPROX}){S})?(?P<num>{NUMBER}|{VAGUE}|(?i:a)){S}(?:(?i:more|full|long){S})?(?P<unit>(?i:{UNIT})){S}"
    rf"(?:(?i:or{S}so|or{S}more|or{S}two|or{S}less){S})?(?P<dir>(?i:ago|from{S}now|hence|earlier|before|later|after|back))(?![\w])",
    prio=6,
)
def units_ago(m: re.Match, doc: _Doc):
    direction = m.group("dir").lower()
    unit = _unit_of(m.group("unit"))
    numtext = m.group("num")
    n = parse_number(numtext) if not re.fullmatch(VAGUE, numtext) else None
    if numtext.lower() == "a":
        n = 1.0
    if direction in ("earlier", "before", "later", "after"):
        if unit == "year" and n == 1 and direction in ("earlier", "before") and numtext.lower() in ("a", "one"):
            # "a year earlier" compares with the year before (TimeBank tags it as a date)
            return "DATE", _year_ago_value(doc)
        if unit == "year" and n == 1 and direction == "earlier":
            return "DATE", _year_ago_value(doc)
        end = m.start("dir")
        span_end = end - 1
        while span_end > m.start() and doc.text[span_end - 1].isspace():
            span_end -= 1
        if n is None and unit in ("year", "day", "month", "week") and numtext.lower().startswith(("several", "many", "some")):
            return m.start(), span_end, "DURATION", _duration(None, unit)
        return m.start(), span_end, "DURATION", _duration(n, unit)
    if direction == "back":
        return None
    sign = 1 if direction in ("from now", "hence") else -1
    if n is None:
        if numtext.lower().replace(" ", "") in ("afew",) and unit == "year" and doc.dct:
            return "DATE", f"{doc.dct.year // 10:03d}X"
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    if unit == "year" and n == 1 and sign < 0:
        return "DATE", _year_ago_value(doc)
    k = int(round(n)) if n == int(n) else None
    if k is None:
        if unit in ("year",) and doc.dct:
            return "DATE", f"{doc.dct.year - int(round(n)):04d}"
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    if unit == "decade":
        return "DATE", _shift(doc, "year", sign * 10 * k, "XXXX")
    if unit == "century":
        return "DATE", _shift(doc, "year", sign * 100 * k, "XXXX")
    fallback = {"day": "XXXX-XX-XX", "night": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
                "quarter": "XXXX-QX", "year": "XXXX", "fortnight": "XXXX-WXX"}.get(unit, "XXXX-XX-XX")
    return "DATE", _shift(doc, unit, sign * k, fallback)


def _year_ago_value(doc: _Doc) -> str:
    """'a year ago' / 'a year earlier': the year before the DCT, the same quarter a year back in an
    earnings story (TimeBank's financial reports compare quarters year on year)."""
    if doc.dct is None:
        return "XXXX"
    if doc.financial:
        rq = doc.report_quarter
        return f"{rq[0] - 1:04d}-Q{rq[1]}"
    return f"{doc.dct.year - 1:04d}"


@rule(rf"{_W}(?P<word>(?i:years|decades|centuries|months|weeks|days|moments|minutes|hours|ages|long)){S}(?P<dir>(?i:ago))(?![\w])", prio=4)
def vague_ago(m: re.Match, doc: _Doc):
    word = m.group("word").lower()
    if word == "long":
        return None
    return "DATE", "PAST_REF"


# ---- durations -----------------------------------------------------------------------------------------


@rule(
    rf"{_W}(?:(?P<approx>{APPROX_DUR}){S}|(?P<the>(?i:the|these|those|its|their|his|her|a|an)){S}"
    rf"(?:(?P<rel>(?i:past|last|next|first|coming|previous|following|final|latest|remaining|same|other|initial|"
    rf"entire|whole|full|ensuing|intervening|preceding|succeeding|subsequent|year-earlier|year-ago)){S})?)?"
    rf"(?P<num>{NUMBER}|{VAGUE}|(?i:an?)(?=\s))(?:(?:{S}(?:to|or){S}|-)(?P<num2>{NUMBER}))?{S}"
    rf"(?:(?P<adj>(?i:more|full|straight|consecutive|trading|business|calendar|working|long|short|additional|further|"
    rf"extra|successive|separate|different|tumultuous|difficult)){S})?"
    rf"(?P<unit>(?i:{UNIT}))(?P<orso>{S}or{S}so)?(?![\w-])",
    prio=3,
)
def duration(m: re.Match, doc: _Doc):
    text = doc.text
    unit = _unit_of(m.group("unit"))
    numtext = m.group("num")
    vague = bool(re.fullmatch(VAGUE, numtext))
    n = 1.0 if numtext.lower() in ("a", "an") else None if vague else parse_number(numtext)
    if not vague and n is None:
        return None
    the = (m.group("the") or "").lower()
    rel = (m.group("rel") or "").lower()
    approx = m.group("approx")
    if unit == "year" and re.match(r"(?i)\s{0,3}-?(?:old|long)\b|\s{1,3}of\s+age\b", text[m.end() : m.end() + 16]):
        return None  # ages ("52 years old") and "years-long" compounds are not durations here
    if numtext.lower() in ("a", "an") and unit in ("second", "quarter") and not (approx or rel):
        return None  # "a second group", "a quarter of the market": not durations
    if the == "the" and rel == "same" and n == 1:
        return None  # "the same day": the anaphoric rule
    if the == "the" and rel in ("past", "last", "next", "coming") and vague and unit == "quarter":
        # TimeBank: "the past several quarters" is a reference to the past, not a duration
        return m.start(), m.end(), "DATE", "PAST_REF" if rel in ("past", "last") else "FUTURE_REF"
    start = m.start()
    plural = m.group("unit").lower().endswith("s")
    if not rel and not approx:
        if the in ("its", "their", "his", "her", "these", "those"):
            start = m.start("num")  # the possessive is not part of the expression
        elif the in ("a", "an") and not vague and not numtext.lower().startswith(("couple", "dozen", "hundred", "thousand")):
            start = m.start("num")  # "a 10-day" / "a three day": the article belongs to the noun phrase
        elif the == "the" and not plural and n is not None and n != 1:
            start = m.start("num")  # "the [two day] rally": an adjective, the determiner is not part of it
    value = _duration(n, unit)
    n2 = parse_number(m.group("num2")) if m.group("num2") else None
    if n is not None and n2 is not None and unit == "month" and n2 - n > 3:
        # a wide range of months is vague in TimeBank ("the next 12 to 18 months" -> PXM), a narrow
        # one keeps its lower bound ("two to three weeks" -> P2W); 3 months separates the two cases
        value = _duration(None, unit)
    return start, m.end(), "DURATION", value


@rule(
    rf"{_W}(?P<num>{NUMBER}|(?i:half|a|one|several|few|multi|many))-(?P<unit>(?i:second|minute|hour|day|night|week|month|quarter|year|decade|century))"
    rf"(?:-(?P<suffix>old|long))?(?![\w-])",
    prio=4,
)
def duration_adj(m: re.Match, doc: _Doc):
    unit = _unit_of(m.group("unit"))
    numtext = m.group("num").lower()
    if m.group("suffix") == "old" and unit == "year":
        return None  # ages: "a 13-year-old"
    if m.group("suffix") == "old" and re.match(r"(?i)\s{1,3}(?:son|daughter|baby|babies|boy|girl|child|children|infant|twins?)\b", doc.text[m.end() : m.end() + 12]):
        return None  # ages of infants: "their 6-month-old son"
    if numtext in ("several", "few", "multi", "many"):
        n = None
    elif numtext == "half":
        n = 0.5
    elif numtext == "a":
        n = 1.0
    else:
        n = parse_number(m.group("num"))
        if n is None:
            return None
    if n is not None and n > 1000:
        return None
    return "DURATION", _duration(n, unit)


_MODAL_BEFORE = re.compile(r"(?i)\b(?:will|would|could|may|might|can|should|must|hopes?|hoped|wish|dreams?)\s{1,3}(?:\w+\s{1,3})?$")


@rule(rf"{_W}(?P<w>(?i:one{S}day|some{S}day|someday))(?![\w-])", prio=5)
def one_day(m: re.Match, doc: _Doc):
    """ "Islam will one day be ...": an indefinite future (TimeBank FUTURE_REF), not a duration."""
    if _MODAL_BEFORE.search(doc.text, max(0, m.start() - 30), m.start()) or m.group("w").lower().startswith("some"):
        return "DATE", "FUTURE_REF"
    return None


@rule(rf"{_W}(?P<adj>(?i:year-earlier|year-ago|year-before))(?![\w-])", prio=2)
def year_ago_adj(m: re.Match, doc: _Doc):
    return "DATE", _year_ago_value(doc)


@rule(rf"{_W}(?P<unit>(?i:years|months|weeks|days|decades|centuries|hours))-(?:long|old)(?![\w-])", prio=3)
def units_long(m: re.Match, doc: _Doc):
    return "DURATION", _duration(None, _unit_of(m.group("unit")))


@rule(rf"{_W}(?P<the>(?i:the)){S}(?P<unit>(?i:years|months|weeks|days|decades)){S}(?i:ahead|to{S}come)(?![\w-])", prio=4)
def units_ahead(m: re.Match, doc: _Doc):
    return "DURATION", _duration(None, _unit_of(m.group("unit")))


@rule(rf"{_W}(?P<unit>(?i:day|week|month|year|decade|night|hour|minute))-long(?![\w-])", prio=3)
def unit_long(m: re.Match, doc: _Doc):
    return "DURATION", _duration(1, _unit_of(m.group("unit")))


@rule(
    rf"{_W}(?:(?P<mod>(?i:the{S}coming|the{S}next|the{S}past|the{S}last|the{S}following|the{S}previous|the{S}early|the{S}later|"
    rf"the{S}final|the{S}first|the{S}recent|the|recent|coming|future|past|previous|many|several|few|long|for|within|in|after|"
    rf"over|of|these|those|some|earlier|later)){S})?(?P<unit>(?i:years|months|weeks|days|hours|minutes|decades|centuries|quarters))(?![\w-])",
    prio=1,
)
def bare_units(m: re.Match, doc: _Doc):
    mod = re.sub(r"\s+", " ", (m.group("mod") or "").lower())
    unit = _unit_of(m.group("unit"))
    text = doc.text
    after = text[m.end() : m.end() + 12]
    if re.match(r"(?i)\s{1,3}(?:old|ago|of\s+age|later|earlier|before|after)\b", after) and mod not in ("recent", "the recent"):
        if re.match(r"(?i)\s{1,3}old\b|\s{1,3}of\s+age", after):
            return None
    before = text[max(0, m.start() - 12) : m.start()]
    if re.search(r"[\d]\s{0,2}$|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozen|hundreds|thousands)\s{1,3}$", before, re.I):
        return None  # part of a count handled by the duration rule (or a count of events)
    if mod in ("the", "these", "those"):
        if mod == "these" and unit == "day":
            return "DATE", "PRESENT_REF"
        if mod == "the" and re.match(r"(?i)\s{1,3}(?:before|after|leading|following|preceding|since)\b", after):
            # "in the weeks before the shooting": TimeBank tags the bare plural
            return m.start("unit"), m.end(), "DURATION", _duration(None, unit)
        if mod == "the" and unit in ("year", "decade", "century"):
            return m.start(), m.end(), "DURATION", _duration(None, unit)
        return None
    if mod == "the past" and unit in ("year",):
        return "DURATION", _duration(None, unit)
    if mod in ("for", "within", "in", "after", "over", "of", "some", "earlier", "later"):
        # the preposition is not part of the expression
        start = m.start("unit")
        if mod in ("in", "of") and unit not in ("year", "month", "week", "decade", "century"):
            return None
        if mod == "of" and not re.search(r"(?i)\b(?:after|following|end|follows|because)\s{1,3}$", text[max(0, m.start() - 12) : m.start()]):
            return None
        return start, m.end(), "DURATION", _duration(None, unit)
    if mod in ("many", "several", "few", "long"):
        return "DURATION", _duration(None, unit)
    if mod in ("recent", "the recent", "the past", "the last", "past"):
        if unit == "quarter":
            return "DATE", "PAST_REF"
        return "DURATION", _duration(None, unit)
    if mod in ("the coming", "the next", "coming", "future", "the following", "the later", "the final"):
        if unit == "quarter" or mod == "future":
            return "DATE", "FUTURE_REF"
        return "DURATION", _duration(None, unit)
    if mod in ("the early", "the first", "the previous", "previous"):
        return "DURATION", _duration(None, unit)
    if not mod:
        if unit in ("hour", "minute", "quarter", "day"):
            return None
        return "DURATION", _duration(None, unit)
    return None


@rule(rf"{_W}(?P<a>(?i:a|one)){S}(?P<unit>(?i:minute|hour|day|week|month|year)){S}and{S}a{S}half(?![\w])", prio=5)
def and_a_half(m: re.Match, doc: _Doc):
    return "DURATION", _duration(1.5, _unit_of(m.group("unit")))


# ---- quarters, halves, fiscal periods ------------------------------------------------------------------

_ORD_Q = r"(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th|final))"


@rule(
    rf"{_W}(?:(?P<det>(?i:the|its|this{S}year's|last{S}year's|next{S}year's|the{S}year-earlier|the{S}year-ago|"
    rf"the{S}year-before|year-earlier|year-ago|the{S}same)|(?P<ypos>{YEAR4})'s|(?i:the){S}(?P<yadj>{YEAR4})){S})?"
    rf"(?:(?P<fy>(?i:fiscal|calendar))[-\s]{{1,3}})?{_ORD_Q}[-\s]{{1,3}}(?:(?i:fiscal|calendar){S})?(?P<q>(?i:quarter|period))(?P<pl>s)?"
    rf"(?:{S}(?i:of){S}(?:(?i:fiscal|calendar){S})?(?P<year>{YEAR4})|{S}(?i:of){S}(?P<rel>(?i:this|last|next)){S}(?i:year)|"
    rf"(?:{S}|,{S})(?P<year2>{YEAR4})(?![\w,]))?(?![\w])",
    prio=5,
)
def ordinal_quarter(m: re.Match, doc: _Doc):
    n = parse_ordinal(m.group("ord"))
    if m.group("ord").lower() == "final":
        n = 4
    if not n or n > 4:
        return None
    if m.group("pl"):
        return None  # "the second and fourth quarters": a set, left alone
    if m.group("q").lower() == "period":
        return None
    det = re.sub(r"\s+", " ", (m.group("det") or "").lower())
    year = m.group("year") or m.group("year2") or m.group("ypos") or m.group("yadj")
    start = m.start()
    hyphenated = doc.text[m.end("ord") : m.end("ord") + 1] == "-" or (m.group("fy") and doc.text[m.end("fy")] == "-")
    if (det in ("its", "the") and hyphenated) or det == "its":
        # "the third-quarter loss": an adjective, TimeBank leaves the determiner out; a possessive
        # is left out too ("its [fourth quarter]", 3 of 4 TimeBank cases)
        start = m.start("fy") if m.group("fy") else m.start("ord")
    if year:
        y = int(year)
    elif m.group("rel") or det in ("this year's", "last year's", "next year's"):
        rel = (m.group("rel") or det.split()[0]).lower()
        if doc.dct is None:
            return start, m.end(), "DATE", f"XXXX-Q{n}"
        y = doc.dct.year + {"this": 0, "last": -1, "next": 1}[rel]
    elif det in ("the year-earlier", "the year-ago", "the year-before", "year-earlier", "year-ago"):
        if doc.dct is None:
            return start, m.end(), "DATE", f"XXXX-Q{n}"
        v = _resolve_quarter(doc, n, m.start(), m.end())
        y = int(v[:4]) - 1
    else:
        return start, m.end(), "DATE", _resolve_quarter(doc, n, m.start(), m.end())
    return start, m.end(), "DATE", f"{y:04d}-Q{n}"


@rule(rf"(?<![\w-])(?:Q(?P<n>[1-4])(?:{S}|-|')?(?P<year>{YEAR4}|(?<=')\d\d)?|(?P<n2>[1-4])Q(?P<y2>\d\d)?)(?![\w])", prio=5)
def q_abbrev(m: re.Match, doc: _Doc):
    n = int(m.group("n") or m.group("n2"))
    if m.group("year"):
        ys = m.group("year")
        y = int(ys) if len(ys) == 4 else 2000 + int(ys)
        return "DATE", f"{y:04d}-Q{n}"
    if m.group("y2"):
        yy = int(m.group("y2"))
        return "DATE", f"{(1900 + yy if yy > 30 else 2000 + yy):04d}-Q{n}"
    if m.group("n2"):
        return None  # "3Q" alone is too ambiguous
    return "DATE", _resolve_quarter(doc, n, m.start(), m.end())


@rule(
    rf"{_W}(?P<det>(?i:the|this|its|that)){S}(?:(?P<kind>(?i:(?:(?:comparable|corresponding|same){S})?(?:year-earlier|year-ago|year-before)|latest|current|same|comparable|corresponding|"
    rf"recent|just-ended|just{S}ended|previous|prior|past|last|first|second|third|fourth|fiscal|(?:1\d|20)\d\d)){S})?"
    rf"(?P<noun>(?i:quarter|period))(?:{S}(?P<tail>(?i:a{S}year{S}(?:ago|earlier)|(?:of{S})?last{S}year|a{S}year{S}before)))?(?![\w-])",
    prio=4,
)
def the_quarter(m: re.Match, doc: _Doc):
    det = m.group("det").lower()
    kind = re.sub(r"\s+", " ", (m.group("kind") or "").lower())
    noun = m.group("noun").lower()
    tail = (m.group("tail") or "").lower()
    if kind in ("first", "second", "third", "fourth"):
        return None  # the ordinal-quarter rule
    if noun == "period" and not (kind or tail):
        return None
    if noun == "period" and kind in ("fiscal",):
        return None
    if doc.dct is None:
        return "DATE", "XXXX-QX"
    rq = doc.report_quarter
    cur = (doc.dct.year, _quarter(doc.dct.month))
    if kind.isdigit():
        y = int(kind)
        if noun == "period":
            return "DATE", f"{y:04d}"
        return "DATE", f"{y:04d}-Q{rq[1]}"
    if tail or kind.endswith(("year-earlier", "year-ago", "year-before")) or kind in ("comparable", "corresponding"):
        return "DATE", f"{rq[0] - 1:04d}-Q{rq[1]}"
    if kind in ("current",) or (det == "this" and not kind):
        if det == "this" and doc.financial:
            return "DATE", f"{rq[0]:04d}-Q{rq[1]}"
        return "DATE", f"{cur[0]:04d}-Q{cur[1]}"
    if kind in ("previous", "prior", "past", "last"):
        if noun == "period":
            return None
        return "DATE", f"{rq[0]:04d}-Q{rq[1]}"
    if kind == "same":
        return None
    if noun == "quarter" and not kind and not doc.financial:
        return None
    return "DATE", f"{rq[0]:04d}-Q{rq[1]}"


@rule(
    rf"{_W}(?:(?P<the>(?i:the|its|this{S}year's|last{S}year's)){S})?(?P<which>(?i:first|second|last|latter|final|back|front)){S}"
    rf"half(?:{S}(?i:of){S}(?:(?P<rel>(?i:this|last|next|the)){S}(?i:year)|(?i:fiscal){S}(?P<fy>{YEAR4})|(?P<year>{YEAR4})|(?i:the){S}(?i:year)))?(?![\w-])",
    prio=4,
)
def half_year(m: re.Match, doc: _Doc):
    which = m.group("which").lower()
    h = 1 if which in ("first", "front") else 2
    year = m.group("year") or m.group("fy")
    if not (m.group("the") or year or m.group("rel")):
        return None
    if year:
        return "DATE", f"{int(year):04d}-H{h}"
    if doc.dct is None:
        return "DATE", f"XXXX-H{h}"
    rel = (m.group("rel") or "").lower()
    the = (m.group("the") or "").lower()
    y = doc.dct.year + {"last": -1, "next": 1}.get(rel, 0) + (-1 if the.startswith("last") else 0)
    if not rel and not year and not the.endswith("year's"):
        tense = doc.tense(m.start(), m.end())
        cur_h = 1 if doc.dct.month <= 6 else 2
        if h > cur_h and tense == PAST:
            y -= 1
    return "DATE", f"{y:04d}-H{h}"


@rule(
    rf"{_W}(?:(?P<around>(?i:around|about|by|at)){S})?(?:(?P<the>(?i:the)){S})?(?P<what>(?i:year[-\s]end|year's{S}end|end{S}of{S}the{S}year|"
    rf"end{S}of{S}the{S}month|end{S}of{S}the{S}week|beginning{S}of{S}the{S}year|start{S}of{S}the{S}year|"
    rf"current{S}fiscal{S}year|current{S}year|full{S}year|fiscal{S}year|year|week|month|day|end{S}of{S}the{S}day))(?![\w-])",
    prio=2,
)
def the_year(m: re.Match, doc: _Doc):
    what = re.sub(r"[\s-]+", " ", m.group("what").lower())
    around = (m.group("around") or "").lower()
    the = m.group("the")
    start = m.start() if around == "around" else (m.start("the") if the else m.start("what"))
    after = doc.text[m.end() : m.end() + 14]
    dct = doc.dct
    if what in ("year end", "year's end", "end of the year"):
        if not the and what == "end of the year":
            return None
        if not the and what == "year end" and not around:
            pass
        return start, m.end(), "DATE", f"{dct.year:04d}" if dct else "XXXX"
    if what in ("end of the month", "end of the week", "end of the day", "beginning of the year", "start of the year"):
        if not the:
            return None
        if what == "end of the day":
            return None
        unit = what.split()[-1]
        return start, m.end(), "DATE", _shift(doc, unit, 0, {"month": "XXXX-XX", "week": "XXXX-WXX", "year": "XXXX"}[unit])
    if not the:
        return None
    if what in ("current fiscal year", "current year", "full year"):
        return start, m.end(), "DATE", f"{dct.year:04d}" if dct else "XXXX"
    if what == "fiscal year":
        return start, m.end(), "DURATION", "P1Y"
    if what == "year":
        if re.match(r"(?i)\s{0,2}(?:-|ago|earlier|before|after|later|'s|in\b|to\b)", after):
            if re.match(r"(?i)\s{1,2}to\s+date", after):
                return start, m.end(), "DATE", f"{dct.year:04d}" if dct else "XXXX"
            return None
        if re.match(r"(?i)\s{1,2}(?:ended|ending|through|that\s+ended)\b", after):
            return start, m.end(), "DURATION", "P1Y"
        before = doc.text[max(0, m.start() - 10) : m.start()]
        if not re.search(r"(?i)\b(?:for|in|during|of|over|throughout|through|this|into)\s{1,2}$", before):
            return None
        return start, m.end(), "DATE", f"{dct.year:04d}" if dct else "XXXX"
    if what == "week":
        before = doc.text[max(0, m.start() - 10) : m.start()]
        if not re.search(r"(?i)\b(?:for|during|over|throughout)\s{1,2}$", before):
            return None
        if re.match(r"(?i)\s{1,2}(?:of|before|after|ended|ending|earlier)\b", after):
            return None
        if dct is None:
            return start, m.end(), "DATE", "XXXX-WXX"
        d = dct - timedelta(days=7) if dct.weekday() in (0, 6) else dct
        return start, m.end(), "DATE", _fmt_week(d)
    return None


@rule(
    rf"{_W}(?:(?P<rel>(?i:this|last|next|the|over{S}the|during{S}the|on{S}the)){S})?(?P<we>(?i:weekend))(?![\w-])",
    prio=3,
)
def weekend(m: re.Match, doc: _Doc):
    rel = (m.group("rel") or "").lower()
    if not rel:
        return None
    start = m.start("we") - 4 if rel.endswith("the") else m.start()
    dct = doc.dct
    if dct is None:
        return start, m.end(), "DATE", "XXXX-WXX-WE"
    if rel.endswith("the"):
        if re.match(r"(?i)\s{1,2}(?:of|before|after)\b", doc.text[m.end() : m.end() + 10]):
            return None
        tense = doc.tense(m.start(), m.end())
        if tense == FUTURE and dct.weekday() < 5:
            d = dct
        else:
            d = dct if dct.weekday() >= 5 else dct - timedelta(days=7)
        return start, m.end(), "DATE", _fmt_week(d) + "-WE"
    return None  # this/last/next weekend: the relative-unit rule


# ---- seasons -------------------------------------------------------------------------------------------


@rule(
    rf"{_W}(?:(?P<the>(?i:the)){S})?(?:(?P<mod>(?i:early|mid|late))[-\s]{{1,3}})?(?P<season>(?i:summer|winter|spring|autumn|fall))"
    rf"(?:(?:{S}(?i:of))?{S}(?P<year>{YEAR4}|{SPELLED_YEAR}))?(?![\w-])",
    prio=3,
)
def season(m: re.Match, doc: _Doc):
    s = m.group("season").lower()
    code = _SEASONS[s]
    text = doc.text
    if m.group("year"):
        y = _year_of(m.group("year"))
        return ("DATE", f"{y:04d}-{code}") if y else None
    if not m.group("the") and not m.group("mod"):
        before = text[max(0, m.start() - 12) : m.start()]
        if not re.search(r"(?i)\b(?:in|this|last|next|during|by|until|since|over|through|early|late)\s{1,2}$", before) or s == "fall":
            return None
        if re.search(r"(?i)\b(?:this|last|next)\s{1,2}$", before):
            return None  # relative-unit rule
    after = text[m.end() : m.end() + 12]
    if s == "fall" and re.match(r"(?i)\s{1,2}(?:of|in|from|to|by|was|is|has|and|that)\b", after):
        return None  # "the fall of the Berlin Wall", "the fall in prices"
    if re.match(r"(?i)\s{1,2}of\b", after):
        return None
    if m.group("the") and s in ("spring",) and re.match(r"(?i)\s{1,2}(?:of|in)\b", after):
        return None
    return "DATE", _resolve_season(doc, code, "", m.start(), m.end())


# ---- holidays ------------------------------------------------------------------------------------------

_HOLIDAY_RE = "|".join(sorted((re.escape(k).replace("\\ ", S).replace("'", "['’]?") for k in _HOLIDAYS), key=len, reverse=True))


@rule(
    rf"{_W}(?:(?P<rel>(?i:last|next|this)){S})?(?P<name>(?i:{_HOLIDAY_RE}))(?:{S}(?P<year>{YEAR4}))?(?P<week>{S}week)?(?![\w])",
    prio=4,
)
def holiday(m: re.Match, doc: _Doc):
    name = re.sub(r"\s+", " ", m.group("name").lower()).replace("’", "'")
    if name not in _HOLIDAYS:
        name = name.replace("new years", "new year's").replace("valentines", "valentine's").replace("mothers", "mother's").replace("fathers", "father's")
    fn = _HOLIDAYS.get(name)
    if fn is None:
        return None
    if m.group("name")[0].islower() and name not in ("christmas", "easter", "thanksgiving", "halloween"):
        return None
    if name == "may day" and m.group("name") != "May Day":
        return None
    if m.group("year"):
        d = fn(int(m.group("year")))
    elif doc.dct is None:
        return "DATE", "XXXX-XX-XX" if not m.group("week") else "XXXX-WXX"
    else:
        rel = (m.group("rel") or "").lower()
        this_year = fn(doc.dct.year)
        if rel == "last":
            d = this_year if this_year < doc.dct else fn(doc.dct.year - 1)
        elif rel == "next":
            d = this_year if this_year > doc.dct else fn(doc.dct.year + 1)
        elif rel == "this":
            d = this_year
        else:
            tense = doc.tense(m.start(), m.end())
            options = [fn(doc.dct.year - 1), this_year, fn(doc.dct.year + 1)]
            if tense == FUTURE:
                d = min((o for o in options if o >= doc.dct), default=this_year)
            elif tense == PAST:
                d = max((o for o in options if o <= doc.dct), default=this_year)
            else:
                d = min(options, key=lambda o: abs((o - doc.dct).days))
    if m.group("week"):
        return "DATE", _fmt_week(d)
    return "DATE", _fmt_day(d)


# ---- references: now, recently, the past, the future ---------------------------------------------------


@rule(
    rf"{_W}(?P<w>(?i:right{S}now|just{S}now|now|currently|nowadays|these{S}days|at{S}present|presently|at{S}the{S}moment|"
    rf"at{S}this{S}time|this{S}crucial{S}moment|today's))(?![\w-])",
    prio=2,
)
def present_ref(m: re.Match, doc: _Doc):
    w = re.sub(r"\s+", " ", m.group("w").lower())
    if w == "today's":
        return None
    if w == "now":
        after = doc.text[m.end() : m.end() + 8]
        if re.match(r"-\w", after):
            return None  # "now-defunct"
        before = doc.text[max(0, m.start() - 12) : m.start()]
        if re.search(r"(?i)\bfrom\s$", before):
            return None
    if w in ("presently",):
        return None
    if w in ("at the moment", "at this time", "at present"):
        return None  # rarely tagged in TimeBank
    return "DATE", "PRESENT_REF"


@rule(rf"{_W}(?P<w>(?i:current))(?![\w-])", prio=1)
def current_adj(m: re.Match, doc: _Doc):
    after = doc.text[m.end() : m.end() + 20]
    if re.match(r"(?i)\s{1,2}(?:account|accounts|affairs|events|flowing|flow|density|of|in|and|,|\.|sea|speed|\))", after):
        return None
    before = doc.text[max(0, m.start() - 12) : m.start()]
    if re.search(r"(?i)\b(?:electric|electrical|ocean|strong|the|a)\s{1,2}$", before) and re.match(r"(?i)\s{1,2}(?:is|was|of)\b", after):
        return None
    return "DATE", "PRESENT_REF"


@rule(rf"{_W}(?P<w>(?i:(?:more|most|only|until|very|just){S}recently|recently|lately))(?![\w-])", prio=2)
def recently(m: re.Match, doc: _Doc):
    w = m.group("w").lower()
    start = m.start()
    if w.startswith(("until", "very", "only", "just")):
        start = m.end() - len("recently")
    return start, m.end(), "DATE", "PAST_REF"


@rule(rf"{_W}(?P<w>(?i:recent))(?![\w-])", prio=1)
def recent_adj(m: re.Match, doc: _Doc):
    after = doc.text[m.end() : m.end() + 14]
    if re.match(r"(?i)\s{1,3}(?:years|months|weeks|days|decades|quarters|times|history|past|memory)\b", after):
        return None
    if re.match(r"(?i)\s{0,2}(?:[,.;)]|and\b)", after):
        return None
    return "DATE", "PAST_REF"


@rule(
    rf"{_W}(?P<w>(?i:the{S}(?:recent{S}|distant{S}|not{S}too{S}distant{S}|immediate{S}|near{S}|very{S}near{S})?(?:past|future)))(?![\w-])",
    prio=2,
)
def past_future(m: re.Match, doc: _Doc):
    w = m.group("w").lower()
    after = doc.text[m.end() : m.end() + 16]
    if re.match(rf"(?i)\s{{1,3}}(?:{NUMBER}|{VAGUE}|year|month|week|decade|century|few|several|two|three|weekend|day|quarter|season|summer|winter|spring|fall)\b", after):
        return None
    if re.match(r"(?i)\s{1,3}(?:is|was|of)\b", after) and "future" in w:
        pass
    return "DATE", "FUTURE_REF" if w.endswith("future") else "PAST_REF"


@rule(
    rf"{_W}(?P<w>(?i:the{S}(?:near|short|long|medium){S}term|as{S}soon{S}as{S}possible|"
    rf"a{S}later{S}date|(?:the{S})?years{S}to{S}come|from{S}time{S}to{S}time))(?![\w-])",
    prio=2,
)
def future_phrases(m: re.Match, doc: _Doc):
    w = re.sub(r"\s+", " ", m.group("w").lower())
    start = m.start()
    if w.startswith("in the"):
        start = m.start() + 3
    if "long term" in w or "medium term" in w:
        return None
    if w == "from time to time":
        return None
    return start, m.end(), "DATE", "FUTURE_REF"


@rule(rf"{_W}(?P<w>(?i:the{S})?future)(?:{S}(?P<noun>(?i:years|months|quarters|generations)))?(?![\w-])", prio=1)
def future_adj(m: re.Match, doc: _Doc):
    if not m.group("noun"):
        return None
    return "DATE", "FUTURE_REF"


# ---- sets: every week, daily, twice a year ------------------------------------------------------------


@rule(
    rf"{_W}(?P<q>(?i:every|each)){S}(?:(?P<other>(?i:other)){S})?(?:(?P<n>{NUMBER}){S})?"
    rf"(?P<unit>(?i:second|minute|hour|day|night|morning|afternoon|evening|week|weekend|month|quarter|year|decade|"
    rf"summer|winter|spring|autumn|fall|seconds|minutes|hours|days|weeks|months|years)|{WEEKDAY}|{FULL_MONTH})(?![\w-])",
    prio=5,
)
def every(m: re.Match, doc: _Doc):
    unit_word = m.group("unit")
    low = unit_word.lower()
    k = 2 if m.group("other") else 1
    if m.group("n"):
        n = parse_number(m.group("n"))
        if n is None or n != int(n):
            return None
        k *= int(n)
    if low in _WEEKDAYS:
        return "SET", f"XXXX-WXX-{_WEEKDAYS[low] + 1}"
    if low in _MONTHS and unit_word[0].isupper():
        return "SET", f"XXXX-{_MONTHS[low]:02d}"
    if low in _SEASONS:
        return "SET", f"XXXX-{_SEASONS[low]}"
    if low in ("morning", "afternoon", "evening"):
        return "SET", f"XXXX-XX-XXT{_PART_OF_DAY[low]}"
    if low == "night" and k == 1:
        return "SET", "XXXX-XX-XXTNI"
    unit = _unit_of(low)
    if unit not in _UNITS:
        return None
    if unit == "quarter":
        return "SET", f"P{k}Q"
    return "SET", _duration(k, unit)


@rule(rf"{_W}(?P<w>(?i:daily|weekly|monthly|annually|yearly|nightly|hourly|biweekly|bimonthly|semiannually|biannually))(?![\w-])", prio=2)
def adverb_set(m: re.Match, doc: _Doc):
    w = m.group("w").lower()
    value = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y", "nightly": "XXXX-XX-XXTNI",
             "hourly": "PT1H", "biweekly": "P2W", "bimonthly": "P2M", "semiannually": "P6M", "biannually": "P6M"}[w]
    after = doc.text[m.end() : m.end() + 12]
    if w in ("weekly", "monthly", "yearly", "hourly") and re.match(r"\s{1,2}(?:wage|pay|rate|average|salary|income|magazine|newspaper|paper|column|report)", after, re.I):
        pass
    return "SET", value


@rule(
    rf"{_W}(?:(?P<freq>(?i:once|twice|thrice|(?:{NUMBER}){S}times)){S})?(?P<per>(?i:a|an|per)){S}(?P<unit>(?i:day|week|month|year|hour|minute|night|quarter|decade))(?![\w-])",
    prio=4,
)
def per_unit(m: re.Match, doc: _Doc):
    unit = _unit_of(m.group("unit"))
    after = doc.text[m.end() : m.end() + 14]
    if re.match(r"(?i)\s{1,3}(?:ago|earlier|later|before|after|or|and|from|of|old|long|to|when|that|since)\b|[-']", after):
        return None
    if not m.group("freq") and m.group("per").lower() != "per":
        # "a year" is a rate only after a quantity: "$33 million a year", "four thousand organs a year"
        before = doc.text[max(0, m.start() - 40) : m.start()]
        # "\ws" is any word ending in s ("\w+s" says the same as a yes/no test, but rescans a
        # long word once per letter)
        if not re.search(
            r"(?i)(?:\d|million|billion|thousand|hundred|percent|dollars|times|people|tons|barrels|cents|pounds|"
            r"hours|units|cars|interviews|sold|visitors|patients|calls|meals|a\s+piece|each|\ws)\s{1,3}$", before
        ):
            return None
        if re.search(r"(?i)\b(?:for|in|within|about|nearly|almost|than|over|after|least|last|past|only|just|take|took|than)\s{1,3}$", before):
            return None
    start = m.start("per")
    if m.group("freq"):
        start = m.start()
    return start, m.end(), "SET", _duration(1, unit) if unit != "quarter" else "P1Q"


# --------------------------------------------------------------------------------------------------
# dispatch: every rule can only start at a word from a known set, so instead of scanning the whole
# text once per rule, one pass finds the word starts and each rule is tried (``match``) only where
# its first word occurs. The first-word sets below must cover every way a rule's pattern can begin
# ("#" stands for a number written in digits, "'" for an apostrophe before digits as in '80s).

_NUMW = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety|a|an|couple|dozen"
)
_VAGUEW = "a|few|several|many|some|dozens|hundreds"
_APPROXW = "about|almost|nearly|more|less|fewer|at|up|no|roughly|around|approximately|just|well|over|under|some|barely|only|a|close|upwards|the"
_MONTHW = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
_WDW = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_ORDW = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty|thirtieth|#"
_UNITSW = "years|months|weeks|days|hours|minutes|decades|centuries|quarters"
_FIRST: dict[str, str] = {
    "date_mdy": f"around|{_WDW}|{_MONTHW}",
    "date_mdy_fused": _MONTHW,
    "date_dmy": f"{_WDW}|the|#",
    "date_iso": "#",
    "date_numeric": "#",
    "month_year": f"early|mid|late|the|{_MONTHW}",
    "month_alone": f"early|mid|late|the|last|next|this|past|coming|{_MONTHW}",
    "year_alone": "fiscal|calendar|fy|the|early|mid|late|end|start|beginning|#",
    "year_spelled": "the|in",
    "year_spelled_19": "nineteen",
    "decade": "the|early|mid|late|first|second|last|#|'|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties",
    "century": f"the|this|last|next|early|mid|late|{_ORDW}",
    "weekday": f"last|this|next|past|coming|{_WDW}",
    "relative_day": "early|late|today|yesterday|tomorrow|tonight|the",
    "part_of_day": "early|late|earlier|later|this|last|yesterday|tomorrow",
    "part_word": "overnight|mid|midafternoon|midmorning|midday",
    "clock_time": "around|approximately|#",
    "clock_24h": "#",
    "noon_midnight": "noon|midnight",
    "hour_in_part": f"{_NUMW}|#",
    "relative_unit": "earlier|later|early|late|mid|the|first|second|last|latter|sometime|some|this|next|past|coming|previous|current",
    "anaphoric_unit": "that|the|later|earlier",
    "earlier_in_the_year": "earlier|later|early|late|sometime|some",
    "units_ago": f"{_APPROXW}|{_NUMW}|{_VAGUEW}|#",
    "vague_ago": "years|decades|centuries|months|weeks|days|moments|minutes|hours|ages|long",
    "duration": f"{_APPROXW}|these|those|its|their|his|her|{_NUMW}|{_VAGUEW}|#",
    "year_ago_adj": "year",
    "one_day": "one|some|someday",
    "units_long": _UNITSW,
    "units_ahead": "the",
    "unit_long": "day|week|month|year|decade|night|hour|minute",
    "duration_adj": f"{_NUMW}|half|one|several|few|multi|many|#",
    "bare_units": f"the|recent|coming|future|past|previous|many|several|few|long|for|within|in|after|over|of|these|those|some|earlier|later|{_UNITSW}",
    "and_a_half": "a|one",
    "ordinal_quarter": "the|its|this|last|next|year|fiscal|calendar|first|second|third|fourth|final|#",
    "q_abbrev": "q|#",
    "the_quarter": "the|this|its|that",
    "half_year": "the|its|this|last|first|second|latter|final|back|front",
    "the_year": "around|about|by|at|the|year|end|beginning|start|current|full|fiscal|week|month|day",
    "weekend": "this|last|next|the|over|during|on|weekend",
    "season": "the|early|mid|late|summer|winter|spring|autumn|fall",
    "holiday": "last|next|this|christmas|boxing|new|independence|halloween|valentine|valentines|veterans|armistice|remembrance|"
    "bastille|may|thanksgiving|labor|memorial|martin|mother|mothers|father|fathers|election|easter|good|palm",
    "present_ref": "right|just|now|currently|nowadays|these|at|presently|this|today",
    "current_adj": "current",
    "recently": "more|most|only|until|very|just|recently|lately",
    "recent_adj": "recent",
    "past_future": "the",
    "future_phrases": "the|as|a|from",
    "future_adj": "the|future",
    "every": "every|each",
    "adverb_set": "daily|weekly|monthly|annually|yearly|nightly|hourly|biweekly|bimonthly|semiannually|biannually",
    "per_unit": f"once|twice|thrice|{_NUMW}|#|per",
}
_UNIT_WORDS = (
    "second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|century|millennium|"
    "seconds|minutes|hours|days|nights|weeks|weekends|fortnights|months|quarters|years|decades|centuries|millennia"
)
_DUR_ADJ = "more|full|straight|consecutive|trading|business|calendar|working|long|short|additional|further|extra|successive|separate|different"
_REL_WORDS = (
    "past|last|next|first|coming|previous|following|final|latest|remaining|same|other|initial|entire|whole|full|"
    "ensuing|intervening|preceding|succeeding|subsequent|current|recent|early|later|year-earlier|year-ago|year-before"
)
_NUM_FOLLOW = f"{_UNIT_WORDS}|{_DUR_ADJ}|hundred|thousand|and|in|times|or|to|dozen|#"
# For the commonest first words, the words that may follow them in some rule: a token whose next
# word is not in its set cannot start any expression, and no rule is tried there. This keeps the
# number of regex attempts proportional to the temporal words in a text rather than to its length.
_FOLLOW_WORDS: dict[str, str] = {
    "the": (
        f"{_REL_WORDS}|{_UNIT_WORDS}|{_NUMW}|{_VAGUEW}|#|'|’|{_ORDW}|end|beginning|start|middle|rest|remainder|close|"
        "spring|summer|autumn|fall|winter|turn|mid|late|half|latter|twenties|thirties|forties|fifties|sixties|seventies|"
        "eighties|nineties|better|fiscal|calendar|period|back|front|future|distant|not|immediate|near|very|short|medium|"
        "quarter|year|week|month|day|weekend|comparable|corresponding|just|prior|this|same"
    ),
    "a": f"few|couple|number|dozen|hundred|thousand|later|{_UNIT_WORDS}|{_DUR_ADJ}|{_NUMW.replace('|a|an|', '|')}|#",
    "in": f"nineteen|two|{_UNIT_WORDS}",
    "of": _UNIT_WORDS,
    "for": _UNIT_WORDS,
    "within": _UNIT_WORDS,
    "after": _UNIT_WORDS,
    "over": f"the|a|an|{_UNIT_WORDS}|{_NUMW}|{_VAGUEW}|#",
    "on": "the",
    "during": "the",
    "at": "least|most|present|the|this|year",
    "by": "the|year|end|beginning|start|current|full|fiscal",
    "that": "day|year|month|week|night|morning|evening|afternoon|same|quarter|period",
    "its|his|her|their|these|those": f"{_REL_WORDS}|{_UNIT_WORDS}|{_NUMW}|{_VAGUEW}|#|fourth|third|second|fiscal|calendar|days",
    "some": f"{_UNIT_WORDS}|{_DUR_ADJ}|{_NUMW}|#|time",
    "many|several|few|dozens|hundreds": f"{_UNIT_WORDS}|{_DUR_ADJ}|of|-",
    "more|most": "than|recently",
    "just|well|only": "over|under|now|recently|about",
    "as": "soon",
    "from": "time",
    "no": "more|less",
    "up": "to",
    "long": f"ago|{_UNIT_WORDS}",
    "first|second": "half|quarter|quarters|century|period|fiscal|calendar",
    (
        "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
        "eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety"
    ): _NUM_FOLLOW + "|" + _NUMW,
}
# what may follow a number that is not four digits long (those may be years and stand alone):
# a date or time separator, an ordinal suffix, a fraction, or a unit, month, clock or range word
_DIGITS_FOLLOW = re.compile(
    rf"[-/.:'’]|,\d{{3}}|s\b|(?:st|nd|rd|th)\b|Q|\s{{1,3}}\d/\d|\s{{0,3}}(?i:[ap]\.?\s?m\b|o'clock|h\b|hrs\b|"
    rf"{_UNIT_WORDS}|{_DUR_ADJ}|{_MONTHW}|of|in|to|and|or|times|[ECMP][SD]T|GMT|UTC|ET|PT|CT|BST|CET|CEST|local)(?![A-Za-z])"
)
_FOLLOW_RE: dict[str, re.Pattern] = {}
for _keys, _words in _FOLLOW_WORDS.items():
    _alts = _words.replace("#", r"\d").replace("|'", "|'").replace("|-", "")
    _pat = re.compile(rf"\s{{1,3}}(?i:{_alts})|-")  # a hyphen may always follow: "two-year", "first-quarter"
    for _k in _keys.split("|"):
        _FOLLOW_RE[_k] = _pat


def _trie_regex(words: list[str]) -> str:
    """A regex alternation for a word list, factored as a trie so the engine never backtracks far."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = []
        optional = "" in node
        for ch in sorted(k for k in node if k):
            alts.append(re.escape(ch) + emit(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if optional else body

    return emit(trie)


_TRIGGER_WORDS = sorted({w for v in _FIRST.values() for w in v.split("|") if w and w[0].isalpha()})
# a word start that can begin an expression: a trigger word (any case), a run of digits not
# continuing a number or a date written with / . , (those never start one), a four-digit year after
# another and a hyphen (1998-2002) or after a word and a hyphen (post-1959), or an apostrophe before digits ('80s)
# (the leading look-ahead lets the regex engine skip quickly to plausible characters)
_TOKEN = re.compile(
    rf"(?=[A-Za-z0-9'’])(?:(?<![\w'’])(?i:{_trie_regex(_TRIGGER_WORDS)})(?![A-Za-z])|(?<![\w'’/.,-])\d{{1,8}}"
    rf"|(?<=\d{{4}}-)\d{{2,4}}(?!\d)|(?<=[A-Za-z]-)\d{{4}}(?!\d)|(?<![\w'’])['’](?=\d))"
)
_DISPATCH_CACHE: dict[str, tuple[int, ...]] = {}
_FIRST_RE: list[re.Pattern] = []


def _rules_for(token: str) -> tuple[int, ...]:
    key = "#" if token[0].isdigit() else "'" if token == "’" else token.lower()
    hit = _DISPATCH_CACHE.get(key)
    if hit is None:
        if not _FIRST_RE:
            missing = {name for name, *_ in _RULES} - set(_FIRST)
            if missing:
                raise RuntimeError(f"rules without a first-word set: {sorted(missing)}")
            _FIRST_RE.extend(re.compile(f"(?:{_FIRST[name]})", re.I) for name, *_ in _RULES)
        hit = tuple(i for i, fr in enumerate(_FIRST_RE) if fr.fullmatch(key))
        if len(_DISPATCH_CACHE) < 50_000:  # bounded: hostile input with endless distinct words
            _DISPATCH_CACHE[key] = hit
    return hit


def _matches(text: str, full_scan: bool = False):
    """(rule index, match) for every rule match, each rule's matches non-overlapping as finditer's."""
    if full_scan:  # the reference behaviour the dispatcher reproduces (used by the tests)
        for i, (_name, regex, _fn, _prio) in enumerate(_RULES):
            for m in regex.finditer(text):
                yield i, m
        return
    next_free = [0] * len(_RULES)
    rules = _RULES
    follow = _FOLLOW_RE
    prev_word, prev_end, repeats = "", -10, 0
    for tok in _TOKEN.finditer(text):
        pos = tok.start()
        word = tok.group()
        if word == prev_word and pos - prev_end <= 2 and word[0].isalpha():
            # the same word a third time in a row ("March March March"): never a new expression
            # (a doubled "the the" typo still is), and skipping it keeps degenerate input fast
            prev_end = tok.end()
            repeats += 1
            if repeats >= 2:
                continue
        else:
            repeats = 0
        prev_word, prev_end = word, tok.end()
        if word[0].isalpha():
            check = follow.get(word.lower())
        else:
            check = _DIGITS_FOLLOW if len(word) != 4 and word[0].isdigit() else None
        if check is not None and check.match(text, tok.end()) is None:
            continue
        for i in _rules_for(word):
            if pos < next_free[i]:
                continue
            m = rules[i][1].match(text, pos)
            if m is not None:
                next_free[i] = m.end() if m.end() > pos else pos + 1
                yield i, m


def _candidates(doc: _Doc, full_scan: bool = False) -> list[_Cand]:
    out: list[_Cand] = []
    text = doc.text
    rules = _RULES
    for i, m in _matches(text, full_scan):
        fn, prio = rules[i][2], rules[i][3]
        if True:
            try:
                res = fn(m, doc)
            except (ValueError, OverflowError, KeyError, IndexError, TypeError, AttributeError):
                res = None
            if res is None:
                continue
            items = res if isinstance(res, list) else [res]
            for item in items:
                if len(item) == 2:
                    start, end, typ, value = m.start(), m.end(), item[0], item[1]
                else:
                    start, end, typ, value = item
                if typ in ("ANAPHOR", "ANAPHOR_TIME"):
                    out.append(_Cand(start, end, "DATE" if typ == "ANAPHOR" else "TIME", None, prio, value))
                    continue
                if value is None or end <= start:
                    continue
                out.append(_Cand(start, end, typ, value, prio))
    return out


def _trim(text: str, c: _Cand) -> _Cand:
    """Strip whitespace and stray punctuation at the edges so text[start:end] is the expression."""
    s, e = c.start, c.end
    while s < e and (text[s].isspace() or text[s] in ",;"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;"):
        e -= 1
    c.start, c.end = s, e
    return c


_ABS_VALUE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


def find_timexes(text: str, dct: date | None, *, _full_scan: bool = False) -> list[Timex]:
    """Temporal expressions in ``text`` with TimeML types and values normalised against ``dct``.

    Offsets index ``text``: ``text[t.start:t.end] == t.text`` for every result. Without a DCT,
    relative expressions get underspecified values (``XXXX-XX-XX``, ``XXXX-WXX-7``, ``XXXX-05``).
    """
    if not text:
        return []
    if dct is not None and not isinstance(dct, date):
        raise TypeError("dct must be a datetime.date or None")
    if isinstance(dct, datetime):
        dct = dct.date()
    doc = _Doc(text, dct)
    cands = [_trim(text, c) for c in _candidates(doc, _full_scan)]
    cands = [c for c in cands if c.end > c.start]
    # the longest expression wins an overlap; equal lengths go to the more specific rule
    cands.sort(key=lambda c: (-(c.end - c.start), -c.prio, c.start))
    taken: list[_Cand] = []
    occupied = bytearray(len(text))  # 1 where an accepted expression lies: linear in the text
    for c in cands:
        if occupied.find(1, c.start, c.end) >= 0:
            continue
        occupied[c.start : c.end] = b"\x01" * (c.end - c.start)
        taken.append(c)
    taken.sort(key=lambda c: c.start)
    out: list[Timex] = []
    ref: date | None = dct
    ref_value: str | None = None
    for c in taken:
        value = c.value
        if c.anaphor is not None:
            try:
                value = c.anaphor(ref, ref_value)
            except (OverflowError, ValueError):  # a reference at the edge of the calendar
                value = None
        if value is None:
            continue
        if c.type in ("DATE", "TIME"):
            mm = _ABS_VALUE.match(value)
            if mm:
                y, mo, d = int(mm.group(1)), int(mm.group(2) or 1), int(mm.group(3) or 1)
                r = _safe_date(y, mo, d)
                if r is not None:
                    ref, ref_value = r, value
        out.append(Timex(start=c.start, end=c.end, text=text[c.start : c.end], type=c.type, value=value))
    return out
