"""What the results page offers to share: the link with its text and an exact account of
what it reveals, the services' share links, and the comparison with the friend whose link
brought the voter here. The share views (views/share.py) read the same tokens."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from flask import (
    current_app,
    url_for,
)
from flask_babel import gettext as _

from ...content.catalogue import Catalogue
from ...scoring.results import AreaCount, PartyResult
from ...scoring.share_token import (
    Comparison,
    SharedResult,
    encode_token,
    make_comparison_token,
    read_token,
    shared_result,
)
from .. import content
from ..templating import current_lang
from . import voter_session


@dataclass(frozen=True)
class ShareOffer:
    """What the results page offers for sharing: the link, the text, each service's link,
    and in words exactly what the link reveals."""

    url: str
    text: str
    links: dict[str, str]
    reveals: str
    overall_only: bool


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


def share_offer(
    result: PartyResult, counts: Mapping[str, AreaCount], mode: str, overall_only: bool
) -> ShareOffer:
    shared = own_shared(result, counts, mode, overall_only)
    token = encode_token(share_secret(), content.catalogue(), shared)
    url = url_for("share.shared", token=token, _external=True)
    if shared.overall is None:
        text = _("Hvor enig er du med valgprogrammet til %(party)s?", party=result.party.name)
    else:
        # The same whole number as the shared page and the card: "40 %", never "39,8 %".
        text = _(
            "Jeg er %(n)s %% enig med valgprogrammet til %(party)s. Hva med deg?",
            n=shared.overall,
            party=result.party.name,
        )
    return ShareOffer(url, text, share_links(url, text), _reveals(shared), overall_only)


def length_words(mode: str | None) -> str:
    return _("den korte testen") if mode == "short" else _("hele testen")


def _reveals(shared: SharedResult) -> str:
    """What the link shows, said exactly, for the text beside the share button."""
    overall = "–" if shared.overall is None else f"{shared.overall} %"
    if shared.overall_only:
        return _(
            "Lenken viser bare den samlede enigheten (%(overall)s) og at du tok %(length)s. "
            "Den viser ingen områder og ingen av svarene dine.",
            overall=overall,
            length=length_words(shared.mode),
        )
    shown = sum(v is not None for v in shared.areas)
    return _(
        "Lenken viser den samlede enigheten (%(overall)s), enigheten i %(n)s av %(m)s områder "
        "(bare der du har svart på minst tre påstander) og at du tok %(length)s. "
        "Den viser ingen av svarene dine.",
        overall=overall,
        n=shown,
        m=len(shared.areas),
        length=length_words(shared.mode),
    )


def share_links(url: str, text: str) -> dict[str, str]:
    """Plain links to each service's own share page: no script, no tracking parameters."""
    u, t = quote(url, safe=""), quote(text, safe="")
    return {
        "Facebook": f"https://www.facebook.com/sharer/sharer.php?u={u}",
        "X": f"https://x.com/intent/post?text={t}&url={u}",
        "LinkedIn": f"https://www.linkedin.com/sharing/share-offsite/?url={u}",
        _("E-post"): f"mailto:?subject={t}&body={t}%0A{u}",
        "SMS": f"sms:?&body={t}%20{u}",
    }


@dataclass(frozen=True)
class ComparisonView:
    """A comparison for a page: both score sets, area by area, and its own share link."""

    comparison: Comparison
    rows: list[tuple[str, int | None, int | None]]  # area title, friend, sharer
    url: str


def comparison_rows(catalogue: Catalogue, comparison: Comparison, lang: str):
    return [
        (area.title[lang], mine, theirs)
        for area, mine, theirs in zip(
            catalogue.areas, comparison.friend.areas, comparison.sharer.areas, strict=True
        )
    ]


def pending_comparison(
    result: PartyResult, counts: Mapping[str, AreaCount], mode: str
) -> ComparisonView | None:
    """On the friend's results page: their result beside the one they came to compare with."""
    token = voter_session.compared_with()
    if token is None:
        return None
    catalogue = content.catalogue()
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
