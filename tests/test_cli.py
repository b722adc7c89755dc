"""The command line, run as a user runs it: a real subprocess, real files, a real store."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import store_url

PAGE = """<html><head><title>Army retakes town</title><meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2016-03-27"></head><body><nav>Home World Sport</nav>
<article><h1>Army retakes town</h1><p>Government forces retook the town on Sunday after three weeks of fighting, state media said.</p>
<p>A monitoring group said dozens of fighters were killed on both sides during the offensive, which began in early March.</p></article>
<footer>Copyright Example News</footer></body></html>"""


def sitrep(*args: str, input: bytes | None = None, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitrep", *args], input=input, capture_output=True, check=check)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text("Town retaken\n\nSkip to content\nGovernment forces retook the town on Sunday, state media said.\n"
                                "Share this: Facebook Twitter WhatsApp\n", encoding="utf-8")
    (root / "p.html").write_text(PAGE, encoding="utf-8")
    (root / "d.jsonl").write_text(json.dumps({"id": "j1", "title": "Line \u2028 sep", "text": "Strikes hit the city \u2029 overnight, residents said."}) + "\n{oops\n", encoding="utf-8")
    (root / "empty.txt").write_text("", encoding="utf-8")
    return root


def test_help_everywhere() -> None:
    for cmd in ([], ["run"], ["clean"], ["documents"], ["export"], ["eval"]):
        out = sitrep(*cmd, "--help")
        assert out.returncode == 0 and b"Usage" in out.stdout


def test_run_twice_is_idempotent_and_summarises(corpus: Path, db_url: str) -> None:
    first = json.loads(sitrep("run", str(corpus), "--db", db_url, "--format", "json").stdout)[0]
    assert first["documents"] == 3 and first["stored"] == 3
    assert first["rejected"] == {"E_EMPTY": 1, "E_PARSE": 1}
    second = json.loads(sitrep("run", str(corpus), "--db", db_url, "--format", "json").stdout)[0]
    assert second["stored"] == 0 and second["unchanged"] == 3
    assert second["totals"]["documents"] == 3 and second["totals"]["rejected"] == 2


def test_table_summary_goes_to_a_person(corpus: Path, db_url: str) -> None:
    out = sitrep("run", str(corpus), "--db", db_url)
    text = (out.stdout + out.stderr).decode()
    assert "articles:" in text and "rejected:" in text and "E_EMPTY: 1" in text


def test_clean_prints_only_jsonl_with_removed_spans(corpus: Path) -> None:
    out = sitrep("clean", str(corpus))
    rows = [json.loads(line) for line in out.stdout.decode().splitlines()]
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) == {"a.txt", "p.html", "j1", "d.jsonl#2", "empty.txt"}
    assert "rejected" in by_id["empty.txt"] and "rejected" in by_id["d.jsonl#2"]
    a = by_id["a.txt"]
    assert a["title"] == "Town retaken" and "Government forces retook" in a["text"]
    assert "Skip to content" not in a["text"] and any(r["text"] == "Skip to content" for r in a["removed"])
    assert all({"text", "reason"} == set(r) for r in a["removed"])
    p = by_id["p.html"]
    assert "Government forces retook the town" in p["text"] and "Copyright" not in p["text"]


def test_json_escapes_line_and_paragraph_separators(corpus: Path) -> None:
    raw = sitrep("clean", str(corpus / "d.jsonl")).stdout.decode()
    assert "\u2028" not in raw and "\u2029" not in raw and "\\u2028" in raw
    assert json.loads(raw.splitlines()[0])["title"] == "Line \u2028 sep"


def test_documents_formats(corpus: Path, db_url: str) -> None:
    sitrep("run", str(corpus), "--db", db_url, "--quiet")
    docs = json.loads(sitrep("documents", "--db", db_url).stdout)
    assert [d["id"] for d in docs] == ["a.txt", "j1", "p.html"]
    page = next(d for d in docs if d["id"] == "p.html")
    assert page["outlet"] == "Example News" and page["published"]["date"] == "2016-03-27"
    rows = list(csv.DictReader(io.StringIO(sitrep("documents", "--db", db_url, "--format", "csv").stdout.decode())))
    assert [r["id"] for r in rows] == ["a.txt", "j1", "p.html"]
    lines = sitrep("documents", "--db", db_url, "--format", "jsonl").stdout.decode().splitlines()
    assert len(lines) == 3
    rejected = json.loads(sitrep("documents", "--db", db_url, "--rejected").stdout)
    assert sorted(r["code"] for r in rejected) == ["E_EMPTY", "E_PARSE"] and all(r["reason"] for r in rejected)


def test_dct_fills_missing_dates_only(corpus: Path, db_url: str) -> None:
    sitrep("run", str(corpus), "--db", db_url, "--dct", "2017-03-02", "--quiet")
    docs = {d["id"]: d for d in json.loads(sitrep("documents", "--db", db_url).stdout)}
    assert docs["a.txt"]["published"]["date"] == "2017-03-02" and docs["a.txt"]["published"]["basis"] == "user"
    assert docs["p.html"]["published"]["date"] == "2016-03-27"


def test_bad_option_values_exit_with_usage_code(corpus: Path) -> None:
    out = sitrep("run", str(corpus), "--dct", "last tuesday", check=False)
    assert out.returncode == 2 and b"YYYY-MM-DD" in out.stderr
    out = sitrep("export", "--format", "parquet", check=False)
    assert out.returncode == 2


def test_unusable_store_exits_with_store_code(corpus: Path, tmp_path: Path) -> None:
    out = sitrep("run", str(corpus), "--db", f"sqlite:///{tmp_path}/missing/dir/x.db", check=False)
    assert out.returncode == 3 and b"cannot open the store" in out.stderr


def test_a_run_that_stores_nothing_exits_with_error_code(tmp_path: Path, db_url: str) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    out = sitrep("run", str(tmp_path), "--db", db_url, "--quiet", check=False)
    assert out.returncode == 1 and b"all 2 input(s) were rejected" in out.stderr
    # the rejections are kept, with their codes
    listed = sitrep("documents", "--db", db_url, "--rejected").stdout.decode()
    assert "E_EMPTY" in listed and "E_BINARY" in listed


def test_export_of_an_empty_store(db_url: str, tmp_path: Path) -> None:
    out = sitrep("export", "--db", db_url, "--format", "acled-csv")
    header = out.stdout.decode().splitlines()[0].split(",")
    assert header[:3] == ["event_id_cnty", "event_date", "year"] and header[-1] == "confidence"
    assert sitrep("export", "--db", db_url, "--format", "jsonl").stdout == b""
    geo = json.loads(sitrep("export", "--db", db_url, "--format", "geojson").stdout)
    assert geo == {"type": "FeatureCollection", "features": []}


def test_dates_contract_and_offsets(tmp_path: Path) -> None:
    f = tmp_path / "p.txt"
    raw = "Palmyra retaken\r\n\r\nSkip to content\r\nSyrian troops recaptured Palmyra on Sunday, state media said.\r\n"
    f.write_bytes(raw.encode("utf-8"))
    [row] = [json.loads(x) for x in sitrep("dates", str(f), "--dct", "2016-03-28").stdout.decode().splitlines()]
    assert set(row) >= {"id", "published", "timexes"}
    assert set(row["published"]) >= {"date", "earliest", "latest", "basis", "confidence"}
    assert row["published"]["date"] == "2016-03-28" and row["published"]["basis"] == "user"
    [sunday] = [t for t in row["timexes"] if t["text"] == "Sunday"]
    assert sunday["value"] == "2016-03-27" and sunday["type"] == "DATE"
    cleaned = json.loads(sitrep("clean", str(f)).stdout.decode().splitlines()[0])["text"]
    assert cleaned[sunday["start"]:sunday["end"]] == "Sunday"
    [raw_row] = [json.loads(x) for x in sitrep("dates", str(f), "--raw", "--dct", "2016-03-28").stdout.decode().splitlines()]
    [t] = [t for t in raw_row["timexes"] if t["text"] == "Sunday"]
    assert raw[t["start"]:t["end"]] == "Sunday"


def test_eval_rejects_a_missing_data_folder() -> None:
    out = sitrep("eval", "timex", "--data", "/nonexistent", check=False)
    assert out.returncode == 2


def test_watch_picks_up_new_files_and_merges_incrementally(tmp_path: Path) -> None:
    import threading
    import time

    from sitrep.pipeline import watch
    from sitrep.store import open_store

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Army retakes town\n\nGovernment forces retook Palmyra from IS on Sunday, state media said.\n")
    db = store_url(tmp_path, "w")
    seen: list[dict] = []

    def later() -> None:
        time.sleep(1.0)
        (folder / "b.txt").write_text("Town back in army hands\n\nSyrian troops recaptured Palmyra from Islamic State militants on Sunday, a monitor said.\n")

    threading.Thread(target=later).start()
    watch(folder, db=db, interval=1.5, cycles=3, on_summary=lambda s: seen.append(s.as_dict()))
    assert [s["documents"] for s in seen] == [1, 1]  # each file once, when it arrived
    with open_store(db) as store:
        assert sorted(d["id"] for d in store.documents()) == ["a.txt", "b.txt"]
        assert store.counts()["events"] >= 1


def test_control_stories_timeline_formats(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"id": "p1", "title": "Palmyra retaken", "published": "2016-03-28", "outlet": "Wire",
                             "text": "Syrian troops recaptured the ancient city of Palmyra from IS on Sunday, state media said."}) + "\n")
    db = store_url(tmp_path, "f")
    sitrep("run", str(f), "--db", db, "--quiet")
    spans = json.loads(sitrep("control", "Palmyra", "--db", db).stdout)
    assert [(s["actor"], s["status"], s["from"], s["to"]) for s in spans] == [("Military Forces of Syria", "held", "2016-03-27", None)]
    rows = list(csv.DictReader(io.StringIO(sitrep("control", "Tadmor", "--db", db, "--format", "csv").stdout.decode())))
    assert rows[0]["actor"] == "Military Forces of Syria"
    [story] = [json.loads(x) for x in sitrep("stories", "--db", db, "--format", "jsonl").stdout.decode().splitlines()]
    assert story["documents"] == ["p1"] and story["first"] == "2016-03-28"
    entries = json.loads(sitrep("timeline", "--place", "Palmyra", "--db", db).stdout)
    assert entries[0]["date"] == "2016-03-27" and entries[0]["sources"] == ["Wire"]
    assert sitrep("timeline", "--place", "Palmyra", "--db", db, "--format", "md").stdout.decode().startswith("- **2016-03-27**")
    [entry] = json.loads(sitrep("timeline", "--text", "--db", db).stdout)
    assert entry["date"] == "2016-03-27" and entry["sources"] == ["Wire"] and entry["sentences"][0]["document"] == "p1"
    assert entry["summary"].startswith("Syrian troops recaptured")
    assert json.loads(sitrep("timeline", "--text", "--place", "Palmyra", "--db", db).stdout) == [entry]
