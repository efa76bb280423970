"""Agg rendering with text drawn from a cache of whole-string bitmaps.

matplotlib 3.11 lays out every string anew on each draw and renders it glyph by glyph in
Python: a map or chart with a dozen labels spends more than half of a redraw on text that
did not change (measured 60 of 90 ms CPU at city scale). The map page redraws on every
indicator switch, so strings are rendered once and then stamped as one coverage image.
"""

from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np
from matplotlib.backends.backend_agg import RendererAgg, get_hinting_flag
from matplotlib.ft2font import RenderMode

CACHE_SIZE = 2048
SUBPIXEL = 4
"""Origins are kept to a quarter pixel: a layout that moves a label by a thousandth of a
pixel still finds it, and no glyph is more than 1/8 pixel from where plain Agg puts it."""

_bitmaps: OrderedDict = OrderedDict()
_shapes: OrderedDict = OrderedDict()
"""Shaped strings (glyphs and their positions): shaping takes 0,6-0,9 ms a string in
matplotlib 3.11, as much as measuring it, and can be done before a draw (``prepare``)."""
rendered = [0]
"""How many strings were rendered anew (not taken from the cache) since the start."""
shaped = [0]
"""How many strings were shaped anew since the start."""


def clear_text_cache() -> None:
    """Forget every cached string (tests compare cached with fresh drawing)."""
    _bitmaps.clear()
    _shapes.clear()


def _snap(value: float) -> tuple[int, float]:
    """Whole pixel and sub-pixel remainder of a coordinate."""
    snapped = round(value * SUBPIXEL) / SUBPIXEL
    whole = math.floor(snapped)
    return whole, snapped - whole


class CachedTextRenderer(RendererAgg):
    """``RendererAgg`` whose plain (non-math) text comes from a shared bitmap cache."""

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath or not s:
            return super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        ix, fx = _snap(x)
        iy, fy = _snap(self.height - y)  # FreeType's y points up
        antialiased = bool(gc.get_antialiased())
        key = (s, hash(prop), float(angle), self.dpi, antialiased, fx, fy,
               tuple(features) if features else None, language, get_hinting_flag())
        entry = _bitmaps.get(key)
        if entry is None:
            entry = self._render_string(s, prop, angle, fx, fy, antialiased, features, language)
            rendered[0] += 1
            _bitmaps[key] = entry
            if len(_bitmaps) > CACHE_SIZE:
                _bitmaps.popitem(last=False)
        else:
            _bitmaps.move_to_end(key)
        image, left, top = entry
        if image is None:
            return None
        # draw_text_image takes the left edge and the bottom row, counted downwards.
        self._renderer.draw_text_image(image, left + ix, int(self.height) - (top + iy)
                                       + image.shape[0], 0, gc)
        return None

    def _shaped(self, s, prop, features, language):
        """The string's glyphs with their positions, shaped once per font, size and dpi."""
        key = (s, hash(prop), self.dpi, get_hinting_flag(),
               tuple(features) if features else None, language)
        items = _shapes.get(key)
        if items is None:
            font = self._prepare_font(prop)
            items = font._layout(s, flags=get_hinting_flag(), features=features,
                                 language=language)
            _shapes[key] = items
            shaped[0] += 1
            if len(_shapes) > CACHE_SIZE:
                _shapes.popitem(last=False)
        return items

    def prepare(self, text) -> None:
        """Measure and shape a ``Text`` artist's lines now, so that a later draw with this
        renderer only places and renders them (lets a first draw be split into turns)."""
        if not text.get_visible() or not text.get_text() or text.get_figure(root=True) is None:
            return
        text.get_window_extent(self)  # matplotlib keeps the metrics for this renderer
        clean, ismath = text._preprocess_math(text.get_text())
        if ismath:
            return
        features, language = text.get_fontfeatures(), text.get_language()
        for line in clean.split("\n"):
            if line:
                self._shaped(line, text.get_fontproperties(), features, language)

    def _render_string(self, s, prop, angle, fx, fy, antialiased, features, language):
        """Coverage image of a string drawn at origin (fx, fy), with its left and top pixel."""
        items = self._shaped(s, prop, features, language)
        size = prop.get_size_in_points()
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]])).round().astype(int)
        flags = get_hinting_flag()
        mode = RenderMode.NORMAL if antialiased else RenderMode.MONO
        glyphs = []
        for item in items:
            face = item.ft_object
            face.set_size(size, self.dpi)
            face._set_transform(matrix, [round(0x40 * (fx + item.x * cos - item.y * sin)),
                                         round(0x40 * (fy + item.x * sin + item.y * cos))])
            bitmap = face._render_glyph(item.glyph_index, flags, mode)
            buffer = np.asarray(bitmap.buffer)
            if buffer.size == 0:
                continue
            if not antialiased:
                buffer = buffer * 0xff
            glyphs.append((buffer.astype(np.uint8), bitmap.left, bitmap.top))
        if not glyphs:
            return None, 0, 0
        left = min(g[1] for g in glyphs)
        top = max(g[2] for g in glyphs)
        right = max(g[1] + g[0].shape[1] for g in glyphs)
        bottom = min(g[2] - g[0].shape[0] for g in glyphs)
        image = np.zeros((top - bottom, right - left), dtype=np.uint8)
        for buffer, g_left, g_top in glyphs:
            rows, cols = buffer.shape
            row, col = top - g_top, g_left - left
            # Overlapping edges of neighbouring glyphs keep the stronger coverage.
            np.maximum(image[row:row + rows, col:col + cols], buffer,
                       out=image[row:row + rows, col:col + cols])
        return image, left, top


class CachedTextCanvasMixin:
    """For an Agg canvas class: its renderer draws text from the shared cache."""

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if getattr(self, "_lastKey", None) != key or not isinstance(
                getattr(self, "renderer", None), CachedTextRenderer):
            self.renderer = CachedTextRenderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer
