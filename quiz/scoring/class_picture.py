"""A class's anonymous picture: scores and answer counts over all its responses. No Flask.

Everything comes from one vectorised call of the matching over all responses. Nothing is
shown below MIN_RESPONSES, so no single student's answers can be read off the numbers.
"""

from __future__ import annotations

import csv
import io
import warnings
from dataclasses import dataclass

import numpy as np

from ..content.catalogue import Catalogue, Statement
from ..content.scale import STANCE_VALUES, STANCES
from .answers import Answers
from .matching import percent
from .voters import arrays, score_arrays

MIN_RESPONSES = 5
COUNTED = (*STANCES, "skip")  # the columns of a distribution: skip includes unanswered


@dataclass(frozen=True)
class Distribution:
    statement: Statement
    counts: dict[str, int]  # agree, neutral, disagree, skip (skip includes unanswered)
    divisiveness: float  # variance of the answers given, -1..1 scale; 0 = all alike


@dataclass(frozen=True)
class ClassPicture:
    count: int
    shown: bool  # False below MIN_RESPONSES: only the count may be shown
    overall: float | None
    areas: dict[str, float | None]
    distributions: tuple[Distribution, ...]
    most_divisive: tuple[Distribution, ...]


def class_picture(
    catalogue: Catalogue, statements: tuple[Statement, ...], responses: list[Answers]
) -> ClassPicture:
    count = len(responses)
    if count < MIN_RESPONSES:
        return ClassPicture(count, False, None, {}, (), ())
    # Class averages use the catalogue's area weights: a student's own weights stay theirs.
    plain = [Answers(r.mode, r.given, r.important) for r in responses]
    inputs = arrays(catalogue, plain)
    scores = score_arrays(catalogue, inputs)
    party = catalogue.parties.index(catalogue.primary_party)  # the programme the quiz is of
    with warnings.catch_warnings():
        # The mean of an all-NaN column is NaN, which is what "not enough answers" is.
        warnings.simplefilter("ignore", RuntimeWarning)
        overall = np.nanmean(scores.overall[:, party])
        areas = np.nanmean(scores.area[:, party, :], axis=0)

    values = inputs["answers"]  # (V, S): -1, 0, 1, NaN
    distributions = []
    for statement in statements:
        column = values[:, catalogue.statement_index(statement.id)]
        answered = column[~np.isnan(column)]
        counts = {stance: int(np.sum(answered == STANCE_VALUES[stance])) for stance in STANCES}
        counts["skip"] = int(count - answered.size)
        spread = float(np.var(answered)) if answered.size else 0.0
        distributions.append(Distribution(statement, counts, spread))
    ranked = sorted(distributions, key=lambda d: -d.divisiveness)
    return ClassPicture(
        count=count,
        shown=True,
        overall=percent(overall),
        areas={a.id: percent(areas[k]) for k, a in enumerate(catalogue.areas)},
        distributions=tuple(distributions),
        most_divisive=tuple(d for d in ranked[:3] if d.divisiveness > 0),
    )


def picture_csv(picture: ClassPicture) -> str:
    """The class's answer counts per statement, one row each: aggregates, no student's row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["statement", "text", *COUNTED])
    for row in picture.distributions:
        writer.writerow(
            [row.statement.id, row.statement.text["nb"], *(row.counts[k] for k in COUNTED)]
        )
    return out.getvalue()
