"""The catalogue as open data: the document GET /api/v1/quiz serves (its schema is in
quiz/web/openapi.py, which describes both API documents)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .catalogue import Catalogue


def catalogue_document(
    catalogue: Catalogue, lang: str, programme_url: Callable[[str, str | None], str]
) -> dict[str, Any]:
    """The whole quiz in one language, every pledge quoted verbatim with its anchor URL.

    programme_url(programme id, anchor or None) gives the absolute URL of a programme
    page; the web layer passes one, so this module needs no Flask.
    """
    return {
        "language": lang,
        "version": catalogue.version,
        "max_weight": catalogue.max_weight,
        "parties": [
            {
                "id": party.id,
                "name": party.name,
                "programme_url": programme_url(party.programme.id, None),
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
