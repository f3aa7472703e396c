"""Several instances, tested for real (tests/stack.py): Debian's nginx with the documented
configuration, two gunicorn instances with the shipped settings, Redis, PostgreSQL (and
SQLite for the locked-database test). Faults: an instance killed mid-rush, Redis killed
mid-rush, a database locked for 20 s, a host name the quiz does not answer to."""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, text

from quiz.events import db
from quiz.events.models import utc_now
from tests.helpers import ADMIN_LINK, PROJECTOR_LINK, SEAT_CODE, SHORT
from tests.stack import NGINX, REDIS_SERVER, Stack, Visitor


@pytest.fixture(autouse=True)
def _needs_the_parts():
    for part in (NGINX, REDIS_SERVER):
        if not part.exists():
            if os.environ.get("CI"):
                pytest.fail(f"CI must run {part.name}: .ci/requirements.tsv lists it")
            pytest.skip(f"no {part.name} here; `make test` installs it (.ci/requirements.tsv)")


def new_session(stack: Stack, size: int, **fields: str) -> tuple[str, str, list[str]]:
    """A teacher makes a session through nginx; its code, admin path and seat codes."""
    teacher = stack.visitor()
    teacher.get("/event/ny")
    status, location = teacher.post(
        "/event/ny", {"name": "Skolevalg", "mode": "short", "size": str(size), **fields}
    )
    assert status == 303, status
    _status, saved = teacher.get(location.split(str(stack.port), 1)[-1])
    admin = ADMIN_LINK.search(saved).group(1)
    _status, sheet = teacher.get(admin + "/plasser")
    return admin.split("/")[2], admin, SEAT_CODE.findall(sheet)


def ready(stack: Stack, code: str, seat: str, answer: str = "agree") -> Visitor:
    student = stack.visitor()
    student.get(f"/e/{code}")
    assert student.post(f"/e/{code}", {"seat": seat})[0] == 302
    assert student.post("/quiz/1", {"answer": answer})[0] == 302
    return student


def send_until_sent(student: Visitor, tries: int = 40) -> tuple[int, list[int]]:
    """Press send as the page's script does: again after a refusal, until it is sent."""
    statuses = []
    for _ in range(tries):
        status, _body = student.post("/event/send")
        statuses.append(status)
        if status == 302:
            return status, statuses
        assert status in (503, 429), statuses  # the app's own page, never a bare 502
        time.sleep(0.2)
    return statuses[-1], statuses


def stored(url: str) -> tuple[int, int, int]:
    engine = create_engine(url)
    with engine.connect() as connection:
        responses = connection.execute(text("SELECT count(*) FROM response")).scalar()
        receipts = connection.execute(text("SELECT count(*) FROM send_receipt")).scalar()
        accepted = connection.execute(text("SELECT sum(accepted) FROM event")).scalar()
    engine.dispose()
    return responses, receipts, accepted


def served_by(stack: Stack, pattern: str) -> list[int]:
    """How many requests matching pattern each instance's access log holds."""
    return [
        len(re.findall(pattern, (stack.directory / f"app-{n}.log").read_text())) for n in (1, 2)
    ]


def test_two_instances_behind_nginx(postgres_url, tmp_path):
    db.upgrade(postgres_url)
    with Stack(postgres_url, tmp_path, CREATE_EVENT_LIMIT="4 per hour") as stack:
        # A voter who starts on one instance finishes on the other (round robin).
        voter = stack.visitor()
        voter.get("/")
        assert voter.post("/quiz/start", {"mode": "short"})[0] == 302
        for n in range(1, SHORT + 1):
            assert voter.post(f"/quiz/{n}", {"answer": "agree"})[0] == 302
        status, page = voter.get("/resultat")
        assert status == 200 and "Resultatet ditt" in page
        assert all(count > 0 for count in served_by(stack, r'"POST /quiz/\d+"'))
        # Absolute links carry the public host name, never an address.
        assert "https://quiz.test/r/" in page and "127.0.0.1" not in page

        # A rush of 150 students of one session, spread over both, counted once each.
        code, admin, seats = new_session(stack, 150)

        def one(n: int) -> int:
            return ready(stack, code, seats[n], ["agree", "disagree"][n % 2]).post("/event/send")[0]

        with ThreadPoolExecutor(max_workers=16) as pool:
            statuses = list(pool.map(one, range(150)))
        assert statuses == [302] * 150, {s: statuses.count(s) for s in set(statuses)}
        assert all(count > 0 for count in served_by(stack, r'"POST /event/send"'))
        assert stored(postgres_url) == (150, 150, 150)
        _status, html = stack.visitor().get(admin)
        assert "150 svar" in html

        # A limit holds across both instances (4 sessions an hour; one is made above).
        made = [new_session_status(stack) for _ in range(5)]
        assert sorted(made) == [303] * 3 + [429] * 2, made

        # Any other host name gets no page; plain HTTP is sent to HTTPS.
        assert unknown_host_answer(stack) in (None, 400, 421)
        assert plain_http(stack).startswith("301 https://quiz.test")


def new_session_status(stack: Stack) -> int:
    teacher = stack.visitor()
    teacher.get("/event/ny")
    return teacher.post("/event/ny", {"name": "x", "mode": "short"})[0]


def unknown_host_answer(stack: Stack) -> int | None:
    """The status nginx gives a request for another host name (None: it closed the
    connection without an answer, nginx's 444)."""
    import http.client
    import ssl

    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    connection = http.client.HTTPSConnection("127.0.0.1", stack.port, context=context, timeout=5)
    try:
        connection.request("GET", "/", headers={"Host": "evil.example"})
        response = connection.getresponse()
        body = response.read()
        assert b"evil.example" not in body
        return response.status
    except (ConnectionError, http.client.RemoteDisconnected, ssl.SSLError):
        return None
    finally:
        connection.close()


def plain_http(stack: Stack) -> str:
    import http.client

    assert stack.nginx is not None
    connection = http.client.HTTPConnection("127.0.0.1", stack.nginx.http_port, timeout=5)
    connection.request("GET", "/resultat", headers={"Host": "quiz.test"})
    response = connection.getresponse()
    response.read()
    connection.close()
    return f"{response.status} {response.headers['Location']}"


def test_an_instance_killed_mid_rush_loses_no_sent_answer_and_counts_none_twice(
    postgres_url, tmp_path
):
    """SIGKILL one instance, master and workers, while 120 students send through nginx:
    sends in flight on it get the app's own retry page from the other instance (nginx's
    error_page, never a bare 502), students send again, and every one of them is stored
    exactly once (the one-time key recognises a send that had arrived)."""
    db.upgrade(postgres_url)
    with Stack(postgres_url, tmp_path) as stack:
        code, _admin, seats = new_session(stack, 120)
        students = [ready(stack, code, seats[n]) for n in range(120)]
        started = threading.Event()

        def send(n: int) -> tuple[int, list[int]]:
            if n == 40:
                started.set()
            return send_until_sent(students[n])

        with ThreadPoolExecutor(max_workers=16) as pool:
            futures = [pool.submit(send, n) for n in range(120)]
            started.wait(30)
            stack.kill_instance(0)
            results = [f.result() for f in futures]
        assert [status for status, _tries in results] == [302] * 120
        retried = sum(1 for _status, tries in results if len(tries) > 1)
        print(f"instance killed mid-rush: {retried} of 120 sent again, all stored once")
        assert stored(postgres_url) == (120, 120, 120)


def test_redis_killed_mid_rush_loses_nothing(postgres_url, tmp_path):
    db.upgrade(postgres_url)
    with Stack(postgres_url, tmp_path) as stack:
        code, _admin, seats = new_session(stack, 100)
        students = [ready(stack, code, seats[n]) for n in range(100)]

        def send(n: int) -> int:
            if n == 30:
                stack.redis.kill()
            return students[n].post("/event/send")[0]

        with ThreadPoolExecutor(max_workers=16) as pool:
            statuses = list(pool.map(send, range(100)))
        assert statuses == [302] * 100, {s: statuses.count(s) for s in set(statuses)}
        assert stored(postgres_url) == (100, 100, 100)


def test_the_purge_of_two_instances_at_once_does_not_double_up(postgres_url, tmp_path):
    db.upgrade(postgres_url)
    with Stack(postgres_url, tmp_path, PURGE_INTERVAL="1") as stack:
        code, _admin, seats = new_session(stack, 10)
        for seat in seats[:6]:
            assert ready(stack, code, seat).post("/event/send")[0] == 302
        engine = create_engine(postgres_url)
        with engine.begin() as connection:
            connection.execute(
                text("UPDATE event SET expires_at = :t"), {"t": utc_now() - timedelta(minutes=1)}
            )
        time.sleep(1.5)  # past every worker's purge interval
        # Every worker of both instances purges on its next request: at once, here.
        with ThreadPoolExecutor(max_workers=16) as pool:
            statuses = list(pool.map(lambda _n: stack.visitor().get("/")[0], range(32)))
        assert statuses == [200] * 32
        with engine.connect() as connection:
            left = [
                connection.execute(text(f"SELECT count(*) FROM {table}")).scalar()
                for table in ("event", "response", "seat", "send_receipt")
            ]
        engine.dispose()
        assert left == [0, 0, 0, 0]


def test_a_locked_database_leaves_the_quiz_and_healthz_fast(tmp_path):
    """SQLite locked for 20 s by another process, and more sends under way than the two
    instances have threads (2 x 2 x 8 = 32; here 48). nginx lets at most half the threads
    wait on the database; the rest get the send page at once. Quiz pages and /healthz,
    fetched through nginx all along, answer in under a second; afterwards every send lands."""
    path = tmp_path / "locked.sqlite3"
    url = f"sqlite:///{path}"
    db.upgrade(url)
    with Stack(url, tmp_path) as stack:
        code, _admin, seats = new_session(stack, 48)
        students = [ready(stack, code, seats[n]) for n in range(48)]
        lock = sqlite3.connect(path, timeout=1)
        lock.execute("BEGIN EXCLUSIVE")
        locked_until = time.monotonic() + 20
        results: list[tuple[int, list[int]]] = []

        def press(n: int) -> None:
            status, body = students[n].post("/event/send")
            if status != 302:  # refused for now: the app's own send page, never a bare 502
                assert status == 503 and "Prøv igjen</button>" in body, status
            results.append((n, [status]))

        pressing = [threading.Thread(target=press, args=(n,)) for n in range(48)]
        for thread in pressing:
            thread.start()
        slowest = 0.0
        probe = stack.visitor()
        while time.monotonic() < locked_until:
            for path_ in ("/healthz", "/quiz/1", "/"):
                began = time.monotonic()
                status, _ = probe.get(path_)
                slowest = max(slowest, time.monotonic() - began)
                assert status in (200, 302), (path_, status)
            time.sleep(0.2)
        lock.rollback()
        lock.close()
        for thread in pressing:
            thread.join()
        refused = sum(1 for _n, (first,) in results if first != 302)
        print(
            f"database locked 20 s: slowest page or /healthz through nginx {slowest:.3f} s;"
            f" {refused} of 48 sends refused at first, with the send page"
        )
        assert slowest < 1.0
        # Those refused send again once the database is back; all land, once.
        for n, (first,) in sorted(results):
            if first != 302:
                assert send_until_sent(students[n])[0] == 302
        assert stored(url) == (48, 48, 48)


def test_the_projector_through_nginx_names_the_public_host(postgres_url, tmp_path):
    db.upgrade(postgres_url)
    with Stack(postgres_url, tmp_path) as stack:
        _code, admin, _seats = new_session(stack, 5)
        teacher = stack.visitor()
        _status, page = teacher.get(admin)
        projector = PROJECTOR_LINK.search(page).group(1)
        _status, shown = teacher.get(projector)
        assert "https://quiz.test/e/" in shown and "127.0.0.1" not in shown
