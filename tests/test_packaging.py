"""The wheel `pip install .` builds (what docs/deploying.md tells operators to run) holds
every package under quiz/ and the translations: packages are found, not listed by hand."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

from tests.helpers import ROOT


def test_the_wheel_holds_every_package_and_the_translations(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "quiz", source / "quiz", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), "."],
        cwd=source,
        check=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())

    packages = sorted(
        str(init.parent.relative_to(ROOT))
        for init in (ROOT / "quiz").rglob("__init__.py")
        if "__pycache__" not in init.parts
    )
    assert len(packages) >= 5  # quiz and its layers, at least
    for package in packages:
        assert f"{package}/__init__.py" in names, package
    for module in (ROOT / "quiz").rglob("*.py"):
        assert str(module.relative_to(ROOT)) in names, module
    for lang in ("nn", "en"):
        assert f"quiz/translations/{lang}/LC_MESSAGES/messages.po" in names
    assert "quiz/events/migrations/script.py.mako" in names
    assert "quiz/fonts/DejaVuSans.ttf" in names
