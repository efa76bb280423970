"""A small time-series chart (district against city) drawn straight onto the PDF canvas.

Drawing the few lines ourselves is an order of magnitude faster than a matplotlib figure per
chart and stays vector; a profile book has over 2,000 of these charts.
"""

from __future__ import annotations

import math

from reportlab.lib import colors
from reportlab.platypus import Flowable

from k360desk.export.pdf.base import FONT, FONT_BOLD, INK, MUTED, RULE
from k360desk.export.pdf.map_flowable import _wrap
from k360desk.formats import format_number
from k360desk.messages import N_, tr

DISTRICT_COLOR = colors.HexColor("#2b4c6f")
CITY_COLOR = colors.HexColor("#8a8a8a")


def nice_range(low: float, high: float) -> tuple[float, float]:
    """Round axis limits around the data (a little air above and below)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return 0.0, 1.0
    if high - low < 1e-9:
        pad = abs(high) * 0.1 or 1.0
        return low - pad, high + pad
    step = 10 ** math.floor(math.log10(high - low))
    lo = math.floor(low / step) * step
    hi = math.ceil(high / step) * step
    if low >= 0 and lo < 0:
        lo = 0.0
    return lo, hi


class SeriesChart(Flowable):
    """Title, two lines (district solid and dark, city dashed and grey), axis labels."""

    def __init__(
        self,
        title: str,
        unit: str,
        decimals: int,
        series: list[tuple[int, float]],
        reference: list[tuple[int, float]],
        width: float,
        height: float,
        district_label: str = N_("Sozialraum"),
    ) -> None:
        super().__init__()
        self.title = title
        self.unit = unit
        self.decimals = decimals
        self.series = series
        self.reference = reference
        self.width = width
        self.height = height
        self.district_label = tr(district_label)

    def wrap(self, aw, ah):
        return self.width, self.height

    @property
    def alt_text(self) -> str:
        """The chart told in first and last values, for a screen reader."""
        from k360desk.export.pdf.alt_text import series_alt_text

        return series_alt_text(
            self.title, self.unit, self.decimals, self.series, self.reference, self.district_label
        )

    def draw(self):
        c = self.canv
        c.setFillColor(INK)
        c.setFont(FONT_BOLD, 7.2)
        lines = _wrap(self.title + (f" ({self.unit})" if self.unit else ""), self.width, FONT_BOLD, 7.2)[:2]
        y = self.height - 8
        for line in lines:
            c.drawString(0, y, line)
            y -= 8.5
        left, bottom = 28.0, 24.0
        top = self.height - 8 - 8.5 * len(lines) - 2
        right = self.width - 4
        periods = sorted({p for p, _ in self.series} | {p for p, _ in self.reference})
        values = [v for _, v in self.series + self.reference if math.isfinite(v)]
        c.setStrokeColor(RULE)
        c.setLineWidth(0.4)
        c.line(left, bottom, right, bottom)
        if not periods or not values:
            c.setFillColor(MUTED)
            c.setFont(FONT, 7)
            c.drawCentredString((left + right) / 2, (bottom + top) / 2, tr("keine Werte"))
            return
        lo, hi = nice_range(min(values), max(values))
        p0, p1 = periods[0], periods[-1]

        def px(p: int) -> float:
            return left + (right - left) * ((p - p0) / (p1 - p0) if p1 > p0 else 0.5)

        def py(v: float) -> float:
            return bottom + (top - bottom) * (v - lo) / (hi - lo)

        c.setFont(FONT, 6)
        c.setFillColor(MUTED)
        for v in (lo, (lo + hi) / 2, hi):
            c.setStrokeColor(colors.HexColor("#e2e2e2"))
            c.line(left, py(v), right, py(v))
            c.drawRightString(left - 3, py(v) - 2, format_number(v, self.decimals if hi - lo < 10 else 0))
        for p in sorted({p0, p1} | ({periods[len(periods) // 2]} if len(periods) > 2 else set())):
            c.drawCentredString(px(p), bottom - 9, str(p))
        self._line(self.reference, px, py, CITY_COLOR, dash=True)
        self._line(self.series, px, py, DISTRICT_COLOR, dash=False)
        c.setFont(FONT, 6)
        lx = left
        for label, color, dash in (
            (self.district_label, DISTRICT_COLOR, False),
            (tr("Gesamtstadt"), CITY_COLOR, True),
        ):
            c.setStrokeColor(color)
            c.setLineWidth(1.3)
            c.setDash([2, 1.5] if dash else [])
            c.line(lx, 3, lx + 10, 3)
            c.setDash([])
            c.setFillColor(INK)
            c.drawString(lx + 13, 1, label)
            lx += 18 + c.stringWidth(label, FONT, 6)

    def _line(self, points, px, py, color, dash: bool) -> None:
        c = self.canv
        c.setStrokeColor(color)
        c.setFillColor(color)
        c.setLineWidth(1.3)
        c.setDash([2.5, 1.8] if dash else [])
        segment: list[tuple[float, float]] = []
        for p, v in sorted(points) + [(None, float("nan"))]:
            if p is not None and math.isfinite(v):
                segment.append((px(p), py(v)))
                continue
            if len(segment) > 1:
                path = c.beginPath()
                path.moveTo(*segment[0])
                for x, y in segment[1:]:
                    path.lineTo(x, y)
                c.drawPath(path, stroke=1, fill=0)
            for x, y in segment if not dash else []:
                c.circle(x, y, 1.2, stroke=0, fill=1)
            segment = []
        c.setDash([])
