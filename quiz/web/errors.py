"""Friendly error pages in the user's language; JSON for the API."""

from __future__ import annotations

import math
import time
import traceback
from pathlib import Path

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException, InternalServerError

from .limits import limiter


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (_("Ugyldig forespørsel"), _("Vi forsto ikke det som ble sendt. Prøv igjen.")),
        403: (_("Ingen tilgang"), _("Du har ikke tilgang til denne siden.")),
        404: (
            _("Fant ikke siden"),
            _("Siden finnes ikke, eller lenken er feil eller utløpt."),
        ),
        405: (_("Metoden er ikke tillatt"), _("Denne adressen kan ikke brukes slik.")),
        413: (_("For mye data"), _("Det som ble sendt, er for stort.")),
        429: (
            _("For mange forespørsler"),
            _("Du har sendt mange forespørsler på kort tid. Vent litt og prøv igjen."),
        ),
        500: (_("Noe gikk galt"), _("Det oppstod en feil hos oss. Prøv igjen om litt.")),
        503: (
            _("Midlertidig utilgjengelig"),
            _("Tjenesten er midlertidig utilgjengelig. Prøv igjen om litt."),
        ),
    }


def retry_after_seconds() -> int:
    """Seconds until the limit that refused this request lets the next one through."""
    current = limiter.current_limit
    if current is None:
        return 60
    return max(1, math.ceil(current.reset_at - time.time()))


def route_of_request() -> str:
    """What a log line may say of the request: its method and the route's rule
    ("/event/<code>/admin/<secret>"), never the path, which can hold the admin secret, the
    projector token or a session code."""
    rule = request.url_rule.rule if request.url_rule is not None else "(no route)"
    return f"{request.method} {rule}"


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(code: int, detail: str | None = None, field: str | None = None):
    title, text = _messages().get(code, (_("Noe gikk galt"), ""))
    if wants_json():
        body: dict[str, object] = {"error": title, "detail": detail or text}
        if field is not None:
            body["field"] = field
        return jsonify(body), code
    return render_template("error.html", code=code, title=title, text=detail or text), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def handle_csrf(_exc: CSRFError):
        return error_response(
            400,
            _(
                "Skjemaet var utløpt eller manglet sikkerhetsnøkkelen. "
                "Gå tilbake, last siden på nytt og prøv igjen. Svarene dine er tatt vare på."
            ),
        )

    @app.errorhandler(HTTPException)
    def handle_http(exc: HTTPException):
        response = error_response(exc.code or 500)
        if exc.code == 429:
            body, code = response
            return body, code, {"Retry-After": str(retry_after_seconds())}
        if exc.code == 405 and exc.valid_methods:  # type: ignore[attr-defined]
            body, code = response
            return body, code, {"Allow": ", ".join(exc.valid_methods)}
        return response

    @app.errorhandler(DBAPIError)
    def handle_database_down(_exc: DBAPIError):
        # Only event pages touch the database; the quiz itself goes on without it.
        app.logger.warning("database unavailable on %s", route_of_request())
        return error_response(503)

    @app.errorhandler(Exception)
    def handle_unexpected(exc: Exception):
        # One line, no traceback and no request data: a traceback can quote the values in
        # play, and answers must never reach a log. The innermost frame says where to look.
        frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        where = f"{Path(frame.filename).name}:{frame.lineno}" if frame else "?"
        app.logger.error("unhandled %s at %s on %s", type(exc).__name__, where, route_of_request())
        return error_response(InternalServerError.code)
