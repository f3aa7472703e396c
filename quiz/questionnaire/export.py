"""An approved submission as the party's content file, and where a deployed file differs
from what was approved.

The file is written by tomli_w (the standard library only reads TOML) in the format the
loader reads (quiz.content.parties): the party's name, "set_by = party" and the date on
each position, and an [approved] table with the hash of the approved positions. Any text
a party wrote round-trips exactly (tests/questionnaire/test_export.py: \"\"\", newlines,
]], quotes, control characters). Invisible direction marks (bidi controls) are written as
\\u escapes, so a reviewer reading the file in git sees them instead of text that reads in
another order than it is stored.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import tomli_w

from ..content.catalogue import Catalogue, Party
from ..content.languages import LANGUAGES
from ..scoring.class_picture import spreadsheet_cell
from .answers import Answer, position_published, positions_hash
from .models import RoundParty, aware
from .service import approved_submission

# Bidi controls and marks (Unicode's Bidi_Control, and the invisible marks): valid inside a
# TOML string, but they make a line read in another order than it is stored.
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class PartyMeta:
    """Who the file is for: the round's party, and the programme id where one is loaded."""

    slug: str
    name: str
    short_name: str = ""
    programme_url: str | None = None
    programme: str | None = None


def local_date(moment: str | dt.datetime, zone: dt.tzinfo) -> dt.date:
    when = dt.datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(zone).date()


def party_document(
    meta: PartyMeta,
    answers: Mapping[str, Mapping[str, Any]],
    submitted_at: dt.datetime,
    approved_on: dt.date,
    number: int,
    zone: dt.tzinfo,
) -> dict[str, Any]:
    """The file's content as a TOML document (before writing): answers is a frozen
    submission (statement id -> record), in the statements' order."""
    document: dict[str, Any] = {"name": meta.name}
    if meta.short_name:
        document["short_name"] = meta.short_name
    if meta.programme_url:
        document["programme_url"] = meta.programme_url
    if meta.programme:
        document["programme"] = meta.programme
    submitted = local_date(submitted_at, zone)
    document |= {"confirmed": submitted, "set_by": "party", "set_on": submitted}
    published = {sid: Answer.from_record(record).published() for sid, record in answers.items()}
    document["approved"] = {
        "on": approved_on,
        "submission": number,
        "hash": positions_hash(published),
    }
    positions: dict[str, Any] = {}
    for sid, record in answers.items():
        answer = published[sid]
        position: dict[str, Any] = {"stance": answer["stance"]}
        if answer["reason"]:
            position["reason"] = answer["reason"]
        if answer["pledges"]:
            position["pledges"] = answer["pledges"]
        if answer["source"]:
            position["source"] = answer["source"]
        if record.get("set_on"):
            position["set_on"] = local_date(record["set_on"], zone)
        positions[sid] = position
    document["positions"] = positions
    return document


def write_toml(document: Mapping[str, Any], header: str) -> str:
    """The document as TOML text, bidi controls escaped, under a comment header."""
    text = tomli_w.dumps(document)
    # tomli_w writes every string as a basic string ("…"), where \uXXXX is an escape; no
    # key or comment of ours holds these characters, so each one found is in a string.
    text = BIDI.sub(lambda m: f"\\u{ord(m.group()):04X}", text)
    comments = "".join(f"# {line}\n".replace("# \n", "#\n") for line in header.splitlines())
    return comments + text


def file_name(slug: str) -> str:
    return f"{slug}.toml"


@dataclass(frozen=True)
class Deployed:
    """How the deployed content file compares with the approved answers: absent (no file
    for the party), same, or the statements where it differs (added, dropped or changed),
    and whether the file's recorded hash is the approved one."""

    present: bool
    differing: tuple[str, ...] = ()
    hash_matches: bool = False

    @property
    def same(self) -> bool:
        return self.present and not self.differing and self.hash_matches


def deployed_state(approved: Mapping[str, Mapping[str, Any]], party: Party | None) -> Deployed:
    """Compare the approved submission (statement id -> record) with the party as the app
    loaded it from its file."""
    if party is None:
        return Deployed(present=False)
    wanted = {sid: Answer.from_record(r).published() for sid, r in approved.items()}
    found = {sid: position_published(p) for sid, p in party.positions.items()}
    differing = tuple(
        sid for sid in dict.fromkeys([*wanted, *found]) if wanted.get(sid) != found.get(sid)
    )
    return Deployed(
        present=True,
        differing=differing,
        hash_matches=party.approved_hash == positions_hash(wanted),
    )


HEADER = """{name}: positions answered by the party itself in the questionnaire.
Submission {number}, approved by the editor on {approved}. Exported from the questionnaire;
an edit by hand shows in the editor's overview as a difference from what was approved."""


def programme_of(catalogue: Catalogue, slug: str) -> str | None:
    """The id of the party's parsed programme in the content, where it has one: the file
    names it, so its pledge ids are checked against it."""
    if catalogue.has_party(slug):
        programme = catalogue.party(slug).programme
        if programme is not None:
            return programme.id
    return None


def approved_file(
    party: RoundParty, catalogue: Catalogue, zone: dt.tzinfo
) -> tuple[str, str] | None:
    """(file name, TOML text) of the party's approved submission; None if none approved.
    The catalogue says which programme the party's pledges are in, if any."""
    submission = approved_submission(party)
    if submission is None or party.approved_at is None:
        return None
    approved_on = local_date(aware(party.approved_at) or party.approved_at, zone)
    meta = PartyMeta(
        slug=party.slug,
        name=party.name,
        short_name=party.short_name,
        programme_url=party.programme_url,
        programme=programme_of(catalogue, party.slug),
    )
    document = party_document(
        meta, submission.answers, submission.submitted_at, approved_on, submission.number, zone
    )
    header = HEADER.format(name=party.name, number=submission.number, approved=approved_on)
    return file_name(party.slug), write_toml(document, header)


def answers_csv(
    rows: Sequence[tuple[str, str, Mapping[str, Any] | None, str | None]],
    headers: Sequence[str],
    stance_label: Callable[[str | None], str],
) -> str:
    """The party's answers for a spreadsheet: one row per statement (id, text, the party's
    stance, reasons nb/nn/en, pledges, source, comment, the editors' stance). Semicolons
    and a byte-order mark as the school download; every cell through spreadsheet_cell, so
    a reason starting with = is text, never a formula."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([spreadsheet_cell(h) for h in headers])
    for sid, text, record, coded in rows:
        answer = Answer.from_record(record) if record else Answer(stance=None)
        cells = [
            sid,
            text,
            stance_label(answer.stance),
            *(answer.reason.get(lang, "") for lang in LANGUAGES),
            " ".join(answer.pledges),
            answer.source or "",
            answer.comment or "",
            stance_label(coded) if coded else "",
        ]
        writer.writerow([spreadsheet_cell(c) for c in cells])
    return out.getvalue()
