"""The content the app serves, loaded and validated once at start-up, then shared read-only."""

from __future__ import annotations

from flask import Flask, current_app

from ..content.catalogue import Catalogue
from ..content.loader import load_catalogue
from ..content.problems import CatalogueError
from ..content.programme import Programme

KEY = "quiz.catalogue"


def init_app(app: Flask) -> None:
    # An invalid catalogue raises CatalogueError here, naming every file and problem, so a
    # bad content change stops the app at start-up instead of misleading voters.
    app.extensions[KEY] = load_catalogue(app.config["STATEMENTS_DIR"])


def without_content(app: Flask, error: CatalogueError) -> None:
    """A command-line app on invalid content: catalogue() raises the error it met."""
    app.extensions[KEY + ".error"] = error


def catalogue() -> Catalogue:
    found = current_app.extensions.get(KEY)
    if found is None:
        raise current_app.extensions[KEY + ".error"]
    return found


def programmes() -> dict[str, Programme]:
    """The parsed programmes (a party that answered for itself may have none)."""
    return {p.programme.id: p.programme for p in catalogue().parties if p.programme is not None}
