"""Shared test helpers: counts read from the shipped catalogue, so that editing the
content (adding, dropping or moving a statement) does not break tests about behaviour."""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from quiz import create_app
from quiz.content.catalogue import Catalogue
from quiz.content.loader import load_catalogue, read_catalogue
from quiz.events import db
from quiz.web import database

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_DIR = ROOT / "statements"
SHIPPED = load_catalogue(SHIPPED_DIR)
# The example of several parties (examples/mange-partier): ten fictional parties that
# answered the shipped statements themselves.
EXAMPLE_DIR = ROOT / "examples" / "mange-partier"

FULL = len(SHIPPED.statements)  # statements in the full quiz
SHORT = len(SHIPPED.core_statements())  # statements in the short quiz
# Partiet Sentrum Bærum's programme, as read by hand: pledges per policy chapter (N = 155)
# and the "11 grunner" each chapter holds (P = 11). The parser's tests and the weight
# rule's arithmetic both start from these.
SHIPPED_CHAPTER_PLEDGES = {
    "inkludering": 44,
    "klima": 24,
    "samferdsel": 4,
    "oppvekst": 26,
    "bolig": 11,
    "helse": 32,
    "kultur": 11,
    "livssyn": 3,
}
SHIPPED_CHAPTER_PRIORITIES = {
    "inkludering": 2,  # no. 2 and 4
    "klima": 1,  # no. 3
    "samferdsel": 1,  # no. 1
    "oppvekst": 4,  # no. 7, 8, 9, 11
    "bolig": 2,  # no. 5, 6 (named in the description: they repeat no chapter pledge)
    "helse": 1,  # no. 10
    "kultur": 0,
    "livssyn": 0,
}
AREAS = len(SHIPPED.areas)

# A small fixture catalogue for the validator's tests (tests/data/mini): breaking a copy of
# it shows each rule's message without depending on the shipped statements.
MINI = Path(__file__).resolve().parent / "data" / "mini"


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a copied content file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def errors_of(directory: Path) -> list[str]:
    """The errors of an invalid catalogue, as the check command prints them."""
    catalogue, problems = read_catalogue(directory)
    assert catalogue is None
    return [str(p) for p in problems if p.level == "error"]


def shown_number(value: float) -> str:
    """A score as the Norwegian pages write it: 62,5 and 50."""
    return f"{value:.1f}".removesuffix(".0").replace(".", ",")


@cache
def migrated_sqlite() -> Path:
    """An empty SQLite database at the newest migration, made once per test run."""
    path = Path(tempfile.mkdtemp(prefix="quiz-migrated-")) / "migrated.sqlite3"
    db.upgrade(f"sqlite:///{path}")
    return path


class AppFactory:
    """Makes test apps, each on its own SQLite file (or DATABASE_URL) under base, as the
    shipped app is configured but for TESTING and a fixed SECRET_KEY; close() disposes
    their connection pools. The fixture app_factory (conftest) wraps one per test."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.apps: list[Flask] = []

    def __call__(self, **overrides: object) -> Flask:
        n = len(self.apps)
        own_file = self.base / f"test-{n}.sqlite3"
        config: dict[str, object] = {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "INSTANCE_PATH": self.base / f"instance-{n}",
            "DATABASE_URL": f"sqlite:///{own_file}",
            "WTF_CSRF_ENABLED": False,
        }
        config.update(overrides)
        if "DATABASE_URL" in overrides:
            db.upgrade(str(config["DATABASE_URL"]))
        else:
            # A copy of one database migrated once per run: the same schema as running the
            # migrations (tests/events/test_migrations.py tests those), without their
            # quarter of a second in each of hundreds of tests.
            shutil.copyfile(migrated_sqlite(), own_file)
        app = create_app(config)
        self.apps.append(app)
        return app

    def close(self) -> None:
        while self.apps:
            database.engine_of(self.apps.pop()).dispose()


CHOICES = ["agree", "disagree", "neutral", "skip"]  # the answer buttons, in page order


def take_quiz(
    client,
    mode: str = "short",
    answer: str | Callable[[int], str] = "agree",
    *,
    start: bool = True,
    check_pages: bool = False,
    catalogue: Catalogue = SHIPPED,
) -> dict[str, str]:
    """The one way tests take a quiz: every statement answered through the HTML forms, as a
    voter without JavaScript does, up to the page after the last statement (the caller posts
    the priorities page, or not). ``answer`` is one answer for all, or answer(n) for page n
    (1-based); ``start=False`` for a quiz already begun (a student who joined a session);
    ``check_pages`` also reads each statement page for its four buttons. Returns
    {statement id: answer}."""
    if start:
        response = client.post("/quiz/start", data={"mode": mode})
        assert response.headers["Location"] == "/quiz/1"
    statements = catalogue.statements_for(mode)
    given: dict[str, str] = {}
    for n, statement in enumerate(statements, start=1):
        if check_pages:
            html = client.get(f"/quiz/{n}").get_data(as_text=True)
            for value in CHOICES:
                assert f'name="answer" value="{value}"' in html
        value = answer if isinstance(answer, str) else answer(n)
        response = client.post(f"/quiz/{n}", data={"answer": value})
        assert response.status_code == 302, response.get_data(as_text=True)[:300]
        following = "/quiz/prioriteringer" if n == len(statements) else f"/quiz/{n + 1}"
        assert response.headers["Location"] in (following, "/event/send"), n
        given[statement.id] = value
    return given


def answers_like(catalogue: Catalogue, party_id: str, mode: str = "full") -> dict[str, str]:
    """Exactly one party's answers to the statements of ``mode``: its stance, and skip
    where it gave none (a voter who answers so matches it 100 %)."""
    party = catalogue.party(party_id)
    return {
        s.id: (p.stance if (p := party.positions.get(s.id)) and p.stance else "skip")
        for s in catalogue.statements_for(mode)
    }


def take_quiz_as(
    client, party_id: str, mode: str = "full", *, catalogue: Catalogue
) -> dict[str, str]:
    """take_quiz with exactly one party's answers (answers_like)."""
    wanted = answers_like(catalogue, party_id, mode)
    ids = [s.id for s in catalogue.statements_for(mode)]
    return take_quiz(client, mode, lambda n: wanted[ids[n - 1]], catalogue=catalogue)


ADMIN_LINK = re.compile(r'id="admin-url" type="url" readonly value="https?://[^/"]+(/event/[^"]+)"')
# The path of the share link a results page offers (the field the voter copies).
SHARE_LINK = re.compile(r'id="share-url" type="url" readonly value="https?://[^/]+([^"]+)"')
PROJECTOR_LINK = re.compile(r'href="(/event/[A-Z2-9]{6,8}/skjerm/[^"/]+)"')
SEAT_CODE = re.compile(r'data-seat="([A-Z2-9]{4}-[A-Z2-9]{4})"')


def seats_of(client, admin: str) -> list[str]:
    """The seat codes on the session's printable sheet, as the teacher hands them out."""
    sheet = client.get(admin + "/plasser")
    assert sheet.status_code == 200
    return SEAT_CODE.findall(sheet.get_data(as_text=True))


def join(client, code: str, seat: str | None = None, group: int | None = None):
    """A student joins by the session's link, typing their seat code, choosing a group."""
    data = {}
    if seat is not None:
        data["seat"] = seat
    if group is not None:
        data["group"] = str(group)
    return client.post(f"/e/{code}", data=data)


def create_event(client, name="10B valgdag", mode="short", **extra) -> tuple[str, str]:
    """A teacher creates a session through the form; returns its code and admin path, read
    off the save-this-link page the teacher is sent to."""
    response = client.post("/event/ny", data={"name": name, "mode": mode, **extra})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    saved = client.get(response.headers["Location"]).get_data(as_text=True)
    admin = ADMIN_LINK.search(saved).group(1)
    code = admin.split("/")[2]
    return code, admin


def spreadsheet_rows(body: bytes) -> list[dict[str, str]]:
    """The download as Excel in a Norwegian locale reads it: a UTF-8 byte-order mark, then
    semicolon-separated rows under a header row."""
    assert body.startswith("\ufeff".encode()), "no byte-order mark: Excel would misread ø"
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def projector_of(client, admin: str) -> str:
    """The projector view's path, as the admin page links to it."""
    return PROJECTOR_LINK.search(client.get(admin).get_data(as_text=True)).group(1)


CSRF_FIELD = re.compile(r'<input type="hidden" name="csrf_token" value="([^"]+)">')


def csrf_token_of(html: str) -> str:
    """The CSRF token a page's forms carry, as a browser would send it back."""
    match = CSRF_FIELD.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


class FormClient(FlaskClient):
    """A test client that posts forms as a browser does: with the CSRF token the site gave
    it (from any of its pages, since the token belongs to the session). With it, tests can
    run against the production configuration (CSRF on)."""

    def post(self, *args, **kwargs):  # type: ignore[override]
        data = kwargs.get("data")
        if isinstance(data, dict) and "csrf_token" not in data:
            token = csrf_token_of(self.get("/").get_data(as_text=True))
            kwargs["data"] = {**data, "csrf_token": token}
        return super().post(*args, **kwargs)
