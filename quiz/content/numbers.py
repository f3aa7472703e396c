"""How numbers are written, the one formatter for pages, texts, the share card and links:
72,5 in Norwegian and 72.5 in English, at most one decimal, and "–" where there is no
number (not enough answers: unknowable, never 0)."""

from __future__ import annotations

from .languages import DECIMAL_MARKS

NO_NUMBER = "–"


def number(value: float | None, lang: str) -> str:
    if value is None:
        return NO_NUMBER
    return f"{value:.1f}".removesuffix(".0").replace(".", DECIMAL_MARKS[lang])


def percent(value: float | None, lang: str) -> str:
    """A percentage in running text: "40 %" (Språkrådet and the Oxford style guide alike
    put a space before the sign), or "–"."""
    return NO_NUMBER if value is None else f"{number(value, lang)} %"
