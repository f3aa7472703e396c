"""The session cookie's serializer: plain JSON.

The session holds JSON's own types only: the answers, the joined event, the CSRF token and
flashed messages, all strings, numbers, lists and dicts. Flask's default serializer walks
every value looking for tuples, bytes, dates and markup to tag; with a full quiz's answers
that walk was the largest single cost of answering a statement (docs/benchmarks.md).
Cookies written by the tagged serializer before this change are still read.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Flask
from flask.json.tag import TaggedJSONSerializer

_tagged = TaggedJSONSerializer()


class PlainJSONSerializer:
    def dumps(self, value: Any) -> str:
        # A tuple (a flashed message's category and text) becomes a list, which reads
        # back the same way.
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)

    def loads(self, value: str | bytes) -> Any:
        text = value.decode() if isinstance(value, bytes) else value
        # A tag is a one-key object whose key starts with a space ({" t": [...]}); inside a
        # JSON string a quote is escaped, so '{" ' only ever appears as such a key.
        if '{" ' in text:
            return _tagged.loads(text)
        return json.loads(text)


def init_app(app: Flask) -> None:
    app.session_interface.serializer = PlainJSONSerializer()  # type: ignore[attr-defined]
