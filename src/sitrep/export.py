"""Exports of merged events: ACLED-style CSV, JSONL, GeoJSON and Parquet.

The ACLED CSV keeps ACLED's own columns in ACLED's order, so existing ACLED tooling reads it, then
adds sitrep's columns after them (sources, documents, date bounds, every claim, injured, confidence).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

from sitrep.jsonout import dumps

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
SITREP_COLUMNS = ("sources_count", "documents", "date_earliest", "date_latest", "claims", "injured", "confidence")
FORMATS = ("acled-csv", "jsonl", "geojson", "parquet")

# ACLED's interaction codes by actor kind (ACLED codebook, "Actor types").
INTER_CODES = {
    "state forces": 1, "rebel group": 2, "political militia": 3, "identity militia": 4,
    "rioters": 5, "protesters": 6, "civilians": 7, "external/other forces": 8,
}
DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Riots": "Political violence",
    "Protests": "Demonstrations", "Strategic developments": "Strategic developments",
}
# ACLED time_precision: 1 = the day is known, 2 = within a week, 3 = within a month or vaguer.
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
# ACLED geo_precision: 1 = the place itself, 2 = a nearby or district-level place, 3 = a province.
GEO_PRECISION = {"point": 1, "city": 1, "admin2": 2, "admin1": 3, "country": 3}


def _g(d: dict | None, key: str, default: Any = "") -> Any:
    return (d or {}).get(key, default) if d else default


def acled_row(e: dict[str, Any]) -> dict[str, Any]:
    loc, date = e.get("location") or {}, e.get("date") or {}
    a1, a2 = e.get("actor1") or {}, e.get("actor2") or {}
    inter1, inter2 = INTER_CODES.get(_g(a1, "kind"), ""), INTER_CODES.get(_g(a2, "kind"), "")
    interaction = "".join(str(c) for c in sorted(x for x in (inter1, inter2) if x != "")) if inter1 != "" else ""
    assoc = [a.get("name", "") for a in e.get("assoc_actors") or []]
    fat, inj = e.get("fatalities") or {}, e.get("injured") or {}
    start = date.get("start") or ""
    return {
        "event_id_cnty": f"{loc.get('iso3') or 'XXX'}{e['id']}",
        "event_date": start,
        "year": start[:4],
        "time_precision": TIME_PRECISION.get(date.get("precision"), 3),
        "disorder_type": DISORDER.get(e.get("event_type", ""), ""),
        "event_type": e.get("event_type", ""),
        "sub_event_type": e.get("sub_event_type", ""),
        "actor1": _g(a1, "name"),
        "assoc_actor_1": "; ".join(assoc),
        "inter1": inter1,
        "actor2": _g(a2, "name"),
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if _g(a2, "kind") == "civilians" else "",
        "iso": loc.get("iso_numeric", ""),
        "region": loc.get("region", ""),
        "country": loc.get("country", ""),
        "admin1": loc.get("admin1", ""),
        "admin2": loc.get("admin2", ""),
        "admin3": "",
        "location": loc.get("name", ""),
        "latitude": loc.get("lat", ""),
        "longitude": loc.get("lon", ""),
        "geo_precision": GEO_PRECISION.get(loc.get("precision"), ""),
        "source": "; ".join(e.get("sources") or []),
        "source_scale": "",
        "notes": e.get("notes", ""),
        "fatalities": fat.get("best") if fat.get("best") is not None else 0,
        "tags": "background" if e.get("background") else "",
        "timestamp": "",
        "sources_count": len(e.get("sources") or []),
        "documents": "; ".join(sorted({m.get("document", "") for m in e.get("mentions") or []})),
        "date_earliest": date.get("start") or "",
        "date_latest": date.get("end") or "",
        "claims": dumps(fat.get("claims") or []),
        "injured": inj.get("best") if inj.get("best") is not None else "",
        "confidence": e.get("confidence", ""),
    }


def export_events(events: Iterable[dict[str, Any]], fmt: str, out: IO[str] | IO[bytes] | str) -> int:
    """Write ``events`` (contract-shaped dicts) in ``fmt`` to ``out`` (a text stream, or a path
    for Parquet). Returns how many events were written."""
    events = list(events)
    if fmt == "jsonl":
        for e in events:
            out.write(dumps(e) + "\n")  # type: ignore[union-attr, arg-type]
    elif fmt == "acled-csv":
        writer = csv.DictWriter(out, fieldnames=[*ACLED_COLUMNS, *SITREP_COLUMNS], lineterminator="\n")  # type: ignore[arg-type]
        writer.writeheader()
        writer.writerows(acled_row(e) for e in events)
    elif fmt == "geojson":
        features = []
        for e in events:
            loc = e.get("location") or {}
            geometry = None
            if loc.get("lat") is not None and loc.get("lon") is not None:
                geometry = {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]}
            features.append({"type": "Feature", "id": e["id"], "geometry": geometry, "properties": e})
        out.write(dumps({"type": "FeatureCollection", "features": features}) + "\n")  # type: ignore[union-attr, arg-type]
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = [acled_row(e) | {"record": dumps(e)} for e in events]
        columns = [*ACLED_COLUMNS, *SITREP_COLUMNS, "record"]
        table = pa.table({c: [None if r[c] == "" else str(r[c]) for r in rows] for c in columns},
                         schema=pa.schema([(c, pa.string()) for c in columns]))
        pq.write_table(table, out)  # type: ignore[arg-type]
    else:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return len(events)


__all__ = ["export_events", "acled_row", "ACLED_COLUMNS", "SITREP_COLUMNS", "FORMATS"]
