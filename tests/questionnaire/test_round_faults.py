"""Nothing a party typed is lost: drafts survive a restart of the real server, a database
outage in the middle of a save answers 503 with the text still in the form, and the
round keeps its retention rule by itself. The access log never holds a party's link."""

from __future__ import annotations

import os
from datetime import timedelta

from sqlalchemy.engine import make_url

from quiz.events import db
from quiz.questionnaire import service
from quiz.questionnaire.models import Invitation, RoundParty, utc_now
from quiz.web import database
from tests.helpers import SHIPPED
from tests.questionnaire.round import (
    PARTY_LINK,
    PASSWORD,
    PASSWORD_HASH,
    add_and_invite,
    answer,
    editor_config,
    sign_in,
    token_of,
)
from tests.servers import AppServer, Browserless, TcpProxy

FIRST = SHIPPED.statements[0]


def invite_over_http(base: str) -> tuple[Browserless, str]:
    editor = Browserless(base)
    editor.get("/redaksjon/logg-inn")
    assert editor.post("/redaksjon/logg-inn", {"password": PASSWORD})[0] == 303
    assert editor.post("/redaksjon/partier", {"slug": "sentrum"})[0] == 303
    status, where = editor.post("/redaksjon/parti/sentrum/lenke", {"deadline": ""})
    assert status == 303
    page = editor.get(where.replace(base, ""))[1]
    return editor, PARTY_LINK.search(page).group(1)


def test_drafts_survive_a_restart_and_the_log_masks_the_link(tmp_path):
    url = f"sqlite:///{tmp_path / 'round.sqlite3'}"
    db.upgrade(url)
    log = tmp_path / "access.log"
    env = {"QUIZ_EDITOR_PASSWORD_HASH": PASSWORD_HASH}
    with AppServer(url, workers=1, access_log=str(log), **env) as server:
        _editor, link = invite_over_http(server.url)
        party = Browserless(server.url)
        page = party.get(f"{link}/pastand/{FIRST.id}")[1]
        saved = party.post(
            f"{link}/pastand/{FIRST.id}",
            {
                "stance": "disagree",
                "reason_nb": "Lagret før omstart.\nTo linjer.",
                "version": "0",
                "go": "stay",
            },
        )
        assert saved[0] == 303 and FIRST.text["nb"] in page
    with AppServer(url, workers=1, **env) as restarted:
        party = Browserless(restarted.url)
        status, page = party.get(f"{link}/pastand/{FIRST.id}")
        assert status == 200
        assert ">Lagret før omstart.\nTo linjer.</textarea>" in page
        assert 'value="disagree" checked' in page
    token = token_of(link)
    text = log.read_text()
    assert token not in text
    assert f'"GET /svar/…/pastand/{FIRST.id}"' in text


def test_a_database_outage_mid_save_keeps_the_text(app_factory, postgres_url):
    database_name = make_url(postgres_url).database
    proxy = TcpProxy((os.environ.get("PGHOST", "localhost"), int(os.environ.get("PGPORT", "5432"))))
    proxy.start()
    user = os.environ.get("PGUSER", "postgres")
    app = app_factory(
        DATABASE_URL=f"postgresql+psycopg://{user}@127.0.0.1:{proxy.port}/{database_name}",
        **editor_config(),
    )
    editor = app.test_client()
    sign_in(editor)
    link = add_and_invite(editor)
    party = app.test_client()
    form = party.get(f"{link}/pastand/{FIRST.id}").get_data(as_text=True)
    assert 'name="version" value="0"' in form
    typed = "Skrevet mens basen var borte: «viktig», med <tegn> & alt."
    proxy.stop()
    try:
        refused = answer(
            party, link, FIRST.id, "agree", reason=typed, reason_nn="Nynorsk òg", version="0",
            pledges="helse-8",
        )  # fmt: skip
        page = refused.get_data(as_text=True)
        assert refused.status_code == 503
        assert refused.headers["Retry-After"] == "5"
        assert refused.headers["Cache-Control"] == "no-store"
        assert "Svaret ble ikke lagret: tjenesten var utilgjengelig et øyeblikk." in page
        assert (
            ">Skrevet mens basen var borte: «viktig», med &lt;tegn&gt; &amp; alt.</textarea>"
            in page
        )
        assert ">Nynorsk òg</textarea>" in page and 'value="agree" checked' in page
        assert '<input type="hidden" name="pledges" value="helse-8">' in page  # ticked, kept
        # The link could not be checked, so nothing of the round is shown: no party, no
        # statement (before launch they are confidential).
        assert "Sentrum" not in page and FIRST.text["nb"] not in page
    finally:
        proxy.start()
    # The party presses Lagre again: the same form, saved.
    again = party.post(
        f"{link}/pastand/{FIRST.id}",
        data={
            "stance": "agree",
            "reason_nb": typed,
            "reason_nn": "Nynorsk òg",
            "version": "0",
            "go": "stay",
        },
    )
    assert again.status_code == 303
    saved = party.get(f"{link}/pastand/{FIRST.id}").get_data(as_text=True)
    assert (
        ">Skrevet mens basen var borte: «viktig», med &lt;tegn&gt; &amp; alt.</textarea>" in saved
    )
    proxy.stop()


def test_the_round_is_deleted_180_days_after_its_last_deadline(app_factory):
    app = app_factory(**editor_config(PURGE_INTERVAL=0))
    editor = app.test_client()
    sign_in(editor)
    add_and_invite(editor, "sentrum")
    add_and_invite(editor, "fjordlista", name="Fjordlista")
    with app.app_context():
        session = database.session()
        old = service.party_by_slug(session, "sentrum")
        for invitation in old.invitations:
            invitation.deadline = utc_now() - service.RETENTION - timedelta(hours=1)
        recent = service.party_by_slug(session, "fjordlista")
        for invitation in recent.invitations:
            invitation.deadline = utc_now() - service.RETENTION + timedelta(hours=1)
        session.commit()
    app.test_client().get("/")  # any request: the app purges by itself
    with app.app_context():
        session = database.session()
        assert [p.slug for p in service.parties(session)] == ["fjordlista"]
        assert {i.party_id for i in session.query(Invitation)} == {
            service.party_by_slug(session, "fjordlista").id
        }
        assert session.query(RoundParty).count() == 1
    privacy = app.test_client().get("/personvern").get_data(as_text=True)
    assert f"senest {service.RETENTION.days} dager etter fristen" in privacy
