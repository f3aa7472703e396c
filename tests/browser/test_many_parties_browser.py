"""Several parties in Chromium at 320 px and 1280 px: the pages of the example
(examples/mange-partier) axe-clean, without sideways scrolling or requests elsewhere; the
quiz taken with JavaScript ranks every party, and reweighting swaps the ranking in."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from quiz.content.loader import load_catalogue
from tests.browser.conftest import LiveServer, Visit, answer, axe_violations, no_horizontal_scroll
from tests.helpers import EXAMPLE_DIR

EXAMPLE = load_catalogue(EXAMPLE_DIR)
SHORT = len(EXAMPLE.core_statements())


@pytest.fixture
def several(browser: Browser, app_factory) -> Iterator[Visit]:
    app = app_factory(STATEMENTS_DIR=EXAMPLE_DIR, WTF_CSRF_ENABLED=True)
    with LiveServer(app) as server:
        context = browser.new_context(base_url=server.url, locale="nb-NO")
        yield Visit(context.new_page(), server.url)
        context.close()


@pytest.mark.parametrize("width", [1280, 320])
def test_the_pages_of_several_parties_are_accessible_at_every_width(several, width):
    page: Page = several.page
    page.set_viewport_size({"width": width, "height": 900})
    checked = []

    def check(name: str) -> None:
        checked.append((name, axe_violations(page), no_horizontal_scroll(page)))

    for path in (
        "/",
        "/partier",
        f"/partier/{EXAMPLE.parties[-1].id}",
        f"/pastander/{EXAMPLE.statements[0].id}",
        "/metode",
    ):
        page.goto(path)
        check(path)
    page.goto("/")
    page.get_by_role("button", name="Start").click()
    answer(page, SHORT, SHORT, lambda n: ["agree", "disagree", "neutral"][n % 3])
    page.get_by_role("button", name="Se resultatet").click()
    expect(page.locator("h1")).to_have_text("Resultatet ditt")
    expect(page.locator(".rank-row")).to_have_count(len(EXAMPLE.parties))
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    check("results")
    first = page.locator(".rank-name").first.inner_text()
    page.get_by_role("link", name=f"Sammenlign i detalj med {first}").click()
    expect(page.locator("h1")).to_have_text(f"Du og {first}")
    check("compare in detail")
    page.go_back()
    page.goto(page.locator("#share-url").input_value())
    expect(page.locator("h1")).to_contain_text("Mest enig med")
    check("shared result")
    for name, violations, fits in checked:
        assert violations == [], name
        assert fits, name
    assert several.foreign_requests() == []


def test_reweighting_swaps_in_the_new_ranking(several):
    page: Page = several.page
    page.goto("/")
    page.get_by_role("button", name="Start").click()
    answer(page, SHORT, SHORT, lambda n: "agree" if n % 2 else "disagree")
    page.get_by_role("button", name="Se resultatet").click()
    expect(page.locator(".rank-row")).to_have_count(len(EXAMPLE.parties))
    before = page.locator("[data-scores] .bar-value").all_inner_texts()
    page.locator("details.reweight summary").click()
    # Leave every area out but one: the numbers become that area's alone.
    for area in EXAMPLE.areas[1:]:
        page.locator(f"input[name='w_{area.id}'][value='0']").check()
    # The script swaps the server's new ranking in, without a reload.
    page.wait_for_function(
        "before => [...document.querySelectorAll('[data-scores] .bar-value')]"
        ".map(e => e.innerText).join('|') !== before",
        arg="|".join(before),
    )
    # Once the last change's answer is in, the page shows what the server now has: the
    # same numbers as a fresh GET of the results with the session's weights.
    for _attempt in range(20):
        shown = page.locator("[data-scores] .bar-value").all_inner_texts()
        fresh = page.request.get("/resultat").text()
        served = re.findall(
            r'<span class="bar-value">([^<]+)</span>', fresh.split("data-scores", 1)[1]
        )
        if [t.replace("\xa0", " ") for t in shown] == [
            html.unescape(t).replace("\xa0", " ") for t in served[: len(shown)]
        ]:
            break
        page.wait_for_timeout(250)
    else:
        raise AssertionError((shown, served))
    assert shown != before
