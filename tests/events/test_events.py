"""School events: the whole life of an event, the threshold, and bad input."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from sqlalchemy import create_engine, func, select, text

from quiz.events import codes, service
from quiz.events.models import Event, Response, utc_now
from quiz.scoring.class_picture import BLOCK_SIZE, Received, class_picture
from quiz.scoring.matching import percent
from quiz.scoring.voters import score_voters
from quiz.voter.answers import Answers
from quiz.web import content, database
from tests.helpers import (
    ADMIN_LINK,
    CHOICES,
    SHIPPED,
    SHORT,
    create_event,
    join,
    seats_of,
    shown_number,
    spreadsheet_rows,
)

OSLO = ZoneInfo("Europe/Oslo")

AREAS = [area.id for area in SHIPPED.areas]


@pytest.fixture
def event_app(app_factory, database_url):
    return app_factory(DATABASE_URL=database_url)


def student(
    app, code: str, seat: str, pattern: list[str], important: set[int] = frozenset()
) -> dict:
    client = app.test_client()
    # By the code (lower case, as typed), which leads to the join page for the seat.
    found = client.post("/event/bli-med", data={"code": code.lower()})
    assert found.headers["Location"] == f"/e/{code}"
    assert join(client, code, seat.lower()).headers["Location"] == "/quiz/1"
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
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{8}", code)
    first = teacher.get(dashboard).get_data(as_text=True)
    assert "Åpne skjermvisningen" in first and f"/e/{code}" in first
    seats = seats_of(teacher, dashboard)
    assert len(seats) == len(set(seats)) == 35  # one per expected student (the default)
    assert "35 av 35 plasskoder er ikke brukt ennå." in first

    rng = np.random.default_rng(11)
    patterns = [list(rng.choice(CHOICES, size=SHORT)) for _ in range(BLOCK_SIZE)]
    for i, pattern in enumerate(patterns):
        student(app, code, seats[i], pattern, important={i + 1})

    html = teacher.get(dashboard).get_data(as_text=True)
    assert f"{BLOCK_SIZE} svar" in html
    assert f"{35 - BLOCK_SIZE} av 35 plasskoder er ikke brukt ennå." in html
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
        picture = class_picture(catalogue, core, [Received(None, 0, a) for a in answers])
    assert f"Klassen er {shown_number(expected_overall)} % enig med programmet" in html
    for value in picture.areas.values():
        if value is not None:
            assert shown_number(value) + "&nbsp;%" in html

    # The download holds the same per-statement counts as the matching's answers, the
    # importance marks and the party's own answer, under headers in the page's language.
    download = teacher.get(dashboard + "/fordeling.csv")
    assert download.content_type == "text/csv; charset=utf-8"
    rows = spreadsheet_rows(download.get_data())
    assert list(rows[0]) == [
        "Gruppe", "Påstand-id", "Påstand", "Enig", "Nøytral", "Uenig", "Hoppet over",
        "Merket viktig", f"Svaret til {SHIPPED.parties[0].name}", "Svar bak tallene",
    ]  # fmt: skip
    assert [r["Påstand-id"] for r in rows] == [s.id for s in core]
    assert {r["Gruppe"] for r in rows} == {"Hele økta"}
    labels = {"agree": "Enig", "neutral": "Nøytral", "disagree": "Uenig", "skip": "Hoppet over"}
    party = SHIPPED.parties[0]
    for n, row in enumerate(rows):
        column = [p[n] for p in patterns]
        for answer in CHOICES:
            assert int(row[labels[answer]]) == column.count(answer), (row, answer)
        # Student i (0-based) marked statement i + 1 as important, unless they skipped it.
        marked = sum(1 for i, p in enumerate(patterns) if i == n and p[n] != "skip")
        assert int(row["Merket viktig"]) == marked
        stance = party.positions[core[n].id].stance if core[n].id in party.positions else None
        assert row[f"Svaret til {party.name}"] == (labels[stance] if stance else "Ingen standpunkt")
        assert row["Svar bak tallene"] == str(BLOCK_SIZE)

    # What is stored: answers and marks only, the hour only, a random id, the block, the
    # content's fingerprint; nothing of the seat (its row is gone).
    engine = create_engine(database_url)
    with engine.connect() as connection:
        columns = [
            c[0] for c in connection.execute(text("SELECT * FROM response")).cursor.description
        ]
        stored_columns = {"id", "event_id", "answers", "important", "submitted_hour"}
        assert set(columns) == stored_columns | {"group_id", "block", "content"}
        hours = connection.execute(text("SELECT submitted_hour FROM response")).scalars().all()
        assert all(str(h).count(":00:00") == 1 for h in hours)
        assert connection.execute(text("SELECT count(*) FROM response")).scalar() == BLOCK_SIZE
        assert connection.execute(text("SELECT count(*) FROM seat")).scalar() == 35 - BLOCK_SIZE
        ids = connection.execute(text("SELECT id FROM response")).scalars().all()
        assert max(ids) > 2**40  # random, not 1, 2, 3 in the order of arrival
        # Every answer is stored with every statement asked: unanswered ones as skip.
        stored = connection.execute(text("SELECT answers FROM response")).scalars().all()
        for given in stored:
            given = given if isinstance(given, dict) else __import__("json").loads(given)
            assert sorted(given) == sorted(s.id for s in SHIPPED.core_statements())

    # Delete needs the confirmation, then removes every row.
    token_free = teacher.post(dashboard + "/slett", data={})
    assert token_free.status_code == 302
    assert teacher.get(dashboard).status_code == 200
    response = teacher.post(dashboard + "/slett", data={"confirm": "y"})
    assert response.headers["Location"] == "/"
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM response")).scalar() == 0
        assert connection.execute(text("SELECT count(*) FROM seat")).scalar() == 0
        assert connection.execute(text("SELECT count(*) FROM event")).scalar() == 0
    engine.dispose()
    assert teacher.get(dashboard).status_code == 404


def test_five_responses_show_only_the_count(event_app):
    teacher = event_app.test_client()
    code, dashboard = create_event(teacher)
    seats = seats_of(teacher, dashboard)
    for n in range(BLOCK_SIZE - 1):
        student(event_app, code, seats[n], ["agree"] * SHORT)
    html = teacher.get(dashboard).get_data(as_text=True)
    assert f"{BLOCK_SIZE - 1} svar" in html
    assert f"Resultatene vises når {BLOCK_SIZE} fra samme gruppe har svart" in html
    assert "Klassen er" not in html
    assert "Enighet per område" not in html
    assert teacher.get(dashboard + "/fordeling.csv").status_code == 403


def test_leaving_sends_nothing(event_app):
    teacher = event_app.test_client()
    code, dashboard = create_event(teacher)
    client = event_app.test_client()
    join(client, code, seats_of(teacher, dashboard)[0])
    assert "Du er med i" in client.get("/quiz/1").get_data(as_text=True)
    client.post("/quiz/1", data={"answer": "agree"})
    client.post("/event/forlat")
    assert "Du er med i" not in client.get("/quiz/1").get_data(as_text=True)
    assert "0 svar" in teacher.get(dashboard).get_data(as_text=True)


def test_kiosk_resets_after_a_submission(event_app):
    teacher = event_app.test_client()
    code, admin = create_event(teacher, kiosk="y")
    first, second = seats_of(teacher, admin)[:2]
    client = event_app.test_client()
    join(client, code, first)
    html = client.get("/quiz/1").get_data(as_text=True)
    assert f'data-kiosk-reset="/e/{code}/ny-elev"' in html
    assert 'http-equiv="refresh" content="300; url' in html
    client.post("/quiz/1", data={"answer": "agree"})
    assert client.post("/event/send").headers["Location"] == f"/e/{code}/takk"
    # A GET (the no-JavaScript timer, or a link from anywhere) only shows the button.
    page = client.get(f"/e/{code}/ny-elev").get_data(as_text=True)
    assert "Start som ny elev" in page and 'method="post"' in page
    assert "Du har ikke svart på noen" not in client.get("/resultat").get_data(as_text=True)
    assert client.post(f"/e/{code}/ny-elev").headers["Location"] == f"/e/{code}"
    # The next student starts clean, in the same event, and sends with their own seat.
    assert "Du har ikke svart på noen" in client.get("/resultat").get_data(as_text=True)
    assert join(client, code, second).headers["Location"] == "/quiz/1"
    client.post("/quiz/1", data={"answer": "disagree"})
    assert client.post("/event/send").headers["Location"] == f"/e/{code}/takk"


def test_the_app_deletes_expired_sessions_by_itself(event_app, database_url, monkeypatch):
    teacher = event_app.test_client()
    code, admin = create_event(teacher, groups="10A, 10B")
    seats = seats_of(teacher, admin)
    for group in (1, 2):
        client = event_app.test_client()
        join(client, code, seats[group], group)
        client.post("/quiz/1", data={"answer": "agree"})
        assert client.post("/event/send").status_code == 302
    engine = create_engine(database_url)
    tables = ("event", "event_group", "response", "seat")

    def rows() -> dict[str, int]:
        with engine.connect() as connection:
            return {
                t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in tables
            }

    assert rows() == {"event": 1, "event_group": 2, "response": 2, "seat": 33}
    # Time moves past the end (seven days, the default) and someone opens the front page:
    # no operator, no cron job.
    later = utc_now() + timedelta(days=7, minutes=1)
    monkeypatch.setattr("quiz.events.models.utc_now", lambda: later)
    event_app.extensions.pop("quiz.last_purge", None)  # this worker's last purge was earlier
    assert teacher.get("/").status_code == 200
    assert rows() == {"event": 0, "event_group": 0, "response": 0, "seat": 0}
    assert teacher.get(admin).status_code == 404
    engine.dispose()


def test_expired_events_are_refused_and_purged(event_app):
    teacher = event_app.test_client()
    code, dashboard = create_event(teacher)
    seats = seats_of(teacher, dashboard)
    student(event_app, code, seats[0], ["agree"] * SHORT)
    late = event_app.test_client()  # still answering when the session ends
    join(late, code, seats[1])
    late.post("/quiz/1", data={"answer": "agree"})
    with event_app.app_context():
        session = database.session()
        event = session.scalar(select(Event).where(Event.code == code))
        event.expires_at = utc_now() - timedelta(minutes=1)
        session.commit()
    refused = late.post("/event/send")
    assert refused.status_code == 410
    assert "Økta er avsluttet." in refused.get_data(as_text=True)
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
        ("", 400, "Koden har åtte tegn"),
        ("ABC", 400, "Koden har åtte tegn"),
        ("0OIL1Z2Q", 400, "Koden har åtte tegn"),  # look-alikes are never in a code
        ("<b>x</b>", 400, "Koden har åtte tegn"),
        ("' OR 1=1 --", 400, "Koden har åtte tegn"),
        ("X" * 5000, 400, "Koden har åtte tegn"),
        ("ZZZZ-ZZZZ", 404, "ingen pågående økt"),
        ("ZZZZZZ", 404, "ingen pågående økt"),  # six letters: sessions made before 0003
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
    assert client.get("/e/ZZZZZZZZ").status_code == 404
    assert client.get("/e/not-a-code").status_code == 404
    for door in ("admin", "skjerm", "oversikt"):
        assert client.get(f"/event/{code}/{door}/wrong-secret").status_code == 403
        assert client.get(f"/event/{code}/{door}/{'x' * 5000}").status_code == 403
    assert client.post(f"/event/{code}/admin/wrong/slett", data={"confirm": "y"}).status_code == 403
    assert client.get(f"/event/{code}/admin/wrong/fordeling.csv").status_code == 403
    assert client.get(f"/event/{code}/skjerm/wrong/samtaleark").status_code == 403
    # A session from before projector views: its admin page gives it one.
    with app.app_context():
        session = database.session()
        event = session.scalar(select(Event).where(Event.code == code))
        event.projector_hash = None
        session.commit()
    token = re.search(
        r'href="/event/[A-Z2-9]{8}/skjerm/([^"/?]+)"', client.get(dashboard).get_data(as_text=True)
    )[1]
    assert client.get(f"/event/{code}/skjerm/{token}").status_code == 200
    # The old admin links (before the projector view) lead to the admin page.
    secret = dashboard.rsplit("/", 1)[1]
    old = client.get(f"/event/{code}/oversikt/{secret}")
    assert (old.status_code, old.headers["Location"]) == (301, dashboard)
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
    saved = response.headers["Location"]
    html = client.get(saved).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    code = saved.split("/")[2]
    join = client.get(f"/e/{code}").get_data(as_text=True)
    assert "<script>alert" not in join
    if "script" in name:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in join


def oslo_wall_clock(days: int, hour: int = 14) -> datetime:
    """A wall-clock time in Oslo some days from now, as the teacher types it (no zone)."""
    return (datetime.now(OSLO) + timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0, tzinfo=None
    )


def test_bad_mode_and_end_time(client):
    assert client.post("/event/ny", data={"name": "x", "mode": "long"}).status_code == 400
    response = client.post("/event/ny", data={"name": "x", "mode": "short", "ends": "tomorrow"})
    assert response.status_code == 400
    assert "Skriv dato og klokkeslett" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("ends", "message"),
    [
        (oslo_wall_clock(-1), "Tidspunktet har allerede vært. Velg et tidspunkt fram i tid."),
        (datetime(2001, 1, 1, 8, 0), "Tidspunktet har allerede vært."),
        (oslo_wall_clock(31), "Økta kan vare høyst 30 dager. Velg et tidligere tidspunkt."),
        (datetime(2999, 1, 1, 10, 0), "Økta kan vare høyst 30 dager."),
    ],
)
def test_an_end_in_the_past_or_too_far_ahead_is_refused_on_the_form(client, ends, message):
    typed = ends.strftime("%Y-%m-%dT%H:%M")
    response = client.post("/event/ny", data={"name": "10B", "mode": "short", "ends": typed})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert 'id="ends-error"' in html and 'aria-invalid="true"' in html
    assert f'value="{typed}"' in html  # what the teacher typed is kept to correct
    assert 'value="10B"' in html


def test_an_end_within_thirty_days_is_accepted(client):
    typed = oslo_wall_clock(29).strftime("%Y-%m-%dT%H:%M")
    response = client.post("/event/ny", data={"name": "x", "mode": "short", "ends": typed})
    assert response.status_code == 303


def test_codes_avoid_look_alikes():
    for _ in range(200):
        code = codes.new_code()
        assert not set(code) & set("0O1IL")
    assert codes.normalise_code(" k7p2 qx9m ") == "K7P2QX9M"
    assert codes.normalise_code("K7P2-QX9M") == "K7P2QX9M"
    assert codes.normalise_code("K7P-2QX") == "K7P2QX"  # a session from before 0003
    assert codes.normalise_code("K7P2QX9") is None
    assert codes.normalise_seat("abcd-efgh") == "ABCDEFGH"
    assert codes.normalise_seat("K7P2QX") is None


def test_an_open_session_takes_one_and_a_half_times_its_size_then_says_it_is_full(event_app):
    teacher = event_app.test_client()
    code, admin = create_event(teacher, size="40", open_access="y")  # 60 places
    statuses, pages = [], []
    for _ in range(70):  # one address, as a school behind NAT, as fast as it can
        client = event_app.test_client()
        client.post(f"/e/{code}")
        client.post("/quiz/1", data={"answer": "agree"})
        response = client.post("/event/send")
        statuses.append(response.status_code)
        pages.append(response.get_data(as_text=True))
    assert statuses == [302] * 60 + [409] * 10
    assert "Økta er full." in pages[-1] and "svarene dine ble ikke sendt" in pages[-1]
    assert "For mange forespørsler" not in pages[-1]  # the send page, not a generic one
    html = teacher.get(admin).get_data(as_text=True)
    assert "60 svar" in html
    assert "Økta tar imot opptil 60 svar (oppgitt størrelse 40" in html
    assert "10 innsendinger ble avvist fordi økta var full." in html


def test_a_refused_send_stays_on_the_send_page_and_the_retry_counts(
    app_factory, database_url, clock
):
    app = app_factory(DATABASE_URL=database_url, SUBMIT_LIMIT="2 per 2 seconds")
    teacher = app.test_client()
    code, admin = create_event(teacher)
    seats = seats_of(teacher, admin)
    students = []
    for n in range(3):
        client = app.test_client()
        join(client, code, seats[n])
        client.post("/quiz/1", data={"answer": "disagree"})
        students.append(client)
    assert [c.post("/event/send").status_code for c in students[:2]] == [302, 302]
    refused = students[2].post("/event/send")
    assert refused.status_code == 429
    wait = int(refused.headers["Retry-After"])
    assert 1 <= wait <= 3
    html = refused.get_data(as_text=True)
    assert "Mange sender akkurat nå." in html
    assert f"Prøv igjen om {wait} sekunder." in html
    assert 'action="/event/send"' in html and "Prøv igjen</button>" in html
    assert "For mange forespørsler" not in html
    # The answers are still in the session: the retry after the wait is counted.
    assert "Du har svart på 1 av" in students[2].get("/event/send").get_data(as_text=True)
    clock.advance(wait)
    assert students[2].post("/event/send").status_code == 302
    assert "3 svar" in teacher.get(admin).get_data(as_text=True)
    # Sent by the page's script: JSON that says where to go on, the thanks kept for there.
    late = app.test_client()
    join(late, code, seats[3])
    late.post("/quiz/1", data={"answer": "agree"})
    clock.advance(wait)
    sent = late.post("/event/send", headers={"X-Requested-With": "fetch"})
    assert sent.get_json() == {"next": "/resultat"}
    assert "sendt anonymt" in late.get("/resultat").get_data(as_text=True)


def test_a_database_away_during_a_send_keeps_the_student_on_the_page(app_factory, tmp_path):
    url = f"sqlite:///{tmp_path / 'away.sqlite3'}"
    app = app_factory(DATABASE_URL=url)
    teacher = app.test_client()
    code, admin = create_event(teacher)
    client = app.test_client()
    join(client, code, seats_of(teacher, admin)[0])
    client.post("/quiz/1", data={"answer": "agree"})
    # The database goes away between the join and the send (the file is made unreadable
    # as a table: the same error a lost connection gives, DBAPIError).
    with app.app_context():
        engine = database.engine_of(app)
        with engine.begin() as connection:
            connection.execute(text("ALTER TABLE response RENAME TO response_away"))
    refused = client.post("/event/send")
    assert refused.status_code == 503
    assert refused.headers["Retry-After"] == "5"
    html = refused.get_data(as_text=True)
    assert "Tjenesten var utilgjengelig et øyeblikk." in html and "Prøv igjen</button>" in html
    with app.app_context(), database.engine_of(app).begin() as connection:
        connection.execute(text("ALTER TABLE response_away RENAME TO response"))
    assert client.post("/event/send").status_code == 302


def test_creating_events_is_rate_limited(app_factory):
    app = app_factory(CREATE_EVENT_LIMIT="3 per hour")
    client = app.test_client()
    codes = [
        client.post("/event/ny", data={"name": "x", "mode": "short"}).status_code for _ in range(4)
    ]
    assert codes == [303, 303, 303, 429]
    refused = client.post("/event/ny", data={"name": "x", "mode": "short"})
    assert 1 <= int(refused.headers["Retry-After"]) <= 3601  # within the hour, rounded up
    assert "For mange forespørsler" in client.post("/event/ny", data={"name": "x"}).get_data(
        as_text=True
    )


def test_end_time_is_the_teachers_wall_clock(app, client):
    typed = oslo_wall_clock(20)
    response = client.post(
        "/event/ny", data={"name": "x", "mode": "short", "ends": typed.strftime("%Y-%m-%dT%H:%M")}
    )
    code = response.headers["Location"].split("/")[2]
    with app.app_context():
        event = database.session().scalar(select(Event).where(Event.code == code))
        expires = event.expires_at.replace(tzinfo=UTC)
    assert expires == typed.replace(tzinfo=OSLO).astimezone(
        UTC
    )  # 14:00 Oslo is 13:00 UTC in winter
    admin = ADMIN_LINK.search(client.get(response.headers["Location"]).get_data(as_text=True))
    html = client.get(admin.group(1)).get_data(as_text=True)
    # Norwegian form through Babel: "4. desember kl. 14.00".
    months = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
              "september", "oktober", "november", "desember"]  # fmt: skip
    assert f"{typed.day}. {months[typed.month - 1]} kl. 14.00" in html


def test_seats_added_from_two_tabs_are_all_different(app):
    """Two admin tabs add seats, each holding the session as it last read it: the second
    numbers on from what the database holds, not from what its tab saw."""
    from sqlalchemy.orm import Session as DbSession

    from quiz.events import seats as seat_rules

    engine = database.engine_of(app)
    with DbSession(engine, expire_on_commit=False) as one, DbSession(engine) as two:
        event, secret = service.create_event(
            one, "x", "short", False, utc_now() + timedelta(days=1), expected_size=3
        )
        stale = two.get(Event, event.id)
        assert seat_rules.issue_seats(one, event, secret, 2) == 2
        stale.seats_issued = 3  # what the second tab last saw
        assert seat_rules.issue_seats(two, stale, secret, 2) == 2
        assert stale.seats_issued == 7 and seat_rules.seats_left(two, stale) == 7
        codes = seat_rules.seat_codes(secret, 0, 7)
        assert len(set(codes)) == 7
