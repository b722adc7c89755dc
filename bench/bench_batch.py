"""End-to-end throughput of `sitrep batch`: one local process next to Dask clusters of one and two
worker processes, on the same FA-KES articles in the same run, with peak memory per worker.

    .venv/bin/python bench/bench_batch.py [--docs 400]

Reads ../shared/data/fa-kes (skips with a message when absent); writes its inputs, stores and
shard folders under a temporary folder.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "fa-kes" / "FA-KES-Dataset.csv"


def _peak_worker_mb(client) -> float:
    import resource

    return max(client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024).values())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=400)
    args = ap.parse_args()
    if not DATA.exists():
        print(f"{DATA} is absent: the benchmark needs the development data", file=sys.stderr)
        return 0
    from sitrep.batch import execute, plan

    tmp = Path(tempfile.mkdtemp(prefix="sitrep-bench-"))
    inputs = tmp / "in"
    inputs.mkdir()
    with DATA.open(encoding="iso-8859-1") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            if i >= args.docs:
                break
            (inputs / f"{row['unit_id']}.txt").write_text(f"{row['article_title']}\n\n{row['article_content']}\n", encoding="utf-8")
    shards = plan([inputs], shard_files=25)
    rows = []
    t0 = time.perf_counter()
    execute(shards, str(tmp / "w1"), engine="local", workers=1)
    rows.append(("local, 1 process", time.perf_counter() - t0))
    from distributed import Client, LocalCluster

    from sitrep.batch import run_shard

    peak = 0.0
    for workers in (1, 2):
        # Each worker loads the models itself, inside the timing, as a real run's workers do.
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            t0 = time.perf_counter()
            client.gather(client.map(run_shard, shards, workdir=str(tmp / f"d{workers}"), pure=False))
            rows.append((f"dask, {workers} worker process{'es' if workers > 1 else ''}", time.perf_counter() - t0))
            peak = max(peak, _peak_worker_mb(client))
    n = sum(len(s.files) for s in shards)
    print(f"# batch benchmark — {dt.date.today()} — {platform.machine()}, Python {platform.python_version()}, 2 cores")
    print(f"# {n} FA-KES articles in {len(shards)} shards of 25; per-document stages (clean, date, geocode, extract)")
    print("| engine | seconds | articles/second | speed-up |")
    print("| --- | ---: | ---: | ---: |")
    for name, secs in rows:
        print(f"| {name} | {secs:.1f} | {n / secs:.1f} | {rows[0][1] / secs:.2f}x |")
    print(f"# two Dask workers over one: {rows[1][1] / rows[2][1]:.2f}x")
    print(f"# peak resident memory of a Dask worker: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
