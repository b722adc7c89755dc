"""Exports of merged events: ACLED's columns in ACLED's order, JSONL, GeoJSON, Parquet."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq

from sitrep.export import ACLED_COLUMNS, SITREP_COLUMNS, export_events

EVENT = {
    "id": "e1a2b3",
    "event_type": "Battles",
    "sub_event_type": "Government regains territory",
    "date": {"start": "2016-03-27", "end": "2016-03-27", "precision": "day"},
    "location": {"name": "Palmyra", "geonameid": "170978", "lat": 34.56, "lon": 38.28, "country": "Syria",
                 "iso3": "SYR", "admin1": "Homs", "admin2": "Tadmur", "precision": "city"},
    "actor1": {"name": "Military Forces of Syria", "kind": "state forces"},
    "actor2": {"name": "Islamic State", "kind": "rebel group"},
    "assoc_actors": [{"name": "Military Forces of Russia", "kind": "external/other forces"}],
    "fatalities": {"best": 100, "low": 100, "high": 400, "claims": [
        {"value": 100, "qualifier": "more than", "source": "the Russian defence ministry", "document": "a.txt"},
        {"value": 400, "qualifier": "exact", "source": "a monitoring group", "document": "b.html"}]},
    "injured": {"best": None, "low": None, "high": None, "claims": []},
    "status": "reported",
    "background": False,
    "confidence": 0.9,
    "mentions": [{"document": "a.txt", "start": 0, "end": 60, "sentence": "Syrian troops recaptured Palmyra.", "attributed_to": None},
                 {"document": "b.html", "start": 10, "end": 80, "sentence": "Palmyra was retaken.", "attributed_to": "state media"}],
    "sources": ["Reuters", "SANA"],
    "notes": "Syrian government forces recaptured Palmyra from the Islamic State.",
}


def test_acled_csv_columns_and_values() -> None:
    buf = io.StringIO()
    assert export_events([EVENT], "acled-csv", buf) == 1
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert list(rows[0]) == [*ACLED_COLUMNS, *SITREP_COLUMNS]
    r = rows[0]
    assert (r["event_date"], r["year"], r["time_precision"]) == ("2016-03-27", "2016", "1")
    assert (r["inter1"], r["inter2"], r["interaction"]) == ("1", "2", "12")
    assert r["disorder_type"] == "Political violence" and r["fatalities"] == "100"
    assert r["documents"] == "a.txt; b.html" and r["sources_count"] == "2"
    assert [c["value"] for c in json.loads(r["claims"])] == [100, 400]


def test_jsonl_roundtrip() -> None:
    buf = io.StringIO()
    export_events([EVENT, EVENT | {"id": "e2"}], "jsonl", buf)
    assert [json.loads(line) for line in buf.getvalue().splitlines()] == [EVENT, EVENT | {"id": "e2"}]


def test_geojson_points_are_lon_lat() -> None:
    buf = io.StringIO()
    export_events([EVENT, EVENT | {"id": "nowhere", "location": None}], "geojson", buf)
    fc = json.loads(buf.getvalue())
    assert fc["features"][0]["geometry"] == {"type": "Point", "coordinates": [38.28, 34.56]}
    assert fc["features"][1]["geometry"] is None


def test_parquet(tmp_path) -> None:
    path = tmp_path / "e.parquet"
    export_events([EVENT], "parquet", str(path))
    table = pq.read_table(path)
    assert table.num_rows == 1 and table.column("event_id_cnty")[0].as_py() == "SYRe1a2b3"
    assert json.loads(table.column("record")[0].as_py()) == EVENT
