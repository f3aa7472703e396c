"""Sending a response: the seat used up, the place taken, the response stored with what
it was asked, and blocks sealed, in one transaction; and reading them back for the
picture. No Flask."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from enum import Enum

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..content.catalogue import Catalogue
from ..scoring import class_picture
from ..scoring.class_picture import Received, SessionPicture, session_picture
from ..voter.answers import Answers
from .codes import hash_secret
from .models import Event, Response, Seat, SendReceipt
from .places import places
from .seats import count_refusal, seat_hash


class Sent(Enum):
    """What became of a send."""

    STORED = "stored"
    ALREADY = "already"  # this one-time key was stored before: a retry after a lost reply
    FULL = "full"  # no place left (an open session at 1.5 times its size)
    SEAT = "seat"  # the seat code is not this session's, or was used already


def content_fingerprint(asked: Sequence[str]) -> str:
    """Which statements a response was asked, in 16 hex digits: responses given under
    different content are never sealed into one block."""
    return hashlib.sha256("\n".join(asked).encode()).hexdigest()[:16]


def submit_response(
    db: Session,
    event: Event,
    answers: Answers,
    asked: Sequence[str],
    group_id: int | None = None,
    seat: str | None = None,
    receipt: str | None = None,
) -> Sent:
    """Store one anonymous response, using up its seat; seal a block when one fills.

    One transaction does it all, so that nothing is half done: the seat's row is deleted
    (a seat used already, or never issued, deletes nothing and the send is refused), a
    place is taken by a conditional UPDATE (the database serialises concurrent UPDATEs of
    the event row, so 200 sends to 150 places leave exactly 150), the response is stored
    with every statement it was asked (unanswered ones as skip), and when its group has
    BLOCK_SIZE waiting responses of one content, they are sealed as the session's next
    block. The seat's row goes without a trace of which response it made.

    receipt is the send's one-time key (kept in the student's session): stored with the
    response, apart from it, so that the same send arriving again (a retry after its reply
    was lost, a second server, a double click) is recognised as ALREADY stored, never
    counted twice. It is checked after the locks above are taken, so two copies of one
    send in flight at once cannot both pass.
    """
    key = hash_secret(f"{event.id}:{receipt}") if receipt else None

    def refused(outcome: Sent, counter) -> Sent:
        stored_before = key is not None and _has_receipt(db, event, key)
        db.rollback()  # nothing of this send stays: not the seat, not the place
        if stored_before:
            return Sent.ALREADY
        count_refusal(db, event, counter)
        return outcome

    if event.needs_seat:
        used = db.execute(
            delete(Seat)
            .where(Seat.event_id == event.id, Seat.token_hash == seat_hash(event.id, seat or ""))
            .execution_options(synchronize_session=False)
        ).rowcount
        if not used:
            return refused(Sent.SEAT, Event.refused_seat)
    taken = db.execute(
        update(Event)
        .where(Event.id == event.id, Event.accepted < places(event))
        .values(accepted=Event.accepted + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not taken:
        return refused(Sent.FULL, Event.turned_away)
    if key is not None and _has_receipt(db, event, key):
        db.rollback()
        return Sent.ALREADY
    content = content_fingerprint(asked)
    given = {sid: answers.given.get(sid, "skip") for sid in asked}
    db.add(
        Response(
            event_id=event.id,
            group_id=group_id,
            answers=given,
            important=sorted(s for s in answers.important if s in given),
            content=content,
        )
    )
    if key is not None:
        db.add(SendReceipt(event_id=event.id, key_hash=key))
    try:
        db.flush()
    except IntegrityError:  # the same key, stored a moment ago by a copy of this send
        db.rollback()
        return Sent.ALREADY
    _seal_if_full(db, event, group_id, content)
    db.commit()
    return Sent.STORED


def _has_receipt(db: Session, event: Event, key: str) -> bool:
    found = db.scalar(
        select(SendReceipt.id).where(SendReceipt.event_id == event.id, SendReceipt.key_hash == key)
    )
    return found is not None


def _seal_if_full(db: Session, event: Event, group_id: int | None, content: str) -> None:
    """Seal the group's waiting responses of this content as the next block once there are
    BLOCK_SIZE of them. Sends to one session are serialised by the event row's lock taken
    above, so the count is exact and a block never holds more or fewer."""
    waiting = list(
        db.scalars(
            select(Response.id).where(
                Response.event_id == event.id,
                Response.group_id.is_not_distinct_from(group_id),
                Response.content == content,
                Response.block.is_(None),
            )
        )
    )
    if len(waiting) < class_picture.BLOCK_SIZE:
        return
    last = db.scalar(select(func.max(Response.block)).where(Response.event_id == event.id))
    db.execute(
        update(Response)
        .where(Response.id.in_(waiting))
        .values(block=0 if last is None else last + 1)
        .execution_options(synchronize_session=False)
    )


def responses(db: Session, event: Event) -> list[Received]:
    """Every response of a session, as the picture takes them. The order of arrival is not
    kept (ids are random); the picture grows by whole sealed blocks."""
    rows = db.execute(
        select(
            Response.group_id,
            Response.block,
            Response.answers,
            Response.important,
            Response.content,
        ).where(Response.event_id == event.id)
    )
    return [
        Received(
            group,
            block,
            Answers(event.mode, given, frozenset(important)),  # type: ignore[arg-type]
            frozenset(given) if content else None,
        )
        for group, block, given, important, content in rows
    ]


def picture_of(db: Session, event: Event, catalogue: Catalogue) -> SessionPicture:
    """The session's picture as the admin page, the projector and the download show it: the
    whole and each group, from their sealed blocks (scoring.class_picture)."""
    return session_picture(
        catalogue,
        catalogue.statements_for(event.mode),
        responses(db, event),
        [(g.id, g.name) for g in event.groups],
    )
