"""Rendering what many visitors see alike once, and filling in what is one visitor's own.

- ``kept``: the one mechanism. A kept page or part is named by a frozen key (a NamedTuple)
  that is both its cache key and the whole context its template gets, rendered in a Jinja
  environment of its own that has no ``session``, ``request``, ``g``, ``config`` or
  ``joined_event()``; a visitor's own values go into named holes, escaped unless Markup.
- ``parts``: the keys of the parts pages are built from (results rows, bars, weights
  fieldsets, mark boxes, the browser-side quiz's templates), each with its Jinja partial.
- ``pages``: the keys of the kept pages (landing, statement, priorities, results, shared),
  and the holes each page fills per visitor.
"""

from __future__ import annotations

from flask import Flask
from markupsafe import Markup, escape

from .. import visitor
from ..templating import FILTERS, shared_globals
from . import kept, pages, parts

# The parts templates may draw, in both environments.
PARTS = {"quiz_templates": parts.quiz_templates}


def _filled_now(name: str) -> Markup:
    """In the app's environment a hole is filled at once, with the same escaping."""
    return Markup(escape(pages.VISITOR_HOLES[name]()))


def init_app(app: Flask) -> None:
    # Kept templates: a visitor's values are placeholders, filled per response.
    kept.init_app(
        app,
        {
            **shared_globals(),
            **PARTS,
            "csrf_field": lambda: kept.placeholder("csrf_field"),
            "answers_epoch": lambda: kept.placeholder("epoch"),
            "flashes": lambda: kept.placeholder("flashes"),
        },
        FILTERS,
    )
    # The app's own templates (pages for one visitor: overview, events, errors …) get the
    # same names with the visitor's values in at once, and the chrome kept pages have.
    app.jinja_env.globals.update(
        PARTS,
        hole=_filled_now,
        csrf_field=pages.csrf_input,
        answers_epoch=visitor.epoch,
        flashes=pages.flashes,
    )
    app.context_processor(lambda: {"chrome": pages.chrome()})
