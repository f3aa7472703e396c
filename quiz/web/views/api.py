"""The public JSON API: the quiz as open data, and scoring."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request, url_for

from ...content.catalogue import Catalogue
from ...content.languages import LANGUAGES
from ...scoring.results import results
from ...scoring.score_request import InvalidRequest, parse_score_request
from .. import content
from ..errors import error_response
from ..openapi import openapi_document

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def quiz_document(catalogue: Catalogue, lang: str) -> dict[str, Any]:
    """The whole quiz in one language, every pledge quoted verbatim with its anchor URL."""

    def programme_url(programme_id: str, anchor: str | None = None) -> str:
        return url_for("pages.programme", programme_id=programme_id, _external=True, _anchor=anchor)

    return {
        "language": lang,
        "parties": [
            {
                "id": party.id,
                "name": party.name,
                "programme_url": programme_url(party.programme.id),
                "source_url": party.programme.source_url,
                "period": party.programme.period,
            }
            for party in catalogue.parties
        ],
        "areas": [
            {
                "id": area.id,
                "title": area.title[lang],
                "weight": area.weight,
                "pledges": area.pledges,
            }
            for area in catalogue.areas
        ],
        "statements": [
            {
                "id": statement.id,
                "text": statement.text[lang],
                "area": statement.area,
                "core": statement.core,
                "explanation": statement.explanation[lang] if statement.explanation else None,
                "source": statement.source[lang] if statement.source else None,
                "positions": [
                    {
                        "party": party.id,
                        "stance": party.positions[statement.id].stance,
                        "pledges": [
                            {
                                "id": pledge.id,
                                "text": pledge.text,
                                "chapter": pledge.chapter,
                                "section": pledge.section,
                                "url": programme_url(party.programme.id, pledge.id),
                            }
                            for pledge in catalogue.pledges_for(party, statement.id)
                        ],
                    }
                    for party in catalogue.parties
                    if statement.id in party.positions
                ],
            }
            for statement in catalogue.statements
        ],
    }


def _cached_quiz_json():
    """Serialised once per language and host (bounded, since the Host header is the client's)."""
    cache = current_app.extensions.get("quiz.api_cache")
    if cache is None:

        @lru_cache(maxsize=24)
        def build(lang: str, _host: str) -> bytes:
            document = quiz_document(content.catalogue(), lang)
            return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()

        cache = current_app.extensions["quiz.api_cache"] = build
    return cache


@bp.get("/quiz")
def quiz() -> Response:
    lang = request.args.get("lang", "nb")
    if lang not in LANGUAGES:
        lang = "nb"  # open data should answer, not fail: unknown languages get bokmål
    body = _cached_quiz_json()(lang, request.host_url)
    response = Response(body, mimetype="application/json")
    response.headers["Cache-Control"] = "public, max-age=300"
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Content-Language"] = lang
    return response


@bp.post("/score")
def score():
    catalogue = content.catalogue()
    try:
        answers = parse_score_request(request.get_data(cache=False), catalogue)
    except InvalidRequest as exc:
        return error_response(400, exc.message, exc.field)
    return jsonify(
        {
            "parties": [
                {
                    "party": result.party.id,
                    "overall": result.overall,
                    "areas": dict(result.areas),
                    "statements": [
                        {"id": row.statement.id, "points": row.points, "max": row.max}
                        for row in result.statements
                    ],
                }
                for result in results(catalogue, answers)
            ]
        }
    )


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document(content.catalogue(), request.host_url))
