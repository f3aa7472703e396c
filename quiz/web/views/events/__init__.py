"""Skolevalg sessions: create, join by code (and group), send anonymously, and the
teacher's three doors: the save-this-link page, the admin page and the projector view.
One blueprint; the teacher's routes live in teacher.py, the student's in student.py.

Names in the code say "event"; the pages say "økt" (a session), which fits one class and a
whole school alike.
"""

from __future__ import annotations

from flask import Blueprint, abort

from ....events import codes, service
from ....events.models import Event
from ... import database

bp = Blueprint("events", __name__)


def live_event_or_404(code: str) -> Event:
    event = service.find_event(database.session(), codes.normalise_code(code))
    if event is None:
        abort(404)
    return event


# The routes of both sides join bp when their modules load.
from . import student, teacher  # noqa: E402, F401
