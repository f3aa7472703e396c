"""POST /api/v1/score and the OpenAPI document."""

from __future__ import annotations

import json

import pytest

from quiz.scoring.matching import percent
from quiz.scoring.voters import score_voters
from quiz.voter.answers import Answers
from quiz.web import content


def test_score_matches_the_matching_function(app, client):
    body = {
        "answers": {"sone-2v-betalt": "disagree", "matpakke": "agree", "rus-straff": "neutral"},
        "important": ["matpakke"],
        "area_weights": {"samferdsel": 3, "oppvekst": 1, "helse": 0},
    }
    response = client.post("/api/v1/score", json=body)
    assert response.status_code == 200
    data = response.get_json()
    party = data["parties"][0]
    assert party["party"] == "sentrum"
    # samferdsel: disagree vs disagree = 2/2 = 100. oppvekst: agree vs disagree, important:
    # 2*0 / 2*2 = 0. helse has weight 0. overall = (3*100 + 1*0) / 4 = 75.
    assert party["areas"]["samferdsel"] == 100.0
    assert party["areas"]["oppvekst"] == 0.0
    assert party["areas"]["helse"] == 50.0
    assert party["areas"]["bolig"] is None
    assert party["overall"] == 75.0
    rows = {r["id"]: r for r in party["statements"]}
    assert rows["matpakke"] == {"id": "matpakke", "points": 0.0, "max": 4.0}
    assert rows["sone-2v-betalt"] == {"id": "sone-2v-betalt", "points": 2.0, "max": 2.0}
    unanswered = next(sid for sid in rows if sid not in body["answers"])
    assert rows[unanswered] == {"id": unanswered, "points": None, "max": None}
    with app.app_context():
        catalogue = content.catalogue()
        expected = score_voters(
            catalogue,
            [Answers("full", body["answers"], frozenset(body["important"]), body["area_weights"])],
        )
    assert party["overall"] == percent(expected.overall[0, 0])


def test_empty_body_object_is_all_skipped(client):
    data = client.post("/api/v1/score", json={}).get_json()
    assert data["parties"][0]["overall"] is None
    assert all(v is None for v in data["parties"][0]["areas"].values())


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"answers": {"finnes-ikke": "agree"}}, "answers.finnes-ikke"),
        ({"answers": {"matpakke": "yes"}}, "answers.matpakke"),
        ({"answers": {"matpakke": 1}}, "answers.matpakke"),
        ({"answers": ["matpakke"]}, "answers"),
        ({"important": "matpakke"}, "important"),
        ({"important": ["nope"]}, "important[0]"),
        ({"important": [None]}, "important[0]"),
        ({"area_weights": {"helse": 4}}, "area_weights.helse"),
        ({"area_weights": {"helse": -1}}, "area_weights.helse"),
        ({"area_weights": {"helse": 1.5}}, "area_weights.helse"),
        ({"area_weights": {"helse": True}}, "area_weights.helse"),
        ({"area_weights": {"nope": 1}}, "area_weights.nope"),
        ({"area_weights": [1]}, "area_weights"),
        ({"extra": 1}, "extra"),
        ([], "body"),
        ("agree", "body"),
        (None, "body"),
    ],
)
def test_bad_bodies_get_400_naming_the_field(client, body, field):
    response = client.post("/api/v1/score", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    data = response.get_json()
    assert data["field"] == field
    assert data["error"] and data["detail"]


@pytest.mark.parametrize(
    "raw", [b"", b"{", b"not json", b"\xff\xfe", b"[" * 50_000 + b"]" * 50_000]
)
def test_non_json_gets_400(client, raw):
    response = client.post("/api/v1/score", data=raw, content_type="application/json")
    assert response.status_code in (400, 413)
    assert response.is_json


def test_oversized_body_gets_413_json(client):
    body = json.dumps({"answers": {f"x{i}": "agree" for i in range(20_000)}})
    response = client.post("/api/v1/score", data=body, content_type="application/json")
    assert response.status_code == 413
    assert response.get_json()["error"]


def test_wrong_method_is_405_json(client):
    response = client.get("/api/v1/score")
    assert response.status_code == 405
    assert response.is_json
    assert "POST" in response.headers["Allow"]


def test_openapi_document(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    assert set(doc["paths"]) == {"/api/v1/quiz", "/api/v1/score"}
    request = doc["components"]["schemas"]["ScoreRequest"]
    assert "matpakke" in request["properties"]["answers"]["propertyNames"]["enum"]
