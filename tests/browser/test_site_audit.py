"""Every page type in Chromium at 320 px: axe-clean, no sideways scrolling, no request to
another origin, and no cookie but the session cookie."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import answer, axe_violations, no_horizontal_scroll
from tests.helpers import SHORT


def test_every_page_type(visit, browser, live_server):
    page: Page = visit.page
    page.set_viewport_size({"width": 320, "height": 640})
    report: dict[str, tuple[list[str], bool]] = {}

    def check(name: str) -> None:
        report[name] = (axe_violations(page), no_horizontal_scroll(page))

    for name, path in (
        ("landing", "/"),
        ("about", "/om"),
        ("method", "/metode"),
        ("privacy", "/personvern"),
        ("programme", "/program/partiet-sentrum-baerum-2023-2027#helse-19"),
        ("event create", "/event/ny"),
        ("error 404", "/finnes-ikke"),
        ("error 405", "/quiz/start"),
        ("shared result, bad token", "/r/junk"),
    ):
        page.goto(path)
        check(name)

    page.goto("/event/bli-med")
    page.get_by_role("textbox", name="Kode").fill("?")
    page.get_by_role("button", name="Bli med").click()
    expect(page.locator(".field-error")).to_be_visible()
    check("error 400 (bad code)")

    page.goto("/")
    page.get_by_role("button", name="Start").click()
    expect(page.locator(".progress-label")).to_have_text(f"Påstand 1 av {SHORT}")
    page.locator("details.explanation summary").click()
    check("statement")
    answer(page, SHORT, SHORT, lambda n: "agree" if n % 2 else "disagree")
    expect(page.locator("h1")).to_have_text("Hva er viktigst for deg?")
    check("priorities")
    page.get_by_role("button", name="Se resultatet").click()
    expect(page.locator("h1")).to_have_text("Resultatet ditt")
    check("results")
    share_url = page.locator("#share-url").input_value()
    page.goto(share_url)
    check("shared result")

    page.goto("/event/ny")
    page.get_by_label("Navn på økta").fill("Valgdag")
    page.get_by_role("button", name="Lag økta").click()
    check("event, save the admin link")
    dashboard = page.locator("#admin-url").input_value()
    page.goto(dashboard)
    check("event admin")
    projector = page.get_by_role("link", name="Åpne skjermvisningen").get_attribute("href")
    page.goto(dashboard + "/plasser")
    check("event seat sheet")
    seat = page.locator("[data-seat]").first.inner_text()
    page.goto(projector)
    check("event projector")
    code = page.locator(".join-code").inner_text()
    page.goto(f"/e/{code}")
    check("event join")
    page.get_by_label("Plasskoden din").fill(seat)
    page.get_by_role("button", name="Bli med og start").click()
    page.locator("button[value=agree]").click()
    page.goto("/event/send")
    check("event submit")
    page.goto(dashboard.replace(dashboard.rsplit("/", 1)[1], "wrong"))
    check("error 403")

    failures = {name: result for name, result in report.items() if result != ([], True)}
    assert failures == {}
    assert len(report) == 21

    assert visit.foreign_requests() == []
    cookies = page.context.cookies()
    assert [c["name"] for c in cookies] == ["valgomat"]
    assert cookies[0]["httpOnly"] is True
    assert cookies[0]["sameSite"] == "Lax"
    assert cookies[0]["expires"] == -1  # a session cookie: gone when the browser closes
