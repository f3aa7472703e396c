"""The statement catalogue: the shipped content is valid, and every broken kind is named."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from quiz import create_app
from quiz.catalogue import CatalogueError, load_catalogue, read_catalogue
from tests.conftest import DATA, ROOT
from tests.helpers import FULL, SHIPPED, SHORT

STATEMENTS = ROOT / "statements"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(STATEMENTS)


def test_shipped_catalogue_follows_the_rules(catalogue):
    assert 30 <= len(catalogue.statements) <= 45
    sentrum = catalogue.party("sentrum")
    stances = [p.stance for p in sentrum.positions.values()]
    assert len(stances) == len(catalogue.statements)  # a position on every statement
    assert 0.35 <= stances.count("disagree") / len(stances) <= 0.65
    assert 12 <= len(catalogue.core_statements()) <= 15
    for area in catalogue.areas:
        mine = [s for s in catalogue.statements if s.area == area.id]
        assert len(mine) >= 2, area.id
        assert any(s.core for s in mine), area.id
    for statement in catalogue.statements:
        assert set(statement.text) == {"nb", "nn", "en"}
        assert all(len(t) <= 160 for t in statement.text.values())
        assert "og/eller" not in statement.text["nb"]


def test_matching_arrays_are_immutable_and_aligned(catalogue):
    assert catalogue.stances.shape == (1, len(catalogue.statements))
    assert not catalogue.stances.flags.writeable
    with pytest.raises(ValueError):
        catalogue.stances[0, 0] = 0
    i = catalogue.statement_index("sone-2v-betalt")
    assert catalogue.stances[0, i] == -1  # disagree
    assert catalogue.areas[catalogue.area_of[i]].id == "samferdsel"
    # Statements are grouped by area, in the areas' order.
    assert list(catalogue.area_of) == sorted(catalogue.area_of)


def test_check_command_passes_and_prints_counts(runner):
    result = runner.invoke(args=["statements", "check"])
    assert result.exit_code == 0, result.output
    assert f"{FULL} statements, {SHORT} core" in result.output
    samferdsel = [s for s in SHIPPED.statements if s.area == "samferdsel"]
    core = sum(s.core for s in samferdsel)
    assert f"samferdsel: {len(samferdsel)} ({core} core)" in result.output
    stances = [p.stance for p in SHIPPED.party("sentrum").positions.values()]
    assert f"({stances.count('disagree') / len(stances):.0%} disagree)" in result.output
    assert "priorities covered: 11 of 11" in result.output


def test_draft_command_writes_skeletons_for_unused_pledges(runner, app):
    result = runner.invoke(args=["statements", "draft", "--area", "samferdsel"])
    assert result.exit_code == 0
    assert 'id = "samferdsel-3-utkast"' in result.output
    assert (
        'text.nb = "Kommunen bør prioritere bærekraftig, trafikksikker og menneskevennlig '
        'by- og tettstedsutvikling."' in result.output
    )
    # samferdsel-1 and -2 are used, so no draft for them.
    assert "samferdsel-1-utkast" not in result.output
    assert "helse-" not in result.output
    full = runner.invoke(args=["statements", "draft"]).output
    assert 'id = "klima-3-utkast"' in full
    # Priority 3 is used through the chapter pledge it repeats (klima-5).
    assert "prioritet-3-utkast" not in full


# --- one broken catalogue per error class ----------------------------------------------


@pytest.fixture
def copy(tmp_path):
    target = tmp_path / "statements"
    shutil.copytree(STATEMENTS, target)
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def errors_of(directory: Path) -> list[str]:
    catalogue, problems = read_catalogue(directory)
    assert catalogue is None
    return [str(p) for p in problems if p.level == "error"]


def test_unknown_pledge_id(copy):
    edit(copy / "parties/sentrum.toml", '"inkludering-2"', '"inkludering-999"')
    assert errors_of(copy) == [
        "error: statements/parties/sentrum.toml: flerkulturelt-rad: unknown pledge id 'inkludering-999'"
    ]


def test_duplicate_id(copy):
    edit(copy / "klima.toml", 'id = "bygge-nytt"', 'id = "dyrkbar-mark"')
    errors = errors_of(copy)
    assert (
        "error: statements/klima.toml: dyrkbar-mark: duplicate id (also in statements/klima.toml)"
        in errors
    )


def test_unknown_area(copy):
    edit(copy / "bolig.toml", 'area = "bolig"', 'area = "boliger"')
    errors = errors_of(copy)
    assert "error: statements/bolig.toml: leie-til-eie: unknown area 'boliger'" in errors


def test_missing_translation(copy):
    edit(copy / "samferdsel.toml", 'text.nn = "Kommunen bør bruke innkjøpa', '# text.nn = "')
    assert errors_of(copy) == [
        "error: statements/samferdsel.toml: nullutslipp-innkjop: missing translation: text in 'nn'"
    ]


def test_missing_explanation_translation(copy):
    edit(copy / "samferdsel.toml", 'explanation.en = "Zone 2V', '# explanation.en = "')
    assert errors_of(copy) == [
        "error: statements/samferdsel.toml: sone-2v-betalt: missing translation: explanation in 'en'"
    ]


def test_area_with_fewer_than_two_statements(copy):
    # Move one of the three livssyn statements elsewhere: livssyn keeps two, so instead
    # give samferdsel's third statement to klima and take one more away.
    edit(
        copy / "samferdsel.toml",
        'id = "buss-darlig-dekning"',
        'id = "buss-darlig-dekning"\narea = "klima"',
    )
    edit(
        copy / "samferdsel.toml",
        'id = "nullutslipp-innkjop"',
        'id = "nullutslipp-innkjop"\narea = "klima"',
    )
    errors = errors_of(copy)
    assert "error: statements/quiz.toml: area 'samferdsel' has 1 statements, fewer than 2" in errors


def test_polarity_outside_the_band(copy):
    path = copy / "parties/sentrum.toml"
    text = path.read_text(encoding="utf-8")
    # Flip nine disagree stances: 8 of 42 = 19 % disagree.
    for _ in range(9):
        text = text.replace('stance = "disagree"', 'stance = "agree"', 1)
    path.write_text(text, encoding="utf-8")
    assert errors_of(copy) == [
        "error: statements/parties/sentrum.toml: polarity: 19% of stances are 'disagree', outside 35%–65%"
    ]


def test_statement_count_outside_30_to_45(copy):
    # Duplicate the whole oppvekst file under new ids: 42 + 8 = 50 statements.
    text = (copy / "oppvekst.toml").read_text(encoding="utf-8")
    extra = re.sub(r'id = "([a-z0-9-]+)"', r'id = "\1-kopi"', text)
    (copy / "oppvekst-kopi.toml").write_text(extra, encoding="utf-8")
    errors = errors_of(copy)
    assert "error: statements/quiz.toml: statement count 50 is outside 30–45" in errors


def test_text_over_160_characters(copy):
    long = "Kommunen bør " + "bygge " * 30 + "mer."
    edit(copy / "livssyn.toml", "Religion bør holdes utenfor det offentlige rom.", long)
    assert errors_of(copy) == [
        f"error: statements/livssyn.toml: religion-offentlig: text in 'nb' is {len(long)} "
        "characters, over 160"
    ]


def test_core_set_missing_an_area(copy):
    edit(copy / "livssyn.toml", "core = true\n", "")
    assert errors_of(copy) == ["error: statements/quiz.toml: the core set misses area 'livssyn'"]


def test_bad_stance_and_unknown_statement(copy):
    edit(
        copy / "parties/sentrum.toml",
        'matpakke = { stance = "disagree"',
        'matpakke = { stance = "nei"',
    )
    edit(copy / "parties/sentrum.toml", "tegnsprak-valgfag =", "tegnspraak =")
    errors = errors_of(copy)
    assert (
        "error: statements/parties/sentrum.toml: matpakke: stance 'nei' is not agree/neutral/disagree"
        in errors
    )
    assert (
        "error: statements/parties/sentrum.toml: tegnspraak: position for an unknown statement"
        in errors
    )


def test_broken_toml_names_the_file(copy):
    (copy / "helse.toml").write_text("[[statement]\nid = ", encoding="utf-8")
    errors = errors_of(copy)
    assert any(e.startswith("error: statements/helse.toml: cannot read:") for e in errors)


def test_warnings_for_negation_and_joined_clauses(copy):
    edit(
        copy / "kultur.toml",
        "Kommunen bør gi ideelle organisasjoner",
        "Kommunen bør ikke gi ideelle organisasjoner",
    )
    catalogue, problems = read_catalogue(copy)
    assert catalogue is not None  # warnings do not stop the app
    warnings = [str(p) for p in problems if p.level == "warning"]
    assert (
        "warning: statements/kultur.toml: ideelle-avtaler: likely negation: write the statement positively"
        in warnings
    )
    assert any("religiose-kulturminner: 'og' may join two issues" in w for w in warnings)


def test_og_eller_is_an_error(copy):
    edit(
        copy / "kultur.toml",
        "langsiktige samarbeidsavtaler",
        "langsiktige og/eller faste samarbeidsavtaler",
    )
    assert errors_of(copy) == [
        "error: statements/kultur.toml: ideelle-avtaler: 'og/eller' joins two issues"
    ]


def test_check_command_exits_non_zero_on_an_invalid_catalogue(copy, runner):
    edit(copy / "parties/sentrum.toml", '"inkludering-2"', '"inkludering-999"')
    result = runner.invoke(args=["statements", "check", "--dir", str(copy)])
    assert result.exit_code == 1
    assert "flerkulturelt-rad: unknown pledge id 'inkludering-999'" in result.output


def test_app_refuses_to_start_on_an_invalid_catalogue(copy, tmp_path):
    edit(copy / "livssyn.toml", "core = true\n", "")
    with pytest.raises(CatalogueError, match="the core set misses area 'livssyn'"):
        create_app({"TESTING": True, "STATEMENTS_DIR": copy, "INSTANCE_PATH": tmp_path})


# --- several parties -------------------------------------------------------------------


def test_a_second_party_loads_validates_and_appears_in_the_api(copy, tmp_path):
    shutil.copytree(DATA / "fiktiv", copy, dirs_exist_ok=True)
    catalogue = load_catalogue(copy)
    assert [p.id for p in catalogue.parties] == ["fiktiv", "sentrum"]
    assert catalogue.stances.shape == (2, FULL)
    i = catalogue.statement_index("sone-2v-betalt")
    assert list(catalogue.stances[:, i]) == [1.0, -1.0]
    j = catalogue.statement_index("matpakke")
    assert np.isnan(catalogue.stances[0, j])  # no position: unknown, not 0

    app = create_app({"TESTING": True, "STATEMENTS_DIR": copy, "INSTANCE_PATH": tmp_path})
    data = app.test_client().get("/api/v1/quiz").get_json()
    assert [p["name"] for p in data["parties"]] == ["Fiktivt Testparti", "Partiet Sentrum Bærum"]
    sone = next(s for s in data["statements"] if s["id"] == "sone-2v-betalt")
    fiktiv = next(p for p in sone["positions"] if p["party"] == "fiktiv")
    assert fiktiv["stance"] == "agree"
    assert fiktiv["pledges"][0]["text"] == "beholde dagens billettpriser i sone 2V"
    assert fiktiv["pledges"][0]["url"].endswith("/program/fiktivt-testparti-2023-2027#samferdsel-1")
    page = app.test_client().get("/program/fiktivt-testparti-2023-2027")
    assert 'id="samferdsel-1"' in page.get_data(as_text=True)
