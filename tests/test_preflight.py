"""The preflight of `make test`: on a machine without what the tests need, one line says
what is missing and how to install it, before anything runs deep inside pytest."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from tests.helpers import ROOT

PREFLIGHT = ROOT / ".ci" / "preflight.py"


def run(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(PREFLIGHT), "--check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )


def path_without_chromium(tmp_path) -> str:
    """A PATH holding everything the tests need except Chromium."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for command in ("pg_virtualenv", "java", "npm"):
        found = shutil.which(command)
        assert found, f"{command} should be on this machine (make test's preflight ran)"
        (bin_dir / command).symlink_to(found)
    return str(bin_dir)


def test_a_path_without_chromium_is_named_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "CHROMIUM_PATH"}
    result = run({**env, "PATH": path_without_chromium(tmp_path)})
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert lines == [
        "make test needs chromium (browser tests); "
        "install with: sudo apt-get install -y --no-install-recommends chromium"
    ]


def test_chromium_may_be_named_by_chromium_path(tmp_path):
    fake = tmp_path / "my-chromium"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    env = {**os.environ, "CHROMIUM_PATH": str(fake), "PATH": path_without_chromium(tmp_path)}
    assert run(env).returncode == 0


def test_this_machine_has_everything():
    result = run(dict(os.environ))
    assert (result.returncode, result.stdout) == (0, "")
