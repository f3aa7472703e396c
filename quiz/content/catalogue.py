"""The catalogue: areas, statements and parties' positions, immutable once built.

The model only; reading and validating statements/ is :mod:`quiz.content.loader`, the
editorial rules are :mod:`quiz.content.editorial`. ``build_catalogue`` also lays out the
numpy arrays the matching needs, once, so no request rebuilds them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from types import MappingProxyType
from typing import Any

import numpy as np

from .programme import Pledge, Programme
from .scale import STANCE_VALUES


@dataclass(frozen=True)
class Area:
    id: str
    title: Mapping[str, str]
    weight: int  # the default: derived from a programme (quiz.weighting), or the editor's
    pledges: int | None = None  # pledges in its chapter; None where no programme is named
    priorities: int | None = None  # of the programme's priorities, those in its chapter


# Who set a position: the party itself (through its questionnaire) or the editors, reading
# the party's programme. Pages say which, beside the position.
SET_BY = ("party", "editors")


@dataclass(frozen=True)
class Position:
    """A party's answer to one statement.

    stance None is the party's *no answer*: the statement is left out of that party's
    score, as a voter's skip is (never read as neutral)."""

    stance: str | None
    pledges: tuple[str, ...] = ()  # ids in the party's own programme, quoted verbatim
    reason: Mapping[str, str] | None = None  # the party's own words, per language given
    source_url: str | None = None  # where the party says it (a page of its own)
    set_by: str = "editors"
    set_on: date | None = None

    @property
    def answered(self) -> bool:
        return self.stance is not None

    def reason_in(self, lang: str) -> tuple[str, str] | None:
        """(language, text) of the reason: in ``lang`` where given, else the first one the
        party wrote (the page marks its own ``lang``); None without a reason."""
        if not self.reason:
            return None
        if lang in self.reason:
            return lang, self.reason[lang]
        first = next(iter(self.reason))
        return first, self.reason[first]


@dataclass(frozen=True)
class Party:
    id: str
    name: str
    programme: Programme | None  # a parsed programme its pledge ids point into
    positions: Mapping[str, Position]
    file: str
    short_name: str = ""
    programme_url: str | None = None  # the party's own page with its programme
    confirmed: date | None = None  # when the party confirmed the positions given as its own
    # A file exported from the questionnaire: the hash of the positions the editor approved
    # (quiz.questionnaire.answers.positions_hash), so a later edit of the file shows.
    approved_hash: str | None = None

    @property
    def code(self) -> bytes:
        """Three bytes that name the party in a share link: a hash of its id, so links
        keep naming the same party when parties are added (the loader refuses two
        parties with one code)."""
        return hashlib.sha256(self.id.encode()).digest()[:3]

    @property
    def label(self) -> str:
        """The short name where tables are narrow."""
        return self.short_name or self.name

    @cached_property
    def answered_itself(self) -> bool:
        """Every position is the party's own (its questionnaire), none the editors'."""
        return bool(self.positions) and all(p.set_by == "party" for p in self.positions.values())

    @cached_property
    def answered_count(self) -> int:
        """How many statements the party gave a stance on ("svarte på 30 av 38")."""
        return sum(1 for p in self.positions.values() if p.answered)


@dataclass(frozen=True)
class Statement:
    id: str
    area: str
    text: Mapping[str, str]
    explanation: Mapping[str, str] | None
    core: bool
    file: str
    source: Mapping[str, str] | None = None  # where the explanation's facts come from
    # Worded as keeping today's rule ("… bør fortsatt …", or the rule itself named as it
    # stands): decided by an editor reading it, a property of the statement for every party.
    keeps_today: bool = False


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
    _parties: Mapping[str, Party] = field(repr=False)
    party_order: str = "alphabetical"  # or "ballot": how parties are listed where ties
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
        return self._parties[party_id]

    def has_party(self, party_id: str) -> bool:
        return party_id in self._parties

    def party_index(self, party_id: str) -> int:
        return self.parties.index(self._parties[party_id])

    @cached_property
    def stance_names(self) -> tuple[tuple[str | None, ...], ...]:
        """stance_names[party][statement]: each party's stance in the statements' order,
        None where it has none (what a results row shows, looked up once)."""
        return tuple(
            tuple(
                pos.stance if (pos := party.positions.get(s.id)) is not None else None
                for s in self.statements
            )
            for party in self.parties
        )

    @property
    def several(self) -> bool:
        """More than one party: pages speak of parties and rank them. With one, the quiz is
        "how much do I agree with this programme" as it always was."""
        return len(self.parties) > 1

    @property
    def only_party(self) -> Party | None:
        """The party of a one-party quiz; None where there are several (no party speaks
        for the quiz then)."""
        return None if self.several else self.parties[0]

    @property
    def max_weight(self) -> int:
        """The largest weight a voter may give an area (rules.max_weight; 0 leaves it out)."""
        return self.rules["max_weight"]

    def is_source(self, party: Party) -> bool:
        return made_from(party, self.source_programme)

    def pledges_for(self, party: Party, statement_id: str) -> tuple[Pledge, ...]:
        position = party.positions.get(statement_id)
        if position is None or party.programme is None:
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


def made_from(party: Party, programme_id: str | None) -> bool:
    """The party whose programme the areas were made from (the quiz's own rules for a
    programme apply to it as errors; to every other party they are reports)."""
    return party.programme is not None and party.programme.id == programme_id


def priorities_covered(party: Party) -> set[int]:
    """A priority is covered when a statement cites it or a chapter pledge it repeats."""
    programme = party.programme
    covered: set[int] = set()
    if programme is None:
        return covered
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
    party_order: str = "alphabetical",
) -> Catalogue:
    area_index = {a.id: i for i, a in enumerate(areas)}
    # Statements in area order (as the areas are listed), then file order within an area.
    ordered = sorted(statements, key=lambda s: area_index[s.area])
    stances = np.full((len(parties), len(ordered)), np.nan)
    for p, party in enumerate(parties):
        for s, statement in enumerate(ordered):
            position = party.positions.get(statement.id)
            if position is not None and position.stance is not None:
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
        _parties=MappingProxyType({p.id: p for p in parties}),
        version=_fingerprint(parties, ordered),
        party_order=party_order,
    )


def _fingerprint(parties: list[Party], statements: list[Statement]) -> str:
    """What an answer means, in short: statement ids, areas and every party's stance."""
    parts = [f"{s.id}:{s.area}" for s in statements]
    for party in parties:
        parts += [f"{party.id}:{sid}={pos.stance}" for sid, pos in sorted(party.positions.items())]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]
