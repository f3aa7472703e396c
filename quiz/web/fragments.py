"""Parts of pages that are the same for every visitor with one language and catalogue,
rendered once and reused: the browser-side quiz's view templates and the fixed parts of the
results page's rows (see docs/benchmarks.md for what they cost when rendered per request).
Caches live in app.extensions and are keyed by the catalogue's version."""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, g, url_for
from flask_wtf import FlaskForm
from markupsafe import Markup, escape

from ..content.catalogue import Party, Statement
from . import content
from .forms import weights_form
from .i18n import gettext as _
from .templating import answer_labels, current_lang, number, weight_labels


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
        start = {"marks": Markup(""), "weights": weight_fields(weights_form(catalogue, {}))}
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


def weight_fields(form: FlaskForm) -> Markup:
    """The weights form's fieldsets with the form's choices checked. Each area's fieldset is
    rendered once per language and chosen weight (the priorities and results pages have
    one per area, each with max_weight + 1 choices)."""
    catalogue = content.catalogue()
    lang = current_lang()
    cache = current_app.extensions.setdefault("quiz.weight_fields", {})
    template = None
    out = []
    for area in catalogue.areas:
        chosen = form[f"w_{area.id}"].data
        key = (lang, area.id, chosen if isinstance(chosen, str) else None, catalogue.version)
        html = cache.get(key)
        if html is None:
            template = template or current_app.jinja_env.get_template(
                "questions/_weight_field.html"
            )
            html = cache[key] = template.render(
                area=area, chosen=key[2], lang=lang, labels=weight_labels(catalogue.max_weight)
            )
        out.append(html)
    return Markup("\n".join(out))


def marks_list(markable: Iterable[Statement], marked: Container[str]) -> Markup:
    """The answered statements with a box to mark each as important, checked where marked:
    each item rendered once per language and state."""
    lang = current_lang()
    version = content.catalogue().version
    cache = current_app.extensions.setdefault("quiz.marks", {})
    template = None
    out = []
    for statement in markable:
        checked = statement.id in marked
        key = (lang, statement.id, checked, version)
        html = cache.get(key)
        if html is None:
            template = template or current_app.jinja_env.get_template("questions/_mark.html")
            html = cache[key] = template.render(statement=statement, checked=checked, lang=lang)
        out.append(html)
    return Markup("\n".join(out))


@dataclass(frozen=True)
class RowParts:
    head: Markup  # the statement, with the id the change link points to
    tail: Markup  # the pledge quotes and the link to change the answer


def row_parts(party: Party, statement: Statement, number: int | None) -> RowParts:
    """What a results row shows besides the voter's own answer: the same for every visitor
    with this language and quiz, so rendered once and reused (a full result has 44 rows)."""
    catalogue = content.catalogue()
    lang = current_lang()
    key = (party.id, statement.id, lang, number, catalogue.version)
    cache = current_app.extensions.setdefault("quiz.result_rows", {})
    if key not in cache:
        programme = party.programme
        page = url_for("pages.programme", programme_id=programme.id)
        quotes = Markup("").join(
            Markup('<blockquote lang="{}">«{}» <a href="{}#{}">{}</a></blockquote>').format(
                programme.language, pledge.text, page, pledge.id, pledge.section or pledge.chapter
            )
            for pledge in catalogue.quoted_pledges(party, statement.id)
        )
        change = ""
        if number is not None:
            change = Markup(
                '<a href="{}?til=resultat" class="change-answer" aria-describedby="t-{}">{}</a>'
            ).format(url_for("questions.statement", number=number), statement.id, _("Endre svaret"))
        cache[key] = RowParts(
            head=Markup('<p id="t-{}">{}</p>').format(statement.id, statement.text[lang]),
            tail=quotes + change,
        )
    return cache[key]


def result_words() -> dict[str, str]:
    """The words of every results row, translated once per request."""
    words = g.get("_result_words")
    if words is None:
        labels = answer_labels()
        words = g._result_words = {
            **labels,
            "skip": _("Hoppet over"),
            "unanswered": _("Ikke besvart"),
            "you": _("Du:"),
            "party": _("Partiet:"),
            "important": _("viktig for deg"),
            "none": _("ingen standpunkt"),
            "of": _("av"),
            "points": _("poeng"),
            "off": _("teller ikke"),
            "stance_skip": labels["skip"],
        }
    return words


def result_rows(party: Party, rows: Iterable[Any]) -> Markup:
    """One area's rows of the results page in one pass: what is the same for every visitor
    comes from row_parts; only the answer, the stance and the points are filled in here."""
    words = result_words()
    out = []
    for row in rows:
        parts = row_parts(party, row.statement, row.number)
        answer = words[row.answer] if row.answer else words["unanswered"]
        if row.important:
            answer = f"{answer} · {words['important']}"
        stance = words[row.stance] if row.stance else words["none"]
        if row.points is None:
            points = words["off"]
        else:
            points = f"{number(row.points)} {words['of']} {number(row.max)} {words['points']}"
        differs = " differs" if row.differs else ""
        # escape() on every text that is not markup already; an f-string, because
        # Markup.format costs ~70 µs a row and a full result has 44.
        out.append(
            f'<li class="statement-result{differs}">{parts.head}'
            f"<p>{escape(words['you'])} <b>{escape(answer)}</b> · {escape(words['party'])} "
            f"<b>{escape(stance)}</b> · {escape(points)}</p>{parts.tail}</li>\n"
        )
    return Markup("".join(out))


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        quiz_templates=quiz_templates,
        row_parts=row_parts,
        result_rows=result_rows,
        weight_fields=weight_fields,
    )
