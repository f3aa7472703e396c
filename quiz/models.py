"""SQLAlchemy models: what users create (school events and their anonymous responses)."""

from __future__ import annotations

from .db import Base  # noqa: F401
