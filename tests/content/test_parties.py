"""Parties in the content: their files, positions, reasons, order and weights, as the
validator reads them (every problem named; reports for real parties, never refusals)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from quiz.content.loader import read_catalogue
from tests.helpers import EXAMPLE_DIR

STATEMENTS = (EXAMPLE_DIR / "../../statements").resolve()


@pytest.fixture
def example(tmp_path) -> Path:
    """A copy of the example of ten parties to change."""
    copy = tmp_path / "example"
    shutil.copytree(EXAMPLE_DIR, copy)
    catalogue = copy / "catalogue.toml"
    catalogue.write_text(
        catalogue.read_text().replace('"../../statements"', f'"{STATEMENTS}"'), encoding="utf-8"
    )
    return copy


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def errors_of(folder: Path) -> list[str]:
    _catalogue, problems = read_catalogue(folder)
    return [str(p) for p in problems if p.level == "error"]


def test_the_ballot_order_is_the_editors_and_checked(example):
    ballot = ["tunnelpartiet", "apen-liste", "bibliotekpartiet", "elgpartiet", "fjordlista",
              "kaffepartiet", "nabolagslista", "skogpartiet", "sykkelpartiet", "aerlighetspartiet"]  # fmt: skip
    edit(
        example / "catalogue.toml",
        'party_order = "alphabetical"',
        f'party_order = "ballot"\nballot = {ballot!r}'.replace("'", '"'),
    )
    catalogue, _problems = read_catalogue(example)
    assert [p.id for p in catalogue.parties] == ballot
    assert catalogue.party_order == "ballot"
    edit(example / "catalogue.toml", '"tunnelpartiet", ', "")
    edit(example / "catalogue.toml", '"elgpartiet"', '"elgpartiet", "ukjent"')
    errors = errors_of(example)
    assert any("ballot does not name the party 'tunnelpartiet'" in e for e in errors), errors
    assert any("ballot names an unknown party 'ukjent'" in e for e in errors), errors


def test_positions_are_checked_item_by_item(example):
    party = example / "parties" / "elgpartiet.toml"
    text = party.read_text(encoding="utf-8")
    first = re.search(r"^([a-z0-9-]+) = \{.*\}$", text, re.M)
    sid = first.group(1)
    long = "x" * 501
    edit(
        party,
        first.group(0),
        f'{sid} = {{ stance = "agree", reason.nb = "{long}", reason.de = "Ja", '
        f'source = "ftp://example.org", set_by = "someone" }}',
    )
    errors = errors_of(example)
    assert any(f"{sid}: set_by 'someone' is not one of party, editors" in e for e in errors)
    edit(party, ', set_by = "someone"', "")
    errors = errors_of(example)
    assert any(f"{sid}: source must be an https:// or http:// address" in e for e in errors)
    edit(party, ', source = "ftp://example.org"', "")
    errors = errors_of(example)
    assert any(f"{sid}: reason in 'nb' is 501 characters, over 500" in e for e in errors)
    assert any(f"{sid}: reason has an unknown language 'de'" in e for e in errors)


def test_a_stance_the_editors_coded_rests_on_something_to_check(example):
    party = example / "parties" / "elgpartiet.toml"
    edit(party, 'set_by = "party"', 'set_by = "editors"')
    errors = errors_of(example)
    assert any("a stance the editors coded needs the pledge ids or a source" in e for e in errors)
    # A no answer needs nothing; pledge ids need a parsed programme of the party.
    text = party.read_text(encoding="utf-8")
    sid = re.search(r"^([a-z0-9-]+) = \{", text, re.M).group(1)
    edit(party, 'set_by = "editors"', 'set_by = "party"')
    edit(party, f"{sid} = {{", f'{sid} = {{ pledges = ["helse-8"], ', 1)
    assert any(
        f"{sid}: pledge ids need the party's parsed programme" in e for e in errors_of(example)
    )


def test_the_editor_sets_every_area_weight_or_none(example):
    edit(example / "catalogue.toml", "weight = 3", "weight = 4")
    errors = errors_of(example)
    assert any("weight must be a whole number from 1 to 3" in e for e in errors), errors
    edit(example / "catalogue.toml", "weight = 4", "weight = 3")
    catalogue, _problems = read_catalogue(example)
    assert [a.weight for a in catalogue.areas] == [3, 2, 2, 3, 2, 3, 1, 1]
    assert all(a.pledges is None for a in catalogue.areas)  # nothing claims a programme
