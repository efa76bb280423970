"""The interactive map widget: a matplotlib figure in Qt with zoom, pan, hover and click.

Geometry-dependent work (paths, spatial index) happens once per district set; a new
indicator only recolours the existing collection. Redraws are batched with ``draw_idle``
and resizes debounced with a QTimer.
"""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QCursor
from PySide6.QtWidgets import QToolTip

from k360desk.analysis.mapspec import MapBase, MapSpec
from k360desk.export.agg_text import CachedTextCanvasMixin
from k360desk.export.map_render import MapArtists, draw_map, title_lines

CLICK_TOLERANCE_PX = 4
LEGEND_WIDTH_PX = 225
LEGEND_BELOW_WIDTH_PX = 640
"""Below this canvas width (and when taller than wide) the legend goes under the map."""
ZOOM_STEP = 1.25


class DistrictLocator:
    """Which district lies under a point: shapely STRtree built once per geometry set."""

    def __init__(self, base: MapBase) -> None:
        import shapely

        self.base = base
        self._geoms = np.asarray(base.geometries.values, dtype=object)
        shapely.prepare(self._geoms)
        self._tree = shapely.STRtree(self._geoms)

    def row_at(self, x: float, y: float) -> int | None:
        """Row of the district containing (x, y), or None."""
        import shapely

        hits = self._tree.query(shapely.Point(x, y), predicate="intersects")
        return int(hits[0]) if len(hits) else None


class MapCanvas(CachedTextCanvasMixin, FigureCanvasQTAgg):
    """Draws a ``MapSpec``; emits ``district_clicked(id, additive)`` and ``hovered(row)``."""

    district_clicked = Signal(int, bool)
    background_clicked = Signal()
    hovered = Signal(int)

    def __init__(self, parent=None) -> None:
        self.figure = Figure(figsize=(8, 6))
        super().__init__(self.figure)
        self.setParent(parent)
        self.figure.patch.set_facecolor("#ffffff")
        self.ax = self.figure.add_axes((0.03, 0.06, 0.70, 0.84))
        self.ax.set_anchor("NW")
        self.ax.set_axis_off()
        self.artists: MapArtists | None = None
        self.locator: DistrictLocator | None = None
        self.last_tooltip = ""
        self.legend_below = False
        self._press: tuple[float, float, tuple, tuple] | None = None
        self._panned = False
        self._hover_row: int | None = None
        self._settle = QTimer(self, singleShot=True, interval=120)
        self._settle.timeout.connect(self._after_view_change)
        self.setMouseTracking(True)
        self.mpl_connect("motion_notify_event", self._on_motion)
        self.mpl_connect("button_press_event", self._on_press)
        self.mpl_connect("button_release_event", self._on_release)
        self.mpl_connect("scroll_event", self._on_scroll)
        self.mpl_connect("figure_leave_event", lambda _e: QToolTip.hideText())
        # Keyboard and screen reader (BITV 2.0): the map is a Tab stop, arrow keys walk to the
        # neighbouring district, and the name says which district and value is selected.
        self._key_row: int | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Karte"))
        self.setAccessibleDescription(self.tr(
            "Pfeiltasten wählen den benachbarten Sozialraum, Plus und Minus zoomen, "
            "Pos1 zeigt die ganze Stadt"))

    # --- content ------------------------------------------------------------------------

    @property
    def spec(self) -> MapSpec | None:
        """The map now shown."""
        return self.artists.spec if self.artists else None

    def show_spec(self, spec: MapSpec) -> None:
        """Show a map; on the same geometries only colours, legend and overlays change."""
        placed = self.ax.get_position().bounds
        if self.artists is not None and self.artists.spec.base is spec.base:
            self.artists.recolor(spec)
            recoloured = True
        else:
            self._wipe()
            self.artists = draw_map(self.ax, spec, label_size=7.5, legend_wrap=26)
            self.locator = DistrictLocator(spec.base)
            recoloured = False
        self._fit_axes()
        self.draw_idle()
        # Labels were placed for the frame before fitting; place them again when it moved
        # (a second full redraw, so not after a plain recolour in the same frame).
        if not recoloured or self.ax.get_position().bounds != placed:
            self._settle.start()

    def clear_map(self, message: str = "") -> None:
        """Show an empty frame with a short message."""
        self._wipe()
        self.artists = None
        self.locator = None
        if message:
            self.ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=10, color="#6b6b6b",
                         transform=self.ax.transAxes)
        self.draw_idle()

    def _wipe(self) -> None:
        """Take every drawn artist off the axes. ``Axes.clear`` would also rebuild ticks and
        spines a map never shows (50 ms CPU on the first map of a visit)."""
        ax = self.ax
        if ax.legend_ is not None:
            ax.legend_.remove()
        for artist in list(ax._children):
            artist.remove()
        ax.set_axis_off()

    def set_selection(self, ids: tuple[int, ...]) -> None:
        """Outline the selected districts."""
        if self.artists is not None:
            self.artists.set_highlight(ids)
            self.draw_idle()
            rows = [self.artists.spec.base._positions.get(int(i)) for i in ids]
            rows = [row for row in rows if row is not None]
            self._key_row = rows[0] if len(rows) == 1 else None
            self._announce()

    # --- keyboard and screen reader ----------------------------------------------------

    def _announce(self) -> None:
        """Name the widget after the selected district and its value (read on change)."""
        if self.artists is None or self._key_row is None:
            text = self.tr("Karte")
        else:
            detail = self.artists.spec.describe(self._key_row).replace("\n", "; ")
            text = self.tr("Karte: %1").replace("%1", detail)
        if text != self.accessibleName():
            self.setAccessibleName(text)
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.NameChanged))

    def neighbour(self, row: int | None, dx: int, dy: int) -> int | None:
        """The nearest district from ``row`` in the direction (dx, dy) (map axes, y up)."""
        if self.artists is None:
            return None
        anchors = np.asarray(self.artists.spec.base.anchors, dtype=float)
        if len(anchors) == 0:
            return None
        if row is None:
            # Start in the north-west, where a reader starts a page.
            return int(np.argmin(anchors[:, 0] - anchors[:, 1]))
        offset = anchors - anchors[row]
        along = offset @ np.array([dx, dy], dtype=float)
        across = np.abs(offset @ np.array([-dy, dx], dtype=float))
        ahead = (along > 0) & (across <= 2 * along)
        if not ahead.any():
            return row
        cost = np.where(ahead, along + 2 * across, np.inf)
        return int(np.argmin(cost))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Arrows move the selection between districts; +/− zoom; Home shows the whole city."""
        moves = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
                 Qt.Key.Key_Up: (0, 1), Qt.Key.Key_Down: (0, -1)}
        key = Qt.Key(event.key())
        if key in moves and self.artists is not None:
            row = self.neighbour(self._key_row, *moves[key])
            if row is not None:
                self._key_row = row
                self.district_clicked.emit(int(self.artists.spec.base.ids[row]), False)
                self._announce()
            event.accept()
            return
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_Home:
            self.reset_view()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # --- view ----------------------------------------------------------------------------

    def zoom(self, factor: float, center: tuple[float, float] | None = None) -> None:
        """Zoom by ``factor`` (>1 = closer) around a point in CRS units."""
        x0, x1 = self.ax.get_xlim()
        y0, y1 = self.ax.get_ylim()
        cx, cy = center if center else ((x0 + x1) / 2, (y0 + y1) / 2)
        self.ax.set_xlim(cx - (cx - x0) / factor, cx + (x1 - cx) / factor)
        self.ax.set_ylim(cy - (cy - y0) / factor, cy + (y1 - cy) / factor)
        self._view_changed()

    def reset_view(self) -> None:
        """Show the whole city again."""
        if self.artists is not None:
            self.artists.reset_view()
            self._view_changed()

    def _view_changed(self) -> None:
        if self.artists is not None:
            self.artists.hide_labels()
        self.draw_idle()
        self._settle.start()

    def _after_view_change(self) -> None:
        if self.artists is not None:
            self.artists.refresh_view()
            self.draw_idle()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit_axes()
        self._settle.start()

    def _fit_axes(self) -> None:
        """Legend in a strip on the right, or below the map when the canvas is narrow and
        tall (the map then gets the whole width); room below for scale bar and source."""
        width, height = max(self.width(), 1), max(self.height(), 1)
        lines = title_lines(self.artists.spec, self.figure) if self.artists is not None else 1
        top = min((52 + 20 * lines) / height, 0.4)
        legend = self.artists.legend if self.artists is not None else None
        self.legend_below = (legend is not None and width < LEGEND_BELOW_WIDTH_PX
                             and height > width * 1.15)
        if not self.legend_below:
            if legend is not None:
                legend.set_bbox_to_anchor((1.02, 1.0), transform=self.ax.transAxes)
            right = min(LEGEND_WIDTH_PX / width, 0.5)
            bottom = min(60 / height, 0.3)
            self.ax.set_position((0.02, bottom, 1 - right - 0.03, 1 - top - bottom))
            return
        from matplotlib.transforms import offset_copy

        ratio = self.device_pixel_ratio or 1
        gap_pt = 64  # below the scale bar and the source line
        legend_px = legend.get_window_extent(self.get_renderer()).height / ratio
        below = gap_pt * self.figure.dpi / 72 / ratio + legend_px + 12
        bottom = min(below / height, 0.6)
        self.ax.set_position((0.02, bottom, 0.95, max(1 - top - bottom, 0.1)))
        legend.set_bbox_to_anchor((0, 0), transform=offset_copy(
            self.ax.transAxes, self.figure, y=-gap_pt, units="points"))

    # --- mouse ---------------------------------------------------------------------------

    def tooltip_at(self, x: float, y: float) -> str:
        """Tooltip text for a point in CRS units ("" outside the districts)."""
        if self.locator is None or self.artists is None:
            return ""
        row = self.locator.row_at(x, y)
        return "" if row is None else self.artists.spec.describe(row)

    def _on_motion(self, event) -> None:
        if self._press is not None and event.inaxes is self.ax and event.button == 1:
            self._pan(event)
            return
        if event.inaxes is not self.ax or self.locator is None:
            if self._hover_row is not None:
                QToolTip.hideText()
                self._hover_row = None
            return
        row = self.locator.row_at(event.xdata, event.ydata)
        if row == self._hover_row:
            return
        self._hover_row = row
        if row is None:
            self.last_tooltip = ""
            QToolTip.hideText()
            return
        self.last_tooltip = self.artists.spec.describe(row)
        self.hovered.emit(row)
        QToolTip.showText(QCursor.pos() + QPoint(12, 12), self.last_tooltip, self)

    def _on_press(self, event) -> None:
        if event.inaxes is not self.ax or event.button != 1:
            return
        self._press = (event.x, event.y, self.ax.get_xlim(), self.ax.get_ylim())
        self._panned = False

    def _pan(self, event) -> None:
        x, y, xlim, ylim = self._press
        if not self._panned and abs(event.x - x) + abs(event.y - y) < CLICK_TOLERANCE_PX:
            return
        self._panned = True
        QToolTip.hideText()
        box = self.ax.bbox
        # Pixels → CRS units at the limits of press time, so the map follows the mouse.
        dx = (event.x - x) * (xlim[1] - xlim[0]) / max(box.width, 1)
        dy = (event.y - y) * (ylim[1] - ylim[0]) / max(box.height, 1)
        self.ax.set_xlim(xlim[0] - dx, xlim[1] - dx)
        self.ax.set_ylim(ylim[0] - dy, ylim[1] - dy)
        self._view_changed()

    def _on_release(self, event) -> None:
        press, self._press = self._press, None
        if press is None or self._panned or event.button != 1:
            return
        if event.inaxes is not self.ax or self.locator is None:
            return
        row = self.locator.row_at(event.xdata, event.ydata)
        additive = bool(event.guiEvent and event.guiEvent.modifiers()
                        & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
        if row is None:
            self.background_clicked.emit()
        else:
            self.district_clicked.emit(int(self.artists.spec.base.ids[row]), additive)

    def _on_scroll(self, event) -> None:
        if event.inaxes is not self.ax:
            return
        factor = ZOOM_STEP if event.button == "up" else 1 / ZOOM_STEP
        self.zoom(factor, (event.xdata, event.ydata))
