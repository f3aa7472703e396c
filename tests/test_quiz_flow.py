"""The quiz without JavaScript: POST, redirect, GET, and a result that explains itself."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import numpy as np
import pytest

from quiz.scoring.answers import Answers
from quiz.scoring.matching import percent
from quiz.scoring.voters import score_voters
from quiz.web import content
from tests.helpers import CHOICES, FULL, SHORT, csrf_token_of, take_quiz


def test_full_quiz_without_javascript_matches_the_matching_function(app, client):
    with app.app_context():
        catalogue = content.catalogue()
    ids = [s.id for s in catalogue.statements]
    rng = np.random.default_rng(3)
    picks = rng.choice(CHOICES, size=len(ids))
    important = {ids[i] for i in (1, 5, 9)}

    given = take_quiz(
        client, "full", lambda n: (ids[n - 1], str(picks[n - 1]), ids[n - 1] in important)
    )
    assert len(given) == FULL
    weights = {a.id: (i % 4) for i, a in enumerate(catalogue.areas)}
    response = client.post(
        "/quiz/prioriteringer", data={f"w_{aid}": str(w) for aid, w in weights.items()}
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
    take_quiz(client, "short", lambda n: ("", "agree", False))
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
    client.post("/quiz/1", data={"answer": "disagree", "important": "y"})
    html = client.get("/quiz/1").get_data(as_text=True)
    assert 'value="disagree" class="answer answer-disagree chosen"' in html
    assert 'name="important" value="y" checked' in html
    assert f"Påstand 1 av {SHORT}" in html
    assert 'href="/quiz/2" rel="next"' in html


def test_differences_filter(client):
    take_quiz(client, "short", lambda n: ("", "agree", False))
    all_rows = client.get("/resultat").get_data(as_text=True).count('<li class="statement-result')
    differing = client.get("/resultat?vis=forskjeller").get_data(as_text=True)
    rows = differing.count('<li class="statement-result')
    assert 0 < rows < all_rows
    assert differing.count('<li class="statement-result differs"') == rows


def test_reweighting_on_the_results_page(client):
    take_quiz(client, "short", lambda n: ("", "agree" if n % 2 else "disagree", False))
    before = client.get("/resultat").get_data(as_text=True)
    data = {f"w_{a}": "1" for a in re.findall(r'name="w_([a-z-]+)" value="1"', before)}
    data["w_samferdsel"] = "0"
    response = client.post("/resultat", data=data)
    assert response.status_code == 302
    after = client.get("/resultat").get_data(as_text=True)
    assert 'id="w-samferdsel-0" name="w_samferdsel" value="0" checked' in after


def test_skipping_everything_gives_not_enough_answers_not_zero(client):
    take_quiz(client, "short", lambda n: ("", "skip", False))
    html = client.get("/resultat").get_data(as_text=True)
    assert "ikke nok svar" in html
    assert "data-overall-number" not in html
    assert "ikke svart på nok påstander" in html


def test_clear_my_answers(client):
    take_quiz(client, "short", lambda n: ("", "agree", False))
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


def test_answers_live_only_in_the_session_cookie(app, client, caplog):
    take_quiz(client, "short", lambda n: ("", "disagree", True))
    # No answer value reaches a URL or a log line.
    for record in caplog.records:
        assert "disagree" not in record.getMessage()
    cookie = client.get_cookie("valgomat")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
    # A tampered cookie is ignored, not trusted.
    client.set_cookie("valgomat", cookie.value[:-3] + "AAA")
    assert "ikke svart på noen påstander" in client.get("/resultat").get_data(as_text=True)
