"""GET /api/v1/quiz: the quiz as open data."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT
from tests.helpers import FULL, SHIPPED

SOURCE = ROOT / "statements/programme/partiet-sentrum-baerum-2023-2027.txt"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_shape_in_every_language(client, lang):
    response = client.get(f"/api/v1/quiz?lang={lang}")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    data = response.get_json()
    assert set(data) >= {"parties", "areas", "statements"}
    assert data["parties"][0].keys() >= {"id", "name", "programme_url"}
    assert all(area.keys() >= {"id", "title", "weight"} for area in data["areas"])
    area_ids = {a["id"] for a in data["areas"]}
    assert len(data["statements"]) == FULL
    for statement in data["statements"]:
        assert statement.keys() >= {"id", "text", "area", "explanation", "positions"}
        assert statement["area"] in area_ids
        assert statement["text"]
        for position in statement["positions"]:
            assert position.keys() >= {"party", "stance", "pledges"}
            assert position["stance"] in {"agree", "neutral", "disagree"}
            for pledge in position["pledges"]:
                assert pledge.keys() >= {"id", "text", "chapter", "section", "url"}


def test_languages_differ_and_unknown_language_falls_back_to_bokmal(client):
    texts = {
        lang: client.get(f"/api/v1/quiz?lang={lang}").get_json()["statements"][0]["text"]
        for lang in ("nb", "nn", "en", "xx", "")
    }
    assert len({texts["nb"], texts["nn"], texts["en"]}) == 3
    assert texts["xx"] == texts["nb"] == texts[""]
    areas = client.get("/api/v1/quiz?lang=en").get_json()["areas"]
    assert areas[2]["title"] == "Transport"
    weird = client.get("/api/v1/quiz?lang=%00%ff<script>")
    assert weird.status_code == 200


def test_every_pledge_text_is_verbatim_from_the_programme(client):
    source = squash(SOURCE.read_text(encoding="utf-8"))
    data = client.get("/api/v1/quiz").get_json()
    quoted = [p for s in data["statements"] for pos in s["positions"] for p in pos["pledges"]]
    assert len(quoted) >= FULL
    for pledge in quoted:
        assert squash(pledge["text"]) in source, pledge["id"]


def test_every_pledge_url_anchor_exists_on_the_programme_page(client):
    data = client.get("/api/v1/quiz").get_json()
    pages: dict[str, str] = {}
    for statement in data["statements"]:
        for position in statement["positions"]:
            for pledge in position["pledges"]:
                url = urlsplit(pledge["url"])
                assert url.fragment == pledge["id"]
                if url.path not in pages:
                    pages[url.path] = client.get(url.path).get_data(as_text=True)
                assert f'id="{url.fragment}"' in pages[url.path], pledge["url"]


def test_json_is_built_once_per_language(app, client):
    client.get("/api/v1/quiz?lang=nn")
    client.get("/api/v1/quiz?lang=nn")
    client.get("/api/v1/quiz?lang=nn")
    info = app.extensions["quiz.api_cache"].cache_info()
    assert (info.misses, info.hits) == (1, 2)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_quiz_carries_the_derived_weights_and_the_sources(client, lang):
    data = client.get(f"/api/v1/quiz?lang={lang}").get_json()
    for area, shipped in zip(data["areas"], SHIPPED.areas, strict=True):
        assert (area["id"], area["weight"], area["pledges"]) == (
            shipped.id,
            shipped.weight,
            shipped.pledges,
        )
    sourced = {s.id: s.source[lang] for s in SHIPPED.statements if s.source}
    assert sourced, "the shipped explanations name sources"
    for statement in data["statements"]:
        assert statement["source"] == sourced.get(statement["id"])


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_statements_carry_keeps_today_and_their_sources(client, lang):
    """Open data says which statements keep today's rule (the editors' reading) and where
    each explanation's facts come from, in the asked language."""
    data = client.get(f"/api/v1/quiz?lang={lang}").get_json()
    by_id = {s["id"]: s for s in data["statements"]}
    for statement in SHIPPED.statements:
        found = by_id[statement.id]
        assert found["keeps_today"] is statement.keeps_today
        assert found["core"] is statement.core
        assert found["source"] == (statement.source[lang] if statement.source else None)
        if statement.keeps_today:  # such a statement states today's rule, with its source
            assert found["explanation"] and found["source"], statement.id
    assert by_id["rus-straff"]["keeps_today"] is True
    assert "HR-2022-731-A" in by_id["rus-straff"]["source"]
    assert by_id["papirlose-lik-helsehjelp"]["keeps_today"] is False
    # Each area gives the inputs of its default weight.
    areas = {a["id"]: a for a in data["areas"]}
    assert (areas["samferdsel"]["pledges"], areas["samferdsel"]["priorities"]) == (4, 1)
    assert areas["samferdsel"]["weight"] == 2
