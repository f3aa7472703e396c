"""Shared test helpers: counts read from the shipped catalogue, so that editing the
content (adding, dropping or moving a statement) does not break tests about behaviour."""

from __future__ import annotations

from pathlib import Path

from quiz.content.loader import load_catalogue, read_catalogue

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = load_catalogue(ROOT / "statements")

FULL = len(SHIPPED.statements)  # statements in the full quiz
SHORT = len(SHIPPED.core_statements())  # statements in the short quiz
AREAS = len(SHIPPED.areas)

# A small fixture catalogue for the validator's tests (tests/data/mini): breaking a copy of
# it shows each rule's message without depending on the shipped statements.
MINI = Path(__file__).resolve().parent / "data" / "mini"


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a copied content file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def errors_of(directory: Path) -> list[str]:
    """The errors of an invalid catalogue, as the check command prints them."""
    catalogue, problems = read_catalogue(directory)
    assert catalogue is None
    return [str(p) for p in problems if p.level == "error"]
