"""Stories and timelines."""

from __future__ import annotations

from sitrep.merge import merge
from sitrep.stories import as_markdown, stories, timeline
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
