"""Default area weights from the programme, and how much one statement can decide."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.content.weighting import chapter_weights, statement_shares


def test_weights_of_the_shipped_chapter_sizes():
    # Pledges per chapter in Partiet Sentrum Bærum's programme; the largest has 44.
    counts = {
        "inkludering": 44,  # 3 × 44/44 = 3.00 -> 3
        "helse": 32,  # 3 × 32/44 = 2.18 -> 3
        "oppvekst": 26,  # 3 × 26/44 = 1.77 -> 2
        "klima": 24,  # 3 × 24/44 = 1.64 -> 2
        "bolig": 11,  # 3 × 11/44 = 0.75 -> 1
        "kultur": 11,  # 0.75 -> 1
        "samferdsel": 4,  # 0.27 -> 1
        "livssyn": 3,  # 0.20 -> 1
    }
    assert chapter_weights(counts, 3) == {
        "inkludering": 3,
        "helse": 3,
        "oppvekst": 2,
        "klima": 2,
        "bolig": 1,
        "kultur": 1,
        "samferdsel": 1,
        "livssyn": 1,
    }


def test_exact_thirds_are_not_rounded_up_by_float_error():
    # 3 × 20/60 = 1 and 3 × 40/60 = 2 exactly: whole steps stay whole.
    assert chapter_weights({"a": 60, "b": 40, "c": 20}, 3) == {"a": 3, "b": 2, "c": 1}


def test_a_larger_scale_and_degenerate_inputs():
    # With max_weight 4: 4 × 10/40 = 1, 4 × 11/40 = 1.1 -> 2.
    assert chapter_weights({"a": 40, "b": 11, "c": 10}, 4) == {"a": 4, "b": 2, "c": 1}
    assert chapter_weights({"a": 0, "b": 0}, 3) == {"a": 1, "b": 1}  # no pledges: equal
    assert chapter_weights({}, 3) == {}
    with pytest.raises(ValueError):
        chapter_weights({"a": 1}, 0)


@given(
    st.dictionaries(st.text(min_size=1, max_size=5), st.integers(0, 500), max_size=12),
    st.integers(1, 6),
)
def test_weights_are_monotone_and_in_range(counts, max_weight):
    weights = chapter_weights(counts, max_weight)
    assert set(weights) == set(counts)
    for a in counts:
        assert 1 <= weights[a] <= max_weight
        for b in counts:
            if counts[a] > counts[b]:
                assert weights[a] >= weights[b]  # more pledges never weigh less
    if counts and max(counts.values()) > 0:
        top = max(counts, key=counts.get)
        assert weights[top] == max_weight


def test_statement_shares_arithmetic():
    # Area a weighs 3 with two statements, area b weighs 1 with one; W = 3 + 1 = 4.
    # Each statement of a: 3/4/2 = 0.375; the one of b: 1/4/1 = 0.25.
    shares = statement_shares([("a1", "a"), ("a2", "a"), ("b1", "b")], {"a": 3, "b": 1})
    assert shares == {"a1": 0.375, "a2": 0.375, "b1": 0.25}
    assert math.isclose(sum(shares.values()), 1.0)
    # An area without statements in the quiz does not count in W.
    assert statement_shares([("a1", "a")], {"a": 3, "b": 1}) == {"a1": 1.0}
    assert statement_shares([("a1", "a")], {"a": 0}) == {"a1": 0.0}


@given(
    st.lists(st.sampled_from("abcd"), min_size=1, max_size=40),
    st.fixed_dictionaries({k: st.integers(1, 3) for k in "abcd"}),
)
def test_shares_add_up_to_the_whole_score(areas, weights):
    pairs = [(f"s{i}", area) for i, area in enumerate(areas)]
    assert math.isclose(sum(statement_shares(pairs, weights).values()), 1.0)
