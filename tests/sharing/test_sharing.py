"""Sharing that looks right everywhere: one language and one number per shared result, an
honest share, a card that survives the crops, the quiz's own preview, old links, and the
comparison with a friend (issue 15, items 1-4)."""

from __future__ import annotations

import io
import re
from urllib.parse import unquote, urlsplit

import numpy as np
import pytest
from PIL import Image

from quiz.sharing.card import DARK, MARGIN, SQUARE, card_layout, render_card
from quiz.sharing.token import (
    MIN_ANSWERED,
    read_comparison,
    read_token,
)
from quiz.web import content
from tests.helpers import SHIPPED, take_quiz

# Made by the first round's code (format 1) with the tests' SECRET_KEY, before format 2:
# an English sharer, 56 % overall, eight areas. Links already posted must keep opening.
FIRST_ROUND_TOKEN = "AXYCADhQP_8oZAA3IQ.h62Q1GCMRa6IPWvm7b9oMwtVbII"


def path_of(html: str, field: str = "share-url") -> str:
    url = re.search(rf'id="{field}" type="url" readonly value="([^"]+)"', html).group(1)
    return urlsplit(url).path


def finish(client, mode: str = "short", pick=None) -> str:
    take_quiz(client, mode, pick or (lambda n: ["agree", "disagree", "neutral"][n % 3]))
    return client.get("/resultat").get_data(as_text=True)


def test_a_first_round_link_still_opens(client):
    page = client.get(f"/r/{FIRST_ROUND_TOKEN}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<title>56 % agreement with Partiet Sentrum Bærum" in html  # its sharer's language
    assert client.get(f"/r/{FIRST_ROUND_TOKEN}/bilde.png").status_code == 200


def test_the_shared_page_and_card_speak_the_sharers_language(client, app, monkeypatch):
    client.get("/sprak/en")
    token = path_of(finish(client)).removeprefix("/r/")
    crawler = app.test_client()  # no cookie, no Accept-Language: a link preview's fetch
    html = crawler.get(f"/r/{token}").get_data(as_text=True)
    assert '<html lang="en">' in html and "agreement with Partiet Sentrum Bærum" in html
    assert 'content="en_GB"' in html
    assert tags_of(html)["og:image"].endswith(f"/r/{token}/bilde.png")  # its own card
    # A Norwegian browser gets it in English too; a visitor who chose a language gets theirs.
    assert "agreement with" in crawler.get(
        f"/r/{token}", headers={"Accept-Language": "nb-NO"}
    ).get_data(as_text=True)
    chooser = app.test_client()
    chooser.get("/sprak/nn")
    assert '<html lang="nn">' in chooser.get(f"/r/{token}").get_data(as_text=True)
    # The card is drawn in the token's language, whatever the fetcher's.
    drawn = []
    monkeypatch.setattr(
        "quiz.web.views.share.render_card",
        lambda **card: drawn.append(card) or render_card(**card),
    )
    crawler.get(f"/r/{token}/bilde.png", headers={"Accept-Language": "nb"})
    assert drawn[0]["subtitle"] == "agreement with Partiet Sentrum Bærum"
    assert drawn[0]["best_label"] == "Agree most"


def test_one_number_in_the_text_the_page_and_the_card(client, app, monkeypatch):
    html = finish(client)
    overall = re.search(r"data-overall-number>([^<]+)<", html).group(1)
    whole = round(float(overall.replace(",", ".")) + 1e-9)  # halves up at one decimal
    text = unquote(re.search(r"sms:\?&amp;body=([^\"]+)", html).group(1))
    assert f"Jeg er {whole} % enig" in text
    assert "," not in text.split("%")[0]  # never "39,8 %" beside a card saying "40 %"
    token = path_of(html).removeprefix("/r/")
    page = app.test_client().get(f"/r/{token}").get_data(as_text=True)
    assert f"<h1>{whole} % enig med" in page
    drawn = []
    monkeypatch.setattr(
        "quiz.web.views.share.render_card",
        lambda **card: drawn.append(card) or render_card(**card),
    )
    app.test_client().get(f"/r/{token}/bilde.png")
    assert drawn[0]["headline"] == f"{whole} %"


def test_areas_under_three_answers_are_not_shared(client, app):
    # Answer only the first two statements of the first area, then everything else.
    core = SHIPPED.core_statements()
    first_area = core[0].area
    in_first = [s.id for s in core if s.area == first_area]
    assert len(in_first) >= MIN_ANSWERED

    def pick(n):
        statement = core[n - 1]
        if statement.area == first_area and in_first.index(statement.id) >= 2:
            return "skip"
        return "agree"

    html = finish(client, pick=pick)
    token = path_of(html).removeprefix("/r/")
    with app.app_context():
        shared = read_token(app.config["SECRET_KEY"], content.catalogue(), token)
    position = [a.id for a in SHIPPED.areas].index(first_area)
    assert shared.areas[position] is None  # two answered: 100 % would give both away
    assert sum(v is not None for v in shared.areas) >= 1
    # The text beside the link says exactly that.
    shown = sum(v is not None for v in shared.areas)
    assert (
        f"enigheten i {shown} av {len(SHIPPED.areas)} områder (bare der du har svart på minst "
        f"{MIN_ANSWERED} påstander) og at du tok den korte testen" in html
    )
    page = app.test_client().get(f"/r/{token}").get_data(as_text=True)
    assert f"ikke delt: under {MIN_ANSWERED} svar" in page
    assert "Tatt med den korte testen." in page


def test_the_overall_score_can_be_shared_alone(client, app):
    finish(client)
    html = client.get("/resultat?deling=samlet").get_data(as_text=True)
    assert 'value="samlet" checked' in html
    assert "Lenken viser bare den samlede enigheten" in html
    token = path_of(html).removeprefix("/r/")
    with app.app_context():
        shared = read_token(app.config["SECRET_KEY"], content.catalogue(), token)
    assert shared.overall_only and shared.areas == (None,) * len(SHIPPED.areas)
    page = app.test_client().get(f"/r/{token}").get_data(as_text=True)
    assert "valgte å vise bare det samlede resultatet" in page
    assert 'class="bar-value"' not in page


@pytest.mark.parametrize(
    "subtitle",
    ["enig med Partiet Sentrum Bærum", "enig med " + "Et svært langt partinavn " * 3, "agree"],
)
def test_the_key_message_is_inside_the_centre_square(subtitle):
    best = (("Inkludering og mangfold", "80 %"), ("Bolig", "70 %"), ("Helse", "60 %"))
    worst = (("Samferdsel", "10 %"), ("Kultur", "20 %"), ("Oppvekst og utdanning", "30 %"))
    args = ("Programtesten", "100 %", subtitle, best, worst, "Ta testen selv på x.no")
    layout = card_layout(*args, "Mest enig", "Minst enig")
    left, right = SQUARE
    for line in layout["key"]:
        x0, y0, x1, y1 = line.box()
        assert left + MARGIN <= x0 and x1 <= right - MARGIN, (line.text, x0, x1)
        assert y0 >= 80 and y1 <= 400
    headline = layout["key"][0]
    # Readable at Messenger's 260 px: the number at least 30 px high there.
    assert headline.size * 260 / 1200 >= 30
    # And drawn there: in the centre crop of the PNG, the number's box holds its dark ink,
    # while the same rows outside the square hold none of it.
    pixels = np.asarray(Image.open(io.BytesIO(render_card(*args, "Mest enig", "Minst enig"))))
    dark = np.all(pixels[:, :, :3] == DARK, axis=2)
    x0, y0, x1, y1 = headline.box()
    assert dark[y0:y1, x0:x1].sum() > 2000
    assert not dark[y0:y1, :left].any() and not dark[y0:y1, right:].any()


@pytest.mark.parametrize(("lang", "title"), [("nb", "Hvor enig er du med"), ("en", "How much")])
def test_the_quiz_itself_has_a_preview_in_its_language(client, lang, title):
    client.get(f"/sprak/{lang}")
    for path in ("/", "/program/partiet-sentrum-baerum-2023-2027"):
        html = client.get(path).get_data(as_text=True)
        tags = dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html))
        assert tags["twitter:card"] == "summary_large_image", path
        assert tags["og:image"].endswith(f"/kort.png?lang={lang}"), path
        assert tags["og:title"] and tags["og:description"], path
    assert tags_of(client.get("/").get_data(as_text=True))["og:title"].startswith(title)
    card = client.get(f"/kort.png?lang={lang}")
    assert card.status_code == 200 and card.mimetype == "image/png"
    assert Image.open(io.BytesIO(card.data)).size == (1200, 630)


def tags_of(html: str) -> dict[str, str]:
    return dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html))


def test_compare_with_a_friend(client, app):
    sharer_html = finish(client)
    sharer_overall = re.search(r"data-overall-number>([^<]+)<", sharer_html).group(1)
    sharer_path = path_of(sharer_html)

    friend = app.test_client()
    page = friend.get(sharer_path).get_data(as_text=True)
    assert "Ta testen og sammenlign" in page
    token = sharer_path.removeprefix("/r/")
    assert friend.post(f"/r/{token}/sammenlign").headers["Location"] == "/?sammenlign=1"
    html = finish(friend, pick="disagree")
    assert "Du og den som delte" in html
    table = html.split('class="group-table compare-table"', 1)[1].split("</table>", 1)[0]
    # The quiz length of each, beside the scores.
    assert "<td>kort test</td><td>kort test</td>" in table
    overall_row = re.findall(r"<td>([^<]*)</td>", table.split('class="compare-overall"')[1])[:2]
    friend_overall = re.search(r"data-overall-number>([^<]+)<", html).group(1)

    def whole(text: str) -> str:
        return f"{round(float(text.replace(',', '.')) + 1e-9)} %"

    assert overall_row == [whole(friend_overall), whole(sharer_overall)]
    # Every area, side by side, on the friend's own results page (the include had no rows
    # there, and only the comparison link's page showed them).
    area_rows = re.findall(
        r'<tr><th scope="row">([^<]+)</th><td>([^<]*)</td><td>([^<]*)</td>', table
    )
    titles = [title for title, _one, _two in area_rows if title not in ("Lengde", "Samlet")]
    assert titles == [area.title["nb"] for area in SHIPPED.areas]
    assert any(two.endswith(" %") for _t, _one, two in area_rows[1:])  # the sharer's areas

    # The comparison's own link: short enough for an SMS with a 30-character https origin.
    compare_path = path_of(html, "compare-url")
    assert len("https://programtesten.example.no" + compare_path) <= 140
    assert len("https://" + "x" * 22 + compare_path) <= 140  # a 30-character origin
    with app.app_context():
        comparison = read_comparison(
            app.config["SECRET_KEY"], content.catalogue(), compare_path.removeprefix("/r/")
        )
    assert comparison is not None
    third = app.test_client()
    shown = third.get(compare_path).get_data(as_text=True)
    assert whole(friend_overall) in shown and whole(sharer_overall) in shown
    assert "Den som delte først" in shown
    for statement in SHIPPED.statements:
        assert statement.id not in compare_path
        assert statement.text["nb"] not in shown
    assert third.get(compare_path + "/bilde.png").status_code == 200
    # Deleting one's answers drops the comparison too.
    assert friend.post("/quiz/slett").status_code == 302
    assert "Du og den som delte" not in friend.get("/").get_data(as_text=True)
    assert "ved siden av det som ble delt" not in friend.get("/").get_data(as_text=True)
