"""Skolevalg in real Chromium: a teacher makes a session for three groups, prints the seat
codes, projects the read-only view at 1920x1080, six students of one group send with their
seats, and the pictures follow the sealed blocks of six."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from quiz.scoring.class_picture import BLOCK_SIZE
from tests.browser.conftest import LiveServer, axe_violations, no_horizontal_scroll
from tests.helpers import SHORT
from tests.servers import Browserless, join_data

SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "test-output"


def seats_from_the_sheet(page: Page, admin: str) -> list[str]:
    """The teacher opens the printable seat sheet from the admin page and reads its slips."""
    page.goto(admin)
    page.get_by_role("link", name=re.compile("Skriv ut plasskodene")).click()
    expect(page.locator("h1")).to_contain_text("Plasskoder")
    assert axe_violations(page) == []
    return page.locator("[data-seat]").all_inner_texts()


def teacher_makes_a_session(page: Page, name: str) -> tuple[str, str, list[str]]:
    """Through the form: the session's code, admin link and seat codes."""
    page.goto("/event/ny")
    page.get_by_label("Navn på økta").fill(name)
    page.get_by_role("button", name="Lag økta").click()
    admin = page.locator("#admin-url").input_value()
    page.goto(admin)
    code = re.search(r"/e/([A-Z2-9]{8})", page.content())[1]
    return code, admin, seats_from_the_sheet(page, admin)


def answer_up_to_the_send_page(page: Page, code: str, seat: str, answer: str) -> None:
    """A student joins with their seat and answers the short quiz, up to the send page."""
    page.goto(f"/e/{code}")
    page.get_by_label("Plasskoden din").fill(seat)
    page.get_by_role("button", name="Bli med og start").click()
    for i in range(1, SHORT + 1):
        expect(page.locator(".progress-label")).to_have_text(f"Påstand {i} av {SHORT}")
        page.locator(f"button[value={answer}]").click()
    page.get_by_role("button", name="Se resultatet").click()
    expect(page.locator("h1")).to_have_text("Send svarene til klassen?")


def student_sends(
    browser, base_url: str, code: str, seat: str, group: str, check_axe: bool
) -> None:
    context = browser.new_context(base_url=base_url, locale="nb-NO")
    page = context.new_page()
    page.goto("/")
    page.get_by_role("textbox", name="Kode").fill(code.lower())
    page.get_by_role("button", name="Bli med").click()
    # The session asks for the group and the student's own seat code.
    expect(page.locator("legend")).to_have_text("Hvilken gruppe er du i?")
    if check_axe:
        assert axe_violations(page) == []
    page.get_by_label(group, exact=True).check()
    page.get_by_label("Plasskoden din").fill(seat.lower())
    page.get_by_role("button", name="Bli med og start").click()
    expect(page.locator(".event-banner")).to_contain_text(f"Gruppe: {group}.")
    for i in range(1, SHORT + 1):
        expect(page.locator(".progress-label")).to_have_text(f"Påstand {i} av {SHORT}")
        page.locator("button[value=agree]").click()
    page.get_by_role("button", name="Se resultatet").click()
    expect(page.locator("h1")).to_have_text("Send svarene til klassen?")
    if check_axe:
        assert axe_violations(page) == []
    page.get_by_role("button", name="Send anonymt").click()
    expect(page.locator(".flash")).to_contain_text("sendt anonymt")
    context.close()


def ready_without_a_browser(base_url: str, code: str, seat: str, group: int | None) -> Browserless:
    """A student as student_sends, by plain HTTP (the form posts a browser without
    JavaScript makes), up to the send: for the classmates in a test about someone else."""
    student = Browserless(base_url)
    student.get(f"/e/{code}")
    assert student.post(f"/e/{code}", join_data(seat, group))[0] == 302
    for n in range(1, SHORT + 1):
        assert student.post(f"/quiz/{n}", {"answer": "agree"})[0] == 302
    return student


def student_sends_without_a_browser(base_url: str, code: str, seat: str, group: int) -> None:
    student = ready_without_a_browser(base_url, code, seat, group)
    assert student.post("/event/send")[0] in (302, 303)


def ink_height(page: Page, selector: str) -> float:
    """How tall the letters of an element's text are drawn, in CSS pixels."""
    return page.evaluate(
        """(selector) => {
            const el = document.querySelector(selector);
            const style = getComputedStyle(el);
            const ctx = document.createElement("canvas").getContext("2d");
            ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const m = ctx.measureText(el.textContent.trim());
            return m.actualBoundingBoxAscent + m.actualBoundingBoxDescent;
        }""",
        selector,
    )


def test_a_school_session_on_the_projector(visit, browser, live_server):
    teacher = visit.page
    teacher.goto("/")
    # The teacher's entry: a clear second choice on the landing page, and in the footer.
    expect(teacher.get_by_role("heading", name="Er du lærer?")).to_be_visible()
    expect(teacher.locator("footer").get_by_role("link", name="For lærere")).to_be_visible()
    teacher.get_by_role("link", name="Lag en skolevalg-økt").click()
    assert axe_violations(teacher) == []
    teacher.get_by_label("Navn på økta").fill("Skolevalg 10. trinn")
    teacher.get_by_label("Hvor mange elever venter du?").fill("90")
    teacher.get_by_label("Grupper (valgfritt)").fill("10A, 10B, 10C")
    teacher.get_by_role("button", name="Lag økta").click()

    # (a) The admin link, once, on its own page; the address bar holds no secret.
    expect(teacher.locator("h1")).to_have_text("Ta vare på lærerlenken")
    admin = teacher.locator("#admin-url").input_value()
    secret = admin.rsplit("/", 1)[1]
    assert secret not in teacher.url
    assert axe_violations(teacher) == []
    teacher.get_by_role("link", name="gå til lærersiden").click()
    expect(teacher.locator("h1")).to_have_text("Skolevalg 10. trinn")
    assert axe_violations(teacher) == []

    # (b) The projector view, opened from the admin page, at 1920x1080.
    projector_path = teacher.get_by_role("link", name="Åpne skjermvisningen").get_attribute("href")
    screen = browser.new_context(
        base_url=live_server.url, locale="nb-NO", viewport={"width": 1920, "height": 1080}
    )
    projector = screen.new_page()
    projector.goto(projector_path)
    assert secret not in projector.url and secret not in projector.content()
    assert projector.locator("form").count() == 0  # no delete, no download, no form at all
    code = projector.locator(".join-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    # Readable from the back of the room: the code's letters over 12 % of the screen height,
    # the QR code over 400 px, both on the first screen.
    assert ink_height(projector, ".join-code") >= 0.12 * 1080
    qr = projector.locator(".qr svg").bounding_box()
    assert qr["width"] >= 400 and qr["height"] >= 400
    assert qr["y"] + qr["height"] <= 1080
    code_box = projector.locator(".join-code").bounding_box()
    assert code_box["y"] + code_box["height"] <= 1080
    expect(projector.locator(".response-count")).to_have_text("0 svar: 10A 0, 10B 0, 10C 0")
    assert axe_violations(projector) == []
    SCREENSHOTS.mkdir(exist_ok=True)
    projector.screenshot(path=str(SCREENSHOTS / "projector-empty-1920x1080.png"))

    # (c) The seat slips, printed from the admin page: one per expected student.
    seats = seats_from_the_sheet(teacher, admin)
    assert len(seats) == len(set(seats)) == 90

    # (d) Five students of 10A send: one short of a block, nothing is shown yet.
    # One by browser (axe on the join and send pages); the others by plain HTTP.
    student_sends(browser, live_server.url, code, seats[0], "10A", check_axe=True)
    for n in range(1, BLOCK_SIZE - 1):
        student_sends_without_a_browser(live_server.url, code.replace("-", ""), seats[n], 1)
    projector.reload()
    expect(projector.locator(".response-count")).to_have_text("5 svar: 10A 5, 10B 0, 10C 0")
    expect(projector.get_by_text("Klassen er")).to_have_count(0)
    expect(projector.locator(".dist-value")).to_have_count(0)
    # A student who tries a seat already used is refused on the join page.
    used = browser.new_context(base_url=live_server.url, locale="nb-NO").new_page()
    used.goto(f"/e/{code.replace('-', '')}")
    used.get_by_label("10A", exact=True).check()
    used.get_by_label("Plasskoden din").fill(seats[0])
    used.get_by_role("button", name="Bli med og start").click()
    expect(used.get_by_role("alert")).to_contain_text("Plasskoden er ukjent eller allerede brukt")
    assert axe_violations(used) == []
    used.context.close()

    # (e) The sixth: 10A's block is sealed and shown, and the whole is 10A.
    student_sends_without_a_browser(
        live_server.url, code.replace("-", ""), seats[BLOCK_SIZE - 1], 1
    )
    projector.reload()
    expect(projector.locator(".response-count")).to_have_text("6 svar: 10A 6, 10B 0, 10C 0")
    table = projector.locator("table.group-table")
    expect(table.locator("thead th")).to_have_text(["Område", "Alle", "10A", "10B", "10C"])
    first_row = table.locator("tbody tr").first.locator("td")
    expect(first_row.nth(0)).to_contain_text("%")  # everyone: 10A's block
    expect(first_row.nth(1)).to_contain_text("%")  # 10A: shown
    expect(first_row.nth(2)).to_have_text("under 6 svar")  # 10B: nobody yet
    expect(first_row.nth(3)).to_have_text("under 6 svar")
    expect(projector.get_by_text(re.compile("^Klassen er"))).to_be_visible()
    assert axe_violations(projector) == []
    projector.screenshot(
        path=str(SCREENSHOTS / "projector-6-students-1920x1080.png"), full_page=True
    )
    assert visit.foreign_requests() == []
    screen.close()

    # The admin page keeps delete and download; a phone can read it.
    teacher.goto(admin)
    expect(teacher.get_by_role("button", name="Slett økta og alle svarene")).to_be_visible()
    expect(teacher.get_by_role("link", name=re.compile("Last ned fordelingen"))).to_be_visible()
    teacher.set_viewport_size({"width": 320, "height": 700})
    teacher.goto(admin)
    assert no_horizontal_scroll(teacher)
    assert axe_violations(teacher) == []
    teacher.goto(projector_path)
    assert no_horizontal_scroll(teacher)


def test_a_refused_send_retries_by_itself_after_retry_after(browser, app_factory):
    """Against a real limit (two sends per three seconds from one address): the third
    student's send is refused; the page stays, says so, and sends again by itself."""
    app = app_factory(WTF_CSRF_ENABLED=True, SUBMIT_LIMIT="2 per 3 seconds")
    with LiveServer(app) as server:
        context = browser.new_context(base_url=server.url, locale="nb-NO")
        code, admin, seats = teacher_makes_a_session(context.new_page(), "10B")
        context.close()
        context = browser.new_context(base_url=server.url, locale="nb-NO")
        third = context.new_page()
        answer_up_to_the_send_page(third, code, seats[2], "disagree")
        # The two before it (plain HTTP, from the same address) use up the limit.
        for seat in seats[:2]:
            ready = ready_without_a_browser(server.url, code, seat, None)
            assert ready.post("/event/send")[0] in (302, 303)
        statuses = []
        third.on(
            "response",
            lambda r: statuses.append(r.status) if r.url.endswith("/event/send") else None,
        )
        third.get_by_role("button", name="Send anonymt").click()
        expect(third.get_by_role("alert")).to_contain_text("Mange sender akkurat nå.")
        expect(third.get_by_role("button", name="Prøv igjen")).to_be_visible()
        assert axe_violations(third) == []
        # No click: the page sends again once the wait is over.
        expect(third.locator(".flash")).to_contain_text("sendt anonymt", timeout=10_000)
        assert statuses[0] == 429 and 200 in statuses
        page = browser.new_context(base_url=server.url, locale="nb-NO").new_page()
        page.goto(admin)
        expect(page.locator(".response-count")).to_have_text("3 svar")


def test_a_send_whose_proxy_answers_502_is_sent_again_by_the_page(visit, live_server):
    """The proxy in front lost the server on the way (a bare 502, no page of ours): the send
    page stays as it is and sends again by itself; the one-time key would recognise a send
    that had arrived. The 502 is the proxy's, injected here; everything else is real."""
    page = visit.page
    code, admin, seats = teacher_makes_a_session(page, "10E")
    answer_up_to_the_send_page(page, code, seats[0], "agree")
    sends = []

    def proxy(route) -> None:
        sends.append(route.request.method)
        if len(sends) == 1:
            route.fulfill(status=502, body="<html><body>502 Bad Gateway</body></html>")
        else:
            route.continue_()

    page.route("**/event/send", proxy)
    page.get_by_role("button", name="Send anonymt").click()
    expect(page.locator(".flash")).to_contain_text("sendt anonymt", timeout=15_000)
    assert sends[:2] == ["POST", "POST"]
    page.unroute("**/event/send")
    page.goto(admin)
    expect(page.locator(".response-count")).to_have_text("1 svar")
