"""Migration 0002 on a database that already holds sessions: nothing they hold is lost, and
their counters start where they are (SQLite through batch mode, and PostgreSQL)."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, inspect, text

from quiz.events import db


def test_0002_keeps_what_a_first_round_database_holds(database_url):
    config = db.alembic_config(database_url)
    command.upgrade(config, "0001")
    engine = create_engine(database_url)
    with engine.begin() as connection:
        for n, (code, responses) in enumerate((("AAAAAA", 3), ("BBBBBB", 40))):
            connection.execute(
                text(
                    "INSERT INTO event (id, code, name, mode, kiosk, secret_hash, created_hour,"
                    " expires_at) VALUES (:id, :code, 'x', 'short', false, :hash,"
                    " '2026-11-27 10:00:00', '2026-12-04 10:00:00')"
                ),
                {"id": n + 1, "code": code, "hash": "0" * 64},
            )
            for _ in range(responses):
                connection.execute(
                    text(
                        "INSERT INTO response (event_id, answers, important, submitted_hour)"
                        " VALUES (:id, '{}', '[]', '2026-11-27 10:00:00')"
                    ),
                    {"id": n + 1},
                )
    command.upgrade(config, "head")
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT code, accepted, turned_away, expected_size, projector_hash"
                " FROM event ORDER BY code"
            )
        ).all()
        # The counters hold what each session holds; a session already over 35 gets a
        # size that keeps room for what it has.
        assert [tuple(r) for r in rows] == [
            ("AAAAAA", 3, 0, 35, None),
            ("BBBBBB", 40, 0, 40, None),
        ]
        assert connection.execute(text("SELECT count(*) FROM response")).scalar() == 43
    columns = {c["name"] for c in inspect(engine).get_columns("response")}
    assert "group_id" in columns
    assert "event_group" in inspect(engine).get_table_names()
    # And back, and forward again.
    command.downgrade(config, "0001")
    assert "event_group" not in inspect(engine).get_table_names()
    command.upgrade(config, "head")
    engine.dispose()
