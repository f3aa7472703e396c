"""The class picture with several parties: how many students matched each party best, by
the k rule (quiz/scoring/class_picture.py), worked by hand."""

from __future__ import annotations

import math

import numpy as np

from quiz.content.loader import load_catalogue
from quiz.scoring.class_picture import MIN_RESPONSES, Received, best_match_counts, class_picture
from quiz.voter.answers import Answers
from tests.helpers import EXAMPLE_DIR, answers_like

EXAMPLE = load_catalogue(EXAMPLE_DIR)
A, B, C = EXAMPLE.parties[:3]
NAN = math.nan


def test_counts_under_five_are_not_shown_and_ties_count_for_each():
    # Seven students' overall scores against A, B, C.
    # Five match A best; one ties A and B (counts for both); one matches B.
    # A: 5 + 1 = 6 -> shown. B: 1 + 1 = 2 -> under 5. C: 0 -> under 5.
    overall = np.array([[80, 50, 10]] * 5 + [[70, 70.04, 20], [10, 90, 20]], dtype=float)
    counts, hidden = best_match_counts([A, B, C], overall)
    assert not hidden
    assert [(m.party.id, m.count) for m in counts] == [(A.id, 6), (B.id, None), (C.id, None)]
    assert MIN_RESPONSES == 5


def test_no_counts_when_a_whole_group_matched_one_party():
    # Six students, all best with A (one ties with C): A's count is 6 of 6 -> hidden,
    # since it would tell each student's best match.
    overall = np.array([[80, 50, 10]] * 5 + [[60, 10, 60]], dtype=float)
    counts, hidden = best_match_counts([A, B, C], overall)
    assert hidden and counts == ()
    # A student without any score matches nobody and is not "the whole group".
    overall = np.array([[80, 50, 10]] * 5 + [[NAN, NAN, NAN]], dtype=float)
    counts, hidden = best_match_counts([A, B, C], overall)
    assert hidden


def test_the_picture_of_a_class_counts_best_matches_and_shows_every_partys_stance():
    statements = EXAMPLE.core_statements()

    # Five students answer exactly as A, two exactly as B.
    responses = [
        Received(None, 0, Answers("short", answers_like(EXAMPLE, party.id, "short")))
        for party in [A] * 5 + [B] * 2
    ]
    picture = class_picture(EXAMPLE, statements, responses)
    found = {m.party.id: m.count for m in picture.best}
    assert found[A.id] == 5
    assert found[B.id] is None  # two: under 5
    assert len(picture.best) == len(EXAMPLE.parties)
    first = picture.distributions[0]
    assert [p.id for p, _stance in first.stances] == [p.id for p in EXAMPLE.parties]
    assert first.stance is None  # no "the party" with several
