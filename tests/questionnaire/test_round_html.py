"""Every page of the round is valid HTML (the Nu Html Checker, as every other page type):
the party's list, print sheet, statement form (fresh, refused, in conflict, after the
deadline), receipt; the editor's sign-in, overview, party page and new link; the
"opens on" page."""

from __future__ import annotations

from datetime import date, timedelta

from jinja2 import StrictUndefined
from sqlalchemy import update

from quiz.questionnaire.models import Invitation, utc_now
from quiz.web import database
from tests.helpers import SHIPPED, FormClient
from tests.questionnaire.round import (
    PARTY_LINK,
    STATEMENT_IDS,
    answer,
    answer_all,
    editor_config,
    sign_in,
)
from tests.web.test_html_validity import html_checker_problems


def test_every_page_of_the_round_is_valid_html(app_factory, tmp_path):
    app = app_factory(WTF_CSRF_ENABLED=True, **editor_config())
    # A variable a view forgot to pass is an error here, not an empty spot on the page.
    app.jinja_env.undefined = StrictUndefined
    app.test_client_class = FormClient
    editor, party = app.test_client(), app.test_client()
    pages = {"login": editor.get("/redaksjon/logg-inn").get_data(as_text=True)}
    sign_in(editor)
    editor.post("/redaksjon/partier", data={"slug": "sentrum"})
    made = editor.post("/redaksjon/parti/sentrum/lenke", data={"deadline": ""})
    pages["new link"] = editor.get(made.headers["Location"]).get_data(as_text=True)
    link = PARTY_LINK.search(pages["new link"]).group(1)
    first = STATEMENT_IDS[0]
    pages["start"] = party.get(link).get_data(as_text=True)
    pages["print"] = party.get(f"{link}/alle").get_data(as_text=True)
    pages["statement"] = party.get(f"{link}/pastand/{first}").get_data(as_text=True)
    pages["refused"] = answer(party, link, first, reason="x" * 501, version="0").get_data(
        as_text=True
    )
    answer(party, link, first, version="0")
    pages["conflict"] = answer(party, link, first, "disagree", version="0").get_data(as_text=True)
    answer_all(party, link)
    party.post(f"{link}/send-inn")
    pages["receipt"] = party.get(f"{link}/kvittering").get_data(as_text=True)
    pages["party page"] = editor.get("/redaksjon/parti/sentrum").get_data(as_text=True)
    editor.post("/redaksjon/parti/sentrum/godkjenn", data={"number": "1"})
    pages["approved"] = editor.get("/redaksjon/parti/sentrum").get_data(as_text=True)
    pages["overview"] = editor.get("/redaksjon").get_data(as_text=True)
    with app.app_context():
        database.session().execute(update(Invitation).values(deadline=utc_now() - timedelta(1)))
        database.session().commit()
    pages["closed"] = party.get(f"{link}/pastand/{first}").get_data(as_text=True)
    later = (date.today() + timedelta(days=3)).isoformat()
    pages["opens"] = app_factory(OPENS_ON=later).test_client().get("/").get_data(as_text=True)
    assert SHIPPED.statement(first).text["nb"] in pages["statement"]
    for name, html in pages.items():
        assert "Noe gikk galt" not in html, name  # rendered, not the error page
    assert html_checker_problems(pages, tmp_path) == []
