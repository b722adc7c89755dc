"""The store's tables, in SQLAlchemy Core: one schema for SQLite and PostgreSQL.

Every primary key is a content-hash id or the contract's document id, so every write is an
idempotent upsert. Structured fields that travel as a whole (claims, removed spans, locations)
are JSON columns; fields that are filtered on are their own columns.
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String, primary_key=True),
    Column("source", Text, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("language", String(16)),
    Column("published", String(10)),  # ISO day, the best guess; details in published_info
    Column("published_info", JSON),  # {date, earliest, latest, basis, confidence}
    Column("removed", JSON, nullable=False),  # [{text, reason}]
    Column("content_hash", String(32), nullable=False),
    Index("ix_documents_published", "published"),
    Index("ix_documents_outlet", "outlet"),
)

rejected = Table(
    "rejected",
    metadata,
    Column("id", String, primary_key=True),  # hash of (source, code, reason)
    Column("document_id", Text),
    Column("source", Text, nullable=False),
    Column("code", String(32), nullable=False),
    Column("reason", Text, nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", String, primary_key=True),
    Column("document_id", String, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("event_type", Text, nullable=False),
    Column("sub_event_type", Text, nullable=False),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("background", Boolean, nullable=False, default=False),
    Column("confidence", Float, nullable=False),
    Column("data", JSON, nullable=False),  # the whole Mention record
    Index("ix_mentions_document", "document_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", String, primary_key=True),
    Column("event_type", Text, nullable=False),
    Column("sub_event_type", Text, nullable=False),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("geonameid", String(32)),
    Column("confidence", Float, nullable=False),
    Column("data", JSON, nullable=False),  # the whole Event record, contract field names
    Index("ix_events_date", "date_start"),
    Index("ix_events_place", "geonameid"),
)

event_mentions = Table(
    "event_mentions",
    metadata,
    Column("event_id", String, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("mention_id", String, ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True),
)

event_redirects = Table(
    "event_redirects",
    metadata,
    Column("old_id", String, primary_key=True),  # an event id that was merged into another
    Column("new_id", String, nullable=False),
)

control_spans = Table(
    "control_spans",
    metadata,
    Column("id", String, primary_key=True),
    Column("place", String, nullable=False),
    Column("actor", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("start", String(10)),
    Column("end", String(10)),
    Column("events", JSON, nullable=False),
    Index("ix_control_place", "place"),
)
