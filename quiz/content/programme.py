"""Programme text -> pledges.

A party programme arrives as plain text copied from a web page: headings, paragraphs, and
lists of pledges introduced by a line such as "Partiet Sentrum Bærum vil:". The text is
verbatim and is never edited; everything the text cannot say about itself (which headings
are chapters, which lines are web-page chrome, which priorities repeat which pledges in
other words, which slips an editor has noted) lives in a TOML file beside it.

This module holds the model; reading a programme's text into it is
:mod:`quiz.content.programme_reader`. Pure Python (no Flask), shared by the CLI, the
catalogue and the tests.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal


class ProgrammeError(ValueError):
    """The programme or its description cannot be read; the message names the file."""


@dataclass(frozen=True)
class Correction:
    """An editor's note on a slip in the source: shown beside the text, never applied."""

    wrote: str
    meant: str


@dataclass(frozen=True)
class Pledge:
    id: str  # readable and stable; used as the HTML anchor, e.g. "samferdsel-2"
    chapter_id: str
    chapter: str
    section: str | None
    text: str  # verbatim; a wrapped line is joined to the one before with one space
    line: int  # 1-based line of the source file where the pledge starts
    order: int  # 1-based order among all pledges of the programme
    priority: int | None = None  # the number of a "11 grunner" point
    repeats: tuple[str, ...] = ()  # a priority: the chapter pledges it repeats
    repeated_by: tuple[str, ...] = ()  # a chapter pledge: the priorities that repeat it
    # A priority: the chapters it belongs to (those of the pledges it repeats, or, where it
    # repeats none, the one its description names). The default weights count it there.
    chapters: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()


@dataclass(frozen=True)
class Block:
    """One piece of a section in reading order: prose, a list's lead-in, or a pledge."""

    kind: Literal["paragraph", "lead", "pledge"]
    text: str
    line: int
    pledge_id: str | None = None
    corrections: tuple[Correction, ...] = ()


@dataclass(frozen=True)
class Section:
    id: str
    title: str | None  # None for the text that sits under the chapter heading itself
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    kind: Literal["preamble", "priorities", "chapter"]
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Programme:
    id: str
    party: str
    title: str
    period: str
    source_url: str
    text_path: Path
    chapters: tuple[Chapter, ...]
    pledges: tuple[Pledge, ...]
    language: str = "nb"  # the language the programme is written in (lang= on quotes)
    _by_id: dict[str, Pledge] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update((p.id, p) for p in self.pledges)

    def pledge(self, pledge_id: str) -> Pledge:
        return self._by_id[pledge_id]

    def has_pledge(self, pledge_id: str) -> bool:
        return pledge_id in self._by_id

    @property
    def policy_chapters(self) -> tuple[Chapter, ...]:
        return tuple(c for c in self.chapters if c.kind == "chapter")

    @property
    def priorities(self) -> tuple[Pledge, ...]:
        return tuple(p for p in self.pledges if p.priority is not None)

    def priorities_per_chapter(self) -> dict[str, int]:
        """How many of the priorities each policy chapter holds (0 where none)."""
        counts = dict.fromkeys((c.id for c in self.policy_chapters), 0)
        for prio in self.priorities:
            for chapter in prio.chapters:
                counts[chapter] = counts.get(chapter, 0) + 1
        return counts


def slugify(text: str) -> str:
    """A readable ASCII slug: "Bolig - rom for alle" -> "bolig-rom-for-alle"."""
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def normalise(text: str) -> str:
    """Text for comparison: case, spacing and a final full stop do not matter."""
    return re.sub(r"\s+", " ", text).strip().rstrip(".").strip().casefold()


def link_priorities(
    where: str, pledges: list[Pledge], links: dict, chapters: dict | None = None
) -> list[Pledge]:
    """Link each priority to the chapter pledges it repeats, so that none is duplicated.

    A chapter pledge whose text stands inside the priority's text is linked by itself;
    the description adds the links that only a reader can see (other words, same pledge).
    A priority belongs to the chapters of the pledges it repeats; one that repeats none
    (priority 5, "bevare grøntarealer", is said only there) belongs to the chapter the
    description names for it in ``chapters`` ({"5": "bolig"}).
    """
    chapters = chapters or {}
    chapter_ids = {p.chapter_id for p in pledges if p.priority is None}
    by_id = {p.id: p for p in pledges}
    chapter_pledges = [p for p in pledges if p.priority is None]
    repeats: dict[str, list[str]] = {}
    for prio in (p for p in pledges if p.priority is not None):
        found = [c.id for c in chapter_pledges if normalise(c.text) in normalise(prio.text)]
        for target in links.get(str(prio.priority), []):
            if target not in by_id or by_id[target].priority is not None:
                raise ProgrammeError(
                    f"{where}: priority {prio.priority} links to {target!r}, "
                    "which is not a chapter pledge"
                )
            if target not in found:
                found.append(target)
        repeats[prio.id] = found
    repeated_by: dict[str, list[str]] = {}
    for prio_id, targets in repeats.items():
        for target in targets:
            repeated_by.setdefault(target, []).append(prio_id)
    numbers = {str(by_id[p].priority) for p in repeats}
    for what, named in (("links", links), ("chapters", chapters)):
        unknown = {str(k) for k in named} - numbers
        if unknown:
            raise ProgrammeError(f"{where}: {what} name priorities that do not exist: {unknown}")
    belongs: dict[str, tuple[str, ...]] = {}
    for prio_id, targets in repeats.items():
        named = chapters.get(str(by_id[prio_id].priority))
        if named is not None and named not in chapter_ids:
            raise ProgrammeError(f"{where}: priority chapters name {named!r}, no chapter")
        found = tuple(dict.fromkeys(by_id[t].chapter_id for t in targets))
        belongs[prio_id] = found or ((named,) if named else ())
    return [
        replace(
            p,
            repeats=tuple(repeats.get(p.id, ())),
            repeated_by=tuple(repeated_by.get(p.id, ())),
            chapters=belongs.get(p.id, ()),
        )
        for p in pledges
    ]
