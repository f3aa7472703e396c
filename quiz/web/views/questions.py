"""Taking the quiz: start, one statement per page, the overview, what matters most, and
deleting one's answers.

Without JavaScript every step is POST, redirect, GET, and the answers live in the session.
With JavaScript the same pages run in the browser and one POST (quiz/send) hands all the
answers over; see static/js/app.js.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ...scoring.answers import MODES, Answers
from ...scoring.score_request import InvalidRequest, parse_score_request
from .. import content
from ..forms import AnswerForm, EmptyForm, StartForm, read_weights, shown_weights
from ..fragments import marks_list, weight_fields
from ..page_cache import render_page
from . import voter_session
from .results import render_results

bp = Blueprint("questions", __name__, url_prefix="/quiz")

# Where a voter who came to change one answer goes back to (the ?til= parameter).
RETURNS = {"oversikt": "questions.overview", "resultat": "results.show"}


@bp.post("/start")
def start():
    """Short or full quiz. Answers already given are kept: going from the short to the full
    quiz starts at the first statement not yet answered."""
    form = StartForm()
    if not form.validate():
        abort(400)
    catalogue = content.catalogue()
    answers = voter_session.load().with_mode(form.mode.data)
    voter_session.save(answers)
    if not voter_session.epoch():
        voter_session.renew_epoch()
    number = answers.next_unanswered(catalogue)
    if number is None:
        return redirect(url_for(".overview"))
    return redirect(url_for(".statement", number=number))


def _statement_or_404(answers: Answers, number: int):
    statements = answers.statements(content.catalogue())
    if not 1 <= number <= len(statements):
        abort(404)
    return statements[number - 1], len(statements)


def _quiz_context(catalogue, answers: Answers, view: str) -> dict:
    """What every quiz page hands the browser-side quiz (templates/questions/_quiz_ui.html)."""
    return {
        "view": view,
        "catalogue": catalogue,
        "answers": answers,
    }


def _back_to() -> str | None:
    back = request.args.get("til")
    return back if back in RETURNS else None


@bp.route("/<int:number>", methods=["GET", "POST"])
def statement(number: int):
    catalogue = content.catalogue()
    answers = voter_session.load()
    item, total = _statement_or_404(answers, number)
    back = _back_to()
    status = 200
    if request.method == "POST":
        form = AnswerForm()
        if form.validate():
            answers = answers.answer(item.id, form.answer.data)
            voter_session.save(answers)
            if back:
                return redirect(url_for(RETURNS[back]))
            following = answers.next_unanswered(catalogue, after=number)
            if following is None:
                return redirect(url_for(".priorities"))
            return redirect(url_for(".statement", number=following))
        status = 400
    current = answers.given.get(item.id)
    invalid = status == 400
    return render_page(
        "questions/statement.html",
        key=(answers.mode, number, current, back, invalid),
        context=lambda: {
            "statement": item,
            "area": catalogue.area(item.area),
            "number": number,
            "total": total,
            "current": current,
            "back": back,
            "invalid": invalid,
            **_quiz_context(catalogue, answers, "statement"),
        },
    ), status


@bp.get("/oversikt")
def overview():
    """Every statement of the quiz with its answer (or none yet), each a link to change it."""
    catalogue = content.catalogue()
    answers = voter_session.load()
    return render_template(
        "questions/overview.html",
        statements=answers.statements(catalogue),
        **_quiz_context(catalogue, answers, "overview"),
    )


@bp.route("/prioriteringer", methods=["GET", "POST"])
def priorities():
    """After the last statement: which statements matter most, and how much each area
    counts. Both are optional."""
    catalogue = content.catalogue()
    answers = voter_session.load()
    markable = answers.markable(catalogue)
    shown, weights, status = read_weights(catalogue, answers)
    marked = request.form.getlist("viktig") if request.method == "POST" else None
    if marked is not None and not set(marked) <= {s.id for s in markable}:
        weights, status = None, 400  # a mark for a statement not answered: refused
    if weights is not None:
        voter_session.save(answers.with_important(marked or ()).with_weights(weights))
        joined = voter_session.joined_event()
        if joined and not voter_session.has_submitted(joined.code):
            return redirect(url_for("events.send"))
        return redirect(url_for("results.show"))
    chosen = set(marked) if marked is not None else answers.important
    invalid = status == 400
    # The page is the same for every voter but for the marks and weights (holes).
    return render_page(
        "questions/priorities.html",
        key=(answers.mode, bool(markable), invalid),
        context=lambda: {
            "has_marks": bool(markable),
            "invalid": invalid,
            **_quiz_context(catalogue, answers, "priorities"),
        },
        holes={
            "marks": lambda: marks_list(markable, chosen),
            "weights": lambda: weight_fields(shown),
        },
    ), status


@bp.post("/svar")
def send_all():
    """The browser-side quiz hands over everything at once: mode, answers, marks and area
    weights, validated as the score API validates them (every id known, every value on the
    scale, weights 0 to max_weight) and kept in the session like the no-JS path's answers.
    The answer is the results page itself, or the send page of a joined event."""
    catalogue = content.catalogue()
    if not EmptyForm().validate():
        abort(400)
    mode = request.form.get("mode")
    if mode not in MODES:
        abort(400)
    try:
        parsed = parse_score_request(request.form.get("data", "").encode(), catalogue)
    except InvalidRequest:
        abort(400)
    answers = Answers(mode, parsed.given, frozenset(), parsed.area_weights).with_important(
        parsed.important
    )
    voter_session.save(answers)
    joined = voter_session.joined_event()
    if joined and not voter_session.has_submitted(joined.code):
        return redirect(url_for("events.send"))
    return render_results(answers, shown_weights(catalogue, answers.weights(catalogue)))


@bp.route("/slett", methods=["GET", "POST"])
def clear():
    """Delete my answers, after a confirmation (a shared device's next user must not see
    them, but one stray tap must not lose a whole quiz either)."""
    form = EmptyForm()
    if request.method == "POST":
        if not form.validate():
            abort(400)
        voter_session.clear()
        flash(_("Svarene dine er slettet fra denne nettleseren."))
        return redirect(url_for("pages.index"))
    return render_template("questions/clear.html", form=form)
