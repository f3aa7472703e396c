"""The results page: overall and per-area agreement, and every answer with its pledges."""

from __future__ import annotations

from functools import cache

from flask import Blueprint, redirect, render_template, request, url_for
from markupsafe import escape

from ...scoring.answers import Answers
from ...scoring.results import area_counts, results
from .. import content
from ..forms import ShownWeights, read_weights
from ..fragments import weight_fields
from ..page_cache import render_page
from ..result_parts import answer_sections, score_sections, share_link_items
from . import voter_session
from .share_offer import ShareOffer, pending_comparison, share_offer

bp = Blueprint("results", __name__)


def has_submitted_to_joined_event() -> bool:
    joined = voter_session.joined_event()
    return joined is not None and voter_session.has_submitted(joined.code)


@bp.route("/resultat", methods=["GET", "POST"])
def show():
    catalogue = content.catalogue()
    answers = voter_session.load()
    shown, weights, status = read_weights(catalogue, answers)
    if weights is not None:
        voter_session.save(answers.with_weights(weights))
        return redirect(url_for(".show"))
    return render_results(answers, shown, status)


def render_results(answers: Answers, shown: ShownWeights, status: int = 200):
    """The results page for these answers (also the answer to the browser-side quiz's POST).

    The page around the voter's numbers is the same for everyone in the same place
    (web/page_cache.py); the scores, the weights, the share link, a comparison and the
    answers are this voter's and are filled in per response, each computed only once."""
    catalogue = content.catalogue()
    answered = answers.answered_count(catalogue)
    submitted = has_submitted_to_joined_event()
    invalid = status == 400
    overall_only = request.args.get("deling") == "samlet"

    @cache
    def scored():
        party_results = results(catalogue, answers)
        primary = next(r for r in party_results if r.party == catalogue.primary_party)
        return party_results, primary, area_counts(catalogue, answers)

    @cache
    def share() -> ShareOffer:
        _, primary, counts = scored()
        return share_offer(primary, counts, answers.mode, overall_only)

    def comparison() -> str:
        _, primary, counts = scored()
        found = pending_comparison(primary, counts, answers.mode)
        return render_template("results/_comparison.html", comparison=found) if found else ""

    return render_page(
        "results/show.html",
        key=(bool(answered), submitted, invalid, overall_only),
        context=lambda: {
            "catalogue": catalogue,
            "answered": answered,
            "submitted": submitted,
            "invalid": invalid,
            "overall_only": overall_only,
        },
        holes={
            "scores": lambda: score_sections(catalogue, answers, scored()[0], scored()[2]),
            "weights": lambda: weight_fields(shown),
            "comparison": comparison,
            "shareurl": lambda: escape(share().url),
            "sharetext": lambda: escape(share().text),
            "sharereveals": lambda: escape(share().reveals),
            "sharelinks": lambda: share_link_items(share().links),
            "answers": lambda: answer_sections(catalogue, scored()[0]),
        },
    ), status
