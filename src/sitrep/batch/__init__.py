"""sitrep batch: the main job as shards, on local processes or a Dask cluster.

The pipeline does not know its engine. Inputs are split into shards (whole files, in a stable
order); ``run_shard`` runs the per-document spine and the extraction on one shard and writes its
results, its stats (documents, rejects by reason, seconds) and, last, a completion marker into the
work folder. A relaunch skips every shard whose marker is there, so a killed batch resumes where
it stopped. Loading the shards' results into the store is idempotent (content-hash ids), and
merging and control then run once over everything stored, as in ``sitrep run``.

Shard results are JSON (gzipped), never pickles: a work folder is data, not code.
"""

from __future__ import annotations

import dataclasses
from functools import partial
import gzip
import json
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from sitrep.ids import hash_id
from sitrep.ingest import iter_files, read_file
from sitrep.records import Article, Claim, Mention, PubDate, Rejected, Removed
from sitrep.settings import Settings, load_settings

# Files per shard: large enough that a worker's model loading (a few seconds) is a small part of
# a shard's time, small enough that a killed batch loses little. 200 FA-KES-sized files take a
# minute on one core.
SHARD_FILES = 200


@dataclasses.dataclass(frozen=True, slots=True)
class Shard:
    id: str
    files: tuple[tuple[str, str], ...]  # (path, document id prefix)


def plan(paths: Iterable[str | os.PathLike], *, shard_files: int = SHARD_FILES, dct: str | None = None) -> list[Shard]:
    """Shards of whole input files, in the stable order ``read_sources`` uses. A shard's id hashes
    its files' paths, sizes and modification times and the run's options (``dct``), so a changed
    input or option makes a new shard rather than reusing stale results."""
    files = []
    for path, prefix in iter_files(paths):
        if path is None:
            files.append((prefix, prefix))
            continue
        files.append((str(path), prefix))
    shards = []
    for i in range(0, len(files), shard_files):
        part = tuple(files[i: i + shard_files])
        stamp = [(p, *(_stat(p))) for p, _ in part]
        shards.append(Shard(id=hash_id("shard", stamp, dct), files=part))
    return shards


def _stat(path: str) -> tuple[int, int]:
    try:
        st = os.stat(path)
        return st.st_size, int(st.st_mtime)
    except OSError:
        return -1, 0


# ---- JSON form of the records that cross from a worker to the loader ----

def _encode(obj):
    if isinstance(obj, Article | Rejected | Mention):
        return {"type": type(obj).__name__, **dataclasses.asdict(obj)}
    raise TypeError(type(obj))


def _decode(d: dict):
    kind = d.pop("type")
    if kind == "Rejected":
        return Rejected(**d)
    if kind == "Article":
        d["removed"] = tuple(Removed(**r) for r in d["removed"])
        d["published"] = PubDate(**d["published"]) if d["published"] else None
        return Article(**d)
    for key in ("fatalities", "injured"):
        d[key] = tuple(Claim(**c) for c in d[key])
    d["assoc_actors"] = tuple(d["assoc_actors"])
    return Mention(**d)


def run_shard(shard: Shard, workdir: str, *, dct: str | None = None, settings: Settings | None = None) -> dict:
    """Process one shard into ``workdir``; returns its stats. Skips a shard already done."""
    from sitrep.pipeline import process_with_events

    out = Path(workdir)
    out.mkdir(parents=True, exist_ok=True)  # a worker on another machine may see the folder first
    done = out / f"{shard.id}.done"
    if done.exists():
        return json.loads(done.read_text(encoding="utf-8")) | {"skipped": True}
    settings = settings or load_settings()
    started = time.perf_counter()

    def items():
        for path, prefix in shard.files:
            if not os.path.exists(path):
                yield Rejected(source=path, id=prefix, code="E_NOT_FOUND", reason="no such file or folder")
                continue
            yield from read_file(Path(path), prefix, settings)

    stats = {"shard": shard.id, "files": len(shard.files), "documents": 0, "rejected": Counter(), "mentions": 0}
    tmp = out / f"{shard.id}.jsonl.gz.part"
    with gzip.open(tmp, "wt", encoding="utf-8") as fh:
        for result, mentions in process_with_events(items(), settings=settings, dct=dct):
            if isinstance(result, Rejected):
                stats["rejected"][result.code] += 1
            else:
                stats["documents"] += 1
                stats["mentions"] += len(mentions)
            fh.write(json.dumps({"result": _encode(result), "mentions": [_encode(m) for m in mentions]},
                                ensure_ascii=False) + "\n")
    os.replace(tmp, out / f"{shard.id}.jsonl.gz")  # complete results appear at once, or not at all
    stats["seconds"] = round(time.perf_counter() - started, 2)
    stats["rejected"] = dict(stats["rejected"])
    # The completion marker is written last, and atomically too: a torn marker would stop every relaunch.
    marker = out / f"{shard.id}.done.part"
    marker.write_text(json.dumps(stats), encoding="utf-8")
    os.replace(marker, done)
    return stats


def read_shard(shard: Shard, workdir: str) -> Iterator[tuple[Article | Rejected, tuple[Mention, ...]]]:
    with gzip.open(Path(workdir) / f"{shard.id}.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            yield _decode(row["result"]), tuple(_decode(m) for m in row["mentions"])


def execute(shards: list[Shard], workdir: str, *, engine: str = "local", workers: int | None = None,
            scheduler: str | None = None, dct: str | None = None) -> list[dict]:
    """Run every shard on the chosen engine; returns the shards' stats in shard order."""
    Path(workdir).mkdir(parents=True, exist_ok=True)
    if engine == "local":
        if (workers or 1) <= 1:
            return [run_shard(s, workdir, dct=dct) for s in shards]
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(partial(run_shard, workdir=workdir, dct=dct), shards))
    if engine == "dask":
        from distributed import Client, LocalCluster

        if scheduler:
            client, cluster = Client(scheduler), None
        else:
            cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        try:
            futures = client.map(run_shard, shards, workdir=workdir, dct=dct, pure=False)
            return client.gather(futures)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    raise ValueError(f"unknown engine {engine!r}: choose local or dask")
