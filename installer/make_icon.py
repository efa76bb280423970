"""Draw the program icon and the icon of ``.k360`` files with Pillow.

    python installer/make_icon.py            # writes src/k360desk/resources/k360desk*.{ico,png}

The motif is a small choropleth: nine districts in three need classes, one highlighted,
the way the app shows a city. Each icon size is drawn on its own (at 4× and scaled
down) so the 16-pixel version stays crisp instead of being a blurred 256-pixel one.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "src" / "k360desk" / "resources"
SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
NAVY = (24, 62, 99, 255)
# Three classes of need, light to dark, and the highlighted district.
CLASSES = ((204, 229, 236, 255), (118, 182, 199, 255), (42, 122, 150, 255))
HIGHLIGHT = (242, 153, 74, 255)
GRID = ((0, 1, 2), (1, 2, 1), (0, 1, 0))


def _tiles(draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float], gap: float,
           radius: float) -> None:
    """Nine district tiles in ``box``; the centre one highlighted."""
    left, top, right, bottom = box
    cell = (right - left - 2 * gap) / 3
    for row in range(3):
        for col in range(3):
            x = left + col * (cell + gap)
            y = top + row * (cell + gap)
            colour = HIGHLIGHT if (row, col) == (1, 1) else CLASSES[GRID[row][col]]
            draw.rounded_rectangle((x, y, x + cell, y + cell), radius=radius, fill=colour)


def app_icon(size: int) -> Image.Image:
    """The program icon: tiles on a rounded navy square."""
    scale = 4
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    margin = big * (0.02 if size <= 24 else 0.06)
    draw.rounded_rectangle((margin, margin, big - margin, big - margin), radius=big * 0.2,
                           fill=NAVY)
    inset = big * (0.17 if size <= 24 else 0.22)
    gap = max(big * 0.045, scale)
    _tiles(draw, (inset, inset, big - inset, big - inset), gap, radius=big * 0.03)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def file_icon(size: int) -> Image.Image:
    """The icon of a project file: a page with a folded corner and the tiles."""
    scale = 4
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    left, right = big * 0.16, big * 0.84
    top, bottom = big * 0.04, big * 0.96
    fold = big * 0.2
    outline = max(scale, round(big * 0.02))
    page = [(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)]
    draw.polygon(page, fill=(255, 255, 255, 255), outline=(110, 120, 130, 255), width=outline)
    draw.polygon([(right - fold, top), (right - fold, top + fold), (right, top + fold)],
                 fill=(214, 220, 226, 255), outline=(110, 120, 130, 255), width=outline)
    pad = big * 0.1
    band_top = bottom - big * 0.2
    draw.rectangle((left + outline, band_top, right - outline, bottom - outline), fill=NAVY)
    _tiles(draw, (left + pad, top + fold + pad * 0.2, right - pad, band_top - pad * 0.6),
           gap=max(big * 0.03, scale), radius=big * 0.02)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def write(draw_one, ico: Path, png: Path | None) -> None:
    """Write one multi-size ICO (and the 256-pixel PNG)."""
    images = [draw_one(size) for size in SIZES]
    largest = images[-1]
    largest.save(ico, format="ICO", sizes=[(s, s) for s in SIZES], append_images=images[:-1])
    if png is not None:
        largest.save(png, format="PNG", optimize=True)


def main() -> int:
    """Write the icons into the package resources."""
    OUT.mkdir(parents=True, exist_ok=True)
    write(app_icon, OUT / "k360desk.ico", OUT / "k360desk.png")
    write(file_icon, OUT / "k360desk-file.ico", OUT / "k360desk-file.png")
    for name in ("k360desk.ico", "k360desk.png", "k360desk-file.ico", "k360desk-file.png"):
        print(f"{OUT / name}: {(OUT / name).stat().st_size} Bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
