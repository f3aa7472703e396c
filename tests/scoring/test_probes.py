"""The score of answering "enig" to everything: what the quiz gives away for free."""

from __future__ import annotations

from quiz.content.loader import load_catalogue
from quiz.scoring.probes import one_answer_to_everything
from tests.helpers import MINI


def test_agree_to_everything_on_the_fixture():
    catalogue = load_catalogue(MINI)
    # Miniparti: samferdsel (weight 3) agree, agree, disagree (fart-50, not core); kultur
    # (weight 1) disagree (haller-betale, core), agree.
    # Short: samferdsel 2 + 2 of 4 = 100 %, kultur 0 of 2 = 0 %: (3 × 100 + 1 × 0) / 4 = 75.
    assert one_answer_to_everything(catalogue, "short") == {"miniparti": 75.0}
    # Full: samferdsel 4 of 6 = 66.7 %, kultur 2 of 4 = 50 %: (3 × 66.7 + 50) / 4 = 62.5.
    assert one_answer_to_everything(catalogue, "full") == {"miniparti": 62.5}
    # "uenig" to everything is its mirror: 100 − 62.5 = 37.5 in the full quiz.
    assert one_answer_to_everything(catalogue, "full", "disagree") == {"miniparti": 37.5}
