"""A party's answer to one statement, as the questionnaire takes it: checked, completed,
frozen and hashed. Pure functions, no database, no Flask.

The rules are the content files' rules (quiz.content.parties), so whatever the
questionnaire accepts the loader reads: the same stances, MAX_REASON characters per
language after trimming, sources that are http or https addresses, pledge ids of the
party's own programme. A reason in nb is required to submit a stance; nn and en are
optional. Nothing here is ever fetched or interpreted as markup: it is text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..content.catalogue import Position, Statement
from ..content.languages import LANGUAGES
from ..content.parties import MAX_REASON, NO_ANSWER, is_web_address
from ..content.programme import Programme
from ..content.scale import STANCE_VALUES

STANCES = (*STANCE_VALUES, NO_ANSWER)  # agree, neutral, disagree, or no answer
REQUIRED_LANGUAGE = "nb"  # the reason every stance needs; nn and en are optional
MAX_COMMENT = 1000  # characters of a comment on a statement's wording
MAX_SOURCE = 500  # as the loader's is_web_address
MAX_PLEDGES = 20


def clean(text: str | None) -> str:
    """A text as kept: line ends made \\n, trimmed (the loader trims reasons too, so the
    count the party sees is the count the file is checked by)."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


@dataclass(frozen=True)
class Answer:
    """stance None: not chosen yet (a draft may be saved without one)."""

    stance: str | None
    reason: Mapping[str, str] = field(default_factory=dict)  # language -> text, none empty
    pledges: tuple[str, ...] = ()
    source: str | None = None
    comment: str | None = None

    @classmethod
    def typed(
        cls,
        stance: str | None,
        reasons: Mapping[str, str | None],
        pledges: Iterable[str] = (),
        source: str | None = None,
        comment: str | None = None,
    ) -> Answer:
        """What the form sent, cleaned: empty texts dropped, repeated pledges kept once."""
        return cls(
            stance=stance or None,
            reason={
                lang: clean(reasons.get(lang)) for lang in LANGUAGES if clean(reasons.get(lang))
            },
            pledges=tuple(dict.fromkeys(p for p in pledges if p)),
            source=clean(source) or None,
            comment=clean(comment) or None,
        )

    def record(self) -> dict[str, Any]:
        """As stored (JSON): what from_record reads back."""
        return {
            "stance": self.stance,
            "reason": dict(self.reason),
            "pledges": list(self.pledges),
            "source": self.source,
            "comment": self.comment,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Answer:
        return cls(
            stance=record.get("stance"),
            reason=dict(record.get("reason") or {}),
            pledges=tuple(record.get("pledges") or ()),
            source=record.get("source"),
            comment=record.get("comment"),
        )

    def published(self) -> dict[str, Any]:
        """The part that becomes the party's position (the comment is for the editor)."""
        return {
            "stance": self.stance or NO_ANSWER,
            "reason": dict(sorted(self.reason.items())),
            "pledges": list(self.pledges),
            "source": self.source,
        }


@dataclass(frozen=True)
class FieldProblem:
    """Why a field was refused: code "too-long" (count and limit given), "stance",
    "source", "pledge"."""

    field: str
    code: str
    count: int | None = None
    limit: int | None = None


def problems(answer: Answer, programme: Programme | None) -> list[FieldProblem]:
    """What must change before the answer can be saved, field by field. A missing stance
    or reason is no problem for a draft (missing() says what submitting needs)."""
    found: list[FieldProblem] = []
    if answer.stance is not None and answer.stance not in STANCES:
        found.append(FieldProblem("stance", "stance"))
    for lang, text in answer.reason.items():
        if len(text) > MAX_REASON:
            found.append(FieldProblem(f"reason_{lang}", "too-long", len(text), MAX_REASON))
    if answer.comment and len(answer.comment) > MAX_COMMENT:
        found.append(FieldProblem("comment", "too-long", len(answer.comment), MAX_COMMENT))
    if answer.source is not None and not is_source(answer.source):
        found.append(FieldProblem("source", "source"))
    if len(answer.pledges) > MAX_PLEDGES or any(
        programme is None or not programme.has_pledge(p) for p in answer.pledges
    ):
        found.append(FieldProblem("pledges", "pledge"))
    return found


def is_source(address: str) -> bool:
    """An http or https address with a host, as the loader takes it. Never fetched: the
    server has no reason to visit what a party links to, and must not be made to."""
    if not is_web_address(address):
        return False
    try:
        parts = urlsplit(address)
    except ValueError:
        return False
    return bool(parts.hostname) and not any(ord(c) < 33 or ord(c) == 127 for c in address)


def missing(answer: Answer | None) -> str | None:
    """What an answer lacks to be submitted: "stance", "reason" (a stance without a reason
    in nb), or None when complete. *No answer* needs no reason."""
    if answer is None or answer.stance is None:
        return "stance"
    if answer.stance != NO_ANSWER and REQUIRED_LANGUAGE not in answer.reason:
        return "reason"
    return None


def statement_fingerprint(statement: Statement) -> str:
    """What the party answered: the statement's text in every language. An editor who
    changes it during the round changes this, and the party is asked again."""
    text = json.dumps(dict(sorted(statement.text.items())), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def positions_hash(published: Mapping[str, Mapping[str, Any]]) -> str:
    """One hash of a party's positions (statement id -> Answer.published()), the same
    whether read from what was approved or from the deployed file (position_published)."""
    canonical = json.dumps(
        {sid: published[sid] for sid in sorted(published)},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


def position_published(position: Position) -> dict[str, Any]:
    """A deployed position (as the loader read it) in the shape of Answer.published()."""
    return {
        "stance": position.stance or NO_ANSWER,
        "reason": dict(sorted((position.reason or {}).items())),
        "pledges": list(position.pledges),
        "source": position.source_url,
    }
