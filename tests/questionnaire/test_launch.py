"""Before launch the statements are confidential: every public page is the "opens on"
page, the API says 503, and only the questionnaire, the editor's pages and the privacy
page open. Started from the environment, as docs/deploying.md offers it."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from quiz import create_app
from tests.helpers import SHIPPED
from tests.questionnaire.round import add_and_invite, answer, editor_config, sign_in

TOMORROW = (date.today() + timedelta(days=2)).isoformat()
# Words that would give a statement away: its text, its explanation's start, its id.
GIVEAWAYS = [s.text["nb"] for s in SHIPPED.statements] + [s.id for s in SHIPPED.statements]


def closed_app(app_factory, opens: str = TOMORROW):
    return app_factory(OPENS_ON=opens, **editor_config())


def public_paths(app) -> list[str]:
    """Every GET route, its arguments filled with real values."""
    values = {
        "statement_id": SHIPPED.statements[0].id,
        "number": "1",
        "party_id": "sentrum",
        "programme_id": SHIPPED.party("sentrum").programme.id,
        "code": "K7P2QX9M",
        "mode": "short",
    }
    paths = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        if rule.endpoint.startswith(("questionnaire.", "editor.")):
            continue
        path = rule.rule
        for name, value in values.items():
            path = re.sub(rf"<(?:\w+:)?{name}>", value, path)
        paths.append(re.sub(r"<(?:\w+:)?\w+>", "x", path))
    return paths


def test_before_launch_no_page_or_api_shows_a_statement(app_factory):
    app = closed_app(app_factory)
    client = app.test_client()
    paths = public_paths(app)
    assert len(paths) > 25
    for path in paths:
        response = client.get(path)
        body = response.get_data(as_text=True)
        for words in GIVEAWAYS:
            assert words not in body, (path, words)
        if path.startswith("/api/"):
            assert response.status_code == 503 and response.get_json()["error"] == "not_open"
        elif path not in ("/personvern", "/healthz", "/readyz") and not path.startswith("/sprak/"):
            assert response.status_code == 200, path
            assert "åpner" in body, path
            assert response.headers["Cache-Control"] == "no-store"
    # Posting answers is closed too.
    assert "åpner" in client.post("/quiz/1", data={"answer": "agree"}).get_data(as_text=True)
    assert client.post("/api/v1/score", json={"answers": {}}).status_code == 503
    assert client.get("/personvern").status_code == 200


def test_before_launch_the_parties_answer_and_the_editor_works(app_factory):
    app = closed_app(app_factory)
    editor = app.test_client()
    sign_in(editor)
    link = add_and_invite(editor)
    party = app.test_client()
    first = SHIPPED.statements[0]
    page = party.get(f"{link}/pastand/{first.id}").get_data(as_text=True)
    assert first.text["nb"] in page  # the party, on its private link, sees it
    assert answer(party, link, first.id, version="0").status_code == 303


def test_once_the_date_has_come_the_quiz_is_open(app_factory):
    app = closed_app(app_factory, opens=(date.today() - timedelta(days=1)).isoformat())
    client = app.test_client()
    first = SHIPPED.statements[0]
    assert first.text["nb"] in client.get(f"/pastander/{first.id}").get_data(as_text=True)
    assert client.get("/api/v1/quiz").status_code == 200


def test_the_setting_from_the_environment_and_a_wrong_one_stops_the_start(monkeypatch, tmp_path):
    monkeypatch.setenv("QUIZ_OPENS_ON", f"{TOMORROW}T09:00")
    monkeypatch.setenv("QUIZ_INSTANCE_PATH", str(tmp_path))
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3"})
    body = app.test_client().get("/").get_data(as_text=True)
    assert "åpner" in body and "kl. 09.00" in body
    monkeypatch.setenv("QUIZ_OPENS_ON", "neste tirsdag")
    with pytest.raises(RuntimeError, match="QUIZ_OPENS_ON"):
        create_app({"TESTING": True})
