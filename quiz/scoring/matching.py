"""The scoring rule, in numpy, free of Flask: one voter or a whole class in one call.

Values: agree = +1, neutral = 0, disagree = -1; NaN is a skipped answer (for a voter) or
no position (for a party). For answer v and stance p, points = 2 - |v - p|: 2 for the
same answer, 1 for one step apart, 0 for opposites. A statement the voter marked
important weighs 2, others 1.

- Area score = sum(w * points) / sum(2 * w) over the statements of the area that the
  voter answered and the party has a stance on, times 100. With no such statement the
  score is unknowable, so it is NaN ("not enough answers"), never 0: a voter who skipped
  a whole area has not disagreed with it.
- Overall = the mean of the known area scores weighted by the area weights (0 to max_weight;
  weight 0 leaves an area out). No area left: NaN.

Everything is vectorised over voters, parties and statements; callers convert NaN to
null at the edge (see :func:`percent`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from ..content.scale import STANCE_VALUES

SKIP = math.nan
# The voter's scale is the party's (content.scale), plus skip: unknowable, so NaN.
ANSWER_VALUES = {**STANCE_VALUES, "skip": SKIP}
MAX_POINTS = 2.0


@dataclass(frozen=True)
class Scores:
    """Scores for V voters against P parties over S statements in A areas."""

    points: np.ndarray  # (V, P, S): 0, 1 or 2; NaN where the statement does not count
    weights: np.ndarray  # (V, S): 1, or 2 where the voter marked the statement important
    area: np.ndarray  # (V, P, A): percent 0-100, NaN = not enough answers
    overall: np.ndarray  # (V, P): percent 0-100, NaN = not enough answers


def score(
    answers: np.ndarray,
    stances: np.ndarray,
    area_of: np.ndarray,
    n_areas: int,
    important: np.ndarray | None = None,
    area_weights: np.ndarray | None = None,
) -> Scores:
    """Score voters against parties.

    answers: (V, S) or (S,) values in {-1, 0, 1, NaN}.
    stances: (P, S) values in {-1, 0, 1, NaN}.
    area_of: (S,) the area index of each statement.
    important: (V, S) or (S,) booleans; default none important.
    area_weights: (A,) for all voters or (V, A) per voter; default 1 for every area.
    """
    answers = np.atleast_2d(np.asarray(answers, dtype=float))
    stances = np.atleast_2d(np.asarray(stances, dtype=float))
    n_voters, n_statements = answers.shape
    if stances.shape[1] != n_statements or len(area_of) != n_statements:
        raise ValueError("answers, stances and area_of must cover the same statements")
    if important is None:
        important = np.zeros((n_voters, n_statements), dtype=bool)
    important = np.broadcast_to(np.atleast_2d(np.asarray(important, dtype=bool)), answers.shape)
    if area_weights is None:
        area_weights = np.ones(n_areas)
    area_weights = np.broadcast_to(
        np.atleast_2d(np.asarray(area_weights, dtype=float)), (n_voters, n_areas)
    )

    voter = answers[:, None, :]  # (V, 1, S)
    party = stances[None, :, :]  # (1, P, S)
    counts = ~np.isnan(voter) & ~np.isnan(party)  # (V, P, S)
    points = np.where(counts, MAX_POINTS - np.abs(voter - party), np.nan)
    weights = np.where(important, 2.0, 1.0)  # (V, S)

    # Sum per area with a one-hot (S, A) matrix: one matrix product instead of a loop.
    membership = np.zeros((n_statements, n_areas))
    membership[np.arange(n_statements), area_of] = 1.0
    earned = np.where(counts, weights[:, None, :] * points, 0.0) @ membership  # (V, P, A)
    possible = np.where(counts, weights[:, None, :] * MAX_POINTS, 0.0) @ membership
    area = np.full(earned.shape, np.nan)
    np.divide(100.0 * earned, possible, out=area, where=possible > 0)

    aw = area_weights[:, None, :]  # (V, 1, A)
    used = ~np.isnan(area) & (aw > 0)
    total_weight = np.where(used, aw, 0.0).sum(axis=-1)  # (V, P)
    weighted = np.where(used, aw * np.nan_to_num(area), 0.0).sum(axis=-1)
    overall = np.full(total_weight.shape, np.nan)
    np.divide(weighted, total_weight, out=overall, where=total_weight > 0)

    return Scores(points=points, weights=weights, area=area, overall=overall)


def percent(value: float) -> float | None:
    """A score for the outside world: one decimal, or None where it is unknowable.

    Halves round up (56.25 -> 56.3), as a reader checking the arithmetic by hand expects.
    """
    if math.isnan(value):
        return None
    return float(Decimal(repr(float(value))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
