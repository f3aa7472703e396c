"""The parties' questionnaire: parties of the round, their links (hashes only), drafts and
submissions. Deleting a party deletes the rest (ON DELETE CASCADE).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _party_id() -> sa.Column:
    return sa.Column(
        "party_id",
        sa.Integer(),
        sa.ForeignKey("round_party.id", ondelete="CASCADE"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "round_party",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("slug", sa.String(40), nullable=False, unique=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("short_name", sa.String(40), nullable=False),
        sa.Column("programme_url", sa.String(500)),
        _when("created_at", nullable=False),
        _when("invited_at"),
        _when("started_at"),
        _when("submitted_at"),
        _when("sent_back_at"),
        sa.Column("sent_back_comment", sa.Text()),
        _when("approved_at"),
        sa.Column("approved_number", sa.Integer()),
        sa.Column("approved_hash", sa.String(80)),
        _when("deployed_at"),
    )
    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), primary_key=True),
        _party_id(),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        _when("created_at", nullable=False),
        _when("deadline", nullable=False),
        _when("revoked_at"),
    )
    op.create_index("ix_invitation_party_id", "invitation", ["party_id"])
    op.create_table(
        "draft_answer",
        sa.Column("id", sa.Integer(), primary_key=True),
        _party_id(),
        sa.Column("statement_id", sa.String(80), nullable=False),
        sa.Column("asked", sa.String(64), nullable=False),
        sa.Column("asked_text", sa.Text(), nullable=False),
        sa.Column("stance", sa.String(8)),
        sa.Column("reason", sa.JSON(), nullable=False),
        sa.Column("pledges", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(500)),
        sa.Column("comment", sa.Text()),
        sa.Column("version", sa.Integer(), nullable=False),
        _when("updated_at", nullable=False),
        sa.UniqueConstraint("party_id", "statement_id", name="uq_draft_statement"),
    )
    op.create_table(
        "submission",
        sa.Column("id", sa.Integer(), primary_key=True),
        _party_id(),
        sa.Column("number", sa.Integer(), nullable=False),
        _when("submitted_at", nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("hash", sa.String(80), nullable=False),
        sa.UniqueConstraint("party_id", "number", name="uq_submission_number"),
    )


def downgrade() -> None:
    op.drop_table("submission")
    op.drop_table("draft_answer")
    op.drop_index("ix_invitation_party_id", table_name="invitation")
    op.drop_table("invitation")
    op.drop_table("round_party")
