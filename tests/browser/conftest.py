"""Real Chromium (Debian's) through Playwright, against the app on a real HTTP server."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright
from werkzeug.serving import make_server

from tests.helpers import SHORT

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


class LiveServer:
    def __init__(self, app) -> None:
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.thread.join(5)


@pytest.fixture
def live_server(app_factory) -> Iterator[LiveServer]:
    app = app_factory(WTF_CSRF_ENABLED=True)
    with LiveServer(app) as server:
        yield server


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


class Visit:
    """A page plus the list of every request it made, to prove none left the origin."""

    def __init__(self, page: Page, origin: str) -> None:
        self.page = page
        self.origin = origin
        self.requests: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))

    def foreign_requests(self) -> list[str]:
        own = urlsplit(self.origin).netloc
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != own
        ]


@pytest.fixture
def visit(browser: Browser, live_server: LiveServer) -> Iterator[Visit]:
    context = browser.new_context(base_url=live_server.url, locale="nb-NO")
    page = context.new_page()
    yield Visit(page, live_server.url)
    context.close()


AXE = Axe()


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA rules; the list names each violation and its nodes."""
    results = AXE.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            "resultTypes": ["violations"],
        },
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def answer(page: Page, count: int, total: int, pick=lambda n: "agree") -> None:
    """Answer the next `count` statements by clicking, checking each page's progress label
    (the quiz must already show statement 1 of `total`)."""
    for n in range(1, count + 1):
        expect(page.locator(".progress-label")).to_have_text(f"Påstand {n} av {total}")
        page.locator(f"button[value={pick(n)}]").click()


def finish_short_quiz(page: Page, pick=lambda n: "agree") -> None:
    """From the landing page to the results page of the short quiz, answering by clicking."""
    page.goto("/")
    page.get_by_role("button", name="Start").click()
    answer(page, SHORT, SHORT, pick)
    page.get_by_role("button", name="Se resultatet").click()
    expect(page.locator("h1")).to_have_text("Resultatet ditt")
