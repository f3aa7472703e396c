"""Shared results: a public page and a preview image, from a signed token alone; and the
comparison of two people's results, built from what both share links hold."""

from __future__ import annotations

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
    read_comparison,
    read_token,
)
from .. import content, visitor
from ..forms import EmptyForm
from ..i18n import normalise_language
from ..rendering.pages import ComparisonPage, SharedPage, chrome, render_page
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


@bp.get("/r/<token>")
def shared(token: str):
    catalogue = content.catalogue()
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
    if read_token(share_secret(), content.catalogue(), token) is None:
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


@bp.get("/r/<token>/bilde.png")
def image(token: str):
    catalogue = content.catalogue()
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
    response = Response(png, mimetype="image/png")
    response.headers["Cache-Control"] = "public, max-age=86400, immutable"
    return response


@bp.get("/kort.png")
def quiz_card():
    """The quiz's own preview card (landing and programme pages), in the asked language."""
    lang = normalise_language(request.args.get("lang")) or current_lang()
    party = content.catalogue().primary_party
    with force_locale(lang):
        png = render_card(
            title=PRODUCT_NAME,
            headline=_("Hvor enig er du?"),
            subtitle=_(
                "med valgprogrammet til %(party)s %(period)s",
                party=party.name,
                period=party.programme.period,
            ),
            best=(),
            worst=(),
            footer=_("Ingen sporing, ingen annonser, ingen tredjeparter."),
        )
    response = Response(png, mimetype="image/png")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response
