"""Events and their anonymous responses.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(6), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("mode", sa.String(5), nullable=False),
        sa.Column("kiosk", sa.Boolean(), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("created_hour", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_event_code", "event", ["code"], unique=True)
    op.create_index("ix_event_expires_at", "event", ["expires_at"])
    op.create_table(
        "response",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "event_id",
            sa.Integer(),
            sa.ForeignKey("event.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("important", sa.JSON(), nullable=False),
        sa.Column("submitted_hour", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_response_event_id", "response", ["event_id"])


def downgrade() -> None:
    op.drop_table("response")
    op.drop_table("event")
