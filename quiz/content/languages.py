"""The languages of the content and the pages: Bokmål by default, nynorsk and English."""

from __future__ import annotations

# Each language's name in itself, as the language switch shows it; the order is the pages'.
LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}
LANGUAGES = tuple(LANGUAGE_NAMES)
DEFAULT_LANGUAGE = LANGUAGES[0]
