"""Ranking parties by a voter's score, and a party's *no answer*: worked by hand."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.content.loader import load_catalogue
from quiz.scoring.matching import score
from quiz.scoring.ranking import best_matches, ranked
from quiz.scoring.results import ranking, results, score_document
from quiz.voter.answers import Answers
from tests.helpers import EXAMPLE_DIR

EXAMPLE = load_catalogue(EXAMPLE_DIR)

A, N, D, S = 1.0, 0.0, -1.0, math.nan  # agree, neutral, disagree, skip / no answer


def test_no_answer_leaves_the_statement_out_of_that_partys_score_never_neutral():
    # One area, three statements. Voter: agree, agree, disagree.
    # Party X answers: agree, *no answer*, agree.   Party Y: agree, neutral, agree.
    # X: statement 2 is left out:  (2 + 0) / (2 + 2)       = 2/4 = 50 %
    # Y: neutral counts 1 point:   (2 + 1 + 0) / (2+2+2)   = 3/6 = 50 %  (same number,
    #    different arithmetic); if X's no answer were read as neutral X would be 3/6 too,
    #    so take statement 3 away from both to tell them apart:
    result = score(
        answers=[A, A, D], stances=[[A, S, A], [A, N, A]], area_of=np.array([0, 0, 0]), n_areas=1
    )
    assert math.isnan(result.points[0, 0, 1])  # X: no points, no maximum: not counted
    assert result.points[0, 1, 1] == 1.0  # Y's neutral: 1 of 2
    assert result.area[0, 0, 0] == pytest.approx(50.0)
    assert result.area[0, 1, 0] == pytest.approx(50.0)
    # Voter: agree, agree. X: agree, no answer -> 2/2 = 100 %. Read as neutral it would be
    # (2 + 1) / 4 = 75 %; Y (agree, neutral) is exactly that 75 %.
    two = score(answers=[A, A], stances=[[A, S], [A, N]], area_of=np.array([0, 0]), n_areas=1)
    assert two.overall[0].tolist() == pytest.approx([100.0, 75.0])


def test_ties_share_a_rank_and_keep_the_neutral_order():
    # Scores as shown: B 75, A 50, C 50, D none. A before C: the order given (alphabetical).
    found = ranked(["A", "B", "C", "D"], [50.0, 75.0, 50.0, None])
    assert [(r.item, r.rank, r.tied) for r in found] == [
        ("B", 1, False),
        ("A", 2, True),
        ("C", 2, True),
        ("D", None, False),
    ]
    # Three-way tie at the top: all first, the next one is fourth (as in sport).
    top = ranked(["a", "b", "c", "d"], [60.0, 60.0, 60.0, 10.0])
    assert [r.rank for r in top] == [1, 1, 1, 4]


@given(st.lists(st.one_of(st.none(), st.integers(0, 1000).map(lambda n: n / 10)), max_size=30))
def test_a_ranking_is_sorted_and_every_rank_counts_the_parties_ahead(scores):
    found = ranked(list(range(len(scores))), scores)
    assert sorted(r.item for r in found) == list(range(len(scores)))  # nobody cut off
    shown = [r.score for r in found if r.score is not None]
    assert shown == sorted(shown, reverse=True)
    for r in found:
        if r.score is not None:
            assert r.rank == 1 + sum(1 for v in scores if v is not None and v > r.score)
            assert r.tied == (sum(1 for v in scores if v == r.score) > 1)
    # Within a tie, the input's order stands.
    for a, b in itertools.pairwise(found):
        if a.score == b.score:
            assert a.item < b.item


def test_best_matches_are_the_top_score_as_shown_ties_included():
    # 80.04 and 80.0 both show as 80.0: a tie, both best. No score at all: nobody.
    overall = np.array([[60.0, 80.0, 80.04], [math.nan, math.nan, math.nan], [90.0, 10.0, 5.0]])
    assert best_matches(overall).tolist() == [
        [False, True, True],
        [False, False, False],
        [True, False, False],
    ]


@given(
    st.lists(
        st.sampled_from(["agree", "neutral", "disagree", "skip", None]), min_size=44, max_size=44
    ),
    st.sets(st.integers(0, 43), max_size=6),
)
def test_the_score_api_document_has_the_results_pages_numbers(choices, marked):
    catalogue = EXAMPLE
    ids = [s.id for s in catalogue.statements]
    given = {sid: c for sid, c in zip(ids, choices, strict=True) if c is not None}
    important = frozenset(ids[i] for i in marked if given.get(ids[i], "skip") != "skip")
    answers = Answers("full", given, important)
    party_results = results(catalogue, answers)
    ranks = {r.item.party.id: r.rank for r in ranking(party_results)}
    expected = [
        {
            "party": r.party.id,
            "overall": r.overall,
            "rank": ranks[r.party.id],
            "areas": dict(r.areas),
            "statements": [
                {"id": row.statement.id, "points": row.points, "max": row.max}
                for row in r.statements
            ],
        }
        for r in party_results
    ]
    assert score_document(catalogue, answers) == {"parties": expected}
