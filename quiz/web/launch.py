"""Before launch the statements are confidential, as in the large valgomater: until
OPENS_ON every public page is a plain "opens on <date>" page and the API says 503, so no
statement, explanation or position reaches anyone but the parties answering them (on
their private links) and the editor.

What stays open: the parties' questionnaire, the editor's pages, the privacy page, the
language switch, static files and the health checks.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from flask import Flask, Response, current_app, jsonify, render_template, request, url_for

KEY = "quiz.opens_at"
OPEN_BEFORE_LAUNCH = frozenset(
    {"static", "pages.healthz", "pages.readyz", "pages.set_language", "pages.privacy"}
)
OPEN_BLUEPRINTS = frozenset({"questionnaire", "editor"})


def parse_opening(text: str, zone: ZoneInfo) -> datetime | None:
    """OPENS_ON as a moment: "2027-08-16" (midnight, local) or "2027-08-16T09:00". A value
    that is neither stops the app at start, naming the setting."""
    text = text.strip()
    if not text:
        return None
    try:
        if len(text) == 10:
            moment = datetime.combine(date.fromisoformat(text), time())
        else:
            moment = datetime.fromisoformat(text)
    except ValueError:
        raise RuntimeError(
            f"QUIZ_OPENS_ON={text!r} is not a date: write e.g. 2027-08-16 or 2027-08-16T09:00"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def opens_at() -> datetime | None:
    """When the quiz opens, if that is still ahead; None once open."""
    moment = current_app.extensions.get(KEY)
    if moment is None or moment <= datetime.now(moment.tzinfo):
        return None
    return moment


def closed_response() -> Response | None:
    moment = opens_at()
    if moment is None:
        return None
    if request.endpoint in OPEN_BEFORE_LAUNCH or request.blueprint in OPEN_BLUEPRINTS:
        return None
    if request.path.startswith("/api/"):
        response = jsonify(
            {
                "error": "not_open",
                "detail": "The quiz is not open yet.",
                "opens": moment.isoformat(),
            }
        )
        response.status_code = 503
    else:
        # The language links lead to the front page: this page echoes no address typed.
        page = render_template("pages/opens.html", opens=moment, here_path=url_for("pages.index"))
        response = Response(page)
    # Never kept: the day it opens, the quiz must show at once.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def init_app(app: Flask) -> None:
    app.extensions[KEY] = parse_opening(
        app.config["OPENS_ON"], ZoneInfo(app.config["BABEL_DEFAULT_TIMEZONE"])
    )
    app.before_request(closed_response)
