"""statements/ + programmes -> a validated, immutable Catalogue.

The content folder holds:

- ``quiz.toml``: the policy areas (titles in every language, default weight) and, if
  needed, the content rules (counts, balance) when they differ from the defaults below;
- ``programme/*.toml`` (+ ``.txt``): the programmes, read by :mod:`quiz.programme`;
- ``parties/<party>.toml``: a party, its programme, and its position on each statement
  (stance plus the pledge ids that justify it), the way a party answers a valgomat;
- every other ``*.toml``: statements, ``[[statement]]`` entries under an ``area``.

Validation collects every problem (file, statement, reason) instead of stopping at the
first, so an editor sees the whole list at once. Warnings do not stop the app.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import numpy as np

from .programme import Pledge, Programme, ProgrammeError, load_programme

LANGUAGES = ("nb", "nn", "en")
STANCES: Mapping[str, float] = MappingProxyType({"agree": 1.0, "neutral": 0.0, "disagree": -1.0})
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,47}$")

DEFAULT_RULES: Mapping[str, Any] = MappingProxyType(
    {
        "min_statements": 30,
        "max_statements": 45,
        "min_per_area": 2,
        "max_chars": 160,
        "min_disagree_share": 0.35,
        "max_disagree_share": 0.65,
        "min_priorities": 9,
        "max_weight": 3,
    }
)


@dataclass(frozen=True)
class Problem:
    file: str
    statement: str | None
    message: str
    level: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.file}: {self.statement}" if self.statement else self.file
        return f"{self.level}: {where}: {self.message}"


class CatalogueError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.level == "error"]
        super().__init__(
            "the statement catalogue is invalid:\n" + "\n".join(f"  {p}" for p in errors)
        )


@dataclass(frozen=True)
class Area:
    id: str
    title: Mapping[str, str]
    weight: int


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


@dataclass(frozen=True)
class Catalogue:
    parties: tuple[Party, ...]
    areas: tuple[Area, ...]
    statements: tuple[Statement, ...]
    rules: Mapping[str, Any]
    # For the matching: stances[party, statement] in {-1, 0, 1}, NaN where the party has
    # no position; area_of[statement] indexes areas; default_weights[area].
    stances: np.ndarray = field(repr=False)
    area_of: np.ndarray = field(repr=False)
    default_weights: np.ndarray = field(repr=False)
    _index: Mapping[str, int] = field(repr=False)
    _area_index: Mapping[str, int] = field(repr=False)

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

    def party(self, party_id: str) -> Party:
        return next(p for p in self.parties if p.id == party_id)

    def pledges_for(self, party: Party, statement_id: str) -> tuple[Pledge, ...]:
        position = party.positions.get(statement_id)
        if position is None:
            return ()
        return tuple(party.programme.pledge(i) for i in position.pledges)

    def core_statements(self) -> tuple[Statement, ...]:
        return tuple(s for s in self.statements if s.core)

    def statements_for(self, mode: str) -> tuple[Statement, ...]:
        """The short quiz is the core statements; the full quiz is all of them."""
        return self.core_statements() if mode == "short" else self.statements


# --- reading --------------------------------------------------------------------------


def _read_toml(path: Path, root: Path, problems: list[Problem]) -> dict[str, Any] | None:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problems.append(Problem(_rel(path, root), None, f"cannot read: {exc}"))
        return None


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _texts(
    value: Any, what: str, file: str, sid: str | None, problems: list[Problem]
) -> dict[str, str] | None:
    if not isinstance(value, dict):
        problems.append(Problem(file, sid, f"{what} must be a table of nb, nn and en texts"))
        return None
    out: dict[str, str] = {}
    for lang in LANGUAGES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(file, sid, f"missing translation: {what} in {lang!r}"))
        else:
            out[lang] = text.strip()
    for lang in set(value) - set(LANGUAGES):
        problems.append(Problem(file, sid, f"{what} has an unknown language {lang!r}"))
    return out


def read_catalogue(directory: Path) -> tuple[Catalogue | None, list[Problem]]:
    """Read and validate; the catalogue is None when any error was found."""
    problems: list[Problem] = []
    root = directory
    quiz_path = directory / "quiz.toml"
    quiz = _read_toml(quiz_path, root, problems) if quiz_path.exists() else None
    if quiz is None:
        if not quiz_path.exists():
            problems.append(Problem(_rel(quiz_path, root), None, "file is missing"))
        return None, problems
    quiz_file = _rel(quiz_path, root)
    rules = {**DEFAULT_RULES, **quiz.get("rules", {})}

    areas = _read_areas(quiz, quiz_file, rules, problems)
    area_ids = {a.id for a in areas}
    statements = _read_statements(directory, root, area_ids, rules, problems)
    parties = _read_parties(directory, root, statements, problems)

    _check_catalogue(quiz_file, areas, statements, parties, rules, problems)
    if any(p.level == "error" for p in problems):
        return None, problems
    return _build(parties, areas, statements, rules), problems


def load_catalogue(directory: Path) -> Catalogue:
    catalogue, problems = read_catalogue(directory)
    if catalogue is None:
        raise CatalogueError(problems)
    return catalogue


def _read_areas(
    quiz: dict[str, Any], file: str, rules: Mapping[str, Any], problems: list[Problem]
) -> list[Area]:
    areas: list[Area] = []
    seen: set[str] = set()
    for raw in quiz.get("areas", []):
        aid = raw.get("id")
        if not isinstance(aid, str) or not ID_PATTERN.match(aid):
            problems.append(Problem(file, None, f"area id {aid!r} is not a valid id"))
            continue
        if aid in seen:
            problems.append(Problem(file, None, f"duplicate area id {aid!r}"))
            continue
        seen.add(aid)
        weight = raw.get("weight", 1)
        if not isinstance(weight, int) or not 0 <= weight <= rules["max_weight"]:
            problems.append(Problem(file, None, f"area {aid!r}: weight must be 0 to 3"))
            weight = 1
        title = _texts(raw.get("title"), f"area {aid!r} title", file, None, problems)
        areas.append(Area(aid, MappingProxyType(title or {}), weight))
    if not areas:
        problems.append(Problem(file, None, "no areas are defined"))
    return areas


def _read_statements(
    directory: Path,
    root: Path,
    area_ids: set[str],
    rules: Mapping[str, Any],
    problems: list[Problem],
) -> list[Statement]:
    statements: list[Statement] = []
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("*.toml")):
        if path.name == "quiz.toml":
            continue
        data = _read_toml(path, root, problems)
        if data is None:
            continue
        file = _rel(path, root)
        file_area = data.get("area")
        for raw in data.get("statement", []):
            sid = raw.get("id")
            if not isinstance(sid, str) or not ID_PATTERN.match(sid):
                problems.append(Problem(file, str(sid), "statement id is not a valid id"))
                continue
            if sid in seen:
                problems.append(Problem(file, sid, f"duplicate id (also in {seen[sid]})"))
                continue
            seen[sid] = file
            area = raw.get("area", file_area)
            if area not in area_ids:
                problems.append(Problem(file, sid, f"unknown area {area!r}"))
            text = _texts(raw.get("text"), "text", file, sid, problems) or {}
            for lang, value in text.items():
                if len(value) > rules["max_chars"]:
                    problems.append(
                        Problem(
                            file,
                            sid,
                            f"text in {lang!r} is {len(value)} characters, "
                            f"over {rules['max_chars']}",
                        )
                    )
            explanation = None
            if "explanation" in raw:
                explanation = _texts(raw["explanation"], "explanation", file, sid, problems)
            core = raw.get("core", False)
            if not isinstance(core, bool):
                problems.append(Problem(file, sid, "core must be true or false"))
                core = False
            _style_warnings(file, sid, text.get("nb", ""), problems)
            statements.append(
                Statement(
                    id=sid,
                    area=str(area),
                    text=MappingProxyType(text),
                    explanation=MappingProxyType(explanation) if explanation else None,
                    core=core,
                    file=file,
                )
            )
    return statements


NEGATION = re.compile(r"\b(ikke|ikkje|aldri|ingen)\b", re.IGNORECASE)
JOINED = re.compile(r"\b(og/eller|og|eller)\b", re.IGNORECASE)


def _style_warnings(file: str, sid: str, text: str, problems: list[Problem]) -> None:
    if NEGATION.search(text):
        problems.append(
            Problem(file, sid, "likely negation: write the statement positively", "warning")
        )
    if "og/eller" in text.lower():
        problems.append(Problem(file, sid, "'og/eller' joins two issues", "error"))
    elif match := JOINED.search(text):
        problems.append(
            Problem(
                file,
                sid,
                f"'{match.group(0)}' may join two issues: check that it is one",
                "warning",
            )
        )


def _read_parties(
    directory: Path, root: Path, statements: list[Statement], problems: list[Problem]
) -> list[Party]:
    statement_ids = {s.id for s in statements}
    parties: list[Party] = []
    for path in sorted((directory / "parties").glob("*.toml")):
        file = _rel(path, root)
        data = _read_toml(path, root, problems)
        if data is None:
            continue
        pid = path.stem
        if not ID_PATTERN.match(pid):
            problems.append(Problem(file, None, f"party id {pid!r} is not a valid id"))
            continue
        programme_id = data.get("programme")
        description = directory / "programme" / f"{programme_id}.toml"
        try:
            programme = load_programme(description)
        except ProgrammeError as exc:
            problems.append(Problem(file, None, f"programme {programme_id!r}: {exc}"))
            continue
        positions: dict[str, Position] = {}
        for sid, raw in data.get("positions", {}).items():
            if sid not in statement_ids:
                problems.append(Problem(file, sid, "position for an unknown statement"))
                continue
            stance = raw.get("stance") if isinstance(raw, dict) else None
            if stance not in STANCES:
                problems.append(
                    Problem(file, sid, f"stance {stance!r} is not agree/neutral/disagree")
                )
                continue
            pledges = raw.get("pledges", [])
            if not isinstance(pledges, list) or not pledges:
                problems.append(Problem(file, sid, "a stance needs the pledge ids that justify it"))
                continue
            bad = [p for p in pledges if not isinstance(p, str) or not programme.has_pledge(p)]
            for pledge_id in bad:
                problems.append(Problem(file, sid, f"unknown pledge id {pledge_id!r}"))
            if bad:
                continue
            positions[sid] = Position(stance, tuple(pledges))
        parties.append(
            Party(
                pid,
                str(data.get("name", programme.party)),
                programme,
                MappingProxyType(positions),
                file,
            )
        )
    if not parties:
        problems.append(Problem(_rel(directory / "parties", root), None, "no parties are defined"))
    return parties


def _check_catalogue(
    file: str,
    areas: list[Area],
    statements: list[Statement],
    parties: list[Party],
    rules: Mapping[str, Any],
    problems: list[Problem],
) -> None:
    count = len(statements)
    if not rules["min_statements"] <= count <= rules["max_statements"]:
        problems.append(
            Problem(
                file,
                None,
                f"statement count {count} is outside "
                f"{rules['min_statements']}–{rules['max_statements']}",
            )
        )
    per_area = Counter(s.area for s in statements)
    core_areas = {s.area for s in statements if s.core}
    for area in areas:
        if per_area[area.id] < rules["min_per_area"]:
            problems.append(
                Problem(
                    file,
                    None,
                    f"area {area.id!r} has {per_area[area.id]} statements, "
                    f"fewer than {rules['min_per_area']}",
                )
            )
        if area.id not in core_areas:
            problems.append(Problem(file, None, f"the core set misses area {area.id!r}"))
    for party in parties:
        _check_party(party, rules, problems)
    for statement in statements:
        if not any(statement.id in party.positions for party in parties):
            problems.append(
                Problem(statement.file, statement.id, "no party has a position on it", "warning")
            )


def _check_party(party: Party, rules: Mapping[str, Any], problems: list[Problem]) -> None:
    where = party.file
    stances = [p.stance for p in party.positions.values()]
    if stances:
        share = stances.count("disagree") / len(stances)
        low, high = rules["min_disagree_share"], rules["max_disagree_share"]
        if not low <= share <= high:
            problems.append(
                Problem(
                    where,
                    None,
                    f"polarity: {share:.0%} of stances are 'disagree', "
                    f"outside {low:.0%}–{high:.0%}",
                )
            )
    cited = {pid for p in party.positions.values() for pid in p.pledges}
    programme = party.programme
    for chapter in programme.policy_chapters:
        chapter_pledges = {
            b.pledge_id for s in chapter.sections for b in s.blocks if b.pledge_id is not None
        }
        if not (cited & chapter_pledges):
            problems.append(
                Problem(where, None, f"no statement draws on the chapter {chapter.title!r}")
            )
    covered = priorities_covered(party)
    total = len(programme.priorities)
    needed = min(rules["min_priorities"], total)
    if len(covered) < needed:
        problems.append(
            Problem(
                where,
                None,
                f"{len(covered)} of {total} priorities are covered, fewer than {needed}",
            )
        )


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


def _build(
    parties: list[Party], areas: list[Area], statements: list[Statement], rules: Mapping[str, Any]
) -> Catalogue:
    area_index = {a.id: i for i, a in enumerate(areas)}
    # Statements in area order (as the areas are listed), then file order within an area.
    ordered = sorted(statements, key=lambda s: area_index[s.area])
    stances = np.full((len(parties), len(ordered)), np.nan)
    for p, party in enumerate(parties):
        for s, statement in enumerate(ordered):
            if (position := party.positions.get(statement.id)) is not None:
                stances[p, s] = STANCES[position.stance]
    area_of = np.array([area_index[s.area] for s in ordered], dtype=np.intp)
    weights = np.array([a.weight for a in areas], dtype=float)
    for array in (stances, area_of, weights):
        array.flags.writeable = False
    return Catalogue(
        parties=tuple(parties),
        areas=tuple(areas),
        statements=tuple(ordered),
        rules=MappingProxyType(dict(rules)),
        stances=stances,
        area_of=area_of,
        default_weights=weights,
        _index=MappingProxyType({s.id: i for i, s in enumerate(ordered)}),
        _area_index=MappingProxyType(area_index),
    )


def summary(catalogue: Catalogue) -> list[str]:
    """The counts an editor wants after a check."""
    lines = [f"{len(catalogue.statements)} statements, {len(catalogue.core_statements())} core"]
    for area in catalogue.areas:
        n = sum(s.area == area.id for s in catalogue.statements)
        core = sum(s.area == area.id and s.core for s in catalogue.statements)
        lines.append(f"  {area.id}: {n} ({core} core), weight {area.weight}")
    for party in catalogue.parties:
        stances = Counter(p.stance for p in party.positions.values())
        total = sum(stances.values())
        share = stances["disagree"] / total if total else 0.0
        lines.append(
            f"{party.name}: {total} stances, {stances['agree']} agree, "
            f"{stances['neutral']} neutral, {stances['disagree']} disagree "
            f"({share:.0%} disagree)"
        )
        prios = party.programme.priorities
        if prios:
            covered = sorted(priorities_covered(party))
            lines.append(
                f"  priorities covered: {len(covered)} of {len(prios)} "
                f"({', '.join(map(str, covered))})"
            )
    return lines
