"""The questionnaire's rules for one answer: the content files' rules, checked as typed."""

from __future__ import annotations

import dataclasses

import pytest

from quiz.content.catalogue import Position
from quiz.questionnaire.answers import (
    Answer,
    is_source,
    missing,
    position_published,
    positions_hash,
    problems,
    statement_fingerprint,
)
from tests.helpers import SHIPPED

PROGRAMME = SHIPPED.party("sentrum").programme


def test_typed_text_is_kept_as_the_file_will_hold_it():
    answer = Answer.typed(
        "agree",
        {"nb": "  Første linje\r\nandre linje  ", "nn": "   ", "en": None},
        pledges=["helse-8", "helse-8", ""],
        source="  https://example.org/sak  ",
        comment="",
    )
    # CRLF as one line end, trimmed; an empty nn dropped; a pledge once.
    assert answer.reason == {"nb": "Første linje\nandre linje"}
    assert answer.pledges == ("helse-8",)
    assert answer.source == "https://example.org/sak"
    assert answer.comment is None


def test_a_reason_of_501_characters_is_refused_with_its_count():
    at_limit = Answer.typed("agree", {"nb": "a" * 500 + "   "})  # 500 after trimming
    assert problems(at_limit, None) == []
    over = Answer.typed("agree", {"nb": "a" * 500, "nn": "å" * 501})
    (problem,) = problems(over, None)
    assert (problem.field, problem.code, problem.count, problem.limit) == (
        "reason_nn", "too-long", 501, 500,
    )  # fmt: skip


def test_a_long_comment_is_refused():
    (problem,) = problems(Answer.typed("agree", {}, comment="x" * 1001), None)
    assert (problem.field, problem.count) == ("comment", 1001)


@pytest.mark.parametrize(
    ("address", "ok"),
    [
        ("https://example.org/sak/12", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("ftp://example.org/x", False),
        ("https://", False),
        ("https://exa mple.org", False),
        ("https://example.org/\x00", False),
        ("https://example.org/" + "a" * 500, False),
    ],
)
def test_a_source_is_an_http_or_https_address(address, ok):
    assert is_source(address) is ok
    found = problems(Answer(stance="agree", source=address), None)
    assert (found == []) is ok


def test_pledges_must_be_the_partys_own():
    assert problems(Answer(stance="agree", pledges=("helse-8",)), PROGRAMME) == []
    (unknown,) = problems(Answer(stance="agree", pledges=("helse-999",)), PROGRAMME)
    assert unknown.field == "pledges"
    # Without a programme loaded there is nothing to cite.
    assert problems(Answer(stance="agree", pledges=("helse-8",)), None)[0].field == "pledges"


def test_what_submitting_needs():
    assert missing(None) == "stance"
    assert missing(Answer(stance=None, reason={"nb": "x"})) == "stance"
    assert missing(Answer(stance="agree")) == "reason"
    assert missing(Answer(stance="agree", reason={"nn": "Berre nynorsk"})) == "reason"
    assert missing(Answer(stance="agree", reason={"nb": "Fordi"})) is None
    assert missing(Answer(stance="none")) is None  # no answer needs no reason


def test_a_changed_statement_has_another_fingerprint():
    statement = SHIPPED.statements[0]
    changed = dataclasses.replace(statement, text={**statement.text, "nb": "Noe annet."})
    assert statement_fingerprint(statement) == statement_fingerprint(statement)
    assert statement_fingerprint(changed) != statement_fingerprint(statement)


def test_the_hash_is_the_same_from_the_answer_and_from_the_loaded_file():
    answer = Answer(stance="none", reason={"nn": "Vi svarar ikkje.", "nb": "Vi svarer ikke."})
    loaded = Position(stance=None, reason={"nb": "Vi svarer ikke.", "nn": "Vi svarar ikkje."})
    assert positions_hash({"x": answer.published()}) == positions_hash(
        {"x": position_published(loaded)}
    )
    other = Position(stance="agree", reason={"nb": "Vi svarer ikke."})
    assert positions_hash({"x": answer.published()}) != positions_hash(
        {"x": position_published(other)}
    )
