from __future__ import annotations

import os
import shutil
import time
import types
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from tests.helpers import AppFactory

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def app_factory(tmp_path: Path) -> Iterator[AppFactory]:
    """app_factory(**config) makes an app like the shipped one, with overrides; every app
    it made closes its connection pool when the test ends."""
    factory = AppFactory(tmp_path)
    yield factory
    factory.close()


@pytest.fixture
def app(app_factory: AppFactory) -> Flask:
    return app_factory()


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A fresh copy of the fixture catalogue (tests/helpers.MINI) to break."""
    target = tmp_path / "statements"
    shutil.copytree(DATA / "mini", target)
    return target


class Clock:
    """A wall clock the test moves: the rate limiter's windows and the Retry-After it
    gives are read from it, so a test waits for a window without sleeping."""

    def __init__(self) -> None:
        self.now = time.time()

    def time(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """The limiter's clock, injected (flask-limiter and limits read time.time())."""
    import flask_limiter._extension
    import limits.storage.memory
    import limits.strategies

    import quiz.web.errors

    found = Clock()
    fake = types.SimpleNamespace(
        time=found.time, monotonic=time.monotonic, sleep=time.sleep, mktime=time.mktime
    )
    for module in (
        limits.storage.memory,
        limits.strategies,
        flask_limiter._extension,
        quiz.web.errors,
    ):
        monkeypatch.setattr(module, "time", fake)
    return found


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


# --- databases ---------------------------------------------------------------------------


def postgres_available() -> bool:
    return bool(os.environ.get("PGHOST") or os.environ.get("PGDATABASE"))


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> Iterator[str]:
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'events.sqlite3'}"
        return
    with postgres_database() as url:
        yield url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with postgres_database() as url:
        yield url


@contextmanager
def postgres_database() -> Iterator[str]:
    """A new database in the PostgreSQL that the PG* variables point at. `make test` runs
    the suite inside pg_virtualenv, which provides a throwaway cluster."""
    if not postgres_available():
        if os.environ.get("CI"):
            pytest.fail("CI must test PostgreSQL: run the suite under pg_virtualenv")
        pytest.skip("no PostgreSQL here; `make test` starts one with pg_virtualenv")
    import psycopg

    name = f"quiz_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg:///{name}"
    finally:
        # FORCE ends the connections of apps whose pools are closed only after this.
        with psycopg.connect(autocommit=True) as connection:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
