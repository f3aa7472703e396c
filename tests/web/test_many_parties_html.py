"""The pages of several parties: valid HTML (Nu Html Checker), ids unique, within the size
budgets of issue 21 (uncompressed HTML of the full-quiz results page)."""

from __future__ import annotations

import re

import pytest

from quiz.content.loader import load_catalogue
from tests.data.many_parties import many_parties
from tests.helpers import EXAMPLE_DIR, SHIPPED, AppFactory, take_quiz
from tests.site_tour import party_tour
from tests.web.test_html_validity import html_checker_problems

EXAMPLE = load_catalogue(EXAMPLE_DIR)
KB = 1024
BUDGETS = {1: 45 * KB * 1.05, 10: 120 * KB, 30: 250 * KB}


@pytest.fixture(scope="module")
def pages(tmp_path_factory):

    factory = AppFactory(tmp_path_factory.mktemp("many"))
    try:
        yield party_tour(factory(STATEMENTS_DIR=EXAMPLE_DIR, WTF_CSRF_ENABLED=True), EXAMPLE)
    finally:
        factory.close()


def test_the_tour_names_every_party_where_it_ranks_them(pages):
    for name in ("results", "embed result"):
        ranked = re.findall(r'<span class="rank-name">([^<]+)</span>', pages[name])
        assert sorted(ranked) == sorted(p.name for p in EXAMPLE.parties), name
    assert "Partiet hver elev er mest enig med" in pages["event projector"]
    for party in EXAMPLE.parties:
        assert party.label in pages["event projector"]


def test_every_id_is_unique_on_every_page(pages):
    for name, html in pages.items():
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), (name, [i for i in ids if ids.count(i) > 1][:5])


def test_the_pages_of_several_parties_are_valid_html(pages, tmp_path):
    assert html_checker_problems(pages, tmp_path) == []


@pytest.mark.parametrize("count", sorted(BUDGETS))
def test_the_full_quiz_results_page_is_within_its_budget(app_factory, tmp_path, count):
    if count == 1:
        app, catalogue = app_factory(), SHIPPED
    else:
        folder = many_parties(tmp_path / "content", count)
        app, catalogue = app_factory(STATEMENTS_DIR=folder), load_catalogue(folder)
    assert len(catalogue.parties) == count
    client = app.test_client()
    take_quiz(
        client, "full", lambda n: ["agree", "disagree", "neutral"][n % 3], catalogue=catalogue
    )
    html = client.get("/resultat").get_data()
    assert html.count(b'<li class="statement-result') == len(catalogue.statements)
    assert len(html) <= BUDGETS[count], f"{len(html) / KB:.1f} KB for {count} parties"
