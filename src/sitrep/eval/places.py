"""Geoparsing benchmark: toponym recognition and resolution against gold corpora.

    python -m sitrep.eval.places --data ../shared/data/geoparsing [--limit N] [--out result.json]

Corpora (``<data>/SOURCE.txt`` describes them):

* **GeoWebNews** (``GWN.xml``; Gritta, Pilehvar & Collier 2019): 200 web news articles with
  fine-grained toponym types. Recognition follows that paper's geotagging convention: the
  *literal* types (Literal, Literal_Modifier, Mixed, Coercion, Embedded_Literal) and the
  *associative* types (Metonymic, Non_Literal_Modifier, Embedded_Non_Lit) are toponyms; Demonym
  (people-nouns such as "Syrians"), Language, Homonym (a place name used for something else, "Paris
  Hilton"), Non_Toponym and the Literal/Non_Lit_Expression types ("the city", "the border") are not.
  These eight counted types are exactly the annotations the corpus gives coordinates. The BRAT copy
  in ``GeoWebNews/`` is read too, as a check that both copies agree.
* **GeoVirus** (``Corpora/GeoVirus.xml``; Gritta et al. 2018): WikiNews articles on epidemics, every
  annotated location counted (the corpus has no types), coordinates from Wikipedia, no GeoNames ids.
  GeoVirus does not annotate adjectival place names ("Canadian", "European"), so it is run with
  ``find_places(demonyms=False)``; GeoWebNews counts them and is run with the default.

Measures, per corpus and per split (development = four documents in five, held-out = every fifth
document in corpus order, ``index % 5 == 4``; the resolver was tuned on development only):

* recognition precision / recall / F1 of ``find_places`` against the counted gold spans, a match
  being any character overlap (and, secondary, exact span equality); also for ``fast=True``;
* resolution, scored on its own: every counted gold toponym that has coordinates is resolved from
  its gold span with the rest of the document's gold spans as context; accuracy within 161 km
  (100 miles), the exact GeoNames match rate (where gold has a GeoNames id), the median error in km
  and coverage. An unresolved toponym counts as an error of 20,038 km (half the Earth's
  circumference), as in the corpus paper's error curves. The same measures are given for the
  "most populous match" baseline (the most populous gazetteer entry with the name) and for sitrep
  with ``approximate=True`` (unknown names take the article's focus place).
"""

from __future__ import annotations

import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

# GeoWebNews types counted as toponyms (the literal and associative groups of the corpus paper).
GWN_COUNTED = frozenset(
    {
        "Literal",
        "Literal_Modifier",
        "Mixed",
        "Coercion",
        "Embedded_Literal",
        "Metonymic",
        "Non_Literal_Modifier",
        "Embedded_Non_Lit",
    }
)
ACC_KM = 161.0  # 100 miles: the standard geocoding accuracy radius (Leidner 2008; Gritta et al.)
MAX_ERROR_KM = 20038.0  # half the Earth's circumference: the error of a toponym left unresolved
HELD_EVERY = 5  # every 5th document is held out


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    text: str
    type: str
    geonameid: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Doc:
    id: str
    text: str
    gold: tuple[Gold, ...]


def _float(s: str | None) -> float | None:
    try:
        return float(s) if s not in (None, "") else None
    except ValueError:
        return None


def load_gwn(path: Path) -> list[Doc]:
    docs = []
    for art in ET.parse(path).getroot().findall("article"):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            s, e = int(t.findtext("start")), int(t.findtext("end"))
            gid = (t.findtext("geonamesID") or "").strip() or None
            gold.append(
                Gold(
                    s,
                    e,
                    text[s:e],
                    t.findtext("type") or "",
                    gid,
                    _float(t.findtext("latitude")),
                    _float(t.findtext("longitude")),
                )
            )
        docs.append(Doc(art.get("file") or str(len(docs)), text, tuple(gold)))
    return docs


def load_geovirus(path: Path) -> list[Doc]:
    docs = []
    for i, art in enumerate(ET.parse(path).getroot().findall("article")):
        text = art.findtext("text") or ""
        gold = []
        for loc in art.iter("location"):
            s, e = int(loc.findtext("start")), int(loc.findtext("end"))
            name = loc.findtext("name") or ""
            if text[s:e] != name:
                # GeoVirus offsets are mostly one character late (counted on a text with one more
                # leading character): take the occurrence of the name nearest the given offset.
                near = [i for i in range(max(0, s - 5), s + 6) if text.startswith(name, i)]
                if near:
                    s = min(near, key=lambda i: abs(i - s))
                    e = s + len(name)
            gold.append(
                Gold(s, e, text[s:e], "Location", None, _float(loc.findtext("lat")), _float(loc.findtext("lon")))
            )
        docs.append(Doc(str(i), text, tuple(gold)))
    return docs


def brat_type_counts(folder: Path) -> tuple[int, Counter]:
    """Documents and annotation-type counts of the BRAT copy of GeoWebNews (for a consistency check)."""
    counts: Counter = Counter()
    n = 0
    for ann in sorted(folder.glob("*.ann")):
        n += 1
        for line in ann.read_text(encoding="utf-8").splitlines():
            if line.startswith("T"):
                parts = line.split("\t")
                if len(parts) >= 2:
                    counts[parts[1].split(" ")[0]] += 1
    return n, counts


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "predicted": n_pred, "gold": n_gold}


def _recognition(docs: list[Doc], preds: list[list], counted) -> dict:
    tp_pred = n_pred = tp_gold = n_gold = 0
    ex_pred = ex_gold = 0
    for doc, places in zip(docs, preds):
        gold = [g for g in doc.gold if counted is None or g.type in counted]
        spans = [(p.start, p.end) for p in places]
        n_pred += len(spans)
        n_gold += len(gold)
        gset = {(g.start, g.end) for g in gold}
        for s, e in spans:
            if any(s < g.end and g.start < e for g in gold):
                tp_pred += 1
            if (s, e) in gset:
                ex_pred += 1
        pset = set(spans)
        for g in gold:
            if any(s < g.end and g.start < e for s, e in spans):
                tp_gold += 1
            if (g.start, g.end) in pset:
                ex_gold += 1
    out = _prf(tp_pred, n_pred, tp_gold, n_gold)
    out["exact_span"] = _prf(ex_pred, n_pred, ex_gold, n_gold)
    return out


def _res_scores(rows: list[tuple[float | None, bool | None]]) -> dict:
    """rows: (error_km or None when unresolved, exact GeoNames match or None when gold has no id)."""
    n = len(rows)
    if not n:
        return {"n": 0}
    errs = [e if e is not None else MAX_ERROR_KM for e, _ in rows]
    ids = [m for _, m in rows if m is not None]
    return {
        "n": n,
        "acc161": round(sum(1 for e in errs if e <= ACC_KM) / n, 4),
        "median_km": round(statistics.median(errs), 1),
        "mean_km": round(sum(errs) / n, 1),
        "coverage": round(sum(1 for e, _ in rows if e is not None) / n, 4),
        "geonames_exact": round(sum(ids) / len(ids), 4) if ids else None,
        "geonames_n": len(ids),
    }


def _resolution(docs: list[Doc], counted) -> dict:
    from sitrep.geocode.recognise import Mention
    from sitrep.geocode.resolve import haversine, most_populous, resolve_mentions

    systems: dict[str, list] = {"sitrep": [], "sitrep_approximate": [], "most_populous": []}
    for doc in docs:
        gold = [
            g for g in doc.gold if (counted is None or g.type in counted) and g.lat is not None and g.lon is not None
        ]
        if not gold:
            continue
        mentions = [Mention(g.start, g.end, g.text, "GPE", "name", "gold") for g in gold]
        for name, approx in (("sitrep", False), ("sitrep_approximate", True)):
            places = resolve_mentions(doc.text, mentions, approximate=approx)
            for g, p in zip(gold, places):
                err = haversine(g.lat, g.lon, p.lat, p.lon) if p.lat is not None else None
                exact = (p.geonameid == g.geonameid) if g.geonameid else None
                systems[name].append((err, exact))
        for g in gold:
            e = most_populous(g.text)
            err = haversine(g.lat, g.lon, e.lat, e.lon) if e is not None and e.lat is not None else None
            exact = ((e.id if e else None) == g.geonameid) if g.geonameid else None
            systems["most_populous"].append((err, exact))
    return {name: _res_scores(rows) for name, rows in systems.items()}


def _evaluate_corpus(name: str, docs: list[Doc], counted, progress: bool, demonyms: bool) -> dict:
    from sitrep.geocode import find_places_many

    texts = [d.text for d in docs]
    it = find_places_many(texts, demonyms=demonyms)
    if progress:
        from tqdm import tqdm

        it = tqdm(it, total=len(texts), desc=f"{name}: recognise", file=sys.stderr, leave=False)
    t0 = time.time()
    preds = list(it)
    rec_seconds = time.time() - t0
    fast_preds = list(find_places_many(texts, fast=True, demonyms=demonyms))
    splits = {
        "dev": [i for i in range(len(docs)) if i % HELD_EVERY != HELD_EVERY - 1],
        "held": [i for i in range(len(docs)) if i % HELD_EVERY == HELD_EVERY - 1],
        "all": list(range(len(docs))),
    }
    out: dict = {
        "documents": {k: len(v) for k, v in splits.items()},
        "recognition_seconds": round(rec_seconds, 1),
        "demonyms": demonyms,
    }
    for split, idx in splits.items():
        sub_docs = [docs[i] for i in idx]
        out[split] = {
            "recognition": _recognition(sub_docs, [preds[i] for i in idx], counted),
            "recognition_fast": _recognition(sub_docs, [fast_preds[i] for i in idx], counted),
            "resolution": _resolution(sub_docs, counted),
        }
    return out


def evaluate(data: Path, *, limit: int | None = None, progress: bool = True) -> dict:
    """Score sitrep's geoparser on the corpora under ``data`` (see the module docstring)."""
    from sitrep.geocode.gazetteer import get_gazetteer

    data = Path(data)
    t0 = time.time()
    gaz = get_gazetteer()
    result: dict = {
        "data": str(data),
        "limit": limit,
        "split": f"held-out = every {HELD_EVERY}th document in corpus order (index % {HELD_EVERY} == {HELD_EVERY - 1}); dev = the rest",
        "counted_types": {"GeoWebNews": sorted(GWN_COUNTED), "GeoVirus": "all annotated locations"},
        "acc_km": ACC_KM,
        "unresolved_error_km": MAX_ERROR_KM,
        "gazetteer": {"path": str(gaz.path), "places": gaz.meta.get("places"), "names": gaz.meta.get("names")},
        "corpora": {},
    }
    gwn = data / "GWN.xml"
    if gwn.exists():
        docs = load_gwn(gwn)[:limit] if limit else load_gwn(gwn)
        result["corpora"]["GeoWebNews"] = _evaluate_corpus("GeoWebNews", docs, GWN_COUNTED, progress, demonyms=True)
        brat = data / "GeoWebNews"
        if brat.is_dir():
            n, counts = brat_type_counts(brat)
            xml_counts = Counter(g.type for d in load_gwn(gwn) for g in d.gold)
            result["corpora"]["GeoWebNews"]["brat_check"] = {
                "documents": n,
                "counted_annotations": sum(counts[t] for t in GWN_COUNTED),
                "xml_counted_annotations": sum(xml_counts[t] for t in GWN_COUNTED),
            }
    gv = data / "Corpora" / "GeoVirus.xml"
    if gv.exists():
        docs = load_geovirus(gv)[:limit] if limit else load_geovirus(gv)
        result["corpora"]["GeoVirus"] = _evaluate_corpus("GeoVirus", docs, None, progress, demonyms=False)
    result["seconds"] = round(time.time() - t0, 1)
    return result
