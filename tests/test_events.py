"""School events: the whole life of an event, the threshold, and bad input."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import numpy as np
import pytest
from sqlalchemy import create_engine, func, select, text

from quiz.events import service
from quiz.events.models import Event, Response, utc_now
from quiz.scoring.answers import Answers
from quiz.scoring.class_picture import class_picture
from quiz.scoring.matching import percent
from quiz.scoring.voters import score_voters
from quiz.web import content, database
from tests.helpers import CHOICES, SHIPPED, SHORT, create_event, shown_number

AREAS = [area.id for area in SHIPPED.areas]


@pytest.fixture
def event_app(app_factory, database_url):
    return app_factory(DATABASE_URL=database_url)


def student(app, code: str, pattern: list[str], important: set[int] = frozenset()) -> dict:
    client = app.test_client()
    assert client.post("/event/bli-med", data={"code": code.lower()}).status_code == 302
    given = {}
    for n, answer in enumerate(pattern, start=1):
        assert client.post(f"/quiz/{n}", data={"answer": answer}).status_code == 302
        given[n] = answer
    core = SHIPPED.core_statements()
    marks = [core[n - 1].id for n in important if pattern[n - 1] != "skip"]
    response = client.post(
        "/quiz/prioriteringer", data={"viktig": marks, **{f"w_{a}": "2" for a in AREAS}}
    )
    assert response.headers["Location"] == "/event/send"
    page = client.get("/event/send").get_data(as_text=True)
    assert "anonymt" in page and "Ikke send" in page
    assert client.post("/event/send").headers["Location"] == "/resultat"
    # One submission per session.
    client.post("/event/send")
    return {"client": client, "given": given}


def test_lifecycle(event_app, database_url):
    app = event_app
    teacher = app.test_client()
    code, dashboard = create_event(teacher)
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{6}", code)
    first = teacher.get(dashboard + "?ny=1").get_data(as_text=True)
    assert "Ta vare på lenken" in first and "<svg" in first and f"/e/{code}" in first

    rng = np.random.default_rng(11)
    patterns = [list(rng.choice(CHOICES, size=SHORT)) for _ in range(5)]
    for i, pattern in enumerate(patterns):
        student(app, code, pattern, important={i + 1})

    html = teacher.get(dashboard).get_data(as_text=True)
    assert "5 svar" in html
    with app.app_context():
        catalogue = content.catalogue()
        core = catalogue.core_statements()
        answers = [
            Answers(
                "short",
                {core[n].id: p[n] for n in range(SHORT)},
                frozenset({core[i].id} - {s.id for n, s in enumerate(core) if p[n] == "skip"}),
            )
            for i, p in enumerate(patterns)
        ]
        scores = score_voters(catalogue, answers)
        expected_overall = percent(np.nanmean(scores.overall[:, 0]))
        picture = class_picture(catalogue, core, answers)
    assert f"Klassen er {shown_number(expected_overall)} % enig med programmet" in html
    for value in picture.areas.values():
        if value is not None:
            assert shown_number(value) + "&nbsp;%" in html

    # The CSV holds the same per-statement counts as the matching's answers.
    csv_text = teacher.get(dashboard + "/fordeling.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert [r["statement"] for r in rows] == [s.id for s in core]
    for n, row in enumerate(rows):
        column = [p[n] for p in patterns]
        for answer in CHOICES:
            assert int(row[answer]) == column.count(answer), (row, answer)

    # What is stored: answers and marks only, the hour only.
    engine = create_engine(database_url)
    with engine.connect() as connection:
        columns = [
            c[0] for c in connection.execute(text("SELECT * FROM response")).cursor.description
        ]
        assert columns == ["id", "event_id", "answers", "important", "submitted_hour"]
        hours = connection.execute(text("SELECT submitted_hour FROM response")).scalars().all()
        assert all(str(h).count(":00:00") == 1 for h in hours)
        assert connection.execute(text("SELECT count(*) FROM response")).scalar() == 5

    # Delete needs the confirmation, then removes every row.
    token_free = teacher.post(dashboard + "/slett", data={})
    assert token_free.status_code == 302
    assert teacher.get(dashboard).status_code == 200
    response = teacher.post(dashboard + "/slett", data={"confirm": "y"})
    assert response.headers["Location"] == "/"
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM response")).scalar() == 0
        assert connection.execute(text("SELECT count(*) FROM event")).scalar() == 0
    engine.dispose()
    assert teacher.get(dashboard).status_code == 404


def test_four_responses_show_only_the_count(event_app):
    teacher = event_app.test_client()
    code, dashboard = create_event(teacher)
    for _ in range(4):
        student(event_app, code, ["agree"] * SHORT)
    html = teacher.get(dashboard).get_data(as_text=True)
    assert "4 svar" in html
    assert "minst 5 har svart" in html
    assert "Klassen er" not in html
    assert "Enighet per område" not in html
    assert teacher.get(dashboard + "/fordeling.csv").status_code == 403


def test_leaving_sends_nothing(event_app):
    teacher = event_app.test_client()
    code, dashboard = create_event(teacher)
    client = event_app.test_client()
    client.post("/event/bli-med", data={"code": code})
    assert "Du er med i" in client.get("/quiz/1").get_data(as_text=True)
    client.post("/quiz/1", data={"answer": "agree"})
    client.post("/event/forlat")
    assert "Du er med i" not in client.get("/quiz/1").get_data(as_text=True)
    assert "0 svar" in teacher.get(dashboard).get_data(as_text=True)


def test_kiosk_resets_after_a_submission(event_app):
    teacher = event_app.test_client()
    code, _ = create_event(teacher, kiosk="y")
    client = event_app.test_client()
    client.post(f"/e/{code}")
    html = client.get("/quiz/1").get_data(as_text=True)
    assert f'data-kiosk-reset="/e/{code}/ny-elev"' in html
    assert 'http-equiv="refresh" content="300; url' in html
    client.post("/quiz/1", data={"answer": "agree"})
    assert client.post("/event/send").headers["Location"] == f"/e/{code}/takk"
    client.get(f"/e/{code}/ny-elev")
    # The next student starts clean, in the same event, and may submit again.
    assert "Du har ikke svart på noen" in client.get("/resultat").get_data(as_text=True)
    client.post("/quiz/1", data={"answer": "disagree"})
    assert client.post("/event/send").headers["Location"] == f"/e/{code}/takk"


def test_expired_events_are_refused_and_purged(event_app):
    teacher = event_app.test_client()
    code, dashboard = create_event(teacher)
    student(event_app, code, ["agree"] * SHORT)
    with event_app.app_context():
        session = database.session()
        event = session.scalar(select(Event).where(Event.code == code))
        event.expires_at = utc_now() - timedelta(minutes=1)
        session.commit()
    assert teacher.get(dashboard).status_code == 404
    assert teacher.get(f"/e/{code}").status_code == 404
    assert event_app.test_client().post("/event/bli-med", data={"code": code}).status_code == 404
    result = event_app.test_cli_runner().invoke(args=["events", "purge"])
    assert "deleted 1 expired events" in result.output
    with event_app.app_context():
        session = database.session()
        assert session.scalar(select(func.count()).select_from(Event)) == 0
        assert session.scalar(select(func.count()).select_from(Response)) == 0


@pytest.mark.parametrize(
    ("code", "status", "message"),
    [
        ("", 400, "Koden har seks tegn"),
        ("ABC", 400, "Koden har seks tegn"),
        ("0OIL1Z", 400, "Koden har seks tegn"),  # look-alikes are never in a code
        ("<b>x</b>", 400, "Koden har seks tegn"),
        ("' OR 1=1 --", 400, "Koden har seks tegn"),
        ("X" * 5000, 400, "Koden har seks tegn"),
        ("ZZZZZZ", 404, "ingen pågående hendelse"),
    ],
)
def test_unknown_or_malformed_codes(app, client, code, status, message):
    response = client.post("/event/bli-med", data={"code": code})
    assert response.status_code == status
    html = response.get_data(as_text=True)
    assert message in html
    assert "<b>x</b>" not in html


def test_bad_paths_and_secrets(app, client):
    code, dashboard = create_event(client)
    assert client.get("/e/ZZZZZZ").status_code == 404
    assert client.get("/e/not-a-code").status_code == 404
    assert client.get(f"/event/{code}/oversikt/wrong-secret").status_code == 403
    assert client.get(f"/event/{code}/oversikt/{'x' * 5000}").status_code == 403
    assert (
        client.post(f"/event/{code}/oversikt/wrong/slett", data={"confirm": "y"}).status_code == 403
    )
    assert client.get(dashboard).status_code == 200  # still there
    assert client.get("/event/send").status_code == 302  # not in an event
    assert client.post("/event/send").status_code == 302


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("x" * 81, False),
        ("", False),
        ("   ", False),
        ("x" * 80, True),
        ("<script>alert(1)</script>", True),
    ],
)
def test_event_names_are_bounded_and_escaped(client, name, ok):
    response = client.post("/event/ny", data={"name": name, "mode": "short"})
    if not ok:
        assert response.status_code == 400
        assert "Skriv et navn på 1 til 80 tegn" in response.get_data(as_text=True)
        return
    dashboard = response.headers["Location"].split("?")[0]
    html = client.get(dashboard).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    code = dashboard.split("/")[2]
    join = client.get(f"/e/{code}").get_data(as_text=True)
    assert "<script>alert" not in join
    if "script" in name:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in join


def test_bad_mode_and_end_time(client):
    assert client.post("/event/ny", data={"name": "x", "mode": "long"}).status_code == 400
    response = client.post("/event/ny", data={"name": "x", "mode": "short", "ends": "tomorrow"})
    assert response.status_code == 400
    # An end beyond 90 days is cut to 90 days.
    response = client.post(
        "/event/ny", data={"name": "x", "mode": "full", "ends": "2999-01-01T10:00"}
    )
    assert response.status_code == 302


def test_codes_avoid_look_alikes():
    for _ in range(200):
        code = service.new_code()
        assert not set(code) & set("0O1IL")
    assert service.normalise_code(" k7p 2qx ") == "K7P2QX"
    assert service.normalise_code("K7P-2QX") == "K7P2QX"


def test_rate_limits_let_a_class_through_and_stop_a_flood(app_factory):
    app = app_factory(SUBMIT_LIMIT="1000 per minute", EVENT_SUBMIT_LIMIT="60 per minute")
    teacher = app.test_client()
    code, dashboard = create_event(teacher)
    statuses = []
    for _ in range(70):  # one address, as a school behind NAT
        client = app.test_client()
        client.post(f"/e/{code}")
        client.post("/quiz/1", data={"answer": "agree"})
        statuses.append(client.post("/event/send").status_code)
    assert statuses[:30] == [302] * 30  # a class of 30 within a minute
    assert statuses.count(302) == 60
    assert statuses[-1] == 429
    assert "60 svar" in teacher.get(dashboard).get_data(as_text=True)


def test_creating_events_is_rate_limited(app_factory):
    app = app_factory(CREATE_EVENT_LIMIT="3 per hour")
    client = app.test_client()
    codes = [
        client.post("/event/ny", data={"name": "x", "mode": "short"}).status_code for _ in range(4)
    ]
    assert codes == [302, 302, 302, 429]
    assert "For mange forespørsler" in client.post("/event/ny", data={"name": "x"}).get_data(
        as_text=True
    )


def test_end_time_is_the_teachers_wall_clock(app, client):
    response = client.post(
        "/event/ny", data={"name": "x", "mode": "short", "ends": "2026-12-24T14:00"}
    )
    dashboard = response.headers["Location"].split("?")[0]
    code = dashboard.split("/")[2]
    with app.app_context():
        event = database.session().scalar(select(Event).where(Event.code == code))
        expires = event.expires_at.replace(tzinfo=None)
    assert expires.isoformat().startswith("2026-12-24T13:00")  # 14:00 in Oslo is 13:00 UTC
    assert "2026-12-24 14:00" in client.get(dashboard).get_data(as_text=True)
