"""Helpers the templates share: language names and grouping of programme blocks."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from typing import Any

from flask import Flask
from flask_babel import get_locale

LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}


def current_lang() -> str:
    return str(get_locale() or "nb")


def runs_by_kind(blocks: Iterable[Any]) -> list[tuple[str, list[Any]]]:
    """Consecutive blocks of one kind, so that a run of pledges becomes one list."""
    return [
        (kind, list(run))
        for kind, run in groupby(blocks, key=lambda b: "pledge" if b.kind == "pledge" else "text")
    ]


def init_app(app: Flask) -> None:
    app.jinja_env.filters["groupby_runs"] = runs_by_kind
    app.jinja_env.globals.update(current_lang=current_lang, language_names=lambda: LANGUAGE_NAMES)
