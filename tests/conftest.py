from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from quiz import create_app
from quiz.events import db
from quiz.web import database

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def make_app(tmp_path: Path, **overrides: object) -> Flask:
    config: dict[str, object] = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "INSTANCE_PATH": tmp_path / "instance",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'test.sqlite3'}",
        "WTF_CSRF_ENABLED": False,
    }
    config.update(overrides)
    app = create_app(config)
    db.upgrade(app.config["DATABASE_URL"])
    _apps.append(app)
    return app


_apps: list[Flask] = []


@pytest.fixture(autouse=True)
def _close_databases() -> Iterator[None]:
    """Each test's apps close their connection pools, so no connection outlives its test."""
    yield
    dispose_apps()


def dispose_apps() -> None:
    while _apps:
        database.engine_of(_apps.pop()).dispose()


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    yield make_app(tmp_path)


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A fresh copy of the fixture catalogue (tests/helpers.MINI) to break."""
    target = tmp_path / "statements"
    shutil.copytree(DATA / "mini", target)
    return target


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
        dispose_apps()
        with psycopg.connect(autocommit=True) as connection:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
