"""The class picture's privacy arithmetic: responses are released in sealed blocks of
BLOCK_SIZE = k + 1, per group and content, so nothing finer than one block can be computed
from any pictures, at any times (quiz/scoring/class_picture.py, docs/school-sessions.md).

The property tests drive the real sealing (events.service on SQLite) and read what each
picture releases from the numbers the pages show, as an attacker would."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import sessionmaker

from quiz.events import db, models, sending, service
from quiz.scoring.class_picture import (
    BLOCK_SIZE,
    MIN_RESPONSES,
    SEATS_PER_STUDENT,
    Received,
    session_picture,
    spreadsheet_cell,
)
from quiz.voter.answers import Answers
from tests.helpers import SHIPPED

CORE = SHIPPED.core_statements()
ALL = SHIPPED.statements


def student(seed: int) -> Answers:
    """A student whose answers differ from every other's (so a change in the set shows)."""
    rng = np.random.default_rng(seed)
    answers = rng.choice(["agree", "neutral", "disagree", "skip"], size=len(CORE))
    return Answers("short", {s.id: str(a) for s, a in zip(CORE, answers, strict=True)})


def counts(picture) -> list[dict[str, int]]:
    return [d.counts for d in picture.distributions]


def test_a_block_is_k_plus_the_one_response_a_student_holds():
    # A student who knows their own answer still meets five others' in every block.
    assert (MIN_RESPONSES, SEATS_PER_STUDENT, BLOCK_SIZE) == (5, 1, 6)


def test_only_sealed_blocks_are_drawn_and_the_whole_is_every_sealed_block():
    groups = [("A", "10A"), ("B", "10B")]
    a = [Received("A", 0, student(n)) for n in range(BLOCK_SIZE)]
    waiting = [Received("A", None, student(50)), Received("B", None, student(51))]
    picture = session_picture(SHIPPED, CORE, a + waiting, groups)
    pa, pb = picture.groups
    assert (pa.picture.basis, pa.picture.count, pa.picture.waiting) == (6, 7, 1)
    assert (pb.picture.shown, pb.picture.count) == (False, 1)
    assert pb.picture.distributions == () and pb.picture.areas == {}
    # The whole is 10A's block: 8 received, 6 drawn on, 2 waiting.
    assert (picture.whole.count, picture.whole.basis, picture.whole.waiting) == (8, 6, 2)
    assert counts(picture.whole) == counts(pa.picture)
    assert all(sum(c.values()) == BLOCK_SIZE for c in counts(picture.whole))


def test_the_whole_adds_the_groups_blocks():
    groups = [("A", "10A"), ("B", "10B")]
    agree = Answers("short", dict.fromkeys((s.id for s in CORE), "agree"))
    disagree = Answers("short", dict.fromkeys((s.id for s in CORE), "disagree"))
    responses = [Received("A", 0, agree)] * 6 + [Received("B", 1, disagree)] * 6
    picture = session_picture(SHIPPED, CORE, responses, groups)
    a, b = picture.groups
    assert {c["agree"] for c in counts(a.picture)} == {6}
    assert {c["disagree"] for c in counts(b.picture)} == {6}
    assert {(c["agree"], c["disagree"]) for c in counts(picture.whole)} == {(6, 6)}


def test_each_statement_is_counted_over_the_responses_asked_it():
    # Six answered before a statement joined the short quiz, six after.
    later = next(s for s in ALL if not s.core)
    asked_before = frozenset(s.id for s in CORE)
    asked_after = asked_before | {later.id}
    shown = (*CORE, later)
    before = [
        Received(None, 0, Answers("short", dict.fromkeys(asked_before, "agree")), asked_before)
    ] * 6
    given_after = dict.fromkeys(asked_after, "disagree")
    after = [Received(None, 1, Answers("short", given_after), asked_after)] * 6
    picture = session_picture(SHIPPED, shown, before + after).whole
    rows = {d.statement.id: d for d in picture.distributions}
    assert (rows[later.id].basis, rows[later.id].counts["disagree"]) == (6, 6)
    assert rows[later.id].counts["skip"] == 0  # the first six were never asked it
    assert (rows[CORE[0].id].basis, rows[CORE[0].id].counts["agree"]) == (12, 6)
    assert picture.content_changed
    # Responses from before asked statements were kept count over every statement.
    old = [Received(None, 0, student(n), None) for n in range(6)]
    assert not session_picture(SHIPPED, CORE, old).whole.content_changed


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+47 1", "'+47 1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("10A", "10A"),
        (5, 5),  # counts stay numbers
    ],
)
def test_a_spreadsheet_cell_never_starts_a_formula(cell, written):
    assert spreadsheet_cell(cell) == written


# --- the property, against the real sealing -----------------------------------------------

# Up to 40 responses, each tagged: response i answers "agree" to statement i and
# "disagree" to every other, so a picture's agree count on statement i says whether
# response i is in it. That is how the test reads what a picture releases, from the
# numbers alone. Statement 43 is dropped by a content change half way (tags stay on 0-39).
TAGS = 40
LAST = ALL[-1].id


@pytest.fixture(scope="module")
def events_db(tmp_path_factory):
    url = f"sqlite:///{Path(tmp_path_factory.mktemp('picture')) / 'blocks.sqlite3'}"
    db.upgrade(url)
    engine = db.make_engine(url)
    yield sessionmaker(engine, expire_on_commit=False)
    engine.dispose()


def tagged(n: int, asked: list[str]) -> Answers:
    given = {sid: ("agree" if k == n else "disagree") for k, sid in enumerate(asked)}
    return Answers("full", given)


def members(picture, asked_sets: list[set[str]]) -> frozenset[int]:
    """Which responses a picture holds, read off its agree counts; checked against its
    total so that nothing else hides in it."""
    if not picture.shown:
        return frozenset()
    rows = {d.statement.id: d for d in picture.distributions}
    inside = frozenset(n for n in range(TAGS) if rows[ALL[n].id].counts["agree"] == 1)
    assert len(inside) == picture.basis
    # Statement LAST is counted over the responses that were asked it, and only those.
    asked_last = {n for n in inside if LAST in asked_sets[n]}
    assert rows[LAST].basis == len(asked_last)
    return inside


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    arrivals=st.lists(st.integers(min_value=0, max_value=2), min_size=1, max_size=TAGS),
    change_at=st.integers(min_value=0, max_value=TAGS),
)
def test_no_picture_or_difference_of_pictures_rests_on_fewer_than_five_others(
    events_db, arrivals, change_at
):
    """Any arrival order over three groups, with the statements changed once on the way:
    record every picture the projector and admin page release (the whole and each group)
    after every send. Two responses are alike when every released picture holds both or
    neither; any sum or difference of pictures is the same for alike responses, so the
    finest thing anyone can compute is the total of one class of alike responses. Every
    class that is released at all has at least BLOCK_SIZE responses: a student who sent
    one of them still meets MIN_RESPONSES answers of others."""
    full = [s.id for s in ALL]
    changed = full[:-1]  # the content change drops the last statement
    with events_db() as session:
        event, _secret = service.create_event(
            session, "P", "full", False, service.utc_now() + service.DEFAULT_DURATION,
            groups=["10A", "10B", "10C"], access=models.OPEN, expected_size=100,
        )  # fmt: skip
        group_ids = [g.id for g in event.groups]
        groups = [(g.id, g.name) for g in event.groups]
        asked_sets: list[set[str]] = []
        released: set[frozenset[int]] = set()
        for n, g in enumerate(arrivals):
            asked = full if n < change_at else changed
            asked_sets.append(set(asked))
            sent = sending.submit_response(session, event, tagged(n, asked), asked, group_ids[g])
            assert sent is sending.Sent.STORED
            picture = session_picture(SHIPPED, ALL, sending.responses(session, event), groups)
            for shown in (picture.whole, *(p.picture for p in picture.groups)):
                released.add(members(shown, asked_sets))
        service.delete_event(session, event)
    signature = {
        n: frozenset(k for k, s in enumerate(sorted(released, key=sorted)) if n in s)
        for n in range(len(arrivals))
    }
    classes: dict[frozenset[int], list[int]] = {}
    for n, sig in signature.items():
        classes.setdefault(sig, []).append(n)
    for sig, alike in classes.items():
        if sig:  # released in some picture
            assert len(alike) >= BLOCK_SIZE, (sig, alike)
            assert len(alike) - SEATS_PER_STUDENT >= MIN_RESPONSES
    # And nothing is hidden for ever that has filled a block: a group with 6 waiting
    # responses of one content has sealed them.
    for g in range(3):
        for content in (True, False):
            waiting = [
                n
                for n, sig in signature.items()
                if not sig and arrivals[n] == g and (n < change_at) == content
            ]
            assert len(waiting) < BLOCK_SIZE


def test_pictures_between_two_sends_are_equal_or_differ_by_whole_blocks():
    """The simplest reading of the rule: as answers arrive one by one, the whole's basis
    moves only by whole blocks (here without groups: 0 until 6, then 6, 12, 18)."""
    bases = []
    for n in range(1, 20):
        sealed = n - n % BLOCK_SIZE
        responses = [Received(None, k // BLOCK_SIZE if k < sealed else None, student(k))
                     for k in range(n)]  # fmt: skip
        bases.append(session_picture(SHIPPED, CORE, responses).whole.basis)
    assert bases == [0] * 5 + [6] * 6 + [12] * 6 + [18] * 2
    for before, after in itertools.pairwise(bases):
        assert after - before in (0, BLOCK_SIZE)
