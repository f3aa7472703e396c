"""Taking the quiz: start, one statement per page, the overview, what matters most, and
deleting one's answers.

Without JavaScript every step is POST, redirect, GET, and the answers live in the session.
With JavaScript the same pages run in the browser and one POST (quiz/svar) hands all the
answers over; see static/js/app.js. The steps themselves are quiz.voter.steps.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ...voter import steps
from ...voter.parsing import InvalidRequest, parse_answers
from .. import content, visitor
from ..forms import AnswerForm, EmptyForm, StartForm, read_marks, read_weights, shown_weights
from ..rendering.pages import PrioritiesPage, StatementPage, chrome, render_page
from ..rendering.parts import marks_list, weight_fields
from .results import render_results

bp = Blueprint("questions", __name__, url_prefix="/quiz")

# Where a voter who came to change one answer goes back to (the ?til= parameter).
RETURNS = {"oversikt": "questions.overview", "resultat": "results.show"}


def _end_of_quiz():
    """After the last statement: the priorities page."""
    return redirect(url_for(".priorities"))


def _after_priorities():
    """A student who joined a session sends first; everyone else sees their result."""
    return redirect(url_for("events.send" if visitor.owes_send() else "results.show"))


@bp.post("/start")
def start():
    form = StartForm()
    if not form.validate():
        abort(400)
    step = steps.start(content.catalogue(), visitor.load(), form.mode.data)
    visitor.save(step.answers)
    if not visitor.epoch():
        visitor.renew_epoch()
    if step.number is None:
        return redirect(url_for(".overview"))
    return redirect(url_for(".statement", number=step.number))


def _back_to() -> str | None:
    back = request.args.get("til")
    return back if back in RETURNS else None


@bp.route("/<int:number>", methods=["GET", "POST"])
def statement(number: int):
    catalogue = content.catalogue()
    answers = visitor.load()
    try:
        item = steps.statement_at(catalogue, answers, number)
    except steps.InvalidStep:
        abort(404)
    back = _back_to()
    status = 200
    if request.method == "POST":
        form = AnswerForm()
        if form.validate():
            step = steps.answer(catalogue, answers, number, form.answer.data)
            visitor.save(step.answers)
            if back:
                return redirect(url_for(RETURNS[back]))
            if step.number is None:
                return _end_of_quiz()
            return redirect(url_for(".statement", number=step.number))
        status = 400
    page = StatementPage(
        chrome(), answers.mode, number, answers.given.get(item.id), back, status == 400
    )
    return render_page(page), status


@bp.get("/oversikt")
def overview():
    """Every statement of the quiz with its answer (or none yet), each a link to change it."""
    catalogue = content.catalogue()
    answers = visitor.load()
    return render_template(
        "questions/overview.html",
        statements=answers.statements(catalogue),
        view="overview",
        catalogue=catalogue,
        answers=answers,
        mode=answers.mode,
    )


@bp.route("/prioriteringer", methods=["GET", "POST"])
def priorities():
    """After the last statement: which statements matter most, and how much each area
    counts. Both are optional."""
    catalogue = content.catalogue()
    answers = visitor.load()
    markable = answers.markable(catalogue)
    shown, weights, status = read_weights(catalogue, answers)
    marked = read_marks()
    if weights is not None:
        visitor.save(answers.with_important(marked or ()).with_weights(weights))
        return _after_priorities()
    chosen = set(marked) if marked is not None else answers.important
    page = PrioritiesPage(chrome(), answers.mode, bool(markable), status == 400)
    return render_page(
        page,
        {
            "marks": lambda: marks_list(markable, chosen),
            "weights": lambda: weight_fields(shown),
        },
    ), status


@bp.post("/svar")
def send_all():
    """The browser-side quiz hands over everything at once: mode, answers, marks and area
    weights, read as the score API reads them (quiz.voter.parsing) and kept in the session
    like the no-JS path's answers. The answer is the results page itself, or the send page
    of a joined session."""
    catalogue = content.catalogue()
    if not EmptyForm().validate():
        abort(400)
    try:
        answers = parse_answers(
            request.form.get("data", ""), catalogue, mode=request.form.get("mode", "")
        )
    except InvalidRequest:
        abort(400)
    visitor.save(answers)
    if visitor.owes_send():
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
        visitor.clear()
        flash(_("Svarene dine er slettet fra denne nettleseren."))
        return redirect(url_for("pages.index"))
    return render_template("questions/clear.html", form=form)
