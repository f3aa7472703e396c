"""One voter's result, ready for the results page and the score API (its JSON is here too)."""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

import numpy as np

from ..content.catalogue import Catalogue, Party, Statement
from ..voter.answers import Answers
from .matching import MAX_POINTS, percent
from .ranking import Ranked, ranked
from .voters import score_voters


class StatementPoints(NamedTuple):
    """One statement of one party's result (a NamedTuple: a results page of several
    parties makes hundreds, and a tuple is made several times faster than a dataclass)."""

    statement: Statement
    answer: str | None  # None: not reached yet
    stance: str | None  # None: the party has no position (or did not answer)
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
    compared: int  # the statements the comparison rests on: answered by voter and party
    # The rows, made when first asked for: a results page of several parties shows the
    # ranking without them, and they are most of the work.
    rows_of: Callable[[], tuple[StatementPoints, ...]] = field(repr=False, compare=False)

    @cached_property
    def statements(self) -> tuple[StatementPoints, ...]:
        return self.rows_of()

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
    shown = [
        (i, s, answers.given.get(s.id), s.id in answers.important, number)
        for i, s, number in answers.shown(catalogue)
    ]
    # Plain floats: indexing numpy one element at a time costs more than the matching.
    weights = scores.weights[0].tolist()
    all_points = (scores.points[0] * scores.weights[0]).tolist()  # (P, S), NaN: not counted
    out = []
    counted = (~np.isnan(scores.points[0])).sum(axis=1).tolist()  # (P,) over all statements

    def rows_of(p: int) -> tuple[StatementPoints, ...]:
        points, stances = all_points[p], catalogue.stance_names[p]
        return tuple(
            StatementPoints(
                statement,
                answer,
                stances[i],
                important,
                None if (pts := points[i]) != pts else pts,  # NaN is not equal to itself
                None if pts != pts else MAX_POINTS * weights[i],
                number,
            )
            for i, statement, answer, important, number in shown
        )

    for p, party in enumerate(catalogue.parties):
        area_values = scores.area[0, p].tolist()
        out.append(
            PartyResult(
                party=party,
                overall=percent(scores.overall[0, p]),
                areas={a.id: percent(area_values[k]) for k, a in enumerate(catalogue.areas)},
                areas_exact={
                    a.id: None if math.isnan(area_values[k]) else area_values[k]
                    for k, a in enumerate(catalogue.areas)
                },
                # A statement counts only where answered (not skipped): shown covers it.
                compared=counted[p],
                rows_of=functools.partial(rows_of, p),
            )
        )
    return tuple(out)


def ranking(party_results: tuple[PartyResult, ...]) -> tuple[Ranked[PartyResult], ...]:
    """The voter's parties, best first, ties shared, in the catalogue's neutral order
    within a tie (quiz.scoring.ranking)."""
    return ranked(party_results, [r.overall for r in party_results])


def score_document(catalogue: Catalogue, answers: Answers) -> dict[str, Any]:
    """The body of POST /api/v1/score (schema: ScoreResponse in quiz/web/openapi.py): the
    numbers of results(), made straight from the arrays (with many parties the API would
    otherwise build every results row only to turn it into a dict)."""
    scores = score_voters(catalogue, [answers])
    shown = [(i, s.id) for i, s, _number in answers.shown(catalogue)]
    weights = scores.weights[0].tolist()
    all_points = (scores.points[0] * scores.weights[0]).tolist()
    overall = [percent(v) for v in scores.overall[0].tolist()]
    ranks = {r.item: r.rank for r in ranked(range(len(overall)), overall)}
    parties = []
    for p, party in enumerate(catalogue.parties):
        points = all_points[p]
        area_values = scores.area[0, p].tolist()
        parties.append(
            {
                "party": party.id,
                "overall": overall[p],
                "rank": ranks[p],
                "areas": {a.id: percent(area_values[k]) for k, a in enumerate(catalogue.areas)},
                "statements": [
                    {"id": sid, "points": None, "max": None}
                    if (v := points[i]) != v  # NaN: does not count
                    else {"id": sid, "points": v, "max": MAX_POINTS * weights[i]}
                    for i, sid in shown
                ],
            }
        )
    return {"parties": parties}


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
