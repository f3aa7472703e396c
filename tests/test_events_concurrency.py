"""200 submissions from parallel threads against a real server process lose none."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, text

from quiz.events import db
from tests.servers import AppServer, Browserless, create_event, submit_once

SUBMISSIONS = 200


def test_parallel_submissions_lose_nothing(database_url):
    db.upgrade(database_url)
    # Limits high enough for the load itself: this test is about losing nothing.
    with AppServer(
        database_url, SUBMIT_LIMIT="100000 per minute", EVENT_SUBMIT_LIMIT="100000 per minute"
    ) as server:
        code, dashboard = create_event(server.url)
        with ThreadPoolExecutor(max_workers=16) as pool:
            statuses = list(
                pool.map(lambda i: submit_once(server.url, code, ["agree", "disagree"][i % 2]),
                         range(SUBMISSIONS))
            )  # fmt: skip
        assert statuses == [302] * SUBMISSIONS
        status, html = Browserless(server.url).get(dashboard)
        assert status == 200
        assert f"{SUBMISSIONS} svar" in html

    engine = create_engine(database_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM response")).scalar() == SUBMISSIONS
    engine.dispose()
