"""Two people's shared results side by side, area by area (the friend's results page and
the comparison link's own page show the same rows)."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.catalogue import Catalogue
from .token import Comparison, RankingComparison

# An area's row: its title, the friend's whole percent, the sharer's (None: not shared).
Row = tuple[str, int | None, int | None]


@dataclass(frozen=True)
class ComparisonView:
    """A comparison for a page: both score sets, area by area, and its own share link."""

    comparison: Comparison
    rows: list[Row]
    url: str


def comparison_rows(catalogue: Catalogue, comparison: Comparison, lang: str) -> list[Row]:
    return [
        (area.title[lang], mine, theirs)
        for area, mine, theirs in zip(
            catalogue.areas, comparison.friend.areas, comparison.sharer.areas, strict=True
        )
    ]


@dataclass(frozen=True)
class RankingComparisonView:
    """Several parties: both people's top parties, place by place, and the link to it."""

    comparison: RankingComparison
    rows: list[tuple[int, tuple[str, int | None] | None, tuple[str, int | None] | None]]
    url: str | None  # None: the friend answered too few to put their scores in a link


def ranking_rows(
    catalogue: Catalogue, comparison: RankingComparison
) -> list[tuple[int, tuple[str, int | None] | None, tuple[str, int | None] | None]]:
    """Place by place: (place, the friend's party name and percent, the sharer's)."""
    mine = [(catalogue.party(pid).name, v) for pid, v in comparison.friend.scores]
    theirs = [(catalogue.party(pid).name, v) for pid, v in comparison.sharer.scores]
    places = max(len(mine), len(theirs))
    return [
        (i + 1, mine[i] if i < len(mine) else None, theirs[i] if i < len(theirs) else None)
        for i in range(places)
    ]
