"""How many responses a session takes: one per seat issued, or for an open session a
margin over its stated size. No Flask."""

from __future__ import annotations

from .models import Event

# The stated size: a class by default, a whole school at most. Responses are accepted up to
# CAPACITY_FACTOR times it, so a teacher who guessed a little low loses nobody, while a
# flood cannot fill the disk.
DEFAULT_SIZE = 35
MAX_SIZE = 1000
CAPACITY_FACTOR = 1.5


def capacity(expected_size: int) -> int:
    """How many responses an open session accepts: 1.5 times the stated size (100 -> 150)."""
    return int(expected_size * CAPACITY_FACTOR)


def places(event: Event) -> int:
    """How many responses a session accepts: one per seat issued, or for an open session
    1.5 times its stated size."""
    return event.seats_issued if event.needs_seat else capacity(event.expected_size)


# The most seats one session can have: a whole school, with the same margin as an open one.
MAX_SEATS = capacity(MAX_SIZE)
