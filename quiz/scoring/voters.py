"""Voters' answers as the matrices the matching takes: one voter or a whole class at once."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from ..content.catalogue import Catalogue
from ..voter.answers import Answers
from .matching import ANSWER_VALUES, Scores, score


def arrays(catalogue: Catalogue, answers: Iterable[Answers]) -> dict[str, np.ndarray]:
    """Many voters' answers as the matrices matching.score takes."""
    rows = list(answers)
    n, s = len(rows), len(catalogue.statements)
    values = np.full((n, s), np.nan)
    important = np.zeros((n, s), dtype=bool)
    weights = np.tile(catalogue.default_weights, (n, 1))
    # Answers stored under an older catalogue (an event's responses, a stale cookie) may
    # name statements or areas that no longer exist: they are skipped, never a KeyError.
    for v, row in enumerate(rows):
        for sid, value in row.given.items():
            if catalogue.has_statement(sid) and value in ANSWER_VALUES:
                values[v, catalogue.statement_index(sid)] = ANSWER_VALUES[value]
        for sid in row.important:
            if catalogue.has_statement(sid):
                important[v, catalogue.statement_index(sid)] = True
        for aid, weight in row.area_weights.items():
            if aid in catalogue.area_ids:
                weights[v, catalogue.area_index(aid)] = weight
    return {"answers": values, "important": important, "area_weights": weights}


def score_voters(catalogue: Catalogue, answers: Iterable[Answers]) -> Scores:
    return score_arrays(catalogue, arrays(catalogue, answers))


def score_arrays(catalogue: Catalogue, inputs: dict[str, np.ndarray]) -> Scores:
    """Score matrices made by :func:`arrays` against every party of the catalogue."""
    return score(
        stances=catalogue.stances,
        area_of=catalogue.area_of,
        n_areas=len(catalogue.areas),
        **inputs,
    )
