"""Answers given under an older catalogue stay safe when statements are removed or renamed.

Issue 10 replaced statements whose meaning changed with new ids (sfo-lav-inntekt, "should
still pay", became sfo-gratis-lav-inntekt, "should be free"); the old ids below were in
the first catalogue. A cookie or an event's stored responses that still hold them must be
read without the old answers, never with a 500 and never with a flipped meaning.
"""

from __future__ import annotations

import re

from sqlalchemy import insert, select

from quiz.events.models import Event, Response
from quiz.scoring.class_picture import BLOCK_SIZE
from quiz.web import content, database
from quiz.web.visitor import ANSWERS
from tests.helpers import SHIPPED, create_event, spreadsheet_rows

# Ids of earlier catalogues that the current one no longer has: from the first one
# (issue 10), and from the second review (issue 24), where a statement whose meaning
# changed got a new id (papirlose-helsehjelp "bare akutt" -> papirlose-lik-helsehjelp
# "den samme som andre", its stance flipped) or was dropped.
REMOVED = [
    "sfo-lav-inntekt",
    "tegnsprak-valgfag",
    "heltid-eldreomsorg",
    "religion-offentlig",
    "papirlose-helsehjelp",
    "bpa-budsjett",
    "private-barnehager-tilskudd",
    "papirboker",
    "foreldrekurs",
    "gratis-fritid-ungdom",
    "ideelle-avtaler",
    "borgersamling-loddtrekning",
    "rehabilitere-bygg",
    "brukte-mobler",
]


def test_removed_ids_are_really_gone():
    assert not any(SHIPPED.has_statement(sid) for sid in REMOVED)


def test_a_stale_but_validly_signed_cookie_is_read_without_the_old_answers(client):
    kept = SHIPPED.statements[0].id
    with client.session_transaction() as session:
        session[ANSWERS] = {
            "mode": "full",
            "a": {kept: "agree", **dict.fromkeys(REMOVED, "disagree")},
            "i": [REMOVED[0], kept],
            "w": {"inkludering": 2, "omrade-som-er-borte": 3},
        }
    page = client.get("/resultat")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    # As an id (in a link, an anchor or an attribute), whole: papirboker-ved-behov is
    # today's statement, and "foreldrekurs" is also a word in a statement's text.
    for sid in REMOVED:
        assert not re.search(rf"""[/"#]{sid}(?![\w-])""", html), sid
    assert client.get("/quiz/1").status_code == 200
    # The next answer rewrites the cookie with today's ids only.
    client.post("/quiz/start", data={"mode": "full"})
    client.post("/quiz/2", data={"answer": "neutral"})
    with client.session_transaction() as session:
        stored = session[ANSWERS]
    assert set(stored["a"]) == {kept, SHIPPED.statements[1].id}
    assert stored["i"] == [kept]
    assert stored["w"] == {"inkludering": 2}


def test_an_event_holding_answers_to_removed_statements_still_shows_and_downloads(app):
    teacher = app.test_client()
    code, dashboard = create_event(teacher)
    core = [s.id for s in SHIPPED.core_statements()]
    with app.app_context():
        event_id = database.session().scalar(select(Event.id).where(Event.code == code))
        rows = [
            {
                "event_id": event_id,
                "answers": {
                    **dict.fromkeys(REMOVED, "agree"),
                    core[0]: "agree",
                    core[1]: "disagree",
                },
                "important": [REMOVED[0], core[0]],
                "block": 0,  # sealed, as a first-round session's first block is by 0003
            }
            for _ in range(BLOCK_SIZE)
        ]
        session = database.session()
        session.execute(insert(Response), rows)
        session.commit()
        catalogue = content.catalogue()
    page = teacher.get(dashboard)
    assert page.status_code == 200
    assert f"{BLOCK_SIZE} svar" in page.get_data(as_text=True)
    download = teacher.get(dashboard + "/fordeling.csv")
    assert download.status_code == 200
    rows = spreadsheet_rows(download.get_data())
    ids = [row["Påstand-id"] for row in rows]
    assert ids == [s.id for s in catalogue.core_statements()]
    six = str(BLOCK_SIZE)
    assert (rows[0]["Enig"], rows[0]["Hoppet over"], rows[0]["Merket viktig"]) == (six, "0", six)
