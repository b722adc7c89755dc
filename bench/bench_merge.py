"""How merging grows with the number of mentions: sitrep's blocked, date-windowed merge next to
an all-pairs-within-block baseline, in the same run.

    .venv/bin/python bench/bench_merge.py [--sizes 1000,5000,20000,80000] [--baseline-max 5000] [--distinct-max 20000]

The mentions are the demo corpus's (examples/, run through the pipeline once into a temporary
store), replicated to each size in two ways:

- ``denser``: copy k is the same reports reprinted word for word by k more outlets (new mention
  and document ids, same dates and places), as wire stories are; merge scores reports alike in
  all but their words once, so this measures what syndication costs;
- ``reworded``: as ``denser`` but each copy's sentence carries a word of its own, so no two copies
  are verbatim (outlets editing a wire story);
- ``distinct``: as ``reworded`` but each copy's place is a town of its own (a new GeoNames id at
  the same coordinates, in the same first-level area): the reports in a block's date window all
  differ and grow with the corpus, so every pair in the window is scored — the worst case for any
  pairwise method (real news has only so many towns and days in a province's month);
- ``longer``: copy k is the same reports k x 400 days later, so the corpus covers more time at
  the same density — what a longer archive looks like.

For each size it prints seconds for block (with collapsing reports alike but for their words),
score, cluster and
reconcile, mentions per second,
and the exponent b of time ~ n^b fitted between consecutive sizes (b = 1 is linear, 2 quadratic).
The baseline scores every pair in each block (no date window); it runs up to --baseline-max
mentions, beyond which it would take hours.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import math
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def seed_mentions() -> list[dict]:
    from sitrep.pipeline import run
    from sitrep.store import open_store

    db = f"sqlite:///{tempfile.mkdtemp(prefix='sitrep-bench-merge-')}/seed.db"
    run([ROOT / "examples"], db=db)
    with open_store(db) as store:
        return list(store.mentions())


def _shift(day: str | None, days: int) -> str | None:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat() if day else None


def replicate(seed: list[dict], n: int, mode: str) -> list[dict]:
    out: list[dict] = []
    k = 0
    while len(out) < n:
        for m in seed:
            if len(out) >= n:
                break
            r = copy.deepcopy(m)
            r["id"] = f"{m['id']}~{k}"
            for ref in r["mentions"]:
                ref["document"] = f"{ref['document']}~{k}"
            if mode in ("reworded", "distinct") and k:
                tag = f" variant{chr(97 + k % 26)}{chr(97 + k // 26 % 26)}"  # a word no other copy has
                for ref in r["mentions"]:
                    ref["sentence"] += tag
            if mode == "distinct" and k and (r.get("location") or {}).get("geonameid"):
                r["location"] = dict(r["location"], geonameid=f"{r['location']['geonameid']}~{k}")
            if mode == "longer" and k:
                r["date"] = dict(r["date"], start=_shift(r["date"]["start"], 400 * k), end=_shift(r["date"]["end"], 400 * k))
            out.append(r)
        k += 1
    return out


def timed_merge(records: list[dict]) -> dict:
    from sitrep import merge as m

    t = {}
    t0 = time.perf_counter()
    stands_for = m.collapse(records)  # reports alike but for their words scored once
    blocks = m.block(group[0] for group in stands_for.values())
    t["block"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    scored = m.score(blocks)
    t["score"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    groups = m.expand(m.cluster(blocks, scored), stands_for)
    t["cluster"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    events = [m.reconcile(g) for g in groups]
    t["reconcile"] = time.perf_counter() - t0
    t["total"] = sum(t.values())
    t["events"] = len(events)
    t["pairs"] = sum(len(p) for p in scored.values())
    t["largest_block"] = max(len(b) for b in blocks.values())
    return t


def baseline(records: list[dict]) -> float:
    """All pairs within each block, no date window: the quadratic way."""
    from sitrep import merge as m

    t0 = time.perf_counter()
    for members in m.block(records).values():
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                m.pair_score(members[i], members[j])
    return time.perf_counter() - t0


def exponent(n0: int, t0: float, n1: int, t1: float) -> str:
    return f"{math.log(t1 / t0) / math.log(n1 / n0):.2f}" if t0 > 0 and t1 > 0 else "–"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,5000,20000,80000")
    ap.add_argument("--baseline-max", type=int, default=5000)
    ap.add_argument("--distinct-max", type=int, default=20000, help="largest size for the distinct mode (its pairs grow ~n^2)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{dt.date.today().isoformat()}", file=sys.stderr)
    seed = seed_mentions()
    print(f"seed: {len(seed)} mentions from examples/", file=sys.stderr)
    print("| mode | mentions | largest block (after collapsing copies) | pairs scored | block s | score s | cluster s | reconcile s | total s "
          "| mentions/s | growth exponent | baseline all-pairs s | baseline exponent |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for mode in ("denser", "reworded", "distinct", "longer"):
        last = last_base = None
        for n in sizes:
            if mode == "distinct" and n > args.distinct_max:
                continue
            records = replicate(seed, n, mode)
            t = timed_merge(records)
            base = baseline(records) if n <= args.baseline_max else None
            grow = exponent(last[0], last[1], n, t["total"]) if last else "–"
            bgrow = exponent(last_base[0], last_base[1], n, base) if last_base and base else "–"
            print(f"| {mode} | {n} | {t['largest_block']} | {t['pairs']} | {t['block']:.2f} | {t['score']:.2f} | "
                  f"{t['cluster']:.2f} | {t['reconcile']:.2f} | {t['total']:.2f} | {n / t['total']:.0f} | {grow} | "
                  f"{f'{base:.2f}' if base is not None else 'not run'} | {bgrow} |", flush=True)
            last = (n, t["total"])
            last_base = (n, base) if base else last_base
    return 0


if __name__ == "__main__":
    sys.exit(main())
