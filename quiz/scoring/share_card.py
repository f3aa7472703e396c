"""The share card: a 1200×630 PNG of a shared result (Pillow, with the bundled DejaVu font)."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = Path(__file__).resolve().parent.parent / "fonts"
WIDTH, HEIGHT = 1200, 630
BRAND = (11, 85, 99)
DARK = (7, 59, 69)
INK = (26, 26, 26)
TRACK = (225, 231, 233)
WHITE = (255, 255, 255)


@lru_cache(maxsize=8)
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


@lru_cache(maxsize=512)  # a viral link costs one render; the bound caps the memory
def render_card(
    title: str,
    headline: str,
    subtitle: str,
    areas: tuple[tuple[str, str, int | None], ...],
    footer: str,
) -> bytes:
    """A 1200×630 PNG: title, the overall percent, and a bar per area with its number."""
    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 96), fill=BRAND)
    draw.text((48, 48), title, font=_font(True, 40), fill=WHITE, anchor="lm")
    draw.text((48, 190), headline, font=_font(True, 104), fill=DARK, anchor="ls")
    draw.text((48, 240), subtitle, font=_font(False, 30), fill=INK, anchor="ls")

    top, row = 280, 36
    label_font, value_font = _font(False, 24), _font(True, 24)
    for i, (label, value_text, value) in enumerate(areas[:8]):
        y = top + i * row
        draw.text((48, y + 14), label, font=label_font, fill=INK, anchor="lm")
        left, right = 560, 1040
        draw.rectangle((left, y + 4, right, y + 24), fill=TRACK)
        if value:
            draw.rectangle((left, y + 4, left + (right - left) * value / 100, y + 24), fill=BRAND)
        draw.text((1152, y + 14), value_text, font=value_font, fill=INK, anchor="rm")
    draw.text((48, HEIGHT - 28), footer, font=_font(False, 22), fill=INK, anchor="ls")

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
