"""Which language a request is answered in."""

from __future__ import annotations

from flask import request, session

from ..content.languages import DEFAULT_LANGUAGE

# Browsers send "no", "nb-NO" or "nn-NO"; "no" means bokmål in practice.
ALIASES = {"no": "nb", "nb": "nb", "nn": "nn", "en": "en"}


def normalise_language(value: str | None) -> str | None:
    if not value:
        return None
    return ALIASES.get(value.strip().lower().replace("_", "-").split("-")[0])


def select_locale() -> str:
    chosen = normalise_language(session.get("lang"))
    if chosen:
        return chosen
    for value, _quality in request.accept_languages:
        if language := normalise_language(value):
            return language
    return DEFAULT_LANGUAGE
