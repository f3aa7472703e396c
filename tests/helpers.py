"""Shared test helpers: counts read from the shipped catalogue, so that editing the
content (adding, dropping or moving a statement) does not break tests about behaviour."""

from __future__ import annotations

from pathlib import Path

from quiz.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = load_catalogue(ROOT / "statements")

FULL = len(SHIPPED.statements)  # statements in the full quiz
SHORT = len(SHIPPED.core_statements())  # statements in the short quiz
AREAS = len(SHIPPED.areas)
