"""Throughput and memory of place finding over the GeoWebNews texts, next to a naive baseline.

    python bench/bench_places.py [--data ../shared/data/geoparsing] [--docs 200] [--repeat 1]

Each system runs in its own fresh process pinned to one thread (OMP/BLAS/thinc), so its peak RSS is
its own. Systems:

* ``find_places``        sitrep.geocode.find_places, one document at a time
* ``find_places_many``   the same through ``nlp.pipe`` in batches of 16
* ``find_places_fast``   ``find_places_many(fast=True)``: rulers and demonyms only, no statistical NER
* ``naive_ngram``        baseline: a dictionary of gazetteer names (towns of 15,000+, first-level
                         areas, countries, sitrep's additions; most populous entry per name) matched
                         against every capitalised 1-4-word n-gram of a regex tokenisation

Documents/second exclude start-up (model load, gazetteer open); start-up is reported separately.
F1 is each system's recognition F1 on the same documents (span overlap, GeoWebNews counted types).
Prints a table; ``--json`` writes the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(var, "1")

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "geoparsing"
SYSTEMS = ("find_places", "find_places_many", "find_places_fast", "naive_ngram")


def _docs(data: Path, n: int) -> list:
    sys.path.insert(0, str(ROOT / "src"))
    from sitrep.eval.places import load_gwn

    return load_gwn(data / "GWN.xml")[:n]


def _f1(docs: list, outputs: list) -> float:
    """Recognition F1 (span overlap, GeoWebNews counted types) of one system's output."""
    from types import SimpleNamespace

    from sitrep.eval.places import GWN_COUNTED, _recognition

    preds = [[p if hasattr(p, "start") else SimpleNamespace(start=p[0], end=p[1]) for p in out] for out in outputs]
    return _recognition(docs, preds, GWN_COUNTED)["f1"]


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


class NaiveNgram:
    """The baseline: exact lookup of capitalised n-grams in a name -> most-populous-entry dict."""

    TOKEN = re.compile(r"[A-Za-z][\w'’.-]*|\S")

    def __init__(self) -> None:
        from sitrep.geocode import names as N
        from sitrep.geocode.gazetteer import get_gazetteer

        self.key = N.key
        best: dict[str, tuple[int, object]] = {}
        for text, _origin, e in get_gazetteer().surfaces():
            k = N.key(text)
            if k and (k not in best or e.population > best[k][0]):
                best[k] = (e.population, e)
        self.table = {k: e for k, (_, e) in best.items()}

    def __call__(self, text: str) -> list[tuple[int, int, object]]:
        toks = [(m.start(), m.end(), m.group()) for m in self.TOKEN.finditer(text)]
        out, i = [], 0
        while i < len(toks):
            if not toks[i][2][:1].isupper():
                i += 1
                continue
            for n in (4, 3, 2, 1):
                if i + n > len(toks):
                    continue
                s, e = toks[i][0], toks[i + n - 1][1]
                hit = self.table.get(self.key(text[s:e]))
                if hit is not None:
                    out.append((s, e, hit))
                    i += n
                    break
            else:
                i += 1
        return out


def run_one(system: str, data: Path, ndocs: int, repeat: int) -> dict:
    docs = _docs(data, ndocs)
    texts = [d.text for d in docs]
    t0 = time.perf_counter()
    if system == "naive_ngram":
        fn = NaiveNgram()
        run = lambda: [fn(t) for t in texts]
    else:
        from sitrep.geocode import find_places, find_places_many
        from sitrep.geocode.gazetteer import get_gazetteer
        from sitrep.nlp import get_nlp

        get_gazetteer()
        get_nlp()
        find_places(texts[0])  # warm caches and lazy imports
        if system == "find_places":
            run = lambda: [find_places(t) for t in texts]
        elif system == "find_places_fast":
            run = lambda: list(find_places_many(texts, fast=True))
        else:
            run = lambda: list(find_places_many(texts))
    startup = time.perf_counter() - t0
    best = None
    found = 0
    f1 = 0.0
    for _ in range(repeat):
        t1 = time.perf_counter()
        out = run()
        dt = time.perf_counter() - t1
        best = dt if best is None else min(best, dt)
        found = sum(len(o) for o in out)
        f1 = _f1(docs, out)
    chars = sum(len(t) for t in texts)
    return {
        "system": system,
        "docs": len(texts),
        "chars": chars,
        "seconds": round(best, 3),
        "docs_per_s": round(len(texts) / best, 1),
        "kchars_per_s": round(chars / best / 1000, 1),
        "places_found": found,
        "recognition_f1": f1,
        "startup_s": round(startup, 2),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="place-finding throughput and memory")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--system", choices=SYSTEMS, help="run one system in this process and print JSON")
    ap.add_argument("--json", type=Path, help="write all figures here")
    args = ap.parse_args(argv)
    if not (args.data / "GWN.xml").exists():
        print(f"{args.data / 'GWN.xml'} not found", file=sys.stderr)
        return 2
    if args.system:
        print(json.dumps(run_one(args.system, args.data, args.docs, args.repeat)))
        return 0
    rows = []
    for system in SYSTEMS:
        cmd = [
            sys.executable,
            __file__,
            "--system",
            system,
            "--data",
            str(args.data),
            "--docs",
            str(args.docs),
            "--repeat",
            str(args.repeat),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    head = (
        f"{'system':18s} {'docs':>5s} {'docs/s':>8s} {'kchar/s':>8s} {'places':>7s} {'F1':>6s} "
        f"{'startup s':>9s} {'peak RSS MB':>11s}"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        print(
            f"{r['system']:18s} {r['docs']:5d} {r['docs_per_s']:8.1f} {r['kchars_per_s']:8.1f} {r['places_found']:7d} "
            f"{r['recognition_f1']:6.3f} {r['startup_s']:9.2f} {r['peak_rss_mb']:11.1f}"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
