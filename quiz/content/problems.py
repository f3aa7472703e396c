"""What the content validators report: one problem per file, statement and reason."""

from __future__ import annotations

from dataclasses import dataclass
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


class CatalogueError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.level == "error"]
        super().__init__(
            "the statement catalogue is invalid:\n" + "\n".join(f"  {p}" for p in errors)
        )
