"""Every page type is valid HTML by the Nu Html Checker (vnu.jar from npm, run with Java)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.site_tour import tour

VNU = ROOT / "tests/html/node_modules/vnu-jar/build/dist/vnu.jar"


def test_every_page_type_is_valid_html(app_factory, tmp_path):
    app = app_factory(WTF_CSRF_ENABLED=True)  # the pages as they ship, tokens and all
    pages = tour(app)
    assert len(pages) == 44
    with_forms = [name for name, html in pages.items() if 'method="post"' in html]
    assert with_forms, "the tour reached no page with a form"
    for name in with_forms:
        # Every form carries its CSRF token, except the embed pages': they have no cookie,
        # so no ambient authority a token would protect (quiz/web/views/embed.py).
        if name.startswith("embed"):
            assert 'name="csrf_token"' not in pages[name], name
        else:
            assert 'name="csrf_token"' in pages[name], name
    assert html_checker_problems(pages, tmp_path) == []


def html_checker_problems(pages: dict[str, str], folder: Path) -> list[str]:
    """The Nu Html Checker's errors on these pages ({name: html}), one line each naming the
    page, the message and the markup it is about. Fails the test when the checker is not
    installed (`make test` installs it): a missing checker is never a pass."""
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail(
            "the Nu Html Checker is missing: `make test` installs it (npm ci in tests/html)"
        )
    files = {}
    for i, (name, html) in enumerate(pages.items()):
        path = folder / f"page-{i}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path)] = name
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: {m['message']} "
        f"«{m.get('extract', '').strip()}»"
        for m in messages
    ]
