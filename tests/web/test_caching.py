"""ETags and 304s where pages change only with the content; compression for clients that
ask; and no request-controlled text beside a secret, so compression cannot leak it."""

from __future__ import annotations

import gzip
import re

import pytest

from tests.helpers import SHIPPED

PROGRAMME = f"/program/{SHIPPED.parties[0].programme.id}"


@pytest.mark.parametrize(
    ("path", "cache_control"),
    [
        ("/api/v1/quiz?lang=nn", "public, max-age=300"),
        (PROGRAMME, "private, no-cache"),
        ("/metode", "private, no-cache"),
    ],
)
def test_etag_and_304_on_revalidation(client, path, cache_control):
    first = client.get(path)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == cache_control
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.get_data() == b""


def test_the_etag_covers_what_depends_on_the_visitor(client):
    bokmal = client.get("/metode").headers["ETag"]
    client.get("/sprak/en")
    english = client.get("/metode", headers={"If-None-Match": bokmal})
    assert english.status_code == 200  # another language is another page
    assert english.headers["ETag"] != bokmal


@pytest.mark.parametrize("path", ["/", "/metode", "/api/v1/quiz"])
def test_pages_and_json_are_compressed_for_clients_that_ask(client, path):
    response = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    plain = client.get(path, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert gzip.decompress(response.get_data()) == plain.get_data()


def test_no_request_controlled_text_beside_a_secret(client):
    """BREACH needs the attacker's text reflected in a compressed page that holds a secret:
    the language links carry only the page's own path and a known ?til value."""
    client.post("/quiz/start", data={"mode": "short"})
    html = client.get("/quiz/1?til=oversikt&probe=csrf_token%3DIjA").get_data(as_text=True)
    assert 'name="csrf_token"' in html
    # The guess is looked for as the attacker wrote it: the real token itself starts
    # with "IjA" about one time in 25 (base64 of '"0' and a digit), so a bare "IjA" is no probe.
    assert "probe" not in html
    assert "csrf_token=IjA" not in html and "csrf_token%3DIjA" not in html
    links = re.findall(r'href="(/sprak/[^"]+)"', html)
    assert links and all(link.endswith("next=/quiz/1?til%3Doversikt") for link in links)
    unknown = client.get("/quiz/1?til=probe").get_data(as_text=True)
    assert "probe" not in unknown
    missing = client.get("/finnes-ikke-probe").get_data(as_text=True)
    assert "probe" not in missing
