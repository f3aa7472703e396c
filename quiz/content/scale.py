"""The answer scale and the shape of ids: one definition for content, scoring and the API.

A party's stance and a voter's answer share one scale: agree = +1, neutral = 0,
disagree = -1 (a voter may also skip; see quiz.scoring.matching). Their words, in the
language of the page, are web.templating.answer_labels.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

STANCE_VALUES: Mapping[str, float] = MappingProxyType(
    {"agree": 1.0, "neutral": 0.0, "disagree": -1.0}
)
STANCES = tuple(STANCE_VALUES)  # in the order pages list them
SKIP = "skip"
# A voter's answers: a stance, or skip (counted neither for nor against; quiz.scoring.matching).
ANSWERS: tuple[str, ...] = (*STANCES, SKIP)
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,47}$")
