"""The quiz's steps, the same for the main quiz and the embedded one: where a voter stands
and where each action takes them. Free of Flask; the main quiz keeps the answers in the
session and the embed in its signed form field, and each maps the end (``number`` None) to
its own next page (the priorities page; the embed's result).

Pages are numbered from 1 in the order of the voter's quiz (short or full).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.catalogue import Catalogue, Statement
from ..content.scale import ANSWERS
from .answers import Answers, Mode


class InvalidStep(ValueError):
    """A page number outside the quiz, or an answer not on the scale."""


@dataclass(frozen=True)
class Step:
    answers: Answers
    number: int | None  # the statement to show next; None: every statement is answered


def statement_at(catalogue: Catalogue, answers: Answers, number: int) -> Statement:
    """The statement on page ``number`` of this voter's quiz, or InvalidStep."""
    statements = answers.statements(catalogue)
    if not 1 <= number <= len(statements):
        raise InvalidStep(f"no statement {number} in a quiz of {len(statements)}")
    return statements[number - 1]


def start(catalogue: Catalogue, answers: Answers, mode: Mode) -> Step:
    """Short or full quiz. Answers already given are kept: going from the short to the full
    quiz starts at the first statement not yet answered."""
    answers = answers.with_mode(mode)
    return Step(answers, answers.next_unanswered(catalogue))


def answer(catalogue: Catalogue, answers: Answers, number: int, value: str | None) -> Step:
    """The answer to page ``number``; then the first statement after it not yet answered."""
    statement = statement_at(catalogue, answers, number)
    if value not in ANSWERS:
        raise InvalidStep(f"an answer must be one of {', '.join(ANSWERS)}")
    answers = answers.answer(statement.id, value)
    return Step(answers, answers.next_unanswered(catalogue, after=number))


def back(catalogue: Catalogue, answers: Answers, number: int) -> Step:
    """One page back (the first page stays the first)."""
    statement_at(catalogue, answers, number)
    return Step(answers, max(1, number - 1))
