"""The one reading of a voter's answers sent all at once, naming the field that is wrong.
Free of Flask.

Three endpoints take a whole quiz in one body and read it here, equally strictly: the score
API (POST /api/v1/score), the browser-side quiz's hand-over (POST /quiz/svar) and the
embedded quiz's script (POST /embed/svar). The body is a JSON object:

- ``answers``: statement id -> one of content.scale.ANSWERS; every id known;
- ``important``: statement ids marked "important to me"; every id known; a mark on a
  statement not answered (or skipped) counts for nothing and is dropped, as on the
  priorities form;
- ``area_weights``: area id -> a whole number 0 to the catalogue's max_weight;
- ``mode``: the quiz taken, where the endpoint does not say it itself.
"""

from __future__ import annotations

import json
from typing import Any

from ..content.catalogue import Catalogue
from ..content.scale import ANSWERS
from .answers import DEFAULT_MODE, MODES, Answers

FIELDS = {"answers", "important", "area_weights"}


class InvalidRequest(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def parse_answers(body: bytes | str, catalogue: Catalogue, mode: str | None = None) -> Answers:
    """A body's answers, marks and weights, or InvalidRequest naming the field. ``mode``:
    the quiz as the endpoint knows it (then a "mode" field is refused); None: the body may
    say it, else DEFAULT_MODE."""
    try:
        data: Any = json.loads(body)
    except (ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
        raise InvalidRequest("body", "the body must be a JSON object") from exc
    if not isinstance(data, dict):
        raise InvalidRequest("body", "the body must be a JSON object")
    allowed = FIELDS if mode is not None else FIELDS | {"mode"}
    for key in data:
        if key not in allowed:
            raise InvalidRequest(key, f"unknown field {key!r}")
    if mode is None:
        mode = data.get("mode", DEFAULT_MODE)
    if mode not in MODES:
        raise InvalidRequest("mode", f"mode must be one of {', '.join(map(repr, MODES))}")

    answers = data.get("answers", {})
    if not isinstance(answers, dict):
        raise InvalidRequest("answers", "answers must be an object of statement id to answer")
    for sid, value in answers.items():
        if not catalogue.has_statement(sid):
            raise InvalidRequest(f"answers.{sid}", f"unknown statement id {sid!r}")
        if not isinstance(value, str) or value not in ANSWERS:
            raise InvalidRequest(
                f"answers.{sid}", f"an answer must be one of {', '.join(map(repr, ANSWERS))}"
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
    whole_weights: dict[str, int] = {}
    for aid, weight in weights.items():
        if aid not in catalogue.area_ids:
            raise InvalidRequest(f"area_weights.{aid}", f"unknown area id {aid!r}")
        # JSON has one number type: 2.0 is the whole number 2 (as JSON Schema says too).
        whole = type(weight) in (int, float) and float(weight).is_integer()
        if not whole or not 0 <= weight <= catalogue.max_weight:
            raise InvalidRequest(
                f"area_weights.{aid}",
                f"a weight must be a whole number 0 to {catalogue.max_weight}",
            )
        whole_weights[aid] = int(weight)

    # A mark on a statement not answered counts for nothing: dropped, by the one rule
    # (Answers.with_important) the priorities form follows too.
    return Answers(mode, dict(answers), frozenset(), whole_weights).with_important(important)  # type: ignore[arg-type]
