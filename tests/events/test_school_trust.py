"""Skolevalg you can trust, tried by the people docs/school-sessions.md names: a student
with one seat who sends fakes to read out a classmate, one client that tries to fill a
session, an outsider guessing codes and seats, a site that links to a kiosk's reset. The
attacks run against real gunicorn servers with the shipped settings."""

from __future__ import annotations

import csv
import io
import itertools
import json
import logging
import re
import shutil
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import text

from quiz.events import db
from quiz.scoring.class_picture import BLOCK_SIZE, MIN_RESPONSES
from quiz.web import database
from quiz.web.security import CACHING, NO_STORE
from tests.helpers import (
    CHOICES,
    ROOT,
    SHIPPED,
    SHORT,
    FormClient,
    create_event,
    edit,
    join,
    projector_of,
    seats_of,
    spreadsheet_rows,
    take_quiz,
)
from tests.servers import AppServer, Browserless, join_data
from tests.servers import create_event as create_event_on
from tests.servers import seats_of as seats_on

CORE = SHIPPED.core_statements()
LABELS = {"agree": "Enig", "neutral": "Nøytral", "disagree": "Uenig", "skip": "Hoppet over"}


def answered(base: str, code: str, seat: str | None, answers: list[str], source=None):
    """A student (or an attacker's fresh browser) who joins with a seat and answers the
    whole short quiz, about to press send. Returns the client and the join's status."""
    student = Browserless(base, source)
    student.get(f"/e/{code}")
    status, _ = student.post(f"/e/{code}", join_data(seat))
    if status == 302:
        for n, answer in enumerate(answers, start=1):
            student.post(f"/quiz/{n}", {"answer": answer})
    return student, status


def others_answers(rng: np.random.Generator) -> list[str]:
    return [str(a) for a in rng.choice(CHOICES, size=SHORT)]


def downloaded(base: str, admin: str) -> list[dict[str, str]] | None:
    status, body = Browserless(base).get(admin + "/fordeling.csv")
    if status != 200:
        return None
    return list(csv.DictReader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))


def test_fake_sends_read_out_no_classmate_and_fill_no_session(database_url):
    """The attack of issue 19, replayed: a student sends four fakes with known answers (a
    fresh cookie each time) and waits for one real classmate, to subtract the fakes from
    what the projector and the spreadsheet show. Here the student holds one seat: one fake
    is stored, the other three are refused, nothing is shown while two responses are in,
    and when the block of six is sealed, what is left after subtracting the one known fake
    is five students' answers mixed, from which the classmate's cannot be read."""
    db.upgrade(database_url)
    rng = np.random.default_rng(19)
    with AppServer(database_url) as server:
        code, admin, projector = create_event_on(server.url, "10B", size=str(BLOCK_SIZE))
        seats = seats_on(server.url, admin)
        mine, classmates = seats[0], seats[1:]
        fake = ["agree"] * SHORT
        sends = []
        for attempt in range(4):
            # Fresh cookies each time; the seat it holds, then codes it makes up, then none.
            seat = mine if attempt < 2 else ["ABCD-EFGH", None][attempt % 2]
            attacker, joined = answered(server.url, code, seat, fake)
            sends.append((joined, attacker.post("/event/send")[0] if joined == 302 else None))
        assert sends[0] == (302, 302)  # its one seat: one response
        assert sends[1] == (403, None)  # the same seat again: used
        assert sends[2] == (403, None)  # a seat that is not this session's
        assert sends[3] == (400, None)  # no seat at all
        # Pressing send without having joined sends nothing (there is no session to send to).
        stranger = Browserless(server.url)
        stranger.get("/")
        assert stranger.post("/event/send")[0] == 302

        # The one real classmate the attack waited for.
        target = others_answers(rng)
        student, joined = answered(server.url, code, classmates[0], target)
        assert (joined, student.post("/event/send")[0]) == (302, 302)
        _status, shown = Browserless(server.url).get(projector)
        assert "2 svar" in shown and "Klassen er" not in shown and "dist-value" not in shown
        assert downloaded(server.url, admin) is None  # nothing to download yet: 403

        # Four more classmates: the block of six is sealed and shown.
        for seat in classmates[1:]:
            student, joined = answered(server.url, code, seat, others_answers(rng))
            assert (joined, student.post("/event/send")[0]) == (302, 302)
        rows = downloaded(server.url, admin)
        assert rows is not None and {r["Gruppe"] for r in rows} == {"Hele økta"}
        assert {r["Svar bak tallene"] for r in rows} == {str(BLOCK_SIZE)}
        # The attacker subtracts what it knows (its one fake) from every statement's counts.
        recovered = []
        for n, row in enumerate(rows):
            rest = {a: int(row[LABELS[a]]) - (fake[n] == a) for a in CHOICES}
            assert sum(rest.values()) == MIN_RESPONSES  # five others' answers, mixed
            forced = [a for a, c in rest.items() if c == MIN_RESPONSES]
            recovered.append(forced[0] if forced else None)
        # Only where all five others answered alike is anything known, and that is not
        # one student's answer read out but the whole group's; the classmate's answers
        # as a whole are not recovered.
        assert recovered != target
        assert sum(r is not None for r in recovered) < SHORT / 4

        # One client cannot fill the session: a real student still gets in... no seat is
        # left here (six of six used), so the teacher sees it, and why sends were refused.
        _status, page = Browserless(server.url).get(admin)
        assert "0 av 6 plasskoder er ikke brukt ennå." in page
        assert "2 forsøk ble avvist fordi plasskoden var ukjent eller allerede brukt." in page
        assert "6 svar" in page


def test_one_client_cannot_fill_a_session_or_turn_students_away(database_url):
    """Six sends from one client filled a session of size 4 before; with seats, one
    client's six sends store one response, and the three classmates all get in."""
    db.upgrade(database_url)
    with AppServer(database_url) as server:
        code, admin, _projector = create_event_on(server.url, "10A", size="4")
        seats = seats_on(server.url, admin)
        statuses = []
        for _ in range(6):  # a fresh cookie each time, always the one seat it was given
            client, joined = answered(server.url, code, seats[0], ["agree"])
            statuses.append(client.post("/event/send")[0] if joined == 302 else joined)
        assert statuses == [302, 403, 403, 403, 403, 403]
        for seat in seats[1:]:
            client, joined = answered(server.url, code, seat, ["disagree"])
            assert (joined, client.post("/event/send")[0]) == (302, 302)
        _status, page = Browserless(server.url).get(admin)
        assert "4 svar" in page
        assert "5 forsøk ble avvist fordi plasskoden var ukjent eller allerede brukt." in page


def test_a_guesser_is_refused_while_a_school_with_ten_mistypes_gets_in(tmp_path):
    """Shipped settings (LOOKUP_LIMIT 40 per 10 minutes per address and per worker, two
    workers). An outsider at 127.0.0.2 tries codes, then seats; a school at 127.0.0.1 of
    150 students, ten of whom mistype the code first, all join and send."""
    url = f"sqlite:///{tmp_path / 'guess.sqlite3'}"
    db.upgrade(url)
    workers = 2
    with AppServer(url, workers=workers) as server:
        code, admin, projector = create_event_on(server.url, "Skolevalg", size="150")
        seats = seats_on(server.url, admin)
        guesser = Browserless(server.url, "127.0.0.2")
        guesser.get("/event/bli-med")
        guesses = ["".join(p) for p in itertools.product("ABCDEFGH", repeat=4)][:300]
        statuses = [guesser.post("/event/bli-med", {"code": f"ZZZZ{g}"})[0] for g in guesses]
        assert set(statuses) == {404, 429}
        # Each worker keeps its own count with memory:// (docs/school-sessions.md).
        assert statuses.count(404) <= 40 * workers
        assert statuses[-100:] == [429] * 100
        assert "Vent" in guesser.post("/event/bli-med", {"code": code})[1]  # even the right one
        # Seats are looked up under the same budget, from a third address.
        seat_guesser = Browserless(server.url, "127.0.0.3")
        seat_guesser.get(f"/e/{code}")
        tries = [seat_guesser.post(f"/e/{code}", {"seat": f"ZZZZ{g}"})[0] for g in guesses]
        assert tries.count(403) <= 40 * workers and tries[-100:] == [429] * 100

        def one_student(n: int) -> tuple[int, int, int]:
            student = Browserless(server.url)  # 127.0.0.1: the school's one address
            student.get("/event/bli-med")
            mistyped = 0
            if n < 10:  # ten of them type the code wrong first
                typo = code[:-1] + ("Y" if code.endswith("Z") else "Z")
                mistyped = student.post("/event/bli-med", {"code": typo})[0]
            found = student.post("/event/bli-med", {"code": code})[0]
            status, _ = student.post(f"/e/{code}", {"seat": seats[n]})
            student.post("/quiz/1", {"answer": "agree"})
            return mistyped, found, status if status != 302 else student.post("/event/send")[0]

        with ThreadPoolExecutor(max_workers=16) as pool:
            results = list(pool.map(one_student, range(150)))
        wrong = [m for m, _f, _s in results[:10]]
        assert all(m in (404, 400) for m in wrong), wrong
        assert [(f, s) for _m, f, s in results] == [(302, 302)] * 150
        assert "150 svar" in Browserless(server.url).get(projector)[1]


def test_failed_lookups_are_counted_per_ipv6_64(app_factory):
    app = app_factory(LOOKUP_LIMIT="3 per minute")

    def tries(address: str, n: int = 1) -> list[int]:
        client = app.test_client()
        return [
            client.post(
                "/event/bli-med", data={"code": "ZZZZZZZZ"}, environ_base={"REMOTE_ADDR": address}
            ).status_code
            for _ in range(n)
        ]

    assert tries("2001:db8:1:2::10", 3) == [404, 404, 404]
    assert tries("2001:db8:1:2:ffff:1:2:3") == [429]  # another address in the same /64
    assert tries("2001:db8:1:3::1") == [404]  # the next /64 is another household
    assert tries("192.0.2.1", 3) == [404, 404, 404]
    assert tries("::ffff:192.0.2.1") == [429]  # the same IPv4 address, written as IPv6
    assert tries("192.0.2.2") == [404]
    # Lookups that found the session cost nothing.
    teacher = app.test_client()
    code, _admin = create_event(teacher)
    for _ in range(10):
        found = app.test_client().post(
            "/event/bli-med", data={"code": code}, environ_base={"REMOTE_ADDR": "192.0.2.9"}
        )
        assert found.status_code == 302


def test_a_cross_site_link_to_the_kiosk_reset_leaves_the_answers(app_factory):
    app = app_factory(WTF_CSRF_ENABLED=True)
    app.test_client_class = FormClient
    teacher = app.test_client()
    code, admin = create_event(teacher, kiosk="y")
    student = app.test_client()
    join(student, code, seats_of(teacher, admin)[0])
    student.post("/quiz/1", data={"answer": "agree"})

    def still_answered() -> bool:
        return "Du har svart på 1 av" in student.get("/event/send").get_data(as_text=True)

    assert still_answered()
    cross_site = {"Sec-Fetch-Site": "cross-site", "Referer": "https://evil.example/"}
    assert student.get(f"/e/{code}/ny-elev", headers=cross_site).status_code == 200
    assert student.head(f"/e/{code}/ny-elev", headers=cross_site).status_code == 200
    assert still_answered()
    # A forged POST (another site's form cannot read the token): refused, answers kept.
    forged = app.test_client(use_cookies=True)
    forged._cookies = student._cookies  # the kiosk's own cookie, as the browser would send
    refused = forged.post(f"/e/{code}/ny-elev", data={"csrf_token": "forged"})
    assert refused.status_code == 400
    assert still_answered()
    # The page's own button (its token): the next student starts clean.
    assert student.post(f"/e/{code}/ny-elev", data={}).headers["Location"] == f"/e/{code}"
    assert "Du har ikke svart på noen" in student.get("/resultat").get_data(as_text=True)


def test_a_formula_in_a_group_name_is_text_in_the_download(app_factory, database_url):
    app = app_factory(DATABASE_URL=database_url)
    teacher = app.test_client()
    names = ['=HYPERLINK("http://x")', "+47", "-1", "@SUM(A1)"]
    code, admin = create_event(teacher, groups="; ".join(names))
    seats = seats_of(teacher, admin)
    for group in range(1, len(names) + 1):
        for n in range(BLOCK_SIZE):
            student = app.test_client()
            join(student, code, seats[(group - 1) * BLOCK_SIZE + n], group)
            student.post("/quiz/1", data={"answer": "agree"})
            assert student.post("/event/send").status_code == 302
    rows = spreadsheet_rows(teacher.get(admin + "/fordeling.csv").get_data())
    groups = {r["Gruppe"] for r in rows}
    assert groups == {"Hele økta", *("'" + name for name in names)}
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_every_route_is_classified_and_answers_and_secrets_are_no_store(app_factory):
    """Every endpoint of the url map is in security.CACHING, so a new route must be
    decided; every no-store route says so on what it answers: pages, redirects and errors."""
    app = app_factory()
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints == set(CACHING), endpoints ^ set(CACHING)
    teacher = app.test_client()
    code, admin = create_event(teacher, kiosk="y")
    secret = admin.rsplit("/", 1)[1]
    token = projector_of(teacher, admin).rsplit("/", 1)[1]
    student = app.test_client()
    join(student, code, seats_of(teacher, admin)[0])
    student.post("/quiz/1", data={"answer": "agree"})
    values = {"code": code, "secret": secret, "token": token, "number": 1}
    checked = 0
    for rule in app.url_map.iter_rules():
        if CACHING[rule.endpoint] != NO_STORE:
            continue
        path = rule.rule
        for name, value in values.items():
            path = re.sub(rf"<(?:\w+:)?{name}>", str(value), path)
        client = teacher if {"secret", "token"} & rule.arguments else student
        for method in sorted(rule.methods & {"GET", "POST"}):
            response = client.open(path, method=method, data={})
            assert response.headers["Cache-Control"] == "no-store", (method, path)
            checked += 1
    assert checked >= 30
    # The public pages keep their own policy.
    assert "public" in teacher.get("/api/v1/quiz").headers["Cache-Control"]
    assert teacher.get("/metode").headers["Cache-Control"] == "private, no-cache"
    # A mistyped admin link (no route) is no-store too: it may hold a secret.
    assert teacher.get(f"/event/{code}/admin/{secret}x/y").headers["Cache-Control"] == "no-store"


def test_no_log_line_holds_a_secret_while_the_database_is_away(app_factory, tmp_path, caplog):
    url = f"sqlite:///{tmp_path / 'away.sqlite3'}"
    app = app_factory(DATABASE_URL=url)
    teacher = app.test_client()
    code, admin = create_event(teacher)
    secret = admin.rsplit("/", 1)[1]
    token = projector_of(teacher, admin).rsplit("/", 1)[1]
    seat = seats_of(teacher, admin)[0]
    with app.app_context(), database.engine_of(app).begin() as connection:
        connection.execute(text("ALTER TABLE event RENAME TO event_away"))
    caplog.set_level(logging.DEBUG)
    paths = [admin, admin + "/fordeling.csv", admin + "/plasser", f"/event/{code}/skjerm/{token}"]
    for path in paths:
        assert teacher.get(path).status_code == 503, path
    assert teacher.post(f"/e/{code}", data={"seat": seat}).status_code == 503
    lines = [record.getMessage() for record in caplog.records]
    assert any("database unavailable on GET /event/<code>/admin/<secret>" in x for x in lines)
    for line in lines:
        for secret_value in (secret, token, seat, code):
            assert secret_value not in line, line


def test_an_unexpected_error_logs_the_route_not_the_path(app_factory, caplog, monkeypatch):
    app = app_factory()
    teacher = app.test_client()
    code, admin = create_event(teacher)
    secret = admin.rsplit("/", 1)[1]

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("quiz.events.service.open_projector", broken)
    caplog.set_level(logging.DEBUG)
    assert teacher.get(admin).status_code == 500
    lines = [record.getMessage() for record in caplog.records]
    assert any("on GET /event/<code>/admin/<secret>" in line for line in lines), lines
    assert not any(secret in line or code in line for line in lines)


def worker_rss_kib(server: AppServer) -> int:
    """The resident memory of the server's one worker, as the kernel counts it."""
    pid = server.process.pid
    (worker,) = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    status = Path(f"/proc/{worker}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status)[1])


def test_junk_weights_do_not_grow_a_worker(tmp_path):
    """POST /resultat and /quiz/prioriteringer with a new junk weight each time: a cache
    keyed by the submitted value grew a worker by 70 KB a request. Measured after a
    warm-up of 3 000 requests, the next 3 000 may add at most 5 MiB."""
    import http.client

    url = f"sqlite:///{tmp_path / 'rss.sqlite3'}"
    db.upgrade(url)
    with AppServer(url, workers=1, threads=1, extra=["--max-requests", "0"]) as server:
        visitor = Browserless(server.url)
        visitor.get("/")
        cookie = "; ".join(f"{c.name}={c.value}" for c in visitor.jar)
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        areas = [a.id for a in SHIPPED.areas]

        def junk(n: int) -> None:
            body = {f"w_{a}": f"junk-{n}-{a}" for a in areas}
            body["csrf_token"] = visitor.token
            path = "/resultat" if n % 2 else "/quiz/prioriteringer"
            connection.request(
                "POST",
                path,
                urllib.parse.urlencode(body),
                {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
            )
            response = connection.getresponse()
            response.read()
            assert response.status == 400, response.status

        try:
            for n in range(3000):
                junk(n)
            warm = worker_rss_kib(server)
            for n in range(3000, 6000):
                junk(n)
            grown = worker_rss_kib(server) - warm
        finally:
            connection.close()
        print(f"worker RSS {warm} KiB after 3 000 junk requests, +{grown} KiB after 6 000")
        assert grown <= 5 * 1024


@pytest.mark.parametrize(
    "body",
    [
        json.dumps({"mode": "short", "answers": {CORE[0].id: ["agree"]}}),
        json.dumps({"mode": "short", "answers": {CORE[0].id: {"x": 1}}}),
        "[" * 10_000 + "]" * 10_000,
        json.dumps({"mode": "long", "answers": {CORE[0].id: "agree"}}),
        json.dumps({"mode": "short", "answers": {"no-such-id": "agree"}, "extra": 1}),
        "not json",
    ],
)
def test_the_embed_refuses_a_bad_body_with_4xx(client, body):
    response = client.post("/embed/svar", data=body, headers={"Content-Type": "application/json"})
    assert 400 <= response.status_code < 500


def test_the_embed_still_scores_a_good_body(client):
    body = {"mode": "short", "answers": {s.id: "agree" for s in CORE}}
    response = client.post("/embed/svar", json=body)
    assert response.status_code == 200


def test_a_content_change_during_a_live_session(app_factory, database_url, tmp_path):
    """Sessions last up to 30 days; the catalogue may change meanwhile (a deploy). Students
    who join afterwards take the new quiz; the picture counts each statement over the
    responses that were asked it, and says that the content changed; nothing fails."""
    changed = tmp_path / "statements"
    shutil.copytree(ROOT / "statements", changed)
    added = next(s for s in SHIPPED.statements if not s.core)
    area_file = changed / f"{added.area}.toml"
    edit(area_file, f'id = "{added.id}"\n', f'id = "{added.id}"\ncore = true\n')
    before = app_factory(DATABASE_URL=database_url)
    after = app_factory(DATABASE_URL=database_url, STATEMENTS_DIR=changed)
    teacher = before.test_client()
    code, admin = create_event(teacher)
    seats = iter(seats_of(teacher, admin))
    # One student joins before the change and sends after it.
    early = before.test_client()
    join(early, code, next(seats))
    early.post("/quiz/1", data={"answer": "agree"})
    for _ in range(BLOCK_SIZE):
        student = before.test_client()
        join(student, code, next(seats))
        take_quiz(student, start=False)
        assert student.post("/event/send").status_code == 302
    # The deploy: the same database, the new statements.
    later = after.test_client()
    later._cookies = early._cookies
    assert later.post("/event/send").status_code == 302
    for _ in range(BLOCK_SIZE - 1):
        student = after.test_client()
        join(student, code, next(seats))
        page = student.get("/quiz/1").get_data(as_text=True)
        assert f"av {SHORT + 1}" in page  # the new quiz
        for n in range(1, SHORT + 2):
            student.post(f"/quiz/{n}", data={"answer": "disagree"})
        assert student.post("/event/send").status_code == 302
    admin_page = after.test_client().get(admin)
    assert admin_page.status_code == 200
    html = admin_page.get_data(as_text=True)
    assert "Påstandene ble endret mens økta pågikk." in html
    assert f"{2 * BLOCK_SIZE} svar" in html
    rows = {r["Påstand-id"]: r for r in spreadsheet_rows(
        after.test_client().get(admin + "/fordeling.csv").get_data()
    )}  # fmt: skip
    assert rows[added.id]["Svar bak tallene"] == str(BLOCK_SIZE)
    assert rows[added.id]["Uenig"] == str(BLOCK_SIZE - 1)  # the early student skipped it
    assert rows[CORE[0].id]["Svar bak tallene"] == str(2 * BLOCK_SIZE)
    # The old content's app reads the same session without failing.
    assert before.test_client().get(admin).status_code == 200


def test_the_privacy_page_gives_the_rule_in_its_numbers(client):
    """The numbers come from class_picture, so changing them changes what the page says."""
    html = client.get("/personvern").get_data(as_text=True)
    assert f"Svarene vises i blokker på {BLOCK_SIZE} fra samme gruppe." in html
    assert f"møter alltid minst {MIN_RESPONSES} andres svar i den" in html
    english = client.get("/personvern", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert f"at least {MIN_RESPONSES} other people's answers" in english


def test_the_teacher_adds_seats_and_prints_them_again(app_factory):
    app = app_factory()
    teacher = app.test_client()
    code, admin = create_event(teacher, size="3")
    first = seats_of(teacher, admin)
    assert len(first) == 3
    added = teacher.post(admin + "/plasser", data={"count": "2"})
    assert added.headers["Location"] == admin
    page = teacher.get(admin).get_data(as_text=True)
    assert "2 plasser er lagt til. Skriv ut plasskodene på nytt." in page
    assert "5 av 5 plasskoder er ikke brukt ennå." in page
    again = seats_of(teacher, admin)
    assert again[:3] == first and len(set(again)) == 5  # the same slips, and two more
    student = app.test_client()
    assert join(student, code, again[4]).headers["Location"] == "/quiz/1"
    for bad in ("0", "-1", "x", "99999"):
        refused = teacher.post(admin + "/plasser", data={"count": bad})
        assert refused.status_code == 302, bad
    assert len(seats_of(teacher, admin)) == 5


@pytest.mark.parametrize("seat", ["", "x" * 41, "ABCD", "<b>ABCD-EFGH</b>", "ABCD-EFGH"])
def test_a_bad_seat_code_is_refused_on_the_join_page_with_its_own_message(app_factory, seat):
    app = app_factory()
    code, _admin = create_event(app.test_client())
    response = join(app.test_client(), code, seat)
    assert response.status_code in (400, 403)
    html = response.get_data(as_text=True)
    assert "Plasskoden er ukjent eller allerede brukt." in html and "<b>ABCD" not in html
    assert 'id="seat-error"' in html and "Velg gruppen din." not in html
