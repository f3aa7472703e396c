"""Shared results: a public page and a preview image, from a signed token alone; and the
comparison of two people's results, built from what both share links hold."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    g,
    redirect,
    request,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _

from ...config import PRODUCT_NAME
from ...content.catalogue import Catalogue
from ...sharing.card import render_card
from ...sharing.token import (
    SharedRanking,
    best_of,
    read_comparison,
    read_ranking,
    read_ranking_comparison,
    read_token,
)
from .. import content, visitor
from ..forms import EmptyForm
from ..i18n import normalise_language
from ..rendering.pages import ComparisonPage, RankingPage, SharedPage, chrome, render_page
from ..sharing import share_secret
from ..templating import current_lang, percent

bp = Blueprint("share", __name__)


def _speak(lang: str) -> None:
    """A shared page speaks the language its token carries (the crawler that makes the
    preview sends none): unless the visitor has chosen a language on this site."""
    g.content_lang = lang


def _preview_urls(token: str) -> tuple[str, str]:
    """The link's page and its card, absolute, for the Open Graph preview."""
    return (
        url_for("share.shared", token=token, _external=True),
        url_for("share.image", token=token, _external=True),
    )


def _read_ranking(token: str) -> tuple[SharedRanking, SharedRanking | None] | None:
    """A link of several parties: (the sharer's top parties, the friend's or None)."""
    catalogue = content.catalogue()
    one = read_ranking(share_secret(), catalogue, token)
    if one is not None:
        return one, None
    two = read_ranking_comparison(share_secret(), catalogue, token)
    return None if two is None else (two.sharer, two.friend)


@bp.get("/r/<token>")
def shared(token: str):
    catalogue = content.catalogue()
    if (ranked := _read_ranking(token)) is not None:
        _speak(ranked[0].lang)
        return render_page(RankingPage(chrome(), token, *ranked, *_preview_urls(token)))
    result = read_token(share_secret(), catalogue, token)
    if result is None:
        comparison = read_comparison(share_secret(), catalogue, token)
        if comparison is None:
            abort(404)
        _speak(comparison.lang)
        # A link passed round shows everyone the same page: kept.
        return render_page(ComparisonPage(chrome(), comparison, *_preview_urls(token)))
    _speak(result.lang)
    return render_page(SharedPage(chrome(), token, result, *_preview_urls(token)))


@bp.post("/r/<token>/sammenlign")
def compare(token: str):
    """The friend wants to compare: the token waits in their session for their result."""
    catalogue = content.catalogue()
    if read_token(share_secret(), catalogue, token) is None and (
        read_ranking(share_secret(), catalogue, token) is None
    ):
        abort(404)
    if not EmptyForm().validate():
        abort(400)
    visitor.compare_with(token)
    return redirect(url_for("pages.index", sammenlign=1))


def _best_and_worst(
    catalogue: Catalogue, lang: str, areas: tuple[int | None, ...]
) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    scored = [
        (value, area.title[lang])
        for area, value in zip(catalogue.areas, areas, strict=True)
        if value is not None
    ]
    ranked = sorted(scored, key=lambda pair: (-pair[0], pair[1]))
    best = ranked[:3]
    worst = [pair for pair in reversed(ranked) if pair not in best][:3]
    return (
        tuple((title, percent(value, lang)) for value, title in best),
        tuple((title, percent(value, lang)) for value, title in worst),
    )


def _png(data: bytes) -> Response:
    response = Response(data, mimetype="image/png")
    response.headers["Cache-Control"] = "public, max-age=86400, immutable"
    return response


def ranking_card_texts(
    catalogue: Catalogue, sharer: SharedRanking, friend: SharedRanking | None
) -> dict[str, Any]:
    """What the card of a link of several parties says (render_card's arguments), in the
    language of the current locale: the top party and its number, then the three."""
    footer = _("Ta testen selv på %(host)s", host=request.host)
    lang = sharer.lang
    if friend is not None:
        first = [catalogue.party(pid).label for pid, _v in friend.scores[:1]]
        second = [catalogue.party(pid).label for pid, _v in sharer.scores[:1]]
        return {
            "title": PRODUCT_NAME,
            "headline": " · ".join(first + second) or _("Ikke nok svar"),
            "subtitle": _("to venner, mest enige med"),
            "best": (),
            "worst": (),
            "footer": footer,
        }
    top = tuple((catalogue.party(pid).name, percent(v, lang)) for pid, v in sharer.scores)
    best, value = best_of(sharer)
    names = ", ".join(catalogue.party(pid).name for pid in best)
    return {
        "title": PRODUCT_NAME,
        "headline": _("%(n)s %%", n=value) if value is not None else _("Ikke nok svar"),
        "subtitle": _("mest enig med %(party)s", party=names) if value is not None else "",
        "best": top,
        "worst": (),
        "footer": footer,
        "best_label": _("Mest enig med"),
    }


@bp.get("/r/<token>/bilde.png")
def image(token: str):
    catalogue = content.catalogue()
    if (ranked := _read_ranking(token)) is not None:
        with force_locale(ranked[0].lang):
            return _png(render_card(**ranking_card_texts(catalogue, *ranked)))
    result = read_token(share_secret(), catalogue, token)
    comparison = None if result is not None else read_comparison(share_secret(), catalogue, token)
    if result is None and comparison is None:
        abort(404)
    lang = result.lang if result is not None else comparison.lang  # type: ignore[union-attr]
    party = catalogue.party(result.party if result is not None else comparison.party)  # type: ignore[union-attr]
    footer_host = request.host
    with force_locale(lang):
        footer = _("Ta testen selv på %(host)s", host=footer_host)
        if comparison is not None:
            one, two = comparison.sharer.overall, comparison.friend.overall
            png = render_card(
                title=PRODUCT_NAME,
                headline=f"{percent(one, lang)} · {percent(two, lang)}",
                subtitle=_("to venner, enige med %(party)s", party=party.name),
                best=(),
                worst=(),
                footer=footer,
            )
        else:
            assert result is not None
            best, worst = _best_and_worst(catalogue, lang, result.areas)
            png = render_card(
                title=PRODUCT_NAME,
                headline=_("%(n)s %%", n=result.overall)
                if result.overall is not None
                else _("Ikke nok svar"),
                subtitle=_("enig med %(party)s", party=party.name),
                best=best,
                worst=worst,
                footer=footer,
                best_label=_("Mest enig"),
                worst_label=_("Minst enig"),
            )
    return _png(png)


@bp.get("/kort.png")
def quiz_card():
    """The quiz's own preview card (landing and programme pages), in the asked language."""
    lang = normalise_language(request.args.get("lang")) or current_lang()
    party = content.catalogue().only_party
    with force_locale(lang):
        png = render_card(
            title=PRODUCT_NAME,
            headline=_("Hvor enig er du?") if party else _("Hvilke partier er du mest enig med?"),
            subtitle=_(
                "med valgprogrammet til %(party)s %(period)s",
                party=party.name,
                period=party.programme.period,
            )
            if party and party.programme
            else _("%(n)s partier, ett sett påstander", n=len(content.catalogue().parties)),
            best=(),
            worst=(),
            footer=_("Ingen sporing, ingen annonser, ingen tredjeparter."),
        )
    response = Response(png, mimetype="image/png")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response
