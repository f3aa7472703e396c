"""A voter's answers, and their result against the catalogue. Free of Flask.

The answers live in the signed session cookie as a small dict (see :meth:`Answers.to_session`);
nothing here writes them anywhere else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..content.catalogue import Catalogue, Statement
from ..content.scale import ANSWERS, SKIP

Mode = Literal["short", "full"]
MODES: tuple[Mode, ...] = ("short", "full")
# The quiz a voter is offered first and the one assumed where none is said (a new visitor,
# a cookie or an old share link without one).
DEFAULT_MODE: Mode = "short"
# The score API has no quiz length: it scores against every statement.
EVERY_STATEMENT: Mode = "full"


@dataclass(frozen=True)
class Answers:
    mode: Mode = DEFAULT_MODE
    given: Mapping[str, str] = field(default_factory=dict)  # statement id -> agree|…|skip
    important: frozenset[str] = frozenset()
    area_weights: Mapping[str, int] = field(default_factory=dict)  # only those the voter set

    @classmethod
    def from_session(cls, data: Any, catalogue: Catalogue) -> Answers:
        """Whatever the cookie holds, keep only what is valid for today's catalogue."""
        if not isinstance(data, dict):
            return cls()
        mode = data.get("mode") if data.get("mode") in MODES else DEFAULT_MODE
        given = {
            sid: value
            for sid, value in (data.get("a") or {}).items()
            if catalogue.has_statement(sid) and isinstance(value, str) and value in ANSWERS
        }
        important = frozenset(
            sid for sid in (data.get("i") or []) if isinstance(sid, str) and sid in given
        )
        weights = {
            aid: w
            for aid, w in (data.get("w") or {}).items()
            if aid in catalogue.area_ids and type(w) is int and 0 <= w <= catalogue.max_weight
        }
        return cls(mode, given, important, weights)

    def to_session(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "a": dict(self.given),
            "i": sorted(self.important),
            "w": dict(self.area_weights),
        }

    def answer(self, statement_id: str, value: str) -> Answers:
        """A new answer; a statement skipped can no longer be marked important."""
        given = {**self.given, statement_id: value}
        marks = self.important - {statement_id} if value == SKIP else self.important
        return Answers(self.mode, given, marks, self.area_weights)

    def with_important(self, statement_ids: Iterable[str]) -> Answers:
        """The voter's "important to me" marks, set on one page after the last statement:
        only statements they answered (not skipped) can count double."""
        marks = frozenset(s for s in statement_ids if self.given.get(s, SKIP) != SKIP)
        return Answers(self.mode, self.given, marks, self.area_weights)

    def markable(self, catalogue: Catalogue) -> tuple[Statement, ...]:
        """The statements of this quiz the voter answered (not skipped)."""
        return tuple(s for s in self.statements(catalogue) if self.given.get(s.id, SKIP) != SKIP)

    def next_unanswered(self, catalogue: Catalogue, after: int = 0) -> int | None:
        """The page number (1-based) of the first statement after `after` not yet answered."""
        for number, statement in enumerate(self.statements(catalogue), start=1):
            if number > after and statement.id not in self.given:
                return number
        return None

    def with_weights(self, weights: Mapping[str, int]) -> Answers:
        return Answers(self.mode, self.given, self.important, dict(weights))

    def with_mode(self, mode: Mode) -> Answers:
        return Answers(mode, self.given, self.important, self.area_weights)

    def statements(self, catalogue: Catalogue) -> tuple[Statement, ...]:
        return catalogue.statements_for(self.mode)

    def shown(self, catalogue: Catalogue) -> tuple[tuple[int, Statement, int | None], ...]:
        """The statements a result of these answers shows, in the catalogue's order: the
        voter's quiz, and any other statement answered (a quiz switched from full to short
        keeps its answers). Each with its index in the catalogue and its page in the quiz
        (None: not in this quiz, so no link to change it)."""
        numbers = {s.id: n for n, s in enumerate(self.statements(catalogue), start=1)}
        return tuple(
            (i, s, numbers.get(s.id))
            for i, s in enumerate(catalogue.statements)
            if s.id in numbers or s.id in self.given
        )

    def answered_count(self, catalogue: Catalogue) -> int:
        return sum(1 for s in self.statements(catalogue) if s.id in self.given)

    def decided_count(self, catalogue: Catalogue) -> int:
        """Statements answered with a stance, not skipped: what a score rests on."""
        return sum(1 for s in self.statements(catalogue) if self.given.get(s.id, SKIP) != SKIP)

    def weight_of(self, catalogue: Catalogue, area_id: str) -> int:
        return self.area_weights.get(area_id, catalogue.area(area_id).weight)

    def weights(self, catalogue: Catalogue) -> dict[str, int]:
        """Every area's weight: the voter's where they set one, else the default."""
        return {a.id: self.weight_of(catalogue, a.id) for a in catalogue.areas}
