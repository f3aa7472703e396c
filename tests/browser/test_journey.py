"""The voter's journey in Debian's Chromium: the quiz runs in the browser, answers are easy
to change, the language can change mid-quiz, and both paths give the same result."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from quiz.scoring.matching import percent
from quiz.scoring.voters import score_voters
from quiz.voter.answers import Answers
from tests.browser.conftest import answer
from tests.helpers import FULL, SHIPPED, SHORT, shown_number

PICKS = ["agree", "disagree", "neutral", "skip"]
KEYS = {"agree": "1", "neutral": "2", "disagree": "3", "skip": "4"}  # the buttons' order


def app_requests(visit) -> list[str]:
    """Requests to the app itself, static files (CSS, JS, icons) left out."""
    return [
        f"{r.method} {urlsplit(r.url).path}"
        for r in visit.requests_made
        if urlsplit(r.url).netloc == urlsplit(visit.origin).netloc
        and not urlsplit(r.url).path.startswith("/static/")
    ]


def answer_by_keyboard(page: Page, n: int, total: int, key: str) -> None:
    expect(page.locator("[data-progress]")).to_have_text(f"Påstand {n} av {total}")
    expect(page.locator("#statement-heading")).to_be_focused()
    page.keyboard.press(key)


def test_full_quiz_by_keyboard_in_at_most_five_requests(visit):
    page = visit.page
    requests = []
    page.on("request", lambda r: requests.append(r))
    visit.requests_made = requests
    page.goto("/")
    page.locator("#mode-full").check()
    page.get_by_role("button", name="Start").press("Enter")
    keys = {}
    for n in range(1, FULL + 1):
        pick = PICKS[n % 4]
        keys[SHIPPED.statements[n - 1].id] = pick
        answer_by_keyboard(page, n, FULL, KEYS[pick])
    expect(page.locator("h1")).to_have_text("Hva er viktigst for deg?")
    page.locator("input[name=viktig]").first.check()
    page.locator("#w-samferdsel-3").check()
    page.get_by_role("button", name="Se resultatet").press("Enter")
    expect(page.locator("h1")).to_have_text("Resultatet ditt")
    assert urlsplit(page.url).path == "/resultat"
    made = app_requests(visit)
    assert len(made) <= 5, made
    # The number shown is the matching function's for the same answers.
    marked = page.evaluate("JSON.parse(sessionStorage.getItem('programtesten-quiz')).important")
    weights = {a.id: a.weight for a in SHIPPED.areas} | {"samferdsel": 3}
    expected = score_voters(SHIPPED, [Answers("full", keys, frozenset(marked), weights)])
    expect(page.locator("[data-overall-number]")).to_have_text(
        shown_number(percent(expected.overall[0, 0]))
    )
    assert visit.foreign_requests() == []


def test_language_switched_at_statement_7_keeps_the_voter_there(visit):
    page = visit.page
    page.goto("/")
    page.get_by_role("button", name="Start").click()
    answer(page, 6, SHORT)
    expect(page.locator("[data-progress]")).to_have_text(f"Påstand 7 av {SHORT}")
    page.get_by_role("link", name="Nynorsk").click()
    expect(page.locator("[data-progress]")).to_have_text(f"Påstand 7 av {SHORT}")
    expect(page.locator("html")).to_have_attribute("lang", "nn")
    seventh = SHIPPED.core_statements()[6]
    expect(page.locator("#statement-heading")).to_have_text(seventh.text["nn"])
    # The answers given before the switch are still there.
    page.get_by_role("link", name="Oversikt over alle påstandane").click()
    expect(page.locator(".overview-item.open")).to_have_count(SHORT - 6)


def test_an_answer_changed_from_the_results_returns_to_the_results(visit):
    page = visit.page
    page.goto("/")
    page.get_by_role("button", name="Start").click()
    answer(page, SHORT, SHORT)
    page.get_by_role("button", name="Se resultatet").click()
    expect(page.locator("h1")).to_have_text("Resultatet ditt")
    before = page.locator("[data-overall-number]").inner_text()
    page.locator("details.area-answers").first.evaluate("details => { details.open = true; }")
    page.locator("a.change-answer").first.click()
    expect(page.locator("[data-progress]")).to_have_text(f"Påstand 1 av {SHORT}")
    page.locator("button[value=disagree]").click()
    expect(page.locator("h1")).to_have_text("Resultatet ditt")
    assert urlsplit(page.url).path == "/resultat"
    assert page.locator("[data-overall-number]").inner_text() != before


def test_the_same_answers_without_javascript_give_the_same_scores(browser, live_server):
    picks = {s.id: PICKS[i % 4] for i, s in enumerate(SHIPPED.core_statements())}
    shown = []
    for javascript in (True, False):
        context = browser.new_context(
            base_url=live_server.url, locale="nb-NO", java_script_enabled=javascript
        )
        page = context.new_page()
        page.goto("/")
        page.get_by_role("button", name="Start").click()
        for n, statement in enumerate(SHIPPED.core_statements(), start=1):
            expect(page.locator("[data-progress]")).to_have_text(f"Påstand {n} av {SHORT}")
            page.locator(f"button[value={picks[statement.id]}]").click()
        page.get_by_role("button", name="Se resultatet").click()
        expect(page.locator("h1")).to_have_text("Resultatet ditt")
        bars = page.locator("ul.bars").inner_text()
        shown.append(
            (page.locator("[data-overall-number]").inner_text(), re.sub(r"\s+", " ", bars))
        )
        context.close()
    assert shown[0] == shown[1]
    expected = score_voters(SHIPPED, [Answers("short", picks)])
    assert shown[0][0] == shown_number(percent(expected.overall[0, 0]))


def test_kiosk_next_student_starts_empty_without_an_offer_to_continue(visit, live_server):
    """A shared machine in kiosk mode, two students in turn, each with their own seat: the
    second starts clean, and a link from another site to the reset does nothing."""
    page = visit.page
    page.goto("/event/ny")
    page.locator("#name").fill("10C")
    page.locator("#kiosk").check()
    page.get_by_role("button", name=re.compile("Lag")).click()
    admin = page.locator("#admin-url").input_value()
    page.goto(admin)
    code = re.search(r"/e/([A-Z2-9]{8})", page.content())[1]
    page.goto(admin + "/plasser")
    first, second = page.locator("[data-seat]").all_inner_texts()[:2]
    page.goto(f"/e/{code}")
    page.get_by_label("Plasskoden din").fill(first)
    page.get_by_role("button", name="Bli med og start").click()
    answer(page, SHORT, SHORT)
    page.get_by_role("button", name="Se resultatet").click()
    page.get_by_role("button", name=re.compile("Send")).first.click()
    expect(page.locator("h1")).to_have_text("Takk!")
    # Another site's link to the reset (a GET) only shows the button: nothing is wiped.
    page.goto(f"/e/{code}/ny-elev")
    expect(page.get_by_role("button", name="Start som ny elev")).to_be_visible()
    page.goto("/resultat")
    expect(page.locator("body")).not_to_contain_text("Du har ikke svart på noen")
    # The next student on the same browser presses the button (a POST with the token).
    page.goto(f"/e/{code}/ny-elev")
    page.get_by_role("button", name="Start som ny elev").click()
    expect(page.get_by_label("Plasskoden din")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Fortsett der du slapp")
    stored = page.evaluate("sessionStorage.getItem('programtesten-quiz')")
    assert stored is None
    page.get_by_label("Plasskoden din").fill(second)
    page.get_by_role("button", name="Bli med og start").click()
    expect(page.locator(".progress-label")).to_have_text(f"Påstand 1 av {SHORT}")
    page.goto("/")
    expect(page.locator("body")).not_to_contain_text("Fortsett der du slapp")
    # Without input, the kiosk starts over by itself: its timer posts the reset.
    page.evaluate("document.body.dataset.kioskIdle = '1'")
    page.goto("/quiz/1")
    page.evaluate("document.body.dataset.kioskIdle = '1'")
    page.locator("button[value=agree]").click()
    page.wait_for_url(re.compile(f"/e/{code}$"), timeout=10_000)
    page.goto("/resultat")
    expect(page.locator("body")).to_contain_text("Du har ikke svart på noen")


def test_the_landing_page_offers_to_continue_a_quiz_kept_in_the_browser(visit):
    page = visit.page
    page.goto("/")
    page.get_by_role("button", name="Start").click()
    answer(page, 3, SHORT)
    expect(page.locator("[data-progress]")).to_have_text(f"Påstand 4 av {SHORT}")
    page.locator("a.brand").click()  # the answers are only in the tab so far
    offer = page.get_by_role("link", name="Fortsett der du slapp")
    expect(offer).to_have_attribute("href", "/quiz/4")
    expect(page.locator("[data-continue]")).to_contain_text(f"Du har svart på 3 av {SHORT}")
    offer.click()
    expect(page.locator("[data-progress]")).to_have_text(f"Påstand 4 av {SHORT}")
