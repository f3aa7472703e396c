"""The quiz without JavaScript: POST, redirect, GET, and a result that explains itself."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import numpy as np
import pytest

from quiz.scoring.matching import percent
from quiz.scoring.voters import score_voters
from quiz.voter.answers import Answers
from quiz.web import content
from tests.helpers import CHOICES, FULL, SHIPPED, SHORT, csrf_token_of, take_quiz


def test_full_quiz_without_javascript_matches_the_matching_function(app, client):
    with app.app_context():
        catalogue = content.catalogue()
    ids = [s.id for s in catalogue.statements]
    rng = np.random.default_rng(3)
    picks = rng.choice(CHOICES, size=len(ids))
    important = {ids[i] for i in (1, 5, 9)}

    given = take_quiz(client, "full", lambda n: str(picks[n - 1]), check_pages=True)
    assert len(given) == FULL
    weights = {a.id: (i % 4) for i, a in enumerate(catalogue.areas)}
    # Only answered (not skipped) statements are offered for marking.
    to_mark = [s for s in sorted(important) if given[s] != "skip"]
    response = client.post(
        "/quiz/prioriteringer",
        data={"viktig": to_mark, **{f"w_{aid}": str(w) for aid, w in weights.items()}},
    )
    assert response.headers["Location"] == "/resultat"
    html = client.get("/resultat").get_data(as_text=True)

    marked = frozenset(s for s in important if given[s] != "skip")
    expected = score_voters(catalogue, [Answers("full", given, marked, weights)])
    overall = percent(expected.overall[0, 0])
    shown = re.search(r"data-overall-number>([^<]+)<", html).group(1)
    assert shown == f"{overall:.1f}".removesuffix(".0").replace(".", ",")
    for k, area in enumerate(catalogue.areas):
        value = percent(expected.area[0, 0, k])
        block = re.search(rf'data-area="{area.id}"[^>]*>(.*?)</li>', html, re.S).group(1)
        if value is None:
            assert "ikke nok svar" in block
        else:
            assert f"{value:.1f}".removesuffix(".0").replace(".", ",") + "&nbsp;%" in block


def test_every_answered_row_links_to_an_existing_pledge_anchor(client):
    take_quiz(client)
    html = client.get("/resultat").get_data(as_text=True)
    links = re.findall(r'<a href="(/program/[^"#]+#[^"]+)"', html)
    rows = re.findall(r'<li class="statement-result', html)
    assert len(rows) == SHORT
    assert len(links) >= SHORT
    pages: dict[str, str] = {}
    for link in links:
        url = urlsplit(link)
        pages.setdefault(url.path, client.get(url.path).get_data(as_text=True))
        assert f'id="{url.fragment}"' in pages[url.path]


def test_answers_can_be_changed_and_the_choice_is_shown(client):
    client.post("/quiz/start", data={"mode": "short"})
    client.post("/quiz/1", data={"answer": "agree"})
    client.post("/quiz/1", data={"answer": "disagree"})
    html = client.get("/quiz/1").get_data(as_text=True)
    assert 'value="disagree" class="answer answer-disagree chosen"' in html
    assert 'aria-pressed="true">Uenig' in html
    assert f"Påstand 1 av {SHORT}" in html
    assert 'href="/quiz/2" rel="next" data-nav="next">' in html
    assert 'name="important"' not in html  # marks are set after the last statement


def test_overview_and_changing_an_answer_returns_where_it_came_from(client):
    core = SHIPPED.core_statements()
    client.post("/quiz/start", data={"mode": "short"})
    client.post("/quiz/1", data={"answer": "agree"})
    client.post("/quiz/2", data={"answer": "skip"})
    html = client.get("/quiz/oversikt").get_data(as_text=True)
    assert html.count('class="overview-item') == SHORT
    assert html.count("Ikke svart ennå") == SHORT - 2
    assert 'href="/quiz/3?til=oversikt"' in html
    # From the overview: back to the overview, not on to statement 4.
    page = client.get("/quiz/3?til=oversikt").get_data(as_text=True)
    assert 'action="/quiz/3?til=oversikt"' in page
    response = client.post("/quiz/3?til=oversikt", data={"answer": "neutral"})
    assert response.headers["Location"] == "/quiz/oversikt"
    # From the results: back to the results.
    response = client.post("/quiz/1?til=resultat", data={"answer": "disagree"})
    assert response.headers["Location"] == "/resultat"
    # An unknown destination is ignored: on to the next statement not yet answered.
    response = client.post("/quiz/1?til=https://evil.example", data={"answer": "agree"})
    assert response.headers["Location"] == "/quiz/4"
    assert core[2].text["nb"] in html


def test_landing_offers_to_continue_and_the_full_quiz_keeps_the_short_answers(client):
    assert ">Fortsett der du slapp</a>" not in client.get("/").get_data(as_text=True)
    take_quiz(client)
    page = client.get("/").get_data(as_text=True)
    assert f"Du har svart på {SHORT} av {SHORT} påstander" in page
    # The full quiz starts at the first statement the short one did not have.
    core = {s.id for s in SHIPPED.core_statements()}
    first_new = next(n for n, s in enumerate(SHIPPED.statements, 1) if s.id not in core)
    response = client.post("/quiz/start", data={"mode": "full"})
    assert response.headers["Location"] == f"/quiz/{first_new}"
    page = client.get("/").get_data(as_text=True)
    assert f'href="/quiz/{first_new}">Fortsett der du slapp' in page


def test_important_marks_are_set_after_the_last_statement(client):
    take_quiz(client, "short", lambda n: "skip" if n == 2 else "agree")
    core = SHIPPED.core_statements()
    page = client.get("/quiz/prioriteringer").get_data(as_text=True)
    assert page.count('name="viktig"') == SHORT - 1  # the skipped one is not offered
    assert f'value="{core[1].id}"' not in page
    weights = {f"w_{a.id}": str(a.weight) for a in SHIPPED.areas}  # as the form sends them
    # A mark on the skipped statement (a stale form) counts for nothing: dropped, as the
    # score API and the browser-side quiz's hand-over drop it (tests/voter/test_parsing.py).
    response = client.post(
        "/quiz/prioriteringer", data={"viktig": [core[0].id, core[1].id, core[2].id], **weights}
    )
    assert response.headers["Location"] == "/resultat"
    html = client.get("/resultat").get_data(as_text=True)
    assert html.count("viktig for deg") == 2


def test_deleting_answers_asks_first(client):
    take_quiz(client)
    page = client.get("/quiz/slett").get_data(as_text=True)
    assert "Ja, slett svarene mine" in page
    statement_page = client.get("/quiz/1").get_data(as_text=True)
    shown = re.sub(r"<template.*?</template>", "", statement_page, flags=re.S)  # inert
    assert "Slett svarene mine" not in shown
    assert 'href="/quiz/slett"' in client.get("/resultat").get_data(as_text=True)
    assert 'href="/quiz/slett"' in client.get("/quiz/oversikt").get_data(as_text=True)
    assert client.post("/quiz/slett").headers["Location"] == "/"
    assert "Du har ikke svart" in client.get("/resultat").get_data(as_text=True)


def test_answers_are_grouped_by_area_and_open_where_they_differ(client):
    take_quiz(client)
    html = client.get("/resultat").get_data(as_text=True)
    blocks = re.findall(r'<details class="area-answers"( open)?>(.*?)</details>', html, re.S)
    assert len(blocks) == len(SHIPPED.areas)
    for opened, block in blocks:
        assert bool(opened) == ('class="statement-result differs"' in block)
    assert any(opened for opened, _ in blocks) and not all(opened for opened, _ in blocks)
    assert "Oransje strek" in html  # the colour has a legend


def test_reweighting_on_the_results_page(client):
    take_quiz(client, "short", lambda n: "agree" if n % 2 else "disagree")
    before = client.get("/resultat").get_data(as_text=True)
    data = {f"w_{a}": "1" for a in re.findall(r'name="w_([a-z-]+)" value="1"', before)}
    data["w_samferdsel"] = "0"
    response = client.post("/resultat", data=data)
    assert response.status_code == 302
    after = client.get("/resultat").get_data(as_text=True)
    assert 'id="w-samferdsel-0" name="w_samferdsel" value="0" checked' in after


def test_skipping_everything_gives_not_enough_answers_not_zero(client):
    take_quiz(client, "short", "skip")
    html = client.get("/resultat").get_data(as_text=True)
    assert "ikke nok svar" in html
    assert "data-overall-number" not in html
    assert "ikke svart på nok påstander" in html


def test_clear_my_answers(client):
    take_quiz(client)
    response = client.post("/quiz/slett")
    assert response.headers["Location"] == "/"
    assert "slettet" in client.get("/").get_data(as_text=True)
    assert "ikke svart på noen påstander" in client.get("/resultat").get_data(as_text=True)


@pytest.mark.parametrize(
    "data",
    [{}, {"answer": "kanskje"}, {"answer": "agree" * 1000}, {"answer": "<script>"}],
)
def test_bad_answers_get_a_clear_400_and_keep_earlier_answers(client, data):
    client.post("/quiz/start", data={"mode": "short"})
    client.post("/quiz/1", data={"answer": "agree"})
    response = client.post("/quiz/2", data=data)
    assert response.status_code == 400
    assert "Velg et av svarene under" in response.get_data(as_text=True)
    assert "<script>" not in response.get_data(as_text=True)
    assert "chosen" in client.get("/quiz/1").get_data(as_text=True)


def test_out_of_range_statement_numbers_are_404(client):
    for path in ("/quiz/0", f"/quiz/{FULL + 1}", "/quiz/99999999999999999999", "/quiz/-1"):
        assert client.get(path).status_code == 404
    client.post("/quiz/start", data={"mode": "short"})
    assert client.get(f"/quiz/{SHORT}").status_code == 200
    assert client.get(f"/quiz/{SHORT + 1}").status_code == 404


def test_csrf_is_required_when_enabled(app_factory):
    app = app_factory(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    response = client.post("/quiz/start", data={"mode": "short"})
    assert response.status_code == 400
    assert "sikkerhetsnøkkelen" in response.get_data(as_text=True)
    html = client.get("/").get_data(as_text=True)
    assert 'id="csrf_token"' not in html  # pages with two forms: no duplicate id
    token = csrf_token_of(html)
    response = client.post("/quiz/start", data={"mode": "short", "csrf_token": token})
    assert response.status_code == 302
    # The answer form leaves the token to CSRFProtect, which refuses an answer without it.
    refused = client.post("/quiz/1", data={"answer": "agree"})
    assert refused.status_code == 400
    assert client.post("/quiz/1", data={"answer": "agree", "csrf_token": token}).status_code == 302
    assert "Du har svart på 1 av" in client.get("/").get_data(as_text=True)


def test_answers_live_only_in_the_session_cookie(app, client, caplog):
    take_quiz(client, "short", "disagree")
    # No answer value reaches a URL or a log line.
    for record in caplog.records:
        assert "disagree" not in record.getMessage()
    cookie = client.get_cookie("valgomat")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
    # A tampered cookie is ignored, not trusted.
    client.set_cookie("valgomat", cookie.value[:-3] + "AAA")
    assert "ikke svart på noen påstander" in client.get("/resultat").get_data(as_text=True)


def test_the_browser_side_quiz_hands_over_all_answers_in_one_post(client):
    core = SHIPPED.core_statements()
    good = {s.id: "agree" for s in core}

    def send(mode, data):
        return client.post("/quiz/svar", data={"mode": mode, "data": data})

    assert send("short", "{not json").status_code == 400
    assert send("short", '{"answers": {"finnes-ikke": "agree"}}').status_code == 400
    assert send("short", json.dumps({"answers": {core[0].id: "ja"}})).status_code == 400
    assert send("lang", '{"answers": {}}').status_code == 400
    assert send("short", '{"area_weights": {"helse": 9}}').status_code == 400
    # Valid: kept in the session, answered with the results page itself.
    body = json.dumps({"answers": good, "important": [core[0].id], "area_weights": {"helse": 2}})
    response = send("short", body)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Resultatet ditt" in html and html.count("viktig for deg") == 1
    again = client.get("/resultat").get_data(as_text=True)
    assert re.search(r"data-overall-number>([^<]+)<", again).group(1) == re.search(
        r"data-overall-number>([^<]+)<", html
    ).group(1)
