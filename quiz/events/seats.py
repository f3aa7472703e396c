"""Seats: one single-use code per student, so that a session counts each student once
without accounts (docs/school-sessions.md). No Flask.

Seat codes are derived from the session's admin secret, so the teacher's sheet can be
printed again at any time; the database keeps only hashes of the unused ones, and using a
seat deletes its row in the same transaction that stores the response (sending.py), so
nothing is left that ties a seat to what it sent.
"""

from __future__ import annotations

import hashlib
import hmac

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .codes import CODE_ALPHABET, SEAT_LENGTH, hash_secret
from .models import Event, Seat
from .places import MAX_SEATS


def seat_codes(secret: str, first: int, count: int) -> list[str]:
    """Seat codes first .. first+count-1 of a session, derived from its admin secret.

    The teacher's seat sheet can be printed again from the admin page at any time, and the
    database keeps only hashes of unused seats: a leaked database opens no seat, and a
    used seat leaves nothing behind."""
    codes = []
    for n in range(first, first + count):
        digest = hmac.new(secret.encode(), f"seat:{n}".encode(), hashlib.sha256).digest()
        number = int.from_bytes(digest, "big")
        chars = []
        for _ in range(SEAT_LENGTH):
            number, index = divmod(number, len(CODE_ALPHABET))
            chars.append(CODE_ALPHABET[index])
        codes.append("".join(chars))
    return codes


def seat_hash(event_id: int, seat: str) -> str:
    return hash_secret(f"{event_id}:{seat}")


def issue_seats(db: Session, event: Event, secret: str, count: int) -> int:
    """count more seats for a session (not beyond MAX_SEATS); returns how many were added.

    Seats are numbered from seats_issued on. Two additions at once (two tabs of the admin
    page) would number the same seats: the second then meets the unique constraint on the
    seat's hash, reads the count again and numbers on from there."""
    for _attempt in range(3):
        db.refresh(event)
        first = event.seats_issued
        added = max(0, min(count, MAX_SEATS - first))
        for seat in seat_codes(secret, first, added):
            db.add(Seat(event_id=event.id, token_hash=seat_hash(event.id, seat)))
        event.seats_issued = first + added
        try:
            db.commit()
        except IntegrityError:
            db.rollback()
            continue
        return added
    raise RuntimeError("could not add seats")


def seats_left(db: Session, event: Event) -> int:
    return db.scalar(select(func.count()).where(Seat.event_id == event.id)) or 0


def seat_is_free(db: Session, event: Event, seat: str) -> bool:
    """Whether a seat code is one of this session's and not yet used. A refusal is counted
    for the teacher (a typo, a used seat, or someone trying codes)."""
    found = db.scalar(
        select(Seat.id).where(
            Seat.event_id == event.id, Seat.token_hash == seat_hash(event.id, seat)
        )
    )
    if found is None:
        count_refusal(db, event, Event.refused_seat)
        return False
    return True


def count_refusal(db: Session, event: Event, counter) -> None:
    db.execute(
        update(Event)
        .where(Event.id == event.id)
        .values({counter: counter + 1})
        .execution_options(synchronize_session=False)
    )
    db.commit()
