"""statements/ + programmes -> a validated, immutable Catalogue.

The content folder holds:

- ``quiz.toml``: the policy areas (one per chapter, titles in every language), the
  programme their default weights are derived from (``weights_from``, see
  :mod:`quiz.weighting`) and, if needed, the content rules (counts, balance, word lists)
  when they differ from the defaults below;
- ``programme/*.toml`` (+ ``.txt``): the programmes, read by :mod:`quiz.programme`;
- ``parties/<party>.toml``: a party, its programme, and its position on each statement
  (stance plus the pledge ids that justify it), the way a party answers a valgomat;
- every other ``*.toml``: statements, ``[[statement]]`` entries under an ``area``.

Validation collects every problem (file, statement, reason) instead of stopping at the
first, so an editor sees the whole list at once. Warnings do not stop the app. The
structural checks live here; the editorial rules (balance, wording, sources, how much one
statement may decide) live in :mod:`quiz.editorial`.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from .problems import CatalogueError, Problem
from .programme import Pledge, Programme, ProgrammeError, load_programme
from .weighting import chapter_weights

__all__ = ["Catalogue", "CatalogueError", "Problem", "load_catalogue", "read_catalogue"]

LANGUAGES = ("nb", "nn", "en")
STANCES: Mapping[str, float] = MappingProxyType({"agree": 1.0, "neutral": 0.0, "disagree": -1.0})
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,47}$")

DEFAULT_RULES: Mapping[str, Any] = MappingProxyType(
    {
        "min_statements": 30,
        "max_statements": 45,
        "min_per_area": 2,
        "max_chars": 160,
        # Below the floor or above the ceiling is an error; outside the aim a warning, and
        # the method page says how far the honest share is from it.
        "min_disagree_share": 0.25,
        "max_disagree_share": 0.75,
        "aim_disagree_share": (0.35, 0.65),
        "min_priorities": 9,
        "max_weight": 3,
        "max_status_quo": 5,  # statements worded as "keep today's rule" (fortsatt, bare …)
        "max_statement_share": 0.10,  # of the overall score, at the default weights
        "status_quo_words": {
            "nb": ["fortsatt", "fremdeles", "bare", "kun"],
            "nn": ["framleis", "berre", "kun"],
            "en": ["still", "only", "remain", "keep", "continue"],
        },
        "loaded_words": {"nb": [], "nn": [], "en": []},
    }
)


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

    @property
    def area_ids(self) -> Mapping[str, int]:
        return self._area_index

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

    areas = _read_areas(quiz, quiz_file, directory, rules, problems)
    area_ids = {a.id for a in areas}
    statements = _read_statements(directory, root, area_ids, rules, problems)
    parties = _read_parties(directory, root, statements, problems)

    _check_catalogue(quiz_file, areas, statements, parties, rules, problems)
    if any(p.level == "error" for p in problems):
        return None, problems
    catalogue = _build(parties, areas, statements, rules)
    # Imported here: the editorial rules read a built catalogue, so they import this module.
    from .editorial import check_editorial

    problems.extend(check_editorial(catalogue, quiz_file))
    if any(p.level == "error" for p in problems):
        return None, problems
    return catalogue, problems


def load_catalogue(directory: Path) -> Catalogue:
    catalogue, problems = read_catalogue(directory)
    if catalogue is None:
        raise CatalogueError(problems)
    return catalogue


def _read_areas(
    quiz: dict[str, Any],
    file: str,
    directory: Path,
    rules: Mapping[str, Any],
    problems: list[Problem],
) -> list[Area]:
    drafts: list[tuple[str, dict[str, str]]] = []
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
        if "weight" in raw:
            problems.append(
                Problem(
                    file,
                    None,
                    f"area {aid!r}: the default weight is derived from the programme "
                    "(weights_from), not typed by hand",
                )
            )
        title = _texts(raw.get("title"), f"area {aid!r} title", file, None, problems)
        drafts.append((aid, title or {}))
    if not drafts:
        problems.append(Problem(file, None, "no areas are defined"))
    counts = _chapter_pledge_counts(quiz.get("weights_from"), file, directory, problems)
    max_weight = rules["max_weight"]
    if not isinstance(max_weight, int) or max_weight < 1:
        problems.append(Problem(file, None, "rules.max_weight must be a whole number, 1 or more"))
        max_weight = 1
    if counts is None:
        return [Area(aid, MappingProxyType(title), 1) for aid, title in drafts]
    for aid, _title in drafts:
        if aid not in counts:
            problems.append(
                Problem(file, None, f"area {aid!r} is no chapter of {quiz['weights_from']!r}")
            )
    weights = chapter_weights({aid: counts.get(aid, 0) for aid, _ in drafts}, max_weight)
    return [
        Area(aid, MappingProxyType(title), weights[aid], counts.get(aid, 0))
        for aid, title in drafts
    ]


def _chapter_pledge_counts(
    programme_id: Any, file: str, directory: Path, problems: list[Problem]
) -> dict[str, int] | None:
    """Pledges per chapter of the programme the areas were made from (None: not named)."""
    if programme_id is None:
        problems.append(
            Problem(
                file,
                None,
                "weights_from names no programme: every area weighs 1 by default",
                "warning",
            )
        )
        return None
    try:
        programme = load_programme(directory / "programme" / f"{programme_id}.toml")
    except ProgrammeError as exc:
        problems.append(Problem(file, None, f"weights_from {programme_id!r}: {exc}"))
        return None
    return {
        chapter.id: sum(
            block.pledge_id is not None for section in chapter.sections for block in section.blocks
        )
        for chapter in programme.policy_chapters
    }


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
            source = None
            if "source" in raw:
                source = _texts(raw["source"], "source", file, sid, problems)
                if explanation is None:
                    problems.append(Problem(file, sid, "a source belongs to an explanation"))
            core = raw.get("core", False)
            if not isinstance(core, bool):
                problems.append(Problem(file, sid, "core must be true or false"))
                core = False
            # one_issue = true: an editor has read the "og" and found one issue (e.g. "barn
            # og unge", "tros- og livssynssamfunn"); "og/eller" stays an error regardless.
            _style_warnings(file, sid, text.get("nb", ""), problems, raw.get("one_issue") is True)
            statements.append(
                Statement(
                    id=sid,
                    area=str(area),
                    text=MappingProxyType(text),
                    explanation=MappingProxyType(explanation) if explanation else None,
                    core=core,
                    file=file,
                    source=MappingProxyType(source) if source else None,
                )
            )
    return statements


NEGATION = re.compile(r"\b(ikke|ikkje|aldri|ingen)\b", re.IGNORECASE)
JOINED = re.compile(r"\b(og/eller|og|eller)\b", re.IGNORECASE)


def _style_warnings(
    file: str, sid: str, text: str, problems: list[Problem], one_issue: bool = False
) -> None:
    if NEGATION.search(text):
        problems.append(
            Problem(file, sid, "likely negation: write the statement positively", "warning")
        )
    if "og/eller" in text.lower():
        problems.append(Problem(file, sid, "'og/eller' joins two issues", "error"))
    elif not one_issue and (match := JOINED.search(text)):
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
