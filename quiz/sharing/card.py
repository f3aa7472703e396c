"""The share card: a 1200×630 PNG (Pillow, with the bundled DejaVu font).

Services crop it: WhatsApp and iMessage show the centred square, Messenger shrinks it to
about 260 px wide. So the key message (the number and "enig med …") is centred inside the
630×630 square in the middle, in letters that stay readable at a fifth of the size, and the
areas are few and large: the three the voter agrees with most and the three least, rather
than eight small labels. card_layout says where everything goes; a test checks the bounds.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = Path(__file__).resolve().parent.parent / "fonts"
WIDTH, HEIGHT = 1200, 630
SQUARE = ((WIDTH - HEIGHT) // 2, (WIDTH + HEIGHT) // 2)  # x 285..915: the centre crop
MARGIN = 24  # inside the square, so a crop's edge does not touch the letters
BRAND = (11, 85, 99)
DARK = (7, 59, 69)
INK = (26, 26, 26)
MUTED = (80, 88, 92)
WHITE = (255, 255, 255)

Box = tuple[int, int, int, int]


@lru_cache(maxsize=16)
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


@dataclass(frozen=True)
class Line:
    text: str
    bold: bool
    size: int
    x: int  # anchor point
    y: int
    anchor: str  # Pillow's: "ms" middle-baseline, "ls" left-baseline, "rs" right-baseline
    fill: tuple[int, int, int]

    def box(self) -> Box:
        left, top, right, bottom = _font(self.bold, self.size).getbbox(
            self.text, anchor=self.anchor
        )
        return (self.x + left, self.y + top, self.x + right, self.y + bottom)


def _wrap(text: str, bold: bool, size: int, width: int) -> list[str] | None:
    """Words into lines no wider than width at this size; None if a word alone is wider."""
    font = _font(bold, size)
    lines: list[str] = []
    for word in text.split():
        if font.getlength(word) > width:
            return None
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _fit(
    text: str,
    bold: bool,
    largest: int,
    smallest: int,
    width: int,
    one_line_down_to: int = 0,
    max_lines: int = 1,
) -> tuple[list[str], int]:
    """The largest size at which text fits the width: on one line while the size stays at
    or above one_line_down_to, else on up to max_lines lines (larger letters beat one long
    line when the card is shrunk). What fits nowhere is cut with an ellipsis."""
    for size in range(largest, max(smallest, one_line_down_to) - 1, -2):
        if _font(bold, size).getlength(text) <= width:
            return [text], size
    for size in range(largest, smallest - 1, -2):
        lines = _wrap(text, bold, size, width)
        if lines is not None and len(lines) <= max_lines:
            return lines, size
    font = _font(bold, smallest)
    lines = _wrap(text, bold, smallest, width) or [text]
    kept = lines[:max_lines]
    last = kept[-1]
    while last and font.getlength(last + " …") > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + " …"
    return kept, smallest


def card_layout(
    title: str,
    headline: str,
    subtitle: str,
    best: tuple[tuple[str, str], ...],
    worst: tuple[tuple[str, str], ...],
    footer: str,
    best_label: str = "",
    worst_label: str = "",
) -> dict[str, list[Line]]:
    """Every line of the card by its role: "key" (the headline and the subtitle, inside the
    centre square), "title", "areas" and "footer"."""
    inner = SQUARE[1] - SQUARE[0] - 2 * MARGIN
    centre = WIDTH // 2
    key: list[Line] = []
    head_lines, head_size = _fit(headline, True, 150, 64, inner, max_lines=2)
    y = 100
    for part in head_lines:
        y += head_size
        key.append(Line(part, True, head_size, centre, y, "ms", DARK))
        y += 8
    sub_lines, sub_size = _fit(subtitle, True, 48, 24, inner, one_line_down_to=40, max_lines=3)
    y += 16
    for part in sub_lines:
        y += sub_size + 6
        key.append(Line(part, True, sub_size, centre, y, "ms", INK))
    areas: list[Line] = []
    top = max(y + 56, 400)
    column = WIDTH // 2 - 2 * 48
    label_size = min(
        (_fit(f"{label}  {value}", True, 32, 22, column)[1] for label, value in best + worst),
        default=32,
    )
    for x, heading, rows in ((48, best_label, best), (WIDTH // 2 + 48, worst_label, worst)):
        if not rows:
            continue
        areas.append(Line(heading, False, 26, x, top, "ls", MUTED))
        for n, (label, value) in enumerate(rows, start=1):
            row_y = top + n * (label_size + 14)
            areas.append(Line(label, False, label_size, x, row_y, "ls", INK))
            areas.append(Line(value, True, label_size, x + column, row_y, "rs", DARK))
    return {
        "title": [Line(title, True, 34, 48, 56, "ls", WHITE)],
        "key": key,
        "areas": areas,
        "footer": [Line(footer, False, 24, centre, HEIGHT - 22, "ms", INK)],
    }


@lru_cache(maxsize=512)  # a viral link costs one render; the bound caps the memory
def render_card(
    title: str,
    headline: str,
    subtitle: str,
    best: tuple[tuple[str, str], ...],
    worst: tuple[tuple[str, str], ...],
    footer: str,
    best_label: str = "",
    worst_label: str = "",
) -> bytes:
    """The 1200×630 PNG of card_layout's lines."""
    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 80), fill=BRAND)
    layout = card_layout(title, headline, subtitle, best, worst, footer, best_label, worst_label)
    for lines in layout.values():
        for line in lines:
            draw.text(
                (line.x, line.y),
                line.text,
                font=_font(line.bold, line.size),
                fill=line.fill,
                anchor=line.anchor,
            )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
