"""Stories and timelines."""

from __future__ import annotations

import datetime as dt

from sitrep.eval.timeline import date_f1
from sitrep.merge import merge
from sitrep.stories import as_markdown, dated_sentences, rank_days, stories, text_timeline, timeline
from test_merge import CASE

DOCS = [
    {"id": d, "title": f"Report {d}", "text": text, "published": {"date": day}}
    for d, text, day in (
        ("a.txt", "Syrian troops recaptured the ancient city of Palmyra from Islamic State militants.", "2016-03-27"),
        ("b.html", "Government forces retook Palmyra, the monitoring group said.", "2016-03-28"),
        ("c.txt", "Islamic State fighters re-entered Palmyra, overrunning army positions.", "2016-12-11"),
        ("d.txt", "Islamic State seized Palmyra again after a surprise assault.", "2016-12-12"),
        ("e.txt", "The army took back Palmyra with Russian air support.", "2017-03-02"),
        ("z.txt", "Floods closed the coastal road after days of heavy rain.", "2016-05-01"),
    )
]


def test_documents_reporting_one_event_share_a_story() -> None:
    found = stories(DOCS, merge(CASE))
    groups = [s["documents"] for s in found]
    assert ["a.txt", "b.html"] in groups and ["c.txt", "d.txt"] in groups and ["z.txt"] in groups
    first = next(s for s in found if s["documents"] == ["a.txt", "b.html"])
    assert (first["first"], first["last"]) == ("2016-03-27", "2016-03-28") and len(first["events"]) == 1


def test_timeline_entries_per_day_with_sources() -> None:
    entries = timeline(merge(CASE), places=["163808"])
    assert [e["date"] for e in entries] == ["2016-03-27", "2016-12-11", "2017-03-02"]
    assert entries[0]["sources"] == ["Reuters", "SANA"]
    assert timeline(merge(CASE), places=["999"]) == []
    assert [e["date"] for e in timeline(merge(CASE), actor="islamic state")] == ["2016-03-27", "2016-12-11", "2017-03-02"]
    md = as_markdown(entries)
    assert md.startswith("- **2016-03-27**") and "Reuters, SANA" in md


NEWS = [
    {"id": "w1", "text": "Rescuers searched the rubble of the collapsed school in the port town on Tuesday. "
                         "The mayor said the search would go on through the night.", "published": {"date": "2010-01-13"}},
    {"id": "w2", "text": "The school collapsed on Tuesday, January 12, trapping dozens of pupils under the rubble. "
                         "Aid agencies flew tents and water into the port town on Thursday.", "published": {"date": "2010-01-15"}},
    {"id": "w3", "text": "Aid flights landed at the damaged airport on Thursday with tents and water for the town. "
                         "The school had collapsed on January 12, officials recalled on Thursday.", "published": {"date": "2010-01-14"}},
    {"id": "undated", "text": "An article with no publication day cannot be dated at all, whatever it says about Tuesday.",
     "published": None},
]


def test_sentences_are_dated_by_their_own_expressions() -> None:
    sents = dated_sentences(NEWS)
    first = next(s for s in sents if s.document == "w1" and s.start == 0)
    assert first.days == {dt.date(2010, 1, 12)} and first.lead  # "on Tuesday" before 2010-01-13
    assert all(s.document != "undated" for s in sents)
    assert all(NEWS[int(s.document[1]) - 1]["text"][s.start:s.end] == s.text for s in sents)
    # Bounds drop articles published outside them and days named outside them.
    assert {s.document for s in dated_sentences(NEWS, start=dt.date(2010, 1, 14))} == {"w2", "w3"}
    assert all(d >= dt.date(2010, 1, 14) for s in dated_sentences(NEWS, start=dt.date(2010, 1, 14)) for d in s.days)


def test_days_are_ranked_by_articles_naming_them() -> None:
    ranked = rank_days(dated_sentences(NEWS))
    # 12 January is named by all three articles; 14 January by two (w2's and w3's "Thursday").
    assert ranked[0] == (dt.date(2010, 1, 12), 3) and ranked[1] == (dt.date(2010, 1, 14), 2)


def test_text_timeline_quotes_cited_sentences() -> None:
    entries = text_timeline(NEWS, days=2, per_day=1, sources={"w1": "Wire", "w2": "Post"})
    assert [e["date"] for e in entries] == ["2010-01-12", "2010-01-14"]
    for e in entries:
        [s] = e["sentences"]
        doc = next(d for d in NEWS if d["id"] == s["document"])
        assert doc["text"][s["start"]:s["end"]] == s["text"] == e["summary"]
        assert e["sources"] == [{"w1": "Wire", "w2": "Post"}.get(s["document"], s["document"])]
    assert "school" in entries[0]["summary"] and ("tents" in entries[1]["summary"] or "Aid" in entries[1]["summary"])
    assert text_timeline(NEWS, days=1, per_day=2)[0]["date"] == "2010-01-12"
    assert text_timeline([], days=3) == [] and text_timeline(NEWS[3:], days=3) == []


def test_date_f1() -> None:
    a, b, c = dt.date(2010, 1, 1), dt.date(2010, 1, 2), dt.date(2010, 1, 3)
    assert date_f1({a, b}, {a, b}) == 1.0 and date_f1({a}, {b}) == 0.0
    assert abs(date_f1({a, b}, {a, c}) - 0.5) < 1e-9
