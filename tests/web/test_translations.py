"""Nynorsk and English are complete: every string in the code has a translation."""

from __future__ import annotations

import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tests.conftest import ROOT

METHOD_MAP = [("quiz/**.py", "python"), ("templates/**.html", "jinja2")]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def source_strings() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT),
        METHOD_MAP,
        keywords={"_": None, "_l": None, "gettext": None, "lazy_gettext": None},
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("lang", ["nn", "en"])
def test_catalogue_is_complete_and_in_step_with_the_code(lang):
    path = ROOT / f"quiz/translations/{lang}/LC_MESSAGES/messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    translated = {(m.id if isinstance(m.id, str) else m.id[0]): m for m in catalog if m.id}
    missing = source_strings() - set(translated)
    assert not missing, f"run `make messages`; not in {lang}: {sorted(missing)[:5]}"
    for msgid, message in translated.items():
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(forms), f"{lang}: untranslated {msgid!r}"
        assert "fuzzy" not in message.flags, f"{lang}: fuzzy {msgid!r}"
        for form in forms:
            assert set(PLACEHOLDER.findall(msgid)) == set(PLACEHOLDER.findall(form)), msgid
