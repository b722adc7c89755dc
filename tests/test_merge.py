"""Merging reports into events, and who held a place when."""

from __future__ import annotations

import random

from hypothesis import given, settings, strategies as st

from sitrep.control import track_control
from sitrep.merge import MAX_GAP_DAYS, merge

PALMYRA = {"name": "Tadmur", "geonameid": "163808", "lat": 34.56, "lon": 38.28, "country": "Syria", "iso3": "SYR",
           "admin1": "Homs", "admin2": None, "precision": "city"}
SYRIA_ARMY = {"name": "Military Forces of Syria", "kind": "state forces"}
IS = {"name": "Islamic State", "kind": "rebel group"}


def mention(mid: str, doc: str, day: str, sub: str, actor1=None, actor2=None, claims=(), status="reported",
            sentence="Troops recaptured the ancient city after a three-week offensive.", outlet="Outlet"):
    return {
        "id": mid, "event_type": "Battles", "sub_event_type": sub,
        "date": {"start": day, "end": day, "precision": "day"}, "location": PALMYRA,
        "actor1": actor1, "actor2": actor2, "assoc_actors": [],
        "fatalities": {"best": None, "low": None, "high": None,
                       "claims": [{"value": v, "qualifier": q, "source": s, "document": doc} for v, q, s in claims]},
        "injured": {"best": None, "low": None, "high": None, "claims": []},
        "status": status, "background": False, "confidence": 0.7,
        "mentions": [{"document": doc, "start": 0, "end": len(sentence), "sentence": sentence, "attributed_to": None}],
        "sources": [outlet], "notes": sentence,
    }


GOV = "Government regains territory"
NSA = "Non-state actor overtakes territory"
CASE = [
    mention("m1", "a.txt", "2016-03-27", GOV, SYRIA_ARMY, IS, [(100, "more than", "the Russian defence ministry")], outlet="Reuters"),
    mention("m2", "b.html", "2016-03-27", GOV, SYRIA_ARMY, None, [(400, "exact", "a monitoring group")], outlet="SANA"),
    mention("m3", "c.txt", "2016-12-11", NSA, IS, SYRIA_ARMY, sentence="IS fighters re-entered the city on Sunday."),
    mention("m4", "d.txt", "2016-12-11", NSA, IS, None, sentence="Islamic State seized Palmyra again."),
    mention("m5", "e.txt", "2017-03-02", GOV, SYRIA_ARMY, IS),
]


def test_three_events_a_year_apart_with_every_claim_kept() -> None:
    events = merge(CASE)
    assert [sorted(e["mention_ids"]) for e in events] == [["m1", "m2"], ["m3", "m4"], ["m5"]]
    first = events[0]
    assert first["fatalities"]["best"] == 100 and first["fatalities"]["high"] == 400
    assert {(c["value"], c["source"]) for c in first["fatalities"]["claims"]} == {(100, "the Russian defence ministry"), (400, "a monitoring group")}
    assert first["sources"] == ["Reuters", "SANA"] and first["actor2"] == IS


def test_opposite_directions_never_merge() -> None:
    a = mention("x1", "a", "2016-03-27", GOV, SYRIA_ARMY, IS)
    b = mention("x2", "b", "2016-03-27", NSA, IS, SYRIA_ARMY)
    assert len(merge([a, b])) == 2
    assert len(merge([b, a])) == 2
    # In a clash or an attack, outlets name the sides either way round: one report, not two.
    c = mention("x3", "c", "2016-03-27", "Armed clash", SYRIA_ARMY, IS)
    d = mention("x4", "d", "2016-03-27", "Armed clash", IS, SYRIA_ARMY)
    assert len(merge([c, d])) == 1 and len(merge([d, c])) == 1


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False))
def test_order_independent_and_idempotent(rng: random.Random) -> None:
    shuffled = CASE[:]
    rng.shuffle(shuffled)
    once = merge(shuffled)
    assert once == merge(CASE)
    assert [e["id"] for e in merge(shuffled)] == [e["id"] for e in once]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=12))
def test_no_event_spans_more_than_the_gap(offsets: list[int]) -> None:
    import datetime as dt

    base = dt.date(2016, 1, 1)
    ms = [mention(f"m{i}", f"d{i}", (base + dt.timedelta(days=o)).isoformat(), GOV, SYRIA_ARMY, IS) for i, o in enumerate(offsets)]
    for e in merge(ms):
        days = [dt.date.fromisoformat(m["date"]["start"]) for m in ms if m["id"] in e["mention_ids"]]
        assert (max(days) - min(days)).days <= MAX_GAP_DAYS


def test_control_spans_follow_the_changes_of_hands() -> None:
    spans = track_control(merge(CASE))
    assert [(s["actor"], s["status"], s["start"], s["end"]) for s in spans] == [
        ("Military Forces of Syria", "held", "2016-03-27", "2016-12-11"),
        ("Islamic State", "held", "2016-12-11", "2017-03-02"),
        ("Military Forces of Syria", "held", "2017-03-02", None),
    ]
    assert all(s["place"] == "163808" and s["events"] for s in spans)


def test_civilians_hold_no_town() -> None:
    civilians = {"name": "Civilians (Syria)", "kind": "civilians"}
    misread = mention("c1", "h", "2016-06-01", GOV, civilians, IS, sentence="Residents returned to the city.")
    spans = track_control(merge(CASE + [misread]))
    assert all(s["actor"] != "Civilians (Syria)" for s in spans)


def test_an_ongoing_offensive_makes_the_place_contested() -> None:
    ms = [CASE[0], mention("o1", "f", "2016-03-10", GOV, SYRIA_ARMY, IS, status="ongoing")]
    spans = track_control(merge(ms))
    assert [(s["actor"], s["status"]) for s in spans] == [("contested", "contested"), ("Military Forces of Syria", "held")]


def test_denied_captures_change_nothing_and_span_ids_are_unique() -> None:
    denied = mention("d1", "g", "2016-06-01", NSA, IS, SYRIA_ARMY, status="denied", sentence="The army denied IS had captured the city.")
    spans = track_control(merge(CASE + [denied]))
    assert all(s["actor"] != "Islamic State" or s["start"] != "2016-06-01" for s in spans)
    same_day = [mention("s1", "a", "2016-06-01", NSA, IS, SYRIA_ARMY, sentence="IS took the city."),
                mention("s2", "b", "2016-06-01", GOV, SYRIA_ARMY, IS, status="ongoing", sentence="The army fought back."),
                mention("s3", "c", "2016-06-01", NSA, IS, None, sentence="IS held the city again.")]
    ids = [s["id"] for s in track_control(merge(same_day))]
    assert len(ids) == len(set(ids))


def test_a_story_reprinted_by_many_outlets_is_one_event_with_every_copy() -> None:
    wire = "Syrian troops recaptured Palmyra from Islamic State on Sunday, state media said."
    copies = [mention(f"w{k:02d}", f"outlet{k}.txt", "2016-03-27", GOV, SYRIA_ARMY, IS, [(100, "more than", "state media")],
                      sentence=wire, outlet=f"Outlet {k}") for k in range(40)]
    other = mention("o1", "z.txt", "2016-03-28", GOV, SYRIA_ARMY, None, [(400, "exact", "a monitoring group")], outlet="Z")
    later = mention("l1", "y.txt", "2016-12-11", NSA, IS, SYRIA_ARMY, sentence="IS fighters re-entered the city.")
    events = merge(copies + [other, later])
    assert len(events) == 2
    first = events[0]
    assert sorted(first["mention_ids"]) == sorted([c["id"] for c in copies] + ["o1"])
    assert len(first["fatalities"]["claims"]) == 41 and len(first["sources"]) == 41  # every copy's claim kept
    assert merge(list(reversed(copies)) + [later, other]) == events  # order-free


def test_outlets_editing_a_story_cost_one_reports_pairs() -> None:
    from sitrep.merge import block, collapse

    # Forty outlets each change a word of the wire story: alike in all but words, one stands for all.
    edited = [mention(f"e{k:02d}", f"outlet{k}.txt", "2016-03-27", GOV, SYRIA_ARMY, IS, outlet=f"Outlet {k}",
                      sentence=f"Syrian troops recaptured Palmyra from Islamic State, outlet {k} reported.") for k in range(40)]
    elsewhere = mention("h1", "h.txt", "2016-03-27", GOV, SYRIA_ARMY, IS)
    elsewhere["location"] = dict(PALMYRA, geonameid="170063", name="Homs", lat=34.73, lon=36.72)
    stands_for = collapse(edited + [elsewhere])
    assert sorted(len(g) for g in stands_for.values()) == [1, 40]
    assert sum(len(b) for b in block(g[0] for g in stands_for.values()).values()) == 2
    [event, other] = sorted(merge(edited + [elsewhere]), key=lambda e: -len(e["mention_ids"]))
    assert len(event["mention_ids"]) == 40 and len(event["sources"]) == 40 and other["mention_ids"] == ["h1"]
    # Undated reports link with nothing (pair scores need dates), so none stands for another.
    undated = [mention(f"u{k}", f"u{k}", None, GOV, SYRIA_ARMY, IS) for k in range(3)]
    assert len(collapse(undated)) == 3 and len(merge(undated)) == 3


def test_the_event_date_is_the_day_most_sources_give() -> None:
    # Two outlets date the recapture the 27th in their own sentences; a third read the day its
    # source spoke (the 28th), and a fourth took the 26th from an earlier sentence of its article.
    said = "Troops recaptured the ancient city, the ministry said on Monday."
    ms = [mention("d1", "a", "2016-03-27", GOV, SYRIA_ARMY), mention("d2", "b", "2016-03-27", GOV, SYRIA_ARMY),
          mention("d3", "c", "2016-03-28", GOV, SYRIA_ARMY, sentence=said),
          mention("d4", "d", "2016-03-26", GOV, SYRIA_ARMY)]
    for m in ms:
        m["mentions"][0]["evidence"] = {"date": {"start": 0, "end": 6, "text": "Sunday"}}
    ms[3]["mentions"][0].update(start=100, end=160)  # its date was read before its own sentence
    [event] = merge(ms)
    assert event["date"]["start"] == "2016-03-27"
    # Alone against one dated in its own sentence, a date taken from an earlier sentence loses.
    [event] = merge([ms[3], ms[2]])
    assert event["date"]["start"] == "2016-03-28"


def test_days_read_in_their_sentences_tell_events_apart() -> None:
    def dated(mid, doc, day, start=0):
        m = mention(mid, doc, day, GOV, SYRIA_ARMY, IS, sentence="Troops recaptured the city on Sunday.")
        m["mentions"][0].update(start=start, end=start + 37)
        m["mentions"][0]["evidence"] = {"date": {"start": start + 30, "end": start + 36, "text": "Sunday"}}
        return m

    # One article tells of two days: two events, however alike its sentences.
    assert len(merge([dated("x1", "a", "2016-03-27"), dated("x2", "a", "2016-03-26", start=200)])) == 2
    # But a night ("Saturday night": the 26th into the 27th) overlaps both its days: one event.
    night = dated("x3", "a", "2016-03-26", start=200)
    night["date"]["end"] = "2016-03-27"
    assert len(merge([dated("x1", "a", "2016-03-27"), night])) == 1
    # Two outlets a day apart ("late Friday", "early Saturday") may report one event; three days
    # apart, each reading the day in its own sentence, they report two.
    assert len(merge([dated("y1", "a", "2016-03-27"), dated("y2", "b", "2016-03-26")])) == 1
    assert len(merge([dated("z1", "a", "2016-03-27"), dated("z2", "b", "2016-03-24")])) == 2
    # A day taken from an earlier sentence of its article is weaker evidence and does not split.
    weak = dated("z3", "b", "2016-03-24", start=100)
    weak["mentions"][0]["evidence"]["date"].update(start=40, end=46)
    assert len(merge([dated("z1", "a", "2016-03-27"), weak])) == 1


def test_a_follow_up_naming_the_victim_joins_the_event_months_later() -> None:
    # The first report gives the day and names the boy with his age; a follow-up two months later
    # dates nothing of its own ("an arrest was made in the murder of 9-year-old Tyshawn Lee").
    shot = "Tyshawn Lee, 9, was shot and killed Sunday in an alley."
    first = mention("p1", "first", "2015-11-01", "Attack", sentence=shot)
    first["mentions"][0]["evidence"] = {"date": {"start": 43, "end": 49, "text": "Sunday"},
                                        "people": [{"start": 0, "end": 11, "text": "Tyshawn Lee"}]}
    arrest = "Police say an arrest was made in the murder of 9-year-old Tyshawn Lee."
    later = mention("p2", "later", "2016-01-20", "Attack", sentence=arrest)
    later["date"] = {"start": "2016-01-13", "end": "2016-01-20", "precision": "week"}
    later["mentions"][0]["evidence"] = {"people": [{"start": 58, "end": 69, "text": "Tyshawn Lee"}]}
    [event] = merge([first, later])
    assert event["date"]["start"] == event["date"]["end"] == "2015-11-01"
    # Without the name they stay two events.
    later["mentions"][0]["evidence"] = {}
    assert len(merge([first, later])) == 2
    # A day the follow-up's text gives, weeks later, is of the follow-up ("charged Tuesday in …").
    charged = {"date": {"start": 0, "end": 7, "text": "Tuesday"}, "people": [{"start": 58, "end": 69, "text": "Tyshawn Lee"}]}
    later["mentions"][0]["evidence"] = charged
    later["date"] = {"start": "2016-01-19", "end": "2016-01-19", "precision": "day"}
    assert len(merge([first, later])) == 1
    # But a day its own sentence gives within the week of the other's is its own: two events.
    later["mentions"][0]["start"], later["mentions"][0]["evidence"]["date"]["start"] = 0, 0
    later["date"] = {"start": "2015-11-04", "end": "2015-11-04", "precision": "day"}
    assert len(merge([first, later])) == 2
    # Nor does a name link reports more than a year apart.
    later["mentions"][0]["evidence"] = {"people": [{"start": 58, "end": 69, "text": "Tyshawn Lee"}]}
    later["date"] = {"start": "2016-12-13", "end": "2016-12-20", "precision": "week"}
    assert len(merge([first, later])) == 2
