"""Taking the quiz: start, one statement per page, area priorities, clearing answers.

Without JavaScript every step is POST, redirect, GET. Answers go only into the session.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from .. import content
from ..forms import AnswerForm, EmptyForm, StartForm, read_weights
from . import voter_session

bp = Blueprint("questions", __name__, url_prefix="/quiz")


@bp.post("/start")
def start():
    form = StartForm()
    if not form.validate():
        abort(400)
    answers = voter_session.load().with_mode(form.mode.data)
    voter_session.save(answers)
    return redirect(url_for(".statement", number=1))


def _statement_or_404(number: int):
    statements = voter_session.load().statements(content.catalogue())
    if not 1 <= number <= len(statements):
        abort(404)
    return statements[number - 1], len(statements)


@bp.route("/<int:number>", methods=["GET", "POST"])
def statement(number: int):
    catalogue = content.catalogue()
    item, total = _statement_or_404(number)
    answers = voter_session.load()
    form = AnswerForm()
    if request.method == "POST":
        if form.validate():
            answers = answers.answer(item.id, form.answer.data, form.important.data)
            voter_session.save(answers)
            if number < total:
                return redirect(url_for(".statement", number=number + 1))
            return redirect(url_for(".priorities"))
        status = 400
    else:
        form.important.data = item.id in answers.important
        status = 200
    return render_template(
        "questions/statement.html",
        statement=item,
        area=catalogue.area(item.area),
        number=number,
        total=total,
        current=answers.given.get(item.id),
        form=form,
        clear_form=EmptyForm(),
        invalid=status == 400,
    ), status


@bp.route("/prioriteringer", methods=["GET", "POST"])
def priorities():
    catalogue = content.catalogue()
    answers = voter_session.load()
    form, weights, status = read_weights(catalogue, answers)
    if weights is not None:
        voter_session.save(answers.with_weights(weights))
        joined = voter_session.joined_event()
        if joined and not voter_session.has_submitted(joined.code):
            return redirect(url_for("events.send"))
        return redirect(url_for("results.show"))
    return render_template(
        "questions/priorities.html", form=form, catalogue=catalogue, invalid=status == 400
    ), status


@bp.post("/slett")
def clear():
    if not EmptyForm().validate():
        abort(400)
    voter_session.clear()
    flash(_("Svarene dine er slettet fra denne nettleseren."))
    return redirect(url_for("pages.index"))
