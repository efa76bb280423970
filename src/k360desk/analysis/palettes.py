"""ColorBrewer palettes for thematic maps, oriented by polarity and checked for grey printing.

The colour lists are the published ColorBrewer specifications (Cynthia Brewer, Mark Harrower
and The Pennsylvania State University, colorbrewer2.org, Apache-2.0 style licence); they are
facts, written here as hex lists per number of classes. This product includes colour
specifications and designs developed by Cynthia Brewer (http://colorbrewer.org/).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# name → {k: "hex hex …"}; sequential palettes go from light to dark.
_SEQUENTIAL: dict[str, dict[int, str]] = {
    "YlOrRd": {
        3: "ffeda0 feb24c f03b20",
        4: "ffffb2 fecc5c fd8d3c e31a1c",
        5: "ffffb2 fecc5c fd8d3c f03b20 bd0026",
        6: "ffffb2 fed976 feb24c fd8d3c f03b20 bd0026",
        7: "ffffb2 fed976 feb24c fd8d3c fc4e2a e31a1c b10026",
        8: "ffffcc ffeda0 fed976 feb24c fd8d3c fc4e2a e31a1c b10026",
        9: "ffffcc ffeda0 fed976 feb24c fd8d3c fc4e2a e31a1c bd0026 800026",
    },
    "OrRd": {
        3: "fee8c8 fdbb84 e34a33",
        4: "fef0d9 fdcc8a fc8d59 d7301f",
        5: "fef0d9 fdcc8a fc8d59 e34a33 b30000",
        6: "fef0d9 fdd49e fdbb84 fc8d59 e34a33 b30000",
        7: "fef0d9 fdd49e fdbb84 fc8d59 ef6548 d7301f 990000",
        8: "fff7ec fee8c8 fdd49e fdbb84 fc8d59 ef6548 d7301f 990000",
        9: "fff7ec fee8c8 fdd49e fdbb84 fc8d59 ef6548 d7301f b30000 7f0000",
    },
    "Reds": {
        3: "fee0d2 fc9272 de2d26",
        4: "fee5d9 fcae91 fb6a4a cb181d",
        5: "fee5d9 fcae91 fb6a4a de2d26 a50f15",
        6: "fee5d9 fcbba1 fc9272 fb6a4a de2d26 a50f15",
        7: "fee5d9 fcbba1 fc9272 fb6a4a ef3b2c cb181d 99000d",
        8: "fff5f0 fee0d2 fcbba1 fc9272 fb6a4a ef3b2c cb181d 99000d",
        9: "fff5f0 fee0d2 fcbba1 fc9272 fb6a4a ef3b2c cb181d a50f15 67000d",
    },
    "Purples": {
        3: "efedf5 bcbddc 756bb1",
        4: "f2f0f7 cbc9e2 9e9ac8 6a51a3",
        5: "f2f0f7 cbc9e2 9e9ac8 756bb1 54278f",
        6: "f2f0f7 dadaeb bcbddc 9e9ac8 756bb1 54278f",
        7: "f2f0f7 dadaeb bcbddc 9e9ac8 807dba 6a51a3 4a1486",
        8: "fcfbfd efedf5 dadaeb bcbddc 9e9ac8 807dba 6a51a3 4a1486",
        9: "fcfbfd efedf5 dadaeb bcbddc 9e9ac8 807dba 6a51a3 54278f 3f007d",
    },
    "Blues": {
        3: "deebf7 9ecae1 3182bd",
        4: "eff3ff bdd7e7 6baed6 2171b5",
        5: "eff3ff bdd7e7 6baed6 3182bd 08519c",
        6: "eff3ff c6dbef 9ecae1 6baed6 3182bd 08519c",
        7: "eff3ff c6dbef 9ecae1 6baed6 4292c6 2171b5 084594",
        8: "f7fbff deebf7 c6dbef 9ecae1 6baed6 4292c6 2171b5 084594",
        9: "f7fbff deebf7 c6dbef 9ecae1 6baed6 4292c6 2171b5 08519c 08306b",
    },
    "Greens": {
        3: "e5f5e0 a1d99b 31a354",
        4: "edf8e9 bae4b3 74c476 238b45",
        5: "edf8e9 bae4b3 74c476 31a354 006d2c",
        6: "edf8e9 c7e9c0 a1d99b 74c476 31a354 006d2c",
        7: "edf8e9 c7e9c0 a1d99b 74c476 41ab5d 238b45 005a32",
        8: "f7fcf5 e5f5e0 c7e9c0 a1d99b 74c476 41ab5d 238b45 005a32",
        9: "f7fcf5 e5f5e0 c7e9c0 a1d99b 74c476 41ab5d 238b45 006d2c 00441b",
    },
    "YlGnBu": {
        3: "edf8b1 7fcdbb 2c7fb8",
        4: "ffffcc a1dab4 41b6c4 225ea8",
        5: "ffffcc a1dab4 41b6c4 2c7fb8 253494",
        6: "ffffcc c7e9b4 7fcdbb 41b6c4 2c7fb8 253494",
        7: "ffffcc c7e9b4 7fcdbb 41b6c4 1d91c0 225ea8 0c2c84",
        8: "ffffd9 edf8b1 c7e9b4 7fcdbb 41b6c4 1d91c0 225ea8 0c2c84",
        9: "ffffd9 edf8b1 c7e9b4 7fcdbb 41b6c4 1d91c0 225ea8 253494 081d58",
    },
    "PuBu": {
        3: "ece7f2 a6bddb 2b8cbe",
        4: "f1eef6 bdc9e1 74a9cf 0570b0",
        5: "f1eef6 bdc9e1 74a9cf 2b8cbe 045a8d",
        6: "f1eef6 d0d1e6 a6bddb 74a9cf 2b8cbe 045a8d",
        7: "f1eef6 d0d1e6 a6bddb 74a9cf 3690c0 0570b0 034e7b",
        8: "fff7fb ece7f2 d0d1e6 a6bddb 74a9cf 3690c0 0570b0 034e7b",
        9: "fff7fb ece7f2 d0d1e6 a6bddb 74a9cf 3690c0 0570b0 045a8d 023858",
    },
    "Greys": {
        3: "f0f0f0 bdbdbd 636363",
        4: "f7f7f7 cccccc 969696 525252",
        5: "f7f7f7 cccccc 969696 636363 252525",
        6: "f7f7f7 d9d9d9 bdbdbd 969696 636363 252525",
        7: "f7f7f7 d9d9d9 bdbdbd 969696 737373 525252 252525",
        8: "ffffff f0f0f0 d9d9d9 bdbdbd 969696 737373 525252 252525",
        9: "ffffff f0f0f0 d9d9d9 bdbdbd 969696 737373 525252 252525 000000",
    },
}

# Diverging palettes as published: the first colour is the "warm"/need end (red, orange, brown).
_DIVERGING: dict[str, dict[int, str]] = {
    "RdBu": {
        3: "ef8a62 f7f7f7 67a9cf",
        4: "ca0020 f4a582 92c5de 0571b0",
        5: "ca0020 f4a582 f7f7f7 92c5de 0571b0",
        6: "b2182b ef8a62 fddbc7 d1e5f0 67a9cf 2166ac",
        7: "b2182b ef8a62 fddbc7 f7f7f7 d1e5f0 67a9cf 2166ac",
        8: "b2182b d6604d f4a582 fddbc7 d1e5f0 92c5de 4393c3 2166ac",
        9: "b2182b d6604d f4a582 fddbc7 f7f7f7 d1e5f0 92c5de 4393c3 2166ac",
    },
    "RdYlBu": {
        3: "fc8d59 ffffbf 91bfdb",
        4: "d7191c fdae61 abd9e9 2c7bb6",
        5: "d7191c fdae61 ffffbf abd9e9 2c7bb6",
        6: "d73027 fc8d59 fee090 e0f3f8 91bfdb 4575b4",
        7: "d73027 fc8d59 fee090 ffffbf e0f3f8 91bfdb 4575b4",
        8: "d73027 f46d43 fdae61 fee090 e0f3f8 abd9e9 74add1 4575b4",
        9: "d73027 f46d43 fdae61 fee090 ffffbf e0f3f8 abd9e9 74add1 4575b4",
    },
    "PuOr": {
        3: "f1a340 f7f7f7 998ec3",
        4: "e66101 fdb863 b2abd2 5e3c99",
        5: "e66101 fdb863 f7f7f7 b2abd2 5e3c99",
        6: "b35806 f1a340 fee0b6 d8daeb 998ec3 542788",
        7: "b35806 f1a340 fee0b6 f7f7f7 d8daeb 998ec3 542788",
        8: "b35806 e08214 fdb863 fee0b6 d8daeb b2abd2 8073ac 542788",
        9: "b35806 e08214 fdb863 fee0b6 f7f7f7 d8daeb b2abd2 8073ac 542788",
    },
    "BrBG": {
        3: "d8b365 f5f5f5 5ab4ac",
        4: "a6611a dfc27d 80cdc1 018571",
        5: "a6611a dfc27d f5f5f5 80cdc1 018571",
        6: "8c510a d8b365 f6e8c3 c7eae5 5ab4ac 01665e",
        7: "8c510a d8b365 f6e8c3 f5f5f5 c7eae5 5ab4ac 01665e",
        8: "8c510a bf812d dfc27d f6e8c3 c7eae5 80cdc1 35978f 01665e",
        9: "8c510a bf812d dfc27d f6e8c3 f5f5f5 c7eae5 80cdc1 35978f 01665e",
    },
}

# German names for the palette chooser (the keys are stored identifiers, never translated).
PALETTE_LABELS: dict[str, str] = {
    "YlOrRd": "Gelb–Orange–Rot", "OrRd": "Orange–Rot", "Reds": "Rot", "Purples": "Violett",
    "Blues": "Blau", "Greens": "Grün", "YlGnBu": "Gelb–Grün–Blau", "PuBu": "Violett–Blau",
    "Greys": "Grau", "RdBu": "Rot–Blau (divergierend)", "RdYlBu": "Rot–Gelb–Blau (divergierend)",
    "PuOr": "Orange–Violett (divergierend)", "BrBG": "Braun–Grün (divergierend)",
}

SEQUENTIAL = tuple(_SEQUENTIAL)
DIVERGING = tuple(_DIVERGING)
MIN_CLASSES, MAX_CLASSES = 3, 9

# Defaults: warm for need (more need = darker red), cool blue-green for neutral indicators.
DEFAULT_NEED = "YlOrRd"
DEFAULT_NEUTRAL = "PuBu"
DEFAULT_DIVERGING = "RdBu"


@dataclass(frozen=True)
class Palette:
    """A palette resolved for k classes, ordered from the lowest to the highest value class."""

    name: str
    colors: tuple[str, ...]
    diverging: bool


def is_diverging(name: str) -> bool:
    """True for the diverging ColorBrewer families."""
    return name in _DIVERGING


def brewer(name: str, k: int) -> list[str]:
    """The published ColorBrewer list of ``k`` colours (light → dark; diverging: warm → cool)."""
    table = _SEQUENTIAL.get(name) or _DIVERGING.get(name)
    if table is None:
        raise ValueError(f"Unbekannte Farbpalette „{name}“.")
    if k < 1:
        raise ValueError("Mindestens eine Klasse nötig.")
    if k < MIN_CLASSES:
        # ColorBrewer starts at three classes; one or two classes take the outer colours of three.
        three = table[3].split()
        picked = [three[0], three[2]] if k == 2 else [three[1]]
        return ["#" + c for c in picked]
    if k > max(table):
        raise ValueError(f"Die Palette „{name}“ hat höchstens {max(table)} Klassen.")
    return ["#" + c for c in table[k].split()]


def palette_for(polarity: int, k: int, name: str | None = None, diverging: bool = False) -> Palette:
    """Colours for k classes ordered low → high value, so that more need is darker/warmer.

    ``polarity`` 1: higher value = more need; -1: higher value = less need; 0: neutral.
    ``diverging`` picks a diverging default (for classes around the mean).
    """
    if name is None:
        if diverging:
            name = DEFAULT_DIVERGING
        else:
            name = DEFAULT_NEUTRAL if polarity == 0 else DEFAULT_NEED
    colors = brewer(name, k)
    if is_diverging(name):
        # Published order is warm → cool; the need end must be warm.
        need_high = polarity >= 0
        if need_high:
            colors = colors[::-1]
    elif polarity < 0:
        colors = colors[::-1]
    return Palette(name, tuple(colors), is_diverging(name))


def relative_luminance(color: str) -> float:
    """WCAG relative luminance of a hex colour (0 = black, 1 = white)."""
    text = color.lstrip("#")
    channels = [int(text[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def luminance_monotonic(colors: list[str] | tuple[str, ...]) -> bool:
    """True when the colours get strictly lighter or strictly darker: readable in grey print."""
    values = [relative_luminance(c) for c in colors]
    steps = [b - a for a, b in zip(values, values[1:], strict=False)]
    return all(s < 0 for s in steps) or all(s > 0 for s in steps)


def text_color_on(color: str) -> str:
    """Black or white text, whichever reads better on the given fill."""
    return "#000000" if relative_luminance(color) > 0.22 else "#ffffff"


# Luma weights (ITU-R BT.601): the grey a copier or a black-and-white printer makes of a colour.
_LUMA = (0.299, 0.587, 0.114)
_COOL = (33, 102, 172)  # RdBu's darkest blue
_WARM = (178, 24, 43)  # RdBu's darkest red


def luma(color: str) -> float:
    """Grey value 0–255 of a hex colour as printed in black and white."""
    text = color.lstrip("#")
    return sum(w * int(text[i:i + 2], 16) for w, i in zip(_LUMA, (0, 2, 4), strict=True))


def grey_safe_diverging(n: int, centre: float, polarity: int = 1,
                        light: float = 242.0, dark: float = 62.0) -> list[str]:
    """``n`` colours, neutral grey at ``centre`` (a class position; x.5 = between two
    classes), red on the side of more need and blue on the other, whose grey values fall in
    equal steps from the class of least need to the class of most need, so the classes stay
    apart in grey print.

    ColorBrewer's diverging ramps mirror their lightness, so in grey "a bit below" and "a bit
    above the mean" look the same; here hue carries the side and lightness the order.
    """
    lumas = np.linspace(light, dark, n) if n > 1 else np.array([(light + dark) / 2])
    if polarity < 0:
        lumas = lumas[::-1]
    below, above = (_COOL, _WARM) if polarity >= 0 else (_WARM, _COOL)
    out = []
    for i, target in enumerate(lumas):
        # Each side reaches full colour at its outermost class, however many classes it has.
        side = (i - centre) / max(n - 1 - centre if i > centre else centre, 1.0)
        hue = np.array(above if side > 0 else below, dtype=float)
        direction = hue - sum(w * c for w, c in zip(_LUMA, hue, strict=True))
        # Adding a luma-neutral offset keeps the grey value; stay inside the RGB cube.
        limit = min((255 - target) / d if d > 0 else (0 - target) / d if d < 0 else np.inf
                    for d in direction)
        rgb = target + min(abs(side), 1.0) * min(limit, 1.0) * direction
        out.append("#" + "".join(f"{int(round(min(max(c, 0), 255))):02x}" for c in rgb))
    return out
