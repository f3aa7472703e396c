"""The quiz's steps (quiz/voter/steps.py), the same for the main quiz and the embed, and
the two driven side by side: the same presses end on the same page with the same answers."""

from __future__ import annotations

import re

import pytest

from quiz.voter import steps
from quiz.voter.answers import Answers
from tests.helpers import SHIPPED, SHORT

CORE = SHIPPED.statements_for("short")


def test_an_answer_goes_to_the_next_statement_not_yet_answered():
    answers = Answers("short", {CORE[1].id: "agree", CORE[2].id: "skip"})
    # Page 1 answered: pages 2 and 3 already are (a skip is an answer), so on to page 4.
    step = steps.answer(SHIPPED, answers, 1, "disagree")
    assert step.number == 4
    assert step.answers.given[CORE[0].id] == "disagree"
    # Changing page 2 goes on to the first open page after it, 4, not back to 1.
    assert steps.answer(SHIPPED, step.answers, 2, "neutral").number == 4


def test_the_last_answer_ends_the_quiz():
    given = {s.id: "agree" for s in CORE[:-1]}
    step = steps.answer(SHIPPED, Answers("short", given), SHORT, "skip")
    assert step.number is None  # every statement answered: the caller's end page
    assert len(step.answers.given) == SHORT


def test_a_skip_drops_the_mark_on_that_statement():
    answers = Answers("short", {CORE[0].id: "agree"}, frozenset({CORE[0].id}))
    assert steps.answer(SHIPPED, answers, 1, "skip").answers.important == frozenset()


def test_back_stops_at_the_first_page():
    assert steps.back(SHIPPED, Answers("short"), 3).number == 2
    assert steps.back(SHIPPED, Answers("short"), 1).number == 1


@pytest.mark.parametrize("number", [0, -1, SHORT + 1])
def test_a_page_outside_the_quiz_is_refused(number):
    with pytest.raises(steps.InvalidStep):
        steps.statement_at(SHIPPED, Answers("short"), number)
    with pytest.raises(steps.InvalidStep):
        steps.answer(SHIPPED, Answers("short"), number, "agree")
    with pytest.raises(steps.InvalidStep):
        steps.back(SHIPPED, Answers("short"), number)


@pytest.mark.parametrize("value", ["", "yes", "Agree", None])
def test_an_answer_off_the_scale_is_refused(value):
    with pytest.raises(steps.InvalidStep):
        steps.answer(SHIPPED, Answers("short"), 1, value)


def test_start_keeps_the_answers_and_begins_at_the_first_open_statement():
    given = {s.id: "agree" for s in CORE}
    full = SHIPPED.statements_for("full")
    first_new = next(n for n, s in enumerate(full, start=1) if s.id not in given)
    step = steps.start(SHIPPED, Answers("short", given), "full")
    assert (step.answers.mode, step.number, step.answers.given) == ("full", first_new, given)
    assert steps.start(SHIPPED, Answers("short", given), "short").number is None


def test_the_main_quiz_and_the_embed_take_the_same_steps(client):
    """The same presses, no JavaScript, in both: answer 1-3, back to 2, change it, go on.
    Both go from 2 to the first open page (4), and hold the same answers."""
    client.post("/quiz/start", data={"mode": "short"})
    frame = client.application.test_client(use_cookies=False)
    page = frame.post("/embed/quiz", data={"mode": "short", "lang": "nb"})

    def embed(**data):
        state = re.search(r'name="state" value="([^"]+)"', page.get_data(as_text=True))[1]
        return frame.post("/embed/quiz", data={"state": state, **data})

    for n, value in ((1, "agree"), (2, "disagree"), (3, "neutral")):
        assert client.post(f"/quiz/{n}", data={"answer": value}).headers["Location"] == (
            f"/quiz/{n + 1}"
        )
        page = embed(n=str(n), answer=value)
        assert f"Påstand {n + 1} av {SHORT}" in page.get_data(as_text=True)
    page = embed(n="4", go="prev")
    page = embed(n="3", go="prev")
    assert f"Påstand 2 av {SHORT}" in page.get_data(as_text=True)
    assert client.post("/quiz/2", data={"answer": "skip"}).headers["Location"] == "/quiz/4"
    page = embed(n="2", answer="skip")
    assert f"Påstand 4 av {SHORT}" in page.get_data(as_text=True)
