"""The initial schema: documents, rejected inputs, mentions, events, their links, redirects and
control spans.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("url", sa.Text()),
        sa.Column("outlet", sa.Text()),
        sa.Column("language", sa.String(16)),
        sa.Column("published", sa.String(10)),
        sa.Column("published_info", sa.JSON()),
        sa.Column("removed", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(32), nullable=False),
    )
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_index("ix_documents_outlet", "documents", ["outlet"])
    op.create_table(
        "rejected",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("document_id", sa.Text()),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("document_id", sa.String(), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("sub_event_type", sa.Text(), nullable=False),
        sa.Column("date_start", sa.String(10)),
        sa.Column("date_end", sa.String(10)),
        sa.Column("background", sa.Boolean(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    op.create_index("ix_mentions_document", "mentions", ["document_id"])
    op.create_table(
        "events",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("sub_event_type", sa.Text(), nullable=False),
        sa.Column("date_start", sa.String(10)),
        sa.Column("date_end", sa.String(10)),
        sa.Column("geonameid", sa.String(32)),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    op.create_index("ix_events_date", "events", ["date_start"])
    op.create_index("ix_events_place", "events", ["geonameid"])
    op.create_table(
        "event_mentions",
        sa.Column("event_id", sa.String(), sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("mention_id", sa.String(), sa.ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_table(
        "event_redirects",
        sa.Column("old_id", sa.String(), primary_key=True),
        sa.Column("new_id", sa.String(), nullable=False),
    )
    op.create_table(
        "control_spans",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("place", sa.String(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("start", sa.String(10)),
        sa.Column("end", sa.String(10)),
        sa.Column("events", sa.JSON(), nullable=False),
    )
    op.create_index("ix_control_place", "control_spans", ["place"])


def downgrade() -> None:
    for table in ("control_spans", "event_redirects", "event_mentions", "events", "mentions", "rejected", "documents"):
        op.drop_table(table)
