"""The batch engine: shards on local processes and on a real Dask cluster give the same records;
a relaunch skips finished shards; a single shard gives exactly what `sitrep run` gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import store_url

from sitrep.pipeline import batch, run
from sitrep.store import open_store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for name in sorted((ROOT / "examples" / "txt").iterdir())[:6]:
        shutil.copy(name, root / name.name)
    shutil.copy(ROOT / "examples" / "feed.rss", root / "feed.rss")
    (root / "broken.jsonl").write_text('{"id": "ok", "text": "Rebels shelled the town of Idlib on Sunday, killing four civilians, activists said."}\n{broken\n')
    return root


def records(url: str) -> dict:
    with open_store(url) as store:
        return {"documents": sorted((d["id"], d["title"]) for d in store.documents()),
                "rejected": sorted((r["id"], r["code"]) for r in store.rejected()),
                "mentions": sorted(m["id"] for m in store.mentions()),
                "events": sorted((e["id"], tuple(sorted(m["document"] for m in e["mentions"]))) for e in store.events())}


def test_dask_two_workers_equal_one_process(corpus: Path, tmp_path: Path) -> None:
    one = store_url(tmp_path, "one")
    two = store_url(tmp_path, "two")
    s1, stats1 = batch([corpus], engine="local", workers=1, db=one, workdir=str(tmp_path / "w1"), shard_files=3)
    three = store_url(tmp_path, "three")
    batch([corpus], engine="local", workers=2, db=three, workdir=str(tmp_path / "w3"), shard_files=3)
    assert records(one) == records(three)
    s2, stats2 = batch([corpus], engine="dask", workers=2, db=two, workdir=str(tmp_path / "w2"), shard_files=3)
    assert len(stats1) == len(stats2) == 3
    assert records(one) == records(two)
    assert records(one)["documents"] and records(one)["events"]
    assert s1.as_dict()["rejected"] == s2.as_dict()["rejected"] == {"E_PARSE": 1}


def test_relaunch_skips_finished_shards_and_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    url = store_url(tmp_path, "b")
    _, first = batch([corpus], db=url, workdir=str(tmp_path / "w"), shard_files=3)
    before = records(url)
    summary, again = batch([corpus], db=url, workdir=str(tmp_path / "w"), shard_files=3)
    assert not any(s.get("skipped") for s in first) and all(s.get("skipped") for s in again)
    assert records(url) == before and summary.stored == 0


def test_one_shard_gives_the_records_of_run(corpus: Path, tmp_path: Path) -> None:
    a, b = store_url(tmp_path, "a"), store_url(tmp_path, "b")
    run([corpus], db=a)
    batch([corpus], db=b, workdir=str(tmp_path / "w"))
    assert records(a) == records(b)
