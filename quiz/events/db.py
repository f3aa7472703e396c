"""The database: engine and migrations. Only events and their responses live here.

The web layer opens one session per request (quiz.web.database); the CLI and the tests use
the same engine factory and migrations.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class Base(DeclarativeBase):
    pass


# How long a write waits for SQLite's lock before it fails (and the send page asks to try
# again). A rush of 150 from one school waits up to half a second here; a lock held longer
# (a locked or slow database) keeps a server thread that long, which is still open: issue 23.
SQLITE_BUSY_MS = 15_000


class DatabaseReplaced(OperationalError):
    """The SQLite file is not the one the app opened: replaced (a restore) or deleted.
    Nothing is written to it until the app restarts; the request answers 503."""


def _file_identity(path: str) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    return found.st_dev, found.st_ino


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            return create_engine(url)
        path = parsed.database
        Path(path).parent.mkdir(parents=True, exist_ok=True)

        opened: dict[str, tuple[int, int] | None] = {}

        def connect() -> sqlite3.Connection:
            # Never open a file other than the first: it would also read the first file's
            # write-ahead log (-wal goes by name), mixing two databases.
            if "file" in opened and _file_identity(path) != opened["file"]:
                raise sqlite3.OperationalError("database file replaced")
            # mode=rw: a deleted file is an error, not a new empty database.
            return sqlite3.connect(
                f"file:{quote(path)}?mode=rw",
                uri=True,
                timeout=SQLITE_BUSY_MS / 1000,
                check_same_thread=False,
            )

        engine = create_engine(url, creator=connect)

        def same_file() -> None:
            """Every connection must be to the file the app first opened. Replaced under a
            running app, pooled connections would go on writing to the old, deleted file,
            and acknowledged sends would be lost; so the app answers 503 until restarted
            (docs/deploying.md: a restore needs a restart)."""
            identity = _file_identity(path)
            expected = opened.setdefault("file", identity)
            if identity is None or identity != expected:
                raise DatabaseReplaced(
                    "checkout", None, sqlite3.OperationalError("database file replaced"), False
                )

        @event.listens_for(engine, "connect")
        def sqlite_pragmas(dbapi_connection, _record) -> None:
            # WAL lets readers and one writer work at once; busy_timeout makes a writer
            # wait (briefly) for the lock instead of failing when a class submits at once.
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        @event.listens_for(engine, "checkout")
        def check_on_checkout(_dbapi_connection, _record, _proxy) -> None:
            same_file()

        @event.listens_for(engine, "commit")
        def check_before_commit(_connection) -> None:
            same_file()  # raised here, the commit does not happen

        return engine
    # pool_pre_ping: a connection that died while the database was away is replaced,
    # so the app recovers without a restart.
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def alembic_config(url: str) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str) -> None:
    command.upgrade(alembic_config(url), "head")
