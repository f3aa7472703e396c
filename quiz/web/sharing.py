"""The web's side of sharing (the rules are in quiz/sharing): tokens signed with the app's
secret, absolute links, and the comparison waiting in a friend's session."""

from __future__ import annotations

from collections.abc import Mapping

from flask import current_app, url_for

from ..scoring.results import AreaCount, PartyResult, ranking
from ..sharing.comparison import (
    ComparisonView,
    RankingComparisonView,
    comparison_rows,
    ranking_rows,
)
from ..sharing.offer import ShareOffer, ranking_offer, share_offer
from ..sharing.token import (
    MIN_RANKED_ANSWERS,
    Comparison,
    RankingComparison,
    SharedRanking,
    SharedResult,
    encode_ranking,
    encode_ranking_comparison,
    encode_token,
    make_comparison_token,
    read_ranking,
    read_token,
    shared_ranking,
    shared_result,
)
from . import content, visitor
from .i18n import gettext
from .templating import current_lang


def share_secret() -> str:
    return current_app.config["SECRET_KEY"]


def own_shared(
    result: PartyResult, counts: Mapping[str, AreaCount], mode: str, overall_only: bool
) -> SharedResult:
    """The voter's result as a share link holds it (the honesty rule applied)."""
    return shared_result(
        content.catalogue(),
        current_lang(),
        result.party.id,
        result.overall,
        dict(result.areas),
        {area: count.answered for area, count in counts.items()},
        mode,
        overall_only,
    )


def own_ranking(party_results: tuple[PartyResult, ...], mode: str) -> SharedRanking:
    """Several parties: the voter's top parties as a share link holds them."""
    return shared_ranking(
        current_lang(), [(r.item.party.id, r.item.overall) for r in ranking(party_results)], mode
    )


def can_share(answered: int) -> bool:
    """With several parties a result is shared only from MIN_RANKED_ANSWERS answers up
    (sharing.token): over fewer, the scores a link holds give the answers away."""
    return not content.catalogue().several or answered >= MIN_RANKED_ANSWERS


def offer_for(
    party_results: tuple[PartyResult, ...],
    counts: Mapping[str, AreaCount],
    mode: str,
    overall_only: bool,
) -> ShareOffer:
    """The share block's link and texts (the caller checked can_share)."""
    catalogue = content.catalogue()
    if catalogue.several:
        ranked = own_ranking(party_results, mode)
        url = url_for(
            "share.shared", token=encode_ranking(share_secret(), catalogue, ranked), _external=True
        )
        return ranking_offer(ranked, {p.id: p.name for p in catalogue.parties}, url, gettext)
    (result,) = party_results
    shared = own_shared(result, counts, mode, overall_only)
    token = encode_token(share_secret(), catalogue, shared)
    url = url_for("share.shared", token=token, _external=True)
    return share_offer(shared, result.party.name, url, gettext)


def pending_comparison(
    party_results: tuple[PartyResult, ...], counts: Mapping[str, AreaCount], mode: str
) -> ComparisonView | RankingComparisonView | None:
    """On the friend's results page: their result beside the one they came to compare with."""
    token = visitor.compared_with()
    if token is None:
        return None
    catalogue = content.catalogue()
    if catalogue.several:
        theirs = read_ranking(share_secret(), catalogue, token)
        if theirs is None:
            return None
        mine = own_ranking(party_results, mode)
        both = RankingComparison(current_lang(), theirs, mine)
        url = None  # the friend's own scores go in a link only from enough answers on
        if can_share(sum(count.answered for count in counts.values())):
            link = encode_ranking_comparison(
                share_secret(), catalogue, current_lang(), theirs, mine
            )
            url = url_for("share.shared", token=link, _external=True)
        return RankingComparisonView(both, ranking_rows(catalogue, both), url)
    (result,) = party_results
    sharer = read_token(share_secret(), catalogue, token)
    if sharer is None or sharer.party != result.party.id:
        return None
    friend = own_shared(result, counts, mode, overall_only=False)
    comparison = Comparison(current_lang(), result.party.id, sharer, friend)
    compare_token = make_comparison_token(share_secret(), catalogue, current_lang(), sharer, friend)
    return ComparisonView(
        comparison,
        comparison_rows(catalogue, comparison, current_lang()),
        url_for("share.shared", token=compare_token, _external=True),
    )
