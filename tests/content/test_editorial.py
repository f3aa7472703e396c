"""The editorial rules a machine can check: one broken copy of the fixture catalogue each."""

from __future__ import annotations

import pytest

from quiz.content.catalogue import Catalogue
from quiz.content.editorial import method_figures
from quiz.content.loader import read_catalogue
from tests.helpers import MINI, edit


@pytest.fixture
def copy(mini_copy):
    return mini_copy


def loaded_with_problems(copy) -> tuple[Catalogue, list[str]]:
    """The copy loads (warnings do not stop the app); its problems as the check prints them."""
    catalogue, problems = read_catalogue(copy)
    assert catalogue is not None
    return catalogue, [str(p) for p in problems]


def test_polarity_below_the_aim_is_a_warning(copy):
    # 1 of 5 = 20 % disagree: below the floor of 25 % is an error (test_validator.py);
    # with the floor at 20 % it is below the aim only, and said, not refused.
    party = copy / "parties/miniparti.toml"
    edit(party, 'haller-betale = { stance = "disagree"', 'haller-betale = { stance = "agree"')
    edit(copy / "catalogue.toml", "min_disagree_share = 0.25", "min_disagree_share = 0.20")
    _catalogue, problems = loaded_with_problems(copy)
    assert problems == [
        "warning: statements/parties/miniparti.toml: polarity: 20% 'disagree', outside the aim "
        "of 35%–65%; the method page says so"
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


def test_method_figures_of_the_fixture():
    catalogue, _ = read_catalogue(MINI)
    figures = method_figures(catalogue)
    # No priorities in the fixture's programme: the chapter rule. samferdsel: 6 pledges,
    # weight 3; kultur: 2 pledges, 3 × 2/6 = 1.0, weight 1.
    assert [(a.id, a.pledges, a.priorities, a.weight) for a in figures.areas] == [
        ("samferdsel", 6, 0, 3),
        ("kultur", 2, 0, 1),
    ]
    assert (figures.pledges, figures.priorities) == (8, 0)
    assert figures.top.area.id == "samferdsel"
    assert figures.top.emphasis == 0.75  # 6/8 + 0
    assert figures.short_share == 0.375  # 3/4/2
    assert figures.full_share == 0.25  # 3/4/3 = 0.25 and 1/4/2 = 0.125
    assert [(p.id, share) for p, share in figures.disagree] == [("miniparti", 0.4)]
    # fart-50 keeps today's rule and Miniparti disagrees: one reversal of its 2 disagree.
    assert figures.keeps_today == 1
    assert [(p.id, n, d) for p, n, d in figures.status_quo] == [("miniparti", 1, 2)]


def test_more_status_quo_stances_than_allowed_is_a_warning(copy):
    # The fixture allows one reversal (fart-50, "bør fortsatt være 50 km/t", disagree);
    # haller-betale read as keeping today's rule too makes two, one over the limit. It is
    # a warning the method page explains, never a refusal: the count is an editor's reading.
    edit(
        copy / "kultur.toml",
        'id = "haller-betale"\n',
        'id = "haller-betale"\nkeeps_today = true\n'
        'explanation = { nb = "I dag betaler lag leie.", nn = "I dag betaler lag leige.", '
        'en = "Clubs pay rent today." }\n'
        'source = { nb = "Testkilde", nn = "Testkjelde", en = "Test source" }\n',
    )
    _catalogue, problems = loaded_with_problems(copy)
    assert problems == [
        "warning: statements/parties/miniparti.toml: 2 'disagree' stances are on statements "
        "that keep today's rule (fart-50, haller-betale), more than 1: the method page says "
        "so; prefer positions the programme opposes"
    ]


def test_a_trigger_word_without_a_reading_is_flagged(copy):
    # "fortsatt" is a hint, not a count: an unmarked statement using it asks to be read.
    edit(copy / "samferdsel.toml", "keeps_today = true\n", "")
    catalogue, problems = loaded_with_problems(copy)
    assert problems == [
        "warning: statements/samferdsel.toml: fart-50: worded with a word that often keeps "
        "today's rule: read it, and mark keeps_today = true if it does (or rephrase)"
    ]
    assert not catalogue.statement("fart-50").keeps_today
