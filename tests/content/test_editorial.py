"""The editorial rules a machine can check: one broken copy of the fixture catalogue each."""

from __future__ import annotations

import pytest

from quiz.content.editorial import method_figures
from quiz.content.loader import read_catalogue
from tests.helpers import MINI, edit


@pytest.fixture
def copy(mini_copy):
    return mini_copy


def test_polarity_below_the_aim_is_a_warning(copy):
    # 1 of 5 = 20 % disagree: below the floor of 25 % is an error (test_validator.py);
    # with the floor at 20 % it is below the aim only, and said, not refused.
    party = copy / "parties/miniparti.toml"
    edit(party, 'haller-betale = { stance = "disagree"', 'haller-betale = { stance = "agree"')
    edit(copy / "catalogue.toml", "min_disagree_share = 0.25", "min_disagree_share = 0.20")
    catalogue, problems = read_catalogue(copy)
    assert catalogue is not None
    assert [str(p) for p in problems] == [
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
    # samferdsel: 6 pledges, weight 3; kultur: 2 pledges, 3 × 2/6 = 1.0, weight 1.
    assert [(a.id, a.pledges, a.weight) for a in figures.areas] == [
        ("samferdsel", 6, 3),
        ("kultur", 2, 1),
    ]
    assert figures.largest.id == "samferdsel"
    assert figures.short_share == 0.375  # 3/4/2
    assert figures.full_share == 0.25  # 3/4/3 = 0.25 and 1/4/2 = 0.125
    assert [(p.id, share) for p, share in figures.disagree] == [("miniparti", 0.4)]
