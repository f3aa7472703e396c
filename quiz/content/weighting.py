"""How much each area and each statement weighs by default. Pure Python, free of Flask.

An area stands for one chapter of the programme the quiz was made from. Its default
weight follows how much of that programme the chapter holds, so a chapter of 3 pledges
does not get the same say as one of 44 (which it did while every area weighed 1):

    weight = ceil(max_weight × n / n_max), at least 1

where n is the number of pledges in the chapter and n_max that of the largest chapter.
In words: the largest chapter weighs max_weight; a chapter with up to a third of its
pledges weighs 1, up to two thirds 2, more than that 3 (with max_weight 3). Why this
rule rather than weights in proportion to the pledge count:

- the voter sets weights on the same 0..max_weight scale, so the defaults must be
  whole steps of it, readable as "vanlig", "viktig", "svært viktig";
- it is monotone: a chapter with more pledges never weighs less than one with fewer;
- every chapter keeps a say (at least 1): a short chapter is still part of the programme.

The priorities ("11 grunner") are not counted: most of them repeat chapter pledges, and
counting them again would weigh twice what the party wrote once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping


def chapter_weights(pledge_counts: Mapping[str, int], max_weight: int) -> dict[str, int]:
    """Default weight per chapter id from its number of pledges.

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
