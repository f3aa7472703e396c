"""Skolevalg sessions ("events" in the code): creation, joining by code, anonymous
responses within the stated size, expiry. No Flask here.

A session has three doors with three rights: the teacher's admin secret (everything,
delete included), the projector token (read-only aggregates, derived from the secret so the
admin page can link to it without storing it), and the public join code. In a session with
seats (the default) a student also needs a seat code of their own, used once; the threat
model and the arithmetic are in docs/school-sessions.md.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, tzinfo

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from . import models, seats
from .codes import hash_secret, new_code
from .models import SEATS, Event, EventGroup, Response, Seat, SendReceipt
from .places import DEFAULT_SIZE

DEFAULT_DURATION = timedelta(days=7)
MAX_DURATION = timedelta(days=30)
MAX_GROUPS = 20
MAX_GROUP_NAME = 40
# A kiosk (a shared machine) starts over after this many seconds without input.
KIOSK_IDLE = 300
# Expired sessions are deleted by the app itself, a bounded batch at a time.
PURGE_BATCH = 100


def utc_now() -> datetime:
    return models.utc_now()


def parse_groups(text: str | None) -> list[str]:
    """What the teacher typed ("10A, 10B; 10C" or one per line) -> group names.

    Empty parts are dropped and repeats kept once, in the order typed. Too many groups or
    too long a name raise ValueError, which the form shows.
    """
    names: list[str] = []
    for part in (text or "").replace(";", ",").replace("\n", ",").split(","):
        name = " ".join(part.split())
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    if len(names) > MAX_GROUPS:
        raise ValueError("too many groups")
    if any(len(n) > MAX_GROUP_NAME for n in names):
        raise ValueError("group name too long")
    return names


def projector_token(secret: str) -> str:
    """The projector view's token, derived from the admin secret by a one-way hash.

    Whoever holds the secret (the teacher's admin page) can make the token; whoever holds
    the token (anyone who reads the projected address bar) cannot get the secret back.
    """
    digest = hashlib.sha256(b"projector:" + secret.encode()).digest()
    return base64.urlsafe_b64encode(digest[:16]).decode().rstrip("=")


class EndTimeError(ValueError):
    """An end time the teacher must change: in the past, or too far ahead."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "past" or "too-far"


def end_time(wall_clock: datetime | None, zone: tzinfo, now: datetime | None = None) -> datetime:
    """When a session ends, in UTC, from what the teacher typed (or nothing).

    The teacher types their own wall-clock time (e.g. Europe/Oslo), without a zone; no
    time means DEFAULT_DURATION from now. A time already past would end the session
    before any student joined, and one beyond MAX_DURATION would keep answers longer than
    a teaching unit needs: both raise EndTimeError, so the form can say which. The result
    is UTC because SQLite keeps no offset, so every stored time must mean the same zone.
    """
    now = now or utc_now()
    if wall_clock is None:
        return (now + DEFAULT_DURATION).astimezone(UTC)
    ends = wall_clock.replace(tzinfo=zone) if wall_clock.tzinfo is None else wall_clock
    if ends <= now:
        raise EndTimeError("past")
    if ends > now + MAX_DURATION:
        raise EndTimeError("too-far")
    return ends.astimezone(UTC)


def create_event(
    db: Session,
    name: str,
    mode: str,
    kiosk: bool,
    ends: datetime,
    expected_size: int = DEFAULT_SIZE,
    groups: Sequence[str] = (),
    access: str = SEATS,
) -> tuple[Event, str]:
    """A new session and its admin secret (returned once, kept only as a hash). A session
    with seats gets one seat per expected student; the teacher can add more."""
    secret = secrets.token_urlsafe(24)
    expires = ends.astimezone(UTC)
    for _attempt in range(8):
        event = Event(
            code=new_code(),
            name=name,
            mode=mode,
            kiosk=kiosk,
            secret_hash=hash_secret(secret),
            projector_hash=hash_secret(projector_token(secret)),
            expected_size=expected_size,
            accepted=0,
            turned_away=0,
            refused_seat=0,
            access=access,
            seats_issued=0,
            expires_at=expires,
            groups=[EventGroup(position=n, name=g) for n, g in enumerate(groups, start=1)],
        )
        db.add(event)
        try:
            db.commit()
        except IntegrityError:  # the code was taken: draw another
            db.rollback()
            continue
        if access == SEATS:
            seats.issue_seats(db, event, secret, expected_size)
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


def open_projector(db: Session, event: Event, secret: str) -> str:
    """The projector token for the admin page. A session made before projector views
    existed gets its token now, from the secret only its teacher holds."""
    token = projector_token(secret)
    if event.projector_hash is None:
        event.projector_hash = hash_secret(token)
        db.commit()
    return token


def projector_matches(event: Event, token: str) -> bool:
    if event.projector_hash is None:  # a session made before projector views existed
        return False
    return hmac.compare_digest(event.projector_hash, hash_secret(token))


def delete_event(db: Session, event: Event) -> None:
    delete_events(db, [event.id])
    db.commit()
    db.expunge(event)


def delete_events(db: Session, ids: Sequence[int]) -> None:
    # Children first, explicitly: SQLite enforces ON DELETE CASCADE only with the pragma.
    db.execute(delete(Response).where(Response.event_id.in_(ids)))
    db.execute(delete(Seat).where(Seat.event_id.in_(ids)))
    db.execute(delete(SendReceipt).where(SendReceipt.event_id.in_(ids)))
    db.execute(delete(EventGroup).where(EventGroup.event_id.in_(ids)))
    db.execute(delete(Event).where(Event.id.in_(ids)))


def purge_expired(db: Session, now: datetime | None = None, limit: int | None = None) -> int:
    """Delete expired sessions with their groups and responses; returns how many went.

    With a limit, at most that many go in one call (the app purges in small batches while
    serving; the CLI takes everything).
    """
    now = now or utc_now()
    query = select(Event.id).where(Event.expires_at <= now).order_by(Event.expires_at)
    if limit is not None:
        query = query.limit(limit)
    expired = list(db.scalars(query))
    if expired:
        delete_events(db, expired)
        db.commit()
    return len(expired)
