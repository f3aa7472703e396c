from __future__ import annotations

from tests.browser.conftest import axe_violations, no_horizontal_scroll

PROGRAMME = "/program/partiet-sentrum-baerum-2023-2027"


def test_anchor_link_highlights_the_pledge_and_page_is_accessible(visit):
    page = visit.page
    page.goto(PROGRAMME)
    assert page.locator("h1").inner_text() == "Lokallagsprogram for valgperioden 2023-2027"
    # Follow a link from the priority list to the chapter pledge it repeats.
    page.locator("#prioritet-1 a[href='#samferdsel-1']").click()
    page.wait_for_url("**#samferdsel-1")
    target = page.locator("#samferdsel-1")
    assert target.evaluate("el => el.matches(':target')")
    background = target.evaluate("el => getComputedStyle(el).backgroundColor")
    plain = page.locator("#samferdsel-3").evaluate("el => getComputedStyle(el).backgroundColor")
    assert background != plain  # visibly highlighted
    assert target.is_visible()
    assert axe_violations(page) == []
    assert visit.foreign_requests() == []


def test_programme_page_reads_at_320px(visit):
    page = visit.page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(PROGRAMME + "#helse-19")
    assert no_horizontal_scroll(page)
    assert axe_violations(page) == []
