"""The results page: overall and per-area agreement, and every answer with its pledges."""

from __future__ import annotations

from functools import cache

from flask import Blueprint, redirect, render_template, request, url_for
from markupsafe import Markup

from ...scoring.results import area_counts, results
from ...sharing.offer import ShareOffer
from ...voter.answers import Answers
from .. import content, visitor
from ..forms import ShownWeights, read_weights
from ..rendering.pages import ResultsPage, chrome, render_page
from ..rendering.parts import answer_sections, score_sections, share_link_items, weight_fields
from ..sharing import offer_for, pending_comparison

bp = Blueprint("results", __name__)


@bp.route("/resultat", methods=["GET", "POST"])
def show():
    catalogue = content.catalogue()
    answers = visitor.load()
    shown, weights, status = read_weights(catalogue, answers)
    if weights is not None:
        visitor.save(answers.with_weights(weights))
        return redirect(url_for(".show"))
    return render_results(answers, shown, status)


def render_results(answers: Answers, shown: ShownWeights, status: int = 200):
    """The results page for these answers (also the answer to the browser-side quiz's POST).

    The page around the voter's numbers is kept (rendering.pages.ResultsPage); the scores,
    the weights, the share link, a comparison and the answers are this voter's holes, each
    computed only when the page has it, and only once."""
    catalogue = content.catalogue()
    overall_only = request.args.get("deling") == "samlet"
    page = ResultsPage(
        chrome(),
        answers.answered_count(catalogue) > 0,
        visitor.owes_send(),
        status == 400,
        overall_only,
    )

    @cache
    def scored():
        party_results = results(catalogue, answers)
        primary = next(r for r in party_results if r.party == catalogue.primary_party)
        return party_results, primary, area_counts(catalogue, answers)

    @cache
    def share() -> ShareOffer:
        _, primary, counts = scored()
        return offer_for(primary, counts, answers.mode, overall_only)

    def comparison() -> Markup:
        _, primary, counts = scored()
        found = pending_comparison(primary, counts, answers.mode)
        if found is None:
            return Markup("")
        return Markup(render_template("results/_comparison.html", comparison=found))

    return render_page(
        page,
        {
            "scores": lambda: score_sections(catalogue, answers, scored()[0], scored()[2]),
            "weights": lambda: weight_fields(shown),
            "comparison": comparison,
            "shareurl": lambda: share().url,
            "sharetext": lambda: share().text,
            "sharereveals": lambda: share().reveals,
            "sharelinks": lambda: share_link_items(share().links),
            "answers": lambda: answer_sections(catalogue, scored()[0]),
        },
    ), status
