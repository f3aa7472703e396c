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
    by a worker's threads: adding and dropping hold the lock."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._kept: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        # Without the lock: each OrderedDict call is atomic under the GIL, and a page
        # renders ~70 parts. A key another thread dropped meanwhile is simply not moved.
        found = self._kept.get(key)
        if found is None:
            return None
        try:  # noqa: SIM105 (contextlib.suppress would cost a context manager per part)
            self._kept.move_to_end(key)
        except KeyError:
            pass
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


class Renderer:
    """An app's kept renders: its store (None: render every time) and its environment.
    Callers that render many parts take it once (``renderer()``) and call it per part."""

    def __init__(self, store: KeptStore | None, env: Environment) -> None:
        self.store = store
        self.env = env

    def __call__(self, key: NamedTuple, values: HoleValues | None = None) -> Markup:
        """The render of ``key`` (its class names the template) with this use's hole
        values. ``key._asdict()`` plus ``key.context(catalogue)``, where the class defines
        it, is the whole context; the same key always gives the same render but for the
        holes."""
        full_key = (type(key), key)
        kept = self.store.get(full_key) if self.store is not None else None
        if kept is None:
            html = self._render(key)
            pieces = split(html)
            # A render without holes is kept as the Markup it is, and returned as it is.
            kept = Markup(html) if len(pieces) == 1 else pieces
            if self.store is not None:
                self.store.put(full_key, kept, len(html))
        if isinstance(kept, Markup):
            return kept
        return fill(kept, values or {})

    def _render(self, key: NamedTuple) -> str:
        context = key._asdict()
        maker = getattr(key, "context", None)
        if maker is not None:
            context.update(maker(content.catalogue()))
        return self.env.get_template(key.template).render(context)  # type: ignore[attr-defined]


def renderer() -> Renderer:
    return current_app.extensions[KEY]


def kept(key: NamedTuple, values: HoleValues | None = None) -> Markup:
    """One kept render (rendering many parts: take ``renderer()`` once)."""
    return renderer()(key, values)


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
    store = KeptStore(max_bytes) if max_bytes > 0 else None
    app.extensions[KEY] = Renderer(store, kept_env(app, globals_, filters))
