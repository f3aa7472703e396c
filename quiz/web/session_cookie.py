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

from flask import Flask, Request
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface

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


class CookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions with the plain JSON serializer. A request without the
    cookie (a first visit, every API call) gets an empty session without a signer being
    built for nothing."""

    serializer = PlainJSONSerializer()  # type: ignore[assignment]

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if app.secret_key and not request.cookies.get(self.get_cookie_name(app)):
            return self.session_class()
        return super().open_session(app, request)


def init_app(app: Flask) -> None:
    app.session_interface = CookieSessions()
