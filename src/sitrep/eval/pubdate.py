"""Publication-date inference with the real date hidden: ``sitrep eval pubdate --data PATH``.

PATH is one of the development sets, recognised by its layout:

- Timeline17 (``<topic>/InputDocs/<YYYY-MM-DD>/<n>.htm.txt``: the folder names the date),
- GVA (``gva_documents.jsonl`` with ``dct``),
- TempEval-3 (``*.tml`` with a creation-time TIMEX3).

Only the text (and title) is given to sitrep; URLs are withheld, so this measures inference from
the text alone. The text goes through the spine as in a run (cleaned, then dated, then the batch
step), so dates in comments and page furniture the cleaner removes do not count. The baseline, in
the same run, is the latest explicit full date in the raw text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import statistics
from collections.abc import Iterator
from pathlib import Path

from sitrep.records import Article, PubDate, RawDoc

WINDOWS = (1, 7, 31)
# Confidence bands, as the dating steps set them: metadata, time stamps and datelines 0.8 and up;
# the article's own dates 0.4-0.5 and a sentence matched in a dated article at most 0.35; a year
# from loose neighbours at most 0.35, a story's median at most 0.175; a month or year alone 0.1.
BANDS = ((0.8, 1.0), (0.3, 0.8), (0.1, 0.3), (0.0, 0.1))


def _timeline17(root: Path) -> Iterator[tuple[str, str, str, dt.date]]:
    for path in sorted(root.glob("*/InputDocs/*/*.txt")):
        try:
            day = dt.date.fromisoformat(path.parent.name)
        except ValueError:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        yield str(path.relative_to(root)), "", text, day


def _gva(root: Path) -> Iterator[tuple[str, str, str, dt.date]]:
    with (root / "gva_documents.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            try:
                day = dt.date.fromisoformat(str(rec.get("dct"))[:10])
            except ValueError:
                continue
            yield rec["doc_id"], rec.get("title") or "", rec.get("content") or "", day


_TAG = re.compile(r"<[^>]{0,2000}>")


def _tempeval(root: Path) -> Iterator[tuple[str, str, str, dt.date]]:
    import lxml.etree as etree

    for path in sorted(root.rglob("*.tml")):
        tree = etree.parse(str(path))
        dct = tree.xpath('//DCT/TIMEX3/@value | //TIMEX3[@functionInDocument="CREATION_TIME"]/@value')
        body = tree.xpath("//TEXT")
        if not dct or not body:
            continue
        try:
            day = dt.date.fromisoformat(str(dct[0])[:10])
        except ValueError:
            continue
        text = "".join(body[0].itertext())
        yield path.name, "", text, day


def load(data: Path) -> tuple[str, Iterator[tuple[str, str, str, dt.date]]]:
    if (data / "gva_documents.jsonl").exists():
        return "gva", _gva(data)
    if any(data.glob("*/InputDocs")):
        return "timeline17", _timeline17(data)
    if any(data.rglob("*.tml")):
        return "tempeval3", _tempeval(data)
    raise ValueError(f"{data} is not Timeline17, GVA or TempEval-3 data")


def latest_explicit_date(timexes, upper: dt.date) -> dt.date | None:
    """The baseline: the latest full date written in the text."""
    best = None
    for t in timexes:
        if t.type == "DATE" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value):
            try:
                d = dt.date.fromisoformat(t.value)
            except ValueError:
                continue
            if d <= upper and (best is None or d > best):
                best = d
    return best


def _score(errors: list[int | None], widths: list[int], inside: list[bool]) -> dict:
    n = len(errors)
    out = {f"within_{w}": round(sum(1 for e in errors if e is not None and abs(e) <= w) / n, 4) if n else 0.0 for w in WINDOWS}
    out["dated"] = round(sum(e is not None for e in errors) / n, 4) if n else 0.0
    found = [abs(e) for e in errors if e is not None]
    out["median_abs_error_days"] = statistics.median(found) if found else None
    if widths:
        out["mean_interval_days"] = round(statistics.fmean(widths), 1)
        out["interval_contains_truth"] = round(sum(inside) / len(inside), 4)
    return out


def evaluate(data: Path, *, limit: int | None = None, progress: bool = True) -> dict:
    from rich.console import Console
    from rich.progress import track

    from sitrep.dates.timex import find_timexes
    from sitrep.spine import process

    name, docs = load(data)
    items = list(docs)
    if limit:
        # An even spread over the set rather than its first folder.
        step = max(1, len(items) // limit)
        items = items[::step][:limit]
    today = dt.date.today()
    sys_err: list[int | None] = []
    confidences: list[float] = []
    base_err: list[int | None] = []
    widths: list[int] = []
    inside: list[bool] = []
    bases: dict[str, int] = {}
    # Each batch goes through the spine's own per-document stages (cleaning, with the lines an
    # outlet repeats across the batch removed, then dating) and its batch step that dates articles
    # by similar dated ones, as a run does; a batch is what one run would hold: one topic folder of
    # Timeline17, the whole of the others. An input the spine rejects (empty once cleaned, not
    # English) counts as undated.
    batches: dict[str, list[tuple[RawDoc, str, dt.date]]] = {}
    for doc_id, title, text, truth in items:
        batch = doc_id.split("/", 1)[0] if name == "timeline17" else name
        raw = RawDoc(id=doc_id, source=doc_id, kind="text", body=text, title=title or None)
        batches.setdefault(batch, []).append((raw, f"{title}\n{text}" if title else text, truth))
    iterator = track(batches.values(), description=f"pubdate {name}", console=Console(stderr=True)) if progress \
        else batches.values()
    results = []
    for group in iterator:
        for result, (_, full, truth) in zip(process(raw for raw, _, _ in group), group):
            results.append((result, full, truth))
    for article, full, truth in results:
        pub = article.published if isinstance(article, Article) else None
        pub = pub or PubDate(date=None, earliest=None, latest=None, basis="rejected", confidence=0.0)
        bases[pub.basis] = bases.get(pub.basis, 0) + 1
        sys_err.append((dt.date.fromisoformat(pub.date) - truth).days if pub.date else None)
        confidences.append(pub.confidence)
        if pub.earliest and pub.latest:
            lo, hi = dt.date.fromisoformat(pub.earliest), dt.date.fromisoformat(pub.latest)
            widths.append((hi - lo).days + 1)
            inside.append(lo <= truth <= hi)
        base = latest_explicit_date(find_timexes(full, None), today)
        base_err.append((base - truth).days if base else None)
    by_confidence = []
    for lo, hi in BANDS:
        errs = [e for e, c in zip(sys_err, confidences) if e is not None and (lo <= c < hi or c == hi == 1.0)]
        if errs:
            by_confidence.append({"confidence": f"{lo}-{hi}", "articles": len(errs),
                                  **{f"within_{w}": round(sum(abs(e) <= w for e in errs) / len(errs), 4) for w in WINDOWS}})
    return {
        "task": "pubdate",
        "data": name,
        "documents": len(items),
        "sitrep": _score(sys_err, widths, inside),
        "baseline_latest_explicit_date": _score(base_err, [], []),
        "sitrep_basis": dict(sorted(bases.items(), key=lambda kv: -kv[1])),
        "sitrep_by_confidence": by_confidence,
    }
