"""The public JSON API: the quiz as open data, and scoring."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from flask import Blueprint, Response, current_app, jsonify, request, url_for

from ...content.languages import DEFAULT_LANGUAGE
from ...content.open_data import catalogue_document
from ...scoring.results import score_document
from ...voter.answers import EVERY_STATEMENT
from ...voter.parsing import InvalidRequest, parse_answers
from .. import content
from ..errors import error_response
from ..i18n import normalise_language
from ..openapi import openapi_document
from ..templating import site

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def _programme_url(programme_id: str, anchor: str | None) -> str:
    return url_for("pages.programme", programme_id=programme_id, _external=True, _anchor=anchor)


def _cached_catalogue_json():
    """Serialised once per language and host (bounded, since the Host header is the client's)."""
    cache = current_app.extensions.get("quiz.api_cache")
    if cache is None:

        @lru_cache(maxsize=24)
        def build(lang: str, _site: tuple[str, str, str]) -> tuple[bytes, str]:
            document = catalogue_document(content.catalogue(), lang, _programme_url)
            body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
            return body, hashlib.sha256(body).hexdigest()[:20]

        cache = current_app.extensions["quiz.api_cache"] = build
    return cache


@bp.get("/quiz")
def catalogue_data() -> Response:
    # The pages' reading of a language ("no", "nb-NO" are bokmål); open data should answer,
    # not fail: an unknown language gets the default.
    lang = normalise_language(request.args.get("lang")) or DEFAULT_LANGUAGE
    body, etag = _cached_catalogue_json()(lang, site())
    response = Response(body, mimetype="application/json")
    # The same for everyone: shared caches may keep it for five minutes, then revalidate.
    response.set_etag(etag)
    response.headers["Cache-Control"] = "public, max-age=300"
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Content-Language"] = lang
    return response.make_conditional(request)


@bp.post("/score")
def score():
    catalogue = content.catalogue()
    try:
        answers = parse_answers(request.get_data(cache=False), catalogue, mode=EVERY_STATEMENT)
    except InvalidRequest as exc:
        return error_response(400, exc.message, exc.field)
    return jsonify(score_document(catalogue, answers))


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document(content.catalogue(), request.host_url))
