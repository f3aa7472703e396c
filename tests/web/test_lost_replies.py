"""Faults that lose nothing: a send whose reply was lost is recognised when it comes again
(its one-time key), a SQLite file replaced under a running server takes no acknowledged
send into the deleted file, and a Host header the quiz does not answer to gets 400."""

from __future__ import annotations

import http.cookies
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from quiz import create_app
from quiz.events import db
from quiz.events.codes import hash_secret
from tests.helpers import create_event, join, projector_of, seats_of
from tests.servers import AppServer, Browserless, join_data, post_together
from tests.servers import create_event as create_event_on
from tests.servers import seats_of as seats_on

SECRET = "shared-secret-for-every-instance"  # tests/servers.AppServer's


def stored(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM response")).scalar()
    engine.dispose()
    return count


@pytest.mark.parametrize("open_access", [False, True], ids=["seats", "open"])
def test_a_send_whose_reply_was_lost_is_recognised_when_it_comes_again(
    app_factory, database_url, open_access
):
    app = app_factory(DATABASE_URL=database_url)
    teacher = app.test_client()
    extra = {"open_access": "y"} if open_access else {}
    code, admin = create_event(teacher, **extra)
    student = app.test_client()
    join(student, code, None if open_access else seats_of(teacher, admin)[0])
    student.post("/quiz/1", data={"answer": "agree"})
    # The browser as it was before pressing send: its cookie never heard the reply.
    before = {key: cookie for key, cookie in student._cookies.items()}
    assert student.post("/event/send").status_code == 302
    again = app.test_client()
    again._cookies.update(before)
    retried = again.post("/event/send")
    assert retried.status_code == 302, retried.get_data(as_text=True)[:300]
    assert "sendt anonymt" in again.get("/resultat").get_data(as_text=True)
    assert stored(database_url) == 1
    page = teacher.get(admin).get_data(as_text=True)
    assert "1 svar" in page and "avvist" not in page  # a retry is not a refusal
    # The page nginx shows for a send that lost its server (error_page, 502/504): it says
    # so and asks to send again, as the 503 page does.
    lost = app.test_client()
    join(lost, code, None if open_access else seats_of(teacher, admin)[1])
    interrupted = lost.get("/event/send?avbrutt=1")
    assert interrupted.status_code == 503 and interrupted.headers["Retry-After"] == "5"
    assert "Prøv igjen</button>" in interrupted.get_data(as_text=True)


def test_two_copies_of_one_send_in_flight_store_one(database_url):
    """A double click, or a retry while the first is still on its way: both copies of the
    same send (the same cookie) reach a real server at once, ten times over."""
    db.upgrade(database_url)
    with AppServer(database_url) as server:
        code, _admin, _projector = create_event_on(server.url, "10D", size="20", open_access="y")
        results = []
        for _ in range(10):
            student = Browserless(server.url)
            student.get(f"/e/{code}")
            student.post(f"/e/{code}", {})
            student.post("/quiz/1", {"answer": "agree"})
            # Two copies of one request: each from its own copy of the cookie, so the
            # first reply cannot update what the second sends (on a slow machine the first
            # could finish before the second left, which is a second click, not a copy).
            results.append(post_together([student.copy(), student.copy()], "/event/send"))
        assert all(s == [302, 302] for s in results), results
    assert stored(database_url) == 10


def send_key_hash(student: Browserless, event_id: int) -> str:
    """The hash the server keeps of this student's one-time send key, computed from the
    student's own cookie (signed, not encrypted) with the servers' shared secret."""
    app = create_app({"SECRET_KEY": SECRET, "TESTING": True})
    serializer = app.session_interface.get_signing_serializer(app)
    cookie = next(c for c in student.jar if c.name == "valgomat")
    session = serializer.loads(http.cookies._unquote(cookie.value))
    return hash_secret(f"{event_id}:{session['send_key']}")


def test_a_sqlite_file_replaced_mid_rush_takes_no_acknowledged_send(tmp_path):
    """An operator restores a copy of the database while students send. Before, pooled
    connections went on writing to the deleted file: students saw "sent" and were not in
    the database read afterwards. Now every send after the replacement answers 503 until
    the restart; after it (the documented restore: stop, remove -wal and -shm, start), the
    students who were refused send again. Every student told "sent" is in the database the
    restarted server reads, unless their send had finished before the file was replaced
    (the restore took those back, as restoring a copy does)."""
    path = tmp_path / "quiz.sqlite3"
    url = f"sqlite:///{path}"
    db.upgrade(url)
    students: list[Browserless] = []
    acked: dict[int, tuple[float, float]] = {}  # student -> (send started, acknowledged)
    replaced_at: list[float] = []
    with AppServer(url) as server:
        code, admin, _projector = create_event_on(server.url, "Restore", size="60")
        seats = seats_on(server.url, admin)
        copy = tmp_path / "restore.sqlite3"
        with sqlite3.connect(path) as live, sqlite3.connect(copy) as target:
            live.backup(target)  # the copy to restore: the session, no responses
        for n in range(60):
            student = Browserless(server.url)
            student.get(f"/e/{code}")
            assert student.post(f"/e/{code}", join_data(seats[n]))[0] == 302
            student.post("/quiz/1", {"answer": "agree"})
            students.append(student)

        def send(n: int) -> None:
            if n == 20:
                replaced_at.append(time.monotonic())
                copy.replace(path)  # the restore, under the running server
            for _attempt in range(3):
                started = time.monotonic()
                status, _ = students[n].post("/event/send")
                if status == 302:
                    acked[n] = (started, time.monotonic())
                    return
                assert status == 503, status  # never a 500, never a silent loss
                time.sleep(0.05)

        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(send, range(60)))
    (moment,) = replaced_at
    before = sum(1 for started, _done in acked.values() if started < moment)
    assert before >= 5, f"only {before} sends finished before the restore: the test saw nothing"
    assert all(started < moment for started, _done in acked.values()), "acked after the restore"
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with AppServer(url) as server:  # restarted on the restored file
        for n, student in enumerate(students):
            if n not in acked:
                student.base = server.url
                assert student.post("/event/send")[0] == 302
                acked[n] = (time.monotonic(), time.monotonic())
    engine = create_engine(url)
    with engine.connect() as connection:
        event_id = connection.execute(text("SELECT id FROM event")).scalar()
        receipts = set(connection.execute(text("SELECT key_hash FROM send_receipt")).scalars())
        responses = connection.execute(text("SELECT count(*) FROM response")).scalar()
    engine.dispose()
    lost = [
        n
        for n, (started, _done) in acked.items()
        if send_key_hash(students[n], event_id) not in receipts and started >= moment
    ]
    assert lost == []
    assert responses == len(receipts)  # one response for each send the restored file took
    print(f"{before} acknowledged before the restore, {responses} in the restored file")


def test_a_host_the_quiz_does_not_answer_to_sees_no_page(app_factory):
    app = app_factory(PUBLIC_HOSTS=["quiz.example", "localhost"])
    client = app.test_client()
    evil = {"Host": "evil.example"}
    code, admin = create_event(app.test_client())
    paths = ["/", "/resultat", f"/e/{code}", "/kort.png", "/api/v1/quiz", "/api/v1/openapi.json",
             admin, f"{admin}/plasser", "/embed", "/finnes-ikke"]  # fmt: skip
    for path in paths:
        response = client.get(path, headers=evil)
        assert response.status_code == 400, path
        assert b"evil.example" not in response.get_data(), path
    assert client.post("/api/v1/score", json={}, headers=evil).status_code == 400
    # Load balancers check health by address: those two answer any host, and name none.
    for path in ("/healthz", "/readyz"):
        response = client.get(path, headers=evil)
        assert response.status_code == 200 and b"evil" not in response.get_data(), path
    # Behind one proxy, its X-Forwarded-Host counts the same.
    proxied = app_factory(PUBLIC_HOSTS=["quiz.example"], PROXY_HOPS=1).test_client()
    forwarded = {"Host": "quiz.example", "X-Forwarded-Host": "evil.example"}
    assert proxied.get("/", headers=forwarded).status_code == 400
    # The host it answers to: the projector's join link (and its QR code) carry that name.
    projector = projector_of(app.test_client(), admin)
    assert client.get(projector, headers=evil).status_code == 400
    shown = client.get(projector, headers={"Host": "quiz.example"}).get_data(as_text=True)
    assert f"http://quiz.example/e/{code}" in shown
    # Unset (QUIZ_HOSTS), the quiz answers to this machine's own names only.
    assert create_app({"TESTING": True}).config["PUBLIC_HOSTS"][:2] == ["localhost", "127.0.0.1"]


def test_readyz_asks_the_database_and_healthz_does_not(app_factory, tmp_path):
    path = tmp_path / "ready.sqlite3"
    app = app_factory(DATABASE_URL=f"sqlite:///{path}")
    client = app.test_client()
    assert client.get("/readyz").status_code == 200
    assert client.get("/readyz").headers["Cache-Control"] == "no-store"
    replacement = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as live, sqlite3.connect(replacement) as target:
        live.backup(target)
    replacement.replace(path)  # the file under the app is not the one it opened
    assert client.get("/readyz").status_code == 503
    assert client.get("/healthz").status_code == 200  # the quiz needs no database
    assert client.get("/quiz/1").status_code == 200
