"""Crash safety, by killing real processes: `sitrep run` and `sitrep batch` are started as
subprocesses, killed with SIGKILL (the whole process group: batch has worker processes) at seeded
random moments, checked as each kill left the store, restarted to completion, and compared with a
store that one uninterrupted run filled: the same documents (each once), mentions, events with the
same mentions, control spans and rejected rows, and nothing that points at a missing row.

Each kill point is counted from a phase the harness sees from outside (the start; a number of
batch's shards finished; the store's creation; the first documents; the first merged events), with
a random delay drawn within what that phase took in the uninterrupted run. Moments drawn within the
whole run would almost never land in the short phases (creating the store, loading, merging), and
counted from the start they would drift out of their phase as the machine's load changes from one
launch to the next. scripts/crash_trials.py, whose machinery this is, draws plain random moments
within the whole run, many times.

With SITREP_TEST_DB set to a PostgreSQL URL the stores are scratch databases on that server.
"""

from __future__ import annotations

import dataclasses
import os
import random
import shutil
import sys
from pathlib import Path
from typing import NamedTuple

import pytest
import sqlalchemy as sa

from sitrep.ids import content_hash
from sitrep.records import Article, Mention, Rejected
from sitrep.store import open_store

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import crash_trials as crash  # a script beside the tests, not an installed module
from crash_trials import KillPoint

pytestmark = pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("crash")


@pytest.fixture(scope="module")
def corpus(work: Path) -> Path:
    return crash.make_corpus(work / "corpus")


@pytest.fixture(scope="module")
def stores(work: Path):
    with crash.Stores(work, os.environ.get("SITREP_TEST_DB")) as s:
        yield s


class Reference(NamedTuple):
    snapshot: crash.Snapshot  # what the store holds after one uninterrupted run
    launch: crash.Launch  # its timings
    workdir: Path  # batch: its work folder, every shard done


@pytest.fixture(scope="module")
def references(corpus: Path, stores: crash.Stores, work: Path):
    """Per command, made once when first asked for: an uninterrupted run."""
    done: dict[str, Reference] = {}

    def get(kind: str) -> Reference:
        if kind not in done:
            url, launched, workdir = crash.reference_run(kind, corpus, stores, work)
            snap = crash.snapshot(url)
            assert snap.rows("documents") and snap.rows("rejected") and snap.rows("control_spans"), \
                "the corpus must give documents, rejected rows and control spans, or the comparisons prove little"
            assert crash.integrity_problems(url) == []
            done[kind] = Reference(snap, launched, workdir)
        return done[kind]

    return get


def assert_recovered(kind: str, trials: list[crash.Trial]) -> None:
    for t in trials:  # shown with pytest -s, and with a failure
        print(f"{kind}: kill at {t.kill}, {t.seconds:.2f}s after the start: killed={t.killed}, phase {t.phase}")
    for t in trials:
        assert t.killed, f"{kind}: the kill at {t.kill} came after the command had ended"
        assert t.at_kill == [], f"{kind} killed at {t.kill} (phase {t.phase}) left the store inconsistent: {t.at_kill}"
    last = trials[-1]
    assert last.restarted, f"{kind} did not complete after the kills:\n{last.log}"
    assert (last.lost, last.duplicates, last.partial) == (0, 0, 0)
    assert last.mismatches == [], \
        f"{kind} after {len(trials)} kills differs from an uninterrupted run: {last.mismatches}"


@pytest.mark.parametrize("kind", crash.COMMANDS)
def test_chain_of_kills_then_restart(kind: str, corpus: Path, stores: crash.Stores, references, tmp_path: Path) -> None:
    """One store, killed in each phase in turn (each restart killed again, later), then completed.
    A phase anchors a kill only while the store does not show it yet, hence one kill per phase."""
    reference, ref, ref_workdir = references(kind)
    rng = random.Random(f"sitrep-crash-chain-{kind}")
    seen = ref.phases
    migration = KillPoint("store", rng.uniform(0.0, 0.05))  # opening the store creates its schema
    # From the first documents in the store to the first merged events: the rest of the loading
    # (batch: the other shards), the merge and the control spans, written with the events.
    loading = KillPoint("documents", rng.uniform(0.0, 1.0) * (seen["events"] - seen["documents"]))
    if kind == "run":
        # Run opens its store first, then loads its models and reads the documents (which it
        # writes at the end: no sign of progress until then, so this one is counted in seconds,
        # well inside the window for a machine whose load changes between launches).
        early = KillPoint("start", rng.uniform(0.3, 0.9) * seen["store"])  # imports
        middle = KillPoint("store", rng.uniform(0.1, 0.45) * (seen["documents"] - seen["store"]))  # models, documents
        plan = [migration, early, middle, loading]
    else:
        # Batch's workers run the shards, and the store is opened once every shard is done: kill
        # once a random number of them are finished, and others not.
        shards = len(list(ref_workdir.glob("*.done")))
        some_done = KillPoint(f"shards:{rng.randint(1, shards - 1)}", rng.uniform(0.0, 0.3))
        # Its restarts skip finished shards, which makes a last kill cheap: just after the events
        # are stored, before the summary is out.
        stored = KillPoint("events", 0.0)
        plan = [some_done, migration, loading, stored]
    assert_recovered(kind, crash.trial(kind, corpus, stores.fresh(f"chain_{kind}"), tmp_path / "work", plan, reference))


def test_kills_while_the_store_is_created(corpus: Path, stores: crash.Stores, tmp_path: Path) -> None:
    """`sitrep run` creates its store first. Kills while the schema is being written leave no
    store, or a whole one (a half-made schema once made every later run fail), which the restart
    opens. The restart here is `open_store`, what the command does first: cheap, so several kills."""
    rng = random.Random("sitrep-crash-store")
    for _ in range(4):
        url = stores.fresh("created")
        point = KillPoint("store", rng.uniform(0.0, 0.1))
        launched = crash.launch(crash.command("run", corpus, url, tmp_path), url, point)
        assert launched.killed, f"the kill at {point} came after `sitrep run` had ended"
        assert crash.integrity_problems(url) == [], f"killed at {point}"
        with open_store(url) as store:
            assert store.counts()["documents"] == 0  # killed long before the first write


def test_batch_kills_while_loading_shards(corpus: Path, stores: crash.Stores, references, tmp_path: Path) -> None:
    """With every shard done, a batch relaunch only loads them, one transaction each, and merges:
    several kills in that short phase, each on an empty store, then a restart each."""
    reference, ref, ref_workdir = references("batch")
    workdir = tmp_path / "work"
    shutil.copytree(ref_workdir, workdir)  # the reference's finished shards
    rng = random.Random("sitrep-crash-loading")
    loading = ref.phases["events"] - ref.phases["documents"]
    for _ in range(2):
        point = KillPoint("documents", rng.uniform(0.0, 1.0) * loading)
        assert_recovered("batch", crash.trial("batch", corpus, stores.fresh("loading"), workdir, [point], reference))



# ---- the transactions that make the kills harmless, shown without a kill ----

def _article(doc_id: str) -> Article:
    text = "Government forces retook the town on Sunday."
    return Article(id=doc_id, source=f"corpus/{doc_id}", title="Town retaken", text=text,
                   content_hash=content_hash("Town retaken", text))


def _mention(mention_id: str, doc_id: str) -> Mention:
    return Mention(id=mention_id, document=doc_id, start=0, end=10, sentence="Government forces retook the town.",
                   event_type="Battles", sub_event_type="Armed clash", date_start=None, date_end=None,
                   date_precision=None, confidence=0.5)


def test_a_batch_that_fails_halfway_is_not_stored(db_url: str) -> None:
    """A load batch (articles, their mentions, rejected inputs) is one transaction: a write that
    fails after its first rows, as a killed process would, leaves none of the batch."""
    # A mention without an event type breaks a NOT NULL constraint, after the article and m1 are written.
    unstorable = dataclasses.replace(_mention("m2", "a.txt"), event_type=None)
    empty = Rejected(source="corpus/empty.txt", id="empty.txt", code="E_EMPTY", reason="the file is empty")
    with open_store(db_url) as store:
        with pytest.raises(sa.exc.IntegrityError):
            store.add_batch([(_article("a.txt"), [(_mention("m1", "a.txt"), {"id": "m1"}),
                                                  (unstorable, {"id": "m2"})])], [empty])
        assert store.counts() == {"documents": 0, "rejected": 0, "mentions": 0, "events": 0, "control_spans": 0}
        # The same batch, storable, is stored whole.
        assert store.add_batch([(_article("a.txt"), [(_mention("m1", "a.txt"), {"id": "m1"})])]) == 1
        assert store.counts()["mentions"] == 1


def test_events_and_control_spans_are_replaced_together(db_url: str) -> None:
    """The merged events and the control spans derived from them are one transaction: when the
    spans cannot be written, the events stay as they were."""
    event = {"id": "e1", "event_type": "Battles", "sub_event_type": "Armed clash",
             "date": {"start": "2016-03-27", "end": "2016-03-27", "precision": "day"}, "location": None,
             "confidence": 0.5, "mention_ids": ["m1"], "mentions": []}
    span = {"id": "s1", "place": "163808", "actor": "Military Forces of Syria", "status": "held",
            "start": "2016-03-27", "end": None, "events": ["e1"]}
    with open_store(db_url) as store:
        store.add_batch([(_article("a.txt"), [(_mention("m1", "a.txt"), {"id": "m1"})])])
        with pytest.raises(sa.exc.IntegrityError):
            store.replace_merged([event], [span | {"actor": None}])  # actor is NOT NULL
        assert store.counts()["events"] == 0
        store.replace_merged([event], [span])
        assert (store.counts()["events"], store.counts()["control_spans"]) == (1, 1)
