"""The languages of the content and the pages: Bokmål by default, nynorsk and English."""

from __future__ import annotations

LANGUAGES = ("nb", "nn", "en")
DEFAULT_LANGUAGE = LANGUAGES[0]
