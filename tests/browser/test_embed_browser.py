"""The quiz in an iframe on another site, in Debian's Chromium: a host page on
http://localhost:<port> frames the app on http://127.0.0.1:<port> (another site), with
JavaScript and without; no cookie is set or needed; a site not allowed cannot frame it."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LiveServer, axe_violations
from tests.helpers import SHORT
from tests.servers import free_port

HOST_PAGE = """<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>Lokalavisa</title></head>
<body><h1>Lokalavisa: valget</h1>
<iframe src="{app}/embed?lang=nb" data-programtesten title="Programtesten"
        style="width: 100%; height: 300px; border: 0"></iframe>
<script src="{app}/static/js/embed-host.js"></script>
</body></html>"""


@contextmanager
def host_site(directory: Path, app_url: str) -> Iterator[str]:
    """A newspaper's page on its own site: http://localhost:<port>/."""
    (directory / "index.html").write_text(HOST_PAGE.format(app=app_url), encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture
def sites(app_factory, tmp_path) -> Iterator[tuple[str, str, str]]:
    """(allowed host, a host not allowed, the app)."""
    allowed_dir, other_dir = tmp_path / "avisa", tmp_path / "annen"
    allowed_dir.mkdir()
    other_dir.mkdir()
    port = free_port()
    allowed = f"http://localhost:{port}"
    app = app_factory(WTF_CSRF_ENABLED=True, EMBED_ALLOWED_ORIGINS=allowed)
    with LiveServer(app) as server:
        (allowed_dir / "index.html").write_text(HOST_PAGE.format(app=server.url), encoding="utf-8")
        handler = functools.partial(
            http.server.SimpleHTTPRequestHandler, directory=str(allowed_dir)
        )
        handler.log_message = lambda *args: None  # type: ignore[method-assign]
        host = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        thread = threading.Thread(target=host.serve_forever, daemon=True)
        thread.start()
        try:
            with host_site(other_dir, server.url) as other:
                yield allowed, other, server.url
        finally:
            host.shutdown()
            host.server_close()
            thread.join(5)


def test_the_quiz_in_a_frame_with_javascript(browser, sites):
    allowed, _other, app_url = sites
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(allowed + "/")
    frame = page.frame_locator("iframe[data-programtesten]")
    expect(frame.locator("h1")).to_contain_text("Hvor enig er du med")
    iframe = page.locator("iframe[data-programtesten]")
    # The host's script fits the frame to the page inside it.
    expect(iframe).not_to_have_attribute("style", "width: 100%; height: 300px; border: 0")
    frame.get_by_role("button", name="Start").click()
    for n in range(1, SHORT + 1):
        expect(frame.locator(".progress-label")).to_have_text(f"Påstand {n} av {SHORT}")
        frame.locator("button[value=agree]" if n % 2 else "button[value=disagree]").click()
    expect(frame.locator("h1")).to_have_text("Resultatet ditt")
    expect(frame.locator("[data-overall-number]")).to_be_visible()
    # The frame is as tall as the result inside it (the host script heard the frame).
    page.wait_for_function(
        """() => {
            const frame = document.querySelector('iframe[data-programtesten]');
            const inner = frame.contentDocument === null ? null : 0;  // cross-site: no access
            return inner === null && frame.offsetHeight > 1000;
        }"""
    )
    inner = page.frames[1].evaluate("document.documentElement.getBoundingClientRect().height")
    height = iframe.bounding_box()["height"]
    assert abs(height - inner) <= 2, (height, inner)
    # The statements were answered in the browser: one request carried every answer.
    posts = [url for url in requests if url.startswith(app_url + "/embed/")]
    assert posts.count(app_url + "/embed/quiz") == 1  # the start
    assert posts.count(app_url + "/embed/svar?lang=nb") == 1
    # Nothing but the host page and the app; no cookie for either.
    assert all(url.startswith((allowed, app_url)) for url in requests), requests
    assert context.cookies() == []
    assert axe_violations(page.frames[1]) == []
    context.close()


def test_the_quiz_in_a_frame_without_javascript(browser, sites):
    allowed, _other, _app = sites
    context = browser.new_context(locale="nb-NO", java_script_enabled=False)
    page = context.new_page()
    page.goto(allowed + "/")
    frame = page.frame_locator("iframe[data-programtesten]")
    frame.get_by_role("button", name="Start").click()
    for n in range(1, SHORT + 1):
        expect(frame.locator(".progress-label")).to_have_text(f"Påstand {n} av {SHORT}")
        frame.locator("button[value=neutral]" if n == 3 else "button[value=agree]").click()
    expect(frame.locator("h1")).to_have_text("Resultatet ditt")
    assert context.cookies() == []
    context.close()


def test_a_site_not_allowed_cannot_frame_it(browser, sites):
    _allowed, other, app_url = sites
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    refused = []
    page.on(
        "response",
        lambda r: (
            refused.append(r.headers.get("content-security-policy", ""))
            if r.url.startswith(app_url + "/embed")
            else None
        ),
    )
    page.goto(other + "/", wait_until="load")
    assert len(page.frames) == 2
    frame = page.frames[1]
    frame.wait_for_load_state()
    # The app answered, and its policy named only the allowed site: Chromium refused to
    # show it and put its own error page in the frame.
    assert (
        refused
        and other not in refused[0]
        and "frame-ancestors 'self' http://localhost:" in refused[0]
    )
    assert frame.url.startswith("chrome-error://"), frame.url
    assert frame.locator("main").count() == 0
    context.close()
