from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import answer, axe_violations, finish_short_quiz, no_horizontal_scroll
from tests.helpers import SHIPPED, SHORT

# In the short quiz an area is shared only where it has at least three statements.
SHARED_AREAS = sum(
    1 for a in SHIPPED.areas if sum(s.area == a.id for s in SHIPPED.core_statements()) >= 3
)


def test_shared_page_shows_the_bars_and_is_accessible(visit, tmp_path):
    page = visit.page
    finish_short_quiz(page, lambda n: "agree" if n % 2 else "disagree")
    url = page.locator("#share-url").input_value()

    friend = page.context.browser.new_context(locale="nb-NO")
    shared = friend.new_page()
    shared.goto(url)
    bars = shared.locator("ul.bars .bar-fill")
    assert bars.count() == SHARED_AREAS
    assert max(bars.nth(i).bounding_box()["width"] for i in range(SHARED_AREAS)) > 50
    shot = tmp_path / "shared.png"
    shared.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert axe_violations(shared) == []
    shared.set_viewport_size({"width": 320, "height": 700})
    assert no_horizontal_scroll(shared)
    friend.close()
    assert axe_violations(page) == []  # the results page with its share controls
    page.locator("button[data-copy=share-url]").click()
    expect(page.locator("#share-url-status")).to_have_text("Lenken er kopiert.")


def test_a_friend_compares_and_a_third_sees_both(visit, browser, live_server):
    a = visit.page
    finish_short_quiz(a)
    a_overall = a.locator("[data-overall-number]").inner_text()
    url = a.locator("#share-url").input_value()

    b_context = browser.new_context(base_url=live_server.url, locale="nb-NO")
    b = b_context.new_page()
    b.goto(url)
    b.get_by_role("button", name="Ta testen og sammenlign").click()
    expect(b.locator(".notice").first).to_contain_text("ved siden av det som ble delt")
    b.get_by_role("button", name="Start").click()
    answer(b, SHORT, SHORT, lambda n: "disagree" if n % 3 else "agree")
    b.get_by_role("button", name="Se resultatet").click()
    expect(b.get_by_role("heading", name="Du og den som delte")).to_be_visible()
    table = b.locator("table.compare-table")
    expect(table.locator("thead th")).to_have_text(["Område", "Du", "Den som delte"])
    b_overall = b.locator("[data-overall-number]").inner_text()

    def whole(text: str) -> str:
        return f"{round(float(text.replace(',', '.')) + 1e-9)} %"

    expect(table.locator("tr.compare-overall td")).to_have_text(
        [whole(b_overall), whole(a_overall)]
    )
    assert axe_violations(b) == []
    compare_url = b.locator("#compare-url").input_value()
    assert len(re.sub(r"^http://[^/]+", "https://" + "x" * 22, compare_url)) <= 140
    b_context.close()

    c_context = browser.new_context(base_url=live_server.url, locale="nb-NO")
    c = c_context.new_page()
    c.goto(compare_url)
    expect(c.locator("tr.compare-overall td")).to_have_text([whole(b_overall), whole(a_overall)])
    text = c.locator("main").inner_text()
    for statement in SHIPPED.core_statements():
        assert statement.text["nb"] not in text
    assert axe_violations(c) == []
    c.set_viewport_size({"width": 320, "height": 700})
    assert no_horizontal_scroll(c)
    c_context.close()
    assert visit.foreign_requests() == []
