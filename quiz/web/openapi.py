"""The OpenAPI 3.1 document for the public API, with the catalogue's ids as enums."""

from __future__ import annotations

from typing import Any

from ..content.catalogue import Catalogue
from ..content.scale import STANCES
from ..scoring.matching import ANSWER_VALUES

ERROR = {
    "type": "object",
    "required": ["error", "detail"],
    "properties": {
        "error": {"type": "string"},
        "detail": {"type": "string"},
        "field": {"type": "string", "description": "the request field that is wrong"},
    },
}
NULLABLE_PERCENT = {"type": ["number", "null"], "minimum": 0, "maximum": 100}


def openapi_document(catalogue: Catalogue, server: str) -> dict[str, Any]:
    statement_ids = [s.id for s in catalogue.statements]
    area_ids = [a.id for a in catalogue.areas]
    max_weight = catalogue.max_weight
    pledge = {
        "type": "object",
        "required": ["id", "text", "chapter", "section", "url"],
        "properties": {
            "id": {"type": "string"},
            "text": {"type": "string", "description": "verbatim from the programme"},
            "chapter": {"type": "string"},
            "section": {"type": ["string", "null"]},
            "url": {"type": "string", "format": "uri"},
        },
    }
    error_responses = {
        "400": {
            "description": "invalid request; `field` names what is wrong",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        },
        "413": {
            "description": "body too large",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Programtesten API",
            "version": "1",
            "description": "The quiz as open data, and scoring of answers. No answer is stored.",
        },
        "servers": [{"url": server.rstrip("/")}],
        "paths": {
            "/api/v1/quiz": {
                "get": {
                    "summary": "Parties, areas and statements, with the pledges behind each stance",
                    "parameters": [
                        {
                            "name": "lang",
                            "in": "query",
                            "required": False,
                            "description": "nb (default), nn or en; anything else gives nb",
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "the quiz",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Quiz"}
                                }
                            },
                        }
                    },
                }
            },
            "/api/v1/score": {
                "post": {
                    "summary": "Score answers against every party",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/ScoreRequest"}
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "scores; null where there are not enough answers",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/ScoreResponse"}
                                }
                            },
                        },
                        **error_responses,
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Error": ERROR,
                "Quiz": {
                    "type": "object",
                    "required": ["version", "max_weight", "parties", "areas", "statements"],
                    "properties": {
                        "language": {"type": "string"},
                        "version": {
                            "type": "string",
                            "description": "changes whenever what an answer means changes",
                        },
                        "max_weight": {"type": "integer", "minimum": 1},
                        "party_order": {
                            "enum": ["alphabetical", "ballot"],
                            "description": "the neutral order parties are listed in",
                        },
                        "parties": {
                            "type": "array",
                            "description": "in the neutral order (party_order)",
                            "items": {
                                "type": "object",
                                "required": ["id", "name", "programme_url"],
                                "properties": {
                                    "id": {"type": "string"},
                                    "name": {"type": "string"},
                                    "short_name": {"type": "string"},
                                    "programme_url": {
                                        "type": ["string", "null"],
                                        "format": "uri",
                                    },
                                    "source_url": {"type": ["string", "null"]},
                                    "period": {"type": ["string", "null"]},
                                    "confirmed": {
                                        "type": ["string", "null"],
                                        "format": "date",
                                        "description": "when the party confirmed its "
                                        "positions; null: it has not",
                                    },
                                    "answered": {
                                        "type": "integer",
                                        "description": "statements it took a stance on",
                                    },
                                },
                            },
                        },
                        "areas": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["id", "title", "weight", "pledges", "priorities"],
                                "properties": {
                                    "id": {"type": "string"},
                                    "title": {"type": "string"},
                                    "weight": {
                                        "type": "integer",
                                        "minimum": 0,
                                        "maximum": max_weight,
                                        "description": "the default weight: derived from "
                                        "the chapter's pledges and the programme's priorities "
                                        "it holds, or set by the editor",
                                    },
                                    "pledges": {
                                        "type": ["integer", "null"],
                                        "description": "pledges in the chapter the area stands for",
                                    },
                                    "priorities": {
                                        "type": ["integer", "null"],
                                        "description": "of the programme's priorities, how "
                                        "many the chapter holds",
                                    },
                                },
                            },
                        },
                        "statements": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": [
                                    "id",
                                    "text",
                                    "area",
                                    "core",
                                    "keeps_today",
                                    "explanation",
                                    "source",
                                    "positions",
                                ],
                                "properties": {
                                    "id": {"type": "string"},
                                    "text": {"type": "string"},
                                    "area": {"type": "string"},
                                    "core": {"type": "boolean"},
                                    "keeps_today": {
                                        "type": "boolean",
                                        "description": "worded as keeping today's rule "
                                        "(marked by the editors)",
                                    },
                                    "explanation": {"type": ["string", "null"]},
                                    "source": {
                                        "type": ["string", "null"],
                                        "description": "where the explanation's facts come from",
                                    },
                                    "positions": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["party", "stance", "pledges", "set_by"],
                                            "properties": {
                                                "party": {"type": "string"},
                                                "stance": {
                                                    "enum": [*STANCES, None],
                                                    "description": "null: the party did not "
                                                    "answer; the statement is left out of its "
                                                    "score, never read as neutral",
                                                },
                                                "reason": {
                                                    "type": ["object", "null"],
                                                    "description": "the party's own words, in "
                                                    "the asked language where given",
                                                    "properties": {
                                                        "lang": {"type": "string"},
                                                        "text": {
                                                            "type": "string",
                                                            "maxLength": 500,
                                                        },
                                                    },
                                                },
                                                "source_url": {"type": ["string", "null"]},
                                                "set_by": {
                                                    "enum": ["party", "editors"],
                                                    "description": "answered by the party, or "
                                                    "coded by the editors from its programme",
                                                },
                                                "set_on": {
                                                    "type": ["string", "null"],
                                                    "format": "date",
                                                },
                                                "pledges": {"type": "array", "items": pledge},
                                            },
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
                "ScoreRequest": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "answers": {
                            "type": "object",
                            "description": "missing statements count as skipped",
                            "propertyNames": {"enum": statement_ids},
                            "additionalProperties": {"enum": list(ANSWER_VALUES)},
                        },
                        "important": {
                            "type": "array",
                            "items": {"enum": statement_ids},
                        },
                        "area_weights": {
                            "type": "object",
                            "propertyNames": {"enum": area_ids},
                            "additionalProperties": {
                                "type": "integer",
                                "minimum": 0,
                                "maximum": max_weight,
                            },
                        },
                    },
                },
                "ScoreResponse": {
                    "type": "object",
                    "required": ["parties"],
                    "properties": {
                        "parties": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["party", "overall", "rank", "areas", "statements"],
                                "properties": {
                                    "party": {"type": "string"},
                                    "overall": NULLABLE_PERCENT,
                                    "rank": {
                                        "type": ["integer", "null"],
                                        "minimum": 1,
                                        "description": "by overall score; tied parties share "
                                        "a rank; null without an overall score. The list is "
                                        "in the neutral order (the quiz's party_order)",
                                    },
                                    "areas": {
                                        "type": "object",
                                        "additionalProperties": NULLABLE_PERCENT,
                                    },
                                    "statements": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id", "points", "max"],
                                            "properties": {
                                                "id": {"type": "string"},
                                                "points": {"type": ["number", "null"]},
                                                "max": {"type": ["number", "null"]},
                                            },
                                        },
                                    },
                                },
                            },
                        }
                    },
                },
            }
        },
    }
