"""Random JSON at the API and random form data at every form: nothing answers 5xx."""

from __future__ import annotations

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import EXAMPLE_DIR, SHIPPED, AppFactory, csrf_token_of

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=30), children, max_size=5)
    ),
    max_leaves=20,
)
# Ids read from the catalogue (so content edits do not blunt the fuzz), and ids it lacks.
statement_ids = st.sampled_from([s.id for s in SHIPPED.statements] + ["nope", ""])
area_ids = st.sampled_from([a.id for a in SHIPPED.areas] + ["x"])
score_bodies = st.fixed_dictionaries(
    {},
    optional={
        "answers": st.dictionaries(statement_ids | st.text(max_size=10), json_values, max_size=6),
        "important": st.lists(statement_ids | json_values, max_size=5),
        "area_weights": st.dictionaries(area_ids, json_values, max_size=4),
        "extra": json_values,
    },
)


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory):
    factory = AppFactory(tmp_path_factory.mktemp("fuzz"))
    yield factory()
    factory.close()


@FUZZ
@given(body=score_bodies | json_values)
def test_random_json_at_the_score_api(fuzz_app, body):
    client = fuzz_app.test_client()
    response = client.post("/api/v1/score", data=json.dumps(body), content_type="application/json")
    assert response.status_code in (200, 400), response.get_data(as_text=True)
    assert response.is_json


@FUZZ
@given(raw=st.binary(max_size=300))
def test_random_bytes_at_the_score_api(fuzz_app, raw):
    response = fuzz_app.test_client().post("/api/v1/score", data=raw)
    assert response.status_code in (200, 400)


FORMS = [
    "/quiz/start",
    "/quiz/1",
    "/quiz/14",
    "/quiz/prioriteringer",
    "/quiz/slett",
    "/quiz/svar",
    "/resultat",
    "/event/ny",
    "/event/bli-med",
    "/event/send",
    "/event/forlat",
    "/e/ABCDEF",
]
form_fields = st.dictionaries(
    st.sampled_from(
        ["answer", "important", "mode", "name", "code", "ends", "kiosk", "confirm", "w_helse",
         "w_klima", "csrf_token", "data", "viktig"]
    )
    | st.text(max_size=12),
    st.text(max_size=200) | st.sampled_from(["agree", "skip", "3", "-1", "short", "y", ""]),
    max_size=8,
)  # fmt: skip


@pytest.fixture(scope="module", params=[False, True], ids=["no-csrf", "csrf"])
def form_app(request, tmp_path_factory):
    factory = AppFactory(tmp_path_factory.mktemp("forms"))
    yield factory(WTF_CSRF_ENABLED=request.param)
    factory.close()


@FUZZ
@given(path=st.sampled_from(FORMS), data=form_fields, with_token=st.booleans())
def test_random_form_data_at_every_form(form_app, path, data, with_token):
    client = form_app.test_client()
    if with_token:
        html = client.get("/").get_data(as_text=True)
        data = {**data, "csrf_token": csrf_token_of(html)}
    response = client.post(path, data=data)
    assert response.status_code < 500, (path, data, response.status_code)
    assert client.get("/").status_code == 200


# --- schemathesis against the published OpenAPI document --------------------------------


@pytest.mark.parametrize("content", ["shipped", "several parties"])
def test_api_conforms_to_its_openapi_document(app_factory, content):
    """Every documented operation, with generated valid and invalid input: no 5xx, and every
    response matches its documented status, content type and schema; for the shipped quiz
    and for the example of ten parties (no answers, reasons, who set each position)."""
    config = {"STATEMENTS_DIR": EXAMPLE_DIR} if content == "several parties" else {}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app_factory(**config))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} == {"/api/v1/quiz", "/api/v1/score"}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
        def check(case):
            # The WSGI transport does not decompress; compression has its own tests.
            case.call_and_validate(headers={"Accept-Encoding": "identity"})

        check()
