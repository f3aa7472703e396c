"""The results page's parts, written in Python: a full result has 44 rows and eight
bars, and building them through Jinja cost more than everything else on the page together
(docs/benchmarks.md). What is the same for every visitor is kept per language and catalogue:
a row depends only on its statement, place, answer, mark and weight, a finite set per
catalogue. The markup of a bar lives here alone; templates/_bars.html calls it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask import Flask, current_app, g, url_for
from markupsafe import Markup, escape

from ..content.catalogue import Catalogue, Party, Statement
from ..scoring.answers import Answers
from ..scoring.results import AreaCount, PartyResult
from . import content
from .i18n import gettext as _
from .i18n import ngettext
from .templating import agreement_words, answer_labels, current_lang, number


def row_parts(
    party: Party, statement: Statement, number: int | None, lang: str
) -> tuple[Markup, Markup]:
    """A results row's statement, the pledge quotes behind the party's stance and the link to
    change the answer: the same for every visitor with this language and quiz."""
    catalogue = content.catalogue()
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
    head = Markup('<p id="t-{}">{}</p>').format(statement.id, statement.text[lang])
    return head, quotes + change


def result_words() -> dict[str, Markup]:
    """The words of every results row, translated and escaped once per request."""
    words = g.get("_result_words")
    if words is None:
        labels = answer_labels()
        plain = {
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
        words = g._result_words = {key: escape(text) for key, text in plain.items()}
    return words


def result_rows(party: Party, rows: Iterable[Any]) -> Markup:
    """One area's rows of the results page. A row is a function of the statement, its place
    in the quiz, the language, and the voter's answer, mark and weight: a finite set per
    catalogue, so each row is written once and reused (a full result has 44)."""
    lang = current_lang()
    version = content.catalogue().version
    kept = current_app.extensions.setdefault("quiz.result_rows", {})
    out = []
    for row in rows:
        key = (party.id, row.statement.id, lang, row.number, version, row.answer, row.stance)
        key += (row.important, row.points, row.max)
        html = kept.get(key)
        if html is None:
            html = kept[key] = _result_row(party, row, lang)
        out.append(html)
    return Markup("".join(out))


def _result_row(party: Party, row: Any, lang: str) -> str:
    """Every part is escaped already (the words once per request; numbers are digits)."""
    words = result_words()
    answer = words[row.answer] if row.answer else words["unanswered"]
    if row.important:
        answer = Markup(f"{answer} · {words['important']}")
    stance = words[row.stance] if row.stance else words["none"]
    if row.points is None:
        points = words["off"]
    else:
        shown, most = number(row.points, lang), number(row.max, lang)
        points = f"{shown} {words['of']} {most} {words['points']}"  # digits and escaped words
    facts = Markup(
        f"<p>{words['you']} <b>{answer}</b> · {words['party']} <b>{stance}</b> · {points}</p>"
    )
    head, tail = row_parts(party, row.statement, row.number, lang)
    differs = " differs" if row.differs else ""
    return f'<li class="statement-result{differs}">{head}{facts}{tail}</li>\n'


def answer_sections(catalogue: Catalogue, party_results: Iterable[PartyResult]) -> Markup:
    """The results page's answers, one collapsible section per area, open where the voter
    and the programme differ; written in Python for the reason result_rows is."""
    lang = current_lang()
    out = []
    for result in party_results:
        for area in catalogue.areas:
            rows = result.by_area[area.id]
            if not rows:
                continue
            differing = sum(1 for row in rows if row.differs)
            count = ngettext("%(num)s påstand", "%(num)s påstander", len(rows)) % {"num": len(rows)}
            if differing:
                count += ", " + _("%(n)s med ulikt svar", n=differing)
            out.append(
                f'<details class="area-answers"{" open" if differing else ""}>\n'
                f'  <summary><span class="area-title">{escape(area.title[lang])}</span> '
                f'<span class="muted">{escape(count)}</span></summary>\n'
                f'  <ol class="statement-results">\n{result_rows(result.party, rows)}  </ol>\n'
                "</details>\n"
            )
    return Markup("".join(out))


def bar_svg(value: float | None) -> Markup:
    """A bar's graphic; hidden from screen readers, which read the number beside it."""
    fill = "" if value is None else f'<rect class="bar-fill" width="{value}" height="6"></rect>'
    return Markup(
        '<svg class="bar-graphic" viewBox="0 0 100 6" preserveAspectRatio="none" '
        'aria-hidden="true" focusable="false">\n'
        f'  <rect class="bar-track" width="100" height="6"></rect>\n  {fill}\n</svg>'
    )


def bar_item(
    title: str,
    value: float | None,
    data: Mapping[str, object] | None = None,
    note: str | None = None,
    off: bool = False,
) -> Markup:
    """One labelled bar: its title, an optional note, the number in text, the graphic."""
    lang = current_lang()
    attributes = "".join(f' {name}="{escape(v)}"' for name, v in (data or {}).items())
    noted = f' <span class="bar-note">{escape(note)}</span>' if note else ""
    shown = f"{number(value, lang)}&nbsp;%" if value is not None else escape(_("ikke nok svar"))
    return Markup(
        f'<li class="bar{" off" if off else ""}"{attributes}>\n'
        f'  <span class="bar-label">{escape(title)}{noted}</span>\n'
        f'  <span class="bar-value">{shown}</span>\n  {bar_svg(value)}\n</li>'
    )


def score_sections(
    catalogue: Catalogue,
    answers: Answers,
    party_results: Iterable[PartyResult],
    counts: Mapping[str, AreaCount],
) -> Markup:
    """The voter's scores on the results page: overall, in words, and per area."""
    lang = current_lang()
    answered = answers.answered_count(catalogue)
    out = []
    for result in party_results:
        party = escape(result.party.name)
        if result.overall is not None:
            overall = (
                '<span class="overall-number"><span data-overall-number>'
                f"{number(result.overall, lang)}</span>&nbsp;%</span>\n"
                f'    <span class="overall-label">'
                f"{escape(_('enig med %(party)s', party=result.party.name))}</span>"
            )
        else:
            overall = '<span class="overall-number">–</span>'
        based = _(
            "Basert på %(n)s av %(total)s påstander du har svart på.",
            n=answered,
            total=len(answers.statements(catalogue)),
        )
        bars = []
        for area in catalogue.areas:
            exact = result.areas_exact[area.id]
            count = counts[area.id]
            weight = answers.weight_of(catalogue, area.id)
            note = _("%(n)s av %(m)s svart", n=count.answered, m=count.total)
            if weight == 0:
                note += " · " + _("teller ikke")
            data = {
                "data-area": area.id,
                "data-score": exact if exact is not None else "",
                "data-weight": weight,
            }
            bars.append(bar_item(area.title[lang], result.areas[area.id], data, note, weight == 0))
        bar_list = "\n".join(bars)
        out.append(
            f'<section class="party-result" aria-labelledby="party-{result.party.id}">\n'
            f'  <h2 id="party-{result.party.id}" class="visually-hidden">{party}</h2>\n'
            f'  <p class="overall" data-overall>\n    {overall}\n  </p>\n'
            f'  <p class="overall-words" data-overall-words>'
            f"{escape(agreement_words(result.overall))}</p>\n"
            f'  <p class="muted">{escape(based)}</p>\n\n'
            f"  <h2>{escape(_('Enighet per område'))}</h2>\n"
            f'  <ul class="bars" data-areas>\n{bar_list}\n  </ul>\n</section>\n'
        )
    return Markup("".join(out))


def share_link_items(links: Mapping[str, str]) -> Markup:
    """The share block's plain links to each service's share page, opening in a new tab."""
    new_tab = escape(_("åpnes i ny fane"))
    return Markup(
        "\n".join(
            f'    <li><a href="{escape(href)}" rel="noopener noreferrer" target="_blank">'
            f'{escape(name)}<span class="visually-hidden"> ({new_tab})</span></a></li>'
            for name, href in links.items()
        )
    )


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        result_rows=result_rows,
        bar_svg=bar_svg,
        bar_item=bar_item,
    )
