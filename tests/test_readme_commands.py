"""The README's commands that serve the app, run as a newcomer runs them: `make run` (the
shipped quiz) and `make run-example` (the example of ten parties), each on a free port,
until the landing page answers; then stopped."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import urllib.request

import pytest

from tests.helpers import ROOT
from tests.servers import free_port


@pytest.mark.parametrize(
    ("target", "heading"),
    [
        ("run", "Hvor enig er du med Partiet Sentrum Bærum?"),
        ("run-example", "Hvilke partier er du mest enig med?"),
    ],
)
def test_the_readme_command_serves_the_app(target, heading):
    assert f"make {target}" in (ROOT / "README.md").read_text(encoding="utf-8")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "STATEMENTS_DIR"}
    process = subprocess.Popen(
        ["make", "--no-print-directory", target, f"PORT={port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline, html = time.monotonic() + 120, None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as reply:
                    html = reply.read().decode()
                    break
            except OSError:
                time.sleep(0.5)
        assert html is not None, process.stdout.read().decode() if process.poll() else "no answer"
        assert re.search(rf"<h1>{re.escape(heading)}</h1>", html)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
        process.stdout.close()
