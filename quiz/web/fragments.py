"""Parts of the quiz pages that are the same for every visitor with one language and
catalogue, rendered once and reused: the browser-side quiz's view templates, each area's
weights fieldset per chosen weight, each statement's mark box per state (see
docs/benchmarks.md for what they cost when rendered per request). Caches live in
app.extensions and are keyed by the catalogue's version. The results page's parts are in
result_parts.py."""

from __future__ import annotations

from collections.abc import Callable, Container, Hashable, Iterable
from typing import Any

from flask import Flask, current_app
from markupsafe import Markup

from ..content.catalogue import Statement
from . import content
from .forms import ShownWeights, shown_weights
from .templating import current_lang, weight_labels


def quiz_templates(view: str, mode: str) -> Markup:
    """The <template>s of the other quiz views, rendered once per language, view, mode and
    catalogue version and reused: they hold no visitor's data (not even a CSRF token; the
    script posts with the token it is given)."""
    catalogue = content.catalogue()
    key = (current_lang(), view, mode, catalogue.version)
    cache = current_app.extensions.setdefault("quiz.view_templates", {})
    if key not in cache:
        template = current_app.jinja_env.get_template("questions/_quiz_templates.html")
        # The views' holes as the browser-side quiz starts them: no marks, default weights.
        start = {"marks": Markup(""), "weights": weight_fields(shown_weights(catalogue, {}))}
        cache[key] = Markup(
            template.render(
                view=view,
                catalogue=catalogue,
                placeholder=catalogue.statements_for(mode)[0],
                csrf_field=lambda: "",
                hole=start.__getitem__,
            )
        )
    return cache[key]


def weight_fields(chosen: ShownWeights) -> Markup:
    """The weights form's fieldsets with the chosen weights checked. Each area's fieldset is
    rendered once per language and chosen weight (the priorities and results pages have
    one per area, each with max_weight + 1 choices)."""
    catalogue = content.catalogue()
    lang = current_lang()
    # Keyed by validated values only: a refused POST may hold any text, and a key made of
    # it would keep a fieldset per junk value for ever (nothing is checked for those).
    choices = {str(w) for w in range(catalogue.max_weight + 1)}
    valid = {a.id: v if (v := chosen.get(a.id)) in choices else None for a in catalogue.areas}
    return _each_kept(
        "quiz.weight_fields",
        "questions/_weight_field.html",
        (
            (
                (lang, area.id, valid[area.id], catalogue.version),
                lambda area=area: {
                    "area": area,
                    "chosen": valid[area.id],
                    "lang": lang,
                    "labels": weight_labels(catalogue.max_weight),
                },
            )
            for area in catalogue.areas
        ),
    )


def marks_list(markable: Iterable[Statement], marked: Container[str]) -> Markup:
    """The answered statements with a box to mark each as important, checked where marked:
    each item rendered once per language and state."""
    lang = current_lang()
    version = content.catalogue().version
    return _each_kept(
        "quiz.marks",
        "questions/_mark.html",
        (
            (
                (lang, statement.id, statement.id in marked, version),
                lambda statement=statement: {
                    "statement": statement,
                    "checked": statement.id in marked,
                    "lang": lang,
                },
            )
            for statement in markable
        ),
    )


def _each_kept(
    store: str,
    template_name: str,
    parts: Iterable[tuple[Hashable, Callable[[], dict[str, Any]]]],
) -> Markup:
    """Each part rendered from one template once per key and kept in app.extensions[store]
    (its values are asked for only then); the parts joined by newlines."""
    kept = current_app.extensions.setdefault(store, {})
    template = None
    out = []
    for key, values in parts:
        html = kept.get(key)
        if html is None:
            template = template or current_app.jinja_env.get_template(template_name)
            html = kept[key] = template.render(**values())
        out.append(html)
    return Markup("\n".join(out))


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(quiz_templates=quiz_templates)
