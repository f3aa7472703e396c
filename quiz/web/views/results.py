"""The results page: overall and per-area agreement, and every answer with its pledges."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from ...scoring.results import results
from .. import content
from ..forms import EmptyForm, weights_form, weights_from
from . import voter_session
from .share import share_links, share_url

bp = Blueprint("results", __name__)


def has_submitted_to_joined_event() -> bool:
    joined = voter_session.joined_event()
    return joined is not None and voter_session.has_submitted(joined.code)


@bp.route("/resultat", methods=["GET", "POST"])
def show():
    catalogue = content.catalogue()
    answers = voter_session.load()
    form = weights_form(catalogue, answers.weights(catalogue))
    status = 200
    if request.method == "POST":
        if form.validate():
            answers = answers.with_weights(weights_from(form, catalogue))
            voter_session.save(answers)
            return redirect(url_for(".show", vis=request.args.get("vis")))
        status = 400
    only_differences = request.args.get("vis") == "forskjeller"
    return render_template(
        "results/show.html",
        catalogue=catalogue,
        answers=answers,
        results=results(catalogue, answers),
        answered=answers.answered_count(catalogue),
        form=form,
        clear_form=EmptyForm(),
        only_differences=only_differences,
        invalid=status == 400,
        share_url=share_url,
        submitted=has_submitted_to_joined_event(),
        share_links=share_links,
    ), status
