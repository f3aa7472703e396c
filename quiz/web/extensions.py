"""Flask extensions, created once and bound to the app in init_app."""

from __future__ import annotations

from flask import Flask
from flask_babel import Babel
from flask_compress import Compress
from flask_wtf import CSRFProtect

from . import limits
from .i18n import gettext as i18n_gettext
from .i18n import ngettext as i18n_ngettext
from .i18n import select_locale

babel = Babel()
compress = Compress()
csrf = CSRFProtect()


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    # Templates translate through i18n.gettext: one lookup of the translations per request.
    app.jinja_env.install_gettext_callables(i18n_gettext, i18n_ngettext, newstyle=True)
    csrf.init_app(app)
    compress.init_app(app)
    limits.init_app(app)
