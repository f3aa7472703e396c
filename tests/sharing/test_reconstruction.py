"""An attacker reads a share link of several parties (the card shows the same) and tries to
solve for the voter's answers.

The attacker is generous to themselves: they know the catalogue, the default weights, that
nothing was marked important, and even which statements were answered (the rest skipped).
What they read is what shared_ranking puts in a link: the top three parties, best first,
with whole percents (quiz/sharing/token.py).

- Over eight answers they try every one of the 3^8 = 6 561 ways to answer and keep those
  that give what they read. Every party's area scores would give the answers away (the
  control: why a link holds no area score), and so do the top three whole percents: the
  reason a result of several parties is shared only from MIN_RANKED_ANSWERS answers up.
- Over MIN_RANKED_ANSWERS answers there are 3^22 ≈ 3·10^10 ways, too many to try: the
  attacker searches instead (hill climbing on the distance to what they read, from many
  random starts), collects every exact solution it meets, and fails: it meets many, the
  truth is not singled out, and no statement is answered alike in all of them.
"""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from quiz.content.loader import load_catalogue
from quiz.scoring.matching import ANSWER_VALUES, percent, score
from quiz.scoring.ranking import ranked
from quiz.sharing.token import MIN_RANKED_ANSWERS, TOP_PARTIES, shared_ranking, whole_percent
from tests.helpers import EXAMPLE_DIR

EXAMPLE = load_catalogue(EXAMPLE_DIR)
SHORT = [EXAMPLE.statement_index(s.id) for s in EXAMPLE.core_statements()]
FEW = SHORT[:8]
VALUES = np.array([ANSWER_VALUES[a] for a in ("agree", "neutral", "disagree")])
PARTY_IDS = [p.id for p in EXAMPLE.parties]


def overall(answered: list[int], rows: np.ndarray) -> np.ndarray:
    """(N, P) overall scores of N ways to answer the statements ``answered``."""
    full = np.full((len(rows), len(EXAMPLE.statements)), np.nan)
    full[:, answered] = rows
    return score(
        full,
        EXAMPLE.stances,
        EXAMPLE.area_of,
        len(EXAMPLE.areas),
        area_weights=EXAMPLE.default_weights,
    ).overall


def link_holds(overall_row: np.ndarray) -> tuple:
    """What the link made from these scores holds (the real shared_ranking)."""
    shown = [percent(v) for v in overall_row]
    order = ranked(PARTY_IDS, shown)
    return shared_ranking("nb", [(r.item, r.score) for r in order]).scores


def area_scores_hold(area_rows: np.ndarray) -> tuple:
    """What a link would hold if it carried every party's area scores (it does not)."""
    return tuple(whole_percent(percent(v)) for v in area_rows.ravel())


@pytest.fixture(scope="module")
def few():
    rows = np.array(list(itertools.product(VALUES, repeat=len(FEW))))
    full = np.full((len(rows), len(EXAMPLE.statements)), np.nan)
    full[:, FEW] = rows
    result = score(
        full,
        EXAMPLE.stances,
        EXAMPLE.area_of,
        len(EXAMPLE.areas),
        area_weights=EXAMPLE.default_weights,
    )
    return rows, [link_holds(o) for o in result.overall], [area_scores_hold(a) for a in result.area]


@pytest.mark.parametrize("seed", range(4))
def test_over_few_answers_both_area_scores_and_the_top_three_give_the_answers_away(few, seed):
    rows, links, areas = few
    truth = random.Random(seed).randrange(len(rows))
    same_areas = [i for i, held in enumerate(areas) if held == areas[truth]]
    same_link = [i for i, held in enumerate(links) if held == links[truth]]
    assert truth in same_areas and truth in same_link
    assert len(same_areas) <= 4  # why a link holds no area score
    # ... and why it is not made from eight answers: the attacker is down to a handful
    # of the 6 561 ways to answer, and some answers are certain.
    assert len(same_link) <= 40
    pinned = [s for s in range(len(FEW)) if len({rows[i, s] for i in same_link}) == 1]
    assert pinned


def exact_solutions(answered: list[int], target: tuple, starts: int, rng) -> set[tuple]:
    """The search attack: hill climbing from random starts towards an answer vector whose
    link is ``target``; every exact one it meets is kept."""
    n = len(answered)
    index = {pid: i for i, pid in enumerate(PARTY_IDS)}
    top = [index[pid] for pid, _v in target]
    wanted = np.array([v for _pid, v in target], dtype=float)
    rest = [q for q in range(len(PARTY_IDS)) if q not in top]

    def distance(scores: np.ndarray) -> np.ndarray:
        d = np.abs(scores[:, top] - wanted).sum(axis=1)
        d += np.clip(scores[:, rest] - scores[:, [top[-1]]] + 0.05, 0, None).sum(axis=1)
        d += np.clip(np.diff(scores[:, top], axis=1), 0, None).sum(axis=1)
        return d

    found: set[tuple] = set()
    for _start in range(starts):
        x = rng.choice(VALUES, n)
        for _step in range(60):
            here = overall(answered, x[None])
            if link_holds(here[0]) == target:
                found.add(tuple(x))
                break
            # Every answer changed to each of its two other values: 2n neighbours.
            neighbours = np.repeat(x[None], 2 * n, axis=0)
            for j in range(n):
                a, b = (v for v in VALUES if v != x[j])
                neighbours[2 * j, j], neighbours[2 * j + 1, j] = a, b
            costs = distance(overall(answered, neighbours))
            best = int(np.argmin(costs))
            if costs[best] < distance(here)[0]:
                x = neighbours[best]
            else:  # stuck: a random step out
                x = neighbours[rng.integers(len(neighbours))]
    return found


@pytest.mark.parametrize("seed", range(2))
def test_from_the_minimum_of_answers_the_search_attack_fails(seed):
    answered = SHORT[:MIN_RANKED_ANSWERS]
    assert len(answered) == MIN_RANKED_ANSWERS  # the short quiz of the example: all of it
    rng = np.random.default_rng(seed)
    truth = rng.choice(VALUES, len(answered))
    target = link_holds(overall(answered, truth[None])[0])
    assert len(target) == TOP_PARTIES
    solutions = exact_solutions(answered, target, starts=100, rng=rng)
    assert len(solutions) >= 10, "the attack met few solutions: the link may give it away"
    pinned = [s for s in range(len(answered)) if len({solution[s] for solution in solutions}) == 1]
    assert pinned == [], f"answers the link gives away: {pinned}"
