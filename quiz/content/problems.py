"""What the content validators report: one problem per file, statement and reason."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal


@dataclass(frozen=True)
class Problem:
    file: str
    statement: str | None
    message: str
    level: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.file}: {self.statement}" if self.statement else self.file
        return f"{self.level}: {where}: {self.message}"


def binding(problems: Iterable[Problem], strict: bool) -> list[Problem]:
    """The rules written for a quiz made from one programme bind the party it was made from
    (``strict``: errors as found), while the editors coded its positions; any other party,
    and that one once it answered the questionnaire itself, answered as it answered, so for
    it the same findings are reports an editor reads, never refusals."""
    return list(problems) if strict else [replace(p, level="warning") for p in problems]


class CatalogueError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.level == "error"]
        super().__init__(
            "the statement catalogue is invalid:\n" + "\n".join(f"  {p}" for p in errors)
        )
