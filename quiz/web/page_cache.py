"""Pages rendered once for everyone who sees the same thing, then reused.

A quiz page is a function of the catalogue, the language, its address, the joined event and a
few facts its view names (which statement, which answer is chosen …), plus values that
belong to one visitor alone: the CSRF token, the answers epoch and the answers the
browser-side quiz starts from (its seed). Templates write those through ``hole(name)``. When a
page is rendered for the cache, each hole becomes a placeholder; the page is kept split at
the placeholders, and every response joins the pieces with this visitor's values. One render
then serves every voter on the same statement, and a response costs a join instead of a
template render (docs/benchmarks.md has the figures).

The key is the whole promise: two visitors with the same key must see the same page but for
the holes. ``tests/test_page_cache.py`` renders pages for many visitors with and without
the cache and compares them. No key or kept page holds a voter's answers as a set: at most
one answer (the one chosen on the statement shown), counts, the quiz length and the session
joined. A page with a flashed message is rendered afresh (the message belongs to one
visitor and is shown once).
"""

from __future__ import annotations

import json
import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from typing import Any

from flask import Flask, current_app, g, render_template, session
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from . import content
from .templating import current_lang, here, site
from .views import voter_session

KEY = "quiz.pages"
# Random per process, so no programme text or voter input can ever look like a placeholder.
# Letters, digits and underscores only: they pass HTML escaping and JSON unchanged.
NONCE = secrets.token_hex(8)
PLACEHOLDER = re.compile(rf"qh{NONCE}_([a-z]+)_")

HoleValues = Mapping[str, Callable[[], str]]
# Where Flask-WTF's generate_csrf keeps the request's signed token (WTF_CSRF_FIELD_NAME).
CSRF_IN_G = "csrf_token"


def _seed() -> str:
    """The answers the browser-side quiz starts from, as JSON safe inside <script>."""
    answers = voter_session.load()
    data = {
        "answers": answers.given,
        "important": sorted(answers.important),
        "weights": answers.area_weights,
    }
    # The <script> element's content ends at "</": escape it, as Jinja's tojson does.
    return (
        json.dumps(data, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


# The holes every page may have; a view can add its own.
VISITOR_HOLES: dict[str, Callable[[], str]] = {
    "csrf": generate_csrf,
    "epoch": voter_session.epoch,
    "seed": _seed,
}


def hole(name: str) -> Markup:
    """A visitor's own value in a template: a placeholder while a page is rendered for the
    cache, the value itself otherwise. Values are safe as they are (a token, hex, JSON)."""
    if g.get("_rendering_for_cache"):
        return Markup(f"qh{NONCE}_{name}_")
    values = g.get("_hole_values") or VISITOR_HOLES
    return Markup(values[name]())


def csrf_field() -> Markup:
    """The CSRF token as a hidden field without an id: WTForms' own field renders
    id="csrf_token", which is a duplicate id on every page with two forms."""
    return Markup('<input type="hidden" name="csrf_token" value="') + hole("csrf") + Markup('">')


class PageStore:
    """Split pages by key, least recently used first out, bounded by their total size.
    Shared by a worker's threads, hence the lock."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._pages: OrderedDict[Hashable, tuple[list[str], int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> list[str] | None:
        with self._lock:
            found = self._pages.get(key)
            if found is None:
                return None
            self._pages.move_to_end(key)
            return found[0]

    def put(self, key: Hashable, pieces: list[str], size: int) -> None:
        if size > self.max_bytes:
            return
        with self._lock:
            if key in self._pages:
                return
            self._pages[key] = (pieces, size)
            self.size += size
            while self.size > self.max_bytes:
                _, (_, dropped) = self._pages.popitem(last=False)
                self.size -= dropped

    def __len__(self) -> int:
        return len(self._pages)

    def kept_keys(self) -> list[Hashable]:
        with self._lock:
            return list(self._pages)


def split(html: str) -> list[str]:
    """Literal text at even positions, hole names at odd ones."""
    return PLACEHOLDER.split(html)


def join(pieces: list[str], values: Mapping[str, Callable[[], str]]) -> str:
    out = list(pieces)
    found: dict[str, str] = {}
    for i in range(1, len(out), 2):
        name = out[i]
        if name not in found:
            found[name] = values[name]()
        out[i] = found[name]
    return "".join(out)


def render_page(
    template: str,
    key: Hashable,
    context: Callable[[], dict[str, Any]],
    holes: HoleValues | None = None,
) -> str:
    """The page ``template`` for this visitor. ``key`` names everything the page shows
    beyond the catalogue, language, address and joined event (which are added here);
    ``context`` is called only when the page is rendered; ``holes`` adds this page's own
    per-visitor values to the common ones."""
    values = {**VISITOR_HOLES, **holes} if holes else VISITOR_HOLES
    g._hole_values = values
    store: PageStore | None = current_app.extensions.get(KEY)
    if store is None or "_flashes" in session:
        return render_template(template, **context())
    full_key = (
        template,
        current_lang(),
        site(),  # absolute links (og:url) carry scheme, host and mount point
        here(),
        voter_session.joined_event(),
        content.catalogue().version,
        key,
    )
    pieces = store.get(full_key)
    if pieces is None:
        g._rendering_for_cache = True
        try:
            html = render_template(template, **context())
        finally:
            g._rendering_for_cache = False
        pieces = split(html)
        token = g.get(CSRF_IN_G)
        if token and token in html:
            # The template wrote this visitor's real CSRF token (e.g. Flask-WTF's
            # csrf_token() instead of hole("csrf")): kept, the page would hand it to others.
            current_app.logger.error("%s holds a visitor's CSRF token; not kept", template)
            return join(pieces, values)
        store.put(full_key, pieces, len(html))
    return join(pieces, values)


def init_app(app: Flask) -> None:
    max_bytes = int(app.config["PAGE_CACHE_BYTES"])
    if max_bytes > 0:
        app.extensions[KEY] = PageStore(max_bytes)
    app.jinja_env.globals.update(
        hole=hole,
        csrf_field=csrf_field,
        answers_epoch=lambda: hole("epoch"),
    )
