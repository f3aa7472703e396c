"""The content the app serves, loaded once at start-up and shared read-only."""

from __future__ import annotations

from flask import Flask, current_app

from .programme import Programme, load_programmes

KEY = "quiz.content"


def init_app(app: Flask) -> None:
    programmes = load_programmes(app.config["STATEMENTS_DIR"] / "programme")
    app.extensions[KEY] = programmes


def programmes() -> dict[str, Programme]:
    return current_app.extensions[KEY]
