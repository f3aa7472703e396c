"""Kept renders: a page or part rendered once for everyone with the same key, then reused.

What a kept template may depend on is its key: a NamedTuple whose fields are the template's
whole context (``context()`` may add what follows from the key and the catalogue alone). The
template is rendered in ``kept_env``, an environment of its own without Flask's
``session``, ``request``, ``g`` and ``config`` and without ``joined_event()``: a template
that reads any of them fails (StrictUndefined), so it cannot show one voter's data to
another. The page around the content depends on the ``Chrome`` (language, address, joined
session, catalogue version), which every page key holds.

A visitor's own values (their CSRF token, answers epoch, flashed messages, scores …) are
named holes: ``hole("name")`` writes a placeholder; the render is kept split at the
placeholders, and each use fills them with ``fill(pieces, values)``, which escapes every
value that is not Markup already. One store keeps every render, bounded by its size.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from typing import Any, NamedTuple

from flask import Flask, current_app
from jinja2 import Environment, StrictUndefined
from markupsafe import Markup, escape

from .. import content
from ..i18n import gettext, ngettext
from ..visitor import JoinedEvent

KEY = "quiz.kept"
# Random per process, so no programme text or voter input can ever look like a placeholder.
# Letters, digits, underscores and dots only: they pass HTML escaping and JSON unchanged.
NONCE = secrets.token_hex(8)
PLACEHOLDER = re.compile(rf"qh{NONCE}\.([a-z0-9_]+)\.")

# A hole's value: text (escaped when filled) or Markup (trusted: a kept part, a rendered
# partial, JSON escaped for <script>), made only when the render has that hole.
HoleValues = Mapping[str, Callable[[], str]]


class Chrome(NamedTuple):
    """What the page around the content shows: in every kept page's key."""

    lang: str
    site: tuple[str, str, str]  # scheme, host, mount point: absolute links (og:url) hold them
    here: str  # this page's address for the language links
    joined: JoinedEvent | None  # the school session's banner
    version: str  # the catalogue's


class KeptStore:
    """Renders by key, least recently used first out, bounded by their total size. Shared
    by a worker's threads, hence the lock."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._kept: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            found = self._kept.get(key)
            if found is None:
                return None
            self._kept.move_to_end(key)
            return found[0]

    def put(self, key: Hashable, value: Any, size: int) -> None:
        if size > self.max_bytes:
            return
        with self._lock:
            if key in self._kept:
                return
            self._kept[key] = (value, size)
            self.size += size
            while self.size > self.max_bytes:
                _, (_, dropped) = self._kept.popitem(last=False)
                self.size -= dropped

    def __len__(self) -> int:
        return len(self._kept)

    def kept_keys(self) -> list[Hashable]:
        with self._lock:
            return list(self._kept)


def placeholder(name: str) -> Markup:
    return Markup(f"qh{NONCE}.{name}.")


def split(html: str) -> list[str]:
    """Literal text at even positions, hole names at odd ones."""
    return PLACEHOLDER.split(html)


def fill(pieces: list[str], values: HoleValues) -> Markup:
    """The pieces joined, each hole filled with its value, escaped unless it is Markup;
    each value made once however often its hole appears."""
    if len(pieces) == 1:
        return Markup(pieces[0])
    out = list(pieces)
    found: dict[str, str] = {}
    for i in range(1, len(out), 2):
        name = out[i]
        if name not in found:
            found[name] = str(escape(values[name]()))
        out[i] = found[name]
    return Markup("".join(out))


def kept(key: NamedTuple, values: HoleValues | None = None) -> Markup:
    """The render of ``key`` (its class names the template) with this use's hole values.
    ``key._asdict()`` plus ``key.context(catalogue)``, where the class defines it, is the
    whole context; the same key always gives the same render but for the holes."""
    store: KeptStore | None = current_app.extensions.get(KEY)
    full_key = (type(key), key)
    pieces = store.get(full_key) if store is not None else None
    if pieces is None:
        pieces = split(_render(key))
        if store is not None:
            store.put(full_key, pieces, sum(map(len, pieces)))
    return fill(pieces, values or {})


def _render(key: NamedTuple) -> str:
    env: Environment = current_app.extensions[KEY + ".env"]
    context = key._asdict()
    maker = getattr(key, "context", None)
    if maker is not None:
        context.update(maker(content.catalogue()))
    return env.get_template(key.template).render(context)  # type: ignore[attr-defined]


def kept_env(app: Flask, globals_: Mapping[str, Any], filters: Mapping[str, Any]) -> Environment:
    """The environment kept templates render in: the app's templates and translations, the
    globals and filters given (pure functions of their arguments, the language and the
    address), and nothing of the request, the session or the visitor."""
    env = Environment(
        loader=app.create_global_jinja_loader(),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
        auto_reload=app.debug,
    )
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(globals_)
    env.globals.update(hole=placeholder)
    env.filters.update(filters)
    return env


def init_app(app: Flask, globals_: Mapping[str, Any], filters: Mapping[str, Any]) -> None:
    max_bytes = int(app.config["PAGE_CACHE_BYTES"])
    if max_bytes > 0:
        app.extensions[KEY] = KeptStore(max_bytes)
    app.extensions[KEY + ".env"] = kept_env(app, globals_, filters)
