"""The voter's state in the signed session cookie: answers, and the event they joined.

This is the only place a voter's answers are kept until they submit them to an event.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask import g, session

from ..events.models import Event, EventGroup
from ..voter.answers import Answers
from . import content

ANSWERS = "answers"
# A random mark that changes whenever the answers are cleared (delete, joining an event, a
# kiosk reset, sending to an event). The browser-side quiz keeps a copy of the answers in
# sessionStorage tagged with it, and drops that copy when the page shows another mark.
EPOCH = "epoch"
LEGACY_ANSWERS = "quiz"  # the key before the names were untangled; read once, then moved
EVENT = "event"
# The seat code a student typed when joining a session with seats: their own, kept on their
# device until it is used by their send (or the kiosk starts over). Apart from EVENT, which
# kept pages show (web/rendering), so that no kept page's key holds a seat.
SEAT = "seat"
# The one-time key of this student's send (events.sending.submit_response): a retry of a
# send that did arrive is recognised. New with every join and every kiosk start.
SEND_KEY = "send_key"
SUBMITTED = "submitted"
# The share token of the result this voter came to compare with (a friend's link): scores
# only, never answers. Cleared with the answers.
COMPARE = "compare"


def load() -> Answers:
    """The voter's answers, read from the session once per request (a page asks twice: its
    view, and the browser-side quiz's seed)."""
    loaded = g.get("_answers")
    if loaded is not None:
        return loaded
    if LEGACY_ANSWERS in session:
        session[ANSWERS] = session.pop(LEGACY_ANSWERS)
    loaded = g._answers = Answers.from_session(session.get(ANSWERS), content.catalogue())
    return loaded


def save(answers: Answers) -> None:
    session[ANSWERS] = answers.to_session()
    g._answers = answers


def clear() -> None:
    g.pop("_answers", None)
    session.pop(ANSWERS, None)
    session.pop(LEGACY_ANSWERS, None)
    session.pop(COMPARE, None)
    renew_epoch()


def compare_with(token: str) -> None:
    session[COMPARE] = token


def compared_with() -> str | None:
    token = session.get(COMPARE)
    return token if isinstance(token, str) else None


def epoch() -> str:
    return session.get(EPOCH, "")


def renew_epoch() -> None:
    session[EPOCH] = secrets.token_hex(4)


@dataclass(frozen=True)
class JoinedEvent:
    """What the pages need of the joined event, kept in the session so that showing the
    banner needs no database (the quiz must work while the database is away)."""

    code: str
    name: str
    kiosk: bool
    group_id: int | None = None  # the class or year group the student chose
    group_name: str | None = None

    def stored(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "kiosk": self.kiosk,
            "group": self.group_id,
            "group_name": self.group_name,
        }


def joined_event() -> JoinedEvent | None:
    data = session.get(EVENT)
    if not isinstance(data, dict):
        return None
    try:
        group = data.get("group")
        return JoinedEvent(
            str(data["code"]),
            str(data["name"]),
            bool(data["kiosk"]),
            group if isinstance(group, int) else None,
            str(data["group_name"]) if data.get("group_name") else None,
        )
    except KeyError:
        return None


def join(event: Event, group: EventGroup | None = None, seat: str | None = None) -> None:
    """A fresh start in the session: earlier answers on this device are not carried over."""
    clear()
    joined = JoinedEvent(event.code, event.name, event.kiosk)
    if group is not None:
        joined = JoinedEvent(event.code, event.name, event.kiosk, group.id, group.name)
    session[EVENT] = joined.stored()
    session.pop(SEAT, None)
    if seat is not None:
        session[SEAT] = seat
    session[SEND_KEY] = secrets.token_hex(16)
    save(Answers(mode=event.mode))  # type: ignore[arg-type]


def send_key() -> str | None:
    value = session.get(SEND_KEY)
    return value if isinstance(value, str) else None


def seat() -> str | None:
    value = session.get(SEAT)
    return value if isinstance(value, str) else None


def leave() -> None:
    session.pop(EVENT, None)
    session.pop(SEAT, None)
    session.pop(SEND_KEY, None)


def has_submitted(code: str) -> bool:
    return code in session.get(SUBMITTED, [])


def owes_send() -> bool:
    """Joined a school session and not sent to it yet: the end of the quiz is its send page."""
    joined = joined_event()
    return joined is not None and not has_submitted(joined.code)


def mark_submitted(code: str) -> None:
    session[SUBMITTED] = [*session.get(SUBMITTED, [])[-20:], code]
    session.pop(SEAT, None)  # used up
    renew_epoch()  # the browser's copy goes: the next student must not meet these answers


def reset_for_next_student(event: JoinedEvent) -> None:
    """Kiosk mode: a shared device starts over as if nobody had used it."""
    g.pop("_answers", None)
    session.clear()
    renew_epoch()
    session[EVENT] = event.stored()
    session[SEND_KEY] = secrets.token_hex(16)
