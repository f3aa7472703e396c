"""Each party's positions: a stance on a statement, justified by pledge ids of its programme."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .catalogue import Party, Position, Statement, priorities_covered
from .files import read_toml, rel
from .problems import Problem
from .programme import ProgrammeError
from .programme_reader import ProgrammeLoader
from .scale import ID_PATTERN, STANCE_VALUES


def read_parties(
    directory: Path,
    root: Path,
    statements: list[Statement],
    programme_at: ProgrammeLoader,
    problems: list[Problem],
) -> list[Party]:
    """Each party file's positions, checked against the programme it names.

    ``programme_at`` parses a programme description; the loader passes a cached one
    so a programme the areas were weighed from is not parsed again.
    """
    statement_ids = {s.id for s in statements}
    parties: list[Party] = []
    for path in sorted((directory / "parties").glob("*.toml")):
        file = rel(path, root)
        data = read_toml(path, root, problems)
        if data is None:
            continue
        pid = path.stem
        if not ID_PATTERN.match(pid):
            problems.append(Problem(file, None, f"party id {pid!r} is not a valid id"))
            continue
        programme_id = data.get("programme")
        description = directory / "programme" / f"{programme_id}.toml"
        try:
            programme = programme_at(description)
        except ProgrammeError as exc:
            problems.append(Problem(file, None, f"programme {programme_id!r}: {exc}"))
            continue
        positions: dict[str, Position] = {}
        for sid, raw in data.get("positions", {}).items():
            if sid not in statement_ids:
                problems.append(Problem(file, sid, "position for an unknown statement"))
                continue
            stance = raw.get("stance") if isinstance(raw, dict) else None
            if stance not in STANCE_VALUES:
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
        problems.append(Problem(rel(directory / "parties", root), None, "no parties are defined"))
    return parties


def check_party(party: Party, rules: Mapping[str, Any], problems: list[Problem]) -> None:
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
