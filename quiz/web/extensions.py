"""Flask extensions, created once and bound to the app in init_app."""

from __future__ import annotations

from flask import Flask
from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf import CSRFProtect

from .i18n import gettext as i18n_gettext
from .i18n import ngettext as i18n_ngettext
from .i18n import select_locale

babel = Babel()
compress = Compress()
csrf = CSRFProtect()
# Keys are client addresses held in the limiter's store only, never in the database.
limiter = Limiter(key_func=get_remote_address)


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    # Templates translate through i18n.gettext: one lookup of the translations per request.
    app.jinja_env.install_gettext_callables(i18n_gettext, i18n_ngettext, newstyle=True)
    csrf.init_app(app)
    compress.init_app(app)
    limiter.init_app(app)
    if not (app.config.get("RATELIMIT_DEFAULT") or app.config.get("RATELIMIT_APPLICATION")):
        # The limited routes (event creation and sending) carry their limits in decorators,
        # which check them themselves. With no default or application-wide limit, the
        # limiter's before_request hook only searched every other request for limits that
        # do not exist (~0.07 ms each; docs/benchmarks.md), so it is taken off.
        app.before_request_funcs[None].remove(limiter._check_request_limit)
