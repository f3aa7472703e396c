"""A class's anonymous picture: scores and answer counts over its responses. No Flask.

Everything comes from one vectorised call of the matching over the responses. Two rules keep
a single student's answers from being read off the numbers (k-anonymity with k = 5, and
arithmetic cannot undo it):

- A picture is drawn from the first responses in steps of MIN_RESPONSES: with 12 responses
  it shows the first 10, so the numbers change only when five more have arrived and no
  one can watch one student's answers land on a live projector. Below 5 it shows nothing.
- With groups (10A, 10B, …) each group follows that rule on its own. The whole session's
  picture is what the shown groups hold, plus the other answers (the groups below 5, the
  shown groups' latest 1 to 4) in steps of 5 of their own. So "whole minus the shown
  groups" is always none or at least five answers. While one to four answers are outside
  the shown groups, the whole is withheld: it would be the shown groups again, labelled
  as everyone, and set beside them it would point at the answers left out (6 students
  in groups of 5 and 1 show the 5, and neither the 1 nor the whole).

What stepping does not cover: a picture keeps changing as answers arrive, and between two
snapshots the whole can trade one held-back answer for another when a group reaches its
next step of 5; the difference then mixes answers of different students, never one
student's answers alone. A student's own group never shows fewer than five.
"""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from ..content.catalogue import Catalogue, Statement
from ..content.scale import STANCE_VALUES, STANCES
from .answers import Answers
from .matching import percent
from .voters import arrays, score_arrays

MIN_RESPONSES = 5  # k, and the step the picture moves in
COUNTED = (*STANCES, "skip")  # the columns of a distribution: skip includes unanswered


def shown_count(received: int) -> int:
    """How many responses a picture may draw on: the last multiple of MIN_RESPONSES.

    0-4 -> 0 (nothing shown), 5-9 -> 5, 12 -> 10, 150 -> 150.
    """
    return received - received % MIN_RESPONSES


@dataclass(frozen=True)
class Distribution:
    statement: Statement
    counts: dict[str, int]  # agree, neutral, disagree, skip (skip includes unanswered)
    important: int  # how many marked the statement as important to them
    stance: str | None  # the party's own answer; None where it has no position
    divisiveness: float  # variance of the answers given, -1..1 scale; 0 = all alike


@dataclass(frozen=True)
class ClassPicture:
    count: int  # responses received
    basis: int  # responses the numbers are drawn from: 0, or a multiple of MIN_RESPONSES
    overall: float | None
    areas: dict[str, float | None]
    distributions: tuple[Distribution, ...]
    most_divisive: tuple[Distribution, ...]

    @property
    def shown(self) -> bool:
        return self.basis > 0


def _hidden(count: int) -> ClassPicture:
    return ClassPicture(count, 0, None, {}, (), ())


def _stance_of(catalogue: Catalogue, statement: Statement) -> str | None:
    position = catalogue.primary_party.positions.get(statement.id)
    return position.stance if position else None


def class_picture(
    catalogue: Catalogue,
    statements: tuple[Statement, ...],
    responses: Sequence[Answers],
    count: int | None = None,
) -> ClassPicture:
    """The picture of the given responses, all of them (the caller has stepped them).

    count is how many were received, for the page to say; it defaults to len(responses).
    Fewer than MIN_RESPONSES give a hidden picture.
    """
    received = len(responses) if count is None else count
    basis = len(responses)
    if basis < MIN_RESPONSES:
        return _hidden(received)
    # Class averages use the catalogue's area weights: a student's own weights stay theirs.
    plain = [Answers(r.mode, r.given, r.important) for r in responses]
    inputs = arrays(catalogue, plain)
    scores = score_arrays(catalogue, inputs)
    party = catalogue.parties.index(catalogue.primary_party)  # the programme the quiz is of
    with warnings.catch_warnings():
        # The mean of an all-NaN column is NaN, which is what "not enough answers" is.
        warnings.simplefilter("ignore", RuntimeWarning)
        overall = np.nanmean(scores.overall[:, party])
        areas = np.nanmean(scores.area[:, party, :], axis=0)

    values = inputs["answers"]  # (V, S): -1, 0, 1, NaN
    distributions = []
    for statement in statements:
        column = values[:, catalogue.statement_index(statement.id)]
        answered = column[~np.isnan(column)]
        counts = {stance: int(np.sum(answered == STANCE_VALUES[stance])) for stance in STANCES}
        counts["skip"] = int(basis - answered.size)
        marked = sum(statement.id in r.important for r in plain)
        spread = float(np.var(answered)) if answered.size else 0.0
        stance = _stance_of(catalogue, statement)
        distributions.append(Distribution(statement, counts, marked, stance, spread))
    ranked = sorted(distributions, key=lambda d: -d.divisiveness)
    return ClassPicture(
        count=received,
        basis=basis,
        overall=percent(overall),
        areas={a.id: percent(areas[k]) for k, a in enumerate(catalogue.areas)},
        distributions=tuple(distributions),
        most_divisive=tuple(d for d in ranked[:3] if d.divisiveness > 0),
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
    whole_held_back: bool  # True when 1-4 answers outside the shown groups withhold it


def session_picture(
    catalogue: Catalogue,
    statements: tuple[Statement, ...],
    responses: Sequence[tuple[Hashable, Answers]],
    groups: Sequence[tuple[Hashable, str]] = (),
) -> SessionPicture:
    """The whole session and each group, by the rules in the module docstring.

    responses are (group key, answers) in the order they arrived; groups are (key, name)
    in the order to show them. Without groups the keys are ignored.
    """
    if not groups:
        everyone = [answers for _key, answers in responses]
        whole = class_picture(
            catalogue, statements, everyone[: shown_count(len(everyone))], len(everyone)
        )
        return SessionPicture(whole, (), False)

    # Positions in arrival order, per group; a group shows its first shown_count of them.
    by_group: dict[Hashable, list[int]] = {}
    for n, (key, _answers) in enumerate(responses):
        by_group.setdefault(key, []).append(n)
    shown_sets = {key: rows[: shown_count(len(rows))] for key, rows in by_group.items()}

    def answers_at(positions: Sequence[int]) -> list[Answers]:
        return [responses[n][1] for n in positions]

    pictures = tuple(
        GroupPicture(
            key,
            name,
            class_picture(
                catalogue,
                statements,
                answers_at(shown_sets.get(key, [])),
                len(by_group.get(key, [])),
            ),
        )
        for key, name in groups
    )
    # Everything outside the shown groups' pictures: the groups below 5, the shown groups'
    # latest 1-4, and answers in a bucket the teacher did not name. In arrival order.
    named = {key for key, _name in groups}
    inside = sorted(n for key, rows in shown_sets.items() if key in named for n in rows)
    taken = set(inside)
    outside = [n for n in range(len(responses)) if n not in taken]
    held_back = 0 < len(outside) < MIN_RESPONSES
    total = len(responses)
    if held_back:
        whole = _hidden(total)
    else:
        drawn = inside + outside[: shown_count(len(outside))]
        whole = class_picture(catalogue, statements, answers_at(drawn), total)
    return SessionPicture(whole, pictures, held_back)


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
    important, the party's stance, responses behind the numbers.
    """
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for label, picture in rows:
        if not picture.shown:
            continue
        for row in picture.distributions:
            writer.writerow(
                [
                    label,
                    row.statement.id,
                    row.statement.text[lang],
                    *(row.counts[k] for k in COUNTED),
                    row.important,
                    stance_label(row.stance),
                    picture.basis,
                ]
            )
    return out.getvalue()
