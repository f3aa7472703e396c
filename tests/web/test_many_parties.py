"""The quiz with several parties (examples/mange-partier: ten fictional ones), on the pages a
voter, a friend and a crawler see: every party named and ranked, X first for X's answers."""

from __future__ import annotations

import functools
import json
import re
import shutil

import pytest

from quiz.content.loader import load_catalogue, read_catalogue
from quiz.scoring.results import ranking, results
from quiz.voter.answers import Answers
from tests.data.many_parties import many_parties
from tests.helpers import EXAMPLE_DIR, answers_like, take_quiz, take_quiz_as

EXAMPLE = load_catalogue(EXAMPLE_DIR)


@pytest.fixture
def several(app_factory):
    return app_factory(STATEMENTS_DIR=EXAMPLE_DIR)


# Exactly a party's answers (its no answers skipped), and the quiz taken with them.
answers_of = functools.partial(answers_like, EXAMPLE)
take_as = functools.partial(take_quiz_as, catalogue=EXAMPLE)


def test_the_example_is_ten_fictional_parties_in_norwegian_alphabetical_order():
    names = [p.name for p in EXAMPLE.parties]
    assert len(names) == 10
    assert names[-2:] == ["Ærlighetspartiet", "Åpen liste"]  # æ, ø, å after z
    assert names == sorted(names[:-2]) + names[-2:]
    no_answers = sum(1 for p in EXAMPLE.parties for pos in p.positions.values() if not pos.answered)
    assert no_answers >= 10
    langs = {
        lang for p in EXAMPLE.parties for pos in p.positions.values() for lang in pos.reason or {}
    }
    assert langs == {"nb", "nn", "en"}


@pytest.mark.parametrize("party_id", [p.id for p in EXAMPLE.parties])
def test_a_voter_with_exactly_x_s_answers_sees_x_first(several, party_id):
    client = several.test_client()
    take_as(client, party_id)
    html = client.get("/resultat").get_data(as_text=True)
    ranked_names = re.findall(r'<span class="rank-name">([^<]+)</span>', html)
    assert len(ranked_names) == 10  # every party, none cut off
    assert ranked_names[0] == EXAMPLE.party(party_id).name.replace("Å", "Å")
    assert re.search(r'<span class="rank">1\.</span>', html)  # alone at the top: 100 %


def test_the_results_page_names_ranks_and_counts_every_party(several):
    client = several.test_client()
    given = take_as(client, "sykkelpartiet")
    html = client.get("/resultat").get_data(as_text=True)
    expected = ranking(results(EXAMPLE, Answers("full", given)))
    for _place, entry in enumerate(expected):
        party = entry.item.party
        assert f'<span class="rank-name">{party.name}</span>' in html
        assert f"Svarte på {party.answered_count} av {len(EXAMPLE.statements)} påstander." in html
        assert f'href="/resultat/parti/{party.id}"' in html
    # One compact table of areas × parties, and each statement once with every stance.
    assert html.count('<table class="group-table area-table">') == 1
    assert html.count('class="statement-result"') == len(EXAMPLE.statements)
    assert "Partiet:" not in html
    assert html.count('href="/pastander/') == len(EXAMPLE.statements)
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # every id once


def test_a_no_answer_is_shown_as_did_not_answer_and_counts_nothing(several):
    party = EXAMPLE.party("kaffepartiet")
    skipped = next(sid for sid, pos in party.positions.items() if not pos.answered)
    client = several.test_client()
    take_quiz(client, "full", "agree", catalogue=EXAMPLE)
    detail = client.get("/resultat/parti/kaffepartiet").get_data(as_text=True)
    statement = EXAMPLE.statement(skipped)
    row = detail[detail.index(f'<p id="t-{skipped}">') :]
    row = row[: row.index("</li>")]
    assert "Kaffe: <b>svarte ikke</b>" in row
    assert "teller ikke" in row
    assert statement.text["nb"] in row
    page = client.get(f"/pastander/{skipped}").get_data(as_text=True)
    assert "Kaffepartiet</a>: <b>svarte ikke</b>" in page


def test_detail_page_shows_the_partys_reasons_with_their_own_language(several):
    party = EXAMPLE.party("apen-liste")  # writes in English
    _sid, position = next((k, p) for k, p in party.positions.items() if p.reason)
    client = several.test_client()
    take_quiz(client, "full", "agree", catalogue=EXAMPLE)
    detail = client.get("/resultat/parti/apen-liste").get_data(as_text=True)
    assert f'<blockquote class="reason" lang="en">{position.reason["en"]}</blockquote>' in detail
    assert "Svar fra partiet" in detail
    assert client.get("/resultat/parti/ukjent").status_code == 404


def test_party_and_statement_pages_work_without_the_quiz(several):
    client = several.test_client()
    landing = client.get("/").get_data(as_text=True)
    assert "Hvilke partier er du mest enig med?" in landing
    assert 'href="/partier"' in landing
    index = client.get("/partier").get_data(as_text=True)
    for party in EXAMPLE.parties:
        assert f'href="/partier/{party.id}"' in index
        page = client.get(f"/partier/{party.id}").get_data(as_text=True)
        assert page.count('class="statement-result"') == len(EXAMPLE.statements)
    one = EXAMPLE.statements[0]
    page = client.get(f"/pastander/{one.id}").get_data(as_text=True)
    assert all(f'href="/partier/{p.id}"' in page for p in EXAMPLE.parties)
    assert client.get("/pastander/finnes-ikke").status_code == 404
    assert client.get("/partier/finnes-ikke").status_code == 404


def test_pages_speak_of_parties_not_of_one_programme(several):
    client = several.test_client()
    for path in ("/", "/om", "/metode", "/personvern", "/embed"):
        html = client.get(path).get_data(as_text=True)
        assert "ett partiprogram" not in html, path
        assert "dette ene programmet" not in html, path
        assert "enig med programmet" not in html, path
    assert "av 10 partier har bekreftet standpunktene sine" in client.get("/om").get_data(
        as_text=True
    )


def test_the_api_carries_every_partys_positions_and_the_score_api_no_reasons(several):
    client = several.test_client()
    doc = client.get("/api/v1/quiz").get_json()
    assert [p["id"] for p in doc["parties"]] == [p.id for p in EXAMPLE.parties]
    kaffe = EXAMPLE.party("kaffepartiet")
    for statement in doc["statements"]:
        assert len(statement["positions"]) == 10
        for position in statement["positions"]:
            assert position["set_by"] in ("party", "editors")
            stored = EXAMPLE.party(position["party"]).positions[statement["id"]]
            assert position["stance"] == stored.stance  # null for a no answer
            expected = stored.reason_in("nb")
            assert position["reason"] == (
                None if expected is None else {"lang": expected[0], "text": expected[1]}
            )
    assert any(
        p["stance"] is None
        for s in doc["statements"]
        for p in s["positions"]
        if p["party"] == kaffe.id
    )
    wanted = answers_of("tunnelpartiet")
    score = client.post("/api/v1/score", json={"answers": wanted}).get_json()
    assert "reason" not in json.dumps(score)
    best = max(score["parties"], key=lambda p: p["overall"])
    assert best["party"] == "tunnelpartiet" and best["overall"] == 100.0
    assert best["rank"] == 1
    assert sorted(p["rank"] for p in score["parties"])[0] == 1
    assert [p["party"] for p in score["parties"]] == [p.id for p in EXAMPLE.parties]


def test_the_embed_ranks_every_party(several):
    client = several.test_client()
    wanted = answers_of("elgpartiet", "short")
    body = json.dumps({"answers": wanted, "mode": "short"})
    html = client.post("/embed/svar", data=body, content_type="application/json").get_data(
        as_text=True
    )
    names = re.findall(r'<span class="rank-name">([^<]+)</span>', html)
    assert len(names) == 10 and names[0] == "Elgpartiet"
    assert "/resultat/parti/" not in html  # the detail page needs a session a frame lacks


def test_mark_label_says_it_doubles_within_its_area(app):
    client = app.test_client()
    take_quiz(client)
    html = client.get("/quiz/prioriteringer").get_data(as_text=True)
    assert "teller dobbelt i sitt område" in html


def test_statements_check_reports_parties_that_answered_little_and_unseparating_statements(
    tmp_path,
):
    catalogue, problems = read_catalogue(EXAMPLE_DIR)
    assert catalogue is not None  # reports, never refusals
    text = [str(p) for p in problems]
    assert any(
        "kaffepartiet.toml: answered 34 of 44 statements (77%), under 80%" in t for t in text
    )
    assert any("does not separate the parties" in t for t in text)
    assert all(p.level == "warning" for p in problems)
    # A real party may answer neutral on everything: reported, still valid.
    copy = tmp_path / "x"
    shutil.copytree(EXAMPLE_DIR / "parties", copy / "parties")
    (copy / "catalogue.toml").write_text(
        (EXAMPLE_DIR / "catalogue.toml")
        .read_text()
        .replace('"../../statements"', f'"{(EXAMPLE_DIR / "../../statements").resolve()}"')
    )
    party = copy / "parties" / "elgpartiet.toml"
    party.write_text(
        re.sub(r'stance = "(agree|disagree)"', 'stance = "neutral"', party.read_text())
    )
    catalogue, problems = read_catalogue(copy)
    assert catalogue is not None
    assert any("elgpartiet.toml: polarity: 0%" in str(p) for p in problems)


def test_one_party_that_answered_for_itself_without_a_programme_works(app_factory, tmp_path):
    app = app_factory(STATEMENTS_DIR=many_parties(tmp_path / "one", 1))
    client = app.test_client()
    for path in ("/", "/om", "/metode", "/personvern", "/embed", "/kort.png", "/program"):
        assert client.get(path).status_code == 200, path
    (only,) = load_catalogue(tmp_path / "one").parties
    take_quiz(client, "full", "agree", catalogue=load_catalogue(tmp_path / "one"))
    html = client.get("/resultat").get_data(as_text=True)
    share = re.search(r'id="share-url" type="url" readonly value="https?://[^/"]+(/r/[^"]+)"', html)
    page = client.get(share.group(1))
    assert page.status_code == 200
    assert f"Målt mot svarene til {only.name}." in page.get_data(as_text=True)
    assert client.get(share.group(1) + "/bilde.png").status_code == 200
