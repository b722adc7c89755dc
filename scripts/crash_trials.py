"""Kill-and-restart trials: SIGKILL `sitrep run` and `sitrep batch` at random moments, restart them,
and check that the store ends up exactly as one uninterrupted run leaves it.

    .venv/bin/python scripts/crash_trials.py --trials 10               # 10 trials per command
    .venv/bin/python scripts/crash_trials.py --trials 5 --commands batch --seed 7

Every trial starts from an empty store (and, for batch, an empty work folder), starts the real CLI
in a process group of its own, and kills the whole group (batch has worker processes) with SIGKILL
at a moment drawn at random within the time an uninterrupted run takes. It then checks the store as
the kill left it, restarts the command, lets it finish, and compares the store with a reference
store that one uninterrupted run filled. With SITREP_TEST_DB set to a PostgreSQL URL the stores are
scratch databases created on that server (and dropped at the end) instead of SQLite files.

The machinery below is also what tests/test_crash.py uses for its bounded CI version.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from sitrep.store import normalise_url, schema

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

# The corpus of the trials: ten demo articles, among them one that gives a control span (Tadmur) and
# three whose mentions merge into events reported by several documents, and inputs that are
# rejected (so that rejected rows are compared too). Small, because every launch loads the models.
CORPUS = [
    "txt/alalam-1962495665.txt", "txt/alalam-1962495683.txt", "txt/alalam-1962495695.txt",
    "txt/manar-1965511201.txt", "txt/sana-1926479047.txt",
    "html/ahram-1923848254.html", "html/dailysabah-1924058144.html", "html/jordantimes-1924058050.html",
    "html/trt-1919191746.html", "html/trt-1924058080.html",
]
COMMANDS = ("run", "batch")
SHARD_FILES = 2  # several shards for batch, so that a kill can fall between two of them
WORKERS = 2
POLL = 0.01  # seconds between looks at a running command's store

# The phases of a run, as seen from outside, in the order they happen: the start; (batch) a first
# shard finished; the store created; documents stored; merged events stored. Batch's progress is
# seen in finer steps too: "shards:K" once K shards are finished.
PHASES = ("start", "shards", "store", "documents", "events")

def make_corpus(dest: Path) -> Path:
    """Copy the trial corpus into ``dest`` (a fresh folder) and add inputs that are rejected."""
    for rel in CORPUS:
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(EXAMPLES / rel, target)
    (dest / "empty.txt").write_text("", encoding="utf-8")  # E_EMPTY
    # One line with nothing left after cleaning (E_NO_CONTENT), one that is not JSON (E_PARSE).
    (dest / "wire.jsonl").write_text('{"id": "wire-1", "text": "x"}\n{broken\n', encoding="utf-8")
    return dest


def command(kind: str, corpus: Path, url: str, workdir: Path) -> list[str]:
    """The CLI command line of ``sitrep run`` or ``sitrep batch`` over ``corpus`` into ``url``."""
    cli = [sys.executable, "-m", "sitrep"]
    if kind == "run":
        return [*cli, "run", str(corpus), "--db", url, "--quiet", "--format", "json"]
    if kind == "batch":
        return [*cli, "batch", str(corpus), "--engine", "local", "--workers", str(WORKERS),
                "--shard-files", str(SHARD_FILES), "--workdir", str(workdir), "--db", url]
    raise ValueError(kind)


# ---- scratch stores: SQLite files, or PostgreSQL databases beside $SITREP_TEST_DB ----

class Stores:
    """Named scratch stores. ``fresh(name)`` returns the URL of an empty store of that name."""

    def __init__(self, folder: Path, server: str | None = None):
        self.folder = folder
        self.server = sa.engine.make_url(normalise_url(server)) if server else None
        self.created: set[str] = set()
        self._admin = sa.create_engine(self.server, isolation_level="AUTOCOMMIT") if self.server else None

    def _database(self, name: str) -> str:
        return f"{self.server.database}_crash_{name}"

    def fresh(self, name: str) -> str:
        if self.server is None:
            path = self.folder / f"{name}.db"
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            return f"sqlite:///{path}"
        database = self._database(name)
        with self._admin.connect() as conn:  # CREATE DATABASE cannot run inside a transaction
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            conn.execute(sa.text(f'CREATE DATABASE "{database}"'))
        self.created.add(database)
        return self.server.set(database=database).render_as_string(hide_password=False)

    def close(self) -> None:
        if self._admin is None:
            return
        with self._admin.connect() as conn:
            for database in sorted(self.created):
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        self._admin.dispose()
        self.created.clear()

    def __enter__(self) -> Stores:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _sqlite_path(url: str) -> Path | None:
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


class Watcher:
    """Tells which phases of a run its traces show: the store (created, holding documents, holding
    merged events) and batch's work folder (finished shards)."""

    def __init__(self, url: str, workdir: Path | None = None):
        self.path = _sqlite_path(url)
        self.workdir = workdir
        self.engine = None if self.path else sa.create_engine(normalise_url(url), isolation_level="AUTOCOMMIT")

    def phases(self) -> set[str]:
        seen = {"start"}
        finished = len(list(self.workdir.glob("*.done"))) if self.workdir is not None else 0
        if finished:
            seen |= {"shards"} | {f"shards:{k}" for k in range(1, finished + 1)}
        try:
            seen |= self._sqlite() if self.path else self._server()
        except (sqlite3.Error, sa.exc.SQLAlchemyError):
            pass  # busy or half made: look again next time
        return seen

    def _sqlite(self) -> set[str]:
        if not self.path.exists():  # never connect before the command does: that would create the file
            return set()
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=0.2)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            return {"store"} | _filled(tables, lambda sql: conn.execute(sql).fetchone())
        finally:
            conn.close()

    def _server(self) -> set[str]:
        with self.engine.connect() as conn:
            tables = set(sa.inspect(conn).get_table_names())
            return ({"store"} if tables else set()) | _filled(tables, lambda sql: conn.execute(sa.text(sql)).first())

    def close(self) -> None:
        if self.engine is not None:
            self.engine.dispose()


def _filled(tables: set[str], one) -> set[str]:
    """The phases whose tables hold rows: documents, events."""
    return {phase for phase, table in (("documents", "documents"), ("events", "events"))
            if table in tables and one(f"SELECT 1 FROM {table} LIMIT 1")}


# ---- one launch of a command, killed or not ----

@dataclass(frozen=True)
class KillPoint:
    """Kill ``delay`` seconds after the command is first seen in phase ``anchor``."""
    anchor: str
    delay: float

    def __str__(self) -> str:
        return f"{self.anchor}+{self.delay:.2f}s"


@dataclass
class Launch:
    returncode: int
    killed: bool  # the SIGKILL reached a command that was still running
    seconds: float
    phases: dict[str, float]  # when each phase was first seen, in seconds after the start
    log: str  # the command's stderr

    @property
    def phase(self) -> str:
        """The furthest phase the command had reached (when it was killed, or when it ended)."""
        return max((p for p in self.phases if p in PHASES), key=PHASES.index)


def launch(cmd: list[str], url: str, kill: KillPoint | None = None, *, workdir: Path | None = None,
           timeout: float = 600.0) -> Launch:
    """Start ``cmd`` in a new process group and watch its store (and its work folder); SIGKILL the
    whole group at ``kill``, or let the command finish."""
    watcher = Watcher(url, workdir)
    with tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        phases = {"start": 0.0}
        try:
            while proc.poll() is None:
                now = time.monotonic() - started
                if now > timeout:
                    raise TimeoutError(f"{' '.join(cmd[3:5])} ran past {timeout:.0f}s")
                for name in watcher.phases():
                    phases.setdefault(name, now)
                if kill is not None and kill.anchor in phases and now >= phases[kill.anchor] + kill.delay:
                    os.killpg(proc.pid, signal.SIGKILL)  # the whole group: the command and its workers
                    break
                time.sleep(POLL)
            returncode = proc.wait()
            seconds = time.monotonic() - started
        finally:
            if proc.poll() is None:  # a timeout or an error in the watching: never leave it running
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            _await_group(proc.pid)
            watcher.close()
        err.seek(0)
        log = err.read().decode("utf-8", "replace")
    return Launch(returncode, returncode == -signal.SIGKILL, seconds, phases, log)


def _await_group(pgid: int, patience: float = 10.0) -> None:
    """Wait until no process of the group is left (the workers die a moment after the leader)."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        except PermissionError:  # pragma: no cover - only a reused pgid of another user
            return
        time.sleep(0.02)


# ---- what a store holds, and what must hold in it ----

def _plain(value):
    """A column value in a form equal on both dialects (JSON columns as sorted JSON text)."""
    return json.dumps(value, sort_keys=True) if isinstance(value, dict | list) else value


@dataclass
class Snapshot:
    tables: dict[str, list[tuple]]  # every row of every table, in key order
    missing: list[str] = field(default_factory=list)  # tables that do not exist (half-made schema)

    def rows(self, table: str) -> list[tuple]:
        return self.tables.get(table, [])

    def keys(self, table: str) -> set:
        return {row[0] for row in self.rows(table)}

    def mentions_by_document(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for row in self.rows("mentions"):
            out.setdefault(row[1], set()).add(row[0])
        return out

    def event_links(self) -> dict[str, frozenset[str]]:
        out: dict[str, set[str]] = {}
        for event_id, mention_id in self.rows("event_mentions"):
            out.setdefault(event_id, set()).add(mention_id)
        return {k: frozenset(v) for k, v in out.items()}


def snapshot(url: str) -> Snapshot:
    """Every row of every table of the store at ``url``, without creating or migrating anything."""
    path = _sqlite_path(url)
    if path is not None and not path.exists():
        return Snapshot({}, missing=[t.name for t in schema.metadata.sorted_tables])
    engine = sa.create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            present = set(sa.inspect(conn).get_table_names())
            tables, missing = {}, []
            for table in schema.metadata.sorted_tables:
                if table.name not in present:
                    missing.append(table.name)
                    continue
                query = sa.select(table).order_by(*table.primary_key.columns)
                tables[table.name] = [tuple(_plain(v) for v in row) for row in conn.execute(query)]
            return Snapshot(tables, missing)
    finally:
        engine.dispose()


def integrity_problems(url: str) -> list[str]:
    """What is wrong inside one store, whatever run filled it: rows that point at rows that are
    not there, and partial events (whose record lists other mentions than those linked to it)."""
    snap = snapshot(url)
    if snap.missing and len(snap.missing) < len(schema.metadata.tables):
        return [f"half-made schema: tables {', '.join(snap.missing)} are missing"]
    if snap.missing:
        return []
    docs, mention_ids, event_ids = snap.keys("documents"), snap.keys("mentions"), snap.keys("events")
    problems = []
    orphans = [m for m, doc, *_ in snap.rows("mentions") if doc not in docs]
    if orphans:
        problems.append(f"{len(orphans)} mentions whose document is missing")
    dangling = [e for e, m in snap.rows("event_mentions") if m not in mention_ids or e not in event_ids]
    if dangling:
        problems.append(f"{len(dangling)} event links to a missing mention or event")
    partial = partial_events(snap)
    if partial:
        problems.append(f"{len(partial)} partial events (mentions missing)")
    targets = [old for old, new in snap.rows("event_redirects") if new not in event_ids]
    if targets:
        problems.append(f"{len(targets)} redirects to a missing event")
    return problems


def partial_events(snap: Snapshot) -> list[str]:
    """Events that lack some of their mentions: fewer linked mentions than their record lists, or
    a listed mention whose document is not stored."""
    docs, links = snap.keys("documents"), snap.event_links()
    data_col = [c.name for c in schema.events.columns].index("data")
    out = []
    for row in snap.rows("events"):
        record = json.loads(row[data_col])
        linked = links.get(row[0], frozenset())
        listed = record["mentions"]
        if not linked or len(linked) != len(listed) or any(m["document"] not in docs for m in listed):
            out.append(row[0])
    return out


def duplicates(snap: Snapshot, reference: Snapshot) -> int:
    """Documents stored more than once: repeated ids, or more copies of a content hash than the
    reference holds."""
    ids = Counter(row[0] for row in snap.rows("documents"))
    hash_col = [c.name for c in schema.documents.columns].index("content_hash")
    hashes = Counter(row[hash_col] for row in snap.rows("documents"))
    expected = Counter(row[hash_col] for row in reference.rows("documents"))
    return sum(n - 1 for n in ids.values() if n > 1) + sum(max(0, n - expected[h]) for h, n in hashes.items())


def differences(snap: Snapshot, reference: Snapshot) -> list[str]:
    """Tables whose rows differ from the reference's, with a short account of how."""
    out = []
    if snap.missing:
        out.append(f"tables missing: {', '.join(snap.missing)}")
    for table in schema.metadata.sorted_tables:
        mine, theirs = set(snap.rows(table.name)), set(reference.rows(table.name))
        if mine != theirs or len(snap.rows(table.name)) != len(reference.rows(table.name)):
            out.append(f"{table.name}: {len(theirs - mine)} rows missing, {len(mine - theirs)} rows unexpected")
    return out


def interrupted_problems(snap: Snapshot, reference: Snapshot) -> list[str]:
    """What must hold at any moment in a store that a run began empty, checked on one a kill left
    behind: each stored document is whole (the reference's content, with all of its mentions and
    no others); rejected rows are the reference's; the merged results are not there yet, or whole."""
    problems = []
    if snap.missing and len(snap.missing) < len(schema.metadata.tables):
        problems.append(f"half-made schema: tables {', '.join(snap.missing)} are missing")
    ref_docs = {row[0]: row for row in reference.rows("documents")}
    wrong = [row[0] for row in snap.rows("documents") if ref_docs.get(row[0]) != row]
    if wrong:
        problems.append(f"{len(wrong)} stored documents differ from the reference")
    mine, theirs = snap.mentions_by_document(), reference.mentions_by_document()
    torn = [doc for doc in snap.keys("documents") if mine.get(doc, set()) != theirs.get(doc, set())]
    if torn:
        problems.append(f"{len(torn)} documents stored without all of their mentions")
    if not set(snap.rows("rejected")) <= set(reference.rows("rejected")):
        problems.append("rejected rows the reference does not have")
    merged = ("events", "event_mentions", "control_spans")
    if any(snap.rows(t) for t in merged) and any(set(snap.rows(t)) != set(reference.rows(t)) for t in merged):
        problems.append("merged events or control spans are stored but incomplete")
    return problems


# ---- trials ----

@dataclass
class Trial:
    command: str
    kill: KillPoint
    killed: bool = False
    phase: str = ""  # how far the killed command had got
    seconds: float = 0.0  # from its start to the kill
    at_kill: list[str] = field(default_factory=list)  # problems in the store as the kill left it
    restarted: bool = False
    lost: int = 0
    duplicates: int = 0
    partial: int = 0
    mismatches: list[str] = field(default_factory=list)
    log: str = ""


def reference_run(kind: str, corpus: Path, stores: Stores, work: Path) -> tuple[str, Launch, Path]:
    """One uninterrupted run into the store named ``ref_<kind>``: its URL, its launch, and its work
    folder (batch's finished shards)."""
    url = stores.fresh(f"ref_{kind}")
    workdir = work / f"ref-{kind}"
    shutil.rmtree(workdir, ignore_errors=True)
    done = launch(command(kind, corpus, url, workdir), url, workdir=workdir)
    if done.returncode != 0:
        raise RuntimeError(f"the reference {kind} failed:\n{done.log}")
    return url, done, workdir


def trial(kind: str, corpus: Path, url: str, workdir: Path, kills: list[KillPoint], reference: Snapshot) -> list[Trial]:
    """Launch ``kind`` once per kill point, each launch killed there and the store checked; then
    once more to completion, and compare with the reference. Kill points after the first make a
    chain of kills on the same store (each restart is killed again)."""
    cmd = command(kind, corpus, url, workdir)
    trials = []
    for point in kills:
        t = Trial(kind, point)
        launched = launch(cmd, url, point, workdir=workdir)
        t.killed, t.phase, t.seconds, t.log = launched.killed, launched.phase, launched.seconds, launched.log
        if not launched.killed and launched.returncode != 0:
            t.at_kill.append(f"the command failed by itself (exit {launched.returncode})")
        found = interrupted_problems(snapshot(url), reference) + integrity_problems(url)
        t.at_kill += list(dict.fromkeys(found))  # a half-made schema is reported by both checks
        trials.append(t)
    final = launch(cmd, url, workdir=workdir)
    for t in trials:
        t.restarted = final.returncode == 0
    last = trials[-1]
    if final.returncode != 0:
        last.log = final.log
    snap = snapshot(url)
    last.lost = len(reference.keys("documents") - snap.keys("documents"))
    last.duplicates = duplicates(snap, reference)
    last.partial = len(partial_events(snap)) if not snap.missing else 0
    last.mismatches = differences(snap, reference) + integrity_problems(url)
    return trials


def random_trials(kind: str, n: int, rng: random.Random, corpus: Path, stores: Stores, work: Path,
                  reference_url: str, duration: float, anchors: tuple[str, ...] = ("start",),
                  phases: dict[str, float] | None = None, echo=None) -> list[Trial]:
    """``n`` trials, each on an empty store: one kill at a random moment, then a restart to the end.
    With anchor ``start`` the moment is uniform within the uninterrupted ``duration``; with a later
    anchor it is uniform within the rest of the reference run after that phase began."""
    reference = snapshot(reference_url)
    out = []
    phases = phases or {"start": 0.0}
    for i in range(n):
        anchor = anchors[i % len(anchors)]
        if anchor not in phases:  # a phase this command never shows (shards, for run)
            anchor = "start"
        since = phases[anchor]
        point = KillPoint(anchor, rng.uniform(0.0, max(duration - since, POLL)))
        url = stores.fresh(f"trial_{kind}")
        workdir = work / f"trial-{kind}"
        shutil.rmtree(workdir, ignore_errors=True)
        [t] = trial(kind, corpus, url, workdir, [point], reference)
        out.append(t)
        if echo:
            echo(t)
    return out


def table(results: dict[str, list[Trial]]) -> str:
    cols = ["command", "trials", "kills delivered", "restarts completed", "documents lost", "duplicates",
            "partial events", "inconsistent at kill", "mismatches vs reference"]
    rows = [cols]
    for kind, trials in results.items():
        rows.append([kind, len(trials), sum(t.killed for t in trials), sum(t.restarted for t in trials),
                     sum(t.lost for t in trials), sum(t.duplicates for t in trials), sum(t.partial for t in trials),
                     sum(bool(t.at_kill) for t in trials), sum(bool(t.mismatches) for t in trials)])
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(cols))]
    lines = [" | ".join(str(v).rjust(w) if j else str(v).ljust(w) for j, (v, w) in enumerate(zip(r, widths)))
             for r in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--trials", type=int, default=10, help="kill-and-restart trials per command (default 10)")
    ap.add_argument("--commands", nargs="+", choices=COMMANDS, default=list(COMMANDS))
    ap.add_argument("--seed", type=int, default=20240601, help="seed of the random kill moments")
    ap.add_argument("--anchors", nargs="+", choices=PHASES, default=["start"],
                    help="count the kill moment from the start (default), or from when a phase is first seen "
                         "(shards: batch's first finished shard; store, documents, events: in the store); "
                         "several anchors are used in turn")
    ap.add_argument("--keep", type=Path, help="keep the stores and work folders here (default: a temporary folder)")
    args = ap.parse_args(argv)

    rng = random.Random(args.seed)
    work = args.keep or Path(tempfile.mkdtemp(prefix="sitrep-crash-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = make_corpus(work / "corpus")
    results: dict[str, list[Trial]] = {}
    backend = "PostgreSQL" if os.environ.get("SITREP_TEST_DB") else "SQLite"
    print(f"corpus: {len(CORPUS)} articles and 3 rejected inputs in {corpus}; store: {backend}; seed {args.seed}",
          flush=True)
    try:
        with Stores(work, os.environ.get("SITREP_TEST_DB")) as stores:
            for kind in args.commands:
                ref_url, ref, _ = reference_run(kind, corpus, stores, work)
                when = ", ".join(f"{k} {v:.2f}s" for k, v in ref.phases.items())
                print(f"{kind}: uninterrupted run {ref.seconds:.1f}s (phases first seen: {when})", flush=True)

                def echo(t: Trial) -> None:
                    state = "killed" if t.killed else "ended before the kill"
                    verdict = "ok" if not (t.at_kill or t.mismatches) else "; ".join(t.at_kill + t.mismatches)
                    print(f"  {t.command} kill at {t.kill}: {state} after {t.seconds:.2f}s (phase {t.phase}); "
                          f"restart {'completed' if t.restarted else 'FAILED'}: {verdict}", flush=True)
                    if not t.restarted:
                        print("    " + t.log.strip().replace("\n", "\n    ")[-2000:], flush=True)

                results[kind] = random_trials(kind, args.trials, rng, corpus, stores, work, ref_url, ref.seconds,
                                              tuple(args.anchors), ref.phases, echo)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(table(results))
    for kind, trials in results.items():
        landed = Counter(t.phase for t in trials if t.killed)
        print(f"{kind} kills landed in phase: " + ", ".join(f"{p} {landed[p]}" for p in PHASES if landed[p]))
    bad = any(t.at_kill or t.mismatches or not t.restarted for ts in results.values() for t in ts)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
