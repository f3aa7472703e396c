"""The parties: who they are, and each one's position on each statement.

``parties/<party>.toml`` holds one party: its name, short name, its programme's address,
optionally a parsed programme of ours (``programme``: pledge ids point into it), when the
party confirmed its positions, and per statement a position:

    [positions]
    rus-straff = { stance = "disagree", pledges = ["helse-8"] }            # coded by editors
    bompenger = { stance = "agree", reason.nb = "…", set_by = "party" }     # its own words
    tannhelse = { stance = "none", set_by = "party" }                       # no answer

``set_by`` and ``set_on`` may be given once for the file and per position. A position the
editors coded rests on something the voter can check: pledge ids or a source URL. A reason
is the party's own words, at most MAX_REASON characters, in any of the quiz's languages.

The order parties are shown in where scores do not decide (ties, tables, lists) is the
editor's, by a neutral rule in ``catalogue.toml``: ``party_order = "alphabetical"`` (the
default: Norwegian alphabetical order of the names) or ``"ballot"`` with ``ballot = [ids]``,
the list order on the ballot. No party is first because of its file name.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .catalogue import SET_BY, Party, Position, Statement, priorities_covered
from .files import read_toml, rel
from .languages import LANGUAGES
from .problems import Problem
from .programme import Programme, ProgrammeError
from .programme_reader import ProgrammeLoader
from .scale import ID_PATTERN, STANCE_VALUES

NO_ANSWER = "none"  # a party's stance when it chose not to answer
MAX_REASON = 500  # characters of a party's reason, per language
PARTY_ORDERS = ("alphabetical", "ballot")
MIN_ANSWERED_SHARE = 0.8  # a party that answered fewer statements is reported
MIN_SIDE = 2  # a statement on which fewer parties agree (or disagree) does not separate them


def read_parties(
    directory: Path,
    root: Path,
    statements: list[Statement],
    programme_at: ProgrammeLoader,
    problems: list[Problem],
) -> list[Party]:
    """Each party file's positions, checked against the programme it names (if any).

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
        party = _read_party(path.stem, data, file, directory, statement_ids, programme_at, problems)
        if party is not None:
            parties.append(party)
    if not parties:
        problems.append(Problem(rel(directory / "parties", root), None, "no parties are defined"))
    return parties


def _read_party(
    pid: str,
    data: dict[str, Any],
    file: str,
    directory: Path,
    statement_ids: set[str],
    programme_at: ProgrammeLoader,
    problems: list[Problem],
) -> Party | None:
    if not ID_PATTERN.match(pid):
        problems.append(Problem(file, None, f"party id {pid!r} is not a valid id"))
        return None
    programme: Programme | None = None
    if (programme_id := data.get("programme")) is not None:
        try:
            programme = programme_at(directory / "programme" / f"{programme_id}.toml")
        except ProgrammeError as exc:
            problems.append(Problem(file, None, f"programme {programme_id!r}: {exc}"))
            return None
    name = data.get("name", programme.party if programme else None)
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem(file, None, "a party needs a name"))
        return None
    short_name = data.get("short_name", "")
    programme_url = data.get("programme_url", programme.source_url if programme else None)
    for key, value in (("short_name", short_name), ("programme_url", programme_url)):
        if value is not None and not isinstance(value, str):
            problems.append(Problem(file, None, f"{key} must be text"))
            return None
    if programme_url is not None and not is_web_address(programme_url):
        problems.append(Problem(file, None, "programme_url must be an https:// or http:// address"))
    confirmed = data.get("confirmed")
    if confirmed is not None and not isinstance(confirmed, dt.date):
        problems.append(Problem(file, None, "confirmed must be a date (YYYY-MM-DD, unquoted)"))
        confirmed = None
    approved = data.get("approved", {})
    approved_hash = approved.get("hash") if isinstance(approved, dict) else None
    if approved_hash is not None and not isinstance(approved_hash, str):
        problems.append(Problem(file, None, "approved.hash must be text"))
        approved_hash = None
    defaults = {"set_by": data.get("set_by", "editors"), "set_on": data.get("set_on")}
    positions: dict[str, Position] = {}
    for sid, raw in data.get("positions", {}).items():
        if sid not in statement_ids:
            problems.append(Problem(file, sid, "position for an unknown statement"))
            continue
        position = _read_position(raw, defaults, programme, file, sid, problems)
        if position is not None:
            positions[sid] = position
    return Party(
        id=pid,
        name=name.strip(),
        programme=programme,
        positions=MappingProxyType(positions),
        file=file,
        short_name=short_name.strip(),
        programme_url=programme_url,
        confirmed=confirmed,
        approved_hash=approved_hash,
    )


def _read_position(
    raw: Any,
    defaults: Mapping[str, Any],
    programme: Programme | None,
    file: str,
    sid: str,
    problems: list[Problem],
) -> Position | None:
    if not isinstance(raw, dict):
        problems.append(Problem(file, sid, "a position is a table: { stance = … }"))
        return None
    stance = raw.get("stance")
    if stance not in STANCE_VALUES and stance != NO_ANSWER:
        problems.append(
            Problem(file, sid, f"stance {stance!r} is not agree/neutral/disagree/{NO_ANSWER}")
        )
        return None
    set_by = raw.get("set_by", defaults["set_by"])
    if set_by not in SET_BY:
        problems.append(Problem(file, sid, f"set_by {set_by!r} is not one of {', '.join(SET_BY)}"))
        return None
    set_on = raw.get("set_on", defaults["set_on"])
    if set_on is not None and not isinstance(set_on, dt.date):
        problems.append(Problem(file, sid, "set_on must be a date (YYYY-MM-DD, unquoted)"))
        set_on = None
    pledges = raw.get("pledges", [])
    if not isinstance(pledges, list) or not all(isinstance(p, str) for p in pledges):
        problems.append(Problem(file, sid, "pledges must be a list of pledge ids"))
        return None
    if pledges and programme is None:
        problems.append(Problem(file, sid, "pledge ids need the party's parsed programme"))
        return None
    bad = [p for p in pledges if programme is not None and not programme.has_pledge(p)]
    for pledge_id in bad:
        problems.append(Problem(file, sid, f"unknown pledge id {pledge_id!r}"))
    if bad:
        return None
    source_url = raw.get("source")
    if source_url is not None and not (isinstance(source_url, str) and is_web_address(source_url)):
        problems.append(Problem(file, sid, "source must be an https:// or http:// address"))
        return None
    reason = _read_reason(raw.get("reason"), file, sid, problems)
    if stance != NO_ANSWER and set_by == "editors" and not pledges and source_url is None:
        # What the editors read a stance from must be there for the voter to check.
        problems.append(
            Problem(file, sid, "a stance the editors coded needs the pledge ids or a source")
        )
        return None
    return Position(
        stance=None if stance == NO_ANSWER else stance,
        pledges=tuple(pledges),
        reason=reason,
        source_url=source_url,
        set_by=set_by,
        set_on=set_on,
    )


def _read_reason(
    value: Any, file: str, sid: str, problems: list[Problem]
) -> Mapping[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not value:
        problems.append(Problem(file, sid, "reason must be a table of texts: reason.nb = …"))
        return None
    out: dict[str, str] = {}
    for lang in LANGUAGES:  # kept in the quiz's language order: the first is the fallback
        text = value.get(lang)
        if text is None:
            continue
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(file, sid, f"reason in {lang!r} is empty"))
            continue
        if len(text.strip()) > MAX_REASON:
            problems.append(
                Problem(
                    file,
                    sid,
                    f"reason in {lang!r} is {len(text.strip())} characters, over {MAX_REASON}",
                )
            )
            continue
        out[lang] = text.strip()
    for lang in set(value) - set(LANGUAGES):
        problems.append(Problem(file, sid, f"reason has an unknown language {lang!r}"))
    return MappingProxyType(out) if out else None


def is_web_address(value: str) -> bool:
    return value.startswith(("https://", "http://")) and len(value) <= 500 and " " not in value


def name_key(name: str) -> str:
    """Norwegian alphabetical order: æ, ø, å after z (as a Norwegian reader sorts), case
    and accents (é, ü) ignored otherwise."""
    tail = {"æ": "{", "ø": "|", "å": "}"}
    plain = []
    for char in name.casefold():
        if char in tail:
            plain.append(tail[char])
            continue
        base = unicodedata.normalize("NFKD", char)[0]
        plain.append(base)
    return "".join(plain)


def ordered_parties(
    parties: list[Party], quiz: Mapping[str, Any], file: str, problems: list[Problem]
) -> list[Party]:
    """The parties in the editor's neutral display order (catalogue.toml's party_order)."""
    order = quiz.get("party_order", "alphabetical")
    if order not in PARTY_ORDERS:
        problems.append(
            Problem(file, None, f"party_order {order!r} is not one of {', '.join(PARTY_ORDERS)}")
        )
        order = "alphabetical"
    if order == "alphabetical":
        if "ballot" in quiz:
            problems.append(Problem(file, None, "ballot is given but party_order is alphabetical"))
        return sorted(parties, key=lambda p: (name_key(p.name), p.id))
    ballot = quiz.get("ballot")
    if not isinstance(ballot, list) or not all(isinstance(b, str) for b in ballot):
        problems.append(Problem(file, None, "party_order = 'ballot' needs ballot = [party ids]"))
        return parties
    known = {p.id: p for p in parties}
    for pid in ballot:
        if pid not in known:
            problems.append(Problem(file, None, f"ballot names an unknown party {pid!r}"))
    if len(set(ballot)) != len(ballot):
        problems.append(Problem(file, None, "ballot names a party twice"))
    for party in parties:
        if party.id not in ballot:
            problems.append(Problem(file, None, f"ballot does not name the party {party.id!r}"))
    return [known[pid] for pid in dict.fromkeys(ballot) if pid in known]


def check_party(party: Party, rules: Mapping[str, Any]) -> list[Problem]:
    """The rules for a quiz made from one programme, on the party's own programme: every
    chapter drawn on and most priorities covered (the caller makes them reports for a
    party the quiz was not made from: problems.binding)."""
    programme = party.programme
    if programme is None:
        return []
    problems: list[Problem] = []
    where = party.file
    cited = {pid for p in party.positions.values() for pid in p.pledges}
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
    return problems


def check_parties(
    parties: list[Party], statements: list[Statement], quiz_file: str
) -> list[Problem]:
    """Reports for a quiz of several parties (never refusals: real parties answer as they
    do). A statement on which fewer than MIN_SIDE parties agree, or fewer than MIN_SIDE
    disagree, does not separate the parties; a party that answered under 80 % of the
    statements is compared with the voter on fewer of them than the others."""
    if len(parties) < 2:
        return []
    problems: list[Problem] = []
    for statement in statements:
        stances = [pos.stance for party in parties if (pos := party.positions.get(statement.id))]
        agree, disagree = stances.count("agree"), stances.count("disagree")
        if agree < MIN_SIDE or disagree < MIN_SIDE:
            problems.append(
                Problem(
                    statement.file,
                    statement.id,
                    f"does not separate the parties: {agree} agree, {disagree} disagree "
                    f"(fewer than {MIN_SIDE} on a side)",
                    "warning",
                )
            )
    for party in parties:
        share = party.answered_count / len(statements) if statements else 1.0
        if share < MIN_ANSWERED_SHARE:
            problems.append(
                Problem(
                    party.file,
                    None,
                    f"answered {party.answered_count} of {len(statements)} statements "
                    f"({share:.0%}), under {MIN_ANSWERED_SHARE:.0%}",
                    "warning",
                )
            )
    return problems
