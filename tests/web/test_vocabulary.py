"""One vocabulary: each number and word the pages say is defined once, where its rule is,
and the texts follow it (the shape of tests/content/test_max_weight.py: change the one
definition, and every page, form and check says the new value)."""

from __future__ import annotations

import re

from quiz.content import languages
from quiz.content.languages import DEFAULT_LANGUAGE, LANGUAGE_NAMES
from quiz.content.scale import ANSWERS
from quiz.events import service
from quiz.scoring import class_picture
from quiz.sharing import token as share_token
from quiz.voter.answers import DEFAULT_MODE, Answers
from quiz.voter.parsing import parse_answers
from tests.helpers import SHARE_LINK, SHIPPED, create_event, join, seats_of, take_quiz


def test_min_answered_is_what_a_share_needs_and_what_the_texts_say(app_factory, monkeypatch):
    monkeypatch.setattr(share_token, "MIN_ANSWERED", 4)
    client = app_factory().test_client()
    take_quiz(client)
    html = client.get("/resultat").get_data(as_text=True)
    assert "(bare der du har svart på minst 4 påstander)" in html
    link = SHARE_LINK.search(html)[1]
    shared = client.get(link).get_data(as_text=True)
    # Every area with fewer than 4 of its core statements answered is held back, and said to be.
    counts = {a.id: 0 for a in SHIPPED.areas}
    for statement in SHIPPED.core_statements():
        counts[statement.area] += 1
    held_back = sum(1 for n in counts.values() if n < 4)
    assert held_back and shared.count("ikke delt: under 4 svar") == held_back


def test_k_and_the_block_size_are_what_the_pages_say(app_factory, monkeypatch):
    monkeypatch.setattr(class_picture, "MIN_RESPONSES", 6)
    monkeypatch.setattr(class_picture, "BLOCK_SIZE", 7)
    client = app_factory().test_client()
    privacy = client.get("/personvern").get_data(as_text=True)
    assert "Svarene vises i blokker på 7 fra samme gruppe" in privacy
    assert "minst 6 andres svar" in privacy
    teacher = client.application.test_client()
    code, admin = create_event(teacher)
    assert "Resultatene vises når 7 fra samme gruppe har svart" in teacher.get(admin).get_data(
        as_text=True
    )
    # And the sealing follows: six sends show nothing, the seventh seals the block.
    seats = seats_of(teacher, admin)
    for n in range(7):
        student = client.application.test_client()
        join(student, code, seats[n])
        take_quiz(student, start=False)
        assert student.post("/event/send").status_code == 302
        shown = "Tallene bygger på 7 svar" in teacher.get(admin).get_data(as_text=True)
        assert shown == (n == 6), n


def test_max_group_name_is_what_the_form_refuses_and_says(app_factory, monkeypatch):
    monkeypatch.setattr(service, "MAX_GROUP_NAME", 10)
    client = app_factory().test_client()
    data = {"name": "Valgdag", "mode": "short", "groups": "10A, elleve tegn"}
    refused = client.post("/event/ny", data=data)
    assert refused.status_code == 400
    assert "hver på høyst 10 tegn" in refused.get_data(as_text=True)
    assert client.post("/event/ny", data={**data, "groups": "10A, ti tegn.."}).status_code == 303


def test_the_kiosks_idle_time_is_what_the_pages_say_and_do(app_factory, monkeypatch):
    monkeypatch.setattr(service, "KIOSK_IDLE", 120)
    client = app_factory().test_client()
    form = client.get("/event/ny").get_data(as_text=True)
    assert "etter hver innsending og etter 2 minutter uten aktivitet" in form
    code, _admin = create_event(client, kiosk="y", open_access="y")
    join(client, code)
    page = client.get("/quiz/1").get_data(as_text=True)
    assert "quizen starter på nytt etter 2 minutter uten aktivitet" in page
    assert 'data-kiosk-idle="120"' in page
    assert '<meta http-equiv="refresh" content="120; url=' in page


def test_the_default_quiz_is_the_same_everywhere(client):
    default = SHIPPED.statements_for(DEFAULT_MODE)
    landing = client.get("/").get_data(as_text=True)
    assert re.search(rf'id="mode-{DEFAULT_MODE}"[^>]*checked', landing)
    # A new visitor who opens a statement page, the embed started without a length, a
    # body without one, and an answer cookie without one: all the default quiz.
    assert f"Påstand 1 av {len(default)}" in client.get("/quiz/1").get_data(as_text=True)
    frame = client.application.test_client(use_cookies=False)
    embedded = frame.post("/embed/quiz", data={"lang": "nb"}).get_data(as_text=True)
    assert f"Påstand 1 av {len(default)}" in embedded
    assert parse_answers("{}", SHIPPED).mode == DEFAULT_MODE
    assert Answers.from_session({"a": {}}, SHIPPED).mode == DEFAULT_MODE == Answers().mode


def test_the_answer_scale_is_the_buttons_and_their_words(client):
    page = client.get("/quiz/1").get_data(as_text=True)
    assert re.findall(r'name="answer" value="([a-z]+)"', page) == list(ANSWERS)
    assert client.post("/quiz/1", data={"answer": "maybe"}).status_code == 400


def test_the_api_reads_a_language_as_the_pages_do(client):
    for asked, spoken in (("nn-NO", "nn"), ("no", "nb"), ("EN", "en"), ("xx", DEFAULT_LANGUAGE)):
        response = client.get(f"/api/v1/quiz?lang={asked}")
        assert response.headers["Content-Language"] == spoken, asked
        page = client.get(f"/sprak/{asked}")
        assert page.status_code == (404 if asked == "xx" else 302)
    links = re.findall(r'hreflang="([a-z]+)"', client.get("/").get_data(as_text=True))
    assert links == list(LANGUAGE_NAMES)


def test_every_table_by_language_covers_every_language():
    for table in (languages.OG_LOCALES, languages.DECIMAL_MARKS, languages.DATE_TIME_PATTERNS):
        assert tuple(table) == languages.LANGUAGES
    assert {languages.ALIASES[code] for code in languages.LANGUAGES} == set(languages.LANGUAGES)
