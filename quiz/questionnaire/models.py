"""The questionnaire's tables: a party of the round, its invitations (only hashes of the
links), its draft answers (one per statement, with a version for the two-tab check) and
what it submitted (a frozen copy per submission, so approving one is approving exactly that).

Deleting a party deletes all of it (ON DELETE CASCADE, and the ORM's cascade).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..events.db import Base


def utc_now() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


class RoundParty(Base):
    """A party asked to answer: its id is the content file's name (parties/<slug>.toml)."""

    __tablename__ = "round_party"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    short_name: Mapped[str] = mapped_column(String(40), default="")
    programme_url: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    # The dates the overview shows; the status is read from them (service.status_of).
    invited_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_back_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_back_comment: Mapped[str | None] = mapped_column(Text)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_number: Mapped[int | None] = mapped_column(Integer)  # the submission approved
    approved_hash: Mapped[str | None] = mapped_column(String(80))
    deployed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    invitations: Mapped[list[Invitation]] = relationship(
        back_populates="party",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Invitation.id",
    )
    drafts: Mapped[list[DraftAnswer]] = relationship(
        back_populates="party", cascade="all, delete-orphan", passive_deletes=True
    )
    submissions: Mapped[list[Submission]] = relationship(
        back_populates="party",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Submission.number",
    )


class Invitation(Base):
    """A private link to the questionnaire: only its hash is kept. A new link revokes the
    one before; the drafts belong to the party, so they stay."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    party_id: Mapped[int] = mapped_column(
        ForeignKey("round_party.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    deadline: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    party: Mapped[RoundParty] = relationship(back_populates="invitations")


class DraftAnswer(Base):
    """The party's current answer to one statement, saved as it goes. version counts the
    saves: a save made from an older version is refused (a second tab, a double click), so
    older text never overwrites newer."""

    __tablename__ = "draft_answer"
    __table_args__ = (UniqueConstraint("party_id", "statement_id", name="uq_draft_statement"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("round_party.id", ondelete="CASCADE"))
    statement_id: Mapped[str] = mapped_column(String(80))
    # The statement as it was asked (answers.statement_fingerprint): a statement the editor
    # changes since is asked again.
    asked: Mapped[str] = mapped_column(String(64))
    asked_text: Mapped[str] = mapped_column(Text)
    stance: Mapped[str | None] = mapped_column(String(8))  # agree|neutral|disagree|none
    reason: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # lang -> text
    pledges: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[str | None] = mapped_column(String(500))
    comment: Mapped[str | None] = mapped_column(Text)  # on the wording, for the editor
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    party: Mapped[RoundParty] = relationship(back_populates="drafts")


class Submission(Base):
    """What the party sent in, frozen: every answer as it stood, and its hash."""

    __tablename__ = "submission"
    __table_args__ = (UniqueConstraint("party_id", "number", name="uq_submission_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("round_party.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, … per party
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    answers: Mapped[dict[str, dict]] = mapped_column(JSON)  # statement id -> answer record
    hash: Mapped[str] = mapped_column(String(80))

    party: Mapped[RoundParty] = relationship(back_populates="submissions")
