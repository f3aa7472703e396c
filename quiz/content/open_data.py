"""The catalogue as open data: the document GET /api/v1/quiz serves (its schema is in
quiz/web/openapi.py, which describes both API documents)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from .catalogue import Catalogue, Party, Position


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
        "party_order": catalogue.party_order,
        "parties": [
            {
                "id": party.id,
                "name": party.name,
                "short_name": party.label,
                # Our page of its parsed programme where there is one; else its own page.
                "programme_url": programme_url(party.programme.id, None)
                if party.programme
                else party.programme_url,
                "source_url": party.programme_url,
                "period": party.programme.period if party.programme else None,
                "confirmed": party.confirmed.isoformat() if party.confirmed else None,
                "answered": party.answered_count,
            }
            for party in catalogue.parties
        ],
        "areas": [
            {
                "id": area.id,
                "title": area.title[lang],
                "weight": area.weight,
                "pledges": area.pledges,
                "priorities": area.priorities,
            }
            for area in catalogue.areas
        ],
        "statements": [
            {
                "id": statement.id,
                "text": statement.text[lang],
                "area": statement.area,
                "core": statement.core,
                "keeps_today": statement.keeps_today,
                "explanation": statement.explanation[lang] if statement.explanation else None,
                "source": statement.source[lang] if statement.source else None,
                "positions": [
                    {
                        "party": party.id,
                        # null: the party did not answer (left out of its score)
                        "stance": party.positions[statement.id].stance,
                        "reason": _reason(party.positions[statement.id], lang),
                        "source_url": party.positions[statement.id].source_url,
                        "set_by": party.positions[statement.id].set_by,
                        "set_on": _date(party.positions[statement.id].set_on),
                        "pledges": [
                            {
                                "id": pledge.id,
                                "text": pledge.text,
                                "chapter": pledge.chapter,
                                "section": pledge.section,
                                "url": programme_url(pledge_programme(party), pledge.id),
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


def pledge_programme(party: Party) -> str:
    """The programme a pledge of this party is in (it has one: pledges need it)."""
    assert party.programme is not None
    return party.programme.id


def _reason(position: Position, lang: str) -> dict[str, str] | None:
    """The party's own words: in ``lang`` where given, else the language it wrote in."""
    found = position.reason_in(lang)
    return None if found is None else {"lang": found[0], "text": found[1]}


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
