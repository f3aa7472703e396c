"""The one reading of answers sent all at once (quiz/voter/parsing.py), and the three
endpoints that take it, equally strict: the score API, the browser-side quiz's hand-over
(/quiz/svar) and the embed's script (/embed/svar)."""

from __future__ import annotations

import json
import re

import pytest

from quiz.voter.parsing import InvalidRequest, parse_answers
from tests.helpers import SHIPPED

FIRST, SECOND = (s.id for s in SHIPPED.statements_for("short")[:2])
AREA = SHIPPED.areas[0].id
TOP = SHIPPED.max_weight

# (the body, the field named as wrong)
BAD = [
    ("[]", "body"),
    ("not json", "body"),
    ("[" * 5000, "body"),
    (json.dumps({"answers": []}), "answers"),
    (json.dumps({"answers": {"nope": "agree"}}), "answers.nope"),
    (json.dumps({"answers": {FIRST: "yes"}}), f"answers.{FIRST}"),
    (json.dumps({"answers": {FIRST: 1}}), f"answers.{FIRST}"),
    (json.dumps({"important": "x"}), "important"),
    (json.dumps({"important": ["nope"]}), "important[0]"),
    (json.dumps({"important": [3]}), "important[0]"),
    (json.dumps({"area_weights": []}), "area_weights"),
    (json.dumps({"area_weights": {"x": 1}}), "area_weights.x"),
    (json.dumps({"area_weights": {AREA: TOP + 1}}), f"area_weights.{AREA}"),
    (json.dumps({"area_weights": {AREA: 1.5}}), f"area_weights.{AREA}"),
    (json.dumps({"area_weights": {AREA: True}}), f"area_weights.{AREA}"),
    (json.dumps({"extra": 1}), "extra"),
]


@pytest.mark.parametrize(("body", "field"), BAD)
def test_the_parser_names_the_field(body, field):
    with pytest.raises(InvalidRequest) as refused:
        parse_answers(body, SHIPPED, mode="full")
    assert refused.value.field == field


def test_the_quiz_length_is_the_endpoints_or_the_bodys():
    # An endpoint that knows the length refuses a body that says it; else the body may.
    with pytest.raises(InvalidRequest) as refused:
        parse_answers(json.dumps({"mode": "short"}), SHIPPED, mode="full")
    assert refused.value.field == "mode"
    assert parse_answers(json.dumps({"mode": "full"}), SHIPPED).mode == "full"
    assert parse_answers("{}", SHIPPED).mode == "short"  # the default, said once
    with pytest.raises(InvalidRequest):
        parse_answers(json.dumps({"mode": "long"}), SHIPPED)
    with pytest.raises(InvalidRequest):
        parse_answers("{}", SHIPPED, mode="")  # a form that lost its field


def test_a_mark_on_a_statement_not_answered_counts_for_nothing():
    body = {"answers": {FIRST: "agree", SECOND: "skip"}, "important": [FIRST, SECOND]}
    answers = parse_answers(json.dumps(body), SHIPPED, mode="full")
    assert answers.important == {FIRST}  # skipped: dropped; never answered: dropped too
    body["important"].append(SHIPPED.statements[-1].id)
    assert parse_answers(json.dumps(body), SHIPPED, mode="full").important == {FIRST}


def hand_over(client, body: str):
    """The browser-side quiz's POST: the length as a form field, the rest as JSON."""
    return client.post("/quiz/svar", data={"mode": "short", "data": body})


@pytest.mark.parametrize(("body", "field"), BAD)
def test_the_three_endpoints_refuse_the_same_bodies(client, body, field):
    api = client.post("/api/v1/score", data=body, content_type="application/json")
    assert api.status_code == 400 and api.get_json()["field"] == field
    assert hand_over(client, body).status_code == 400
    embedded = client.post("/embed/svar", data=body, content_type="application/json")
    assert embedded.status_code == 400
    assert "Start på nytt" in embedded.get_data(as_text=True)  # not a bare error page


def test_the_three_endpoints_score_the_same_answers_alike(client):
    """One body, with a mark on a skipped statement: every endpoint drops that mark and shows
    the same overall score (the API's, rounded to one decimal as the pages write it)."""
    body = json.dumps({"answers": {FIRST: "agree", SECOND: "skip"}, "important": [FIRST, SECOND]})
    api = client.post("/api/v1/score", data=body, content_type="application/json").get_json()
    overall = api["parties"][0]["overall"]
    shown = f"{overall:.1f}".removesuffix(".0").replace(".", ",")
    first_row = next(r for r in api["parties"][0]["statements"] if r["id"] == FIRST)
    assert first_row["max"] == 4  # marked: counts double
    second_row = next(r for r in api["parties"][0]["statements"] if r["id"] == SECOND)
    assert second_row["max"] is None  # skipped: the mark on it counts for nothing
    for page in (
        hand_over(client, body),
        client.post("/embed/svar", data=body, content_type="application/json"),
    ):
        html = page.get_data(as_text=True)
        assert page.status_code == 200
        assert re.search(r"data-overall-number>([^<]+)<", html)[1] == shown
    assert hand_over(client, body).get_data(as_text=True).count("viktig for deg") == 1
