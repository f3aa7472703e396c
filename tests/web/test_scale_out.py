"""Two app servers, one PostgreSQL: an event lives in the database, not in a server."""

from __future__ import annotations

from quiz.events import db
from tests.servers import AppServer, Browserless, create_event, seats_of, submit_once


def test_two_servers_share_events(postgres_url):
    db.upgrade(postgres_url)
    with AppServer(postgres_url, workers=1) as a, AppServer(postgres_url, workers=1) as b:
        assert a.port != b.port
        code, dashboard, _projector = create_event(a.url, "Valgdag på to servere")
        seats = seats_of(b.url, dashboard)
        statuses = [
            submit_once(server.url, code, seat=seat)
            for server, seat in zip((a, b, a, b, b), seats, strict=False)
        ]
        assert statuses == [302] * 5
        for server in (a, b):
            status, html = Browserless(server.url).get(dashboard)
            assert status == 200
            assert "5 svar" in html

        # A session (and its CSRF token) made on one server is good on the other: the
        # instances share only SECRET_KEY.
        student = Browserless(a.url)
        student.get(f"/e/{code}")
        student.base = b.url
        assert student.post(f"/e/{code}", {"seat": seats[5]})[0] == 302
        assert student.post("/quiz/1", {"answer": "disagree"})[0] == 302
        student.base = a.url
        assert student.post("/event/send")[0] == 302
        assert "6 svar" in Browserless(b.url).get(dashboard)[1]
