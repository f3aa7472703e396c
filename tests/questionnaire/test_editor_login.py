"""The editor's sign-in: a scrypt hash from the environment, refused guesses limited per
address, a session that ends, and every editor page closed without it."""

from __future__ import annotations

import pytest
from werkzeug.security import check_password_hash

import quiz.web.editor_login
from tests.questionnaire.round import PASSWORD, PASSWORD_HASH, editor_config, sign_in

EDITOR_PAGES = [
    ("get", "/redaksjon"),
    ("get", "/redaksjon/parti/sentrum"),
    ("get", "/redaksjon/parti/sentrum/fil.toml"),
    ("get", "/redaksjon/parti/sentrum/svar.csv"),
    ("get", "/redaksjon/godkjente.zip"),
    ("post", "/redaksjon/partier"),
    ("post", "/redaksjon/parti/sentrum/lenke"),
    ("post", "/redaksjon/parti/sentrum/trekk-tilbake"),
    ("post", "/redaksjon/parti/sentrum/send-tilbake"),
    ("post", "/redaksjon/parti/sentrum/godkjenn"),
    ("post", "/redaksjon/parti/sentrum/slett"),
]


def test_the_hash_is_scrypt_and_the_password_is_never_kept():
    assert PASSWORD_HASH.startswith("scrypt:")
    assert check_password_hash(PASSWORD_HASH, PASSWORD)
    assert PASSWORD not in PASSWORD_HASH


def test_without_signing_in_no_editor_page_opens_and_nothing_changes(app_factory):
    app = app_factory(**editor_config())
    editor = app.test_client()
    sign_in(editor)
    editor.post("/redaksjon/partier", data={"slug": "sentrum"})
    stranger = app.test_client()
    for method, path in EDITOR_PAGES:
        response = getattr(stranger, method)(path, data={"slug": "x", "confirm": "sentrum"})
        assert response.status_code == 303, path
        assert "/redaksjon/logg-inn" in response.headers["Location"]
    # The delete above did nothing: the party is still there.
    assert "Partiet Sentrum Bærum" in editor.get("/redaksjon").get_data(as_text=True)


def test_a_wrong_password_is_refused_and_guessing_is_limited(app_factory):
    app = app_factory(**editor_config(EDITOR_LOGIN_LIMIT="5 per 15 minutes"))
    guesser = app.test_client()
    for _ in range(5):
        refused = guesser.post("/redaksjon/logg-inn", data={"password": "gjetning"})
        assert refused.status_code == 401
        assert "Feil passord" in refused.get_data(as_text=True)
    limited = guesser.post("/redaksjon/logg-inn", data={"password": PASSWORD})
    assert limited.status_code == 429  # even the right one, until the window passes
    assert "Retry-After" in limited.headers
    # Another address is not locked out by this one.
    other = app.test_client()
    assert (
        other.post(
            "/redaksjon/logg-inn",
            data={"password": PASSWORD},
            environ_base={"REMOTE_ADDR": "192.0.2.7"},
        ).status_code
        == 303
    )


def test_the_session_ends_after_its_minutes_without_a_page(app_factory, monkeypatch):
    app = app_factory(**editor_config(EDITOR_SESSION_MINUTES=30))
    editor = app.test_client()
    now = [1_900_000_000.0]
    monkeypatch.setattr(quiz.web.editor_login.time, "time", lambda: now[0])
    sign_in(editor)
    now[0] += 29 * 60
    assert editor.get("/redaksjon").status_code == 200  # and the half hour starts again
    now[0] += 29 * 60
    assert editor.get("/redaksjon").status_code == 200
    now[0] += 31 * 60
    assert editor.get("/redaksjon").status_code == 303


def test_a_new_password_hash_ends_every_open_session(app_factory):
    app = app_factory(**editor_config())
    editor = app.test_client()
    sign_in(editor)
    app.config["EDITOR_PASSWORD_HASH"] = quiz.web.editor_login.make_hash("et helt nytt passord")
    assert editor.get("/redaksjon").status_code == 303


def test_signing_out(app_factory):
    app = app_factory(**editor_config())
    editor = app.test_client()
    sign_in(editor)
    assert editor.post("/redaksjon/logg-ut").status_code == 303
    assert editor.get("/redaksjon").status_code == 303


@pytest.mark.parametrize("stored", ["", "not-a-hash"])
def test_without_a_usable_hash_nobody_signs_in_and_the_page_says_how_to_set_it(app_factory, stored):
    app = app_factory(EDITOR_PASSWORD_HASH=stored)
    client = app.test_client()
    refused = client.post("/redaksjon/logg-inn", data={"password": PASSWORD})
    assert refused.status_code in (401, 503)
    assert client.get("/redaksjon").status_code == 303
    if not stored:
        assert "QUIZ_EDITOR_PASSWORD_HASH" in client.get("/redaksjon/logg-inn").get_data(
            as_text=True
        )


def test_next_only_leads_inside_the_editors_pages(app_factory):
    app = app_factory(**editor_config())
    for target, expected in (
        ("/redaksjon/parti/x", "/redaksjon/parti/x"),
        ("//evil.example", "/redaksjon"),
        ("https://evil.example", "/redaksjon"),
    ):
        client = app.test_client()
        response = client.post(f"/redaksjon/logg-inn?next={target}", data={"password": PASSWORD})
        assert response.headers["Location"] == expected


def test_the_documented_settings_are_read_from_the_environment(monkeypatch):
    from quiz.config import from_environment

    monkeypatch.setenv("QUIZ_EDITOR_PASSWORD_HASH", PASSWORD_HASH)
    monkeypatch.setenv("QUIZ_EDITOR_SESSION_MINUTES", "15")
    monkeypatch.setenv("EDITOR_LOGIN_LIMIT", "3 per hour")
    monkeypatch.setenv("QUIZ_OPENS_ON", "2027-08-16")
    config = from_environment()
    assert config["EDITOR_PASSWORD_HASH"] == PASSWORD_HASH
    assert config["EDITOR_SESSION_MINUTES"] == 15
    assert config["EDITOR_LOGIN_LIMIT"] == "3 per hour"
    assert config["OPENS_ON"] == "2027-08-16"
