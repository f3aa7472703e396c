"""School events: creation, joining by code, anonymous responses, expiry. No Flask here."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta, tzinfo

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..scoring.answers import Answers
from .models import Event, Response, utc_now

# No look-alikes: no 0/O, no 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_RESPONSES_PER_EVENT = 2000  # a school year's worth; stops a flood from filling the disk
DEFAULT_DURATION = timedelta(days=7)
MAX_DURATION = timedelta(days=90)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str | None) -> str | None:
    """What a student typed -> a code, or None if it cannot be one."""
    if not text:
        return None
    code = "".join(text.split()).replace("-", "").upper()
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        return None
    return code


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def end_time(wall_clock: datetime | None, zone: tzinfo, now: datetime | None = None) -> datetime:
    """When an event ends, in UTC, from what the teacher typed (or nothing).

    The teacher types their own wall-clock time (e.g. Europe/Oslo), without a zone; no
    time means DEFAULT_DURATION from now; nothing lasts beyond MAX_DURATION. The result is
    UTC because SQLite keeps no offset, so every stored time must mean the same zone.
    """
    now = now or utc_now()
    if wall_clock is None:
        return (now + DEFAULT_DURATION).astimezone(UTC)
    ends = wall_clock.replace(tzinfo=zone) if wall_clock.tzinfo is None else wall_clock
    return min(ends, now + MAX_DURATION).astimezone(UTC)


def create_event(
    db: Session, name: str, mode: str, kiosk: bool, ends: datetime
) -> tuple[Event, str]:
    """A new event and its dashboard secret (returned once, kept only as a hash)."""
    secret = secrets.token_urlsafe(24)
    expires = ends.astimezone(UTC)
    for _attempt in range(8):
        event = Event(
            code=new_code(),
            name=name,
            mode=mode,
            kiosk=kiosk,
            secret_hash=hash_secret(secret),
            expires_at=expires,
        )
        db.add(event)
        try:
            db.commit()
        except IntegrityError:  # the code was taken: draw another
            db.rollback()
            continue
        return event, secret
    raise RuntimeError("could not find a free event code")


def find_event(db: Session, code: str | None) -> Event | None:
    """A live event by code; expired events are treated as gone."""
    if code is None:
        return None
    event = db.scalar(select(Event).where(Event.code == code))
    if event is None or event.is_expired():
        return None
    return event


def secret_matches(event: Event, secret: str) -> bool:
    return hmac.compare_digest(event.secret_hash, hash_secret(secret))


def response_count(db: Session, event: Event) -> int:
    return db.scalar(select(func.count()).where(Response.event_id == event.id)) or 0


def submit_response(db: Session, event: Event, answers: Answers) -> bool:
    """Store one anonymous response; False when the event is full."""
    if response_count(db, event) >= MAX_RESPONSES_PER_EVENT:
        return False
    db.add(
        Response(
            event_id=event.id,
            answers=dict(answers.given),
            important=sorted(answers.important),
        )
    )
    db.commit()
    return True


def responses(db: Session, event: Event) -> list[Answers]:
    rows = db.execute(
        select(Response.answers, Response.important)
        .where(Response.event_id == event.id)
        .order_by(Response.id)
    )
    return [Answers(event.mode, given, frozenset(important)) for given, important in rows]  # type: ignore[arg-type]


def delete_event(db: Session, event: Event) -> None:
    db.execute(delete(Response).where(Response.event_id == event.id))
    db.delete(event)
    db.commit()


def purge_expired(db: Session, now: datetime | None = None) -> int:
    """Delete expired events with their responses; returns how many events went."""
    now = now or utc_now()
    expired = list(db.scalars(select(Event.id).where(Event.expires_at <= now)))
    if expired:
        db.execute(delete(Response).where(Response.event_id.in_(expired)))
        db.execute(delete(Event).where(Event.id.in_(expired)))
        db.commit()
    return len(expired)
