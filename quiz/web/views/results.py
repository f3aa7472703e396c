"""The results page: overall and per-area agreement, and every answer with its pledges."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from ...scoring.answers import Answers
from ...scoring.results import area_counts, results
from .. import content
from ..forms import read_weights
from . import voter_session
from .share import pending_comparison, share_offer

bp = Blueprint("results", __name__)


def has_submitted_to_joined_event() -> bool:
    joined = voter_session.joined_event()
    return joined is not None and voter_session.has_submitted(joined.code)


@bp.route("/resultat", methods=["GET", "POST"])
def show():
    catalogue = content.catalogue()
    answers = voter_session.load()
    form, weights, status = read_weights(catalogue, answers)
    if weights is not None:
        voter_session.save(answers.with_weights(weights))
        return redirect(url_for(".show"))
    return render_results(answers, form, status)


def render_results(answers: Answers, form, status: int = 200):
    """The results page for these answers (also the answer to the browser-side quiz's POST)."""
    catalogue = content.catalogue()
    party_results = results(catalogue, answers)
    primary = next(r for r in party_results if r.party == catalogue.primary_party)
    counts = area_counts(catalogue, answers)
    overall_only = request.args.get("deling") == "samlet"
    return render_template(
        "results/show.html",
        catalogue=catalogue,
        answers=answers,
        results=party_results,
        answered=answers.answered_count(catalogue),
        counts=counts,
        form=form,
        invalid=status == 400,
        share=share_offer(primary, counts, answers.mode, overall_only),
        comparison=pending_comparison(primary, counts, answers.mode),
        submitted=has_submitted_to_joined_event(),
    ), status
