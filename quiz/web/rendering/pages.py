"""The kept pages: each one's key (what it may show) and the holes a view fills per visitor.

A page's key holds the ``Chrome`` (language, address, joined session, catalogue version) and
the few facts its view names; its template gets the key's fields and what ``context`` derives
from them and the catalogue, nothing else. To add a field to a kept page: add it to the
page's key here and use it in its template; a value that is one visitor's own (a score, a
link) is a hole instead, filled by the view.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from flask import render_template, session
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from ...content.catalogue import Catalogue
from ...sharing.comparison import comparison_rows, ranking_rows
from ...sharing.offer import length_words
from ...sharing.token import (
    Comparison,
    RankingComparison,
    SharedRanking,
    SharedResult,
    best_of,
)
from .. import content, visitor
from ..i18n import gettext
from ..templating import current_lang, here, site
from .kept import Chrome, HoleValues, kept
from .parts import order_words


def chrome() -> Chrome:
    """This request's chrome: what the page around the content shows."""
    return Chrome(
        current_lang(), site(), here(), visitor.joined_event(), content.catalogue().version
    )


class Landing(NamedTuple):
    template = "pages/index.html"
    chrome: Chrome
    mode: str  # the quiz the start form offers first
    answered: int
    total: int
    next_number: int | None
    comparing: bool

    def context(self, catalogue: Catalogue) -> dict[str, Any]:
        return {"catalogue": catalogue}


class StatementPage(NamedTuple):
    template = "questions/statement.html"
    chrome: Chrome
    mode: str
    number: int
    current: str | None  # the answer given to this statement, chosen on the page
    back: str | None  # where a changed answer returns to
    invalid: bool

    def context(self, catalogue: Catalogue) -> dict[str, Any]:
        statements = catalogue.statements_for(self.mode)
        statement = statements[self.number - 1]
        return {
            "view": "statement",
            "catalogue": catalogue,
            "statement": statement,
            "area": catalogue.area(statement.area),
            "total": len(statements),
        }


class PrioritiesPage(NamedTuple):
    """Holes: marks, weights."""

    template = "questions/priorities.html"
    chrome: Chrome
    mode: str
    has_marks: bool
    invalid: bool

    def context(self, catalogue: Catalogue) -> dict[str, Any]:
        return {"view": "priorities", "catalogue": catalogue}


class ResultsPage(NamedTuple):
    """Holes: scores, weights, comparison, shareurl, sharetext, sharereveals, sharelinks,
    answers."""

    template = "results/show.html"
    chrome: Chrome
    answered: bool
    owes_send: bool  # joined a school session and not sent yet
    invalid: bool
    overall_only: bool
    shareable: bool  # several parties: enough answers to share (web.sharing.can_share)

    def context(self, catalogue: Catalogue) -> dict[str, Any]:
        return {"catalogue": catalogue}


class PartyDetailPage(NamedTuple):
    """Holes: scores, answers (the voter's own, beside one party's)."""

    template = "results/party.html"
    chrome: Chrome
    party_id: str
    answered: bool

    def context(self, catalogue: Catalogue) -> dict[str, Any]:
        return {"catalogue": catalogue, "party": catalogue.party(self.party_id)}


class PartyPage(NamedTuple):
    """A party's answers to every statement, without the quiz."""

    template = "pages/party.html"
    chrome: Chrome
    party_id: str

    def context(self, catalogue: Catalogue) -> dict[str, Any]:
        party = catalogue.party(self.party_id)
        return {
            "catalogue": catalogue,
            "party": party,
            "sections": [
                (area, [s for s in catalogue.statements if s.area == area.id])
                for area in catalogue.areas
            ],
        }


class StatementPositionsPage(NamedTuple):
    """One statement with every party's stance and reason, without the quiz."""

    template = "pages/statement.html"
    chrome: Chrome
    statement_id: str

    def context(self, catalogue: Catalogue) -> dict[str, Any]:
        statement = catalogue.statement(self.statement_id)
        return {
            "catalogue": catalogue,
            "statement": statement,
            "area": catalogue.area(statement.area),
        }


class PartiesPage(NamedTuple):
    """Every party, with links to its answers, and every statement, to its parties'."""

    template = "pages/parties.html"
    chrome: Chrome

    def context(self, catalogue: Catalogue) -> dict[str, Any]:
        return {"catalogue": catalogue, "order_words": order_words(catalogue)}


class SharedPage(NamedTuple):
    """A share link's page: the same for everyone who opens the link."""

    template = "share/shared.html"
    chrome: Chrome
    token: str
    shared: SharedResult
    page_url: str
    image_url: str

    def context(self, catalogue: Catalogue) -> dict[str, Any]:
        return {
            "party": catalogue.party(self.shared.party),
            "areas": list(zip(catalogue.areas, self.shared.areas, strict=True)),
            "length": length_words(self.shared.mode, gettext) if self.shared.mode else None,
        }


class ComparisonPage(NamedTuple):
    template = "share/comparison.html"
    chrome: Chrome
    comparison: Comparison
    page_url: str
    image_url: str

    def context(self, catalogue: Catalogue) -> dict[str, Any]:
        return {
            "party": catalogue.party(self.comparison.party),
            "rows": comparison_rows(catalogue, self.comparison, self.chrome.lang),
        }


class RankingPage(NamedTuple):
    """A share link of several parties (one person's top parties, or two people's)."""

    template = "share/ranking.html"
    chrome: Chrome
    token: str
    shared: SharedRanking
    friend: SharedRanking | None
    page_url: str
    image_url: str

    def context(self, catalogue: Catalogue) -> dict[str, Any]:
        names = [(catalogue.party(pid).name, v) for pid, v in self.shared.scores]
        rows = None
        if self.friend is not None:
            both = RankingComparison(self.shared.lang, self.shared, self.friend)
            rows = ranking_rows(catalogue, both)
        return {
            "catalogue": catalogue,
            "scores": names,
            "top": _top_names(catalogue, self.shared),
            "rows": rows,
            "length": length_words(self.shared.mode, gettext),
        }


def _top_names(catalogue: Catalogue, shared: SharedRanking) -> tuple[str, int] | None:
    """The name(s) at the top of a shared ranking, a tie named as one ("A, B"), and the
    percent; None without a score."""
    ids, value = best_of(shared)
    if value is None:
        return None
    return ", ".join(catalogue.party(pid).name for pid in ids), value


def seed() -> Markup:
    """The answers the browser-side quiz starts from, as JSON safe inside <script>."""
    answers = visitor.load()
    data = {
        "answers": answers.given,
        "important": sorted(answers.important),
        "weights": answers.area_weights,
    }
    # The <script> element's content ends at "</": escape it, as Jinja's tojson does.
    return Markup(
        json.dumps(data, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def csrf_input() -> Markup:
    """The CSRF token as a hidden field without an id: WTForms' own field renders
    id="csrf_token", a duplicate id on every page with two forms."""
    return Markup('<input type="hidden" name="csrf_token" value="{}">').format(generate_csrf())


def flashes() -> Markup:
    """Messages flashed to this visitor, shown once (rendered with the app's templates,
    which may read the session)."""
    if "_flashes" not in session:
        return Markup("")
    return Markup(render_template("_flashes.html"))


# The holes every page may have.
VISITOR_HOLES: dict[str, Any] = {
    "csrf": generate_csrf,
    "csrf_field": csrf_input,
    "epoch": visitor.epoch,
    "seed": seed,
    "flashes": flashes,
}


def render_page(key: NamedTuple, holes: HoleValues | None = None) -> str:
    """The kept page ``key`` with this visitor's values in its holes."""
    return str(kept(key, {**VISITOR_HOLES, **holes} if holes else VISITOR_HOLES))
