"""One database session per request, opened on first use; closed when the request ends."""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from ..events.db import make_engine

KEY = "quiz.db"


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions[KEY] = sessionmaker(engine, expire_on_commit=False)

    @app.teardown_appcontext
    def close_session(_exc: BaseException | None) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()


def engine_of(app: Flask) -> Engine:
    return app.extensions[KEY].kw["bind"]


def session() -> Session:
    """The request's session, opened on first use (pages that need no database open none)."""
    if "db_session" not in g:
        g.db_session = current_app.extensions[KEY]()
    return g.db_session
