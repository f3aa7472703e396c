"""Skolevalg sessions through the app: three doors with three rights, groups and their
threshold, the spreadsheet, the discussion sheet."""

from __future__ import annotations

import re

import pytest

from quiz.scoring.class_picture import BLOCK_SIZE
from tests.helpers import (
    SHIPPED,
    SHORT,
    create_event,
    join,
    projector_of,
    seats_of,
    spreadsheet_rows,
    take_quiz,
)


@pytest.fixture
def school(app_factory, database_url):
    return app_factory(DATABASE_URL=database_url)


def join_and_send(
    app, code: str, seat: str, group: int | None, answer: str = "agree", important=False
):
    """One student: joins with their seat (choosing a group), answers everything, sends."""
    client = app.test_client()
    response = join(client, code, seat, group)
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    take_quiz(client, "short", answer, start=False)
    if important:
        core = SHIPPED.core_statements()
        weights = {f"w_{a.id}": str(a.weight) for a in SHIPPED.areas}
        response = client.post("/quiz/prioriteringer", data={"viktig": [core[0].id], **weights})
        assert response.status_code == 302
    assert client.post("/event/send").status_code == 302
    return client


def test_the_three_doors(school):
    teacher = school.test_client()
    response = teacher.post("/event/ny", data={"name": "Skolevalg", "mode": "short"})
    # The teacher lands on a page that shows the admin link once; its address holds none.
    assert response.status_code == 303
    saved_path = response.headers["Location"]
    assert re.fullmatch(r"/event/[A-Z2-9]{8}/lenke", saved_path)
    saved = teacher.get(saved_path).get_data(as_text=True)
    assert "Ta vare på lærerlenken" in saved and "mailto:?subject=" in saved
    admin = re.search(r'id="admin-url" type="url" readonly value="http://[^/]+([^"]+)"', saved)[1]
    code, secret = admin.split("/")[2], admin.split("/")[4]
    assert "Kopier lenken" in saved
    admin_page = teacher.get(admin).get_data(as_text=True)
    # Once the admin page has been opened, the save page no longer shows the link.
    again = teacher.get(saved_path)
    assert again.status_code == 302 and secret not in again.get_data(as_text=True)

    projector = projector_of(teacher, admin)
    token = projector.rsplit("/", 1)[1]
    assert secret not in projector and token != secret
    # The admin page links to the projector view and holds delete and download.
    assert f'href="{projector}"' in admin_page
    assert f'action="{admin}/slett"' in admin_page

    # The projector view: code and QR, no admin secret, no delete, no download.
    shown = teacher.get(projector).get_data(as_text=True)
    assert code in shown and "<svg" in shown
    assert secret not in shown
    assert (
        "/slett" not in shown
        and "fordeling.csv" not in shown
        and "<form" not in shown.split("<main", 1)[1].split("</main>", 1)[0]
    )
    assert "/admin/" not in shown and "/oversikt/" not in shown
    # Nor the discussion sheet (reached from the projector).
    sheet = teacher.get(projector + "/samtaleark").get_data(as_text=True)
    assert secret not in sheet and "/admin/" not in sheet
    # The projector token opens nothing of the teacher's.
    assert teacher.get(f"/event/{code}/admin/{token}").status_code == 403
    assert teacher.get(f"/event/{code}/admin/{token}/fordeling.csv").status_code == 403
    assert (
        teacher.post(f"/event/{code}/admin/{token}/slett", data={"confirm": "y"}).status_code == 403
    )


def test_no_page_a_student_reaches_holds_the_admin_link(school):
    teacher = school.test_client()
    code, admin = create_event(teacher, groups="10A, 10B")
    secret = admin.rsplit("/", 1)[1]
    projector = projector_of(teacher, admin)
    seats = seats_of(teacher, admin)
    students = [join_and_send(school, code, seats[n], 1 + n % 2) for n in range(10)]
    student = students[0]
    pages = [
        "/", f"/e/{code}", f"/e/{code}?gruppe=2", "/event/bli-med", "/quiz/1", "/quiz/oversikt",
        "/quiz/prioriteringer", "/event/send", "/resultat", "/personvern", projector,
        projector + "/samtaleark",
    ]  # fmt: skip
    for path in pages:
        response = student.get(path)
        assert response.status_code in (200, 302), path
        body = response.get_data(as_text=True)
        assert secret not in body, path
        assert "/admin/" not in body, path
        for seat in seats:  # nor any seat code, not even the student's own used one
            assert seat not in body and seat.replace("-", "") not in body, path
    # Joining by code leads a student of a grouped session to choose the group first.
    newcomer = school.test_client()
    assert newcomer.post("/event/bli-med", data={"code": code}).headers["Location"] == f"/e/{code}"


def test_groups_show_by_sealed_blocks_and_the_whole_is_their_sum(school):
    teacher = school.test_client()
    code, admin = create_event(teacher, "Skolevalg", groups="10A, 10B, 10C", size="90")
    projector = projector_of(teacher, admin)
    seats = iter(seats_of(teacher, admin))
    for _ in range(BLOCK_SIZE):
        join_and_send(school, code, next(seats), 1, "agree")
    join_and_send(school, code, next(seats), 2, "disagree")
    html = teacher.get(projector).get_data(as_text=True)
    assert f"{BLOCK_SIZE + 1} svar: 10A {BLOCK_SIZE}, 10B 1, 10C 0" in html
    # The whole is 10A's sealed block alone: 10B's one answer waits, and is said to.
    assert f"Tallene bygger på {BLOCK_SIZE} svar." in html
    assert "1 svar venter på å bli med." in html
    table = html.split('<table class="group-table">', 1)[1].split("</table>", 1)[0]
    head = table.split("</thead>", 1)[0]
    assert ">10A<" in head and ">10B<" in head and ">Alle<" in head
    first_row = table.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r"<td>(.*?)</td>", first_row)
    assert "&nbsp;%" in cells[0] and cells[0] == cells[1]  # the whole is 10A: the same number
    below = f"under {BLOCK_SIZE} svar"
    assert below in cells[2] and below in cells[3]  # 10B, 10C
    # A group's own view, for its own classroom: its link and its picture alone.
    own = teacher.get(projector + "?gruppe=1").get_data(as_text=True)
    assert "<h1>Skolevalg: 10A</h1>" in own and f"/e/{code}?gruppe=1" in own
    assert f">{BLOCK_SIZE} svar<" in own.replace('role="status">', ">") and "Klassen er" in own
    assert "10B" not in own.split("<main", 1)[1]
    alone = teacher.get(projector + "?gruppe=2").get_data(as_text=True)
    assert "<h1>Skolevalg: 10B</h1>" in alone
    assert f"Resultatene vises når {BLOCK_SIZE} fra samme gruppe har svart" in alone
    assert "Klassen er" not in alone
    assert "<h1>Skolevalg</h1>" in teacher.get(projector + "?gruppe=9").get_data(as_text=True)
    # The rest of 10B's block: 10B shows, and the whole is 10A + 10B (10C empty).
    for _ in range(BLOCK_SIZE - 1):
        join_and_send(school, code, next(seats), 2, "disagree")
    html = teacher.get(projector).get_data(as_text=True)
    assert f"{2 * BLOCK_SIZE} svar: 10A {BLOCK_SIZE}, 10B {BLOCK_SIZE}, 10C 0" in html
    assert "Klassen er" in html and ">Alle<" in html
    assert f"Tallene bygger på {2 * BLOCK_SIZE} svar." in html

    # The download: the whole and each shown group, never a hidden one, never a student.
    rows = spreadsheet_rows(teacher.get(admin + "/fordeling.csv").get_data())
    assert {r["Gruppe"] for r in rows} == {"Hele økta", "10A", "10B"}
    by_group = {g: [r for r in rows if r["Gruppe"] == g] for g in ("Hele økta", "10A", "10B")}
    block = str(BLOCK_SIZE)
    assert {r["Enig"] for r in by_group["10A"]} == {block}
    assert {r["Uenig"] for r in by_group["10B"]} == {block}
    assert {(r["Enig"], r["Uenig"]) for r in by_group["Hele økta"]} == {(block, block)}
    assert len(rows) == 3 * SHORT


def test_a_group_link_preselects_the_group_and_a_missing_group_is_asked_for(school):
    teacher = school.test_client()
    code, admin = create_event(teacher, groups="10A; 10B")
    seat = seats_of(teacher, admin)[0]
    page = school.test_client().get(f"/e/{code}?gruppe=2").get_data(as_text=True)
    assert 'value="2" required checked' in page and "Hvilken gruppe er du i?" in page
    client = school.test_client()
    client.get(f"/e/{code}")
    for bad in ({}, {"group": "9"}, {"group": "x"}, {"group": "-1"}):
        response = client.post(f"/e/{code}", data={"seat": seat, **bad})
        assert response.status_code == 400, bad
        assert "Velg gruppen din." in response.get_data(as_text=True)
    assert client.post(f"/e/{code}", data={"group": "2", "seat": seat}).status_code == 302
    assert "Gruppe: 10B." in client.get("/quiz/1").get_data(as_text=True)


@pytest.mark.parametrize(
    ("groups", "ok"),
    [
        ("10A, 10B, 10C", True),
        ("", True),
        (", ,", True),
        ("x" * 41, False),
        (",".join(f"G{n}" for n in range(21)), False),
    ],
)
def test_group_lists_are_bounded(client, groups, ok):
    response = client.post("/event/ny", data={"name": "x", "mode": "short", "groups": groups})
    assert response.status_code == (303 if ok else 400)
    if not ok:
        assert "Skriv høyst 20 grupper, hver på høyst 40 tegn." in response.get_data(as_text=True)


@pytest.mark.parametrize("size", ["0", "1001", "-5", "many"])
def test_the_stated_size_is_bounded(client, size):
    response = client.post("/event/ny", data={"name": "x", "mode": "short", "size": size})
    assert response.status_code == 400
    assert "Skriv et tall fra 1 til 1000." in response.get_data(as_text=True)


def test_the_picture_shows_the_party_stance_and_the_discussion_sheet(school):
    teacher = school.test_client()
    code, admin = create_event(teacher)
    projector = projector_of(teacher, admin)
    seats = seats_of(teacher, admin)
    for n in range(BLOCK_SIZE):
        join_and_send(school, code, seats[n], None, ["agree", "disagree"][n % 2], important=n < 3)
    html = teacher.get(projector).get_data(as_text=True)
    party = SHIPPED.parties[0]
    stances = {"agree": "Enig", "neutral": "Nøytral", "disagree": "Uenig"}
    first = SHIPPED.core_statements()[0]
    position = party.positions[first.id]
    assert (
        f"{party.name}: <strong>{stances[position.stance]}</strong> · 3 merket som viktig" in html
    )
    sheet = teacher.get(projector + "/samtaleark").get_data(as_text=True)
    items = re.findall(r'<section class="sheet-item"', sheet)
    assert len(items) == 3  # every statement split 3 to 3: the three first in catalogue order
    core = SHIPPED.core_statements()
    for statement in core[:3]:
        assert statement.text["nb"] in sheet
        for pledge in SHIPPED.quoted_pledges(party, statement.id):
            assert f"«{pledge.text}»" in sheet.replace("&#34;", '"').replace("&#39;", "'")
    assert 'lang="nb"' in sheet
