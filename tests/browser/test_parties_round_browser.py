"""The parties' round end to end in Debian's Chromium: the editor signs in and invites a
party; the party answers every statement on a phone-sized screen (some *no answer*, one
reason in nynorsk, the first by keyboard alone), leaves, comes back on its link, submits;
the editor sees where it differs from the coded positions, approves and downloads the
file; the file passes `statements check`, and the app started on it ranks the party with
its reasons. Every page axe-clean, no sideways scrolling at 320 px."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from playwright.sync_api import Browser, Page, expect

from quiz.content.loader import load_catalogue
from tests.browser.conftest import LiveServer, answer, axe_violations, no_horizontal_scroll
from tests.helpers import EXAMPLE_DIR, ROOT, SHIPPED, SHIPPED_DIR
from tests.questionnaire.round import PASSWORD, editor_config

STATEMENTS = SHIPPED.statements
CODED = SHIPPED.party("sentrum").positions
NYNORSK = "Vi meiner at dette er rett for Bærum, og vi grunngjev det på nynorsk."
FLIP = {"agree": "disagree", "disagree": "agree", "neutral": "agree"}


def stance_for(n: int, statement_id: str) -> str:
    """Every seventh *no answer*; the first three against the editors' coding; else as
    coded (so the differences the editor sees are the three, and the no answers)."""
    if n % 7 == 6:
        return "none"
    coded = CODED[statement_id].stance or "neutral"
    return FLIP[coded] if n < 3 else coded


def reason_for(statement_id: str) -> str:
    return f"Partiets egen begrunnelse for {statement_id}."


def check_page(page: Page, seen: list) -> None:
    seen.append(
        (page.url.split("/svar/")[-1][-30:], axe_violations(page), no_horizontal_scroll(page))
    )


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element is focused, as a keyboard user moves through the form."""
    for _ in range(limit):
        if page.evaluate(f"document.activeElement === document.querySelector({selector!r})"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} cannot be reached by Tab")


def fill_statement(page: Page, n: int, statement_id: str) -> None:
    stance = stance_for(n, statement_id)
    if n == 0:  # by keyboard alone
        # Tab reaches the radio group; the arrow keys choose within it.
        tab_to(page, "#stance-agree")
        for _ in range(["agree", "neutral", "disagree", "none"].index(stance)):
            page.keyboard.press("ArrowDown")
        expect(page.locator(f"#stance-{stance}")).to_be_checked()
        tab_to(page, "#reason_nb")
        page.keyboard.type(reason_for(statement_id))
        expect(page.locator("#reason_nb-count")).to_have_text(
            f"{len(reason_for(statement_id))} av 500 tegn"
        )
        tab_to(page, "button[value=next]")
        page.keyboard.press("Enter")
        return
    page.locator(f"label[for=stance-{stance}]").click()
    if stance != "none":
        page.locator("#reason_nb").fill(reason_for(statement_id))
    if n == 1:
        page.locator("#reason_nn").fill(NYNORSK)
    page.get_by_role("button", name="Lagre og gå til neste").or_(
        page.get_by_role("button", name="Lagre og gå til lista")
    ).first.click()


def test_a_party_answers_the_editor_approves_and_the_quiz_ranks_it(
    browser: Browser, app_factory, tmp_path
):
    app = app_factory(WTF_CSRF_ENABLED=True, **editor_config())
    seen: list = []
    with LiveServer(app) as server:
        # The editor invites the party.
        desk = browser.new_context(base_url=server.url, locale="nb-NO", accept_downloads=True)
        editor = desk.new_page()
        editor.goto("/redaksjon")
        expect(editor.locator("h1")).to_have_text("Logg inn for redaksjonen")
        check_page(editor, seen)
        editor.locator("#password").fill(PASSWORD)
        editor.get_by_role("button", name="Logg inn").click()
        expect(editor.locator("h1")).to_have_text("Partienes svar: oversikt")
        editor.locator("#slug").fill("sentrum")
        editor.get_by_role("button", name="Legg til").click()
        expect(editor.locator("h1")).to_have_text("Partiet Sentrum Bærum")
        editor.get_by_role("button", name="Lag lenke og inviter").click()
        expect(editor.locator("h1")).to_have_text("Ta vare på lenken til partiet")
        check_page(editor, seen)
        link = editor.locator("#party-url").input_value()
        assert "/svar/" in link

        # The party, on a phone: the first half, then it leaves.
        phone = {"viewport": {"width": 320, "height": 740}, "locale": "nb-NO"}
        first_visit = browser.new_context(**phone)
        party = first_visit.new_page()
        party.goto(link)
        expect(party.locator("h1")).to_have_text("Spørreskjema for Partiet Sentrum Bærum")
        check_page(party, seen)
        party.get_by_role(
            "link", name="Se og skriv ut alle påstandene, for eksempel til styremøtet"
        ).click()
        expect(party.locator("h1")).to_have_text("Alle påstandene")
        expect(party.locator(".sheet-item")).to_have_count(len(STATEMENTS))
        check_page(party, seen)
        party.goto(link)
        party.locator(f"#s-{STATEMENTS[0].id} a").click()
        half = len(STATEMENTS) // 2
        for n, statement in enumerate(STATEMENTS[:half]):
            expect(party.locator("h1")).to_have_text(statement.text["nb"])
            if n == 0:
                check_page(party, seen)
            fill_statement(party, n, statement.id)
        first_visit.close()

        # It comes back on the same link, finds its place, and finishes.
        second_visit = browser.new_context(**phone)
        party = second_visit.new_page()
        party.goto(link)
        expect(party.get_by_text(f"{half} av {len(STATEMENTS)} er besvart.")).to_be_visible()
        party.locator(f"#s-{STATEMENTS[1].id} a").click()
        expect(party.locator("#reason_nn")).to_have_value(NYNORSK)  # the draft is there
        party.goto(link)
        party.locator(f"#s-{STATEMENTS[half].id} a").click()
        for n, statement in enumerate(STATEMENTS[half:], start=half):
            expect(party.locator("h1")).to_have_text(statement.text["nb"])
            fill_statement(party, n, statement.id)
        expect(
            party.get_by_text(f"{len(STATEMENTS)} av {len(STATEMENTS)} er besvart.")
        ).to_be_visible()
        party.get_by_role("button", name="Send inn svarene").click()
        expect(party.locator("h1")).to_have_text("Kvittering: svarene er sendt inn")
        expect(party.get_by_text(NYNORSK)).to_be_visible()
        check_page(party, seen)
        second_visit.close()

        # The editor sees the differences from the coded positions, approves, downloads.
        editor.goto("/redaksjon/parti/sentrum")
        differing = sum(
            1
            for n, s in enumerate(STATEMENTS)
            if stance_for(n, s.id) != (CODED[s.id].stance or "none")
        )
        expect(editor.locator("tr.differs")).to_have_count(differing)
        assert differing >= 3
        check_page(editor, seen)
        editor.get_by_role("button", name="Godkjenn innsending nr. 1").click()
        expect(editor.get_by_text("Innsending nr. 1 er godkjent.")).to_be_visible()
        with editor.expect_download() as download:
            editor.get_by_role("link", name="Last ned sentrum.toml").click()
        content = tmp_path / "statements"
        shutil.copytree(SHIPPED_DIR, content)
        for example in (EXAMPLE_DIR / "parties").glob("*.toml"):  # ten parties beside it
            shutil.copy(example, content / "parties" / example.name)
        download.value.save_as(content / "parties" / "sentrum.toml")
        editor.goto("/redaksjon")
        check_page(editor, seen)
        desk.close()

    assert all(not violations and fits for _name, violations, fits in seen), seen

    # The file passes the content check, as an editor runs it.
    env = {**os.environ, "SECRET_KEY": "x", "STATEMENTS_DIR": str(content)}
    check = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "quiz", "statements", "check"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr
    deployed = load_catalogue(content).party("sentrum")
    assert all(p.set_by == "party" for p in deployed.positions.values())

    # The app started on it ranks the party, with its reasons.
    quiz = app_factory(STATEMENTS_DIR=content, WTF_CSRF_ENABLED=True)
    with LiveServer(quiz) as server:
        context = browser.new_context(base_url=server.url, locale="nb-NO")
        voter = context.new_page()
        voter.goto("/")
        voter.get_by_role("button", name="Start").click()
        short = len(load_catalogue(content).core_statements())
        answer(voter, short, short)
        voter.get_by_role("button", name="Se resultatet").click()
        expect(voter.locator("h1")).to_have_text("Resultatet ditt")
        expect(voter.locator(".rank-row")).to_have_count(11)
        expect(voter.locator(".rank-name", has_text="Partiet Sentrum Bærum")).to_have_count(1)
        voter.goto("/resultat/parti/sentrum")
        core = [s for s in STATEMENTS if s.core]
        answered = next(s for s in core if stance_for(STATEMENTS.index(s), s.id) != "none")
        expect(voter.get_by_text(reason_for(answered.id))).to_be_visible()
        context.close()
