"""The rush, against real app servers (gunicorn, 2 workers x 8 threads) on SQLite and
PostgreSQL, with the limits a deployment ships (none raised for the test): a year group
behind one school address is counted at the first press, and a full session refuses exactly
the sends beyond its places."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, text

from quiz.events import db
from tests.servers import AppServer, Browserless, create_event, join_data, post_together, seats_of

GROUPS = "10A, 10B, 10C"


def ready_student(
    base: str, code: str, group: int, answer: str, seat: str | None = None
) -> Browserless:
    """A student who has joined (with their seat, choosing a group) and answered, about to
    press send."""
    student = Browserless(base)
    student.get(f"/e/{code}")
    assert student.post(f"/e/{code}", join_data(seat, group))[0] == 302
    assert student.post("/quiz/1", {"answer": answer})[0] == 302
    student.get("/event/send")
    return student


def stored(database_url: str) -> tuple[int, int, int]:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        responses = connection.execute(text("SELECT count(*) FROM response")).scalar()
        accepted, turned_away = connection.execute(
            text("SELECT accepted, turned_away FROM event")
        ).one()
    engine.dispose()
    return responses, accepted, turned_away


def test_a_year_group_of_150_behind_one_address_is_counted_at_the_first_press(database_url):
    db.upgrade(database_url)
    with AppServer(database_url) as server:
        code, admin, projector = create_event(
            server.url, "Skolevalg 10. trinn", size="150", groups=GROUPS
        )
        seats = seats_of(server.url, admin)
        assert len(set(seats)) == 150
        started = time.monotonic()

        def one_student(n: int) -> int:
            answer = ["agree", "disagree"][n % 2]
            student = ready_student(server.url, code, 1 + n % 3, answer, seats[n])
            return student.post("/event/send")[0]  # the first and only press

        with ThreadPoolExecutor(max_workers=16) as pool:
            statuses = list(pool.map(one_student, range(150)))
        elapsed = time.monotonic() - started
        # All from 127.0.0.1, as a school behind NAT; no limit is raised for the test.
        assert statuses == [302] * 150, {s: statuses.count(s) for s in set(statuses)}
        print(f"150 students joined, answered and sent in {elapsed:.1f} s")
        status, html = Browserless(server.url).get(projector)
        assert status == 200
        assert "150 svar: 10A 50, 10B 50, 10C 50" in html
        # 50 per group is eight sealed blocks of six; two answers per group wait.
        assert "Tallene bygger på 144 svar." in html and "6 svar venter" in html
    assert stored(database_url) == (150, 150, 0)


def test_two_sends_with_one_seat_at_the_same_moment_store_one(database_url):
    """The seat is used up in the transaction that stores the response: two browsers
    holding the same seat code (a student who joined on a phone and a laptop) press send
    together, again and again; each time exactly one is stored."""
    db.upgrade(database_url)
    with AppServer(database_url) as server:
        code, admin, _projector = create_event(server.url, "10C", size="20")
        seats = seats_of(server.url, admin)
        outcomes = []
        for seat in seats[:10]:
            pair = [ready_student(server.url, code, 0, "agree", seat) for _ in range(2)]
            outcomes.append(sorted(post_together(pair, "/event/send")))
        assert outcomes == [[302, 409]] * 10
        _status, html = Browserless(server.url).get(admin)
        assert "10 forsøk ble avvist fordi plasskoden var ukjent eller allerede brukt." in html
        assert "10 av 20 plasskoder er ikke brukt ennå." in html
    assert stored(database_url) == (10, 10, 0)


def test_200_concurrent_sends_to_an_open_session_of_100_leave_exactly_150(database_url):
    db.upgrade(database_url)
    with AppServer(database_url) as server:
        code, admin, _projector = create_event(
            server.url, "10B", size="100", groups=GROUPS, open_access="y"
        )
        with ThreadPoolExecutor(max_workers=16) as pool:
            students = list(
                pool.map(lambda n: ready_student(server.url, code, 1 + n % 3, "agree"), range(200))
            )
        # All 200 press send at the same moment.
        gate = threading.Barrier(len(students))
        results: list[tuple[int, str]] = [(0, "")] * len(students)

        def press(n: int) -> None:
            gate.wait()
            results[n] = students[n].post("/event/send")

        threads = [threading.Thread(target=press, args=(n,)) for n in range(len(students))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        statuses = [status for status, _body in results]
        assert statuses.count(302) == 150
        assert statuses.count(409) == 50, {s: statuses.count(s) for s in set(statuses)}
        for status, body in results:
            if status == 409:  # the send page, with the clear message, not a generic page
                assert "Økta er full." in body and "svarene dine ble ikke sendt" in body
        status, html = Browserless(server.url).get(admin)
        assert status == 200
        assert "150 svar" in html
        assert "50 innsendinger ble avvist fordi økta var full." in html
    assert stored(database_url) == (150, 150, 50)
