"""The scoring rule: hand-worked examples, then properties that must hold for any input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from quiz.scoring.matching import percent, score

A, N, D, S = 1.0, 0.0, -1.0, math.nan  # agree, neutral, disagree, skip / no stance


# --- golden examples, arithmetic in the comments ----------------------------------------


def test_golden_one_area():
    # Stances: agree, agree, disagree, neutral.   Voter: agree, neutral, agree, skip.
    # points: 2-|1-1| = 2;  2-|0-1| = 1;  2-|1-(-1)| = 0;  skipped: does not count.
    # area = (2 + 1 + 0) / (2 + 2 + 2) = 3/6 = 50 %
    result = score(
        answers=[A, N, A, S], stances=[[A, A, D, N]], area_of=np.array([0, 0, 0, 0]), n_areas=1
    )
    assert result.points[0, 0, :3].tolist() == [2.0, 1.0, 0.0]
    assert math.isnan(result.points[0, 0, 3])
    assert result.area[0, 0, 0] == pytest.approx(50.0)
    assert result.overall[0, 0] == pytest.approx(50.0)


def test_golden_important_and_area_weights():
    # Area 0: statements 0, 1.  Area 1: statements 2, 3.
    # Stances:  A  D  A  A.   Voter: A (important)  A  N  D.
    # Area 0: points 2 (w 2) and 0 (w 1): (2*2 + 1*0) / (2*2 + 2*1) = 4/6 = 66.67 %
    # Area 1: points 1 and 0: (1 + 0) / (2 + 2) = 1/4 = 25 %
    # Area weights 3 and 1: overall = (3*66.67 + 1*25) / 4 = 225/4 = 56.25 %
    result = score(
        answers=[A, A, N, D],
        stances=[[A, D, A, A]],
        area_of=np.array([0, 0, 1, 1]),
        n_areas=2,
        important=[True, False, False, False],
        area_weights=[3, 1],
    )
    assert result.area[0, 0].tolist() == pytest.approx([200 / 3, 25.0])
    assert result.overall[0, 0] == pytest.approx(56.25)
    assert percent(result.area[0, 0, 0]) == 66.7
    assert percent(result.overall[0, 0]) == 56.3  # halves round up


def test_golden_neutral_is_not_skip():
    # Neutral counts: against agree it is 1 of 2 points = 50 %.
    # Skip does not count at all: nothing answered, so the area is unknowable (null).
    neutral = score(answers=[N], stances=[[A]], area_of=np.array([0]), n_areas=1)
    skipped = score(answers=[S], stances=[[A]], area_of=np.array([0]), n_areas=1)
    assert neutral.area[0, 0, 0] == 50.0
    assert math.isnan(skipped.area[0, 0, 0])
    assert math.isnan(skipped.overall[0, 0])
    assert percent(skipped.overall[0, 0]) is None


def test_golden_area_without_answers_is_left_out_not_zero():
    # Area 0: agree/agree = 100 %. Area 1: skipped -> null, so overall = 100 %, not 50 %.
    result = score(answers=[A, S], stances=[[A, A]], area_of=np.array([0, 1]), n_areas=2)
    assert result.overall[0, 0] == 100.0
    assert math.isnan(result.area[0, 0, 1])


def test_party_without_a_stance_does_not_count():
    # Party 1 has no stance on statement 0: only statement 1 counts for it.
    result = score(answers=[A, A], stances=[[A, D], [S, A]], area_of=np.array([0, 0]), n_areas=1)
    assert result.area[0, :, 0].tolist() == [50.0, 100.0]


def test_many_voters_in_one_call_equal_one_by_one():
    rng = np.random.default_rng(7)
    answers = rng.choice([A, N, D, S], size=(50, 12))
    stances = rng.choice([A, N, D], size=(3, 12))
    area_of = np.arange(12) % 4
    important = rng.random((50, 12)) < 0.3
    weights = rng.integers(0, 4, size=(50, 4))
    batch = score(answers, stances, area_of, 4, important, weights)
    for v in range(50):
        one = score(answers[v], stances, area_of, 4, important[v], weights[v])
        np.testing.assert_array_equal(one.overall[0], batch.overall[v])
        np.testing.assert_array_equal(one.area[0], batch.area[v])


def test_mismatched_shapes_are_refused():
    with pytest.raises(ValueError):
        score(answers=[A, A], stances=[[A]], area_of=np.array([0, 0]), n_areas=1)


# --- properties --------------------------------------------------------------------------

VALUES = st.sampled_from([A, N, D, S])
STANCES = st.sampled_from([A, N, D])


@st.composite
def quizzes(draw, min_statements=1):
    n = draw(st.integers(min_statements, 20))
    n_areas = draw(st.integers(1, 5))
    area_of = np.array(draw(st.lists(st.integers(0, n_areas - 1), min_size=n, max_size=n)))
    answers = draw(arrays(float, n, elements=VALUES))
    stances = draw(arrays(float, (2, n), elements=STANCES))
    important = draw(arrays(bool, n))
    weights = draw(arrays(float, n_areas, elements=st.sampled_from([0.0, 1.0, 2.0, 3.0])))
    return answers, stances, area_of, n_areas, important, weights


def known(values: np.ndarray) -> np.ndarray:
    return values[~np.isnan(values)]


@given(quizzes())
def test_scores_are_within_0_and_100_or_null(quiz):
    answers, stances, area_of, n_areas, important, weights = quiz
    result = score(answers, stances, area_of, n_areas, important, weights)
    for values in (result.area, result.overall):
        assert np.all((known(values) >= 0) & (known(values) <= 100))
    assert not np.any(np.isinf(result.area))


@given(quizzes())
def test_answers_equal_to_the_stances_give_100(quiz):
    _, stances, area_of, n_areas, important, weights = quiz
    result = score(stances[0], stances[:1], area_of, n_areas, important, weights)
    assert np.all(known(result.area) == 100.0)
    if np.any(weights[np.unique(area_of)] > 0):
        assert result.overall[0, 0] == 100.0


@given(quizzes())
def test_opposite_answers_give_0(quiz):
    _, stances, area_of, n_areas, important, weights = quiz
    stances = np.where(stances == 0, 1.0, stances)[:1]  # neutral has no opposite
    result = score(-stances[0], stances, area_of, n_areas, important, weights)
    assert np.all(known(result.area) == 0.0)
    if np.any(weights[np.unique(area_of)] > 0):
        assert result.overall[0, 0] == 0.0


@given(quizzes())
def test_all_skipped_gives_null_never_0_or_nan_leaking(quiz):
    answers, stances, area_of, n_areas, important, weights = quiz
    result = score(np.full_like(answers, np.nan), stances, area_of, n_areas, important, weights)
    assert np.all(np.isnan(result.area))
    assert np.all(np.isnan(result.overall))
    assert all(percent(v) is None for v in result.overall.ravel())


@given(quizzes(), st.integers(0, 4))
def test_area_weighted_0_does_not_move_the_overall_score(quiz, area):
    answers, stances, area_of, n_areas, important, weights = quiz
    area = area % n_areas
    zeroed = weights.copy()
    zeroed[area] = 0
    # Remove that area's statements entirely: the overall must be the same as weight 0.
    keep = area_of != area
    without = score(
        answers[keep], stances[:, keep], area_of[keep], n_areas, important[keep], zeroed
    )
    with_zero = score(answers, stances, area_of, n_areas, important, zeroed)
    np.testing.assert_allclose(with_zero.overall, without.overall, equal_nan=True)


@given(quizzes(), st.integers(0, 19))
def test_marking_important_doubles_the_weight_within_the_area(quiz, which):
    answers, stances, area_of, n_areas, _important, weights = quiz
    i = which % len(answers)
    plain = np.zeros(len(answers), dtype=bool)
    marked = plain.copy()
    marked[i] = True
    # Counting statement i twice as a duplicate must equal marking it important.
    doubled = score(
        np.append(answers, answers[i]),
        np.append(stances, stances[:, [i]], axis=1),
        np.append(area_of, area_of[i]),
        n_areas,
        np.append(plain, False),
        weights,
    )
    result = score(answers, stances, area_of, n_areas, marked, weights)
    np.testing.assert_allclose(result.area, doubled.area, equal_nan=True)
    assert result.weights[0, i] == 2.0


@given(quizzes(), st.randoms(use_true_random=False))
@settings(max_examples=50)
def test_statement_order_does_not_matter(quiz, random):
    answers, stances, area_of, n_areas, important, weights = quiz
    order = list(range(len(answers)))
    random.shuffle(order)
    a = score(answers, stances, area_of, n_areas, important, weights)
    b = score(answers[order], stances[:, order], area_of[order], n_areas, important[order], weights)
    np.testing.assert_allclose(a.area, b.area, equal_nan=True)
    np.testing.assert_allclose(a.overall, b.overall, equal_nan=True)
