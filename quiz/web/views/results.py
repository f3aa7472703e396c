"""The results page: overall and per-area agreement, and every answer with its pledges."""

from __future__ import annotations

from functools import cache

from flask import Blueprint, abort, redirect, render_template, request, url_for
from markupsafe import Markup

from ...scoring.results import area_counts, results
from ...sharing.offer import ShareOffer
from ...voter.answers import Answers
from .. import content, visitor
from ..forms import ShownWeights, read_weights
from ..rendering.pages import PartyDetailPage, ResultsPage, chrome, render_page
from ..rendering.parts import (
    answer_sections,
    ranking_section,
    score_sections,
    share_link_items,
    stances_sections,
    weight_fields,
)
from ..sharing import can_share, offer_for, pending_comparison

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
        can_share(answers.decided_count(catalogue)),
    )

    @cache
    def scored():
        return results(catalogue, answers), area_counts(catalogue, answers)

    @cache
    def share() -> ShareOffer:
        party_results, counts = scored()
        return offer_for(party_results, counts, answers.mode, overall_only)

    def comparison() -> Markup:
        party_results, counts = scored()
        found = pending_comparison(party_results, counts, answers.mode)
        if found is None:
            return Markup("")
        template = "results/_ranking_comparison.html" if catalogue.several else None
        return Markup(render_template(template or "results/_comparison.html", comparison=found))

    def scores() -> Markup:
        party_results, counts = scored()
        if catalogue.several:
            return ranking_section(catalogue, answers, party_results, counts)
        return score_sections(catalogue, answers, party_results, counts)

    def answer_rows() -> Markup:
        if catalogue.several:
            return stances_sections(catalogue, answers)
        return answer_sections(catalogue, scored()[0])

    return render_page(
        page,
        {
            "scores": scores,
            "weights": lambda: weight_fields(shown),
            "comparison": comparison,
            "shareurl": lambda: share().url,
            "sharetext": lambda: share().text,
            "sharereveals": lambda: share().reveals,
            "sharelinks": lambda: share_link_items(share().links),
            "answers": answer_rows,
        },
    ), status


@bp.get("/resultat/parti/<party_id>")
def party(party_id: str):
    """Compare in detail with one party: the voter beside it, statement by statement, with
    the party's reasons (the results page of several parties links here)."""
    catalogue = content.catalogue()
    if not catalogue.has_party(party_id):
        abort(404)
    answers = visitor.load()
    page = PartyDetailPage(chrome(), party_id, answers.answered_count(catalogue) > 0)

    @cache
    def scored():
        found = results(catalogue, answers)[catalogue.party_index(party_id)]
        return found, area_counts(catalogue, answers)

    return render_page(
        page,
        {
            "scores": lambda: score_sections(catalogue, answers, [scored()[0]], scored()[1]),
            "answers": lambda: answer_sections(catalogue, [scored()[0]]),
        },
    )
