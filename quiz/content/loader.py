"""statements/ -> a validated Catalogue, with every problem named (file, statement, reason).

The content folder holds:

- ``catalogue.toml``: the policy areas (one per chapter, titles in every language), the
  programme their default weights are derived from (``weights_from``, see
  :mod:`quiz.content.weighting`) and, if needed, the content rules (counts, balance, word
  lists) when they differ from ``DEFAULT_RULES``;
- ``programme/*.toml`` (+ ``.txt``): the programmes, read by :mod:`quiz.content.programme`;
- ``parties/<party>.toml``: a party, its programme, and its position on each statement
  (stance plus the pledge ids that justify it), the way a party answers a valgomat;
- every other ``*.toml``: statements, ``[[statement]]`` entries under an ``area``.

Validation collects every problem instead of stopping at the first, so an editor sees the
whole list at once. Warnings do not stop the app. The structural checks (ids, languages,
counts, coverage) live here and in :mod:`quiz.content.parties`; the editorial rules
(balance, wording, sources, how much one statement may decide) in
:mod:`quiz.content.editorial`.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .catalogue import Area, Catalogue, Party, Statement, build_catalogue, made_from
from .editorial import check_editorial, style_problems
from .files import read_toml, rel, texts
from .languages import LANGUAGES
from .parties import check_parties, check_party, ordered_parties, read_parties
from .problems import CatalogueError, Problem, binding
from .programme import ProgrammeError
from .programme_reader import ProgrammeLoader, load_programme
from .scale import ID_PATTERN
from .weighting import programme_weights

CONTENT_FILE = "catalogue.toml"

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
        "loaded_words": {lang: [] for lang in LANGUAGES},
    }
)


def read_catalogue(directory: Path) -> tuple[Catalogue | None, list[Problem]]:
    """Read and validate; the catalogue is None when any error was found."""
    problems: list[Problem] = []
    root = directory
    quiz_path = directory / CONTENT_FILE
    quiz = read_toml(quiz_path, root, problems) if quiz_path.exists() else None
    if quiz is None:
        if not quiz_path.exists():
            problems.append(Problem(rel(quiz_path, root), None, "file is missing"))
        return None, problems
    quiz_file = rel(quiz_path, root)
    rules = {**DEFAULT_RULES, **quiz.get("rules", {})}
    # The areas' weights and the party that stands on it read the same programme:
    # parse each programme file once (a parse is most of the start-up).
    programme_at = functools.cache(load_programme)

    areas = _read_areas(quiz, quiz_file, directory, rules, programme_at, problems)
    area_ids = {a.id for a in areas}
    statements = _read_statements(
        _statements_dir(directory, quiz, quiz_file, problems), root, area_ids, rules, problems
    )
    parties = read_parties(directory, root, statements, programme_at, problems)
    parties = ordered_parties(parties, quiz, quiz_file, problems)

    _check_catalogue(quiz_file, areas, statements, parties, rules, quiz, problems)
    problems.extend(check_parties(parties, statements, quiz_file))
    codes: dict[bytes, str] = {}
    for party in parties:
        if (other := codes.setdefault(party.code, party.id)) != party.id:
            problems.append(
                Problem(party.file, None, f"shares its link code with {other!r}: rename one")
            )
    if any(p.level == "error" for p in problems):
        return None, problems
    catalogue = build_catalogue(
        parties,
        areas,
        statements,
        rules,
        quiz.get("weights_from"),
        "ballot" if quiz.get("party_order") == "ballot" else "alphabetical",
    )
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
    programme_at: ProgrammeLoader,
    problems: list[Problem],
) -> list[Area]:
    drafts: list[tuple[str, dict[str, str]]] = []
    typed: dict[str, Any] = {}
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
        title = texts(raw.get("title"), f"area {aid!r} title", file, None, problems)
        drafts.append((aid, title or {}))
        typed[aid] = raw.get("weight")
    if not drafts:
        problems.append(Problem(file, None, "no areas are defined"))
    max_weight = rules["max_weight"]
    if not isinstance(max_weight, int) or max_weight < 1:
        problems.append(Problem(file, None, "rules.max_weight must be a whole number, 1 or more"))
        max_weight = 1
    if quiz.get("weights_from") is None and any(w is not None for w in typed.values()):
        # A quiz of several parties: the editor sets the defaults (every area or none).
        return _typed_weights(drafts, typed, max_weight, file, problems)
    for aid, weight in typed.items():
        if weight is not None:
            problems.append(
                Problem(
                    file,
                    None,
                    f"area {aid!r}: the default weight is derived from the programme "
                    "(weights_from), not typed by hand",
                )
            )
    found = _chapter_counts(quiz.get("weights_from"), file, directory, programme_at, problems)
    if found is None:
        return [Area(aid, MappingProxyType(title), 1) for aid, title in drafts]
    counts, priorities = found
    for aid, _title in drafts:
        if aid not in counts:
            problems.append(
                Problem(file, None, f"area {aid!r} is no chapter of {quiz['weights_from']!r}")
            )
    weights = programme_weights(
        {aid: counts.get(aid, 0) for aid, _ in drafts},
        {aid: priorities.get(aid, 0) for aid, _ in drafts},
        max_weight,
    )
    return [
        Area(aid, MappingProxyType(title), weights[aid], counts.get(aid, 0), priorities.get(aid, 0))
        for aid, title in drafts
    ]


def _typed_weights(
    drafts: list[tuple[str, dict[str, str]]],
    typed: Mapping[str, Any],
    max_weight: int,
    file: str,
    problems: list[Problem],
) -> list[Area]:
    """The editor's default weights (no programme named to derive them from): whole
    numbers from 1 to max_weight, one for every area."""
    areas = []
    for aid, title in drafts:
        weight = typed.get(aid)
        if not isinstance(weight, int) or isinstance(weight, bool) or not 1 <= weight <= max_weight:
            problems.append(
                Problem(
                    file,
                    None,
                    f"area {aid!r}: weight must be a whole number from 1 to {max_weight} "
                    "(the editor sets every area's default weight, or none)",
                )
            )
            weight = 1
        areas.append(Area(aid, MappingProxyType(title), weight))
    return areas


def _chapter_counts(
    programme_id: Any,
    file: str,
    directory: Path,
    programme_at: ProgrammeLoader,
    problems: list[Problem],
) -> tuple[dict[str, int], dict[str, int]] | None:
    """Pledges and priorities per chapter of the programme the areas were made from
    (None: no programme named)."""
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
        programme = programme_at(directory / "programme" / f"{programme_id}.toml")
    except ProgrammeError as exc:
        problems.append(Problem(file, None, f"weights_from {programme_id!r}: {exc}"))
        return None
    for prio in programme.priorities:
        if not prio.chapters:
            problems.append(
                Problem(
                    file,
                    None,
                    f"weights_from {programme_id!r}: priority {prio.priority} repeats no "
                    "chapter pledge and names no chapter ([priorities] chapters in its "
                    "description): the default weights cannot count it",
                )
            )
    pledges = {
        chapter.id: sum(
            block.pledge_id is not None for section in chapter.sections for block in section.blocks
        )
        for chapter in programme.policy_chapters
    }
    return pledges, programme.priorities_per_chapter()


def _statements_dir(
    directory: Path, quiz: Mapping[str, Any], file: str, problems: list[Problem]
) -> Path:
    """Where the statement files are: beside catalogue.toml, or the folder ``statements``
    names (relative to it), so a content set of other parties can ask the same questions
    without a copy of them (examples/mange-partier asks the shipped statements)."""
    other = quiz.get("statements")
    if other is None:
        return directory
    found = (directory / str(other)).resolve()
    if not isinstance(other, str) or not (found / CONTENT_FILE).is_file():
        problems.append(Problem(file, None, f"statements {other!r} is no content folder"))
        return directory
    return found


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
        if path.name == CONTENT_FILE:
            continue
        data = read_toml(path, root, problems)
        if data is None:
            continue
        file = rel(path, root)
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
            text = texts(raw.get("text"), "text", file, sid, problems) or {}
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
                explanation = texts(raw["explanation"], "explanation", file, sid, problems)
            source = None
            if "source" in raw:
                source = texts(raw["source"], "source", file, sid, problems)
                if explanation is None:
                    problems.append(Problem(file, sid, "a source belongs to an explanation"))
            core = raw.get("core", False)
            if not isinstance(core, bool):
                problems.append(Problem(file, sid, "core must be true or false"))
                core = False
            keeps_today = raw.get("keeps_today", False)
            if not isinstance(keeps_today, bool):
                problems.append(Problem(file, sid, "keeps_today must be true or false"))
                keeps_today = False
            # one_issue = true: an editor has read the "og" and found one issue (e.g. "barn
            # og unge", "tros- og livssynssamfunn"); "og/eller" stays an error regardless.
            problems.extend(
                style_problems(file, sid, text.get("nb", ""), raw.get("one_issue") is True)
            )
            statements.append(
                Statement(
                    id=sid,
                    area=str(area),
                    text=MappingProxyType(text),
                    explanation=MappingProxyType(explanation) if explanation else None,
                    core=core,
                    file=file,
                    source=MappingProxyType(source) if source else None,
                    keeps_today=keeps_today,
                )
            )
    return statements


def _check_catalogue(
    file: str,
    areas: list[Area],
    statements: list[Statement],
    parties: list[Party],
    rules: Mapping[str, Any],
    quiz: Mapping[str, Any],
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
        problems.extend(
            binding(
                check_party(party, rules),
                made_from(party, quiz.get("weights_from")) and not party.answered_itself,
            )
        )
    for statement in statements:
        if not any(statement.id in party.positions for party in parties):
            problems.append(
                Problem(statement.file, statement.id, "no party has a position on it", "warning")
            )
