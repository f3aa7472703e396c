"""The class picture's privacy arithmetic: k = 5 per group, steps of 5, and no total from
which a hidden group could be computed (quiz/scoring/class_picture.py)."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.scoring.answers import Answers
from quiz.scoring.class_picture import MIN_RESPONSES, session_picture, shown_count
from tests.helpers import SHIPPED

CORE = SHIPPED.core_statements()


def student(seed: int) -> Answers:
    """A student whose answers differ from every other's (so a change in the set shows)."""
    rng = np.random.default_rng(seed)
    answers = rng.choice(["agree", "neutral", "disagree", "skip"], size=len(CORE))
    return Answers("short", {s.id: str(a) for s, a in zip(CORE, answers, strict=True)})


def counts(picture) -> list[dict[str, int]]:
    return [d.counts for d in picture.distributions]


def test_shown_count_is_the_last_multiple_of_five():
    assert [shown_count(n) for n in (0, 1, 4, 5, 6, 9, 10, 12, 150, 151)] == [
        0, 0, 0, 5, 5, 5, 10, 10, 150, 150,
    ]  # fmt: skip


def test_six_students_in_groups_of_five_and_one_show_only_group_a():
    groups = [("A", "10A"), ("B", "10B")]
    responses = [("A", student(n)) for n in range(5)] + [("B", student(99))]
    picture = session_picture(SHIPPED, CORE, responses, groups)
    a, b = picture.groups
    assert (a.name, a.picture.shown, a.picture.basis, a.picture.count) == ("10A", True, 5, 5)
    assert (b.name, b.picture.shown, b.picture.count) == ("10B", False, 1)
    assert b.picture.distributions == () and b.picture.areas == {}
    # The whole session is withheld: shown beside 10A, "whole minus 10A" would be 10B's
    # one student.
    assert not picture.whole.shown and picture.whole_held_back
    assert picture.whole.count == 6 and picture.whole.distributions == ()
    # Each of 10A's numbers counts its five students: 5 per statement in all.
    assert all(sum(c.values()) == 5 for c in counts(a.picture))


def test_groups_below_five_show_nothing_while_the_whole_shows_its_picture():
    groups = [("A", "10A"), ("B", "10B"), ("C", "10C")]
    responses = [("A", student(n)) for n in range(3)] + [("B", student(50 + n)) for n in range(4)]
    picture = session_picture(SHIPPED, CORE, responses, groups)
    assert [g.picture.shown for g in picture.groups] == [False, False, False]
    # No group is shown, so "whole minus the shown groups" is the whole: 7 answers, of
    # which the first 5 are drawn on.
    assert picture.whole.shown and (picture.whole.count, picture.whole.basis) == (7, 5)
    assert all(sum(c.values()) == 5 for c in counts(picture.whole))


def test_the_whole_is_the_shown_groups_plus_the_rest_in_steps_of_five():
    groups = [("A", "10A"), ("B", "10B"), ("C", "10C")]
    a = [("A", student(n)) for n in range(7)]
    b = [("B", student(50 + n)) for n in range(5)]
    c = [("C", student(80 + n)) for n in range(3)]
    # 10A: 7 (5 shown, 2 outside), 10B: 5 shown, 10C: 3 (outside). Outside: 5 answers.
    picture = session_picture(SHIPPED, CORE, a + b + c, groups)
    assert [g.picture.basis for g in picture.groups] == [5, 5, 0]
    assert picture.whole.shown and (picture.whole.count, picture.whole.basis) == (15, 15)
    # Without 10C's last student, 4 answers would be outside: whole minus 10A and 10B
    # would be those 4, so the whole is withheld.
    fewer = session_picture(SHIPPED, CORE, a + b + c[:2], groups)
    assert fewer.whole_held_back and not fewer.whole.shown
    # With 10C empty and 10A at exactly 5, nothing is outside: the whole is 10A + 10B.
    exact = session_picture(SHIPPED, CORE, a[:5] + b, groups)
    assert exact.whole.basis == 10
    for whole, left, right in zip(
        counts(exact.whole),
        counts(exact.groups[0].picture),
        counts(exact.groups[1].picture),
        strict=True,
    ):
        assert whole == {k: left[k] + right[k] for k in whole}


def test_the_picture_changes_only_at_multiples_of_five():
    everyone = [student(n) for n in range(23)]
    seen = []
    for n in range(1, len(everyone) + 1):
        picture = session_picture(SHIPPED, CORE, [(None, a) for a in everyone[:n]]).whole
        seen.append((picture.basis, counts(picture), picture.overall))
    bases = [basis for basis, _c, _o in seen]
    # 1-4: nothing; 5-9: the first 5; 10-14: the first 10; 15-19; 20-23.
    assert bases == [0] * 4 + [5] * 5 + [10] * 5 + [15] * 5 + [20] * 4
    for before, after in itertools.pairwise(seen):
        if before[0] == after[0]:
            assert before == after  # one more student, the same numbers
        else:
            assert after[0] - before[0] == MIN_RESPONSES


def test_a_group_picture_counts_only_its_own_students():
    groups = [("A", "10A"), ("B", "10B")]
    agree = Answers("short", dict.fromkeys((s.id for s in CORE), "agree"))
    disagree = Answers("short", dict.fromkeys((s.id for s in CORE), "disagree"))
    responses = [("A", agree), ("B", disagree)] * 5
    picture = session_picture(SHIPPED, CORE, responses, groups)
    a, b = picture.groups
    assert {c["agree"] for c in counts(a.picture)} == {5}
    assert {c["disagree"] for c in counts(b.picture)} == {5}
    assert {(c["agree"], c["disagree"]) for c in counts(picture.whole)} == {(5, 5)}


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=3), min_size=0, max_size=40))
def test_no_number_rests_on_fewer_than_five(group_of_each):
    """For any arrival order over four groups: every shown picture draws on a multiple of
    five; "whole minus the shown groups" is none or at least five answers, in every
    statement's counts; and the whole is withheld exactly when 1-4 answers are outside
    the shown groups' pictures."""
    keys = ["A", "B", "C", "D"]
    groups = [(k, f"10{k}") for k in keys]
    responses = [(keys[g], student(n)) for n, g in enumerate(group_of_each)]
    picture = session_picture(SHIPPED, CORE, responses, groups)
    sizes = {k: sum(1 for g, _a in responses if g == k) for k in keys}
    for group in picture.groups:
        assert group.picture.basis == shown_count(sizes[group.key])
        assert group.picture.basis % MIN_RESPONSES == 0
        assert group.picture.shown == (group.picture.basis >= MIN_RESPONSES)
    shown_groups = [g.picture for g in picture.groups if g.picture.shown]
    outside = len(responses) - sum(p.basis for p in shown_groups)
    assert picture.whole_held_back == (0 < outside < MIN_RESPONSES)
    if picture.whole.shown:
        assert picture.whole.basis % MIN_RESPONSES == 0
        rest = picture.whole.basis - sum(p.basis for p in shown_groups)
        assert rest == 0 or rest >= MIN_RESPONSES
        for n, whole in enumerate(counts(picture.whole)):
            groups_sum = {k: sum(counts(p)[n][k] for p in shown_groups) for k in whole}
            difference = sum(whole[k] - groups_sum[k] for k in whole)
            assert all(whole[k] >= groups_sum[k] for k in whole)  # the groups are inside
            assert difference == rest
    else:
        assert picture.whole_held_back or len(responses) < MIN_RESPONSES
