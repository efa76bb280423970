"""Draw a ``MapSpec`` with reportlab as vector graphics (the PDF twin of ``export.map_render``).

Both renderers read the same spec (classes, hex colours, hatching, legend rows), so screen
and print never disagree. Districts of one colour are drawn as one path; the grey base of a
locator map is a PDF form XObject written once per document and reused on every profile
page, which keeps a 550-profile book small and fast.
"""

from __future__ import annotations

import math

import numpy as np
from reportlab.lib import colors
from reportlab.platypus import Flowable

from k360desk.analysis.mapspec import EXCLUDED, SUPPRESSED, MapBase, MapSpec, declutter
from k360desk.export.pdf.base import FONT, FONT_BOLD, INK, MUTED, register_fonts
from k360desk.formats import format_number

LEGEND_WIDTH = 150.0
EDGE = colors.white


def district_rings(base: MapBase) -> list[list[np.ndarray]]:
    """Rings (exterior and holes) of every district as coordinate arrays, cached on the base."""
    cached = getattr(base, "_pdf_rings", None)
    if cached is not None:
        return cached
    import shapely

    geoms = np.asarray(base.geometries.values, dtype=object)
    parts, part_geom = shapely.get_parts(geoms, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    out: list[list[np.ndarray]] = [[] for _ in range(len(geoms))]
    coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
    if len(coords):
        splits = np.flatnonzero(np.diff(coord_ring)) + 1
        for ring_no, chunk in zip(np.unique(coord_ring), np.split(coords, splits), strict=True):
            out[int(part_geom[ring_part[ring_no]])].append(chunk)
    base._pdf_rings = out  # type: ignore[attr-defined]
    return out


class _Frame:
    """CRS → page transformation for a box of ``width`` × ``height`` points."""

    def __init__(
        self, extent: tuple[float, float, float, float], width: float, height: float, pad: float = 0.03
    ) -> None:
        x0, y0, x1, y1 = extent
        dx, dy = max(x1 - x0, 1e-9), max(y1 - y0, 1e-9)
        x0, x1 = x0 - pad * dx, x1 + pad * dx
        y0, y1 = y0 - pad * dy, y1 + pad * dy
        self.scale = min(width / (x1 - x0), height / (y1 - y0))
        self.ox = (width - (x1 - x0) * self.scale) / 2 - x0 * self.scale
        self.oy = (height - (y1 - y0) * self.scale) / 2 - y0 * self.scale

    def xy(self, coords: np.ndarray) -> np.ndarray:
        """Page coordinates of an (n, 2) array."""
        return coords * self.scale + np.array([self.ox, self.oy])


def _path(canvas, frame: _Frame, rows: list[int], rings: list[list[np.ndarray]]):
    path = canvas.beginPath()
    for row in rows:
        for ring in rings[row]:
            pts = frame.xy(ring)
            path.moveTo(float(pts[0, 0]), float(pts[0, 1]))
            for x, y in pts[1:].tolist():
                path.lineTo(x, y)
            path.close()
    return path


def _hatch(
    canvas,
    frame: _Frame,
    rows: list[int],
    rings,
    width: float,
    height: float,
    color: str,
    spacing: float = 3.2,
    cross: bool = False,
) -> None:
    """Diagonal hatching clipped to the districts (suppressed values; ``cross``: both
    diagonals, for districts left out of the index)."""
    if not rows:
        return
    canvas.saveState()
    canvas.clipPath(_path(canvas, frame, rows, rings), stroke=0, fill=0, fillMode=1)
    canvas.setStrokeColor(colors.HexColor(color))
    canvas.setLineWidth(0.45)
    span = width + height
    x = -height
    while x < span:
        canvas.line(x, 0, x + height, height)
        if cross:
            canvas.line(x + height, 0, x, height)
        x += spacing
    canvas.restoreState()


def draw_districts(canvas, spec: MapSpec, frame: _Frame, width: float, height: float) -> None:
    """Fill districts by class colour (one path per colour), hatch suppressed ones."""
    rings = district_rings(spec.base)
    faces = spec.face_colors()
    groups: dict[str, list[int]] = {}
    for row, face in enumerate(faces):
        groups.setdefault(face, []).append(row)
    canvas.setStrokeColor(EDGE)
    canvas.setLineWidth(0.4)
    canvas.setLineJoin(1)
    for face, rows in groups.items():
        canvas.setFillColor(colors.HexColor(face))
        canvas.drawPath(_path(canvas, frame, rows, rings), stroke=1, fill=1, fillMode=1)
    suppressed = [int(r) for r in np.flatnonzero(spec.class_index == SUPPRESSED)]
    _hatch(canvas, frame, suppressed, rings, width, height, spec.suppressed_style.hatch_color)
    excluded = [int(r) for r in np.flatnonzero(spec.class_index == EXCLUDED)]
    _hatch(canvas, frame, excluded, rings, width, height, spec.excluded_style.hatch_color, 2.4, cross=True)
    if spec.highlight:
        rows = []
        for district_id in spec.highlight:
            try:
                rows.append(spec.base.position(district_id))
            except KeyError:
                continue
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(1.4)
        canvas.drawPath(_path(canvas, frame, rows, rings), stroke=1, fill=0)


def draw_scale_bar(canvas, frame: _Frame, x: float, y: float, max_width: float) -> None:
    """A scale bar with a round length (1, 2 or 5 × 10^n metres)."""
    metres = max_width / frame.scale
    if metres <= 0:
        return
    exp = 10 ** math.floor(math.log10(metres))
    length = max(m * exp for m in (1, 2, 5) if m * exp <= metres)
    width = length * frame.scale
    canvas.saveState()
    canvas.setLineWidth(0.6)
    canvas.setStrokeColor(INK)
    canvas.setFillColor(INK)
    canvas.rect(x, y, width / 2, 2.5, stroke=1, fill=1)
    canvas.setFillColor(colors.white)
    canvas.rect(x + width / 2, y, width / 2, 2.5, stroke=1, fill=1)
    canvas.setFillColor(INK)
    canvas.setFont(FONT, 6)
    label = (
        f"{format_number(length / 1000, 0 if length >= 1000 else 1)} km"
        if length >= 100
        else f"{format_number(length, 0)} m"
    )
    canvas.drawString(x, y + 4.5, "0")
    canvas.drawRightString(x + width + 3, y + 4.5, label)
    canvas.restoreState()


def draw_north_arrow(canvas, x: float, y: float, size: float = 14) -> None:
    """A plain north arrow (half filled) with an "N"."""
    canvas.saveState()
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.5)
    half = size * 0.32
    path = canvas.beginPath()
    path.moveTo(x, y + size)
    path.lineTo(x - half, y)
    path.lineTo(x, y + size * 0.28)
    path.close()
    canvas.setFillColor(INK)
    canvas.drawPath(path, stroke=1, fill=1)
    path = canvas.beginPath()
    path.moveTo(x, y + size)
    path.lineTo(x + half, y)
    path.lineTo(x, y + size * 0.28)
    path.close()
    canvas.setFillColor(colors.white)
    canvas.drawPath(path, stroke=1, fill=1)
    canvas.setFillColor(INK)
    canvas.setFont(FONT_BOLD, 7)
    canvas.drawCentredString(x, y + size + 2, "N")
    canvas.restoreState()


def draw_legend(canvas, spec: MapSpec, x: float, top: float, width: float) -> float:
    """Legend title and rows (swatch, label, count); returns the y below the legend."""
    canvas.saveState()
    canvas.setFillColor(INK)
    canvas.setFont(FONT_BOLD, 7)
    y = top - 8
    for line in _wrap(spec.legend_title, width, FONT_BOLD, 7):
        canvas.drawString(x, y, line)
        y -= 9
    y -= 2
    for entry in spec.legend:
        canvas.setFillColor(colors.HexColor(entry.style.face))
        canvas.setStrokeColor(colors.HexColor("#8c8c8c"))
        canvas.setLineWidth(0.4)
        canvas.rect(x, y - 1, 11, 7, stroke=1, fill=1)
        if entry.style.hatch:
            canvas.setStrokeColor(colors.HexColor(entry.style.hatch_color))
            cross = "x" in entry.style.hatch
            canvas.saveState()
            clip = canvas.beginPath()
            clip.rect(x, y - 1, 11, 7)
            canvas.clipPath(clip, stroke=0, fill=0)
            for dx in (-7, -3.5, 0, 3.5, 7, 10.5) if cross else (-3.5, 0, 3.5, 7):
                canvas.line(x + dx, y - 1, x + dx + 7, y + 6)
                if cross:
                    canvas.line(x + dx + 7, y - 1, x + dx, y + 6)
            canvas.restoreState()
        canvas.setFillColor(INK)
        canvas.setFont(FONT, 6.8)
        canvas.drawString(x + 15, y, entry.label)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(x + width, y, f"({entry.count})")
        y -= 10
    if spec.reference is not None and not spec.categorical:
        unit = f" {spec.unit}" if spec.unit else ""
        canvas.setFillColor(MUTED)
        canvas.setFont(FONT, 6.5)
        canvas.drawString(
            x, y - 2, f"{spec.reference_label}: {format_number(spec.reference, spec.decimals)}{unit}"
        )
        y -= 12
    canvas.restoreState()
    return y


def _wrap(text: str, width: float, font: str, size: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, line = [], ""
    for word in str(text).split():
        trial = f"{line} {word}".strip()
        if line and stringWidth(trial, font, size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines or [""]


class MapFlowable(Flowable):
    """A thematic map with legend, scale bar, north arrow, labels and source line."""

    def __init__(
        self, spec: MapSpec, width: float, height: float, *, legend: bool = True, labels: bool = True
    ) -> None:
        super().__init__()
        register_fonts()
        self.spec = spec
        self.width = width
        self.height = height
        self.legend = legend
        self.show_labels = labels

    def wrap(self, aw, ah):
        return self.width, self.height

    @property
    def alt_text(self) -> str:
        """What the map says, for a screen reader (tagged PDF)."""
        from k360desk.export.pdf.alt_text import map_alt_text

        return map_alt_text(self.spec)

    def draw(self):
        canvas = self.canv
        spec = self.spec
        map_w = self.width - (LEGEND_WIDTH + 10 if self.legend else 0)
        map_h = self.height - 12
        frame = _Frame(spec.extent, map_w, map_h)
        canvas.saveState()
        canvas.translate(0, 12)
        draw_districts(canvas, spec, frame, map_w, map_h)
        if self.show_labels:
            self._labels(frame, map_w, map_h)
        canvas.restoreState()
        draw_scale_bar(canvas, frame, 2, 14, map_w / 4)
        draw_north_arrow(canvas, map_w - 10, self.height - 22)
        if self.legend:
            draw_legend(canvas, spec, map_w + 10, self.height, LEGEND_WIDTH)
        if spec.source:
            # Wrapped below the frame, never cut: the dates at its end say how old the map is.
            canvas.saveState()
            canvas.setFont(FONT, 6)
            canvas.setFillColor(MUTED)
            for i, line in enumerate(_wrap(spec.source, self.width, FONT, 6)[:3]):
                canvas.drawString(0, 2 - 7 * i, line)
            canvas.restoreState()

    def _labels(self, frame: _Frame, width: float, height: float) -> None:
        labels = declutter(spec_labels := self.spec.labels(), 1 / frame.scale, fontsize=6.0)
        if not spec_labels:
            return
        canvas = self.canv
        placed = []
        for label in labels:
            x, y = frame.xy(np.array([[label.x, label.y]]))[0]
            width = canvas.stringWidth(label.text, FONT, 6)
            placed.append((float(x) - width / 2, float(y) - 2, label.text))
        # A white halo keeps names readable on dark classes (and in grey print). The text render
        # mode is graphics state: restoreState ends the stroked mode before the names are filled.
        canvas.saveState()
        canvas.setStrokeColor(colors.white)
        canvas.setLineWidth(1.6)
        canvas.setLineJoin(1)
        for x, y, text in placed:
            obj = canvas.beginText()
            obj.setFont(FONT, 6)
            obj.setTextRenderMode(1)
            obj.setTextOrigin(x, y)
            obj.textOut(text)
            canvas.drawText(obj)
        canvas.restoreState()
        canvas.setFillColor(INK)
        canvas.setFont(FONT, 6)
        for x, y, text in placed:
            canvas.drawString(x, y, text)


class LocatorMap(Flowable):
    """The whole city in light grey with one district dark: where is this district?"""

    def __init__(
        self,
        base: MapBase,
        district_id: int,
        width: float,
        height: float,
        outline: MapBase | None = None,
        caption: str = "",
    ) -> None:
        super().__init__()
        self.base = base
        self.district_id = int(district_id)
        self.width = width
        self.height = height
        self.outline = outline
        self.caption = caption

    def wrap(self, aw, ah):
        return self.width, self.height

    @property
    def alt_text(self) -> str:
        """Where the district lies (and its class, from ``caption``), for a screen reader."""
        from k360desk.export.pdf.alt_text import locator_alt_text

        return locator_alt_text(self.base, self.district_id, self.caption)

    def _form(self, frame: _Frame) -> str:
        canvas = self.canv
        name = f"k360loc{id(self.base)}_{int(self.width)}x{int(self.height)}"
        forms = canvas.__dict__.setdefault("_k360_forms", set())
        if name in forms:
            return name
        canvas.beginForm(name, 0, 0, self.width, self.height)
        rings = district_rings(self.base)
        canvas.setFillColor(colors.HexColor("#e4e4e4"))
        canvas.setStrokeColor(colors.white)
        canvas.setLineWidth(0.3)
        canvas.drawPath(_path(canvas, frame, list(range(len(rings))), rings), stroke=1, fill=1, fillMode=1)
        if self.outline is not None:
            outer = district_rings(self.outline)
            canvas.setStrokeColor(colors.HexColor("#8a8a8a"))
            canvas.setLineWidth(0.6)
            canvas.drawPath(_path(canvas, frame, list(range(len(outer))), outer), stroke=1, fill=0)
        canvas.endForm()
        forms.add(name)
        return name

    def draw(self):
        canvas = self.canv
        frame = _Frame(self.base.extent, self.width, self.height, pad=0.02)
        canvas.doForm(self._form(frame))
        try:
            row = self.base.position(self.district_id)
        except KeyError:
            return
        rings = district_rings(self.base)
        canvas.setFillColor(colors.HexColor("#2b4c6f"))
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.6)
        canvas.drawPath(_path(canvas, frame, [row], rings), stroke=1, fill=1, fillMode=1)
        draw_north_arrow(canvas, self.width - 8, self.height - 20, size=11)
        draw_scale_bar(canvas, frame, 2, 2, self.width / 3)
