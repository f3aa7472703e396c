"""The parser against the shipped programme: its total and every quirk of the source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quiz.content.programme import ProgrammeError, slugify
from quiz.content.programme_reader import load_programme
from tests.helpers import SHIPPED_CHAPTER_PLEDGES, SHIPPED_CHAPTER_PRIORITIES

ROOT = Path(__file__).resolve().parents[2]
DESCRIPTION = ROOT / "statements" / "programme" / "partiet-sentrum-baerum-2023-2027.toml"
SOURCE = DESCRIPTION.with_suffix(".txt")


@pytest.fixture(scope="module")
def programme():
    return load_programme(DESCRIPTION)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_total_pledges(programme):
    # 155 bullets in the file, less one sub-heading typed as a bullet, plus one pledge
    # that lost its bullet = 155 chapter pledges; plus the 11 numbered priorities.
    assert SOURCE.read_text(encoding="utf-8").count("•") == 155
    assert len(programme.pledges) == 166
    assert len(programme.priorities) == 11
    assert [p.priority for p in programme.priorities] == list(range(1, 12))


def test_chapters_in_order_with_counts(programme):
    counts = {
        c.id: sum(b.kind == "pledge" for s in c.sections for b in s.blocks)
        for c in programme.chapters
    }
    assert counts == {
        "vi-kjemper-for-baerekraftige-losninger": 0,
        "prioritet": 11,
        **SHIPPED_CHAPTER_PLEDGES,
    }
    kinds = [c.kind for c in programme.chapters]
    assert kinds == ["preamble", "priorities"] + ["chapter"] * 8


def test_ids_are_unique_readable_anchors(programme):
    ids = [p.id for p in programme.pledges]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9-]+-\d+", i) for i in ids)
    assert programme.pledge("samferdsel-1").text == "gjøre kollektivtilbudet i sone 2V gratis"
    assert programme.pledge("samferdsel-2").section is None
    assert programme.pledge("helse-8").section == "Rus"
    assert programme.pledge("helse-8").chapter == "Helse og omsorg"


def test_every_pledge_is_verbatim(programme):
    source = squash(SOURCE.read_text(encoding="utf-8"))
    for pledge in programme.pledges:
        assert squash(pledge.text) in source, pledge.id
        assert pledge.text == pledge.text.strip()


def test_wrapped_bullet_is_joined(programme):
    # Lines 65-67: the bullet wraps onto an indented line after a blank line.
    pledge = programme.pledge("inkludering-2")
    assert pledge.line == 65
    assert pledge.text == (
        "at kommunen skal nedsette flerkulturelt råd på lik linje med eldreråd og råd for "
        "mennesker med nedsatt funksjonsevne. Rådet skal involvere nasjonale minoriteter."
    )
    # Numbered points wrap the same way (point 8, lines 29-31).
    assert programme.pledge("prioritet-8").text.endswith("bl.a. mer praktisk pedagogikk.")


def test_bullets_without_blank_lines_between(programme):
    # Lines 209-217 are nine bullets on consecutive lines.
    lines = [p.line for p in programme.pledges if p.chapter_id == "klima"][:9]
    assert lines == list(range(209, 218))


def test_sub_heading_typed_as_bullet(programme):
    title = "Flyktninger skal få ta i bruk sine ressurser og kjenne seg trygge"
    assert all(p.text != title for p in programme.pledges)
    assert programme.pledge("inkludering-22").section == title
    chapter = next(c for c in programme.chapters if c.id == "inkludering")
    assert title in [s.title for s in chapter.sections]


def test_pledge_line_missing_its_bullet(programme):
    pledge = programme.pledge("klima-24")
    assert pledge.line == 262
    assert pledge.section == "Sirkulærøkonomi"
    assert pledge.text.startswith("bidra til systematisk arbeid for å redusere matsvinn")


def test_priorities_link_to_the_pledges_they_repeat(programme):
    repeats = {p.priority: p.repeats for p in programme.priorities}
    assert repeats == {
        1: ("samferdsel-1", "samferdsel-2"),  # found by the parser: word for word
        2: ("inkludering-23", "inkludering-38", "inkludering-13"),
        3: ("klima-5",),  # word for word
        4: ("inkludering-36",),  # word for word
        5: (),  # green areas: a priority with no chapter pledge of its own
        6: (),
        7: ("oppvekst-14",),  # "prøveprosjekt" / "pilotprosjekt" med leksefri barneskole
        8: ("oppvekst-11",),
        9: (),
        10: ("helse-8",),
        11: ("oppvekst-5",),
    }
    # Linked, not duplicated: the chapter pledge knows which priority repeats it.
    assert programme.pledge("klima-5").repeated_by == ("prioritet-3",)
    assert sum(1 for p in programme.pledges if "dyrkbar mark" in p.text) == 2
    # The chapter each priority belongs to (the default weights count it there): that of
    # the pledges it repeats, or for 5, 6 and 9, which repeat none, the description's.
    chapters = {p.priority: p.chapters for p in programme.priorities}
    assert chapters[1] == ("samferdsel",)
    assert chapters[2] == ("inkludering",)
    assert (chapters[5], chapters[6], chapters[9]) == (("bolig",), ("bolig",), ("oppvekst",))
    assert programme.priorities_per_chapter() == SHIPPED_CHAPTER_PRIORITIES


def test_typos_are_kept_and_noted(programme):
    trondheim = programme.pledge("oppvekst-5")
    assert "alle i Trondheim skal" in trondheim.text  # never silently fixed
    assert [c.meant for c in trondheim.corrections] == ["alle i Bærum skal"]
    lost_letters = programme.pledge("helse-19")
    assert "tilby pne og gratis fritidstilbud" in lost_letters.text
    assert "åpne" in lost_letters.corrections[0].meant
    # A slip in a paragraph gets its note too.
    blocks = [b for c in programme.chapters for s in c.sections for b in s.blocks]
    malltid = [b for b in blocks if "malltid" in b.text]
    assert len(malltid) == 1
    assert malltid[0].kind == "paragraph"
    assert {c.wrote for c in malltid[0].corrections} == {
        "Disse tjenestene malltid sikres",
        "fange opp utsatte barn og iversette tiltak",
    }


def test_web_page_chrome_is_not_programme_text(programme):
    texts = [b.text for c in programme.chapters for s in c.sections for b in s.blocks]
    assert not any(t.startswith("Rull videre ned") for t in texts)
    assert '"' not in texts
    assert programme.title == "Lokallagsprogram for valgperioden 2023-2027"


def test_unpunctuated_long_line_is_a_paragraph_not_a_heading(programme):
    chapter = next(c for c in programme.chapters if c.id == "klima")
    titles = [s.title for s in chapter.sections]
    assert titles == [None, "Grønn næringspolitikk", "Sirkulærøkonomi"]


def test_slugify():
    assert slugify("Bolig - rom for alle") == "bolig-rom-for-alle"
    assert slugify("Kultur, frivillighet og idrett") == "kultur-frivillighet-og-idrett"
    assert slugify("Sirkulærøkonomi på Østlandet") == "sirkulaerokonomi-pa-ostlandet"


def write(tmp_path: Path, meta: str, text: str) -> Path:
    (tmp_path / "p.txt").write_text(text, encoding="utf-8")
    description = tmp_path / "p.toml"
    description.write_text('text = "p.txt"\n' + meta, encoding="utf-8")
    return description


def test_a_programme_without_chapter_list_makes_every_heading_a_chapter(tmp_path):
    text = (
        "Program\n\nSkole\n\nVi vil:\n\n • bygge skoler\n • ansette lærere\n\n"
        "Vei\n\nVi vil:\n • asfaltere\n"
    )
    programme = load_programme(write(tmp_path, "", text))
    assert [c.id for c in programme.chapters] == ["skole", "vei"]
    assert [p.id for p in programme.pledges] == ["skole-1", "skole-2", "vei-1"]


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ('[[chapters]]\ntitle = "Finnes ikke"\n', "chapters not found"),
        ('[[corrections]]\nwrote = "xyz"\nmeant = "abc"\n', "must match exactly one place"),
        ('[priorities]\nheading = "Topp"\nlinks = { "1" = ["nope-1"] }\n', "not a chapter pledge"),
        ('[priorities]\nheading = "Topp"\nchapters = { "1" = "vei" }\n', "'vei', no chapter"),
        (
            '[priorities]\nheading = "Topp"\nchapters = { "7" = "skole" }\n',
            "chapters name priorities",
        ),
    ],
)
def test_a_bad_description_is_refused_with_the_file_named(tmp_path, meta, message):
    text = "Program\n\nTopp\n\n 1. Noe\n\nSkole\n\nVi vil:\n • bygge skoler\n"
    with pytest.raises(ProgrammeError, match=message) as info:
        load_programme(write(tmp_path, meta, text))
    assert "p.toml" in str(info.value)
