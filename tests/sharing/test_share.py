"""Share links carry the card's numbers and nothing else; bad links are a friendly 404."""

from __future__ import annotations

import base64
import dataclasses
import io
import math
import re
from urllib.parse import urlsplit

import pytest
from itsdangerous import Signer
from PIL import Image

from quiz.sharing.token import SharedResult, fingerprint, make_token, read_token
from quiz.web import content
from tests.helpers import AREAS, take_quiz


def results_page_numbers(html: str) -> dict[str, tuple[str, int]]:
    """Each area's number on the results page and how many of its statements were answered."""
    numbers = {}
    for area, answered, value in re.findall(
        r'data-area="([a-z-]+)"[^>]*>\s*<span class="bar-label">'
        r'[^<]*<span class="bar-note">(\d+) av \d+ svart[^<]*</span></span>\s*'
        r'<span class="bar-value">([^<]*?)(?:&nbsp;%)?</span>',
        html,
    ):
        numbers[area] = (value, int(answered))
    return numbers


def finished(client) -> str:
    take_quiz(client, "short", lambda n: ["agree", "disagree", "neutral"][n % 3])
    return client.get("/resultat").get_data(as_text=True)


def share_path(html: str) -> str:
    url = re.search(r'id="share-url" type="url" readonly value="([^"]+)"', html).group(1)
    return urlsplit(url).path


def test_round_trip_results_to_shared_page_show_the_same_numbers(client):
    html = finished(client)
    overall = re.search(r"data-overall-number>([^<]+)<", html).group(1)
    areas = results_page_numbers(html)
    assert len(areas) == AREAS

    client.delete_cookie("valgomat")  # a friend: no session at all
    shared = client.get(share_path(html))
    assert shared.status_code == 200
    page = shared.get_data(as_text=True)

    # Whole percents on the card, halves up: the results page's 66,7 becomes 67, 62,5 63.
    def whole(text: str) -> str:
        return str(math.floor(float(text.replace(",", ".")) + 0.5))

    assert f"{whole(overall)} % enig" in page
    shown = re.findall(r'<span class="bar-value">([^<]*?)(?:&nbsp;%)?</span>', page)
    # An area is shared only where at least three of its statements were answered.
    expected = [
        whole(v) if v[0].isdigit() and answered >= 3 else "ikke nok svar"
        for v, answered in areas.values()
    ]
    assert shown == expected
    assert any(answered < 3 for _v, answered in areas.values())  # the rule was exercised
    assert any(answered >= 3 for _v, answered in areas.values())
    assert "ikke med i lenken" in page
    assert 'href="/">Ta quizen selv' in page or "Ta quizen selv" in page
    assert 'property="og:image"' in page and 'name="twitter:card"' in page


def test_token_holds_only_the_allowed_fields(app, client):
    html = finished(client)
    token = share_path(html).removeprefix("/r/")
    with app.app_context():
        catalogue = content.catalogue()
        shared = read_token(app.config["SECRET_KEY"], catalogue, token)
    assert shared is not None
    assert {f.name for f in dataclasses.fields(SharedResult)} == {
        "version",
        "lang",
        "party",
        "overall",
        "areas",
        "mode",
        "overall_only",
    }
    assert len(shared.areas) == AREAS
    assert (shared.mode, shared.overall_only) == ("short", False)
    # The signed payload is 6 bytes plus one per area: no room for the answers.
    raw = Signer(app.config["SECRET_KEY"], salt="share-card").unsign(token.encode())
    assert len(base64.urlsafe_b64decode(raw + b"==")) == 6 + AREAS
    for statement in catalogue.statements:
        assert statement.id not in token


def test_share_url_is_short_enough_to_post(app):
    with app.test_request_context(base_url="https://programtesten.example.no"):
        catalogue = content.catalogue()
        token = make_token(
            app.config["SECRET_KEY"],
            catalogue,
            "nb",
            "sentrum",
            72.4,
            {a.id: 50.0 for a in catalogue.areas},
            {a.id: 5 for a in catalogue.areas},
            "full",
        )
    url = f"https://programtesten.example.no/r/{token}"
    assert len(url) < 120, len(url)


def valid_token(app) -> str:
    with app.app_context():
        catalogue = content.catalogue()
        return make_token(app.config["SECRET_KEY"], catalogue, "nb", "sentrum", 70, {}, {})


def flip(token: str, at: int) -> str:
    c = token[at]
    return token[:at] + ("A" if c != "A" else "B") + token[at + 1 :]


@pytest.mark.parametrize(
    "make_bad",
    [
        lambda app, t: flip(t, 3),  # payload
        lambda app, t: flip(t, len(t) - 2),  # signature
        lambda app, t: t[:-5],  # truncated
        lambda app, t: t.split(".")[0],  # no signature
        lambda app, t: make_token("another-key", content.catalogue(), "nb", "sentrum", 70, {}, {}),
        lambda app, t: "A" * 5000,
        lambda app, t: "x" * 300 + "." + "y" * 300,
        lambda app, t: "' OR 1=1 --",
        lambda app, t: "<script>alert(1)</script>",
        lambda app, t: "%00%ff",
        lambda app, t: "æøå.ÆØÅ",
    ],
)
def test_tampered_or_junk_tokens_are_a_friendly_404(app, client, make_bad):
    with app.app_context():
        bad = make_bad(app, valid_token(app))
    for path in (f"/r/{bad}", f"/r/{bad}/bilde.png"):
        response = client.get(path)
        assert response.status_code == 404, path
    page = client.get(f"/r/{bad}").get_data(as_text=True)
    assert "Fant ikke siden" in page
    assert "<script>alert(1)</script>" not in page


def test_a_token_from_an_older_catalogue_version_is_404(app, client):
    with app.app_context():
        catalogue = content.catalogue()
        signer = Signer(app.config["SECRET_KEY"], salt="share-card")

        for payload in (
            bytes([9, fingerprint(catalogue), 0, 0, 50] + [50] * 8),  # unknown version
            bytes([2, fingerprint(catalogue), 0, 0, 50] + [50] * 8),  # version 2, no flags
            bytes([2, fingerprint(catalogue), 0, 0, 8, 50] + [50] * 8),  # unknown flag
            bytes([3, fingerprint(catalogue), 0, 0, 0, 0, 50, 50] + [50] * 8),  # short pair
            bytes([1, (fingerprint(catalogue) + 1) % 256, 0, 0, 50] + [50] * 8),  # old content
            bytes([1, fingerprint(catalogue), 0, 0, 101] + [50] * 8),  # out of range
            bytes([1, fingerprint(catalogue), 7, 0, 50] + [50] * 8),  # unknown language
            bytes([1, fingerprint(catalogue), 0, 0, 50] + [50] * 7),  # wrong length
        ):
            token = signer.sign(base64.urlsafe_b64encode(payload).rstrip(b"=")).decode()
            assert client.get(f"/r/{token}").status_code == 404


def test_share_image_is_a_1200x630_png(app, client):
    token = valid_token(app)
    response = client.get(f"/r/{token}/bilde.png")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert "max-age" in response.headers["Cache-Control"]
    image = Image.open(io.BytesIO(response.data))
    image.verify()
    assert image.format == "PNG"
    assert image.size == (1200, 630)


def test_share_image_is_rendered_once_per_card(app, client):
    from quiz.sharing.card import render_card

    token = valid_token(app)
    client.get(f"/r/{token}/bilde.png")
    before = render_card.cache_info()
    client.get(f"/r/{token}/bilde.png")
    after = render_card.cache_info()
    assert (after.hits, after.misses) == (before.hits + 1, before.misses)


def test_results_page_share_controls_are_plain_links(client):
    html = finished(client)
    for service in (
        "facebook.com/sharer",
        "x.com/intent",
        "linkedin.com/sharing",
        "mailto:",
        "sms:",
    ):
        assert service in html
    assert "utm_" not in html
    assert '<script src="http' not in html


def test_card_percents_round_halves_up_like_the_results_page():
    from quiz.sharing.token import whole_percent as whole

    assert [whole(62.5), whole(62.49), whole(0.0), whole(100.0), whole(None)] == [
        63,
        62,
        0,
        100,
        None,
    ]
