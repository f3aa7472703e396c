"""A voter's answers, and their result against the catalogue. Free of Flask.

The answers live in the signed session cookie as a small dict (see :meth:`Answers.to_session`);
nothing here writes them anywhere else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from ..content.catalogue import Catalogue, Party, Statement
from .matching import ANSWER_VALUES, MAX_POINTS, Scores, percent, score

Mode = Literal["short", "full"]
MODES: tuple[Mode, ...] = ("short", "full")
MAX_AREA_WEIGHT = 3


@dataclass(frozen=True)
class Answers:
    mode: Mode = "full"
    given: Mapping[str, str] = field(default_factory=dict)  # statement id -> agree|…|skip
    important: frozenset[str] = frozenset()
    area_weights: Mapping[str, int] = field(default_factory=dict)  # only those the voter set

    @classmethod
    def from_session(cls, data: Any, catalogue: Catalogue) -> Answers:
        """Whatever the cookie holds, keep only what is valid for today's catalogue."""
        if not isinstance(data, dict):
            return cls()
        mode = data.get("mode") if data.get("mode") in MODES else "full"
        given = {
            sid: value
            for sid, value in (data.get("a") or {}).items()
            if catalogue.has_statement(sid) and value in ANSWER_VALUES
        }
        important = frozenset(
            sid for sid in (data.get("i") or []) if isinstance(sid, str) and sid in given
        )
        area_ids = {a.id for a in catalogue.areas}
        weights = {
            aid: w
            for aid, w in (data.get("w") or {}).items()
            if aid in area_ids and type(w) is int and 0 <= w <= MAX_AREA_WEIGHT
        }
        return cls(mode, given, important, weights)

    def to_session(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "a": dict(self.given),
            "i": sorted(self.important),
            "w": dict(self.area_weights),
        }

    def answer(self, statement_id: str, value: str, important: bool) -> Answers:
        given = {**self.given, statement_id: value}
        marks = set(self.important) - {statement_id}
        if important and value != "skip":
            marks.add(statement_id)
        return Answers(self.mode, given, frozenset(marks), self.area_weights)

    def with_weights(self, weights: Mapping[str, int]) -> Answers:
        return Answers(self.mode, self.given, self.important, dict(weights))

    def with_mode(self, mode: Mode) -> Answers:
        return Answers(mode, self.given, self.important, self.area_weights)

    def statements(self, catalogue: Catalogue) -> tuple[Statement, ...]:
        return catalogue.statements_for(self.mode)

    def answered_count(self, catalogue: Catalogue) -> int:
        return sum(1 for s in self.statements(catalogue) if s.id in self.given)

    def weight_of(self, catalogue: Catalogue, area_id: str) -> int:
        return self.area_weights.get(area_id, catalogue.area(area_id).weight)

    def weights(self, catalogue: Catalogue) -> dict[str, int]:
        """Every area's weight: the voter's where they set one, else the default."""
        return {a.id: self.weight_of(catalogue, a.id) for a in catalogue.areas}


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


def results(catalogue: Catalogue, answers: Answers) -> tuple[PartyResult, ...]:
    """One voter's result against every party, ready for the page and the API."""
    scores = score_voters(catalogue, [answers])
    numbers = {s.id: n for n, s in enumerate(answers.statements(catalogue), start=1)}
    shown = set(numbers) | set(answers.given)
    out = []
    for p, party in enumerate(catalogue.parties):
        rows = []
        for i, statement in enumerate(catalogue.statements):
            if statement.id not in shown:
                continue
            pts = scores.points[0, p, i]
            weight = scores.weights[0, i]
            position = party.positions.get(statement.id)
            counted = not np.isnan(pts)
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
