"""How much each area and each statement weighs by default. Pure Python, free of Flask.

An area stands for one chapter of the programme the quiz was made from. Its default
weight follows what that programme puts weight on: how long the chapter is and how many
of the party's own priorities (the "11 grunner") it holds.

    emphasis e = n / N + p / P

where n is the chapter's pledges and N all chapter pledges, p the priorities it holds and
P all priorities: its share of what the party wrote plus its share of what the party
ranks highest, each counted once. Then

    an area holding no priority:  weight 1
    an area holding priorities:   weight 1 + ceil((max_weight − 1) × e / e_max)

with e_max the largest emphasis among the areas holding priorities (a long chapter
without one, which weighs 1 anyway, must not press the others down). Why this rule
(editorial review 2):

- the party ranks its priorities above the rest of its programme, so every area holding
  one weighs more than every area holding none, however long the chapters are (the
  former rule, pledges alone, left priority no. 1 in a weight-1 area);
- among the areas with priorities, both length and priorities count: a long chapter
  with one priority can weigh as much as a short one with several;
- the voter sets weights on the same 0..max_weight scale, so the defaults are whole
  steps of it, readable as "vanlig", "viktig", "svært viktig";
- it is monotone in both inputs: more pledges or more priorities never weigh less.

A programme without priorities keeps the chapter-length rule (``chapter_weights``).
Exact fractions throughout, so 2 × 1/2 is exactly 1 and no float rounds up by error.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from fractions import Fraction


def chapter_weights(pledge_counts: Mapping[str, int], max_weight: int) -> dict[str, int]:
    """Default weight per chapter id from its number of pledges alone:
    ceil(max_weight × n / n_max), at least 1. For programmes without priorities.

    >>> chapter_weights({"big": 44, "mid": 26, "small": 3}, 3)
    {'big': 3, 'mid': 2, 'small': 1}
    """
    if max_weight < 1:
        raise ValueError("max_weight must be at least 1")
    largest = max(pledge_counts.values(), default=0)
    if largest <= 0:
        return dict.fromkeys(pledge_counts, 1)
    # Integer ceiling division, so 3 × 44 / 44 is exactly 3 and no float rounds up by error.
    return {
        chapter: max(1, -(-max_weight * count // largest))
        for chapter, count in pledge_counts.items()
    }


def emphasis(
    pledge_counts: Mapping[str, int], priority_counts: Mapping[str, int]
) -> dict[str, Fraction]:
    """e = n / N + p / P per chapter (a term is 0 where its total is 0).

    >>> emphasis({"a": 3, "b": 1}, {"a": 0, "b": 1})
    {'a': Fraction(3, 4), 'b': Fraction(5, 4)}
    """
    pledges = sum(pledge_counts.values())
    priorities = sum(priority_counts.get(c, 0) for c in pledge_counts)
    return {
        chapter: (Fraction(n, pledges) if pledges else Fraction(0))
        + (Fraction(priority_counts.get(chapter, 0), priorities) if priorities else Fraction(0))
        for chapter, n in pledge_counts.items()
    }


def steps_above_one(
    pledge_counts: Mapping[str, int], priority_counts: Mapping[str, int], max_weight: int
) -> dict[str, Fraction]:
    """(max_weight − 1) × e / e_max for each area holding priorities, 0 for the others: the
    part of the weight above 1, before rounding up (the method page shows it).

    >>> steps_above_one({"a": 1, "b": 1, "c": 2}, {"a": 1, "b": 1}, 3)
    {'a': Fraction(2, 1), 'b': Fraction(2, 1), 'c': Fraction(0, 1)}
    """
    found = emphasis(pledge_counts, priority_counts)
    held = [found[c] for c in pledge_counts if priority_counts.get(c, 0)]
    top = max(held, default=Fraction(0))
    return {
        chapter: (max_weight - 1) * found[chapter] / top
        if top and priority_counts.get(chapter, 0)
        else Fraction(0)
        for chapter in pledge_counts
    }


def programme_weights(
    pledge_counts: Mapping[str, int], priority_counts: Mapping[str, int], max_weight: int
) -> dict[str, int]:
    """Default weight per chapter from its pledges and the priorities it holds.

    >>> programme_weights({"long": 40, "short": 4, "none": 11}, {"long": 1, "short": 1}, 3)
    {'long': 3, 'short': 2, 'none': 1}
    >>> programme_weights({"huge": 90, "a": 5}, {"a": 1}, 3)  # e_max among priority areas
    {'huge': 1, 'a': 3}
    """
    if max_weight < 1:
        raise ValueError("max_weight must be at least 1")
    if not any(priority_counts.get(c, 0) for c in pledge_counts):
        return chapter_weights(pledge_counts, max_weight)
    steps = steps_above_one(pledge_counts, priority_counts, max_weight)
    return {chapter: 1 + math.ceil(steps[chapter]) for chapter in pledge_counts}


def statement_shares(
    areas_of_statements: Iterable[tuple[str, str]], area_weights: Mapping[str, float]
) -> dict[str, float]:
    """The largest share of the overall score each statement can decide.

    areas_of_statements: (statement id, area id) for the statements of one quiz (the
    short or the full one). A voter who answers all of them, marks none as important
    and keeps the default weights gets an overall score in which a statement of area a
    counts w_a / W / n_a, where W is the sum of the weights of the areas that have
    statements and n_a the number of statements in area a. Skipped answers make the
    remaining ones count more; this is the share when nothing is skipped.
    """
    pairs = list(areas_of_statements)
    per_area = Counter(area for _sid, area in pairs)
    total = sum(area_weights.get(area, 0.0) for area in per_area)
    if total <= 0:
        return {sid: 0.0 for sid, _area in pairs}
    return {sid: area_weights.get(area, 0.0) / total / per_area[area] for sid, area in pairs}
