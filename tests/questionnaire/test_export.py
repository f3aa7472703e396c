"""An approved submission leaves as a content file, written by tomli_w: every text a party
can type reads back exactly, the loader accepts the file, and a file edited after approval
shows where it differs."""

from __future__ import annotations

import datetime as dt
import shutil
import tomllib
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.content.loader import read_catalogue
from quiz.questionnaire.answers import Answer, positions_hash
from quiz.questionnaire.export import (
    PartyMeta,
    deployed_state,
    party_document,
    write_toml,
)
from tests.helpers import SHIPPED, SHIPPED_DIR, edit

OSLO = ZoneInfo("Europe/Oslo")
SUBMITTED = dt.datetime(2027, 5, 31, 22, 30, tzinfo=dt.UTC)  # 1 June in Oslo
NASTY = (
    'Tre anførselstegn: """ og \'\'\' og "sitat"\n'
    "ny linje, ]] og [[positions]] og \\ og \\u0041\r\n"
    "kontrolltegn \x00 \x07 \x1b \x7f, tab\t, "
    "retning \u202eRLO\u202c \u2066isolert\u2069 \u200f"
)


def record(stance: str, **reason: str) -> dict:
    answer = Answer(stance=stance, reason=reason)
    return answer.record() | {"set_on": SUBMITTED.isoformat(), "asked": "x"}


def document(answers: dict[str, dict], meta: PartyMeta | None = None) -> dict:
    return party_document(
        meta or PartyMeta(slug="fjordlista", name="Fjordlista"),
        answers,
        SUBMITTED,
        dt.date(2027, 6, 2),
        3,
        OSLO,
    )


def test_quotes_newlines_brackets_control_and_bidi_characters_round_trip():
    written = write_toml(document({"rus-straff": record("agree", nb=NASTY, en="plain")}), "Fjord")
    read = tomllib.loads(written)
    assert read["positions"]["rus-straff"]["reason"]["nb"] == NASTY
    assert read["positions"]["rus-straff"]["reason"]["en"] == "plain"
    # No direction mark is left raw in the file: a reviewer in git sees \u202E, not text
    # that reads in another order than it is stored.
    for mark in "\u202e\u202c\u2066\u2069\u200f":
        assert mark not in written
    assert "\\u202E" in written
    assert read["positions"]["rus-straff"]["set_on"] == dt.date(2027, 6, 1)  # Oslo's day
    assert read["set_by"] == "party" and read["confirmed"] == dt.date(2027, 6, 1)
    assert read["approved"] == {
        "on": dt.date(2027, 6, 2),
        "submission": 3,
        "hash": positions_hash(
            {"rus-straff": Answer(stance="agree", reason={"nb": NASTY, "en": "plain"}).published()}
        ),
    }


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["nb", "nn", "en"]),
        st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=80),
        min_size=1,
    )
)
def test_any_text_a_party_types_reads_back_exactly(reasons):
    written = write_toml(document({"bompenger": record("neutral", **reasons)}), "x")
    assert tomllib.loads(written)["positions"]["bompenger"]["reason"] == reasons


def test_the_exported_file_passes_the_check_and_holds_what_was_approved(tmp_path):
    content = tmp_path / "statements"
    shutil.copytree(SHIPPED_DIR, content)
    answers = {}
    for n, statement in enumerate(SHIPPED.statements):
        stance = ["agree", "disagree", "neutral", "none"][n % 4]
        answers[statement.id] = record(stance, nb=f"Fordi {n} <b>ikke fet</b>")
    meta = PartyMeta(
        slug="sentrum", name="Partiet Sentrum Bærum", programme="partiet-sentrum-baerum-2023-2027"
    )
    (content / "parties" / "sentrum.toml").write_text(
        write_toml(document(answers, meta), "header"), encoding="utf-8"
    )
    catalogue, problems = read_catalogue(content)
    assert catalogue is not None, [str(p) for p in problems if p.level == "error"]
    party = catalogue.party("sentrum")
    assert all(p.set_by == "party" for p in party.positions.values())
    assert party.positions[SHIPPED.statements[0].id].reason == {"nb": "Fordi 0 <b>ikke fet</b>"}
    assert party.positions[SHIPPED.statements[3].id].stance is None  # no answer
    assert deployed_state(answers, party).same

    # Edited by hand after approval: the overview names the statement.
    first = SHIPPED.statements[1].id
    edit(content / "parties" / "sentrum.toml", 'stance = "disagree"', 'stance = "agree"')
    changed, _problems = read_catalogue(content)
    state = deployed_state(answers, changed.party("sentrum"))
    assert not state.same and state.differing == (first,)
    assert state.hash_matches  # the recorded hash is still the approved one: the file lies
    edit(content / "parties" / "sentrum.toml", 'hash = "sha256:', 'hash = "sha256:0')
    assert not deployed_state(answers, read_catalogue(content)[0].party("sentrum")).hash_matches
    assert not deployed_state(answers, None).present
