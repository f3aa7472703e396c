"""Shared results: a public page and a preview image, from a signed token alone; and the
comparison of two people's results, built from what both share links hold."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _

from ...config import PRODUCT_NAME
from ...content.catalogue import Catalogue
from ...scoring.results import AreaCount, PartyResult
from ...scoring.share_card import render_card
from ...scoring.share_token import (
    Comparison,
    SharedResult,
    encode_token,
    make_comparison_token,
    read_comparison,
    read_token,
    shared_result,
)
from .. import content
from ..forms import EmptyForm
from ..i18n import normalise_language
from ..templating import current_lang
from . import voter_session

bp = Blueprint("share", __name__)


@dataclass(frozen=True)
class ShareOffer:
    """What the results page offers for sharing: the link, the text, each service's link,
    and in words exactly what the link reveals."""

    url: str
    text: str
    links: dict[str, str]
    reveals: str
    overall_only: bool


def _secret() -> str:
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
    token = encode_token(_secret(), content.catalogue(), shared)
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


def _length_words(mode: str | None) -> str:
    return _("den korte testen") if mode == "short" else _("hele testen")


def _reveals(shared: SharedResult) -> str:
    """What the link shows, said exactly, for the text beside the share button."""
    overall = "–" if shared.overall is None else f"{shared.overall} %"
    if shared.overall_only:
        return _(
            "Lenken viser bare den samlede enigheten (%(overall)s) og at du tok %(length)s. "
            "Den viser ingen områder og ingen av svarene dine.",
            overall=overall,
            length=_length_words(shared.mode),
        )
    shown = sum(v is not None for v in shared.areas)
    return _(
        "Lenken viser den samlede enigheten (%(overall)s), enigheten i %(n)s av %(m)s områder "
        "(bare der du har svart på minst tre påstander) og at du tok %(length)s. "
        "Den viser ingen av svarene dine.",
        overall=overall,
        n=shown,
        m=len(shared.areas),
        length=_length_words(shared.mode),
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
    sharer = read_token(_secret(), catalogue, token)
    if sharer is None or sharer.party != result.party.id:
        return None
    friend = own_shared(result, counts, mode, overall_only=False)
    comparison = Comparison(current_lang(), result.party.id, sharer, friend)
    compare_token = make_comparison_token(_secret(), catalogue, current_lang(), sharer, friend)
    return ComparisonView(
        comparison,
        comparison_rows(catalogue, comparison, current_lang()),
        url_for("share.shared", token=compare_token, _external=True),
    )


def _speak(lang: str) -> None:
    """A shared page speaks the language its token carries (the crawler that makes the
    preview sends none): unless the visitor has chosen a language on this site."""
    g.content_lang = lang


@bp.get("/r/<token>")
def shared(token: str):
    catalogue = content.catalogue()
    result = read_token(_secret(), catalogue, token)
    if result is None:
        comparison = read_comparison(_secret(), catalogue, token)
        if comparison is None:
            abort(404)
        _speak(comparison.lang)
        return render_template(
            "share/comparison.html",
            comparison=comparison,
            party=catalogue.party(comparison.party),
            rows=comparison_rows(catalogue, comparison, current_lang()),
            image_url=url_for("share.image", token=token, _external=True),
            page_url=url_for("share.shared", token=token, _external=True),
        )
    _speak(result.lang)
    return render_template(
        "share/shared.html",
        shared=result,
        party=catalogue.party(result.party),
        areas=list(zip(catalogue.areas, result.areas, strict=True)),
        image_url=url_for("share.image", token=token, _external=True),
        page_url=url_for("share.shared", token=token, _external=True),
        length=_length_words(result.mode) if result.mode else None,
        form=EmptyForm(),
    )


@bp.post("/r/<token>/sammenlign")
def compare(token: str):
    """The friend wants to compare: the token waits in their session for their result."""
    if read_token(_secret(), content.catalogue(), token) is None:
        abort(404)
    if not EmptyForm().validate():
        abort(400)
    voter_session.compare_with(token)
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
        tuple((title, f"{value} %") for value, title in best),
        tuple((title, f"{value} %") for value, title in worst),
    )


@bp.get("/r/<token>/bilde.png")
def image(token: str):
    catalogue = content.catalogue()
    result = read_token(_secret(), catalogue, token)
    comparison = None if result is not None else read_comparison(_secret(), catalogue, token)
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
                headline=f"{'–' if one is None else one} % · {'–' if two is None else two} %",
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
