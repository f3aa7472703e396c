"""The catalogue: areas, statements and parties' positions, immutable once built.

The model only; reading and validating statements/ is :mod:`quiz.content.loader`, the
editorial rules are :mod:`quiz.content.editorial`. ``build_catalogue`` also lays out the
numpy arrays the matching needs, once, so no request rebuilds them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from .programme import Pledge, Programme
from .scale import STANCE_VALUES


@dataclass(frozen=True)
class Area:
    id: str
    title: Mapping[str, str]
    weight: int  # the default, derived from the programme (quiz.weighting)
    pledges: int | None = None  # pledges in its chapter; None where no programme is named


@dataclass(frozen=True)
class Position:
    stance: str
    pledges: tuple[str, ...]


@dataclass(frozen=True)
class Party:
    id: str
    name: str
    programme: Programme
    positions: Mapping[str, Position]
    file: str


@dataclass(frozen=True)
class Statement:
    id: str
    area: str
    text: Mapping[str, str]
    explanation: Mapping[str, str] | None
    core: bool
    file: str
    source: Mapping[str, str] | None = None  # where the explanation's facts come from


@dataclass(frozen=True)
class Catalogue:
    parties: tuple[Party, ...]
    areas: tuple[Area, ...]
    statements: tuple[Statement, ...]
    rules: Mapping[str, Any]
    source_programme: str | None  # the programme the areas (and their weights) come from
    # For the matching: stances[party, statement] in {-1, 0, 1}, NaN where the party has
    # no position; area_of[statement] indexes areas; default_weights[area].
    stances: np.ndarray = field(repr=False)
    area_of: np.ndarray = field(repr=False)
    default_weights: np.ndarray = field(repr=False)
    _index: Mapping[str, int] = field(repr=False)
    _area_index: Mapping[str, int] = field(repr=False)
    # A fingerprint of what an answer means; the browser-side quiz tags the answers it
    # keeps with it, so answers to a changed catalogue are not read as today's.
    version: str = ""

    def statement(self, statement_id: str) -> Statement:
        return self.statements[self._index[statement_id]]

    def statement_index(self, statement_id: str) -> int:
        return self._index[statement_id]

    def has_statement(self, statement_id: str) -> bool:
        return statement_id in self._index

    def area(self, area_id: str) -> Area:
        return self.areas[self._area_index[area_id]]

    def area_index(self, area_id: str) -> int:
        return self._area_index[area_id]

    @property
    def area_ids(self) -> Mapping[str, int]:
        return self._area_index

    def party(self, party_id: str) -> Party:
        return next(p for p in self.parties if p.id == party_id)

    @property
    def max_weight(self) -> int:
        """The largest weight a voter may give an area (rules.max_weight; 0 leaves it out)."""
        return self.rules["max_weight"]

    @property
    def primary_party(self) -> Party:
        """The party whose programme the quiz was made from (what events and share cards
        compare with); the first party where the content names no programme."""
        return next(
            (p for p in self.parties if p.programme.id == self.source_programme),
            self.parties[0],
        )

    def pledges_for(self, party: Party, statement_id: str) -> tuple[Pledge, ...]:
        position = party.positions.get(statement_id)
        if position is None:
            return ()
        return tuple(party.programme.pledge(i) for i in position.pledges)

    def quoted_pledges(self, party: Party, statement_id: str) -> tuple[Pledge, ...]:
        """The pledges to quote for a position, each once: a priority that only repeats
        chapter pledges quoted beside it adds nothing and is left out."""
        pledges = self.pledges_for(party, statement_id)
        cited = {p.id for p in pledges}
        return tuple(
            p
            for p in pledges
            if not (p.priority is not None and p.repeats and set(p.repeats) <= cited)
        )

    def core_statements(self) -> tuple[Statement, ...]:
        return tuple(s for s in self.statements if s.core)

    def statements_for(self, mode: str) -> tuple[Statement, ...]:
        """The short quiz is the core statements; the full quiz is all of them."""
        return self.core_statements() if mode == "short" else self.statements


def priorities_covered(party: Party) -> set[int]:
    """A priority is covered when a statement cites it or a chapter pledge it repeats."""
    programme = party.programme
    covered: set[int] = set()
    for position in party.positions.values():
        for pid in position.pledges:
            pledge = programme.pledge(pid)
            if pledge.priority is not None:
                covered.add(pledge.priority)
            covered.update(programme.pledge(p).priority or 0 for p in pledge.repeated_by)
    covered.discard(0)
    return covered


def build_catalogue(
    parties: list[Party],
    areas: list[Area],
    statements: list[Statement],
    rules: Mapping[str, Any],
    source_programme: str | None = None,
) -> Catalogue:
    area_index = {a.id: i for i, a in enumerate(areas)}
    # Statements in area order (as the areas are listed), then file order within an area.
    ordered = sorted(statements, key=lambda s: area_index[s.area])
    stances = np.full((len(parties), len(ordered)), np.nan)
    for p, party in enumerate(parties):
        for s, statement in enumerate(ordered):
            if (position := party.positions.get(statement.id)) is not None:
                stances[p, s] = STANCE_VALUES[position.stance]
    area_of = np.array([area_index[s.area] for s in ordered], dtype=np.intp)
    weights = np.array([a.weight for a in areas], dtype=float)
    for array in (stances, area_of, weights):
        array.flags.writeable = False
    return Catalogue(
        parties=tuple(parties),
        areas=tuple(areas),
        statements=tuple(ordered),
        rules=MappingProxyType(dict(rules)),
        source_programme=source_programme,
        stances=stances,
        area_of=area_of,
        default_weights=weights,
        _index=MappingProxyType({s.id: i for i, s in enumerate(ordered)}),
        _area_index=MappingProxyType(area_index),
        version=_fingerprint(parties, ordered),
    )


def _fingerprint(parties: list[Party], statements: list[Statement]) -> str:
    """What an answer means, in short: statement ids, areas and every party's stance."""
    parts = [f"{s.id}:{s.area}" for s in statements]
    for party in parties:
        parts += [f"{party.id}:{sid}={pos.stance}" for sid, pos in sorted(party.positions.items())]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]
