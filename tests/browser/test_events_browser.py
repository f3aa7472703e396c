from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, no_horizontal_scroll
from tests.helpers import SHORT


def test_teacher_creates_two_students_join_dashboard_counts(visit, browser, live_server):
    teacher = visit.page
    teacher.goto("/event/ny")
    assert axe_violations(teacher) == []
    teacher.get_by_label("Navn på hendelsen").fill("10B valgdag")
    teacher.get_by_role("button", name="Lag hendelsen").click()
    expect(teacher.locator("h1")).to_have_text("10B valgdag")
    code = teacher.locator(".join-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{6}", code)
    assert teacher.locator(".qr svg").count() == 1
    dashboard = teacher.url.split("?")[0]
    assert axe_violations(teacher) == []

    for n in range(2):
        context = browser.new_context(base_url=live_server.url, locale="nb-NO")
        page = context.new_page()
        page.goto("/")
        page.get_by_role("textbox", name="Kode").fill(code.lower())
        page.get_by_role("button", name="Bli med").click()
        expect(page.locator(".event-banner")).to_contain_text("10B valgdag")
        if n == 0:
            assert axe_violations(page) == []  # a statement page with the event banner
        for i in range(1, SHORT + 1):
            expect(page.locator(".progress-label")).to_have_text(f"Påstand {i} av {SHORT}")
            page.locator("button[value=agree]").click()
        page.get_by_role("button", name="Se resultatet").click()
        expect(page.locator("h1")).to_have_text("Send svarene til klassen?")
        if n == 0:
            assert axe_violations(page) == []
        page.get_by_role("button", name="Send anonymt").click()
        expect(page.locator(".flash")).to_contain_text("sendt anonymt")
        context.close()

    teacher.goto(dashboard)
    expect(teacher.locator(".response-count")).to_have_text("2 svar")
    assert axe_violations(teacher) == []
    teacher.goto(f"/e/{code}")
    assert axe_violations(teacher) == []
    teacher.set_viewport_size({"width": 320, "height": 700})
    teacher.goto(dashboard)
    assert no_horizontal_scroll(teacher)
    assert visit.foreign_requests() == []
