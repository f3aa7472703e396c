"""SQLAlchemy models: what users create (school events and their anonymous responses).

A response holds the answers and importance marks only: no IP address, no user agent, no
cookie or session id, and its time only to the hour, so it cannot be tied to a student.
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
    # Only a hash of the dashboard secret is kept: a leaked database opens no dashboard.
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_hour: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=this_hour)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)

    responses: Mapped[list[Response]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )

    def is_expired(self, now: datetime | None = None) -> bool:
        expires = self.expires_at
        if expires.tzinfo is None:  # SQLite hands back naive datetimes
            expires = expires.replace(tzinfo=UTC)
        return expires <= (now or utc_now())


class Response(Base):
    __tablename__ = "response"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    answers: Mapped[dict[str, str]] = mapped_column(JSON)  # statement id -> agree|…|skip
    important: Mapped[list[str]] = mapped_column(JSON)
    submitted_hour: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=this_hour)

    event: Mapped[Event] = relationship(back_populates="responses")
