"""SQLAlchemy models: what users create (skolevalg sessions, their groups, anonymous responses).

A response holds the answers, importance marks and the group the student chose only: no IP
address, no user agent, no cookie or session id, and its time only to the hour, so it
cannot be tied to a student.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .db import Base


def utc_now() -> datetime:
    return datetime.now(UTC)


def this_hour() -> datetime:
    return utc_now().replace(minute=0, second=0, microsecond=0)


class Event(Base):
    __tablename__ = "event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(6), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(80))
    mode: Mapped[str] = mapped_column(String(5))  # "short" or "full"
    kiosk: Mapped[bool] = mapped_column(Boolean, default=False)
    # Only hashes of the two secrets are kept: a leaked database opens neither the
    # teacher's admin page nor the projector view.
    secret_hash: Mapped[str] = mapped_column(String(64))
    projector_hash: Mapped[str | None] = mapped_column(String(64))
    # The room the teacher expects; responses are accepted up to 1.5 times it
    # (service.capacity). accepted counts them, so the count and the insert are one step.
    expected_size: Mapped[int] = mapped_column(Integer, default=35)
    accepted: Mapped[int] = mapped_column(Integer, default=0)
    turned_away: Mapped[int] = mapped_column(Integer, default=0)
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


class Response(Base):
    __tablename__ = "response"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_group.id", ondelete="CASCADE"), index=True
    )
    answers: Mapped[dict[str, str]] = mapped_column(JSON)  # statement id -> agree|…|skip
    important: Mapped[list[str]] = mapped_column(JSON)
    submitted_hour: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=this_hour)

    event: Mapped[Event] = relationship(back_populates="responses")
