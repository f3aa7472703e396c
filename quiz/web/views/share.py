"""Shared results: a public page and a preview image, from a signed token alone."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from ...config import PRODUCT_NAME
from ...scoring.results import PartyResult
from ...scoring.share_card import render_card
from ...scoring.share_token import SharedResult, make_token, read_token
from .. import content
from ..templating import current_lang, number

bp = Blueprint("share", __name__)


@dataclass(frozen=True)
class ShareOffer:
    """What the results page offers for sharing: the link, the text, each service's link."""

    url: str
    text: str
    links: dict[str, str]


def share_offer(result: PartyResult) -> ShareOffer:
    url = share_url(result)
    if result.overall is None:
        text = _("Hvor enig er du med valgprogrammet til %(party)s?", party=result.party.name)
    else:
        text = _(
            "Jeg er %(n)s %% enig med valgprogrammet til %(party)s. Hva med deg?",
            n=number(result.overall),
            party=result.party.name,
        )
    return ShareOffer(url, text, share_links(url, text))


def share_url(result: PartyResult) -> str:
    token = make_token(
        current_app.config["SECRET_KEY"],
        content.catalogue(),
        current_lang(),
        result.party.id,
        result.overall,
        dict(result.areas),
    )
    return url_for("share.shared", token=token, _external=True)


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


def _shared_or_404(token: str) -> SharedResult:
    shared = read_token(current_app.config["SECRET_KEY"], content.catalogue(), token)
    if shared is None:
        abort(404)
    return shared


@bp.get("/r/<token>")
def shared(token: str):
    result = _shared_or_404(token)
    catalogue = content.catalogue()
    party = catalogue.party(result.party)
    return render_template(
        "share/shared.html",
        shared=result,
        party=party,
        areas=list(zip(catalogue.areas, result.areas, strict=True)),
        image_url=url_for("share.image", token=token, _external=True),
        page_url=url_for("share.shared", token=token, _external=True),
    )


@bp.get("/r/<token>/bilde.png")
def image(token: str):
    result = _shared_or_404(token)
    catalogue = content.catalogue()
    party = catalogue.party(result.party)
    with force_locale(result.lang):
        png = render_card(
            title=PRODUCT_NAME,
            headline=_("%(n)s %% enig", n=number(result.overall, result.lang))
            if result.overall is not None
            else _("Ikke nok svar"),
            subtitle=_(
                "med %(party)s sitt program %(period)s",
                party=party.name,
                period=party.programme.period,
            ),
            areas=tuple(
                (
                    area.title[result.lang],
                    f"{value} %" if value is not None else "–",
                    value,
                )
                for area, value in zip(catalogue.areas, result.areas, strict=True)
            ),
            footer=_("Ta testen selv på %(host)s", host=request.host),
        )
    response = Response(png, mimetype="image/png")
    response.headers["Cache-Control"] = "public, max-age=86400, immutable"
    return response
