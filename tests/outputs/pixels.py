"""Reading drawn maps back as pixels: legend swatches, grey values, lightness steps."""

from __future__ import annotations

import numpy as np


def rendered(fig) -> np.ndarray:
    """The figure drawn by Agg as an RGB array (rows from the top)."""
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[:, :, :3].astype(float)


def swatches(fig, legend) -> list[tuple[str, np.ndarray]]:
    """(label, pixels inside the swatch) for every filled legend row, read off the drawing."""
    pixels = rendered(fig)
    height = pixels.shape[0]
    out = []
    for patch, text in zip(legend.get_patches(), legend.get_texts(), strict=False):
        box = patch.get_window_extent()
        if box.width < 2 or patch.get_label() in ("", " "):
            continue
        # Inset by a pixel so the swatch's own outline is not sampled.
        x0, x1 = int(box.x0) + 2, int(box.x1) - 1
        y0, y1 = height - int(box.y1) + 2, height - int(box.y0) - 1
        out.append((text.get_text(), pixels[y0:y1, x0:x1].reshape(-1, 3)))
    return out


def grey(rgb: np.ndarray) -> np.ndarray:
    """Lightness as a grey-scale printer or copier sees it (ITU-R BT.601 luma, 0–255)."""
    return rgb @ np.array([0.299, 0.587, 0.114])


def mean_grey(block: np.ndarray) -> float:
    """Average grey of a swatch: a hatch reads as the mix of its lines and its ground."""
    return float(grey(block).mean())
