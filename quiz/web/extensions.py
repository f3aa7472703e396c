"""Flask extensions, created once and bound to the app in init_app."""

from __future__ import annotations

from flask import Flask
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf import CSRFProtect

from .i18n import select_locale

babel = Babel()
csrf = CSRFProtect()
# Keys are client addresses held in the limiter's store only, never in the database.
limiter = Limiter(key_func=get_remote_address)


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    limiter.init_app(app)
