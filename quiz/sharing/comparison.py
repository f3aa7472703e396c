"""Two people's shared results side by side, area by area (the friend's results page and
the comparison link's own page show the same rows)."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.catalogue import Catalogue
from .token import Comparison

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
