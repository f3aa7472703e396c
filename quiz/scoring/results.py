"""One voter's result, ready for the results page and the score API (its JSON is here too)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from ..content.catalogue import Catalogue, Party, Statement
from ..voter.answers import Answers
from .matching import MAX_POINTS, percent
from .ranking import Ranked, ranked
from .voters import score_voters


@dataclass(frozen=True)
class StatementPoints:
    statement: Statement
    answer: str | None  # None: not reached yet
    stance: str | None  # None: the party has no position
    important: bool
    points: float | None  # weighted points; None where it does not count
    max: float | None
    number: int | None  # its page in the voter's quiz (1-based), to change the answer

    @property
    def differs(self) -> bool:
        return self.points is not None and self.points < (self.max or 0)


@dataclass(frozen=True)
class PartyResult:
    party: Party
    overall: float | None
    areas: Mapping[str, float | None]  # rounded, for display and the API
    areas_exact: Mapping[str, float | None]  # unrounded, so JS can reweight exactly
    statements: tuple[StatementPoints, ...]

    @property
    def compared(self) -> int:
        """The statements the comparison rests on: answered by both the voter and the party."""
        return sum(1 for row in self.statements if row.points is not None)

    @cached_property
    def by_area(self) -> dict[str, list[StatementPoints]]:
        """The rows grouped by area, in the catalogue's order within each (computed once: a
        results page asks per area)."""
        groups: dict[str, list[StatementPoints]] = {}
        for row in self.statements:
            groups.setdefault(row.statement.area, []).append(row)
        return defaultdict(list, groups)


def results(catalogue: Catalogue, answers: Answers) -> tuple[PartyResult, ...]:
    """One voter's result against every party, ready for the page and the API."""
    scores = score_voters(catalogue, [answers])
    numbers = {s.id: n for n, s in enumerate(answers.statements(catalogue), start=1)}
    shown = set(numbers) | set(answers.given)
    out = []
    for p, party in enumerate(catalogue.parties):
        rows = []
        # Plain floats: indexing numpy one element at a time costs more than the matching.
        all_points = scores.points[0, p].tolist()
        all_weights = scores.weights[0].tolist()
        for i, statement in enumerate(catalogue.statements):
            if statement.id not in shown:
                continue
            pts = all_points[i]
            weight = all_weights[i]
            position = party.positions.get(statement.id)
            counted = not math.isnan(pts)
            rows.append(
                StatementPoints(
                    statement=statement,
                    answer=answers.given.get(statement.id),
                    stance=position.stance if position else None,
                    important=statement.id in answers.important,
                    points=float(pts * weight) if counted else None,
                    max=float(MAX_POINTS * weight) if counted else None,
                    number=numbers.get(statement.id),
                )
            )
        area_values = scores.area[0, p]
        out.append(
            PartyResult(
                party=party,
                overall=percent(scores.overall[0, p]),
                areas={a.id: percent(area_values[k]) for k, a in enumerate(catalogue.areas)},
                areas_exact={
                    a.id: None if np.isnan(area_values[k]) else float(area_values[k])
                    for k, a in enumerate(catalogue.areas)
                },
                statements=tuple(rows),
            )
        )
    return tuple(out)


def ranking(party_results: tuple[PartyResult, ...]) -> tuple[Ranked[PartyResult], ...]:
    """The voter's parties, best first, ties shared, in the catalogue's neutral order
    within a tie (quiz.scoring.ranking)."""
    return ranked(party_results, [r.overall for r in party_results])


def score_document(party_results: tuple[PartyResult, ...]) -> dict[str, Any]:
    """The body of POST /api/v1/score (schema: ScoreResponse in quiz/web/openapi.py)."""
    return {
        "parties": [
            {
                "party": result.party.id,
                "overall": result.overall,
                "areas": dict(result.areas),
                "statements": [
                    {"id": row.statement.id, "points": row.points, "max": row.max}
                    for row in result.statements
                ],
            }
            for result in party_results
        ]
    }


@dataclass(frozen=True)
class AreaCount:
    answered: int  # statements of the area the voter answered (not skipped)
    total: int  # statements of the area in the voter's quiz


def area_counts(catalogue: Catalogue, answers: Answers) -> dict[str, AreaCount]:
    """How many of each area's statements the voter answered: a score built on one answer
    says so ("1 av 2 svart")."""
    answered = dict.fromkeys((area.id for area in catalogue.areas), 0)
    total = dict(answered)
    for s in answers.statements(catalogue):  # one pass, not one per area
        total[s.area] += 1
        if answers.given.get(s.id, "skip") != "skip":
            answered[s.area] += 1
    return {area: AreaCount(answered[area], total[area]) for area in total}
