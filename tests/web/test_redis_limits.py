"""Rate limits shared through Redis, for real: Debian's redis-server, gunicorn instances
with the shipped settings, RATELIMIT_STORAGE_URI=redis://… as docs/deploying.md offers it."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import redis

from quiz.events import db
from tests.servers import AppServer, Browserless
from tests.stack import REDIS_SERVER, RedisServer


@pytest.fixture
def redis_server(tmp_path) -> Iterator[RedisServer]:
    if not REDIS_SERVER.exists():
        if os.environ.get("CI"):
            pytest.fail("CI must test Redis: .ci/requirements.tsv lists redis-server")
        pytest.skip("no redis-server here; `make test` installs it (.ci/requirements.tsv)")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.kill()


def create(base: str) -> int:
    """A teacher (a fresh browser each time) makes a session; the status of that POST."""
    teacher = Browserless(base)
    teacher.get("/event/ny")
    return teacher.post("/event/ny", {"name": "Valgdag", "mode": "short"})[0]


def test_a_limit_of_3_is_3_across_four_workers_and_two_instances(redis_server, tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    db.upgrade(url)
    settings = {"RATELIMIT_STORAGE_URI": redis_server.url, "CREATE_EVENT_LIMIT": "3 per hour"}
    log = tmp_path / "a.log"
    with (
        AppServer(url, workers=4, threads=2, extra=["--error-logfile", str(log)], **settings) as a,
        AppServer(url, workers=4, threads=2, **settings) as b,
    ):
        statuses = [create(server.url) for server in (a, b) * 6]
    assert sorted(statuses) == [303] * 3 + [429] * 9, statuses
    # The store holds hashed keys only: no client address in clear.
    keys = [k.decode() for k in redis.Redis.from_url(redis_server.url).scan_iter()]
    assert keys and not any("127.0.0.1" in key for key in keys), keys
    # A shared store: no warning that limits count per worker.
    assert "count per worker" not in log.read_text()


def test_with_memory_and_several_workers_the_app_says_limits_count_per_worker(tmp_path):
    url = f"sqlite:///{tmp_path / 'memory.sqlite3'}"
    db.upgrade(url)
    log = tmp_path / "error.log"
    with AppServer(url, workers=2, extra=["--error-logfile", str(log)]):
        pass
    assert "rate limits count per worker" in log.read_text()


def test_redis_going_away_leaves_limits_per_process_and_never_a_500(redis_server, tmp_path):
    url = f"sqlite:///{tmp_path / 'away.sqlite3'}"
    db.upgrade(url)
    log = tmp_path / "error.log"
    settings = {"RATELIMIT_STORAGE_URI": redis_server.url, "CREATE_EVENT_LIMIT": "2 per hour"}
    with AppServer(
        url, workers=1, threads=2, extra=["--error-logfile", str(log)], **settings
    ) as server:
        assert [create(server.url) for _ in range(3)] == [303, 303, 429]
        redis_server.kill()
        # The worker counts on its own now (from zero): two more, then refused; no 500.
        away = [create(server.url) for _ in range(4)]
        assert away == [303, 303, 429, 429], away
        # A student's send path and the pages go on as before.
        assert Browserless(server.url).get("/event/bli-med")[0] == 200
        assert Browserless(server.url).get("/")[0] == 200
    text = log.read_text()
    assert "falling back to in-memory storage" in text
