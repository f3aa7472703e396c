"""Migrations 0002 and 0003 on a database that already holds sessions: nothing they hold is
lost, their counters start where they are, they stay open sessions (they had no seats) and
their responses are sealed in blocks as new ones would be (SQLite through batch mode, and
PostgreSQL)."""

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
        # 0003: no seats for them (they were made without), and their responses in blocks
        # of six in arrival order: AAAAAA's 3 wait; BBBBBB's first 36 in six blocks.
        access = connection.execute(text("SELECT access, seats_issued FROM event")).all()
        assert [tuple(r) for r in access] == [("open", 0), ("open", 0)]
        blocks = connection.execute(
            text(
                "SELECT e.code, r.block, count(*) FROM response r JOIN event e"
                " ON e.id = r.event_id GROUP BY e.code, r.block ORDER BY e.code, r.block"
            )
        ).all()
        assert [tuple(b) for b in blocks] == [
            ("AAAAAA", None, 3),
            *(("BBBBBB", n, 6) for n in range(6)),
            ("BBBBBB", None, 4),
        ] or [tuple(b) for b in blocks] == [
            ("AAAAAA", None, 3),
            ("BBBBBB", None, 4),
            *(("BBBBBB", n, 6) for n in range(6)),
        ]  # where NULL sorts depends on the database
    columns = {c["name"] for c in inspect(engine).get_columns("response")}
    assert {"group_id", "block", "content"} <= columns
    assert {"event_group", "seat"} <= set(inspect(engine).get_table_names())
    # The app's own models write to the migrated tables (a random 62-bit id, a seat).
    from sqlalchemy.orm import Session

    from quiz.events import seats, sending, service
    from quiz.events.models import Event
    from quiz.voter.answers import Answers

    with Session(engine) as session:
        old = session.query(Event).filter_by(code="BBBBBB").one()
        asked = ["a", "b"]
        sent = sending.submit_response(session, old, Answers("short", {"a": "agree"}), asked)
        assert sent is sending.Sent.STORED
        new, secret = service.create_event(
            session, "y", "short", False, service.utc_now() + service.DEFAULT_DURATION,
            expected_size=3,
        )  # fmt: skip
        assert seats.seats_left(session, new) == 3
        seat = seats.seat_codes(secret, 0, 1)[0]
        assert sending.submit_response(session, new, Answers("short"), asked, None, seat) is (
            sending.Sent.STORED
        )
        again = sending.submit_response(session, new, Answers("short"), asked, None, seat)
        assert again is sending.Sent.SEAT
    # And back to 0002 and forward again, with the new rows in.
    command.downgrade(config, "0002")
    assert "seat" not in inspect(engine).get_table_names()
    command.upgrade(config, "head")
    # And back, and forward again.
    command.downgrade(config, "0001")
    assert "event_group" not in inspect(engine).get_table_names()
    command.upgrade(config, "head")
    engine.dispose()


def test_0005_adds_the_parties_round_and_keeps_the_sessions(database_url):
    """The questionnaire's tables on a database that holds school sessions (SQLite in batch
    mode, and PostgreSQL): the sessions stay, the round's models write and cascade, and
    the downgrade takes only the round's tables away."""
    from datetime import timedelta

    from sqlalchemy.orm import Session

    from quiz.questionnaire import service as round_service
    from quiz.questionnaire.answers import Answer
    from quiz.questionnaire.models import DraftAnswer, utc_now
    from tests.helpers import SHIPPED

    config = db.alembic_config(database_url)
    command.upgrade(config, "0004")
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO event (id, code, name, mode, kiosk, secret_hash, created_hour,"
                " expires_at, access, seats_issued, expected_size, accepted, turned_away,"
                " refused_seat) VALUES (1, 'AAAAAAAA', 'x', 'short', false, :hash,"
                " '2026-11-27 10:00:00', '2026-12-04 10:00:00', 'seats', 0, 35, 0, 0, 0)"
            ),
            {"hash": "0" * 64},
        )
    command.upgrade(config, "head")
    tables = set(inspect(engine).get_table_names())
    assert {"round_party", "invitation", "draft_answer", "submission", "event"} <= tables
    with Session(engine) as session:
        party = round_service.add_party(session, "sentrum", "Partiet Sentrum Bærum")
        round_service.invite(session, party, utc_now() + timedelta(days=3))
        statement = SHIPPED.statements[0]
        saved = round_service.save_answer(
            session, party, statement, Answer(stance="agree", reason={"nb": "Ja."}), 0
        )
        assert not saved.conflict and saved.draft.version == 1
        round_service.delete_party(session, party)
        assert session.query(DraftAnswer).count() == 0  # ON DELETE CASCADE in the database
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM invitation")).scalar() == 0
        assert connection.execute(text("SELECT code FROM event")).scalar() == "AAAAAAAA"
    command.downgrade(config, "0004")
    tables = set(inspect(engine).get_table_names())
    assert "round_party" not in tables and "draft_answer" not in tables and "event" in tables
    engine.dispose()
