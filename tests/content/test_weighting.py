"""Default area weights from the programme, and how much one statement can decide."""

from __future__ import annotations

import doctest
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.content import weighting
from quiz.content.weighting import chapter_weights, emphasis, programme_weights, statement_shares
from tests.helpers import SHIPPED_CHAPTER_PLEDGES, SHIPPED_CHAPTER_PRIORITIES


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


# --- the rule with priorities (editorial review 2) ------------------------------------

SHIPPED_PLEDGES = SHIPPED_CHAPTER_PLEDGES  # N = 155
SHIPPED_PRIORITIES = SHIPPED_CHAPTER_PRIORITIES  # P = 11


def test_weights_of_the_shipped_programme():
    # e = n/155 + p/11; the largest is oppvekst, 26/155 + 4/11 = 0.531. A priority area
    # weighs 1 + ceil(2 × e / 0.531):
    #   inkludering 44/155 + 2/11 = 0.466 -> 2 × 0.877 = 1.75 -> 1 + 2 = 3
    #   helse       32/155 + 1/11 = 0.297 -> 2 × 0.560 = 1.12 -> 3
    #   oppvekst                            2 × 1     = 2    -> 3
    #   bolig       11/155 + 2/11 = 0.253 -> 2 × 0.476 = 0.95 -> 2
    #   klima       24/155 + 1/11 = 0.246 -> 2 × 0.462 = 0.92 -> 2
    #   samferdsel   4/155 + 1/11 = 0.117 -> 2 × 0.220 = 0.44 -> 2 (was 1: priority no. 1)
    # kultur and livssyn hold no priority: 1.
    assert programme_weights(SHIPPED_PLEDGES, SHIPPED_PRIORITIES, 3) == {
        "inkludering": 3,
        "klima": 2,
        "samferdsel": 2,
        "oppvekst": 3,
        "bolig": 2,
        "helse": 3,
        "kultur": 1,
        "livssyn": 1,
    }


def test_the_review_rule_of_three_pledges_per_priority_was_not_enough():
    # Review 2 proposed counting each priority as 3 more pledges; with chapter_weights that
    # leaves samferdsel (4 + 3 = 7 of the largest 44 + 6 = 50) at ceil(3 × 7/50) = 1, the
    # weight of kultur, which holds no priority. The rule chosen ranks it above.
    plus_three = {c: n + 3 * SHIPPED_PRIORITIES.get(c, 0) for c, n in SHIPPED_PLEDGES.items()}
    assert chapter_weights(plus_three, 3)["samferdsel"] == chapter_weights(plus_three, 3)["kultur"]
    weights = programme_weights(SHIPPED_PLEDGES, SHIPPED_PRIORITIES, 3)
    assert weights["samferdsel"] > weights["kultur"]


def test_a_long_chapter_without_priorities_presses_no_other_area_down():
    # Found by the property test below. N = 315 pledges, P = 3 priorities. e: huge
    # 300/315 = 0.952 (no priority); a, b, c 5/315 + 1/3 = 0.349 each. Scaled against huge,
    # each would weigh 1 + ceil(2 × 0.367) = 2 and the top step would go unused; scaled
    # against the largest priority area (0.349), each weighs 1 + ceil(2 × 1) = 3.
    pledges = {"huge": 300, "a": 5, "b": 5, "c": 5}
    priorities = {"a": 1, "b": 1, "c": 1}
    assert programme_weights(pledges, priorities, 3) == {"huge": 1, "a": 3, "b": 3, "c": 3}


def test_emphasis_is_exact_and_without_priorities_the_chapter_rule_holds():
    assert emphasis({"a": 1, "b": 1}, {"a": 1, "b": 1}) == {"a": 1, "b": 1}  # 1/2 + 1/2
    # Exactly one step of 2: no float error pushes 1 + ceil(2 × 1/2) = 2 to 3.
    assert programme_weights({"a": 1, "b": 1}, {"a": 1, "b": 0}, 3) == {"a": 3, "b": 1}
    assert programme_weights({"a": 44, "b": 3}, {}, 3) == chapter_weights({"a": 44, "b": 3}, 3)
    assert programme_weights({"a": 5, "b": 5}, {"a": 1}, 1) == {"a": 1, "b": 1}
    with pytest.raises(ValueError):
        programme_weights({"a": 1}, {"a": 1}, 0)


chapters = st.dictionaries(
    st.sampled_from("abcdefgh"), st.tuples(st.integers(0, 60), st.integers(0, 5)), min_size=1
)


@given(chapters, st.integers(2, 6))
def test_every_priority_area_outweighs_every_area_without_one(found, max_weight):
    pledges = {c: n for c, (n, _p) in found.items()}
    priorities = {c: p for c, (_n, p) in found.items()}
    weights = programme_weights(pledges, priorities, max_weight)
    assert set(weights) == set(found)
    assert all(1 <= w <= max_weight for w in weights.values())
    held = [weights[c] for c in found if priorities[c]]
    none = [weights[c] for c in found if not priorities[c]]
    if held and none:
        assert min(held) > max(none)
    if held:
        assert max(held) == max_weight  # the area of the largest emphasis


@given(chapters, st.integers(2, 6))
def test_more_pledges_or_more_priorities_never_weigh_less(found, max_weight):
    pledges = {c: n for c, (n, _p) in found.items()}
    priorities = {c: p for c, (_n, p) in found.items()}
    weights = programme_weights(pledges, priorities, max_weight)
    for a in found:
        for b in found:
            if pledges[a] >= pledges[b] and priorities[a] >= priorities[b]:
                assert weights[a] >= weights[b], (a, b)


def test_the_docstring_examples_hold():
    result = doctest.testmod(weighting)
    assert result.attempted >= 5
    assert result.failed == 0
