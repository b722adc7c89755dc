"""Speed and peak memory of each stage of sitrep's per-document spine, each next to a baseline
measured in the same run, on the FA-KES and Timeline17 articles; and how the whole run grows.

    .venv/bin/python bench/bench_stages.py [--docs N] [--dateparser-docs 40] [--series 1000,5000,20000]

The ~4,800 articles (804 FA-KES, 3,996 Timeline17; ``--docs N`` takes N of them, spread evenly
over both sets in proportion to their sizes) are written as .txt files (title line, then the text)
into a temporary folder, with no publication date beside them, so the date stage infers every date
from the text. Stages run in order, each on what the one before produced, each (and each baseline)
in a fresh child process of this script pinned to one thread, so its peak RSS is its own:

* read       ``read_sources`` over the folder         vs reading each file with ``Path.read_text``
* clean      ``clean_articles`` in spine-sized batches vs ``trafilatura.extract`` on the text wrapped
                                                          as a minimal HTML page (one <p> per line)
* language   ``foreign_language`` (4,000-char sample)  vs py3langid ``classify`` on the whole text
* date       ``date_article`` + ``date_by_corpus``     vs dateparser ``search_dates`` over every
                                                          sentence (bench_dates.py's way) on a sample
* places     ``find_places(demonyms=False)``           vs bench_places.py's naive n-gram lookup
                                                          (most populous gazetteer entry per name)
* events     ``extract`` with those places             vs spaCy's full pipeline over every sentence
                                                          (bench_events.py's way), extracting nothing
* places + events  ``spine.extract_document``: both as a run does them, the statistical NER reading
             only the sentences that may report an event or add a place   vs the same with the NER
             over whole articles (``find_places_titled``, then ``extract`` with those places)
* merge      ``sitrep.merge.merge`` (mentions/second)  vs bench_merge.py's all pairs within blocks
* end to end ``sitrep.pipeline.run`` into a fresh SQLite store (read to merge and control)

Rates exclude start-up (model and gazetteer loading, warm-up on one document), printed apart.
``--series`` then runs the end-to-end stage at each size: sizes above the ~4,800 articles cycle
them, copy k with ``copy-k/`` in its id, " (copy k)" after its title, a word of its own before the
full stop of every sentence and every four-digit number from 1980 to 2039 (years, mostly) k less,
so its sentences, dates and figures differ from the original's and merge never collapses it as a
verbatim copy (most articles carry no date that inference finds: shifting dates is not enough).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import os
import pickle
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from html import escape
from pathlib import Path

os.environ.update({v: os.environ.get(v, "1") for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                                                       "BLIS_NUM_THREADS")})
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_batch import DATA as FAKES
from bench_dates import _SENT, timed
from bench_dates import DATA as TIMELINE17
from bench_merge import exponent
from bench_places import _peak_rss_mb

_YEAR = re.compile(r"\b(?:19[89]\d|20[0-3]\d)\b")
_SENTENCE_END = re.compile(r"(?=[.!?](?:\s|$))")


# ---- the documents ----

def _spread(items: list, k: int) -> list:
    """``k`` items evenly spaced over ``items`` (all of them when k >= len)."""
    n = len(items)
    return list(items) if k >= n else [items[i * n // k] for i in range(k)]


def corpus() -> list[tuple[str, str, str]]:
    """(dataset, relative path, file text) of every FA-KES and Timeline17 article."""
    docs = []
    with FAKES.open(encoding="iso-8859-1") as fh:
        for row in csv.DictReader(fh):
            text = f"{row['article_title']}\n\n{row['article_content']}\n"  # as bench_batch.py writes them
            docs.append(("fa-kes", f"fa-kes/{row['unit_id']}.txt", text))
    for p in sorted(TIMELINE17.glob("*/InputDocs/*/*.txt")):
        docs.append(("timeline17", f"timeline17/{p.relative_to(TIMELINE17).as_posix()}",
                     p.read_text(encoding="utf-8", errors="replace")))
    return docs


def pick(docs: list, n: int | None) -> list:
    """``n`` documents spread evenly over both sets, in proportion to their sizes."""
    if not n or n >= len(docs):
        return docs
    fakes = [d for d in docs if d[0] == "fa-kes"]
    rest = [d for d in docs if d[0] != "fa-kes"]
    k = round(n * len(fakes) / len(docs))
    return _spread(fakes, k) + _spread(rest, n - k)


def copy_text(text: str, k: int) -> str:
    """Copy k of an article: " (copy k)" after its title line, a word of its own ("copy" and k
    x's) before the full stop of every sentence, and every year (1980-2039) k years earlier."""
    if not k:
        return text
    title, sep, body = text.partition("\n")
    body = _SENTENCE_END.sub(f" copy{'x' * k}", body)
    return _YEAR.sub(lambda m: str(int(m.group()) - k), f"{title} (copy {k}){sep}{body}")


def write_inputs(folder: Path, docs: list, n: int) -> int:
    """``n`` articles as .txt files under ``folder``, cycling ``docs`` (copy k under copy-k/ when
    n exceeds them). Returns how many copies beyond the originals were needed."""
    k = 0
    while n > 0:
        part = _spread(docs, n)
        for _, rel, text in part:
            path = folder / (f"copy-{k}/{rel}" if k else rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(copy_text(text, k), encoding="utf-8")
        n -= len(part)
        k += 1
    return k - 1


# ---- one stage in this process (the child) ----

@dataclass
class Result:
    units: int  # articles, or mentions for merge
    seconds: float
    startup: float
    note: str = ""
    peak_mb: float = 0.0


def _save(work: Path, name: str, obj) -> None:
    (work / f"{name}.pkl").write_bytes(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))


def _load(work: Path, name: str):
    return pickle.loads((work / f"{name}.pkl").read_bytes())


def _warm(fn, first) -> float:
    """Seconds to run ``fn`` once on the first item: the stage's start-up (models, rules, caches)."""
    t0 = time.perf_counter()
    fn(first)
    return time.perf_counter() - t0


def _collect(fn, items: list) -> tuple[list, float]:
    out: list = []
    return out, timed(lambda x: out.append(fn(x)), items)


def read_sitrep(work: Path, opts) -> Result:
    from sitrep.ingest import read_sources
    from sitrep.records import RawDoc

    t0 = time.perf_counter()
    items = list(read_sources([work / "in"]))
    secs = time.perf_counter() - t0
    raws = [x for x in items if isinstance(x, RawDoc)]
    _save(work, "raws", raws)
    return Result(len(items), secs, 0.0, f"{len(items) - len(raws)} rejected")


def read_baseline(work: Path, opts) -> Result:
    paths = sorted((work / "in").rglob("*.txt"))
    return Result(len(paths), timed(lambda p: p.read_text(encoding="utf-8", errors="replace"), paths), 0.0)


def clean_sitrep(work: Path, opts) -> Result:
    from sitrep.clean import clean_articles
    from sitrep.records import Article
    from sitrep.settings import load_settings
    from sitrep.spine import BATCH_SIZE

    raws = _load(work, "raws")
    min_docs = load_settings().repeated_line_min_docs
    batches = [raws[i: i + BATCH_SIZE] for i in range(0, len(raws), BATCH_SIZE)]
    done, secs = _collect(lambda b: clean_articles(b, min_docs=min_docs), batches)
    articles = [a for batch in done for a in batch if isinstance(a, Article)]
    _save(work, "clean", articles)
    return Result(len(raws), secs, 0.0, f"{len(raws) - len(articles)} rejected (no content)")


def _as_page(raw) -> str:
    lines = "".join(f"<p>{escape(line)}</p>\n" for line in raw.body.splitlines() if line.strip())
    head = f"<head><title>{escape(raw.title or '')}</title></head>"
    return f"<html>{head}<body><article>\n{lines}</article></body></html>"


def clean_baseline(work: Path, opts) -> Result:
    t0 = time.perf_counter()
    import trafilatura

    pages = [_as_page(r) for r in _load(work, "raws")]
    trafilatura.extract(pages[0])
    startup = time.perf_counter() - t0
    return Result(len(pages), timed(trafilatura.extract, pages), startup)


def language_sitrep(work: Path, opts) -> Result:
    from sitrep.clean.language import foreign_language

    articles = _load(work, "clean")
    startup = _warm(foreign_language, articles[0].text)  # loads the model
    verdicts, secs = _collect(lambda a: foreign_language(a.text), articles)
    english = [a for a, v in zip(articles, verdicts) if not v]
    _save(work, "english", english)
    return Result(len(articles), secs, startup, f"{len(articles) - len(english)} set aside as not English")


def language_baseline(work: Path, opts) -> Result:
    import py3langid

    texts = [a.text for a in _load(work, "clean")]
    startup = _warm(py3langid.classify, texts[0])
    return Result(len(texts), timed(py3langid.classify, texts), startup)


def date_sitrep(work: Path, opts) -> Result:
    from sitrep.dates.corpus import date_by_corpus
    from sitrep.dates.pubdate import date_article
    from sitrep.spine import BATCH_SIZE

    articles = _load(work, "english")
    startup = _warm(date_article, articles[0])  # compiles the rules
    t0 = time.perf_counter()
    dated = [date_article(a) for a in articles]
    dated = [a for i in range(0, len(dated), BATCH_SIZE) for a in date_by_corpus(dated[i: i + BATCH_SIZE])]
    secs = time.perf_counter() - t0
    _save(work, "dated", dated)
    undated = sum(1 for a in dated if not (a.published and a.published.date))
    return Result(len(articles), secs, startup, f"{undated} left undated")


def date_baseline(work: Path, opts) -> Result:
    import warnings

    from dateparser.search import search_dates

    warnings.simplefilter("ignore")
    texts = _spread([a.text for a in _load(work, "english")], opts.dateparser_docs)
    settings = {"RELATIVE_BASE": dt.datetime(2011, 2, 1)}  # as bench_dates.py
    t0 = time.perf_counter()
    search_dates("The talks resumed on Monday, 3 January 2011.", settings=settings)  # loads language data
    startup = time.perf_counter() - t0
    secs = timed(lambda d: [search_dates(s, settings=settings) for s in _SENT.split(d)], texts)
    return Result(len(texts), secs, startup, f"on {len(texts)} of the articles, rate scaled")


def places_sitrep(work: Path, opts) -> Result:
    from sitrep.geocode import find_places
    from sitrep.geocode.gazetteer import get_gazetteer
    from sitrep.nlp import get_nlp

    articles = _load(work, "dated")
    t0 = time.perf_counter()
    get_gazetteer()
    get_nlp()
    find_places(articles[0].text, demonyms=False)
    startup = time.perf_counter() - t0
    places, secs = _collect(lambda a: find_places(a.text, demonyms=False), articles)
    _save(work, "places", places)
    return Result(len(articles), secs, startup, f"{sum(map(len, places))} places")


def places_baseline(work: Path, opts) -> Result:
    from bench_places import NaiveNgram

    texts = [a.text for a in _load(work, "dated")]
    t0 = time.perf_counter()
    lookup = NaiveNgram()
    startup = time.perf_counter() - t0
    found, secs = _collect(lookup, texts)
    return Result(len(texts), secs, startup, f"{sum(map(len, found))} places")


def events_sitrep(work: Path, opts) -> Result:
    from sitrep.extract.mentions import extract, mention_record

    articles, places = _load(work, "dated"), _load(work, "places")
    pairs = list(zip(articles, places))
    startup = _warm(lambda ap: extract(ap[0], places=ap[1]), pairs[0])  # loads the classifier, taxonomy and parser
    found, secs = _collect(lambda ap: extract(ap[0], places=ap[1]), pairs)
    _save(work, "mentions", [mention_record(m, a) for a, ms in zip(articles, found) for m in ms])
    return Result(len(articles), secs, startup, f"{sum(map(len, found))} mentions")


def spine_sitrep(work: Path, opts) -> Result:
    from sitrep.spine import extract_document

    articles = _load(work, "dated")
    startup = _warm(extract_document, articles[0])
    found, secs = _collect(extract_document, articles)
    return Result(len(articles), secs, startup, f"{sum(map(len, found))} mentions")


def spine_baseline(work: Path, opts) -> Result:
    from sitrep.extract.mentions import extract
    from sitrep.geocode import find_places_titled

    def whole(article):
        heading, places = find_places_titled(article.text, article.title, demonyms=False)
        return extract(article, places=places, title_places=heading)

    articles = _load(work, "dated")
    startup = _warm(whole, articles[0])
    found, secs = _collect(whole, articles)
    return Result(len(articles), secs, startup, f"{sum(map(len, found))} mentions")


def events_baseline(work: Path, opts) -> Result:
    from sitrep.extract.mentions import sentences
    from sitrep.nlp import get_nlp

    texts = [a.text for a in _load(work, "dated")]
    t0 = time.perf_counter()
    nlp = get_nlp()
    nlp(texts[0][:200])
    startup = time.perf_counter() - t0
    counted = [0]

    def parse_all(text: str) -> None:
        for s, e in sentences(text):
            nlp(text[s:e])
            counted[0] += 1

    return Result(len(texts), timed(parse_all, texts), startup, f"{counted[0]} sentences")


def merge_sitrep(work: Path, opts) -> Result:
    from sitrep.merge import merge

    records = _load(work, "mentions")
    t0 = time.perf_counter()
    events = merge(records)
    return Result(len(records), time.perf_counter() - t0, 0.0, f"{len(events)} events")


def merge_baseline(work: Path, opts) -> Result:
    from bench_merge import baseline

    records = _load(work, "mentions")
    sample = _spread(records, opts.merge_baseline_max)
    note = "" if len(sample) == len(records) else f"on {len(sample)} of the mentions: quadratic, rate flattered"
    return Result(len(sample), baseline(sample), 0.0, note)


def e2e_sitrep(work: Path, opts) -> Result:
    from sitrep.ingest.formats import read_txt
    from sitrep.merge import collapse
    from sitrep.pipeline import run
    from sitrep.records import Article
    from sitrep.spine import extract_document, process_document
    from sitrep.store import open_store

    folder = Path(opts.input) if opts.input else work / "in"
    t0 = time.perf_counter()
    for path in sorted(folder.rglob("*.txt")):  # warm-up on the first article kept: models, gazetteer, rules
        article = process_document(read_txt(path.read_bytes(), id="warm-up", source=str(path)))
        if isinstance(article, Article):
            extract_document(article)
            break
    startup = time.perf_counter() - t0
    db = f"sqlite:///{tempfile.mkdtemp(dir=work, prefix='store-')}/sitrep.db"
    t0 = time.perf_counter()
    summary = run([folder], db=db)
    secs = time.perf_counter() - t0
    with open_store(db) as store:
        stored = list(store.mentions())
    return Result(summary.read, secs, startup,
                  f"{summary.stats.documents} articles, {len(stored)} mentions "
                  f"({len(collapse(stored))} after collapsing reports alike but for their words), "
                  f"{summary.totals.get('events', 0)} events")


STAGES = {  # stage: (sitrep, baseline, baseline's name, unit)
    "read": (read_sitrep, read_baseline, "`Path.read_text` of each file", "art"),
    "clean": (clean_sitrep, clean_baseline, "`trafilatura.extract` on the text wrapped as a minimal HTML page", "art"),
    "language": (language_sitrep, language_baseline, "py3langid `classify` on the whole text", "art"),
    "date": (date_sitrep, date_baseline, "dateparser `search_dates` over every sentence", "art"),
    "places": (places_sitrep, places_baseline, "naive n-gram gazetteer lookup, most populous entry", "art"),
    "events": (events_sitrep, events_baseline, "spaCy's full pipeline over every sentence, extracting nothing", "art"),
    "places + events": (spine_sitrep, spine_baseline, "the same with the statistical NER over whole articles", "art"),
    "merge": (merge_sitrep, merge_baseline, "all pairs scored within each block, no date window", "mention"),
    "end to end": (e2e_sitrep, None, "–", "art"),
}


def child(opts) -> int:
    sitrep_fn, baseline_fn, _, _ = STAGES[opts.stage]
    result = (sitrep_fn if opts.side == "sitrep" else baseline_fn)(Path(opts.work), opts)
    result.peak_mb = _peak_rss_mb()
    print(json.dumps(asdict(result)))
    return 0


# ---- the parent ----

def in_child(stage: str, side: str, work: Path, opts, *extra: str) -> Result:
    cmd = [sys.executable, __file__, "--stage", stage, "--side", side, "--work", str(work),
           "--dateparser-docs", str(opts.dateparser_docs), "--merge-baseline-max", str(opts.merge_baseline_max), *extra]
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True)
    if proc.returncode:
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"{stage} ({side}) failed with exit status {proc.returncode}")
    r = Result(**json.loads(proc.stdout.strip().splitlines()[-1]))
    print(f"  {stage} ({side}): {r.units} in {r.seconds:.2f} s, start-up {r.startup:.1f} s, peak {r.peak_mb:.0f} MB"
          f"{'; ' + r.note if r.note else ''}", file=sys.stderr, flush=True)
    return r


def _rate(r: Result | None) -> str:
    return f"{r.units / r.seconds:,.1f}" if r and r.seconds > 0 else "–"


def stages_table(work: Path, opts) -> None:
    rows = []
    for stage, (_, baseline_fn, label, unit) in STAGES.items():
        ours = in_child(stage, "sitrep", work, opts)
        base = in_child(stage, "baseline", work, opts) if baseline_fn else None
        rows.append((stage, unit, ours, label, base))
    print("| stage | sitrep art/s | sitrep peak MB | baseline | baseline art/s | baseline peak MB |")
    print("| --- | ---: | ---: | --- | ---: | ---: |")
    for stage, unit, ours, label, base in rows:
        name = f"{stage} ({unit}s/s)" if unit != "art" else stage
        note = f" — {ours.note}" if ours.note else ""
        bnote = f" ({base.note})" if base and base.note else ""
        print(f"| {name}{note} | {_rate(ours)} | {ours.peak_mb:.0f} | {label}{bnote} | "
              f"{_rate(base)} | {f'{base.peak_mb:.0f}' if base else '–'} |")
    # The places and events rows time the two steps apart, on whole-article places; a run does them
    # as one step (the "places + events" row), which is what the sum counts.
    per_stage = sum(ours.seconds for stage, _, ours, _, _ in rows if stage not in ("end to end", "places", "events"))
    e2e = rows[-1][2]
    print(f"\nSum of the sitrep stages' seconds (read to merge): {per_stage:.1f} s; end to end: {e2e.seconds:.1f} s "
          f"(ratio {e2e.seconds / per_stage:.2f}; end to end also writes the SQLite store and tracks control, "
          "which no stage row times).")
    print("Start-up (seconds, not in the rates): " + ", ".join(
        f"{stage} {ours.startup:.1f}" + (f" / baseline {base.startup:.1f}" if base else "")
        for stage, _, ours, _, base in rows))


def series(work: Path, docs: list, sizes: list[int], opts) -> None:
    print(f"\nEnd to end by size ({len(docs)} distinct articles; beyond them copy k has copy-k/ in its id, "
          "\" (copy k)\" after its title, a word of its own before every full stop and every year in its text k "
          "years earlier, so no copy is verbatim; the last column says how many mentions merge still collapsed):\n")
    print("| articles | copies beyond the originals | seconds | articles/s | peak MB | growth exponent | stored |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    last = None
    for n in sizes:
        folder = work / f"series-{n}"
        copies = write_inputs(folder, docs, n)
        r = in_child("end to end", "sitrep", work, opts, "--input", str(folder))
        shutil.rmtree(folder)
        grow = exponent(last[0], last[1], r.units, r.seconds) if last else "–"
        print(f"| {r.units:,} | {copies} | {r.seconds:.1f} | {_rate(r)} | {r.peak_mb:.0f} | {grow} | {r.note} |",
              flush=True)
        last_pair, last = last, (r.units, r.seconds)
    n, t = last
    b = math.log(t / last_pair[1]) / math.log(n / last_pair[0]) if last_pair else 1.0
    total = t * (1_000_000 / n) ** b
    print(f"\nProjection for 1,000,000 articles on this machine: {t:.1f} s x (1,000,000 / {n:,})^{b:.2f} "
          f"= {t:.1f} x {(1_000_000 / n) ** b:,.1f} = {total:,.0f} s ≈ {total / 3600:,.1f} hours "
          f"(b, the growth exponent between the last two sizes{'' if last_pair else ': one size only, taken as 1'}).")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, help="at most this many articles (default: all, about 4,800)")
    ap.add_argument("--dateparser-docs", type=int, default=40, help="articles for the dateparser baseline (slow)")
    ap.add_argument("--merge-baseline-max", type=int, default=5000, help="mentions for the all-pairs baseline")
    ap.add_argument("--series", help="comma-separated sizes for the end-to-end growth series, e.g. 1000,5000,20000; "
                    "sizes above the articles taken (--docs, or all) cycle them as distinct copies")
    ap.add_argument("--no-stages", action="store_true", help="only the series")
    ap.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)
    ap.add_argument("--side", choices=("sitrep", "baseline"), help=argparse.SUPPRESS)
    ap.add_argument("--work", help=argparse.SUPPRESS)
    ap.add_argument("--input", help=argparse.SUPPRESS)
    opts = ap.parse_args(argv)
    if opts.stage:
        return child(opts)
    if not (FAKES.exists() and TIMELINE17.exists()):
        print(f"{FAKES} or {TIMELINE17} is absent: the benchmark needs the development data", file=sys.stderr)
        return 0
    everything = corpus()
    docs = pick(everything, opts.docs)
    words = sum(len(text.split()) for _, _, text in docs) / len(docs)
    n_fakes = sum(1 for d in docs if d[0] == "fa-kes")
    print(f"# stages benchmark — {dt.date.today()} — {platform.platform()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, one process and one thread per stage")
    print(f"# {len(docs):,} articles ({n_fakes} FA-KES, {len(docs) - n_fakes} Timeline17, evenly spread), "
          f"mean {words:,.0f} words, as .txt files without a publication date\n")
    work = Path(tempfile.mkdtemp(prefix="sitrep-bench-stages-"))
    try:
        if not opts.no_stages:
            write_inputs(work / "in", docs, len(docs))
            stages_table(work, opts)
        if opts.series:
            series(work, docs, [int(s) for s in opts.series.split(",")], opts)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
