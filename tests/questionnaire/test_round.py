"""The round with the parties through the pages, as the editor and a party use them: the
link, the drafts and their version check, submitting, sending back, approving, exporting,
deleting. On SQLite and PostgreSQL where the database is what is tested."""

from __future__ import annotations

import tomllib
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from quiz.questionnaire import service
from quiz.questionnaire.models import (
    DraftAnswer,
    Invitation,
    RoundParty,
    Submission,
    utc_now,
)
from quiz.web import database
from tests.helpers import SHIPPED, FormClient, edit
from tests.questionnaire.round import (
    STATEMENT_IDS,
    add_and_invite,
    answer,
    answer_all,
    content_copy,
    editor_config,
    new_link,
    sign_in,
    submitted_round,
    version_on,
)

FIRST, SECOND = STATEMENT_IDS[0], STATEMENT_IDS[1]
FIRST_TEXT = SHIPPED.statement(FIRST).text["nb"]


@pytest.fixture
def round_app(app_factory):
    return app_factory(**editor_config())


@pytest.fixture
def editor(round_app):
    client = round_app.test_client()
    sign_in(client)
    return client


def count(app, model) -> int:
    with app.app_context():
        return database.session().scalar(select(func.count()).select_from(model))


def draft_of(app, statement_id: str) -> DraftAnswer:
    with app.app_context():
        return database.session().scalar(
            select(DraftAnswer).where(DraftAnswer.statement_id == statement_id)
        )


def test_the_whole_round_on_each_database(app_factory, database_url):
    app = app_factory(DATABASE_URL=database_url, **editor_config())
    editor = app.test_client()
    sign_in(editor)
    link = add_and_invite(editor)
    party = app.test_client()
    answer_all(party, link)
    assert party.post(f"{link}/send-inn").headers["Location"].endswith("/kvittering")
    page = editor.get("/redaksjon/parti/sentrum").get_data(as_text=True)
    assert "Sendt inn" in page and "Godkjenn innsending nr. 1" in page
    assert editor.post("/redaksjon/parti/sentrum/godkjenn", data={"number": "1"}).status_code == 303
    exported = tomllib.loads(editor.get("/redaksjon/parti/sentrum/fil.toml").get_data(as_text=True))
    assert len(exported["positions"]) == len(STATEMENT_IDS)
    assert exported["name"] == "Partiet Sentrum Bærum"  # from the content's file
    # Deleting the party deletes its links, drafts and submissions.
    assert (
        editor.post("/redaksjon/parti/sentrum/slett", data={"confirm": "sentrum"}).status_code
        == 303
    )
    for model in (RoundParty, Invitation, DraftAnswer, Submission):
        assert count(app, model) == 0, model
    assert party.get(link).status_code == 404


def test_a_wrong_link_is_404_and_a_revoked_one_403_and_neither_shows_anything(round_app, editor):
    link = add_and_invite(editor)
    party = round_app.test_client()
    start = party.get(link).get_data(as_text=True)
    assert "Skriv en kort begrunnelse på bokmål (høyst 500 tegn)" in start  # the rule, as read
    assert answer(party, link, FIRST, reason="Hemmelig utkast").status_code == 303
    wrong = link[:-4] + ("AAAA" if not link.endswith("AAAA") else "BBBB")
    for path in (wrong, f"{wrong}/pastand/{FIRST}", f"{wrong}/alle", f"{wrong}/kvittering"):
        response = party.get(path)
        assert response.status_code == 404, path
        assert FIRST_TEXT not in response.get_data(as_text=True)
    assert party.post(f"{wrong}/pastand/{FIRST}", data={"stance": "agree"}).status_code == 404

    assert editor.post("/redaksjon/parti/sentrum/trekk-tilbake").status_code == 303
    for path in (link, f"{link}/pastand/{FIRST}", f"{link}/alle", f"{link}/kvittering"):
        response = party.get(path)
        body = response.get_data(as_text=True)
        assert response.status_code == 403, path
        assert FIRST_TEXT not in body and "Sentrum" not in body and "Hemmelig" not in body
        assert "Be redaksjonen om den nye lenken" in body  # what to do next
    refused = party.post(f"{link}/pastand/{FIRST}", data={"stance": "agree", "reason_nb": "x"})
    assert refused.status_code == 403
    assert draft_of(round_app, FIRST).reason == {"nb": "Hemmelig utkast"}

    # A new link keeps the drafts; the old one stays refused.
    fresh = new_link(editor, "sentrum")
    assert "Hemmelig utkast" in party.get(f"{fresh}/pastand/{FIRST}").get_data(as_text=True)
    assert party.get(link).status_code == 403
    # A second new link replaces the first new one.
    newest = new_link(editor, "sentrum")
    assert party.get(fresh).status_code == 403 and party.get(newest).status_code == 200


def test_two_tabs_saving_in_turn_keep_the_newer_text(round_app, editor):
    link = add_and_invite(editor)
    party = round_app.test_client()
    tab_a = party.get(f"{link}/pastand/{FIRST}").get_data(as_text=True)
    tab_b = party.get(f"{link}/pastand/{FIRST}").get_data(as_text=True)
    assert version_on(tab_a) == version_on(tab_b) == "0"
    assert (
        answer(party, link, FIRST, reason="Nyere tekst fra fane A", version="0").status_code == 303
    )
    # Tab B, opened before A saved, saves its older view: refused, nothing overwritten.
    stale = answer(party, link, FIRST, "disagree", reason="Eldre tekst fra fane B", version="0")
    page = stale.get_data(as_text=True)
    assert stale.status_code == 409
    assert "Nyere tekst fra fane A" in page  # shown as the newer answer
    assert ">Eldre tekst fra fane B</textarea>" in page  # B's text kept in the form
    assert draft_of(round_app, FIRST).reason == {"nb": "Nyere tekst fra fane A"}
    # B read A's text and saves again on purpose (the page now carries the newer version).
    again = answer(
        party, link, FIRST, "disagree", reason="Eldre tekst fra fane B", version=version_on(page)
    )
    assert again.status_code == 303
    assert draft_of(round_app, FIRST).reason == {"nb": "Eldre tekst fra fane B"}
    assert draft_of(round_app, FIRST).version == 2


def test_a_double_click_saves_once(round_app, editor):
    link = add_and_invite(editor)
    party = round_app.test_client()
    for _ in range(2):  # the same form sent twice
        assert answer(party, link, FIRST, reason="Samme tekst", version="0").status_code == 303
    assert draft_of(round_app, FIRST).version == 1
    answer_all(party, link)
    first = party.post(f"{link}/send-inn")
    second = party.post(f"{link}/send-inn")
    assert first.status_code == second.status_code == 303
    assert count(round_app, Submission) == 1


def test_501_characters_are_refused_with_the_count_and_the_text_kept(round_app, editor):
    link = add_and_invite(editor)
    party = round_app.test_client()
    long_text = "æ" * 501
    refused = answer(party, link, FIRST, reason=long_text, reason_en="Kept too", version="0")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "Teksten har 501 tegn, 1 for mange: høyst 500." in page
    assert f">{long_text}</textarea>" in page and ">Kept too</textarea>" in page
    assert 'aria-invalid="true"' in page
    assert draft_of(round_app, FIRST) is None  # nothing half-saved
    english = party.post(
        f"{link}/pastand/{FIRST}",
        data={"stance": "agree", "reason_nb": long_text, "version": "0"},
        headers={"Accept-Language": "en"},
    )
    assert "501 characters, 1 too many: at most 500." in english.get_data(as_text=True)
    assert answer(party, link, FIRST, reason="æ" * 500, version="0").status_code == 303


def test_a_refused_source_or_comment_keeps_everything_typed(round_app, editor):
    link = add_and_invite(editor)
    party = round_app.test_client()
    refused = answer(
        party, link, FIRST, reason="Begrunnelse", source="javascript:alert(1)",
        comment="k" * 1001, version="0",
    )  # fmt: skip
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "Skriv en hel adresse som begynner med https://" in page
    assert "Teksten har 1001 tegn" in page
    assert 'value="javascript:alert(1)"' in page and ">Begrunnelse</textarea>" in page


def test_after_the_deadline_answers_are_read_not_changed(round_app, editor):
    link = add_and_invite(editor)
    party = round_app.test_client()
    assert answer(party, link, FIRST, reason="Før fristen", version="0").status_code == 303
    with round_app.app_context():
        database.session().execute(
            update(Invitation).values(deadline=utc_now() - timedelta(minutes=1))
        )
        database.session().commit()
    start = party.get(link).get_data(as_text=True)
    assert "Fristen gikk ut" in start and "Send inn svarene" not in start
    page = party.get(f"{link}/pastand/{FIRST}").get_data(as_text=True)
    assert "Før fristen" in page and "Lagre og gå til neste" not in page
    late = answer(party, link, FIRST, reason="Etter fristen", version="1")
    assert late.status_code == 403
    assert ">Etter fristen</textarea>" in late.get_data(as_text=True)  # kept to copy
    assert draft_of(round_app, FIRST).reason == {"nb": "Før fristen"}
    closed = party.post(f"{link}/send-inn")
    assert closed.status_code == 403
    assert "Fristen er ute" in closed.get_data(as_text=True)  # not a bare "no access"


def test_submitting_needs_every_statement_and_a_reason_in_bokmal(round_app, editor):
    link = add_and_invite(editor)
    party = round_app.test_client()
    answer_all(party, link, STATEMENT_IDS[:-1])
    # The last: a stance with a reason only in nynorsk is a draft, not an answer.
    last = STATEMENT_IDS[-1]
    assert (
        answer(
            party, link, last, "agree", reason="", reason_nn="Berre nynorsk", version="0"
        ).status_code
        == 303
    )
    refused = party.post(f"{link}/send-inn")
    assert refused.headers["Location"].endswith("#liste")
    start = party.get(link).get_data(as_text=True)
    assert "1 påstander mangler svar eller begrunnelse" in start
    assert "Lagret, men mangler svar eller begrunnelse på bokmål" in start
    assert count(round_app, Submission) == 0
    assert answer(party, link, last, "agree", reason_nn="Berre nynorsk").status_code == 303
    assert party.post(f"{link}/send-inn").headers["Location"].endswith("/kvittering")


def test_a_party_sees_no_other_partys_answers_and_not_the_editors_coding(round_app, editor):
    sentrum_link = add_and_invite(editor)
    fjord_link = add_and_invite(editor, "fjordlista", name="Fjordlista")
    fjord, sentrum = round_app.test_client(), round_app.test_client()
    assert answer(fjord, fjord_link, FIRST, reason="FJORD-HEMMELIG", version="0").status_code == 303
    coded = SHIPPED.party("sentrum").positions[FIRST]
    pages = [sentrum.get(sentrum_link), sentrum.get(f"{sentrum_link}/alle")]
    pages += [sentrum.get(f"{sentrum_link}/pastand/{sid}") for sid in STATEMENT_IDS]
    for response in pages:
        body = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "FJORD-HEMMELIG" not in body and "Fjordlista" not in body
        assert "Redaksjonens koding" not in body
        assert " checked" not in body  # nothing chosen for the party, by anyone
    # The pledges the editors read the stance from are offered as choices, unticked.
    first_page = sentrum.get(f"{sentrum_link}/pastand/{FIRST}").get_data(as_text=True)
    assert f'value="{coded.pledges[0]}">' in first_page


def test_a_partys_words_are_plain_text_everywhere(round_app, editor):
    link = add_and_invite(editor)
    party = round_app.test_client()
    words = '<script>alert(1)</script><b>fet</b> & "sitat"'
    formula = '=HYPERLINK("https://evil.example";"klikk")'
    assert (
        answer(
            party,
            link,
            FIRST,
            reason=words,
            reason_en=formula,
            comment="<i>kursiv</i>",
            version="0",
        ).status_code
        == 303
    )
    answer_all(party, link, STATEMENT_IDS[1:])
    party.post(f"{link}/send-inn")
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;fet&lt;/b&gt;"
    for body in (
        party.get(f"{link}/pastand/{FIRST}").get_data(as_text=True),
        party.get(f"{link}/kvittering").get_data(as_text=True),
        editor.get("/redaksjon/parti/sentrum").get_data(as_text=True),
    ):
        assert "<script>alert" not in body and "<b>fet" not in body and "<i>kursiv" not in body
        assert escaped in body
    sheet = editor.get("/redaksjon/parti/sentrum/svar.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in sheet  # a spreadsheet shows it as text, never runs it
    editor.post("/redaksjon/parti/sentrum/godkjenn", data={"number": "1"})
    exported = tomllib.loads(editor.get("/redaksjon/parti/sentrum/fil.toml").get_data(as_text=True))
    assert exported["positions"][FIRST]["reason"] == {"nb": words, "en": formula}
    assert "comment" not in exported["positions"][FIRST]  # for the editor only


def test_a_statement_changed_during_the_round_is_asked_again(app_factory, tmp_path):
    shared = f"sqlite:///{tmp_path / 'round.sqlite3'}"
    before = app_factory(DATABASE_URL=shared, **editor_config())
    _editor, party, link = submitted_round(before)
    content = content_copy(tmp_path)
    statement = SHIPPED.statement(SECOND)
    file = content / f"{statement.area}.toml"
    edit(file, statement.text["nb"], statement.text["nb"].rstrip(".") + " innen 2027.")
    after = app_factory(DATABASE_URL=shared, STATEMENTS_DIR=content, **editor_config())
    party, editor = after.test_client(), after.test_client()
    sign_in(editor)
    start = party.get(link).get_data(as_text=True)
    assert "Redaksjonen har endret 1 påstand dere har svart på." in start
    assert "Endret av redaksjonen: svar på nytt" in start
    page = party.get(f"{link}/pastand/{SECOND}").get_data(as_text=True)
    assert "Redaksjonen har endret påstanden siden dere svarte." in page
    assert statement.text["nb"] in page  # what they answered, beside the new text
    overview = editor.get("/redaksjon").get_data(as_text=True)
    assert "1 endret påstand å svare på nytt" in overview
    assert "Påstanden er endret siden partiet svarte." in editor.get(
        "/redaksjon/parti/sentrum"
    ).get_data(as_text=True)
    assert party.post(f"{link}/send-inn").headers["Location"].endswith("#liste")
    assert answer(party, link, SECOND, "disagree").status_code == 303
    assert party.post(f"{link}/send-inn").headers["Location"].endswith("/kvittering")


def test_statuses_and_dates_from_invitation_to_deployment(app_factory, tmp_path):
    shared = f"sqlite:///{tmp_path / 'round.sqlite3'}"
    app = app_factory(DATABASE_URL=shared, **editor_config())
    editor = app.test_client()
    sign_in(editor)

    def status() -> str:
        with app.app_context():
            return service.status_of(service.party_by_slug(database.session(), "sentrum"))

    assert editor.post("/redaksjon/partier", data={"slug": "sentrum"}).status_code == 303
    assert status() == "added"
    link = new_link(editor, "sentrum")
    assert status() == "invited"
    party = app.test_client()
    answer(party, link, FIRST, version="0")
    assert status() == "started"
    answer_all(party, link)
    party.post(f"{link}/send-inn")
    assert status() == "submitted"
    assert (
        editor.post(
            "/redaksjon/parti/sentrum/send-tilbake", data={"comment": "Begrunn nr. 2 <tydeligere>"}
        ).status_code
        == 303
    )
    assert status() == "sent_back"
    start = party.get(link).get_data(as_text=True)
    assert (
        "Redaksjonen har sendt svarene tilbake" in start
        and "Begrunn nr. 2 &lt;tydeligere&gt;" in start
    )
    answer(party, link, SECOND, "agree", reason="Tydeligere nå.")
    party.post(f"{link}/send-inn")
    assert status() == "submitted"
    # Approving what the editor read: a number that is not the latest is refused.
    assert editor.post("/redaksjon/parti/sentrum/godkjenn", data={"number": "1"}).status_code == 303
    assert status() == "submitted"
    editor.post("/redaksjon/parti/sentrum/godkjenn", data={"number": "2"})
    assert status() == "approved"
    overview = editor.get("/redaksjon").get_data(as_text=True)
    assert overview.count("–") >= 1 and "Godkjent" in overview

    # Deployed: the app started on content holding the exported file.
    exported = editor.get("/redaksjon/parti/sentrum/fil.toml").get_data(as_text=True)
    content = content_copy(tmp_path, exported)
    deployed = app_factory(DATABASE_URL=shared, STATEMENTS_DIR=content, **editor_config())
    editor = deployed.test_client()
    sign_in(editor)
    page = editor.get("/redaksjon/parti/sentrum").get_data(as_text=True)
    assert "Den publiserte filen har nøyaktig de godkjente svarene." in page
    assert status() == "deployed"

    # A submission after approval is a change to approve again, marked statement by statement.
    answer(party, link, FIRST, "disagree", reason="Vi har skiftet mening.")
    party.post(f"{link}/send-inn")
    assert status() == "submitted"
    page = editor.get("/redaksjon/parti/sentrum").get_data(as_text=True)
    assert page.count("(Endret siden godkjenningen)") == 1
    assert "Godkjenn innsending nr. 3" in page


def test_the_deployed_file_edited_by_hand_shows_where_it_differs(app_factory, tmp_path):
    shared = f"sqlite:///{tmp_path / 'round.sqlite3'}"
    editor, _party, _link = submitted_round(app_factory(DATABASE_URL=shared, **editor_config()))
    editor.post("/redaksjon/parti/sentrum/godkjenn", data={"number": "1"})
    exported = editor.get("/redaksjon/parti/sentrum/fil.toml").get_data(as_text=True)
    # The second statement was answered "disagree" (round.CYCLE); by hand it becomes agree.
    section = f'[positions.{SECOND}]\nstance = "disagree"'
    assert section in exported
    content = content_copy(
        tmp_path, exported.replace(section, section.replace("disagree", "agree"))
    )
    edited = app_factory(DATABASE_URL=shared, STATEMENTS_DIR=content, **editor_config())
    editor = edited.test_client()
    sign_in(editor)
    page = editor.get("/redaksjon/parti/sentrum").get_data(as_text=True)
    assert "Den publiserte filen er ikke den godkjente." in page
    assert f"Ulikt ved: {SECOND}." in page


def test_the_editor_sees_every_difference_from_the_coded_positions(round_app, editor):
    link = add_and_invite(editor)
    party = round_app.test_client()
    coded = SHIPPED.party("sentrum").positions
    flipped = {"agree": "disagree", "disagree": "agree", "neutral": "agree"}
    for n, sid in enumerate(STATEMENT_IDS):
        stance = coded[sid].stance or "none"
        if n < 3:
            stance = flipped.get(stance, "agree")
        answer(party, link, sid, stance, comment="Uklart ord" if n == 0 else "")
    party.post(f"{link}/send-inn")
    page = editor.get("/redaksjon/parti/sentrum").get_data(as_text=True)
    assert "3 svar skiller seg fra redaksjonens koding" in page
    assert page.count('class="differs"') == 3 and page.count("(Ulikt)") == 3
    assert "Uklart ord" in page


def test_every_page_of_the_round_is_no_store(round_app):
    editor = round_app.test_client()
    seen = []
    original = editor.open

    def open_and_keep(*args, **kwargs):
        response = original(*args, **kwargs)
        seen.append(response)
        return response

    editor.open = open_and_keep  # type: ignore[method-assign]
    editor.get("/redaksjon/logg-inn")
    sign_in(editor)
    link = add_and_invite(editor)
    party = round_app.test_client()
    party.open = open_and_keep  # type: ignore[method-assign]
    party.get(link)
    party.get(f"{link}/alle")
    answer_all(party, link)
    party.post(f"{link}/send-inn")
    party.get(f"{link}/kvittering")
    party.get(link[:-3] + "xyz")
    editor.get("/redaksjon")
    editor.get("/redaksjon/parti/sentrum")
    editor.post("/redaksjon/parti/sentrum/godkjenn", data={"number": "1"})
    editor.get("/redaksjon/parti/sentrum/fil.toml")
    editor.get("/redaksjon/parti/sentrum/svar.csv")
    editor.get("/redaksjon/godkjente.zip")
    assert len(seen) > 50
    for response in seen:
        assert response.headers["Cache-Control"] == "no-store", response.request.path


def test_production_forms_carry_the_csrf_token(app_factory):
    app = app_factory(WTF_CSRF_ENABLED=True, **editor_config())
    app.test_client_class = FormClient
    editor = app.test_client()
    assert (
        editor.post(
            "/redaksjon/logg-inn", data={"password": "x", "csrf_token": "forged"}
        ).status_code
        == 400
    )
    sign_in(editor)
    link = add_and_invite(editor)
    party = app.test_client()
    assert answer(party, link, FIRST, version="0").status_code == 303


def test_guessing_links_runs_into_the_lookup_limit(app_factory):
    app = app_factory(LOOKUP_LIMIT="3 per 10 minutes", **editor_config())
    editor = app.test_client()
    sign_in(editor)
    link = add_and_invite(editor)
    guesser = app.test_client()
    for n in range(3):
        assert guesser.get(f"/svar/gjetning{n}").status_code == 404
    assert guesser.get("/svar/gjetning-fire").status_code == 429
    assert app.test_client().get(link, environ_base={"REMOTE_ADDR": "192.0.2.9"}).status_code == 200


def test_a_stance_outside_the_scale_is_refused(round_app, editor):
    link = add_and_invite(editor)
    party = round_app.test_client()
    refused = answer(party, link, FIRST, "kanskje", reason="Tekst beholdes", version="0")
    assert refused.status_code == 400
    assert "Velg et av svarene." in refused.get_data(as_text=True)
    assert ">Tekst beholdes</textarea>" in refused.get_data(as_text=True)
