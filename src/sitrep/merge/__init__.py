"""merge = cluster(score(block(mentions))): one event per real event, every claim kept.

Each step is public and states its invariant:

- ``block``   groups mentions that could possibly be the same event: same event family and same
              country and first-level area. Nothing in different blocks is ever compared.
- ``score``   gives each pair in a block a similarity in [0, 1] from sub-type compatibility, place,
              date overlap, actors and direction (who took a place from whom), casualty figures
              and the words of the sentences. Pairs whose dates lie more than ``MAX_GAP_DAYS``
              apart, whose actors contradict, or whose towns lie more than ``APART_KM`` apart,
              score 0. Dates are each member's own, or, for a follow-up (its text dates nothing,
              or only a day more than a week later), the day another article naming one of
              its people gives (``spans``).
- ``cluster`` links pairs scoring at least ``THRESHOLD`` with complete linkage on dates: no event
              spans more than ``MAX_GAP_DAYS`` between its mentions' dates, so two events a year
              apart are never one. The result does not depend on input order.
- ``reconcile`` turns a cluster into an Event: the narrowest date range, the most precise place,
              fatalities by ACLED's conservative rule with every claim kept and attributed.

Merging reads mentions back from the store in their contract shape (the JSON the store keeps),
not as ``Mention`` records: incremental runs merge new mentions with all earlier ones, and the
stored shape is the one thing both have.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from sitrep.ids import hash_id

# Event families: sub-types that can describe the same real event in different outlets' words
# (one outlet's "recaptured" is another's "regained control"; an "air strike" may be reported as
# "shelling" by someone on the ground).
FAMILIES = {
    "Government regains territory": "territory", "Non-state actor overtakes territory": "territory",
    "Non-violent transfer of territory": "territory", "Armed clash": "battle",
    "Air/drone strike": "remote", "Shelling/artillery/missile attack": "remote", "Chemical weapon": "remote",
    "Suicide bomb": "bomb", "Remote explosive/landmine/IED": "bomb", "Grenade": "bomb",
    "Attack": "civilians", "Abduction/forced disappearance": "civilians", "Sexual violence": "civilians",
    "Peaceful protest": "protest", "Protest with intervention": "protest", "Excessive force against protesters": "protest",
    "Violent demonstration": "protest", "Mob violence": "protest",
}
# No real event's reports are more than this many days apart in their event dates: a week covers
# "on Sunday" resolved against publication days up to a week later. Reports a year apart (the
# three Palmyra events) can never merge.
MAX_GAP_DAYS = 7
# Two towns further apart than this are never one event's place: a town's suburbs and the
# villages reported for it lie within a few tens of kilometres (Palmyra and its airbase, 10 km).
APART_KM = 50
# Place agreement of a neighbourhood and its city ("Rogers Park" and "Chicago"), or of two of its
# neighbourhoods, between a different place (0.4) and the same (1.0): with either 0.6 or 0.8,
# `sitrep eval merge --limit 600` gave the same groups (0.8 favours the merge when place is all
# that differs: a report from "Rogers Park" and one from "Chicago" on the same day).
SAME_CITY = 0.8
# Least pair score that links two mentions; chosen on the demo corpus and `sitrep eval merge`.
THRESHOLD = 0.55
# Two reports that each give the event's day, days this far apart, tell of two events (one
# outlet's "late Friday" is another's "early Saturday", so a day apart may be one). Within one
# article any two days differ: it told them apart. On `sitrep eval merge --limit 600`: date
# accuracy 0.756 -> 0.770, killed 0.758 -> 0.764, injured 0.587 -> 0.598, B-cubed F1 0.847 ->
# 0.847; at 3 days date 0.767, at 1 day B-cubed 0.843; within articles only, date 0.761.
DAYS_APART = 2
# A follow-up ("an arrest was made in the murder of 9-year-old Tyshawn Lee", nothing in its text
# dating the murder, or "charged Tuesday in …", dating the charge) is taken to be of the day another
# report of its block gives in its text, when both articles name one person with an age and that
# day lies at most this many days before the follow-up's. On all 3,184 GVA articles (`sitrep eval
# merge`) B-cubed F1 went 0.8496 -> 0.8545 at 365 days, 0.8536 at 180 and 0.8524 at 60 (undated
# reports only): trials and sentences come months later; letting reports dated by their text more
# than a week later also move, 0.8561 -> 0.8578, killed 0.8111 -> 0.8123, no field lower. (Taking
# the earliest of disagreeing days: B-cubed 0.8592 but date 0.8223 -> 0.8211.) Never more than a
# year, so reports a year apart stay apart.
NAMED_GAP_DAYS = 365


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def family(record: dict) -> str:
    return FAMILIES.get(record["sub_event_type"], record["sub_event_type"])


# Families whose reports of one event often disagree on the type: a shooting is an "attack" to
# one outlet and a "clash" to another; a bombing may be "remote" or "bomb". They share a block and
# pay a type penalty in the score instead of never meeting. (On `sitrep eval merge --limit 150`,
# blocking by family alone put reports of one incident apart.)
_BLOCK_GROUP = {"battle": "violence", "civilians": "violence", "remote": "explosion", "bomb": "explosion"}


def block(records: Iterable[dict]) -> dict[tuple, list[dict]]:
    """Mentions (contract-shaped records) grouped by (family group, country, admin1). Invariant:
    every mention is in exactly one block; mentions without a place form their own per-document
    block, since nothing says where they happened."""
    blocks: dict[tuple, list[dict]] = defaultdict(list)
    for r in records:
        loc = r.get("location") or {}
        group = _BLOCK_GROUP.get(family(r), family(r))
        if loc.get("geonameid"):
            key = (group, loc.get("iso3"), loc.get("admin1"))
        else:
            key = (group, None, r["mentions"][0]["document"])
        blocks[key].append(r)
    for members in blocks.values():
        members.sort(key=lambda r: (r["date"]["start"] or "", r["id"]))
    return dict(blocks)


_WORD = re.compile(r"[a-z]{3,}")


def _words(r: dict) -> set[str]:
    return set(_WORD.findall(r["mentions"][0]["sentence"].lower()))


def _span(r: dict) -> tuple[dt.date, dt.date] | None:
    start, end = _day(r["date"]["start"]), _day(r["date"]["end"])
    return (start, end) if start and end else None


def _people(r: dict) -> set[tuple[str, str]]:
    from sitrep.extract.people import person_key

    named = (r["mentions"][0].get("evidence") or {}).get("people") or ()
    return {k for p in named if (k := person_key(p.get("text") or ""))}


def spans(members: list[dict]) -> list[tuple[dt.date, dt.date] | None]:
    """Each member's dates for merging: its own, except that a report takes the day another
    member's text gives, of another article naming one of its people, no more than
    ``NAMED_GAP_DAYS`` before it: a report whose text dates nothing takes such a day from the
    week before publication on; one whose text gives a date, only a day more than
    ``MAX_GAP_DAYS`` before it (the later day is of a follow-up: an arrest, a charge, a trial).
    When such days disagree by more than a day, its own. Invariant: a date changes only to a
    day another report's text gives, no later than the report's own last day."""
    own = [_span(m) for m in members]
    named = [_people(m) for m in members]
    by_person: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, m in enumerate(members):
        if own[i] and named[i] and _text_dated(m) and m["date"]["precision"] == "day":
            for key in named[i]:
                by_person[key].append(i)
    out = list(own)
    for i, m in enumerate(members):
        if own[i] is None or not named[i]:
            continue
        doc = m["mentions"][0]["document"]
        # A day its own text gives gives way only to a day more than a week before it: "charged
        # Tuesday in the murder of 9-year-old Tyshawn Lee" gives the day of the charge.
        least = 0 if not _text_dated(m) else MAX_GAP_DAYS + 1
        days = sorted({own[j] for key in named[i] for j in by_person.get(key, ())
                       if members[j]["mentions"][0]["document"] != doc
                       and least <= (own[i][1] - own[j][0]).days <= NAMED_GAP_DAYS})
        if days and (days[-1][0] - days[0][0]).days <= 1:
            out[i] = days[0]
    return out


def _gap(a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None) -> int | None:
    """Days between two date ranges (0 when they overlap); None when either is undated."""
    if a is None or b is None:
        return None
    (a0, a1), (b0, b1) = a, b
    if a0 <= b1 and b0 <= a1:
        return 0
    return min(abs((a0 - b1).days), abs((b0 - a1).days))


def _name(actor: dict | None) -> str | None:
    return actor.get("name") if actor else None


def _apart(la: dict, lb: dict) -> bool:
    """Two towns or points more than ``APART_KM`` apart: never one event's place (a town and the
    province around it, or a place and an unknown one, may be)."""
    from sitrep.geocode.resolve import haversine

    fine = ("city", "point")
    if la.get("precision") not in fine or lb.get("precision") not in fine or None in (la.get("lat"), lb.get("lat")):
        return False
    return haversine(la["lat"], la["lon"], lb["lat"], lb["lon"]) > APART_KM


def _text_dated(r: dict) -> bool:
    """The mention's date is read in its article's text (not only its publication date)."""
    return bool((r["mentions"][0].get("evidence") or {}).get("date"))


def _dated_in_sentence(r: dict) -> bool:
    """The mention's date is read in its own sentence (not taken from an earlier one)."""
    m = r["mentions"][0]
    where = (m.get("evidence") or {}).get("date")
    return bool(where) and m["start"] <= where["start"] < m["end"]


def _own_day(r: dict) -> bool:
    return r["date"]["precision"] == "day" and _dated_in_sentence(r)


def pair_score(a: dict, b: dict) -> float:
    """Similarity of two mentions of one block, in [0, 1]."""
    return _pair_score(a, b, _span(a), _span(b), _words(a), _words(b))


def _pair_score(a: dict, b: dict, span_a, span_b, wa: set[str], wb: set[str]) -> float:
    """``pair_score`` with each mention's dates and words worked out once, not once per pair."""
    gap = _gap(span_a, span_b)
    if gap is None or gap > MAX_GAP_DAYS:
        return 0.0
    if gap > 0 and _own_day(a) and _own_day(b) and (
            a["mentions"][0]["document"] == b["mentions"][0]["document"] or gap >= DAYS_APART):
        return 0.0  # two days given: two events (a night, "last night", overlaps both its days)
    # Direction, for changes of territory: one report's winner cannot be the other's loser. (In a
    # clash the sides are often named the other way round by the other outlet.)
    if family(a) == family(b) == "territory" and (_name(a["actor1"]) and _name(a["actor1"]) == _name(b["actor2"]) or
                                                   _name(b["actor1"]) and _name(b["actor1"]) == _name(a["actor2"])):
        return 0.0
    la, lb = a.get("location") or {}, b.get("location") or {}
    if _apart(la, lb):
        return 0.0
    place = 1.0 if la.get("geonameid") and la.get("geonameid") == lb.get("geonameid") else \
        SAME_CITY if la.get("city") and la.get("city") == lb.get("city") and la.get("admin1") == lb.get("admin1") else 0.4
    same_type = 1.0 if a["sub_event_type"] == b["sub_event_type"] else 0.6 if family(a) == family(b) else 0.3
    date = 1.0 - gap / (MAX_GAP_DAYS + 1)
    actors = 1.0
    for key in ("actor1", "actor2"):
        x, y = _name(a[key]), _name(b[key])
        if x and y and x != y:
            actors -= 0.3
    text = len(wa & wb) / max(1, len(wa | wb))
    # Weights: place and date carry most of the evidence that two reports are one event; the
    # words only break ties (rewrites share words, different events in one town do not).
    return round(0.35 * place + 0.25 * date + 0.15 * same_type + 0.15 * actors + 0.10 * min(1.0, 3 * text), 4)


def score(blocks: dict[tuple, list[dict]]) -> dict[tuple, list[tuple[int, int, float]]]:
    """Scored pairs (i, j, s) with i < j, per block, for pairs that can link (s > 0)."""
    out = {}
    for key, members in blocks.items():
        dates = spans(members)
        words = [_words(m) for m in members]
        # Undated mentions score 0 with everything: leave them out of the pair loop.
        dated = sorted((i for i, sp in enumerate(dates) if sp is not None), key=lambda i: (dates[i][0], i))
        pairs = []
        for n, i in enumerate(dated):
            d_i = dates[i][0]
            for j in dated[n + 1:]:
                if (dates[j][0] - d_i).days > MAX_GAP_DAYS + 31:
                    break  # sorted by start date: nothing further can be within reach
                s = _pair_score(members[i], members[j], dates[i], dates[j], words[i], words[j])
                if s > 0:
                    pairs.append((min(i, j), max(i, j), s))
        out[key] = pairs
    return out


def cluster(blocks: dict[tuple, list[dict]], scored: dict[tuple, list[tuple[int, int, float]]]) -> list[list[dict]]:
    """Groups of mentions, one per real event. Pairs are taken strongest first; two groups join
    only when every cross pair scored and the joined group's dates stay within MAX_GAP_DAYS.

    Each group keeps the mentions every one of its members scored with (``common``) and its
    first and last day, so testing a join costs the size of one group, not of every cross pair."""
    groups: list[list[dict]] = []
    for key, members in blocks.items():
        pairs = scored.get(key, [])
        near: dict[int, set[int]] = defaultdict(set)
        for i, j, _ in pairs:
            near[i].add(j)
            near[j].add(i)
        owner = list(range(len(members)))
        sets = {i: {i} for i in range(len(members))}
        common = {i: near[i] | {i} for i in range(len(members))}
        days = [sp[0] if sp else None for sp in spans(members)]
        first = {i: d for i, d in enumerate(days)}
        last = dict(first)
        for i, j, s in sorted(pairs, key=lambda p: (-p[2], p[0], p[1])):
            if s < THRESHOLD:
                break
            a, b = owner[i], owner[j]
            if a == b:
                continue
            if not sets[b] <= common[a]:
                continue  # complete linkage: every cross pair must be comparable
            lo = min((d for d in (first[a], first[b]) if d), default=None)
            hi = max((d for d in (last[a], last[b]) if d), default=None)
            if lo and hi and (hi - lo).days > MAX_GAP_DAYS:
                continue
            moved = sets.pop(b)
            sets[a] |= moved
            common[a] &= common.pop(b)
            first[a], last[a] = lo, hi
            del first[b], last[b]
            for k in moved:
                owner[k] = a
        groups.extend([members[k] for k in sorted(ids)] for ids in sets.values())
    return groups


_PRECISION_RANK = {"point": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4, None: 5}
_DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, None: 4}


def _place_key(r: dict):
    loc = r.get("location") or {}
    return loc.get("geonameid") or loc.get("name")


def _by_backing(records: list[dict]) -> list[dict]:
    """The cluster's mentions, the one whose place is best to give the event first: the most
    precise place, and of those the one most documents name (one outlet's mention of a suburb or
    of where a suspect came from should not outvote three that name the town), then the mention's
    confidence, then its id."""
    docs: dict = defaultdict(set)
    for r in records:
        docs[_place_key(r)].add(r["mentions"][0]["document"])
    return sorted(records, key=lambda r: (_PRECISION_RANK.get((r.get("location") or {}).get("precision"), 5),
                                          -len(docs[_place_key(r)]), -r["confidence"], r["id"]))


def _figures(records: list[dict], key: str) -> dict:
    from sitrep.extract.casualties import figures

    dead = [c for r in records for c in r["fatalities"]["claims"]] if key == "injured" else []
    return figures([c for r in records for c in r[key]["claims"]], dead)


def reconcile(records: list[dict]) -> dict:
    """One Event record (contract fields) from a cluster of mention records."""
    ids = sorted(r["id"] for r in records)
    best = max(records, key=lambda r: (r["confidence"], -len(r["notes"]), r["id"]))
    # The event's date: the most precise one, and of those the range most documents give (one
    # outlet's "said Saturday" read as the day of the shooting should not outvote two that say
    # Friday), a date read in the mention's own sentence counting twice one it took from an
    # earlier sentence; then the earliest.
    weight: dict[tuple, float] = {}
    for r in records:
        w = 1.0 if _dated_in_sentence(r) else 0.5
        key = ((r["date"]["start"], r["date"]["end"]), r["mentions"][0]["document"])
        weight[key] = max(weight.get(key, 0.0), w)
    backing = Counter()
    for (span, _doc), w in weight.items():
        backing[span] += w
    dated = sorted(records, key=lambda r: (_DATE_RANK.get(r["date"]["precision"], 4),
                                           -backing[(r["date"]["start"], r["date"]["end"])], r["date"]["start"] or ""))
    located = _by_backing(records)
    vote = lambda key: Counter(_name(r[key]) for r in records if _name(r[key])).most_common(1)  # noqa: E731
    pick = lambda key: next((r[key] for r in records if v and _name(r[key]) == v[0][0]), None) if (v := vote(key)) else None  # noqa: E731
    types = Counter(r["sub_event_type"] for r in records).most_common()
    sub_type = types[0][0]
    sources = sorted({s for r in records for s in r["sources"]})
    statuses = Counter(r["status"] for r in records)
    return {
        "id": hash_id("event", ids[0]),
        "event_type": next(r["event_type"] for r in records if r["sub_event_type"] == sub_type),
        "sub_event_type": sub_type,
        "date": dict(dated[0]["date"]),
        "location": located[0].get("location"),
        "actor1": pick("actor1"),
        "actor2": pick("actor2"),
        "assoc_actors": [a for a in {a["name"]: a for r in records for a in r["assoc_actors"]}.values()],
        "fatalities": _figures(records, "fatalities"),
        "injured": _figures(records, "injured"),
        "status": "reported" if statuses.get("reported") else statuses.most_common(1)[0][0],
        "background": all(r["background"] for r in records),
        "confidence": round(min(1.0, max(r["confidence"] for r in records) + 0.05 * (len(records) - 1)), 3),
        "mentions": [m for r in sorted(records, key=lambda r: r["id"]) for m in r["mentions"]],
        "mention_ids": ids,
        "sources": sources,
        "notes": best["notes"],
    }


def _signature(r: dict) -> tuple:
    """Everything block, score and cluster read from a mention but its words. Mentions with one
    signature tell of one type of event at one place, over the same days, between the same actors:
    they score at least 0.9 together (0.69 without a place; every term but place and words is
    whole), and each scores with any other mention as any of them does, but for the words' 0.10.
    They are one event, so one of them stands for all of them: a story syndicated to a hundred
    outlets, each editing a word or two, costs one mention's pairs, not a hundred squared. Pairs
    are then bounded by the number of distinct (type, place, days, actors) in a block's date
    window, which the world's events bound, not the number of outlets reporting them. An undated
    mention links with nothing (``score``), so it is its own signature."""
    if _span(r) is None:
        return (r["id"],)
    loc = r.get("location") or {}
    where = loc.get("geonameid") or r["mentions"][0]["document"]  # placeless ones block per document
    return (r["sub_event_type"], where, loc.get("iso3"), loc.get("admin1"), r["date"]["start"], r["date"]["end"],
            _own_day(r), _name(r["actor1"]), _name(r["actor2"]))


def collapse(records: Iterable[dict]) -> dict[int, list[dict]]:
    """Mentions grouped by ``_signature``: for each group's first mention by id, keyed by ``id()``
    of that mention, the whole group. Only the first ones are blocked and scored (the first by id
    stands for the rest, and its words are the group's in the score: the result is order-free)."""
    copies: dict[tuple, list[dict]] = defaultdict(list)
    for r in records:
        copies[_signature(r)].append(r)
    for group in copies.values():
        group.sort(key=lambda r: r["id"])
    return {id(group[0]): group for group in copies.values()}


def expand(groups: list[list[dict]], stands_for: dict[int, list[dict]]) -> list[list[dict]]:
    """Clusters of representatives back to clusters of every mention they stand for."""
    return [sorted((m for rep in g for m in stands_for[id(rep)]), key=lambda r: (r["date"]["start"] or "", r["id"]))
            for g in groups]


def merge(records: Iterable[dict]) -> list[dict]:
    """merge = cluster(score(block(mentions))), reconciled into Event records, sorted by date.

    Reports alike in everything but their words are scored once (``collapse``), so a story
    syndicated to a hundred outlets costs one mention's pairs, not a hundred squared; every copy
    stays in the event."""
    stands_for = collapse(records)
    blocks = block(group[0] for group in stands_for.values())
    events = [reconcile(g) for g in expand(cluster(blocks, score(blocks)), stands_for)]
    return sorted(events, key=lambda e: (e["date"]["start"] or "", e["id"]))
