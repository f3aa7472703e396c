"""Which language a request is answered in."""

from __future__ import annotations

from babel.support import Translations
from flask import g, request, session
from flask_babel import get_translations

from ..content.languages import ALIASES, DEFAULT_LANGUAGE


def normalise_language(value: str | None) -> str | None:
    if not value:
        return None
    return ALIASES.get(value.strip().lower().replace("_", "-").split("-")[0])


def select_locale() -> str:
    """The visitor's own choice on this site, else the language of the content shown (a
    shared result speaks its sharer's language, also to a crawler that sends no
    Accept-Language), else the browser's. An embedded page speaks its lang parameter."""
    forced = g.get("forced_lang")
    if forced:
        return forced
    chosen = normalise_language(session.get("lang"))
    if chosen:
        return chosen
    content_lang = g.get("content_lang")
    if content_lang:
        return content_lang
    for value, _quality in request.accept_languages:
        if language := normalise_language(value):
            return language
    return DEFAULT_LANGUAGE


def translations() -> Translations:
    """This request's translations, looked up once (Flask-Babel looks up its context on every
    string, and a results page has hundreds of strings)."""
    found = g.get("_translations")
    if found is None:
        found = g._translations = get_translations()
    return found


def gettext(string: str, **variables: object) -> str:
    text = translations().ugettext(string)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables: object) -> str:
    """As Jinja's newstyle calls it: the translation unformatted unless variables are given."""
    text = translations().ungettext(singular, plural, num)
    return text % variables if variables else text
