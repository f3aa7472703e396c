"""The codes people type or read out: a session's join code and a student's seat code.
No look-alike letters; typed with or without spaces and hyphens, in any case. No Flask.

The arithmetic of their length against guessing is in docs/school-sessions.md.
"""

from __future__ import annotations

import hashlib
import secrets

# No look-alikes: no 0/O, no 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
# 31^8 = 8.5 * 10^11 codes: guessing a live one at the failed-lookup limit is impractical
# (the arithmetic is in docs/school-sessions.md). Sessions made before codes grew keep
# their six letters until they end (30 days at most).
CODE_LENGTH = 8
LEGACY_CODE_LENGTH = 6
# A seat code: what a student types once, from a slip the teacher hands out.
SEAT_LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _normalise(text: str | None, lengths: tuple[int, ...]) -> str | None:
    if not text or len(text) > 40:
        return None
    code = "".join(text.split()).replace("-", "").upper()
    if len(code) not in lengths or any(c not in CODE_ALPHABET for c in code):
        return None
    return code


def normalise_code(text: str | None) -> str | None:
    """What a student typed ("k7p2-qx9m") -> a session code, or None if it cannot be one."""
    return _normalise(text, (CODE_LENGTH, LEGACY_CODE_LENGTH))


def normalise_seat(text: str | None) -> str | None:
    """What a student typed from their slip -> a seat code, or None if it cannot be one."""
    return _normalise(text, (SEAT_LENGTH,))


def display_code(code: str) -> str:
    """K7P2QX9M -> K7P2-QX9M: two groups of four are easier to read out and type."""
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


def hash_secret(secret: str) -> str:
    """What is kept of a secret or a seat: its SHA-256, never the thing itself."""
    return hashlib.sha256(secret.encode()).hexdigest()
