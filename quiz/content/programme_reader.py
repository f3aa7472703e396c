"""Reading a programme: its description TOML and its text, line by line, into chapters,
sections and pledges.

The source is plain text copied from a web page; its quirks are pinned by
tests/content/test_programme.py: wrapped bullets, bullets without a blank line between them, a
sub-heading typed as a bullet, a pledge line that lost its bullet, priorities that repeat
chapter pledges, and typos (shown as written, with an editor's note beside them).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from .programme import (
    Block,
    Chapter,
    Correction,
    Pledge,
    Programme,
    ProgrammeError,
    Section,
    link_priorities,
    slugify,
)

BULLET = re.compile(r"^\s*[•▪◦*]\s*(?P<text>\S.*)$")
NUMBERED = re.compile(r"^\s*(?P<number>\d{1,2})\.\s+(?P<text>\S.*)$")
CONTINUATION = re.compile(r"^\s{2,}\S")
SENTENCE_END = (".", "!", "?", ":", ";", "»", '"', "”")
# A heading is a short line with no sentence punctuation at its end. Longer unpunctuated
# lines occur in the source (a paragraph that lost its full stop) and stay paragraphs.
HEADING_MAX_CHARS = 70


# --- reading the text -------------------------------------------------------------------


@dataclass
class _Item:
    kind: Literal["bullet", "numbered", "text"]
    text: str
    line: int
    number: int | None = None


def _items(lines: list[str]) -> list[_Item]:
    """Source lines -> items, joining the indented continuation lines of wrapped bullets."""
    items: list[_Item] = []
    for lineno, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if not line.strip():
            continue
        if m := BULLET.match(line):
            items.append(_Item("bullet", m["text"], lineno))
        elif m := NUMBERED.match(line):
            items.append(_Item("numbered", m["text"], lineno, int(m["number"])))
        elif CONTINUATION.match(line) and items and items[-1].kind != "text":
            items[-1].text = f"{items[-1].text.rstrip()} {line.strip()}"
        else:
            items.append(_Item("text", line.strip(), lineno))
    return items


def _is_heading(text: str) -> bool:
    return len(text) <= HEADING_MAX_CHARS and not text.endswith(SENTENCE_END)


def _starts_lower(text: str) -> bool:
    return text[:1].islower()


# --- building the structure --------------------------------------------------------------


@dataclass
class _SectionDraft:
    id: str
    title: str | None
    blocks: list[Block] = field(default_factory=list)


@dataclass
class _ChapterDraft:
    id: str
    title: str
    kind: Literal["preamble", "priorities", "chapter"]
    sections: list[_SectionDraft] = field(default_factory=list)
    pledge_count: int = 0

    def section(self) -> _SectionDraft:
        if not self.sections:
            self.sections.append(_SectionDraft(self.id, None))
        return self.sections[-1]


def parse(description: Path, text_path: Path, meta: dict, lines: list[str]) -> Programme:
    """The programme in text_path, read with what its description (meta) says about it."""
    where = str(description)
    omit = set(meta.get("omit", []))
    items = [i for i in _items(lines) if i.text not in omit]
    if not items:
        raise ProgrammeError(f"{where}: the programme text is empty")
    title = items.pop(0).text  # the first line names the document
    reader = _Reader(where, meta)
    for index, item in enumerate(items):
        reader.take(item, items[index + 1] if index + 1 < len(items) else None)
    pledges, chapters = reader.finish()
    return Programme(
        id=description.stem,
        party=meta.get("party", title),
        title=title,
        period=meta.get("period", ""),
        source_url=meta.get("source_url", ""),
        text_path=text_path,
        chapters=chapters,
        pledges=tuple(pledges),
        language=meta.get("language", "nb"),
    )


class _Reader:
    """Walks the items once, keeping the chapter it is in and whether it is inside a list."""

    def __init__(self, where: str, meta: dict) -> None:
        self.where = where
        self.chapter_ids = {
            c["title"]: c.get("id") or slugify(c["title"]) for c in meta.get("chapters", [])
        }
        self.prio_meta = meta.get("priorities", {})
        self.prio_heading = self.prio_meta.get("heading")
        self.prio_id = self.prio_meta.get("id", "prioritet")
        self.corrections = [Correction(c["wrote"], c["meant"]) for c in meta.get("corrections", [])]
        self.chapters: list[_ChapterDraft] = []
        self.pledges: list[Pledge] = []
        self.in_list = False

    def take(self, item: _Item, following: _Item | None) -> None:
        if item.kind in ("bullet", "numbered"):
            self._need_chapter(item, "a pledge")
            if _is_bullet_heading(item, following):
                # "• Flyktninger skal få …": a sub-heading typed as a bullet.
                self.chapters[-1].sections.append(_SectionDraft("", item.text))
                self.in_list = False
            else:
                self._add_pledge(item)
                self.in_list = True
        elif self.chapters and self.in_list and _starts_lower(item.text):
            self._add_pledge(item)  # a pledge whose bullet was lost: lower case, in a list
        elif item.text.endswith(":"):
            self._need_chapter(item, "a list")
            self.chapters[-1].section().blocks.append(Block("lead", item.text, item.line))
            self.in_list = True
        elif _is_heading(item.text):
            self.in_list = False
            self._heading(item.text)
        else:
            self.in_list = False
            self._need_chapter(item, "text")
            self.chapters[-1].section().blocks.append(Block("paragraph", item.text, item.line))

    def finish(self) -> tuple[list[Pledge], tuple[Chapter, ...]]:
        missing = set(self.chapter_ids) - {c.title for c in self.chapters}
        if missing:
            raise ProgrammeError(f"{self.where}: chapters not found in the text: {sorted(missing)}")
        pledges = link_priorities(
            self.where,
            self.pledges,
            self.prio_meta.get("links", {}),
            self.prio_meta.get("chapters", {}),
        )
        return _attach_corrections(self.where, pledges, self.chapters, self.corrections)

    def _need_chapter(self, item: _Item, what: str) -> None:
        if not self.chapters:
            raise ProgrammeError(f"{self.where}: line {item.line}: {what} before any heading")

    def _heading(self, heading: str) -> None:
        known = heading in self.chapter_ids or heading == self.prio_heading
        # Without a chapter list every heading is a chapter; before the first listed
        # chapter, headings open preamble chapters of their own.
        if (
            known
            or not self.chapters
            or not self.chapter_ids
            or self.chapters[-1].kind != "chapter"
        ):
            self._open_chapter(heading)
        else:
            self.chapters[-1].sections.append(_SectionDraft("", heading))

    def _open_chapter(self, heading: str) -> None:
        if heading in self.chapter_ids:
            self.chapters.append(_ChapterDraft(self.chapter_ids[heading], heading, "chapter"))
        elif heading == self.prio_heading:
            self.chapters.append(_ChapterDraft(self.prio_id, heading, "priorities"))
        else:
            self.chapters.append(_ChapterDraft(slugify(heading), heading, "preamble"))

    def _add_pledge(self, item: _Item) -> None:
        chapter = self.chapters[-1]
        section = chapter.section()
        if item.kind == "numbered":
            chapter.kind = "priorities"
        chapter.pledge_count += 1
        priority = item.number if chapter.kind == "priorities" else None
        pledge = Pledge(
            id=f"{chapter.id}-{priority or chapter.pledge_count}",
            chapter_id=chapter.id,
            chapter=chapter.title,
            section=section.title,
            text=item.text,
            line=item.line,
            order=len(self.pledges) + 1,
            priority=priority,
        )
        self.pledges.append(pledge)
        section.blocks.append(Block("pledge", item.text, item.line, pledge.id))


def _is_bullet_heading(item: _Item, following: _Item | None) -> bool:
    return (
        item.kind == "bullet"
        and item.text[:1].isupper()
        and _is_heading(item.text)
        and following is not None
        and following.kind == "text"
        and not _is_heading(following.text)
        and not following.text.endswith(":")
    )


def _attach_corrections(
    where: str,
    pledges: list[Pledge],
    chapters: list[_ChapterDraft],
    corrections: list[Correction],
) -> tuple[list[Pledge], tuple[Chapter, ...]]:
    """Put each editor's note beside the one block whose text contains the slip."""
    blocks = [b for c in chapters for s in c.sections for b in s.blocks]
    for correction in corrections:
        hits = [b for b in blocks if correction.wrote in b.text]
        if len(hits) != 1:
            raise ProgrammeError(
                f"{where}: correction {correction.wrote!r} must match exactly one place "
                f"in the text, matched {len(hits)}"
            )
    notes = {id(b): tuple(c for c in corrections if c.wrote in b.text) for b in blocks}
    pledge_notes = {b.pledge_id: notes[id(b)] for b in blocks if b.pledge_id}
    out_pledges = [replace(p, corrections=pledge_notes.get(p.id, ())) for p in pledges]

    used_ids: set[str] = set()
    out_chapters = []
    for c in chapters:
        sections = []
        for s in c.sections:
            sid = s.id or f"{c.id}-{slugify(s.title or '')}"
            while sid in used_ids:
                sid += "-x"
            used_ids.add(sid)
            blocks_out = tuple(replace(b, corrections=notes[id(b)]) for b in s.blocks)
            sections.append(Section(sid, s.title, blocks_out))
        out_chapters.append(Chapter(c.id, c.title, c.kind, tuple(sections)))
    return out_pledges, tuple(out_chapters)


# What reads a programme from its description file: load_programme, or a cached copy of it.
ProgrammeLoader = Callable[[Path], Programme]


def load_programme(description: Path) -> Programme:
    """Parse the programme that a description TOML file points at."""
    try:
        meta = tomllib.loads(description.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ProgrammeError(f"{description}: {exc}") from exc
    text_path = description.parent / meta.get("text", description.with_suffix(".txt").name)
    try:
        lines = text_path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ProgrammeError(f"{description}: cannot read the programme text: {exc}") from exc
    return parse(description, text_path, meta, lines)
