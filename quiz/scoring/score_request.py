"""Validation of a POST /api/v1/score body, naming the field that is wrong. Free of Flask."""

from __future__ import annotations

import json
from typing import Any

from ..content.catalogue import Catalogue
from .answers import MODES, Answers
from .matching import ANSWER_VALUES

FIELDS = {"answers", "important", "area_weights"}
# The embedded quiz's script sends the same body with the quiz length it took.
FIELDS_WITH_MODE = FIELDS | {"mode"}


class InvalidRequest(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def parse_score_request(body: bytes, catalogue: Catalogue, with_mode: bool = False) -> Answers:
    """A body's answers, marks and weights, or InvalidRequest naming the field. with_mode:
    the body also says which quiz was taken ("short" or "full"; "full" when absent)."""
    try:
        data: Any = json.loads(body)
    except (ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
        raise InvalidRequest("body", "the body must be a JSON object") from exc
    if not isinstance(data, dict):
        raise InvalidRequest("body", "the body must be a JSON object")
    for key in data:
        if key not in (FIELDS_WITH_MODE if with_mode else FIELDS):
            raise InvalidRequest(key, f"unknown field {key!r}")
    mode = data.get("mode", "full")
    if mode not in MODES:
        raise InvalidRequest("mode", f"mode must be one of {', '.join(map(repr, MODES))}")

    answers = data.get("answers", {})
    if not isinstance(answers, dict):
        raise InvalidRequest("answers", "answers must be an object of statement id to answer")
    for sid, value in answers.items():
        if not catalogue.has_statement(sid):
            raise InvalidRequest(f"answers.{sid}", f"unknown statement id {sid!r}")
        if not isinstance(value, str) or value not in ANSWER_VALUES:
            raise InvalidRequest(
                f"answers.{sid}", f"an answer must be one of {', '.join(map(repr, ANSWER_VALUES))}"
            )

    important = data.get("important", [])
    if not isinstance(important, list):
        raise InvalidRequest("important", "important must be a list of statement ids")
    for index, sid in enumerate(important):
        if not isinstance(sid, str) or not catalogue.has_statement(sid):
            raise InvalidRequest(f"important[{index}]", f"unknown statement id {sid!r}")

    weights = data.get("area_weights", {})
    if not isinstance(weights, dict):
        raise InvalidRequest(
            "area_weights", f"area_weights must be an object of area id to 0-{catalogue.max_weight}"
        )
    area_ids = {a.id for a in catalogue.areas}
    whole_weights: dict[str, int] = {}
    for aid, weight in weights.items():
        if aid not in area_ids:
            raise InvalidRequest(f"area_weights.{aid}", f"unknown area id {aid!r}")
        # JSON has one number type: 2.0 is the whole number 2 (as JSON Schema says too).
        whole = type(weight) in (int, float) and float(weight).is_integer()
        if not whole or not 0 <= weight <= catalogue.max_weight:
            raise InvalidRequest(
                f"area_weights.{aid}",
                f"a weight must be a whole number 0 to {catalogue.max_weight}",
            )
        whole_weights[aid] = int(weight)

    marked = frozenset(s for s in important if answers.get(s, "skip") != "skip")
    return Answers(mode, dict(answers), marked, whole_weights)
