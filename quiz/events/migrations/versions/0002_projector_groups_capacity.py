"""Projector tokens, groups within a session, and the stated size with its counters.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_group",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "event_id", sa.Integer(), sa.ForeignKey("event.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(40), nullable=False),
    )
    op.create_index("ix_event_group_event_id", "event_group", ["event_id"])
    # Batch mode: SQLite cannot add constraints to a table in place.
    with op.batch_alter_table("event") as batch:
        batch.add_column(sa.Column("projector_hash", sa.String(64), nullable=True))
        batch.add_column(
            sa.Column("expected_size", sa.Integer(), nullable=False, server_default="35")
        )
        batch.add_column(sa.Column("accepted", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("turned_away", sa.Integer(), nullable=False, server_default="0"))
    # Sessions made before this revision: their counter starts at what they hold, and
    # their size is set so that nothing they already hold is over it.
    op.execute(
        "UPDATE event SET accepted = "
        "(SELECT count(*) FROM response WHERE response.event_id = event.id)"
    )
    op.execute("UPDATE event SET expected_size = accepted WHERE accepted > 35")
    with op.batch_alter_table("response") as batch:
        batch.add_column(sa.Column("group_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_response_group_id", "event_group", ["group_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_index("ix_response_group_id", ["group_id"])


def downgrade() -> None:
    with op.batch_alter_table("response") as batch:
        batch.drop_index("ix_response_group_id")
        batch.drop_constraint("fk_response_group_id", type_="foreignkey")
        batch.drop_column("group_id")
    with op.batch_alter_table("event") as batch:
        batch.drop_column("turned_away")
        batch.drop_column("accepted")
        batch.drop_column("expected_size")
        batch.drop_column("projector_hash")
    op.drop_table("event_group")
