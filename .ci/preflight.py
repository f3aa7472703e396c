#!/usr/bin/env python3
"""Before `make test`: is everything the tests need on this machine?

Reads .ci/requirements.tsv (command, Debian package, why). Where something is missing and
this is Debian with root or passwordless sudo, it installs exactly those packages; with
--check, or where it cannot install, it prints one line naming what is missing and the
command that installs it, and exits 1. Chromium may also be named by CHROMIUM_PATH.
Standard library only: it runs before any virtualenv exists.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REQUIREMENTS = Path(__file__).resolve().parent / "requirements.tsv"


def requirements() -> list[tuple[str, str, str]]:
    rows = []
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            command, package, why = line.split("\t")
            rows.append((command, package, why))
    return rows


def present(command: str) -> bool:
    if command.startswith("/"):
        return Path(command).exists()
    if command == "chromium" and os.environ.get("CHROMIUM_PATH"):
        return os.access(os.environ["CHROMIUM_PATH"], os.X_OK)
    return shutil.which(command) is not None


def missing() -> list[tuple[str, str, str]]:
    return [row for row in requirements() if not present(row[0])]


def can_install() -> list[str] | None:
    """The command prefix that installs packages here, or None."""
    if not Path("/etc/debian_version").exists() or not shutil.which("apt-get"):
        return None
    if os.geteuid() == 0:
        return []
    sudo = shutil.which("sudo")
    if sudo and subprocess.run([sudo, "-n", "true"], capture_output=True).returncode == 0:
        return [sudo, "-n"]
    return None


def main(argv: list[str]) -> int:
    absent = missing()
    if not absent:
        return 0
    packages = sorted({package for _command, package, _why in absent})
    install = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    prefix = None if "--check" in argv else can_install()
    if prefix is None:
        needs = ", ".join(f"{command} ({why})" for command, _package, why in absent)
        print(f"make test needs {needs}; install with: sudo {' '.join(install)}")
        return 1
    print(f"installing {' '.join(packages)} (missing for make test)", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*prefix, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run([*prefix, *install, "-qq"], check=True, env=env, stdout=subprocess.DEVNULL)
    still = missing()
    if still:
        print(f"still missing after install: {', '.join(c for c, _p, _w in still)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
