"""The languages of the content and the pages: Bokmål by default, nynorsk and English.
Everything that differs by language but is no translation is here, one table a fact; a test
(tests/web/test_vocabulary.py) checks that each covers every language."""

from __future__ import annotations

# Each language's name in itself, as the language switch shows it; the order is the pages'.
LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}
LANGUAGES = tuple(LANGUAGE_NAMES)
DEFAULT_LANGUAGE = LANGUAGES[0]

# What browsers and links send, read as one of ours: "no" is bokmål in practice.
ALIASES = {"no": "nb", **{code: code for code in LANGUAGES}}
# Open Graph's locale of a page (og:locale).
OG_LOCALES = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}
# The decimal mark: 72,5 in Norwegian, 72.5 in English.
DECIMAL_MARKS = {"nb": ",", "nn": ",", "en": "."}
# A date with a time of day: "4. desember kl. 11.50" (Språkrådet's advice for bokmål and
# nynorsk: a full stop between hours and minutes), "4 December at 11:50".
DATE_TIME_PATTERNS = {
    "nb": "d. MMMM 'kl.' HH.mm",
    "nn": "d. MMMM 'kl.' HH.mm",
    "en": "d MMMM 'at' HH:mm",
}
