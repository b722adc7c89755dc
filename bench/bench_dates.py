"""Speed of date finding: sitrep's temporal tagger and publication-date inference, next to
dateparser run over every sentence (the common way to find dates with a library), on the same
news articles in the same run, on one core.

    .venv/bin/python bench/bench_dates.py [--docs 200]

Reads Timeline17 articles from ../shared/data/timeline17 (skips with a message when absent).
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import re
import resource
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "timeline17"
_SENT = re.compile(r"(?<=[.!?])\s+")


def load(n: int) -> list[str]:
    paths = sorted(DATA.glob("*/InputDocs/*/*.txt"))
    step = max(1, len(paths) // n)
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths[::step][:n]]


def timed(fn, docs: list[str]) -> float:
    t0 = time.perf_counter()
    for d in docs:
        fn(d)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    args = ap.parse_args()
    if not DATA.exists():
        print(f"{DATA} is absent: the benchmark needs the development data", file=sys.stderr)
        return 0
    from dateparser.search import search_dates

    from sitrep.dates.pubdate import date_article
    from sitrep.dates.timex import find_timexes
    from sitrep.records import Article

    docs = load(args.docs)
    words = sum(len(d.split()) for d in docs) / len(docs)
    dct = dt.date(2011, 2, 1)
    find_timexes(docs[0], dct)  # warm-up: compile rules
    rows = [
        ("sitrep find_timexes (DCT known)", timed(lambda d: find_timexes(d, dct), docs)),
        ("sitrep date_article (DCT hidden: inference)", timed(lambda d: date_article(Article(id="x", source="x", title="", text=d)), docs)),
    ]
    warnings.simplefilter("ignore")
    base_docs = docs[: max(10, len(docs) // 5)]  # dateparser is slow: a fifth of the set, rate scaled
    base = timed(lambda d: [search_dates(s, settings={"RELATIVE_BASE": dt.datetime(2011, 2, 1)}) for s in _SENT.split(d)], base_docs)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"# dates benchmark — {dt.date.today()} — {platform.processor() or platform.machine()}, Python {platform.python_version()}, one core")
    print(f"# {len(docs)} Timeline17 articles, mean {words:.0f} words; peak RSS {peak_mb:.0f} MB")
    print("| system | documents/second |")
    print("| --- | ---: |")
    for name, secs in rows:
        print(f"| {name} | {len(docs) / secs:.1f} |")
    print(f"| baseline: dateparser search_dates over every sentence ({len(base_docs)} docs) | {len(base_docs) / base:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
