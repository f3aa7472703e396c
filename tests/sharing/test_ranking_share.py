"""Sharing a result of several parties: at most the top three overall scores, no areas; the
page, the card and a friend's comparison; and links that outlive the addition of a party."""

from __future__ import annotations

import base64
import re
import shutil

import pytest
from itsdangerous import Signer

from quiz.content.loader import load_catalogue
from quiz.sharing.token import (
    MIN_RANKED_ANSWERS,
    TOP_PARTIES,
    SharedRanking,
    area_print,
    encode_ranking,
    read_ranking,
)
from quiz.web import content
from quiz.web.views.share import ranking_card_texts
from tests.data.many_parties import many_parties
from tests.helpers import EXAMPLE_DIR, SHIPPED_DIR, take_quiz
from tests.web.test_many_parties import EXAMPLE, take_as

SHARE_URL = re.compile(r'id="share-url" type="url" readonly value="https?://[^/"]+/r/([^"]+)"')


@pytest.fixture
def several(app_factory):
    return app_factory(STATEMENTS_DIR=EXAMPLE_DIR)


def share_token(client) -> str:
    html = client.get("/resultat").get_data(as_text=True)
    return SHARE_URL.search(html).group(1)


def test_a_share_holds_the_top_three_whole_percents_and_nothing_else(several):
    client = several.test_client()
    take_as(client, "skogpartiet")
    token = share_token(client)
    with several.app_context():
        shared = read_ranking(several.config["SECRET_KEY"], content.catalogue(), token)
    assert shared is not None and len(shared.scores) == TOP_PARTIES
    assert shared.scores[0] == ("skogpartiet", 100)
    assert all(isinstance(v, int) for _p, v in shared.scores)
    payload = base64.urlsafe_b64decode(token.split(".")[0] + "==")
    # version, area print, language, flags, count, then (3-byte code, percent) × 3: no
    # byte for an area, nor for any party beyond the three.
    assert len(payload) == 5 + 4 * TOP_PARTIES
    page = client.get(f"/r/{token}").get_data(as_text=True)
    assert "Mest enig med Skogpartiet: 100 %" in page
    assert "Enighet per område" not in page
    names = re.findall(r"<li>([^:<]+): <b>", page)
    assert names[0] == "Skogpartiet" and len(names) == 3
    card = client.get(f"/r/{token}/bilde.png")
    assert card.status_code == 200 and card.mimetype == "image/png"


def test_the_card_names_the_party_the_voter_matched_best(several):
    client = several.test_client()
    take_as(client, "tunnelpartiet")
    token = share_token(client)
    with several.test_request_context():
        shared = read_ranking(several.config["SECRET_KEY"], content.catalogue(), token)
        texts = ranking_card_texts(content.catalogue(), shared, None)
    assert texts["headline"] == "100 %"
    assert texts["subtitle"] == "mest enig med Tunnelpartiet"
    assert texts["best"][0] == ("Tunnelpartiet", "100 %")


def test_the_share_text_and_what_it_reveals(several):
    client = several.test_client()
    take_as(client, "fjordlista")
    html = client.get("/resultat").get_data(as_text=True)
    assert "Jeg er mest enig med Fjordlista (100 %)" in html
    assert "Lenken viser den samlede enigheten med de 3 partiene du er mest enig med" in html
    assert 'name="deling"' not in html  # no area choice: areas are never shared


def test_a_friend_compares_across_parties(several):
    sharer = several.test_client()
    take_as(sharer, "elgpartiet")
    token = share_token(sharer)
    friend = several.test_client()
    friend.get(f"/r/{token}")
    assert friend.post(f"/r/{token}/sammenlign").status_code == 302
    take_as(friend, "sykkelpartiet")
    html = friend.get("/resultat").get_data(as_text=True)
    section = html[html.index('id="compare-heading"') :]
    first_row = re.search(r"<th scope=\"row\">1\.</th><td>([^<]+)</td><td>([^<]+)</td>", section)
    assert first_row.group(1).startswith("Sykkelpartiet · 100")
    assert first_row.group(2).startswith("Elgpartiet · 100")
    link = re.search(
        r'id="compare-url" type="url" readonly value="https?://[^/"]+/r/([^"]+)"', html
    )
    page = friend.get(f"/r/{link.group(1)}").get_data(as_text=True)
    assert "Sykkelpartiet · 100" in page and "Elgpartiet · 100" in page


def test_a_link_made_before_a_party_was_added_still_opens(app_factory, tmp_path):
    nine = tmp_path / "nine"
    many_parties(nine, 10)
    (nine / "parties" / "apen-liste.toml").unlink()
    before = app_factory(STATEMENTS_DIR=nine)
    client = before.test_client()
    take_as(client, "kaffepartiet")
    token = share_token(client)
    shutil.copy(EXAMPLE_DIR / "parties" / "apen-liste.toml", nine / "parties")
    after = app_factory(STATEMENTS_DIR=nine)
    page = after.test_client().get(f"/r/{token}").get_data(as_text=True)
    assert "Mest enig med Kaffepartiet" in page
    assert after.test_client().get(f"/r/{token}/bilde.png").status_code == 200


def test_a_one_party_link_still_opens_once_other_parties_are_added(app_factory, tmp_path):
    one = app_factory()
    client = one.test_client()
    take_quiz(client)
    token = share_token(client)
    payload = base64.urlsafe_b64decode(token.split(".")[0] + "==")
    assert payload[0] == 2  # the one-party format, as before this change
    copy = tmp_path / "with-others"
    shutil.copytree(SHIPPED_DIR, copy)
    for name in ("elgpartiet", "fjordlista"):
        shutil.copy(EXAMPLE_DIR / "parties" / f"{name}.toml", copy / "parties")
    several = app_factory(STATEMENTS_DIR=copy)
    assert load_catalogue(copy).several
    page = several.test_client().get(f"/r/{token}").get_data(as_text=True)
    assert "enig med Partiet Sentrum Bærum" in page


def test_tampered_multi_party_tokens_are_404(several):
    with several.app_context():
        catalogue = content.catalogue()
        signer = Signer(several.config["SECRET_KEY"], salt="share-card")
        code = catalogue.parties[0].code
        printed = area_print(catalogue)
        for payload in (
            bytes([4, printed, 0, 0, 1, *code, 101]),  # over 100 %
            bytes([4, printed, 0, 0, 4, *([*list(code), 50]) * 4]),  # four parties
            bytes([4, printed, 0, 0, 2, *code, 50, *code, 40]),  # one party twice
            bytes([4, printed, 0, 0, 1, 1, 2, 3, 50]),  # a party that is not in the quiz
            bytes([4, (printed + 1) % 256, 0, 0, 1, *code, 50]),  # other areas
            bytes([4, printed, 9, 0, 1, *code, 50]),  # unknown language
            bytes([5, printed, 0, 0, 0, 1, 1, *code, 50]),  # comparison, too short
        ):
            token = signer.sign(base64.urlsafe_b64encode(payload).rstrip(b"=")).decode()
            client = several.test_client()
            assert client.get(f"/r/{token}").status_code == 404
            assert client.get(f"/r/{token}/bilde.png").status_code == 404


def test_under_the_minimum_of_answers_no_link_is_made(several):
    client = several.test_client()
    # The short quiz with its first statement skipped: one answer under the minimum.
    take_quiz(client, "short", lambda n: "skip" if n == 1 else "agree", catalogue=EXAMPLE)
    assert len(EXAMPLE.core_statements()) - 1 == MIN_RANKED_ANSWERS - 1
    html = client.get("/resultat").get_data(as_text=True)
    assert SHARE_URL.search(html) is None
    assert "/r/" not in html
    assert f"Svar på minst {MIN_RANKED_ANSWERS} påstander for å dele resultatet" in html
    # The whole short quiz is enough.
    client.post("/quiz/1", data={"answer": "agree"})  # change the skipped answer
    assert SHARE_URL.search(client.get("/resultat").get_data(as_text=True))


def test_a_friend_with_few_answers_sees_the_comparison_but_gets_no_link_of_it(several):
    sharer = several.test_client()
    take_as(sharer, "elgpartiet")
    token = share_token(sharer)
    friend = several.test_client()
    friend.post(f"/r/{token}/sammenlign")
    take_quiz(friend, "short", lambda n: "skip" if n < 5 else "neutral", catalogue=EXAMPLE)
    html = friend.get("/resultat").get_data(as_text=True)
    assert 'id="compare-heading"' in html
    assert 'id="compare-url"' not in html
    assert "for å få en lenke til sammenligningen" in html


def test_a_tie_at_the_top_is_named_as_a_tie_on_the_page_and_the_card(several):
    a, b, c = EXAMPLE.parties[:3]
    shared = SharedRanking("nb", "full", ((a.id, 70), (b.id, 70), (c.id, 40)))
    with several.test_request_context():
        token = encode_ranking(several.config["SECRET_KEY"], content.catalogue(), shared)
        texts = ranking_card_texts(content.catalogue(), shared, None)
    assert texts["subtitle"] == f"mest enig med {a.name}, {b.name}"
    page = several.test_client().get(f"/r/{token}").get_data(as_text=True)
    assert f'<h1 id="compare-heading">Mest enig med {a.name}, {b.name}: 70 %</h1>' in page
