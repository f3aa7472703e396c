"""The editorial rules a machine can check: one broken copy of the fixture catalogue each."""

from __future__ import annotations

import pytest

from quiz.content.editorial import method_figures
from quiz.content.loader import read_catalogue
from tests.helpers import MINI, edit, errors_of


@pytest.fixture
def copy(mini_copy):
    return mini_copy


def test_loaded_word_in_a_statement_or_explanation(copy):
    edit(copy / "kultur.toml", "betale leie for", "betale rimelig leie for")
    edit(copy / "samferdsel.toml", "Children and young people pay", "Children pay a poor")
    assert errors_of(copy) == [
        "error: statements/samferdsel.toml: gratis-buss-unge: loaded word 'poor' in the explanation (en): use neutral words",
        "error: statements/kultur.toml: haller-betale: loaded word 'rimelig' in the text (nb): use neutral words",
    ]


def test_more_status_quo_reversals_than_allowed(copy):
    # The fixture allows one ("fortsatt være 50 km/t"); a second is one too many.
    edit(copy / "kultur.toml", "Frivillige lag bør betale", "Frivillige lag bør fortsatt betale")
    assert errors_of(copy) == [
        "error: statements/catalogue.toml: 2 statements are worded as keeping today's rule "
        "(fart-50, haller-betale), more than 1: find positions the programme opposes instead"
    ]


def test_one_pledge_behind_two_core_statements(copy):
    edit(
        copy / "parties/miniparti.toml", 'pledges = ["samferdsel-2"]', 'pledges = ["samferdsel-1"]'
    )
    assert errors_of(copy) == [
        "error: statements/parties/miniparti.toml: sykkelveier: pledge 'samferdsel-1' is behind "
        "two core statements (gratis-buss-unge, sykkelveier): the short quiz would test it twice"
    ]


def test_a_statement_that_decides_too_much(copy):
    # Short quiz: samferdsel weighs 3 with 2 core statements, kultur 1 with 1; W = 4.
    # gratis-buss-unge decides 3/4/2 = 37.5 %, over a limit of 30 %.
    edit(copy / "catalogue.toml", "max_statement_share = 0.40", "max_statement_share = 0.30")
    errors = errors_of(copy)
    assert errors == [
        "error: statements/samferdsel.toml: gratis-buss-unge: decides 37.5% of the overall "
        "score in the short quiz, more than 30%: add statements to its area or lower its weight",
        "error: statements/samferdsel.toml: sykkelveier: decides 37.5% of the overall "
        "score in the short quiz, more than 30%: add statements to its area or lower its weight",
    ]


def test_a_number_in_an_explanation_needs_a_source(copy):
    edit(
        copy / "samferdsel.toml",
        "I dag betaler barn og unge redusert pris.",
        "I dag betaler barn under 20 år halv pris.",
    )
    assert errors_of(copy) == [
        "error: statements/samferdsel.toml: gratis-buss-unge: the explanation states a number "
        "or year but names no source (source.nb …)"
    ]


def test_a_source_without_an_explanation(copy):
    edit(
        copy / "kultur.toml",
        'id = "bibliotek-sondag"',
        'id = "bibliotek-sondag"\nsource = { nb = "a", nn = "b", en = "c" }',
    )
    assert errors_of(copy) == [
        "error: statements/kultur.toml: bibliotek-sondag: a source belongs to an explanation"
    ]


def test_polarity_below_the_floor_is_an_error_and_below_the_aim_a_warning(copy):
    party = copy / "parties/miniparti.toml"
    edit(party, 'haller-betale = { stance = "disagree"', 'haller-betale = { stance = "agree"')
    # 1 of 5 = 20 % disagree: below the floor of 25 %.
    assert errors_of(copy) == [
        "error: statements/parties/miniparti.toml: polarity: 20% of stances are 'disagree', outside 25%–75%"
    ]
    edit(copy / "catalogue.toml", "min_disagree_share = 0.25", "min_disagree_share = 0.20")
    catalogue, problems = read_catalogue(copy)
    assert catalogue is not None
    assert [str(p) for p in problems] == [
        "warning: statements/parties/miniparti.toml: polarity: 20% 'disagree', outside the aim "
        "of 35%–65%; the method page says so"
    ]


def test_weights_are_derived_never_typed(copy):
    edit(copy / "catalogue.toml", 'id = "kultur"\n', 'id = "kultur"\nweight = 3\n')
    assert errors_of(copy) == [
        "error: statements/catalogue.toml: area 'kultur': the default weight is derived from the "
        "programme (weights_from), not typed by hand"
    ]


def test_without_a_programme_every_area_weighs_one(copy):
    edit(copy / "catalogue.toml", 'weights_from = "miniparti-2023-2027"', "")
    # Equal weights: the one core statement of kultur now decides 1/2/1 = 50 % of the
    # short quiz, so the fixture's limit of 40 % must give way for this test.
    edit(copy / "catalogue.toml", "max_statement_share = 0.40", "max_statement_share = 0.50")
    catalogue, problems = read_catalogue(copy)
    assert catalogue is not None
    assert [a.weight for a in catalogue.areas] == [1, 1]
    assert [str(p) for p in problems] == [
        "warning: statements/catalogue.toml: weights_from names no programme: every area weighs 1 by default"
    ]
    assert method_figures(catalogue) is None


def test_an_area_must_be_a_chapter_of_the_programme(copy):
    edit(copy / "catalogue.toml", 'id = "kultur"', 'id = "idrett"')
    edit(copy / "kultur.toml", 'area = "kultur"', 'area = "idrett"')
    errors = errors_of(copy)
    assert (
        "error: statements/catalogue.toml: area 'idrett' is no chapter of 'miniparti-2023-2027'"
        in errors
    )


def test_method_figures_of_the_fixture():
    catalogue, _ = read_catalogue(MINI)
    figures = method_figures(catalogue)
    # samferdsel: 6 pledges, weight 3; kultur: 2 pledges, 3 × 2/6 = 1.0, weight 1.
    assert [(a.id, a.pledges, a.weight) for a in figures.areas] == [
        ("samferdsel", 6, 3),
        ("kultur", 2, 1),
    ]
    assert figures.largest.id == "samferdsel"
    assert figures.short_share == 0.375  # 3/4/2
    assert figures.full_share == 0.25  # 3/4/3 = 0.25 and 1/4/2 = 0.125
    assert [(p.id, share) for p, share in figures.disagree] == [("miniparti", 0.4)]
