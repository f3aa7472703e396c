"""SQLAlchemy models: what users create (skolevalg sessions, their groups, their seats,
anonymous responses).

A response holds the answers, importance marks and the group the student chose only: no IP
address, no user agent, no cookie or session id, no seat, a random id (not a running
number that would keep the order of arrival) and its time only to the hour, so it cannot be
tied to a student. Its block says which sealed block of BLOCK_SIZE responses it was
released in (docs/school-sessions.md), never its place within it.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .db import Base


def utc_now() -> datetime:
    return datetime.now(UTC)


def this_hour() -> datetime:
    return utc_now().replace(minute=0, second=0, microsecond=0)


# Who may send to a session: one seat per student (the default), or anyone with the code
# (the teacher's explicit choice, outside the one-voice guarantee).
SEATS, OPEN = "seats", "open"


def random_id() -> int:
    """A response's id: random, so that neither the id nor the table's order says who sent
    first. 62 bits: a collision among a million responses is about 1 in 10^7."""
    return secrets.randbelow(2**62) + 1


class Event(Base):
    __tablename__ = "event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(80))
    mode: Mapped[str] = mapped_column(String(5))  # "short" or "full"
    kiosk: Mapped[bool] = mapped_column(Boolean, default=False)
    # SEATS: one single-use seat code per student (the default); OPEN:
    # anyone with the code may send, the teacher's explicit choice, outside the guarantee.
    access: Mapped[str] = mapped_column(String(5), default=SEATS)
    # Seat codes are derived from the admin secret (seats.seat_codes): seat n for n below
    # seats_issued. Only the hashes of the unused ones are kept (Seat).
    seats_issued: Mapped[int] = mapped_column(Integer, default=0)
    # Only hashes of the two secrets are kept: a leaked database opens neither the
    # teacher's admin page nor the projector view.
    secret_hash: Mapped[str] = mapped_column(String(64))
    projector_hash: Mapped[str | None] = mapped_column(String(64))
    # The room the teacher expects; responses are accepted up to 1.5 times it
    # (places.capacity). accepted counts them, so the count and the insert are one step.
    expected_size: Mapped[int] = mapped_column(Integer, default=35)
    accepted: Mapped[int] = mapped_column(Integer, default=0)
    turned_away: Mapped[int] = mapped_column(Integer, default=0)
    # Joins and sends refused for an unknown or already used seat code, for the teacher.
    refused_seat: Mapped[int] = mapped_column(Integer, default=0)
    created_hour: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=this_hour)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)

    responses: Mapped[list[Response]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )
    groups: Mapped[list[EventGroup]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="EventGroup.position",
        lazy="selectin",
    )

    @property
    def needs_seat(self) -> bool:
        return self.access != OPEN

    def is_expired(self, now: datetime | None = None) -> bool:
        expires = self.expires_at
        if expires.tzinfo is None:  # SQLite hands back naive datetimes
            expires = expires.replace(tzinfo=UTC)
        return expires <= (now or utc_now())


class EventGroup(Base):
    """A class or year group within a session (e.g. 10A): students choose it when joining."""

    __tablename__ = "event_group"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 1, 2, … in the order the teacher typed
    name: Mapped[str] = mapped_column(String(40))

    event: Mapped[Event] = relationship(back_populates="groups")


class Seat(Base):
    """An unused seat: the hash of a single-use code a student types to take part. Using
    it deletes the row in the transaction that stores the response, so nothing is left
    that says which seat made which response."""

    __tablename__ = "seat"
    __table_args__ = (UniqueConstraint("event_id", "token_hash", name="uq_seat_event_token"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64))


class SendReceipt(Base):
    """That a send with this one-time key (the hash of a key in the student's cookie) was
    stored, so that a retry after a lost reply is recognised and not counted twice. Kept
    apart from the responses, with nothing that says which response it was."""

    __tablename__ = "send_receipt"
    __table_args__ = (UniqueConstraint("event_id", "key_hash", name="uq_receipt_event_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    key_hash: Mapped[str] = mapped_column(String(64))


class Response(Base):
    __tablename__ = "response"
    # Sealing a block looks up the waiting responses of one group and content.
    __table_args__ = (Index("ix_response_block", "event_id", "group_id", "content", "block"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, default=random_id)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_group.id", ondelete="CASCADE"), index=True
    )
    answers: Mapped[dict[str, str]] = mapped_column(JSON)  # statement id -> agree|…|skip
    important: Mapped[list[str]] = mapped_column(JSON)
    # Which sealed block it was released in (None: waiting for its block to fill), and a
    # fingerprint of the statements it was asked (a block holds one content only).
    block: Mapped[int | None] = mapped_column(Integer)
    content: Mapped[str | None] = mapped_column(String(16))
    submitted_hour: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=this_hour)

    event: Mapped[Event] = relationship(back_populates="responses")
