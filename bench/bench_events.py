"""Speed of event extraction on the demo corpus, next to running spaCy's full pipeline over every
sentence (what an extractor that parses everything pays), in the same run, on one core.

    .venv/bin/python bench/bench_events.py
"""

from __future__ import annotations

import datetime as dt
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    from sitrep.extract.mentions import sentences
    from sitrep.nlp import get_nlp
    from sitrep.pipeline import clean
    from sitrep.spine import extract_document

    articles = [a for a in clean([ROOT / "examples"]) if hasattr(a, "text")]
    nlp = get_nlp()
    extract_document(articles[0])  # warm-up: models, gazetteer, rules
    t0 = time.perf_counter()
    mentions = sum(len(extract_document(a)) for a in articles)
    ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    parsed = 0
    for a in articles:
        for s, e in sentences(a.text):
            nlp(a.text[s:e])
            parsed += 1
    full = time.perf_counter() - t0
    words = sum(len(a.text.split()) for a in articles) / len(articles)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"# events benchmark — {dt.date.today()} — {platform.machine()}, Python {platform.python_version()}, one core")
    print(f"# {len(articles)} demo articles (mean {words:.0f} words), {parsed} sentences; peak RSS {peak:.0f} MB")
    print("| system | articles/second |")
    print("| --- | ---: |")
    print(f"| sitrep extraction: places + events ({mentions} mentions) | {len(articles) / ours:.1f} |")
    print(f"| baseline: spaCy full pipeline over every sentence (no extraction at all) | {len(articles) / full:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
