"""Parties ranked by a voter's overall score: ties as ties, in the editor's neutral order.

Pure functions over scores already computed (quiz.scoring.matching); no Flask.

- Ranked by the overall score as the voter sees it (one decimal): two parties shown with
  the same number share a rank, because a reader cannot tell them apart and neither may
  the page. Shared ranks skip as in sport ("1, 1, 3"), so a rank still says how many
  parties are ahead.
- Within a tie, and among parties without a score, the catalogue's order (the neutral
  order catalogue.toml sets) stands: sorting is stable and the input is in that order.
- A party without an overall score ("not enough answers") has no rank and comes last.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np

from .matching import percent

T = TypeVar("T")


@dataclass(frozen=True)
class Ranked(Generic[T]):
    item: T
    score: float | None  # one decimal, as shown
    rank: int | None  # 1-based; None without a score
    tied: bool  # another party has the same rank


def ranked(items: Sequence[T], scores: Sequence[float | None]) -> tuple[Ranked[T], ...]:
    """``items`` in the neutral order with their shown scores, best first.

    >>> [(r.item, r.rank, r.tied) for r in ranked("abcd", [50.0, 75.0, 50.0, None])]
    [('b', 1, False), ('a', 2, True), ('c', 2, True), ('d', None, False)]
    """
    if len(items) != len(scores):
        raise ValueError("one score per item")
    order = sorted(range(len(items)), key=lambda i: (scores[i] is None, -(scores[i] or 0.0)))
    out: list[Ranked[T]] = []
    for position, i in enumerate(order, start=1):
        value = scores[i]
        if value is None:
            out.append(Ranked(items[i], None, None, False))
            continue
        same = sum(1 for v in scores if v == value)
        first = next(
            (r.rank for r in out if r.score == value), position
        )  # the rank of the first party shown with this number
        out.append(Ranked(items[i], value, first, same > 1))
    return tuple(out)


def best_matches(overall: np.ndarray) -> np.ndarray:
    """For each voter (row), which parties (columns) are their best match: the parties with
    the top overall score as shown (one decimal), all of them where that is a tie. A voter
    without any score matches none.

    >>> best_matches(np.array([[60.0, 80.0, 80.04], [np.nan, np.nan, np.nan]])).tolist()
    [[False, True, True], [False, False, False]]
    """
    shown = (
        np.vectorize(lambda v: math.nan if (p := percent(v)) is None else p, otypes=[float])(
            overall
        )
        if overall.size
        else overall
    )
    with np.errstate(invalid="ignore"):
        top = np.nanmax(np.where(np.isnan(shown), -np.inf, shown), axis=1, keepdims=True)
    return (shown == top) & ~np.isnan(shown)
