"""Reading the content's TOML files; every problem names the file it is in."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .languages import LANGUAGES
from .problems import Problem


def read_toml(path: Path, root: Path, problems: list[Problem]) -> dict[str, Any] | None:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problems.append(Problem(rel(path, root), None, f"cannot read: {exc}"))
        return None


def rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def texts(
    value: Any, what: str, file: str, sid: str | None, problems: list[Problem]
) -> dict[str, str] | None:
    if not isinstance(value, dict):
        problems.append(Problem(file, sid, f"{what} must be a table of nb, nn and en texts"))
        return None
    out: dict[str, str] = {}
    for lang in LANGUAGES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(file, sid, f"missing translation: {what} in {lang!r}"))
        else:
            out[lang] = text.strip()
    for lang in set(value) - set(LANGUAGES):
        problems.append(Problem(file, sid, f"{what} has an unknown language {lang!r}"))
    return out
