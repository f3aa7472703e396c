"""Answers nobody means, scored to see what the quiz rewards without reading it.

A voter who answers "enig" to every statement has told the quiz nothing; the score that
voter gets with a party measures how much of the match is cheap agreement (statements
nearly everyone agrees with, all on the party's side). Editorial review 2 found 70 % in
the full quiz; the aim is 60 % or less. ``flask statements check`` and the method page
show the figure, computed here by the same scoring as every voter's.
"""

from __future__ import annotations

from ..content.catalogue import Catalogue
from ..voter.answers import Answers, Mode
from .matching import percent
from .voters import score_voters


def one_answer_to_everything(
    catalogue: Catalogue, mode: Mode, value: str = "agree"
) -> dict[str, float | None]:
    """Each party's overall score (one decimal, None where unknowable) for a voter who
    answers ``value`` to every statement of the ``mode`` quiz, marks none important and
    keeps the default weights.

    Example: one area, a party agreeing with 3 of 4 statements and disagreeing with one:
    "enig" to all earns 2 + 2 + 2 + 0 = 6 of 8 points, 75 %.
    """
    answers = Answers(mode, {s.id: value for s in catalogue.statements_for(mode)})
    overall = score_voters(catalogue, [answers]).overall[0]
    return {party.id: percent(overall[p]) for p, party in enumerate(catalogue.parties)}
