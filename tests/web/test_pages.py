from __future__ import annotations

import re
import shutil

import pytest

from quiz.content.editorial import disagree_share, method_figures
from quiz.scoring.probes import one_answer_to_everything
from quiz.web import content
from tests.helpers import FULL, SHIPPED, SHIPPED_DIR, shown_number, take_quiz

PROGRAMME = "/program/partiet-sentrum-baerum-2023-2027"


def test_programme_page_has_every_pledge_anchor(app, client):
    response = client.get(PROGRAMME)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    ids = re.findall(r'<li id="([^"]+)" class="pledge"', html)
    with app.app_context():
        programme = content.programmes()["partiet-sentrum-baerum-2023-2027"]
        expected = [p.id for p in programme.pledges]
    assert sorted(ids) == sorted(expected)
    assert len(ids) == 166
    assert "barum.partietsentrum.no/lokalt-valgprogram" in html
    assert "2023–2027" in html
    # The typo is shown as written, with the editor's note beside it.
    assert "alle i Trondheim skal" in html
    assert "Redaktørens merknad" in html


def test_programme_index_redirects_to_the_only_programme(client):
    response = client.get("/program")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(PROGRAMME)


def test_base_template_landmarks(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="nb">' in html
    assert 'class="skip-link" href="#main"' in html
    for path in ("/om", "/metode", "/personvern"):
        assert f'href="{path}"' in html
        assert client.get(path).status_code == 200


def test_unknown_path_is_a_friendly_404_in_the_chosen_language(client):
    response = client.get("/finnes-ikke")
    assert response.status_code == 404
    assert "Fant ikke siden" in response.get_data(as_text=True)
    response = client.get("/finnes-ikke", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)
    client.get("/sprak/nn")
    response = client.get("/program/finnes-ikke")
    assert response.status_code == 404
    assert "Fann ikkje sida" in response.get_data(as_text=True)


def test_language_choice_and_aliases(client):
    assert '<html lang="nn">' in client.get("/", headers={"Accept-Language": "nn-NO"}).text
    assert '<html lang="nb">' in client.get("/", headers={"Accept-Language": "no"}).text
    assert '<html lang="nb">' in client.get("/", headers={"Accept-Language": "nb-NO"}).text
    assert '<html lang="nb">' in client.get("/", headers={"Accept-Language": "de"}).text
    response = client.get("/sprak/en?next=/om")
    assert response.headers["Location"] == "/om"
    assert '<html lang="en">' in client.get("/").text


def test_language_switch_never_redirects_elsewhere(client):
    for target in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = client.get("/sprak/nb", query_string={"next": target})
        assert response.headers["Location"] == "/"
    assert client.get("/sprak/xx").status_code == 404


def test_security_headers(client):
    headers = client.get("/").headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"


def test_refuses_to_start_on_default_secret_outside_debug(tmp_path, monkeypatch):
    import pytest

    from quiz import create_app

    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"INSTANCE_PATH": tmp_path})


def test_programme_cli(runner):
    result = runner.invoke(args=["programme"])
    assert result.exit_code == 0
    assert "166 pledges" in result.output
    assert "Helse og omsorg [helse, chapter]: 32" in result.output
    assert "Rus: 5" in result.output
    assert "priority 1 repeats: samferdsel-1, samferdsel-2" in result.output


def test_method_page_explains_the_weights_with_the_real_numbers(client):
    html = client.get("/metode").get_data(as_text=True)
    figures = method_figures(SHIPPED)
    assert figures.priorities == 11
    for row in figures.rows:
        area = row.area
        assert (
            f'<th scope="row">{area.title["nb"]}</th><td>{area.pledges}</td>'
            f"<td>{area.priorities}</td><td>{shown_number(row.emphasis * 100)} %</td>"
            f"<td>{area.weight}</td>" in html
        )
    example = figures.example
    assert (
        f"Eksempel: {example.area.title['nb']} har {example.pledges} av 155 løfter og "
        f"{example.priorities} av 11 prioriteringer" in html
    )
    assert "veier alltid mer enn et område uten" in html
    assert "hopper du over påstander, teller de andre mer" in html  # shares assume no skips
    share = shown_number(disagree_share(SHIPPED.party("sentrum")) * 100)
    assert f"Partiet Sentrum Bærum er uenig i {share} % av påstandene." in html
    assert "ærlig påstand går foran" in html  # the honest share is below the aim: said so
    # Cheap agreement and status quo, with the figures `statements check` prints.
    short, full = (one_answer_to_everything(SHIPPED, m)["sentrum"] for m in ("short", "full"))
    assert (
        f"Svarer du «enig» på alt, blir du {shown_number(short)} % enig med Partiet Sentrum "
        f"Bærum i den korte testen og {shown_number(full)} % i den lange." in html
    )
    kept = sum(s.keeps_today for s in SHIPPED.statements)
    assert f"{kept} av påstandene foreslår å beholde en regel" in html
    assert "Partiet Sentrum Bærum er uenig i 7 av dem" in html
    assert "Vi sikter mot høyst 5 slike. Her er det flere" in html  # the warning, explained


def test_priorities_page_shows_each_default_weight(client):
    client.post("/quiz/start", data={"mode": "short"})
    html = client.get("/quiz/prioriteringer").get_data(as_text=True)
    for area in SHIPPED.areas:
        assert (
            f"Standard etter programmet: {area.weight} ({area.pledges} løfter, "
            f"{area.priorities} av prioriteringene)"
            if area.priorities
            else f"Standard etter programmet: {area.weight} ({area.pledges} løfter)"
        ) in html
        assert (
            f'id="w-{area.id}-{area.weight}" name="w_{area.id}" value="{area.weight}" checked'
            in html
        )


def test_statement_page_shows_the_source_under_the_explanation(client):
    client.post("/quiz/start", data={"mode": "full"})
    number = next(n for n, s in enumerate(SHIPPED.statements, start=1) if s.source)
    statement = SHIPPED.statements[number - 1]
    html = client.get(f"/quiz/{number}").get_data(as_text=True)
    assert f"Kilde: <span data-source-text>{statement.source['nb']}</span>" in html


def test_the_full_quiz_result_is_under_45_kb(client):
    take_quiz(client, "full", lambda n: ["agree", "disagree", "neutral"][n % 3])
    client.post("/quiz/prioriteringer", data={f"w_{a.id}": str(a.weight) for a in SHIPPED.areas})
    html = client.get("/resultat").get_data()
    assert html.count(b'<li class="statement-result') == FULL
    assert len(html) < 45 * 1024, len(html)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_product_name_is_the_same_in_every_language(client, lang):
    client.get(f"/sprak/{lang}")
    html = client.get("/").get_data(as_text=True)
    assert '<a class="brand" href="/">Programtesten</a>' in html
    assert "Programme test" not in html


def test_publisher_comes_from_settings_and_confirmation_from_the_party_file(app_factory, tmp_path):
    plain = app_factory().test_client()
    for page in ("/", "/om"):
        html = plain.get(page).get_data(as_text=True)
        assert "Partiet har ikke bekreftet standpunktene." in html
        assert "Utgiveren er ikke oppgitt." in html
    copy = tmp_path / "confirmed"
    shutil.copytree(SHIPPED_DIR, copy)
    party = copy / "parties" / "sentrum.toml"
    party.write_text(
        party.read_text().replace("[positions]", "confirmed = 2027-08-15\n\n[positions]")
    )
    configured = app_factory(
        PUBLISHER="Budstikka", PUBLISHER_CONTACT="valg@example.no", STATEMENTS_DIR=copy
    ).test_client()
    about = configured.get("/om").get_data(as_text=True)
    assert "Programtesten er utgitt av Budstikka." in about
    assert 'href="mailto:valg@example.no"' in about
    assert "Partiet bekreftet standpunktene 15. august 2027." in about
    assert "Utgitt av Budstikka." in configured.get("/").get_data(as_text=True)
