"""max_weight in catalogue.toml is the one source of the weight range: raise it to 4 and
the forms, the texts, the cookie, the score API and the schema all follow."""

from __future__ import annotations

import re
import shutil

import pytest

from quiz.content.loader import load_catalogue
from quiz.scoring.matching import percent
from quiz.scoring.voters import score_voters
from quiz.voter.answers import Answers
from tests.helpers import ROOT, edit, shown_number


@pytest.fixture
def statements4(tmp_path):
    target = tmp_path / "statements"
    shutil.copytree(ROOT / "statements", target)
    edit(target / "catalogue.toml", "[rules]\n", "[rules]\nmax_weight = 4\n")
    return target


def test_a_quiz_with_an_area_weighted_4(app_factory, statements4):
    catalogue = load_catalogue(statements4)
    assert catalogue.max_weight == 4
    # The derived defaults follow the new scale: the largest chapter now weighs 4.
    assert max(a.weight for a in catalogue.areas) == 4
    client = app_factory(STATEMENTS_DIR=statements4).test_client()
    client.post("/quiz/start", data={"mode": "short"})
    core = catalogue.core_statements()
    given = {}
    for n, statement in enumerate(core, start=1):
        answer = ["agree", "disagree", "neutral"][n % 3]
        given[statement.id] = answer
        client.post(f"/quiz/{n}", data={"answer": answer})

    page = client.get("/quiz/prioriteringer").get_data(as_text=True)
    assert "en vekt fra 0 til 4" in page  # explained
    assert 'id="w-samferdsel-4"' in page and "4 – svært viktig" in page  # offered
    assert 'id="w-samferdsel-5"' not in page
    assert "3 – viktig" in page  # the steps between 1 and the top

    weights = {a.id: a.weight for a in catalogue.areas} | {"samferdsel": 4, "livssyn": 0}
    response = client.post(
        "/quiz/prioriteringer", data={f"w_{aid}": str(w) for aid, w in weights.items()}
    )
    assert response.headers["Location"] == "/resultat"
    html = client.get("/resultat").get_data(as_text=True)
    expected = score_voters(catalogue, [Answers("short", given, area_weights=weights)])
    shown = re.search(r"data-overall-number>([^<]+)<", html).group(1)
    assert shown == shown_number(percent(expected.overall[0, 0]))
    assert 'id="w-samferdsel-4" name="w_samferdsel" value="4" checked' in html

    # Above the scale is refused, on the form and in the API; the schema says 4.
    assert client.post("/resultat", data={f"w_{a}": "5" for a in weights}).status_code == 400
    assert client.post("/api/v1/score", json={"area_weights": {"samferdsel": 4}}).status_code == 200
    refused = client.post("/api/v1/score", json={"area_weights": {"samferdsel": 5}})
    assert refused.status_code == 400
    assert "0 to 4" in refused.get_json()["detail"]
    schema = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert (
        schema["ScoreRequest"]["properties"]["area_weights"]["additionalProperties"]["maximum"] == 4
    )
