"""Helpers the templates share: language names and grouping of programme blocks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from itertools import groupby
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask import Flask, current_app, g, request, url_for
from flask_babel import format_date, get_locale

from ..config import PRODUCT_NAME
from ..content import numbers
from ..content.languages import DATE_TIME_PATTERNS, DEFAULT_LANGUAGE, LANGUAGE_NAMES, OG_LOCALES
from ..events import service
from ..events.codes import display_code
from ..questionnaire import service as round_service
from ..scoring import class_picture
from ..sharing import token as share_token
from . import content
from .i18n import gettext as _

URLS = "quiz.urls"
URL_CACHE_SIZE = 2048  # bounded: next= links vary with the page


def _relative_url(_script_root: str, endpoint: str, values: tuple[tuple[str, Any], ...]) -> str:
    return url_for(endpoint, **dict(values))


def cached_url_for(endpoint: str, **values: Any) -> str:
    """url_for for templates, remembered: a relative URL depends only on the endpoint, its
    values and where the app is mounted, and a page builds about twenty of them."""
    if values.get("_external") or not all(isinstance(v, str | int | None) for v in values.values()):
        return url_for(endpoint, **values)
    remembered = current_app.extensions[URLS]
    return remembered(request.script_root, endpoint, tuple(sorted(values.items())))


def site() -> tuple[str, str, str]:
    """What every absolute URL this request builds starts with: scheme, host and the path
    the app is mounted at. Caches of anything holding such URLs are keyed by it."""
    return request.scheme, request.host, request.root_path


def current_lang() -> str:
    """This request's language, looked up once (a results page asks ~150 times)."""
    lang = g.get("_lang")
    if lang is None:
        lang = g._lang = str(get_locale() or DEFAULT_LANGUAGE)
    return lang


def runs_by_kind(blocks: Iterable[Any]) -> list[tuple[str, list[Any]]]:
    """Consecutive blocks of one kind, so that a run of pledges becomes one list."""
    return [
        (kind, list(run))
        for kind, run in groupby(blocks, key=lambda b: "pledge" if b.kind == "pledge" else "text")
    ]


def answer_labels() -> dict[str, str]:
    """The four answers' words, built once per request (a results page asks for them per row)."""
    labels = g.get("_answer_labels")
    if labels is None:
        labels = g._answer_labels = {
            "agree": _("Enig"),
            "neutral": _("Nøytral"),
            "disagree": _("Uenig"),
            "skip": _("Hopp over"),
        }
    return labels


@dataclass(frozen=True)
class Publisher:
    name: str
    contact: str
    # One party: when it confirmed its positions (None: it has not). Several: None, and
    # confirmed_count says how many of them did; each party's page gives its own date.
    confirmed: date | None
    several: bool = False
    confirmed_count: int = 0
    parties: int = 1


def publisher() -> Publisher:
    """Who publishes the quiz, and whether the parties confirmed their positions (each
    party's own file says so: parties/<id>.toml, confirmed = YYYY-MM-DD)."""
    config = current_app.config
    catalogue = content.catalogue()
    only = catalogue.only_party
    return Publisher(
        config["PUBLISHER"],
        config["PUBLISHER_CONTACT"],
        only.confirmed if only else None,
        catalogue.several,
        sum(1 for p in catalogue.parties if p.confirmed is not None),
        len(catalogue.parties),
    )


# The only query parameter a page's own address keeps: where a changed answer returns to.
KEPT_PARAMETERS = {"til": {"oversikt", "resultat"}}


def here() -> str:
    """This page's address for the language links' next=, built from the matched route and
    known values only. Reflecting the request's own text (its query string) into a page that
    also holds a secret (a CSRF token) would let compression leak that secret (BREACH)."""
    if request.url_rule is None or request.method != "GET":
        return cached_url_for("pages.index")
    kept = {
        name: request.args[name]
        for name, allowed in KEPT_PARAMETERS.items()
        if request.args.get(name) in allowed
    }
    return cached_url_for(request.url_rule.endpoint, **(request.view_args or {}), **kept)


def weight_labels(max_weight: int) -> dict[str, str]:
    """The words beside each weight a voter may give an area, 0 to max_weight."""
    labels = {"0": _("0 – teller ikke"), "1": _("1 – vanlig")}
    for n in range(2, max_weight):
        labels[str(n)] = _("%(n)s – viktig", n=n)
    if max_weight >= 2:
        labels[str(max_weight)] = _("%(n)s – svært viktig", n=max_weight)
    return labels


def answer_label(value: str | None) -> str:
    if value is None:
        return _("Ikke besvart")
    return answer_labels()[value] if value != "skip" else _("Hoppet over")


def agreement_words(score: float | None) -> str:
    """The overall score said in words, so the number is never the only message."""
    if score is None:
        return _("Du har ikke svart på nok påstander til at vi kan regne ut et resultat.")
    if score >= 80:
        return _("Du er svært enig med programmet.")
    if score >= 60:
        return _("Du er ganske enig med programmet.")
    if score >= 40:
        return _("Du er delvis enig og delvis uenig med programmet.")
    if score >= 20:
        return _("Du er ganske uenig med programmet.")
    return _("Du er svært uenig med programmet.")


def number(value: float | None, lang: str | None = None) -> str:
    """A score as the locale writes it (content.numbers): 72,5 in Norwegian, 72.5 in English.
    ``lang`` defaults to this request's language."""
    return numbers.number(value, lang or current_lang())


def percent(value: float | None, lang: str | None = None) -> str:
    """A percentage in running text, "40 %", or "–" (content.numbers)."""
    return numbers.percent(value, lang or current_lang())


def local_zone() -> ZoneInfo:
    """The wall clock teachers read and type (BABEL_DEFAULT_TIMEZONE, e.g. Europe/Oslo)."""
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def local_time(moment: datetime) -> str:
    """A stored UTC time as the reader's wall clock in their language, through Babel."""
    if moment.tzinfo is None:  # SQLite returns naive UTC
        moment = moment.replace(tzinfo=UTC)
    lang = current_lang()
    return format_datetime(
        moment, DATE_TIME_PATTERNS.get(lang, "medium"), tzinfo=local_zone(), locale=lang
    )


def shared_globals() -> dict[str, Any]:
    """What every template may call, in the app's environment and the kept one alike: pure
    functions of their arguments, this request's language and address, and the app's own
    settings; nothing of the visitor (web/rendering adds the visitor's values)."""
    return {
        "url_for": cached_url_for,
        "current_lang": current_lang,
        "language_names": lambda: LANGUAGE_NAMES,
        "og_locales": OG_LOCALES,
        "answer_labels": answer_labels,
        "weight_labels": weight_labels,
        "publisher": publisher,
        "format_date": format_date,
        "product_name": PRODUCT_NAME,
        "agreement_words": agreement_words,
        # School sessions: answers are released in blocks of this many, and codes are
        # written in two groups of four (events.codes.display_code).
        "block_size": class_picture.BLOCK_SIZE,
        "min_others": class_picture.MIN_RESPONSES,  # k: the others' answers a block always holds
        "display_code": display_code,
        # Numbers the texts say, each defined once where its rule is.
        "min_answered": share_token.MIN_ANSWERED,  # answers an area needs to be shared
        "top_parties": share_token.TOP_PARTIES,  # parties a share of several names at most
        "min_ranked_answers": share_token.MIN_RANKED_ANSWERS,  # answers it needs first
        "max_group_name": service.MAX_GROUP_NAME,
        "kiosk_idle": service.KIOSK_IDLE,  # seconds
        "round_retention_days": round_service.RETENTION.days,  # the parties' round
    }


FILTERS = {
    "groupby_runs": runs_by_kind,
    "answer_label": answer_label,
    "number": number,
    "percent": percent,
    "local_time": local_time,
}


def init_app(app: Flask) -> None:
    # Each app its own (the same endpoint may be mounted elsewhere), bounded like every
    # cache of values here; kept renders have their own store (web/rendering).
    app.extensions[URLS] = lru_cache(maxsize=URL_CACHE_SIZE)(_relative_url)
    # Template indentation is for the reader of the template, not for the wire.
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters.update(FILTERS)
    app.jinja_env.globals.update(shared_globals())
