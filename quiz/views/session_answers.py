"""The voter's answers in the signed session cookie: the only place they are kept."""

from __future__ import annotations

from flask import session

from .. import content
from ..answers import Answers

KEY = "quiz"


def load() -> Answers:
    return Answers.from_session(session.get(KEY), content.catalogue())


def save(answers: Answers) -> None:
    session[KEY] = answers.to_session()


def clear() -> None:
    session.pop(KEY, None)
