"""The quiz inside another site's <iframe> (a newspaper, the party, a school's platform).

A cross-site iframe gets no cookie (SameSite=Lax, and third-party cookies are blocked in
more and more browsers), so nothing here uses the session:

- without JavaScript, the answers so far travel in a signed, expiring hidden form field
  ("state") from one statement page to the next; nothing is stored;
- with JavaScript (static/js/embed.js) the browser keeps the answers in memory and posts
  them all at the end; the response is the result itself.

The language comes from the lang parameter. Whether another site may frame these pages is a
setting (EMBED_ALLOWED_ORIGINS, CSP frame-ancestors on these pages only; web/security.py).
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from flask import Blueprint, current_app, g, render_template, request
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ...content.languages import DEFAULT_LANGUAGE
from ...scoring.results import area_counts, results
from ...voter import steps
from ...voter.answers import DEFAULT_MODE, MODES, Answers
from ...voter.parsing import InvalidRequest, parse_answers
from .. import content
from ..extensions import csrf
from ..i18n import normalise_language
from ..rendering.parts import (
    answer_sections,
    ranking_section,
    score_sections,
    stances_sections,
)

bp = Blueprint("embed", __name__, url_prefix="/embed")

# Long enough for a slow voter, short enough that an old page cannot be replayed for days.
STATE_MAX_AGE = 6 * 60 * 60
# No cookie is set or read on these pages, so a forged cross-site POST has no ambient
# authority to abuse: it can only make the server compute a result for answers the sender
# chose, which it returns to the sender. A session-bound CSRF token would need exactly the
# cookie the iframe does not get. So these forms go without one; every other form keeps it.
csrf.exempt(bp)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="embed-quiz")


def _state_of(answers: Answers) -> str:
    return _serializer().dumps({"mode": answers.mode, "a": dict(answers.given)})


def _answers_from(state: str | None) -> Answers | None:
    """The answers a page carried, or None when the field is missing, forged or too old."""
    if not state or len(state) > 8000:
        return None
    try:
        data = _serializer().loads(state, max_age=STATE_MAX_AGE)
    except (BadSignature, SignatureExpired):
        return None
    return Answers.from_session(data, content.catalogue())


@bp.before_request
def speak_the_asked_language() -> None:
    g.forced_lang = normalise_language(request.values.get("lang")) or DEFAULT_LANGUAGE


def _page(template: str, status: int = 200, **context: Any):
    return render_template(template, lang_param=g.forced_lang, **context), status


@bp.get("")
def start():
    return _page("embed/start.html", catalogue=content.catalogue())


def _statement_page(answers: Answers, number: int, status: int = 200, invalid: bool = False):
    catalogue = content.catalogue()
    statement = steps.statement_at(catalogue, answers, number)
    return _page(
        "embed/statement.html",
        status,
        statement=statement,
        area=catalogue.area(statement.area),
        number=number,
        total=len(answers.statements(catalogue)),
        current=answers.given.get(statement.id),
        state=_state_of(answers),
        invalid=invalid,
        quiz=_quiz_data(answers, number),
    )


def _quiz_data(answers: Answers, number: int) -> str:
    """What embed.js needs to go on in the browser: every statement of this quiz."""
    catalogue = content.catalogue()
    lang = g.forced_lang
    areas = {a.id: a.title[lang] for a in catalogue.areas}
    return json.dumps(
        {
            "mode": answers.mode,
            "start": number,
            "answers": dict(answers.given),
            "statements": [
                {
                    "id": s.id,
                    "text": s.text[lang],
                    "area": areas[s.area],
                    "explanation": s.explanation[lang] if s.explanation else "",
                }
                for s in answers.statements(catalogue)
            ],
        },
        ensure_ascii=False,
    ).replace("</", "<\\/")


def _result_page(answers: Answers):
    """The same scores and rows as the results page (rendering.parts), without the links
    to change an answer: changing one means going back in the frame."""
    catalogue = content.catalogue()
    counts = area_counts(catalogue, answers)
    if catalogue.several:
        party_results = results(catalogue, answers)
        return _page(
            "embed/result.html",
            scores=ranking_section(catalogue, answers, party_results, counts, embedded=True),
            answers=stances_sections(catalogue, answers, embedded=True),
        )
    (primary,) = results(catalogue, answers)
    rows = tuple(row._replace(number=None) for row in primary.statements)
    primary = replace(primary, rows_of=lambda: rows)
    return _page(
        "embed/result.html",
        scores=score_sections(catalogue, answers, [primary], counts),
        answers=answer_sections(catalogue, [primary]),
    )


def _expired():
    return _page("embed/expired.html", 400)


@bp.post("/quiz")
def step():
    """One no-JavaScript step: start, answer the statement shown, or go back one."""
    catalogue = content.catalogue()
    if "state" not in request.form:
        mode = request.form.get("mode", DEFAULT_MODE)
        if mode not in MODES:
            return _expired()
        return _statement_page(Answers(mode), 1)  # type: ignore[arg-type]
    answers = _answers_from(request.form.get("state"))
    number = request.form.get("n", type=int)
    if answers is None or number is None:
        return _expired()
    try:
        if request.form.get("go") == "prev":
            moved = steps.back(catalogue, answers, number)
        else:
            try:
                moved = steps.answer(catalogue, answers, number, request.form.get("answer"))
            except steps.InvalidStep:
                steps.statement_at(catalogue, answers, number)  # the page exists: a bad answer
                return _statement_page(answers, number, 400, invalid=True)
    except steps.InvalidStep:
        return _expired()
    if moved.number is None:
        return _result_page(moved.answers)
    return _statement_page(moved.answers, moved.number)


@bp.post("/svar")
def submit_all():
    """The script's end of the quiz: every answer at once, read as the score API reads them
    (quiz.voter.parsing); the response is the result."""
    try:
        answers = parse_answers(request.get_data(), content.catalogue())
    except InvalidRequest:
        return _expired()
    if not answers.given:
        return _expired()
    return _result_page(answers)
