"""The quiz in real Chromium: keyboard only with JavaScript on, and accessibility checks."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from quiz.scoring.matching import percent
from quiz.scoring.voters import score_voters
from quiz.voter.answers import Answers
from tests.browser.conftest import (
    answer,
    axe_violations,
    finish_short_quiz,
    no_horizontal_scroll,
)
from tests.helpers import FULL, SHIPPED, SHORT, shown_number


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element is focused: what a keyboard user does."""
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"could not reach {selector} by Tab")


def test_short_quiz_by_keyboard_alone(visit):
    page = visit.page
    page.goto("/")
    tab_to(page, "button[type=submit].big")
    page.keyboard.press("Enter")
    expect(page.locator(".progress-label")).to_have_text(f"Påstand 1 av {SHORT}")
    second_id = SHIPPED.core_statements()[1].id

    for n in range(1, SHORT + 1):
        expect(page.locator(".progress-label")).to_have_text(f"Påstand {n} av {SHORT}")
        # The new statement has focus, so a screen reader reads it out.
        expect(page.locator("h1.statement")).to_be_focused()
        if n == 3:
            # Go back and change the answer to statement 2.
            tab_to(page, "a[rel=prev]")
            page.keyboard.press("Enter")
            expect(page.locator(".progress-label")).to_have_text(f"Påstand 2 av {SHORT}")
            expect(page.locator("button.chosen")).to_have_attribute("value", "agree")
            page.keyboard.press("3")  # disagree
            expect(page.locator(".progress-label")).to_have_text(f"Påstand 3 av {SHORT}")
        page.keyboard.press("1" if n % 3 else "2")

    expect(page.locator("h1")).to_have_text("Hva er viktigst for deg?")
    tab_to(page, f"#viktig-{second_id}")
    page.keyboard.press("Space")  # important to me, set after the last statement
    expect(page.locator(f"#viktig-{second_id}")).to_be_checked()
    default = next(a.weight for a in SHIPPED.areas if a.id == "samferdsel")
    assert default < 3
    tab_to(page, f"#w-samferdsel-{default}")  # the checked radio of the group
    for _ in range(3 - default):
        page.keyboard.press("ArrowRight")
    expect(page.locator("#w-samferdsel-3")).to_be_checked()
    tab_to(page, ".weights-form button[type=submit]")
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("Resultatet ditt")
    expect(page.locator("[data-overall-number]")).to_be_visible()
    second = page.locator("li.statement-result").nth(1)
    expect(second).to_contain_text("Du: Uenig · viktig for deg")
    expect(page.locator("#w-samferdsel-3")).to_be_checked()
    assert visit.foreign_requests() == []


def test_reweighting_updates_the_overall_score_at_once(visit):
    page = visit.page
    finish_short_quiz(page, lambda n: "agree" if n < 8 else "disagree")
    before = page.locator("[data-overall-number]").inner_text()
    page.locator("details.reweight summary").click()
    for area in ("helse", "livssyn"):
        page.locator(f"#w-{area}-0").check()
    # The same answers through the matching function: default weights, then helse and
    # livssyn set to 0. The page must show both numbers, the second without a reload.
    core = SHIPPED.core_statements()
    given = {s.id: "agree" if n < 8 else "disagree" for n, s in enumerate(core, start=1)}
    off = {a.id: (0 if a.id in ("helse", "livssyn") else a.weight) for a in SHIPPED.areas}
    expected = score_voters(
        SHIPPED, [Answers("short", given), Answers("short", given, area_weights=off)]
    )
    assert before == shown_number(percent(expected.overall[0, 0]))
    after = shown_number(percent(expected.overall[1, 0]))
    assert after != before
    expect(page.locator("[data-overall-number]")).to_have_text(after)
    # The page neither jumps nor loses focus while the server catches up.
    page.wait_for_load_state("networkidle")
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 0
    expect(page.locator("#w-livssyn-0")).to_be_focused()
    page.wait_for_timeout(300)
    assert page.evaluate("window.scrollY") == scrolled
    expect(page.locator("#w-livssyn-0")).to_be_focused()
    # The session follows, so a reload shows the same number.
    shown = page.locator("[data-overall-number]").inner_text()
    page.wait_for_load_state("networkidle")
    page.reload()
    expect(page.locator("[data-overall-number]")).to_have_text(shown)


def test_quick_reweighting_keeps_the_last_choice(visit):
    """Two changes in quick succession: the server must end with the second, whatever order
    the network would have finished them in. The first request is held back until the
    second change has been made; the page must not send the second alongside it (the
    older answer's cookie would then win), and must send the form as it now stands after."""
    page = visit.page
    finish_short_quiz(page, lambda n: "agree" if n < 8 else "disagree")
    held = []
    sent = []

    def hold_the_first(route):
        sent.append(route.request)
        if len(sent) == 1:
            held.append(route)
        else:
            route.continue_()

    page.route("**/resultat", hold_the_first)
    page.locator("details.reweight summary").click()
    page.locator("#w-helse-0").check()
    for _ in range(50):
        if sent:
            break
        page.wait_for_timeout(20)
    page.locator("#w-livssyn-0").check()
    page.wait_for_timeout(300)
    assert len(sent) == 1, "a second request went out while the first was still running"
    held[0].continue_()
    page.wait_for_load_state("networkidle")
    assert len(sent) == 2
    # The page ends with the server's score for the last choice, and so does the session.
    core = SHIPPED.core_statements()
    given = {s.id: "agree" if n < 8 else "disagree" for n, s in enumerate(core, start=1)}
    off = {a.id: (0 if a.id in ("helse", "livssyn") else a.weight) for a in SHIPPED.areas}
    expected = score_voters(SHIPPED, [Answers("short", given, area_weights=off)])
    shown = shown_number(percent(expected.overall[0, 0]))
    expect(page.locator("[data-overall-number]")).to_have_text(shown)
    page.unroute("**/resultat")
    page.reload()
    expect(page.locator("[data-overall-number]")).to_have_text(shown)


def answer_all(page: Page) -> None:
    page.goto("/")
    page.locator("#mode-full").check()
    page.get_by_role("button", name="Start").click()
    answer(page, FULL, FULL, lambda n: "neutral" if n % 2 else "agree")
    expect(page.locator("h1")).to_have_text("Hva er viktigst for deg?")


@pytest.mark.parametrize("width", [1280, 390, 320])
def test_pages_have_no_axe_violations_and_no_sideways_scroll(visit, width):
    page = visit.page
    page.set_viewport_size({"width": width, "height": 900})
    checked = []
    for path in ("/", "/metode", "/personvern", "/om"):
        page.goto(path)
        checked.append((path, axe_violations(page), no_horizontal_scroll(page)))
    answer_all(page)
    checked.append(("priorities", axe_violations(page), no_horizontal_scroll(page)))
    page.get_by_role("link", name="Tilbake til oversikten").click()
    expect(page.locator("h1")).to_have_text("Oversikt over påstandene")
    checked.append(("overview", axe_violations(page), no_horizontal_scroll(page)))
    page.locator(".overview a").nth(2).click()
    page.locator("details.explanation summary").click() if page.locator(
        "details.explanation:not([hidden])"
    ).count() else None
    checked.append(("statement", axe_violations(page), no_horizontal_scroll(page)))
    page.locator("button[value=agree]").click()
    page.get_by_role("link", name="Videre: hva er viktigst for deg?").click()
    page.get_by_role("button", name="Se resultatet").click()
    expect(page.locator("h1")).to_have_text("Resultatet ditt")  # the full quiz's result
    page.locator("details.reweight summary").click()
    page.evaluate("document.querySelectorAll('details.area-answers').forEach(d => d.open = true)")
    checked.append(("results", axe_violations(page), no_horizontal_scroll(page)))
    for path, violations, fits in checked:
        assert violations == [], path
        assert fits, path
    assert visit.foreign_requests() == []


def test_quiz_works_without_javascript(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="nb-NO"
    )
    page = context.new_page()
    page.goto("/")
    page.get_by_role("button", name="Start").click()
    page.locator("button[value=agree]").click()
    expect(page).to_have_url(f"{live_server.url}/quiz/2")
    page.locator("button[value=skip]").click()
    expect(page.locator(".progress-label")).to_have_text(f"Påstand 3 av {SHORT}")
    context.close()


def test_an_answer_sent_before_the_script_started_is_kept(visit):
    """A click before the script has started sends the plain form: the server has that
    answer, the tab's copy does not. The script must take it, not drop it."""
    page = visit.page
    page.goto("/")
    page.get_by_role("button", name="Start").click()
    expect(page.locator(".progress-label")).to_have_text(f"Påstand 1 av {SHORT}")
    page.wait_for_load_state("networkidle")  # the script has started and kept its copy
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    sent = page.request.post(
        f"{visit.origin}/quiz/1",
        form={"answer": "disagree", "csrf_token": token},
        max_redirects=0,
    )
    assert sent.status == 302
    page.goto("/quiz/2")
    for n in range(2, SHORT + 1):
        expect(page.locator(".progress-label")).to_have_text(f"Påstand {n} av {SHORT}")
        page.locator("button[value=agree]").click()
    page.get_by_role("button", name="Se resultatet").click()
    expect(page.locator("h1")).to_have_text("Resultatet ditt")
    expect(page.get_by_text(f"Basert på {SHORT} av {SHORT} påstander")).to_be_visible()
