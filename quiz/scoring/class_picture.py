"""A class's anonymous picture: scores and answer counts over its responses. No Flask.

Everything comes from one vectorised call of the matching over the responses. The rule
that keeps a single student's answers from being read off the numbers, by anyone the
design defends (docs/school-sessions.md):

- Responses are released in sealed blocks of BLOCK_SIZE. A block is sealed when a group
  (or, without groups, the session) has BLOCK_SIZE responses waiting that were given under
  the same content; once sealed it never changes, and every response is in one block at
  most. A group's picture is its sealed blocks; the whole session's is every sealed block.
- So every picture, and any difference or sum of pictures taken at any times, is a sum
  over whole blocks: nothing finer than one block's total can be computed from them.
- A block holds BLOCK_SIZE = MIN_RESPONSES + SEATS_PER_STUDENT responses: a student who
  knows their own answer (the one seat they hold) still meets MIN_RESPONSES (k = 5) answers
  of others in every block.
- Each statement is counted over the responses that were asked it; a block holds one
  content only, so that too is a sum over whole blocks.
- With several parties, each party's count of students who matched it best (ties count
  for every party tied at the top) is shown from MIN_RESPONSES up, "under 5" below; and
  none is shown when every student of the picture matched the same party, since that
  would say which party each of them matched.

What this costs: up to BLOCK_SIZE - 1 responses of each group wait unseen until their
block fills, and the page says how many wait.
"""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from ..content.catalogue import Catalogue, Party, Statement
from ..content.scale import STANCE_VALUES, STANCES
from ..voter.answers import Answers
from .matching import percent
from .ranking import best_matches
from .voters import arrays, score_arrays

MIN_RESPONSES = 5  # k: the others' answers every released number rests on, at least
SEATS_PER_STUDENT = 1  # the responses one student can send in a session with seats
BLOCK_SIZE = MIN_RESPONSES + SEATS_PER_STUDENT  # 6: responses released together
COUNTED = (*STANCES, "skip")  # the columns of a distribution: skip includes unanswered
# Characters a spreadsheet reads as the start of a formula (OWASP, "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Received:
    """One stored response as the picture sees it."""

    group: Hashable  # the group's key; None without groups
    block: int | None  # the sealed block it is released in; None while it waits
    answers: Answers
    # The statements it was asked; None where that was not kept (responses from before
    # content changes were tracked: the statements of its mode, as they stand).
    asked: frozenset[str] | None = None

    def was_asked(self, statement_id: str) -> bool:
        return self.asked is None or statement_id in self.asked


@dataclass(frozen=True)
class Distribution:
    statement: Statement
    counts: dict[str, int]  # agree, neutral, disagree, skip (skip includes unanswered)
    important: int  # how many marked the statement as important to them
    stance: str | None  # the only party's answer (one party); None: no position or several
    divisiveness: float  # variance of the answers given, -1..1 scale; 0 = all alike
    basis: int  # responses that were asked this statement (sealed ones)
    stances: tuple[tuple[Party, str | None], ...] = ()  # every party's, in the neutral order


@dataclass(frozen=True)
class BestMatch:
    party: Party
    count: int | None  # students who matched it best; None: under MIN_RESPONSES


@dataclass(frozen=True)
class ClassPicture:
    count: int  # responses received
    basis: int  # responses the numbers are drawn from: 0, or whole blocks
    overall: float | None
    areas: dict[str, float | None]
    distributions: tuple[Distribution, ...]
    most_divisive: tuple[Distribution, ...]
    # The statements changed during the session: some responses were asked other ones.
    content_changed: bool = False
    # Several parties: how many matched each party best, in the neutral order; empty with
    # one party, and when all of them matched one party (best_hidden).
    best: tuple[BestMatch, ...] = ()
    best_hidden: bool = False

    @property
    def shown(self) -> bool:
        return self.basis > 0

    @property
    def waiting(self) -> int:
        """Responses received but not yet in a sealed block."""
        return self.count - self.basis


def _hidden(count: int) -> ClassPicture:
    return ClassPicture(count, 0, None, {}, (), ())


def _stance(party: Party, statement: Statement) -> str | None:
    position = party.positions.get(statement.id)
    return position.stance if position else None


def best_match_counts(
    parties: Sequence[Party], overall: np.ndarray
) -> tuple[tuple[BestMatch, ...], bool]:
    """Per party, how many voters (rows of overall, V × P) matched it best, by the rule in
    the module's docstring: (counts, hidden). Hidden: every voter matched one party.

    With 6 voters of whom 6 match A best (one also ties with B), A's count would be 6 of
    6: hidden. With 7 of whom 5 match A and 2 match B: A 5, B None ("under 5").
    """
    matches = best_matches(overall)
    counts = matches.sum(axis=0).tolist()
    voters = int(matches.any(axis=1).sum())
    if voters and max(counts) == voters:
        return (), True
    return tuple(
        BestMatch(party, int(n) if n >= MIN_RESPONSES else None)
        for party, n in zip(parties, counts, strict=True)
    ), False


def class_picture(
    catalogue: Catalogue,
    statements: tuple[Statement, ...],
    responses: Sequence[Received],
    count: int | None = None,
) -> ClassPicture:
    """The picture of the given responses, all of them (the caller chose sealed ones).

    count is how many were received, for the page to say; it defaults to len(responses).
    None given: a hidden picture.
    """
    received = len(responses) if count is None else count
    basis = len(responses)
    if basis == 0:
        return _hidden(received)
    # Class averages use the catalogue's area weights: a student's own weights stay theirs.
    plain = [Answers(r.answers.mode, r.answers.given, r.answers.important) for r in responses]
    inputs = arrays(catalogue, plain)
    scores = score_arrays(catalogue, inputs)
    party = 0  # one party: its programme is what the quiz is of; several: best below
    with warnings.catch_warnings():
        # The mean of an all-NaN column is NaN, which is what "not enough answers" is.
        warnings.simplefilter("ignore", RuntimeWarning)
        overall = np.nanmean(scores.overall[:, party])
        areas = np.nanmean(scores.area[:, party, :], axis=0)

    values = inputs["answers"]  # (V, S): -1, 0, 1, NaN
    current = {s.id for s in statements}
    changed = any(r.asked is not None and r.asked != current for r in responses)
    distributions = []
    for statement in statements:
        had = np.array([r.was_asked(statement.id) for r in responses])
        column = values[had, catalogue.statement_index(statement.id)]
        answered = column[~np.isnan(column)]
        counts = {stance: int(np.sum(answered == STANCE_VALUES[stance])) for stance in STANCES}
        counts["skip"] = int(had.sum() - answered.size)
        marked = sum(statement.id in r.important for r, h in zip(plain, had, strict=True) if h)
        spread = float(np.var(answered)) if answered.size else 0.0
        only = catalogue.only_party
        distributions.append(
            Distribution(
                statement,
                counts,
                marked,
                _stance(only, statement) if only else None,
                spread,
                int(had.sum()),
                tuple((p, _stance(p, statement)) for p in catalogue.parties)
                if catalogue.several
                else (),
            )
        )
    best, best_hidden = (
        best_match_counts(catalogue.parties, scores.overall) if catalogue.several else ((), False)
    )
    ranked = sorted(distributions, key=lambda d: -d.divisiveness)
    return ClassPicture(
        count=received,
        basis=basis,
        overall=percent(overall),
        areas={a.id: percent(areas[k]) for k, a in enumerate(catalogue.areas)},
        distributions=tuple(distributions),
        most_divisive=tuple(d for d in ranked[:3] if d.divisiveness > 0),
        content_changed=changed,
        best=best,
        best_hidden=best_hidden,
    )


@dataclass(frozen=True)
class GroupPicture:
    key: Hashable
    name: str
    picture: ClassPicture


@dataclass(frozen=True)
class SessionPicture:
    whole: ClassPicture
    groups: tuple[GroupPicture, ...]  # in the teacher's order; empty without groups

    def of_group(self, key: Hashable) -> SessionPicture:
        """One group's own view (its own classroom's projector): its picture alone, drawn
        from its sealed blocks by the same rule."""
        own = next(p for p in self.groups if p.key == key)
        return SessionPicture(own.picture, ())

    def named(self, whole_name: str) -> list[tuple[str, ClassPicture]]:
        """The whole and each group, named, in order (the download's rows)."""
        return [(whole_name, self.whole), *((g.name, g.picture) for g in self.groups)]


def session_picture(
    catalogue: Catalogue,
    statements: tuple[Statement, ...],
    responses: Sequence[Received],
    groups: Sequence[tuple[Hashable, str]] = (),
) -> SessionPicture:
    """The whole session and each group: their sealed blocks, by the module's rule.

    groups are (key, name) in the order to show them; without groups the keys are ignored.
    """
    sealed = [r for r in responses if r.block is not None]
    whole = class_picture(catalogue, statements, sealed, len(responses))
    pictures = tuple(
        GroupPicture(
            key,
            name,
            class_picture(
                catalogue,
                statements,
                [r for r in sealed if r.group == key],
                sum(1 for r in responses if r.group == key),
            ),
        )
        for key, name in groups
    )
    return SessionPicture(whole, pictures)


def spreadsheet_cell(value: object) -> object:
    """A cell as a spreadsheet may read it: text that would start a formula (=, +, -, @,
    tab, carriage return) gets a leading apostrophe, so Excel shows it as text (OWASP).
    Numbers are left as numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def picture_csv(
    rows: Sequence[tuple[str, ClassPicture]],
    headers: Sequence[str],
    stance_label: Callable[[str | None], str],
    lang: str,
) -> str:
    """Answer counts per statement for each shown picture: aggregates, never a student's row.

    One row per (group, statement). Semicolons and a UTF-8 byte-order mark, because that
    is what Excel in a Norwegian locale opens into columns with "ø" intact (a comma is the
    decimal sign there); LibreOffice and Python's csv read it too. headers name the
    columns in the reader's language: group, statement id, text, the four counts,
    important, each party's stance, responses behind the numbers (those asked the statement).
    Every cell goes through spreadsheet_cell: group names are the teacher's own text.
    """
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([spreadsheet_cell(h) for h in headers])
    for label, picture in rows:
        if not picture.shown:
            continue
        for row in picture.distributions:
            stances = [s for _p, s in row.stances] if row.stances else [row.stance]
            cells = [
                label,
                row.statement.id,
                row.statement.text[lang],
                *(row.counts[k] for k in COUNTED),
                row.important,
                *(stance_label(s) for s in stances),
                row.basis,
            ]
            writer.writerow([spreadsheet_cell(cell) for cell in cells])
    return out.getvalue()
