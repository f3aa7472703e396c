"""Headers, error pages, size limits and logs: safe under bad input, never a 500 page."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from quiz.events import db
from tests.helpers import ROOT
from tests.servers import AppServer, Browserless, create_event, free_port


def test_security_headers_on_every_kind_of_response(client):
    for path in ("/", "/api/v1/quiz", "/finnes-ikke", "/static/css/app.css", "/healthz"):
        with client.get(path) as response:
            headers = response.headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert "camera=()" in headers["Permissions-Policy"]
        assert "Strict-Transport-Security" not in headers  # plain HTTP here


def test_https_deployment_gets_hsts_secure_cookies_and_trusts_one_proxy(app_factory):
    app = app_factory(
        HTTPS=True, SESSION_COOKIE_SECURE=True, PROXY_HOPS=1, PUBLIC_HOSTS=["quiz.example"]
    )
    client = app.test_client()
    response = client.post("/quiz/start", data={"mode": "short"}, base_url="https://quiz.example")
    assert "max-age=" in response.headers["Strict-Transport-Security"]
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    # Behind one proxy: its X-Forwarded-Proto and Host are believed, so links are https.
    data = client.get(
        "/api/v1/quiz",
        headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "quiz.example"},
    ).get_json()
    assert data["parties"][0]["programme_url"].startswith("https://quiz.example/program/")


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "code", "nb", "en"),
    [
        (
            "post",
            "/event/bli-med",
            {"data": {"code": "x"}},
            400,
            "Koden har åtte tegn",
            "The code has eight characters",
        ),
        ("get", "/event/AAAAAA/oversikt/x", {}, 404, "Fant ikke siden", "Page not found"),
        ("get", "/finnes-ikke", {}, 404, "Fant ikke siden", "Page not found"),
        ("get", "/quiz/start", {}, 405, "Metoden er ikke tillatt", "Method not allowed"),
        (
            "post",
            "/quiz/1",
            {"data": {"answer": "x" * 70_000}},
            413,
            "For mye data",
            "Too much data",
        ),
    ],
)
def test_error_pages_are_friendly_and_translated(client, method, path, kwargs, code, nb, en):
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == code
    assert nb in response.get_data(as_text=True)
    response = getattr(client, method)(path, headers={"Accept-Language": "en"}, **kwargs)
    assert en in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)


def test_403_429_and_500_pages(app_factory, caplog):
    app = app_factory(CREATE_EVENT_LIMIT="1 per hour")

    @app.get("/boom")
    def boom():
        secret_answers = {"matpakke": "disagree"}  # noqa: F841  (must not reach the log)
        raise ZeroDivisionError("disagree")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = app.test_client()
    with caplog.at_level(logging.INFO):
        response = client.get("/boom")
    assert response.status_code == 500
    assert "Noe gikk galt" in response.get_data(as_text=True)
    assert "ZeroDivisionError" not in response.get_data(as_text=True)
    messages = [r.getMessage() for r in caplog.records]
    assert any("unhandled ZeroDivisionError at" in m and "/boom" in m for m in messages)
    for record in caplog.records:
        assert "disagree" not in record.getMessage()
        assert record.exc_info is None  # no traceback in any log line

    client.post("/event/ny", data={"name": "a", "mode": "short"})
    limited = client.post("/event/ny", data={"name": "b", "mode": "short"})
    assert limited.status_code == 429
    assert "For mange forespørsler" in limited.get_data(as_text=True)

    code = client.post("/event/ny", data={"name": "c"}).status_code
    assert code == 429
    assert client.get("/boom", headers={"Accept": "application/json"}).status_code == 500


def test_api_errors_are_json(client):
    for response, code in (
        (client.get("/api/v1/finnes-ikke"), 404),
        (client.put("/api/v1/score"), 405),
        (client.post("/api/v1/score", data="x" * 70_000), 413),
        (client.post("/api/v1/score", data="{"), 400),
    ):
        assert response.status_code == code
        assert response.is_json
        assert set(response.get_json()) >= {"error", "detail"}


def test_static_urls_are_fingerprinted_and_long_cached(client):
    html = client.get("/").get_data(as_text=True)
    assert "/static/css/app.css?v=" in html
    with client.get("/static/css/app.css") as response:
        assert "max-age=31536000" in response.headers["Cache-Control"]


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"


def test_gunicorn_access_log_masks_the_secrets_and_has_no_addresses(tmp_path):
    log = tmp_path / "access.log"
    url = f"sqlite:///{tmp_path / 'log.sqlite3'}"
    db.upgrade(url)
    with AppServer(url, workers=1, access_log=str(log)) as server:
        code, admin, projector = create_event(server.url)
        assert Browserless(server.url).get(admin)[0] == 200
        assert Browserless(server.url).get(projector)[0] == 200
        secret = admin.rsplit("/", 1)[1]
        token = projector.rsplit("/", 1)[1]
    text = log.read_text()
    assert f'/event/{code}/admin/…"' in text
    assert f'/event/{code}/skjerm/…"' in text
    assert secret not in text
    assert token not in text
    assert "127.0.0.1" not in text


NGINX = Path("/usr/sbin/nginx")


def test_the_nginx_example_logs_no_secret(tmp_path):
    """The log lines of docs/deploying.md's nginx example, as written there, in Debian's
    nginx: the admin secret, the projector token and the old admin links are masked in the
    logged path, and no client address is written."""
    if not NGINX.exists():
        if os.environ.get("CI"):
            pytest.fail("CI must run nginx: .ci/requirements.tsv lists nginx-light")
        pytest.skip("no nginx here; `make test` installs it (.ci/requirements.tsv)")
    deploying = (ROOT / "docs" / "deploying.md").read_text(encoding="utf-8")
    block = deploying.split("```nginx", 1)[1].split("```", 1)[0]
    mapping = re.search(r"^map \$uri \$uri_redacted \{.*?^\}", block, re.M | re.S)[0]
    log_format = re.search(r"^log_format combined_noip .*;$", block, re.M)[0]
    assert "$uri_redacted" in log_format and "$remote_addr" not in log_format
    port = free_port()
    (tmp_path / "nginx.conf").write_text(
        f"""
daemon off;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{}}
http {{
    {mapping}
    {log_format}
    access_log {tmp_path}/access.log combined_noip;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    server {{ listen 127.0.0.1:{port}; location / {{ return 204; }} }}
}}
"""
    )
    process = subprocess.Popen([str(NGINX), "-p", str(tmp_path), "-c", "nginx.conf"])
    secret, token = "S3cr3t-admin-value_x", "pr0jector-T0ken"
    paths = [
        f"/event/K7P2QX9M/admin/{secret}",
        f"/event/K7P2QX9M/admin/{secret}/plasser",
        f"/event/K7P2QX9M/admin/{secret}/fordeling.csv",
        f"/event/K7P2QX9M/skjerm/{token}",
        f"/event/K7P2QX9M/skjerm/{token}/samtaleark",
        f"/event/K7P2QX/oversikt/{secret}",
        f"/svar/{secret}",
        f"/svar/{secret}/pastand/rus-straff",
        "/quiz/1",
    ]
    try:
        for path in paths:
            for _attempt in range(50):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5):
                        break
                except OSError:
                    time.sleep(0.1)
    finally:
        process.terminate()
        process.wait(10)
    log = (tmp_path / "access.log").read_text()
    assert secret not in log and token not in log
    assert "127.0.0.1" not in log
    assert '"GET /event/K7P2QX9M/admin/.../plasser"' in log
    assert '"GET /event/K7P2QX9M/skjerm/..."' in log
    assert '"GET /event/K7P2QX/oversikt/..."' in log
    assert '"GET /svar/..."' in log  # a party's questionnaire link
    assert '"GET /svar/.../pastand/rus-straff"' in log
    assert '"GET /quiz/1"' in log
