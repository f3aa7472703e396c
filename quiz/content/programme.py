"""Programme text -> pledges.

A party programme arrives as plain text copied from a web page: headings, paragraphs, and
lists of pledges introduced by a line such as "Partiet Sentrum Bærum vil:". The text is
verbatim and is never edited; everything the text cannot say about itself (which headings
are chapters, which lines are web-page chrome, which priorities repeat which pledges in
other words, which slips an editor has noted) lives in a TOML file beside it.

The parser is pure (no Flask) so that the CLI, the catalogue and the tests share it.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

BULLET = re.compile(r"^\s*[•▪◦*]\s*(?P<text>\S.*)$")
NUMBERED = re.compile(r"^\s*(?P<number>\d{1,2})\.\s+(?P<text>\S.*)$")
CONTINUATION = re.compile(r"^\s{2,}\S")
SENTENCE_END = (".", "!", "?", ":", ";", "»", '"', "”")
# A heading is a short line with no sentence punctuation at its end. Longer unpunctuated
# lines occur in the source (a paragraph that lost its full stop) and stay paragraphs.
HEADING_MAX_CHARS = 70


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
    position: int  # 1-based order among all pledges of the programme
    priority: int | None = None  # the number of a "11 grunner" point
    repeats: tuple[str, ...] = ()  # a priority: the chapter pledges it repeats
    repeated_by: tuple[str, ...] = ()  # a chapter pledge: the priorities that repeat it
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


def slugify(text: str) -> str:
    """A readable ASCII slug: "Bolig - rom for alle" -> "bolig-rom-for-alle"."""
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def normalise(text: str) -> str:
    """Text for comparison: case, spacing and a final full stop do not matter."""
    return re.sub(r"\s+", " ", text).strip().rstrip(".").strip().casefold()


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
    return _parse(description, text_path, meta, lines)


def _parse(description: Path, text_path: Path, meta: dict, lines: list[str]) -> Programme:
    where = str(description)
    chapter_ids = {c["title"]: c.get("id") or slugify(c["title"]) for c in meta.get("chapters", [])}
    prio_meta = meta.get("priorities", {})
    prio_heading = prio_meta.get("heading")
    prio_id = prio_meta.get("id", "prioritet")
    omit = set(meta.get("omit", []))
    corrections = [Correction(c["wrote"], c["meant"]) for c in meta.get("corrections", [])]

    items = [i for i in _items(lines) if i.text not in omit]
    if not items:
        raise ProgrammeError(f"{where}: the programme text is empty")
    title = items.pop(0).text  # the first line names the document

    chapters: list[_ChapterDraft] = []
    pledges: list[Pledge] = []
    in_list = False

    def open_chapter(heading: str) -> None:
        if heading in chapter_ids:
            chapters.append(_ChapterDraft(chapter_ids[heading], heading, "chapter"))
        elif heading == prio_heading:
            chapters.append(_ChapterDraft(prio_id, heading, "priorities"))
        else:
            chapters.append(_ChapterDraft(slugify(heading), heading, "preamble"))

    def add_pledge(item: _Item) -> None:
        chapter = chapters[-1]
        section = chapter.section()
        if item.kind == "numbered":
            chapter.kind = "priorities"
        chapter.pledge_count += 1
        number = item.number if chapter.kind == "priorities" else chapter.pledge_count
        pledge = Pledge(
            id=f"{chapter.id}-{number}",
            chapter_id=chapter.id,
            chapter=chapter.title,
            section=section.title,
            text=item.text,
            line=item.line,
            position=len(pledges) + 1,
            priority=item.number if chapter.kind == "priorities" else None,
        )
        pledges.append(pledge)
        section.blocks.append(Block("pledge", item.text, item.line, pledge.id))

    for index, item in enumerate(items):
        following = items[index + 1] if index + 1 < len(items) else None
        if item.kind in ("bullet", "numbered"):
            if not chapters:
                raise ProgrammeError(f"{where}: line {item.line}: a pledge before any heading")
            if _is_bullet_heading(item, following):
                # "• Flyktninger skal få …": a sub-heading typed as a bullet.
                chapters[-1].sections.append(_SectionDraft("", item.text))
                in_list = False
            else:
                add_pledge(item)
                in_list = True
        elif chapters and in_list and _starts_lower(item.text):
            # A pledge whose bullet was lost: lower case, inside a list.
            add_pledge(item)
        elif item.text.endswith(":"):
            if not chapters:
                raise ProgrammeError(f"{where}: line {item.line}: a list before any heading")
            chapters[-1].section().blocks.append(Block("lead", item.text, item.line))
            in_list = True
        elif _is_heading(item.text):
            in_list = False
            if item.text in chapter_ids or item.text == prio_heading or not chapters:
                open_chapter(item.text)
            elif not chapter_ids or chapters[-1].kind != "chapter":
                # Without a chapter list every heading is a chapter; before the first listed
                # chapter, headings open preamble chapters of their own.
                open_chapter(item.text)
            else:
                chapters[-1].sections.append(_SectionDraft("", item.text))
        else:
            in_list = False
            if not chapters:
                raise ProgrammeError(f"{where}: line {item.line}: text before any heading")
            chapters[-1].section().blocks.append(Block("paragraph", item.text, item.line))

    missing = set(chapter_ids) - {c.title for c in chapters}
    if missing:
        raise ProgrammeError(f"{where}: chapters not found in the text: {sorted(missing)}")

    pledges = _link_priorities(where, pledges, prio_meta.get("links", {}))
    pledges, chapters_out = _attach_corrections(where, pledges, chapters, corrections)
    return Programme(
        id=description.stem,
        party=meta.get("party", title),
        title=title,
        period=meta.get("period", ""),
        source_url=meta.get("source_url", ""),
        text_path=text_path,
        chapters=chapters_out,
        pledges=tuple(pledges),
    )


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


def _link_priorities(where: str, pledges: list[Pledge], links: dict) -> list[Pledge]:
    """Link each priority to the chapter pledges it repeats, so that none is duplicated.

    A chapter pledge whose text stands inside the priority's text is linked by itself;
    the description adds the links that only a reader can see (other words, same pledge).
    """
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
    unknown = {str(k) for k in links} - {str(by_id[p].priority) for p in repeats}
    if unknown:
        raise ProgrammeError(f"{where}: links name priorities that do not exist: {unknown}")
    return [
        replace(
            p, repeats=tuple(repeats.get(p.id, ())), repeated_by=tuple(repeated_by.get(p.id, ()))
        )
        for p in pledges
    ]


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


def load_programmes(directory: Path) -> dict[str, Programme]:
    """Every programme described by a TOML file in the directory, by id."""
    return {p.id: p for p in map(load_programme, sorted(directory.glob("*.toml")))}
