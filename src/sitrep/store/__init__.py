"""The store: SQLite by default (``./sitrep.db``), PostgreSQL with ``--db postgresql://…``.

Opening a store brings its schema up to date with Alembic. Every write is an idempotent upsert
keyed on a content-hash or contract id: loading the same input twice changes nothing.
"""

from __future__ import annotations

import sqlite3
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from sitrep.errors import StoreError
from sitrep.ids import hash_id
from sitrep.records import Article, Mention, Rejected
from sitrep.settings import load_settings
from sitrep.store import schema

MIGRATIONS = Path(__file__).parent / "migrations"


def normalise_url(url: str) -> str:
    """Accept a bare file path for SQLite and plain ``postgresql://`` (driven by psycopg 3)."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


# The key of the PostgreSQL advisory lock that every writer of a store takes (any fixed number;
# this one spells "sitrep").
WRITE_LOCK = 0x736974726570
# Events read from the database per round trip when streaming them (memory stays a batch's worth).
EVENT_BATCH = 500


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction holding the store's one writer lock until it commits or rolls back.

    Writers take turns: two loaders, a loader and a merge, or two processes creating a new store
    never interleave (no deadlock, no lost update, no half-made schema), while readers go on
    (SQLite in WAL mode; PostgreSQL's snapshots). On SQLite the lock is the database's own write
    lock, taken at BEGIN IMMEDIATE (pysqlite would otherwise start a deferred transaction, and
    upgrading a read to a write does not wait, it fails with "database is locked"); on PostgreSQL
    it is a transaction-scoped advisory lock. Both wait for the lock rather than fail."""
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            # Also makes pysqlite run DDL inside the transaction: a migration killed halfway
            # leaves no half-made schema (PostgreSQL's DDL is transactional anyway).
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
        yield conn


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema revision."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with writing(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _upsert(conn: Connection, table: sa.Table, rows: list[dict[str, Any]], *, update: bool = False) -> int:
    """Insert rows; on a key conflict do nothing, or (``update``) overwrite the stored row when any
    of its columns differs, so that a document processed again in another batch (whose dates, say,
    were inferred from other articles) is stored as this write made it, never half old, half new.
    Returns the number of rows inserted or changed."""
    if not rows:
        return 0
    dialect = conn.dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - only the two dialects are supported
        raise StoreError(f"unsupported database dialect {dialect!r}")
    keys = [c.name for c in table.primary_key.columns]
    changed = 0
    for row in rows:
        stmt = insert(table).values(**row)
        if not update:
            stmt = stmt.on_conflict_do_nothing(index_elements=keys)
        else:
            cols = {c: getattr(stmt.excluded, c) for c in row if c not in keys}
            # Compared as text: PostgreSQL's json type has no equality, and both dialects keep
            # a JSON value's text as it was written.
            differs = sa.or_(*(sa.cast(table.c[c], sa.Text).is_distinct_from(sa.cast(v, sa.Text))
                               for c, v in cols.items()))
            stmt = stmt.on_conflict_do_update(index_elements=keys, set_=cols, where=differs)
        # RETURNING counts what was written on both dialects (psycopg reports no rowcount here).
        changed += len(conn.execute(stmt.returning(*table.primary_key.columns)).all())
    return changed


def _document_row(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "source": a.source,
        "kind": a.kind,
        "title": a.title,
        "text": a.text,
        "url": a.url,
        "outlet": a.outlet,
        "language": a.language,
        "published": a.published.date if a.published else None,
        "published_info": a.published.as_dict() if a.published else None,
        "removed": [r.as_dict() for r in a.removed],
        "content_hash": a.content_hash,
    }


# The writers, on a connection in a transaction the caller holds: a Store method runs one or several
# of them in one transaction.

def _add_articles(conn: Connection, articles: Iterable[Article]) -> int:
    return _upsert(conn, schema.documents, [_document_row(a) for a in articles], update=True)


def _add_mentions(conn: Connection, document_id: str, mentions: Iterable[tuple[Mention, dict[str, Any]]]) -> int:
    rows = [
        {"id": m.id, "document_id": document_id, "start": m.start, "end": m.end, "event_type": m.event_type,
         "sub_event_type": m.sub_event_type, "date_start": m.date_start, "date_end": m.date_end,
         "background": m.background, "confidence": m.confidence, "data": record}
        for m, record in mentions
    ]
    t = schema.mentions
    stale = t.c.document_id == document_id
    if rows:
        stale = stale & t.c.id.not_in([r["id"] for r in rows])
    conn.execute(sa.delete(t).where(stale))
    return _upsert(conn, t, rows, update=True)


def _add_rejected(conn: Connection, rejects: Iterable[Rejected]) -> int:
    rows = [
        {"id": hash_id(r.source, r.code, r.reason), "document_id": r.id, "source": r.source, "code": r.code, "reason": r.reason}
        for r in rejects
    ]
    return _upsert(conn, schema.rejected, rows)


def _replace_events(conn: Connection, events: list[dict[str, Any]]) -> dict[str, int]:
    e, em, rd = schema.events, schema.event_mentions, schema.event_redirects
    new_ids = {ev["id"] for ev in events}
    by_mention = {m: ev["id"] for ev in events for m in ev["mention_ids"]}
    old = {row.id for row in conn.execute(sa.select(e.c.id))}
    links = defaultdict(list)
    for row in conn.execute(sa.select(em.c.event_id, em.c.mention_id)):
        links[row.event_id].append(row.mention_id)
    redirects = []
    for old_id in old - new_ids:
        targets = Counter(by_mention[m] for m in links.get(old_id, []) if m in by_mention)
        if targets:  # the event holding most of its mentions; ties by id, never by row order
            redirects.append({"old_id": old_id, "new_id": max(targets.items(), key=lambda kv: (kv[1], kv[0]))[0]})
    conn.execute(sa.delete(em))
    conn.execute(sa.delete(e).where(e.c.id.not_in(list(new_ids)) if new_ids else sa.true()))
    rows = [{"id": ev["id"], "event_type": ev["event_type"], "sub_event_type": ev["sub_event_type"],
             "date_start": ev["date"]["start"], "date_end": ev["date"]["end"],
             "geonameid": (ev.get("location") or {}).get("geonameid"), "confidence": ev["confidence"],
             "data": {k: v for k, v in ev.items() if k != "mention_ids"}} for ev in events]
    for row in rows:
        conn.execute(sa.delete(e).where(e.c.id == row["id"]))
    if rows:
        conn.execute(sa.insert(e), rows)
        conn.execute(sa.insert(em), [{"event_id": ev["id"], "mention_id": m} for ev in events for m in ev["mention_ids"]])
    _upsert(conn, rd, redirects, update=True)
    # A redirect must never point at an id that is itself gone.
    conn.execute(sa.delete(rd).where(rd.c.old_id.in_(list(new_ids)) if new_ids else sa.false()))
    return {"events": len(events), "added": len(new_ids - old), "removed": len(old - new_ids), "redirected": len(redirects)}


def _replace_control(conn: Connection, spans: list[dict[str, Any]]) -> int:
    c = schema.control_spans
    conn.execute(sa.delete(c))
    if spans:
        conn.execute(sa.insert(c), spans)
    return len(spans)


class Store:
    """A database of documents, rejected inputs, mentions, events and control spans."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def add_articles(self, articles: Iterable[Article]) -> int:
        """Upsert articles; an article stored exactly as it is now is left alone (not counted)."""
        with writing(self.engine) as conn:
            return _add_articles(conn, articles)

    def add_mentions(self, document_id: str, mentions: Iterable[tuple[Mention, dict[str, Any]]]) -> int:
        """Replace a document's mentions: ``(mention, its contract-shaped record)`` pairs. Ids are
        content hashes, so loading the same document again writes nothing new."""
        with writing(self.engine) as conn:
            return _add_mentions(conn, document_id, mentions)

    def add_batch(self, articles: Iterable[tuple[Article, Iterable[tuple[Mention, dict[str, Any]]]]],
                  rejects: Iterable[Rejected] = ()) -> int:
        """Store a batch in one transaction: articles, each with its ``(mention, record)`` pairs
        (which replace the article's stored mentions), and rejected inputs. A process killed
        during the write leaves all of the batch or none of it. Returns the articles new or changed."""
        with writing(self.engine) as conn:
            articles = list(articles)
            changed = _add_articles(conn, [a for a, _ in articles])
            for article, mentions in articles:
                _add_mentions(conn, article.id, mentions)
            _add_rejected(conn, rejects)
            return changed

    def mentions(self, document_id: str | None = None) -> Iterator[dict[str, Any]]:
        t = schema.mentions
        # The id breaks ties (two readings of one sentence start together): one order on every database.
        query = sa.select(t.c.data).order_by(t.c.document_id, t.c.start, t.c.id)
        if document_id is not None:
            query = query.where(t.c.document_id == document_id)
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield row.data

    def replace_events(self, events: list[dict[str, Any]]) -> dict[str, int]:
        """Make the merged events exactly ``events`` (each with ``mention_ids``). An event id that
        disappears because its mentions joined another event is kept as a redirect to it, so
        links to it keep working. Returns counts of events added, kept, removed and redirected."""
        with writing(self.engine) as conn:
            return _replace_events(conn, events)

    def replace_control(self, spans: list[dict[str, Any]]) -> int:
        with writing(self.engine) as conn:
            return _replace_control(conn, spans)

    def remerge(self, derive: Callable[[list[dict[str, Any]]], tuple[list[dict[str, Any]], list[dict[str, Any]]]]
                ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, int]]:
        """Derive events and control spans from every stored mention with ``derive(mentions)``
        and store them, all in one write transaction: no loader can add mentions between the
        read and the write, so the stored events always derive from the stored mentions.
        Returns the events, the spans and ``replace_events``' counts."""
        t = schema.mentions
        with writing(self.engine) as conn:
            mentions = [row.data for row in conn.execute(sa.select(t.c.data).order_by(t.c.document_id, t.c.start, t.c.id))]
            events, spans = derive(mentions)
            counts = _replace_events(conn, events)
            _replace_control(conn, spans)
        return events, spans, counts

    def replace_merged(self, events: list[dict[str, Any]], spans: list[dict[str, Any]]) -> dict[str, int]:
        """``replace_events`` and ``replace_control`` in one transaction, so that the stored control
        spans always derive from the stored events, even when the process is killed between the two."""
        with writing(self.engine) as conn:
            counts = _replace_events(conn, events)
            _replace_control(conn, spans)
            return counts

    def control(self, place: str) -> list[dict[str, Any]]:
        c = schema.control_spans
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(c).where(c.c.place == place).order_by(c.c.start, c.c.actor, c.c.id)).mappings().all()
        return [{"actor": r["actor"], "status": r["status"], "from": r["start"], "to": r["end"], "events": r["events"]} for r in rows]

    def add_rejected(self, rejects: Iterable[Rejected]) -> int:
        with writing(self.engine) as conn:
            return _add_rejected(conn, rejects)

    def documents(self) -> Iterator[dict[str, Any]]:
        """Every stored document's metadata, in id order."""
        d = schema.documents.c
        query = sa.select(d.id, d.source, d.title, d.outlet, d.url, d.published_info).order_by(d.id)
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield {"id": row.id, "source": row.source, "title": row.title, "outlet": row.outlet, "url": row.url,
                       "published": row.published_info}

    def texts(self) -> Iterator[dict[str, Any]]:
        """Every stored document with its text (for stories), in id order."""
        d = schema.documents.c
        with self.engine.connect() as conn:
            for row in conn.execute(sa.select(d.id, d.outlet, d.title, d.text, d.published_info).order_by(d.id)):
                yield {"id": row.id, "outlet": row.outlet, "title": row.title, "text": row.text,
                       "published": row.published_info}

    def document(self, doc_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(schema.documents).where(schema.documents.c.id == doc_id)).mappings().first()
        return dict(row) if row else None

    def rejected(self) -> Iterator[dict[str, Any]]:
        r = schema.rejected.c
        with self.engine.connect() as conn:
            for row in conn.execute(sa.select(r.source, r.document_id, r.code, r.reason).order_by(r.source, r.code, r.id)):
                yield {"source": row.source, "id": row.document_id, "code": row.code, "reason": row.reason}

    def events(self, *, start: str | None = None, end: str | None = None, type_: str | None = None,
               geonameid: str | None = None) -> Iterator[dict[str, Any]]:
        """Merged events' records (contract field names), in date then id order; the filters are
        applied by the database on indexed columns: events whose dates overlap ``start``…``end``
        (ISO days), of event type or sub-event type ``type_``, at place ``geonameid``."""
        e = schema.events.c
        query = sa.select(e.data).order_by(e.date_start, e.id)
        if start:
            query = query.where(sa.func.coalesce(e.date_end, e.date_start, "") >= start)
        if end:
            query = query.where(sa.func.coalesce(e.date_start, "9999") <= end)
        if type_:
            query = query.where(sa.or_(e.event_type == type_, e.sub_event_type == type_))
        if geonameid:
            query = query.where(e.geonameid == geonameid)
        with self.engine.connect() as conn:
            # Streamed in batches: a page of a million events does not hold them all in memory.
            for row in conn.execution_options(yield_per=EVENT_BATCH).execute(query):
                yield row.data

    def has_place(self, geonameid: str) -> bool:
        """Whether some event is at the place with this id (an indexed lookup)."""
        e = schema.events.c
        with self.engine.connect() as conn:
            return conn.execute(sa.select(e.id).where(e.geonameid == geonameid).limit(1)).first() is not None

    def event_types(self) -> list[str]:
        """The distinct event types stored, sorted."""
        e = schema.events.c
        with self.engine.connect() as conn:
            return sorted(r[0] for r in conn.execute(sa.select(e.event_type).distinct()))

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event by id, following redirects left by merges."""
        e, rd = schema.events.c, schema.event_redirects.c
        with self.engine.connect() as conn:
            for _ in range(10):  # redirects never chain far; bounded against a cycle
                row = conn.execute(sa.select(e.data).where(e.id == event_id)).first()
                if row:
                    return row.data
                nxt = conn.execute(sa.select(rd.new_id).where(rd.old_id == event_id)).first()
                if not nxt:
                    return None
                event_id = nxt.new_id
        return None

    def counts(self) -> dict[str, int]:
        out = {}
        with self.engine.connect() as conn:
            for name in ("documents", "rejected", "mentions", "events", "control_spans"):
                table = schema.metadata.tables[name]
                out[name] = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
        return out

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# How long a connection retries switching a new SQLite file to WAL while another process does the
# same (a first deployment starting a server and a loader together): the switch takes milliseconds,
# so 30 s only ever runs out when something holds the file for good.
WAL_SWITCH_SECONDS = 30.0


def _wal(cur: Any) -> None:
    """Put the SQLite database in WAL mode. SQLite answers "database is locked" at once, without
    waiting on the busy timeout, when another connection is changing the journal mode of the same
    new file; so retry, with growing pauses, until the switch is done or WAL_SWITCH_SECONDS pass."""
    deadline = time.monotonic() + WAL_SWITCH_SECONDS
    pause = 0.01
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if not ("locked" in str(exc) or "busy" in str(exc)) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


def open_store(url: str | None = None) -> Store:
    """Open (and create or migrate) the store at ``url``; default: ``settings.db``."""
    url = normalise_url(url or load_settings().db)
    try:
        engine = sa.create_engine(url, future=True)
        if engine.dialect.name == "sqlite":
            # WAL lets readers (the web UI) go on while one writer loads a batch.
            @sa.event.listens_for(engine, "connect")
            def _pragmas(dbapi_conn, _record):  # noqa: ANN001
                cur = dbapi_conn.cursor()
                # Writers wait for each other (see `writing`): a merge over a large store can hold
                # the lock for minutes, so a writer waits up to 10 minutes before giving up.
                cur.execute("PRAGMA busy_timeout=600000")
                _wal(cur)
                cur.execute("PRAGMA foreign_keys=ON")
                cur.close()

        migrate(engine)
    except (sa.exc.SQLAlchemyError, OSError, ValueError) as exc:
        raise StoreError(f"cannot open the store at {url}: {exc}") from exc
    return Store(engine)
