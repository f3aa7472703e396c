from __future__ import annotations

from tests.browser.conftest import answer, axe_violations, no_horizontal_scroll
from tests.helpers import AREAS, SHORT


def test_shared_page_shows_the_bars_and_is_accessible(visit, tmp_path):
    page = visit.page
    page.goto("/")
    page.get_by_role("button", name="Start").click()
    answer(page, SHORT, SHORT, lambda n: "agree" if n % 2 else "disagree")
    page.get_by_role("button", name="Se resultatet").click()
    url = page.locator("#share-url").input_value()

    friend = page.context.browser.new_context(locale="nb-NO")
    shared = friend.new_page()
    shared.goto(url)
    bars = shared.locator("ul.bars .bar-fill")
    assert bars.count() == AREAS
    assert max(bars.nth(i).bounding_box()["width"] for i in range(AREAS)) > 50
    shot = tmp_path / "shared.png"
    shared.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert axe_violations(shared) == []
    shared.set_viewport_size({"width": 320, "height": 700})
    assert no_horizontal_scroll(shared)
    friend.close()
    assert axe_violations(page) == []  # the results page with its share controls
