"""What one quiz costs the database and Redis, counted (docs/capacity.md).

`python -m tests.load.costs` runs each kind of visit through the app in this process, on
SQLite and with Redis (Debian's redis-server) for the limits, and counts the SQL statements
the app sends and the commands Redis processes for it."""

from __future__ import annotations

import json
import re
import socket
import tempfile
from pathlib import Path

from sqlalchemy import event

from quiz import create_app
from quiz.events import db
from quiz.web import database
from tests.helpers import ADMIN_LINK, FULL, PROJECTOR_LINK, SEAT_CODE, SHIPPED, SHORT
from tests.stack import RedisServer


def redis_commands(server: RedisServer) -> int:
    """Commands Redis has processed so far (less the INFO that asks)."""
    with socket.create_connection(("127.0.0.1", server.port)) as connection:
        connection.sendall(b"INFO stats\r\n")
        data = b""
        while b"total_commands_processed" not in data or not data.endswith(b"\r\n"):
            data += connection.recv(65536)
    return int(re.search(rb"total_commands_processed:(\d+)", data)[1])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        redis = RedisServer(Path(tmp)).start()
        url = f"sqlite:///{tmp}/costs.sqlite3"
        db.upgrade(url)
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "costs",
                "DATABASE_URL": url,
                "WTF_CSRF_ENABLED": False,
                "RATELIMIT_STORAGE_URI": redis.url,
            }
        )
        statements = []
        event.listen(
            database.engine_of(app),
            "before_cursor_execute",
            lambda *args: statements.append(args[2]),
        )

        def counted(visit) -> tuple[int, int]:
            statements.clear()
            before = redis_commands(redis)
            visit()
            return len(statements), redis_commands(redis) - before - 1

        def quiz_with_javascript() -> None:
            client = app.test_client()
            client.get("/")
            client.post("/quiz/start", data={"mode": "full"})
            client.get("/quiz/1")
            client.get("/api/v1/quiz?lang=nb")
            answers = {s.id: "agree" for s in SHIPPED.statements}
            data = {"mode": "full", "data": json.dumps({"answers": answers})}
            assert client.post("/quiz/svar", data=data).status_code == 200

        def quiz_without_javascript() -> None:
            client = app.test_client()
            client.get("/")
            client.post("/quiz/start", data={"mode": "full"})
            for n in range(1, FULL + 1):
                client.get(f"/quiz/{n}")
                client.post(f"/quiz/{n}", data={"answer": "agree"})
            client.get("/resultat")

        teacher = app.test_client()
        saved = teacher.post("/event/ny", data={"name": "x", "mode": "short", "size": "200"})
        admin = ADMIN_LINK.search(teacher.get(saved.headers["Location"]).get_data(as_text=True))[1]
        code = admin.split("/")[2]
        seats = iter(SEAT_CODE.findall(teacher.get(admin + "/plasser").get_data(as_text=True)))
        projector = PROJECTOR_LINK.search(teacher.get(admin).get_data(as_text=True))[1]

        def student_sends() -> None:
            client = app.test_client()
            client.post("/event/bli-med", data={"code": code})
            client.get(f"/e/{code}")
            client.post(f"/e/{code}", data={"seat": next(seats)})
            for n in range(1, SHORT + 1):
                client.post(f"/quiz/{n}", data={"answer": "agree"})
            client.get("/event/send")
            assert client.post("/event/send").status_code == 302

        for _ in range(5):
            student_sends()  # sessions of fewer than six are not drawn: draw a block

        rows = [
            ("a full quiz with JavaScript", counted(quiz_with_javascript)),
            ("a full quiz without JavaScript", counted(quiz_without_javascript)),
            ("a student joins a session and sends", counted(student_sends)),
            ("the projector view, once (it refreshes every 15 s)", counted(
                lambda: teacher.get(projector)
            )),
        ]  # fmt: skip
        database.engine_of(app).dispose()
        redis.kill()
    print("visit | SQL statements | Redis commands")
    for name, (sql, commands) in rows:
        print(f"{name} | {sql} | {commands}")


if __name__ == "__main__":
    main()
