"""Helpers for the parties' round: an editor signed in, a party invited, answers typed in
through the party's own form, as a browser without JavaScript posts them."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from flask.testing import FlaskClient

from quiz.web.editor_login import make_hash
from tests.helpers import SHIPPED, SHIPPED_DIR

PASSWORD = "korrekt hest batteri stift"
PASSWORD_HASH = make_hash(PASSWORD)  # scrypt once per test run, not per test
STATEMENT_IDS = [s.id for s in SHIPPED.statements]
PARTY_LINK = re.compile(r'id="party-url" type="url" readonly value="https?://[^/"]+(/svar/[^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
# The stances typed for the shipped statements in turn; every fifth is *no answer*.
CYCLE = ["agree", "disagree", "neutral", "agree", "none"]


def editor_config(**extra: object) -> dict[str, object]:
    return {"EDITOR_PASSWORD_HASH": PASSWORD_HASH, **extra}


def sign_in(client: FlaskClient) -> None:
    response = client.post("/redaksjon/logg-inn", data={"password": PASSWORD})
    assert response.status_code == 303, response.status_code


def add_and_invite(client: FlaskClient, slug: str = "sentrum", **fields: str) -> str:
    """The party added and invited by the signed-in editor; the link's path (shown once)."""
    added = client.post("/redaksjon/partier", data={"slug": slug, **fields})
    assert added.status_code == 303 and added.headers["Location"].endswith(f"/parti/{slug}")
    return new_link(client, slug)


def new_link(client: FlaskClient, slug: str, deadline: str = "") -> str:
    made = client.post(f"/redaksjon/parti/{slug}/lenke", data={"deadline": deadline})
    assert made.status_code == 303, made.status_code
    page = client.get(made.headers["Location"]).get_data(as_text=True)
    return PARTY_LINK.search(page).group(1)


def version_on(page: str) -> str:
    return VERSION.search(page).group(1)


def answer(
    party: FlaskClient,
    link: str,
    statement_id: str,
    stance: str | None = "agree",
    reason: str | None = None,
    version: str | None = None,
    **fields: str,
):
    """Post one statement's form as the party; version read from the page unless given."""
    if version is None:
        version = version_on(party.get(f"{link}/pastand/{statement_id}").get_data(as_text=True))
    data = {"version": version, "go": "next", **fields}
    if stance is not None:
        data["stance"] = stance
    if reason is not None or stance not in (None, "none"):
        data["reason_nb"] = reason if reason is not None else f"Vår begrunnelse for {statement_id}."
    return party.post(f"{link}/pastand/{statement_id}", data=data)


def answer_all(party: FlaskClient, link: str, ids: Iterable[str] = STATEMENT_IDS) -> None:
    for n, sid in enumerate(ids):
        response = answer(party, link, sid, CYCLE[n % len(CYCLE)])
        assert response.status_code == 303, (sid, response.status_code)


def token_of(link: str) -> str:
    return link.split("/")[2]


def submitted_round(app, slug: str = "sentrum") -> tuple[FlaskClient, FlaskClient, str]:
    """A signed-in editor, and a party that answered every statement and submitted:
    (editor, party, the party's link)."""
    editor = app.test_client()
    sign_in(editor)
    link = add_and_invite(editor, slug)
    party = app.test_client()
    answer_all(party, link)
    assert party.post(f"{link}/send-inn").headers["Location"].endswith("/kvittering")
    return editor, party, link


def content_copy(folder: Path, exported: str | None = None, slug: str = "sentrum") -> Path:
    """A copy of the shipped content, with the party's exported file in place if given:
    the content an app is deployed on after the round."""
    target = folder / "statements"
    shutil.copytree(SHIPPED_DIR, target)
    if exported is not None:
        (target / "parties" / f"{slug}.toml").write_text(exported, encoding="utf-8")
    return target
