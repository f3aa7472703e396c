"""The parts pages are built from, each kept by a frozen key and drawn by its Jinja partial.

A part's key is all it depends on, so it is rendered once per key and reused: a results row
depends only on its statement, place in the quiz, answer, stance, mark and weight (a finite
set per catalogue), a bar on its title and number. Adding a field to a part means adding it
to the key here and using it in the partial named by ``template``; nothing else.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from typing import Any, NamedTuple

from markupsafe import Markup

from ...content.catalogue import Catalogue, Party, Statement
from ...content.scale import STANCES
from ...scoring.results import AreaCount, PartyResult, StatementPoints, ranking
from ...voter.answers import Answers
from .. import content
from ..forms import ShownWeights, shown_weights
from ..i18n import gettext as _
from ..templating import current_lang, weight_labels
from .kept import kept, renderer


class Row(NamedTuple):
    """One statement on the results page: the voter's answer beside the party's stance,
    the pledges quoted, and the link to change the answer (number None: no link)."""

    template = "results/_row.html"
    lang: str
    party_id: str
    statement_id: str
    number: int | None
    answer: str | None
    stance: str | None
    important: bool
    points: float | None
    max: float | None
    version: str

    def context(self, catalogue: Catalogue) -> dict[str, Any]:
        party = catalogue.party(self.party_id)
        return {
            "statement": catalogue.statement(self.statement_id),
            "party": party,
            "several": catalogue.several,
            "position": party.positions.get(self.statement_id),
            "programme": party.programme,
            "quotes": catalogue.quoted_pledges(party, self.statement_id),
            "differs": self.points is not None and self.points < (self.max or 0),
        }


class StancesRow(NamedTuple):
    """One statement on the results page of several parties: the voter's answer once,
    every party's stance by name (their reasons are on the statement's own page)."""

    template = "results/_stances_row.html"
    lang: str
    statement_id: str
    number: int | None
    answer: str | None
    important: bool
    embedded: bool  # in another site's frame: links open in a new tab
    version: str

    def context(self, catalogue: Catalogue) -> dict[str, Any]:
        return {
            "statement": catalogue.statement(self.statement_id),
            "groups": stance_groups(catalogue, self.statement_id),
        }


def stance_groups(catalogue: Catalogue, statement_id: str) -> list[tuple[str | None, list[str]]]:
    """The parties' short names by stance (agree, neutral, disagree, no answer), each group
    in the catalogue's neutral order; empty groups left out."""
    groups: dict[str | None, list[str]] = {stance: [] for stance in (*STANCES, None)}
    for party in catalogue.parties:
        position = party.positions.get(statement_id)
        groups[position.stance if position else None].append(party.label)
    return [(stance, names) for stance, names in groups.items() if names]


class AreaAnswers(NamedTuple):
    """One area's rows, collapsible, open where the voter and the party differ."""

    template = "results/_area_answers.html"
    lang: str
    area_id: str
    count: int
    differing: int
    version: str

    def context(self, catalogue: Catalogue) -> dict[str, Any]:
        return {"area": catalogue.area(self.area_id)}


class Bar(NamedTuple):
    """A labelled bar: title, an optional note, the number in text and the graphic."""

    template = "_bar.html"
    lang: str
    title: str
    value: float | None
    data: tuple[tuple[str, object], ...] = ()
    note: str | None = None
    off: bool = False


class PartyScores(NamedTuple):
    """A party's overall score, in numbers and words, above its area bars (a hole)."""

    template = "results/_party_scores.html"
    lang: str
    party_id: str
    overall: float | None
    answered: int
    total: int
    version: str

    def context(self, catalogue: Catalogue) -> dict[str, Any]:
        return {"party": catalogue.party(self.party_id)}


class WeightField(NamedTuple):
    """One area's choice of weight, ``chosen`` checked (None: nothing usable was sent)."""

    template = "questions/_weight_field.html"
    lang: str
    area_id: str
    chosen: str | None
    version: str

    def context(self, catalogue: Catalogue) -> dict[str, Any]:
        return {
            "area": catalogue.area(self.area_id),
            "labels": weight_labels(catalogue.max_weight),
        }


class Mark(NamedTuple):
    """An answered statement with the box to mark it important."""

    template = "questions/_mark.html"
    lang: str
    statement_id: str
    checked: bool
    version: str

    def context(self, catalogue: Catalogue) -> dict[str, Any]:
        return {"statement": catalogue.statement(self.statement_id)}


class QuizTemplates(NamedTuple):
    """The browser-side quiz's <template>s of the views a page does not show: as the quiz
    starts them (no marks, default weights, no token: the script posts with its own)."""

    template = "questions/_quiz_templates.html"
    lang: str
    view: str
    mode: str
    version: str

    def context(self, catalogue: Catalogue) -> dict[str, Any]:
        return {"catalogue": catalogue, "placeholder": catalogue.statements_for(self.mode)[0]}


class ShareLinks(NamedTuple):
    """The share block's links to each service's share page (the hrefs are holes)."""

    template = "results/_share_links.html"
    lang: str
    names: tuple[str, ...]


def _joined(separator: str, parts: Iterable[Markup]) -> Markup:
    """Kept parts joined: each is Markup already, so they are joined as text and marked
    once (Markup.join would escape each part again, ~50 per page)."""
    return Markup(separator.join(parts))


def result_rows(
    party: Party, rows: Iterable[StatementPoints], lang: str | None = None, version: str = ""
) -> Markup:
    """The rows of the results page (and the embed's), each a kept part."""
    render = renderer()
    lang, version = lang or current_lang(), version or content.catalogue().version
    return _joined(
        "",
        [
            render(
                Row(
                    lang,
                    party.id,
                    row.statement.id,
                    row.number,
                    row.answer,
                    row.stance,
                    row.important,
                    row.points,
                    row.max,
                    version,
                )
            )
            for row in rows
        ],
    )


def answer_sections(catalogue: Catalogue, party_results: Iterable[PartyResult]) -> Markup:
    """Every answer, one collapsible section per area."""
    lang, render = current_lang(), renderer()
    out = []
    for result in party_results:
        for area in catalogue.areas:
            rows = result.by_area[area.id]
            if rows:
                differing = sum(1 for row in rows if row.differs)
                key = AreaAnswers(lang, area.id, len(rows), differing, catalogue.version)
                rows_of = {
                    "rows": lambda rows=rows, party=result.party: result_rows(
                        party, rows, lang, catalogue.version
                    )
                }
                out.append(render(key, rows_of))
    return _joined("", out)


def score_sections(
    catalogue: Catalogue,
    answers: Answers,
    party_results: Iterable[PartyResult],
    counts: Mapping[str, AreaCount],
) -> Markup:
    """The voter's scores: overall, in words, and per area."""
    lang, render = current_lang(), renderer()
    # Translated once for all the bars (each lookup reads the request's translations).
    answered_of, not_counted = _("%(n)s av %(m)s svart"), _("teller ikke")
    answered = answers.answered_count(catalogue)
    total = len(answers.statements(catalogue))
    out = []
    for result in party_results:
        bars = []
        for area in catalogue.areas:
            exact = result.areas_exact[area.id]
            count = counts[area.id]
            weight = answers.weight_of(catalogue, area.id)
            note = answered_of % {"n": count.answered, "m": count.total}
            if weight == 0:
                note += " · " + not_counted
            data = (
                ("data-area", area.id),
                ("data-score", exact if exact is not None else ""),
                ("data-weight", weight),
            )
            key = Bar(lang, area.title[lang], result.areas[area.id], data, note, weight == 0)
            bars.append(render(key))
        scores = PartyScores(
            lang, result.party.id, result.overall, answered, total, catalogue.version
        )
        out.append(render(scores, {"bars": lambda bars=bars: _joined("\n", bars)}))
    return _joined("", out)


def stances_sections(catalogue: Catalogue, answers: Answers, embedded: bool = False) -> Markup:
    """Several parties: every answer once, with every party's stance, one section per area."""
    lang, render = current_lang(), renderer()
    shown = answers.shown(catalogue)
    out = []
    for area in catalogue.areas:
        statements = [(s, number) for _i, s, number in shown if s.area == area.id]
        if not statements:
            continue
        rows = [
            render(
                StancesRow(
                    lang,
                    s.id,
                    None if embedded else number,
                    answers.given.get(s.id),
                    s.id in answers.important,
                    embedded,
                    catalogue.version,
                )
            )
            for s, number in statements
        ]
        key = AreaAnswers(lang, area.id, len(rows), 0, catalogue.version)
        out.append(render(key, {"rows": lambda rows=rows: _joined("", rows)}))
    return _joined("", out)


class RankingSection(NamedTuple):
    """Several parties: the ranking and the areas × parties table around their rows."""

    template = "results/_ranking.html"
    lang: str
    answered: int
    total: int
    weights: tuple[int, ...]  # per area, in the catalogue's order
    counts: tuple[tuple[int, int], ...]  # per area: answered, in the quiz
    version: str

    def context(self, catalogue: Catalogue) -> dict[str, Any]:
        return {
            "areas": list(zip(catalogue.areas, self.weights, self.counts, strict=True)),
            "order_words": order_words(catalogue),
        }


class RankRow(NamedTuple):
    """One party's place: rank (shared when tied), name, score and bar, how many statements
    it answered and the comparison rests on, and the link to the detail page."""

    template = "results/_rank_row.html"
    lang: str
    party_id: str
    rank: int | None
    tied: bool
    score: float | None
    compared: int
    embedded: bool
    version: str

    def context(self, catalogue: Catalogue) -> dict[str, Any]:
        return {
            "party": catalogue.party(self.party_id),
            "statement_count": len(catalogue.statements),
        }


class AreaRow(NamedTuple):
    """One party's area scores in the table (rounded values: a finite set per party)."""

    template = "results/_area_row.html"
    lang: str
    party_id: str
    values: tuple[float | None, ...]
    version: str

    def context(self, catalogue: Catalogue) -> dict[str, Any]:
        return {"party": catalogue.party(self.party_id)}


def ranking_section(
    catalogue: Catalogue,
    answers: Answers,
    party_results: tuple[PartyResult, ...],
    counts: Mapping[str, AreaCount],
    embedded: bool = False,
) -> Markup:
    """Several parties: all of them ranked, and the areas × parties table, each row a kept
    part keyed by its shown values. In the embed there is no detail page to link to (it
    needs the session a frame has not got)."""
    lang, render, version = current_lang(), renderer(), catalogue.version
    order = ranking(party_results)
    ranks = [
        render(
            RankRow(
                lang,
                r.item.party.id,
                r.rank,
                r.tied,
                r.score,
                r.item.compared,
                embedded,
                version,
            )
        )
        for r in order
    ]
    table = [
        render(
            AreaRow(
                lang, r.item.party.id, tuple(r.item.areas[a.id] for a in catalogue.areas), version
            )
        )
        for r in order
    ]
    key = RankingSection(
        lang,
        answers.answered_count(catalogue),
        len(answers.statements(catalogue)),
        tuple(answers.weight_of(catalogue, a.id) for a in catalogue.areas),
        tuple((counts[a.id].answered, counts[a.id].total) for a in catalogue.areas),
        version,
    )
    return render(
        key,
        {"ranks": lambda: _joined("\n", ranks), "table": lambda: _joined("\n", table)},
    )


def order_words(catalogue: Catalogue) -> str:
    """How the parties are ordered where scores do not order them, in words."""
    if catalogue.party_order == "ballot":
        return _("samme rekkefølge som på stemmeseddelen")
    return _("alfabetisk rekkefølge")


def weight_fields(chosen: ShownWeights) -> Markup:
    """The weights form's fieldsets, the chosen weights checked. Keyed by validated values
    only: a refused POST may hold any text, and a key of it would keep a part per junk value."""
    catalogue = content.catalogue()
    lang, render = current_lang(), renderer()
    choices = {str(w) for w in range(catalogue.max_weight + 1)}
    return _joined(
        "\n",
        [
            render(
                WeightField(
                    lang,
                    area.id,
                    v if (v := chosen.get(area.id)) in choices else None,
                    catalogue.version,
                )
            )
            for area in catalogue.areas
        ],
    )


def marks_list(markable: Iterable[Statement], marked: Container[str]) -> Markup:
    lang, version, render = current_lang(), content.catalogue().version, renderer()
    return _joined(
        "\n",
        [
            render(Mark(lang, statement.id, statement.id in marked, version))
            for statement in markable
        ],
    )


def quiz_templates(view: str, mode: str) -> Markup:
    catalogue = content.catalogue()
    return kept(
        QuizTemplates(current_lang(), view, mode, catalogue.version),
        {
            "marks": lambda: Markup(""),
            "weights": lambda: weight_fields(shown_weights(catalogue, {})),
            "csrf_field": lambda: Markup(""),
        },
    )


def share_link_items(links: Mapping[str, str]) -> Markup:
    hrefs = list(links.values())
    return kept(
        ShareLinks(current_lang(), tuple(links)),
        {f"link_{i}": (lambda href=href: href) for i, href in enumerate(hrefs)},
    )
