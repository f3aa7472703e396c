"""Every page type of the site, as HTML, reached the way a visitor without JS reaches it."""

from __future__ import annotations

import re

from flask import Flask

from quiz.scoring.class_picture import BLOCK_SIZE
from tests.helpers import ADMIN_LINK, SEAT_CODE, SHARE_LINK, SHIPPED, SHORT, FormClient

AREAS = [area.id for area in SHIPPED.areas]
# The pages every content set has, one party or several: (name, path).
INFO_PAGES = (
    ("landing", "/"),
    ("about", "/om"),
    ("method", "/metode"),
    ("privacy", "/personvern"),
)


def _answer_in_turn(client, count: int) -> None:
    """Statements 1..count answered disagree, neutral, agree, disagree … (n % 3)."""
    for n in range(1, count + 1):
        client.post(f"/quiz/{n}", data={"answer": ["agree", "disagree", "neutral"][n % 3]})


def tour(app: Flask) -> dict[str, str]:
    """Every page type, rendered by the app as configured (CSRF on, as in production):
    its forms are posted with the token the site hands out, as a browser posts them."""
    pages: dict[str, str] = {}
    app.test_client_class = FormClient
    client = app.test_client()

    def keep(name: str, response) -> None:
        pages[name] = response.get_data(as_text=True)

    for name, path in (
        *INFO_PAGES,
        ("programme", "/program/partiet-sentrum-baerum-2023-2027"),
        ("event create", "/event/ny"),
        ("event join by code", "/event/bli-med"),
        ("error 404", "/finnes-ikke"),
        ("error 405", "/quiz/start"),
    ):
        keep(name, client.get(path))
    keep("error 400", client.post("/event/bli-med", data={"code": "?"}))
    keep("error 413", client.post("/quiz/1", data={"answer": "x" * 70_000}))

    client.post("/quiz/start", data={"mode": "short"})
    keep("statement", client.get("/quiz/1"))
    _answer_in_turn(client, SHORT)
    keep("priorities", client.get("/quiz/prioriteringer"))
    keep("results", client.get("/resultat"))
    keep("results, differences only", client.get("/resultat?vis=forskjeller"))
    share = SHARE_LINK.search(pages["results"])
    keep("shared result", client.get(share.group(1)))
    keep("shared result, bad token", client.get("/r/junk"))
    keep("results, overall only to share", client.get("/resultat?deling=samlet"))
    friend = app.test_client()
    _compare_as_friend(friend, share.group(1), SHORT, keep, pages, landing=True)

    teacher = app.test_client()
    created = teacher.post(
        "/event/ny",
        data={"name": "10B <valgdag>", "mode": "short", "kiosk": "y", "groups": "10A, 10B"},
    )
    saved = created.headers["Location"]
    keep("event, save the admin link", teacher.get(saved))
    code = saved.split("/")[2]
    admin = ADMIN_LINK.search(pages["event, save the admin link"]).group(1)
    keep("event admin, new", teacher.get(admin))
    projector = re.search(r'href="(/event/[^"]+/skjerm/[^"/]+)"', pages["event admin, new"])[1]
    keep("event projector, empty", teacher.get(projector))
    keep("event seat sheet", teacher.get(admin + "/plasser"))
    seats = SEAT_CODE.findall(pages["event seat sheet"])
    keep("event join", teacher.get(f"/e/{code}"))
    keep("event join, no group chosen", teacher.post(f"/e/{code}", data={}))
    keep("event join, seat refused", teacher.post(f"/e/{code}", data={"group": "1", "seat": "x"}))
    for i in range(BLOCK_SIZE + 1):
        student = app.test_client()
        group = "1" if i < BLOCK_SIZE else "2"
        student.post(f"/e/{code}", data={"group": group, "seat": seats[i]})
        if i == 0:
            keep("statement in an event", student.get("/quiz/1"))
        for n in range(1, SHORT + 1):
            student.post(f"/quiz/{n}", data={"answer": ["agree", "skip", "disagree"][(n + i) % 3]})
        student.post("/quiz/prioriteringer", data={f"w_{a}": "1" for a in AREAS})
        if i == 0:
            keep("event submit", student.get("/event/send"))
        assert student.post("/event/send", data={}).status_code == 302
        if i == 0:
            keep("event thanks", student.get(f"/e/{code}/takk"))
            keep("event next student (kiosk)", student.get(f"/e/{code}/ny-elev"))
    keep("event admin, with results", teacher.get(admin))
    keep("event projector, one group shown", teacher.get(projector))
    keep("event discussion sheet", teacher.get(projector + "/samtaleark"))
    keep("event projector, one group's own view", teacher.get(projector + "?gruppe=1"))
    keep("error 403", teacher.get(f"/event/{code}/admin/wrong"))
    frame = _embed_quiz(app, SHORT, keep)
    keep("embed, start again", frame.post("/embed/quiz", data={"state": "junk", "n": "1"}))
    # Two browsers with one seat: the second send is refused on the send page.
    twins = [app.test_client(), app.test_client()]
    for twin in twins:
        twin.post(f"/e/{code}", data={"group": "2", "seat": seats[BLOCK_SIZE + 1]})
        twin.post("/quiz/1", data={"answer": "agree"})
    assert twins[0].post("/event/send", data={}).status_code == 302
    used = twins[1].post("/event/send", data={})
    assert used.status_code == 409
    keep("event send, seat used", used)
    # An open session for one (1.5 x 1 = one place) and a second student: the "full" page.
    small = teacher.post(
        "/event/ny", data={"name": "Liten", "mode": "short", "size": "1", "open_access": "y"}
    )
    small_code = small.headers["Location"].split("/")[2]
    keep("event join, open session", teacher.get(f"/e/{small_code}"))
    for _student in range(2):
        student = app.test_client()
        student.post(f"/e/{small_code}", data={})
        student.post("/quiz/1", data={"answer": "agree"})
        sent = student.post("/event/send", data={})
    assert sent.status_code == 409, (sent.status_code, sent.headers.get("Location"))
    keep("event send, session full", sent)
    return pages


def party_tour(app: Flask, catalogue) -> dict[str, str]:
    """The pages that differ with several parties (the app runs on such content), reached
    as a visitor without JS reaches them; CSRF on, as in production."""
    pages: dict[str, str] = {}
    app.test_client_class = FormClient
    client = app.test_client()
    short = len(catalogue.core_statements())
    full = len(catalogue.statements)

    def keep(name: str, response) -> None:
        assert response.status_code < 500, name
        pages[name] = response.get_data(as_text=True)

    for name, path in (
        *INFO_PAGES,
        ("parties", "/partier"),
        ("party", f"/partier/{catalogue.parties[-1].id}"),
        ("statement's parties", f"/pastander/{catalogue.statements[0].id}"),
    ):
        keep(name, client.get(path))
    client.post("/quiz/start", data={"mode": "full"})
    _answer_in_turn(client, full)
    keep("results", client.get("/resultat"))
    keep("compare in detail", client.get(f"/resultat/parti/{catalogue.parties[0].id}"))
    share = SHARE_LINK.search(pages["results"])
    keep("shared result", client.get(share.group(1)))
    _compare_as_friend(app.test_client(), share.group(1), short, keep, pages)
    few = app.test_client()
    few.post("/quiz/start", data={"mode": "short"})
    few.post("/quiz/1", data={"answer": "agree"})
    keep("results, too few answers to share", few.get("/resultat"))

    teacher = app.test_client()
    created = teacher.post("/event/ny", data={"name": "Valgdag", "mode": "short", "kiosk": "y"})
    saved = created.headers["Location"]
    code = saved.split("/")[2]
    admin = ADMIN_LINK.search(teacher.get(saved).get_data(as_text=True)).group(1)
    seats = SEAT_CODE.findall(teacher.get(admin + "/plasser").get_data(as_text=True))
    for i in range(BLOCK_SIZE):
        student = app.test_client()
        student.post(f"/e/{code}", data={"seat": seats[i]})
        for n in range(1, short + 1):
            student.post(
                f"/quiz/{n}", data={"answer": ["agree", "neutral", "disagree"][(n * i) % 3]}
            )
        assert student.post("/event/send", data={}).status_code == 302
    keep("event admin, with results", teacher.get(admin))
    projector = re.search(
        r'href="(/event/[^"]+/skjerm/[^"/]+)"', pages["event admin, with results"]
    )[1]
    keep("event projector", teacher.get(projector))
    keep("event discussion sheet", teacher.get(projector + "/samtaleark"))
    _embed_quiz(app, short, keep)
    return pages


def _compare_as_friend(friend, share_path: str, short: int, keep, pages, landing=False) -> None:
    """A friend opens a share link, asks to compare, takes the short quiz and opens the
    comparison link their results page offers."""
    token = share_path.rsplit("/", 1)[1]
    friend.post(f"/r/{token}/sammenlign", data={})
    if landing:
        keep("landing, to compare", friend.get("/?sammenlign=1"))
    friend.post("/quiz/start", data={"mode": "short"})
    for n in range(1, short + 1):
        friend.post(f"/quiz/{n}", data={"answer": ["disagree", "agree"][n % 2]})
    keep("results, compared with a friend", friend.get("/resultat"))
    compared = re.search(
        r'id="compare-url" type="url" readonly value="https?://[^/]+([^"]+)"',
        pages["results, compared with a friend"],
    )
    keep("shared comparison", friend.get(compared.group(1)))


def _embed_quiz(app: Flask, short: int, keep):
    """The short quiz in another site's iframe (no cookies), to its result; the frame's
    client, for more steps."""
    frame = app.test_client(use_cookies=False)
    keep("embed start", frame.get("/embed?lang=nb"))
    step = frame.post("/embed/quiz", data={"mode": "short", "lang": "nb"})
    keep("embed statement", step)
    for n in range(1, short + 1):
        state = re.search(r'name="state" value="([^"]+)"', step.get_data(as_text=True))[1]
        step = frame.post("/embed/quiz", data={"state": state, "n": str(n), "answer": "agree"})
    keep("embed result", step)
    return frame
