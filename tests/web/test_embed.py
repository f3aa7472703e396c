"""The quiz for another site's iframe: no cookie at all, the answers in a signed hidden
field (no JavaScript) or posted at the end (JavaScript), and framing only where allowed."""

from __future__ import annotations

import re

import numpy as np
import pytest

from quiz.scoring.results import results
from quiz.voter.answers import Answers
from tests.helpers import SHIPPED, SHORT, shown_number

CORE = SHIPPED.core_statements()


@pytest.fixture
def embed_app(app_factory):
    # The production configuration (CSRF on), and one site allowed to frame the quiz.
    return app_factory(WTF_CSRF_ENABLED=True, EMBED_ALLOWED_ORIGINS="https://www.avisa.no")


def state_of(html: str) -> str:
    return re.search(r'name="state" value="([^"]+)"', html).group(1)


def no_cookie(response) -> None:
    assert "Set-Cookie" not in response.headers, response.headers.get("Set-Cookie")


def test_the_short_quiz_without_javascript_and_without_a_cookie(embed_app):
    browser = embed_app.test_client(use_cookies=False)
    start = browser.get("/embed?lang=nn")
    no_cookie(start)
    assert '<html lang="nn">' in start.get_data(as_text=True)
    response = browser.post("/embed/quiz", data={"mode": "short", "lang": "nn"})
    no_cookie(response)
    rng = np.random.default_rng(3)
    picks = [str(v) for v in rng.choice(["agree", "neutral", "disagree", "skip"], size=SHORT)]
    for n in range(1, SHORT + 1):
        html = response.get_data(as_text=True)
        assert f"Påstand {n} av {SHORT}" in html
        response = browser.post(
            "/embed/quiz",
            data={"state": state_of(html), "n": str(n), "answer": picks[n - 1], "lang": "nn"},
        )
        no_cookie(response)
        assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Resultatet ditt" in html and '<html lang="nn">' in html
    expected = results(
        SHIPPED, Answers("short", {s.id: p for s, p in zip(CORE, picks, strict=True)})
    )
    overall = next(r for r in expected if r.party == SHIPPED.parties[0]).overall
    assert f"<span data-overall-number>{shown_number(overall)}</span>" in html
    assert "csrf_token" not in html  # no session-bound token: there is no session


def test_going_back_and_bad_steps(embed_app):
    browser = embed_app.test_client(use_cookies=False)
    first = browser.post("/embed/quiz", data={"mode": "short"}).get_data(as_text=True)
    second = browser.post(
        "/embed/quiz", data={"state": state_of(first), "n": "1", "answer": "agree"}
    ).get_data(as_text=True)
    back = browser.post("/embed/quiz", data={"state": state_of(second), "n": "2", "go": "prev"})
    html = back.get_data(as_text=True)
    assert (
        f"Påstand 1 av {SHORT}" in html
        and 'value="agree" class="answer answer-agree chosen"' in html
    )
    # No answer chosen: the same statement again, with the message.
    none = browser.post("/embed/quiz", data={"state": state_of(html), "n": "1"})
    assert none.status_code == 400 and "Velg et av svarene under." in none.get_data(as_text=True)
    # A forged, truncated or missing state, or a number out of range: start again, in the
    # frame's own page (never the site's generic error page).
    for data in (
        {"state": state_of(html)[:-3] + "xyz", "n": "1", "answer": "agree"},
        {"state": "junk", "n": "1", "answer": "agree"},
        {"state": state_of(html), "n": "99", "answer": "agree"},
        {"state": state_of(html), "n": "x", "answer": "agree"},
    ):
        refused = browser.post("/embed/quiz", data=data)
        assert refused.status_code == 400
        page = refused.get_data(as_text=True)
        assert "Start på nytt" in page and 'class="embed"' in page
        no_cookie(refused)


def test_the_script_posts_every_answer_and_gets_the_result(embed_app):
    browser = embed_app.test_client(use_cookies=False)
    given = {s.id: "agree" for s in CORE}
    response = browser.post("/embed/svar?lang=en", json={"mode": "short", "answers": given})
    no_cookie(response)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Your result" in html
    for bad in (None, [], {"mode": "long"}, {"mode": "short", "answers": []}, {"mode": "short"}):
        refused = browser.post("/embed/svar", json=bad)
        assert refused.status_code == 400, bad


def test_only_the_embed_pages_may_be_framed_and_only_by_the_allowed_sites(embed_app):
    client = embed_app.test_client()
    for path in ("/embed", "/embed?lang=en"):
        policy = client.get(path).headers["Content-Security-Policy"]
        assert "frame-ancestors 'self' https://www.avisa.no" in policy
    for path in ("/", "/resultat", "/event/ny", "/personvern"):
        policy = client.get(path).headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy, path


def test_by_default_no_other_site_may_frame_it(app):
    policy = app.test_client().get("/embed").headers["Content-Security-Policy"]
    assert re.search(r"frame-ancestors 'self'(;|$)", policy)


def test_elsewhere_csrf_still_holds(embed_app):
    client = embed_app.test_client()
    assert client.post("/quiz/start", data={"mode": "short"}).status_code == 400
