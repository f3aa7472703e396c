"""One voice per student: seats, sealed blocks of responses, random response ids, longer
codes, the quiz content a response was given under, and why sends were refused.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The size of a sealed block when this revision was written (class_picture.BLOCK_SIZE):
# a migration keeps its own copy, so that changing the constant later cannot rewrite it.
BLOCK_SIZE = 6


def upgrade() -> None:
    op.create_table(
        "seat",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "event_id", sa.Integer(), sa.ForeignKey("event.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("event_id", "token_hash", name="uq_seat_event_token"),
    )
    with op.batch_alter_table("event") as batch:
        batch.alter_column("code", type_=sa.String(8), existing_type=sa.String(6))
        # Sessions made before seats existed stay open (anyone with the code), as they were.
        batch.add_column(sa.Column("access", sa.String(5), nullable=False, server_default="open"))
        batch.add_column(
            sa.Column("seats_issued", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("refused_seat", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("response") as batch:
        batch.alter_column("id", type_=sa.BigInteger(), existing_type=sa.Integer())
        batch.add_column(sa.Column("block", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("content", sa.String(16), nullable=True))
        batch.create_index("ix_response_block", ["event_id", "group_id", "content", "block"])
    _seal_existing_responses()


def _seal_existing_responses() -> None:
    """Responses sent before blocks existed: each group's (or the whole session's) first
    responses in arrival order are sealed in blocks of BLOCK_SIZE; the rest wait, as new
    ones would."""
    connection = op.get_bind()
    rows = connection.execute(
        sa.text("SELECT id, event_id, group_id FROM response ORDER BY event_id, group_id, id")
    ).all()
    by_bucket: dict[tuple[int, int | None], list[int]] = {}
    for rid, event_id, group_id in rows:
        by_bucket.setdefault((event_id, group_id), []).append(rid)
    next_block: dict[int, int] = {}
    for (event_id, _group), ids in by_bucket.items():
        for start in range(0, len(ids) - len(ids) % BLOCK_SIZE, BLOCK_SIZE):
            block = next_block.get(event_id, 0)
            next_block[event_id] = block + 1
            connection.execute(
                sa.text("UPDATE response SET block = :block WHERE id IN :ids").bindparams(
                    sa.bindparam("ids", expanding=True)
                ),
                {"block": block, "ids": ids[start : start + BLOCK_SIZE]},
            )


def downgrade() -> None:
    with op.batch_alter_table("response") as batch:
        batch.drop_index("ix_response_block")
        batch.drop_column("content")
        batch.drop_column("block")
        # Random ids do not fit PostgreSQL's 32-bit integer, and 0002's code reads a
        # bigint id as well, so there it stays. SQLite's INTEGER PRIMARY KEY is 64 bits
        # and the rowid that 0002's code relies on to number new rows.
        if op.get_bind().dialect.name == "sqlite":
            batch.alter_column("id", type_=sa.Integer(), existing_type=sa.BigInteger())
    with op.batch_alter_table("event") as batch:
        batch.drop_column("refused_seat")
        batch.drop_column("seats_issued")
        batch.drop_column("access")
        # Codes stay up to eight letters wide: sessions made since hold eight, and 0002's
        # code reads them as well as six.
    op.drop_table("seat")
