"""The app keeps its own deletion promise: expired sessions and their answers go without
an operator's cron job (which stays as belt and braces, `flask events purge`).

Every PURGE_INTERVAL seconds, the first request a worker serves deletes a bounded batch of
expired sessions first. A database that is away only postpones it: the quiz goes on.
"""

from __future__ import annotations

import time

from flask import Flask, current_app
from sqlalchemy.exc import DBAPIError

from ..events import service
from ..questionnaire import service as round_service
from . import database

KEY = "quiz.last_purge"


def purge_now_and_then() -> None:
    app = current_app
    now = time.monotonic()
    last = app.extensions.get(KEY)
    if last is not None and now - last < app.config["PURGE_INTERVAL"]:
        return
    app.extensions[KEY] = now
    try:
        gone = service.purge_expired(database.session(), limit=service.PURGE_BATCH)
        # The parties' round keeps its own promise too (the privacy page's retention rule).
        rounds = round_service.purge_finished(database.session())
    except DBAPIError:
        database.session().rollback()
        app.logger.warning("expired sessions not purged: database unavailable")
        return
    if rounds:
        app.logger.info("deleted the round of %d parties past their retention", rounds)
    if gone:
        app.logger.info("purged %d expired sessions", gone)
        if gone == service.PURGE_BATCH:  # more may wait: the next request goes on
            app.extensions.pop(KEY, None)


def init_app(app: Flask) -> None:
    app.before_request(purge_now_and_then)
