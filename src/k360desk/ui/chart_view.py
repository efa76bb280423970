"""Chart panel beside the map: kind chooser, second indicator, figure, export and copy."""

from __future__ import annotations

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from k360desk.export.agg_text import CachedTextCanvasMixin
from k360desk.export.charts import CHART_KINDS, ChartSpec, draw_chart
from k360desk.ui.indicator_search import IndicatorSearch

PREPARE_SLICE_S = 0.015
PREPARE_PAUSE_MS = 1
"""Not 0: a zero timer restarted from its own timeout can run again before other events."""


class ChartCanvas(CachedTextCanvasMixin, FigureCanvasQTAgg):
    """The chart's Qt canvas; unchanged strings are not rendered again on a redraw."""


class ChartView(QWidget):
    """Shows one chart for the page's indicator, period, map classes and selection."""

    settings_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.kind = QComboBox(self)
        for key in CHART_KINDS:
            self.kind.addItem(self._kind_label(key), key)
        self.second = QComboBox(self)
        # Long indicator names must not widen the panel: the combo elides instead.
        self.second.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.second.setMinimumContentsLength(14)
        self.second.setToolTip(self.tr("Zweiter Indikator (y-Achse des Streudiagramms)"))
        self.figure = Figure(figsize=(6, 5), layout="constrained")
        self.canvas = ChartCanvas(self.figure)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # A Tab stop whose name is the chart's title, so a screen reader says what it shows.
        self.canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.canvas.setAccessibleName(self.tr("Diagramm"))
        self.kind.setAccessibleName(self.tr("Diagrammart"))
        self.second.setAccessibleName(self.tr("Zweiter Indikator"))
        self.second_search = IndicatorSearch(self.second, self)
        self.second_search.setAccessibleName(self.tr("Zweiten Indikator suchen"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #6b6b6b;")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Diagramm:"), self))
        top.addWidget(self.kind, 1)
        top.addWidget(self.second, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.second_search)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.message)
        self.spec: ChartSpec | None = None
        self._box: tuple[float, float] | None = None  # axes size in pixels at the last draw
        self._corrections = 0
        self.canvas.mpl_connect("draw_event", self._after_draw)
        self._resize = QTimer(self, singleShot=True, interval=150)
        self._resize.timeout.connect(self._fit_labels)
        # A new chart is drawn in the event-loop turn after it was built: its first draw
        # measures every label (≈0,1 s), and building and drawing at once held the GUI
        # thread beside the map's first draw.
        self._draw_soon = QTimer(self, singleShot=True, interval=0)
        self._draw_soon.timeout.connect(self._draw_new_chart)
        # The panel's first chart measures and shapes every label; done in slices of a few
        # milliseconds in idle turns before that draw, it no longer comes in one piece.
        self._to_prepare: list = []
        self._prepare = QTimer(self, singleShot=True, interval=PREPARE_PAUSE_MS)
        self._prepare.timeout.connect(self._prepare_slice)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.second.currentIndexChanged.connect(self.settings_changed)
        self._kind_changed()

    def _kind_label(self, key: str) -> str:
        labels = {"bar": self.tr("Balken (sortiert)"), "series": self.tr("Zeitreihe"),
                  "scatter": self.tr("Streudiagramm"), "matrix": self.tr("Status-Dynamik-Matrix"),
                  "histogram": self.tr("Histogramm")}
        return labels.get(key, CHART_KINDS[key])

    def _kind_changed(self) -> None:
        self.second.setVisible(self.current_kind() == "scatter")
        self.second_search.setVisible(self.current_kind() == "scatter")
        self.settings_changed.emit()

    def current_kind(self) -> str:
        """Selected chart kind key (bar, series, scatter, matrix, histogram)."""
        return str(self.kind.currentData())

    def second_indicator(self) -> str | None:
        """Key of the second indicator for the scatter."""
        return self.second.currentData()

    def set_indicators(self, items: list[tuple[str, str]],
                       search: list[tuple[str, str, str | None, str | None]] = ()) -> None:
        """Fill the second-indicator chooser with (key, label) pairs, keeping the choice;
        ``search`` gives (key, name, unit, source) for its type-ahead search."""
        keep = self.second.currentData()
        self.second.blockSignals(True)
        self.second.clear()
        for key, label in items:
            self.second.addItem(label, key)
        index = self.second.findData(keep)
        self.second.setCurrentIndex(index if index >= 0 else min(1, self.second.count() - 1))
        self.second.blockSignals(False)
        offered = {key for key, _label in items}
        self.second_search.set_indicators([row for row in search if row[0] in offered])

    def show_chart(self, spec: ChartSpec | None, message: str = "") -> None:
        """Draw a chart (or only a German hint when there is nothing to show)."""
        previous, self.spec = self.spec, spec
        # The last layout can be kept only if it was drawn (a switch while the first chart
        # is still being prepared has none yet).
        drawn, self._drawn = getattr(self, "_drawn", False), False
        self._prepare.stop()
        self._to_prepare = []
        self.message.setText(message)
        self._relayout()  # the drawing sets the room for the titles on the layout
        axes = self.figure.get_axes()
        if (spec is not None and previous is not None and spec.kind == previous.kind == "bar"
                and len(axes) == 1):
            # Same kind again (an indicator switch): clearing the axes is half the cost of
            # a new figure layout with fresh axes.
            ax = axes[0]
            ax.clear()
            for text in list(self.figure.texts):
                text.remove()
        else:
            self.figure.clear()
            ax = self.figure.add_subplot() if spec is not None else None
        if spec is not None:
            draw_chart(ax, spec)
            self._labels = (ax.get_xlabel(), ax.get_ylabel())
        title = spec.title if spec is not None else message
        self.canvas.setAccessibleName(self.tr("Diagramm: %1").replace("%1", title) if title
                                      else self.tr("Diagramm"))
        self.canvas.setAccessibleDescription(spec.subtitle if spec is not None else "")
        self._fit_labels(draw=False)
        self._keep_layout_if_unchanged(drawn)
        self._draw_soon.start()

    def _draw_new_chart(self) -> None:
        if self._box is None and self.spec is not None and self.canvas.width() > 1:
            from matplotlib.text import Text

            # Tick labels are set from the locators only when asked for (or drawn).
            for ax in self.figure.get_axes():
                ax.xaxis.get_majorticklabels()
                ax.yaxis.get_majorticklabels()
            self._to_prepare = self.figure.findobj(Text)
            self._prepare_slice()
            return
        self.canvas.draw_idle()

    def _prepare_slice(self) -> None:
        import time

        if self._box is not None:
            self._to_prepare = []  # drawn meanwhile (an export, a test): nothing left to do
            return
        renderer = self.canvas.get_renderer()
        prepare = getattr(renderer, "prepare", None)
        end = time.perf_counter() + PREPARE_SLICE_S
        while self._to_prepare and prepare is not None and time.perf_counter() < end:
            prepare(self._to_prepare.pop())
        if self._to_prepare and prepare is not None:
            self._prepare.start()
        else:
            self._to_prepare = []
            self.canvas.draw_idle()

    def _layout_key(self) -> tuple | None:
        """What the constrained layout of the chart depends on: kind, size, the room the
        titles take, axis titles' lines and the tick labels (their width sets the margins)."""
        axes = self.figure.get_axes()
        if self.spec is None or len(axes) != 1:
            return None
        ax = axes[0]
        engine = self.figure.get_layout_engine()
        rect = engine.get().get("rect") if hasattr(engine, "get") else None
        ticks = []
        for axis in (ax.xaxis, ax.yaxis):
            locs = axis.get_majorticklocs()
            formatter = axis.get_major_formatter()
            formatter.set_locs(locs)
            ticks.append(tuple(str(formatter(v, i)) for i, v in enumerate(locs)))
            ticks.append(tuple(t.get_text() for t in axis.get_ticklabels(minor=False))
                         if axis.get_major_locator().__class__.__name__ == "FixedLocator" else ())
        return (self.spec.kind, len(self.spec.data), self.canvas.width(), self.canvas.height(),
                rect, ax.get_xlabel().count("\n"), ax.get_ylabel().count("\n"), *ticks)

    def _keep_layout_if_unchanged(self, drawn: bool = True) -> None:
        """A switch that changes nothing the layout depends on keeps the last layout: the
        constrained layout measures every text again and costs a third of a chart draw."""
        key = self._layout_key()
        frozen = drawn and key is not None and key == getattr(self, "_laid_out", None)
        engine = self.figure.get_layout_engine()
        if frozen and engine is not None and engine.__class__.__name__ != "PlaceHolderLayoutEngine":
            self._rect = engine.get().get("rect")
            self.figure.set_layout_engine("none")
        elif not frozen:
            self._relayout()
        self._laid_out = key

    def _relayout(self) -> None:
        """The constrained layout again (after a kept one)."""
        engine = self.figure.get_layout_engine()
        if engine is None or engine.__class__.__name__ == "PlaceHolderLayoutEngine":
            self.figure.set_layout_engine("constrained")
            if getattr(self, "_rect", None) is not None:
                self.figure.get_layout_engine().set(rect=self._rect)

    def _fit_labels(self, draw: bool = True) -> None:
        """Wrap the axis titles to the panel, so a narrow chart beside the map cuts nothing.

        The axes' size is known only after a draw (constrained layout); the last draw's size
        is used, and a draw that finds the titles wrapped for another size corrects them
        once. A switch in the same panel thus renders the chart once, not twice.
        """
        axes = self.figure.get_axes()
        if axes and self.spec is not None and self.canvas.width() > 1:
            box = self._box or (self.figure.bbox.width * 0.75, self.figure.bbox.height * 0.6)
            self._wrap(axes[0], box)
            self._corrections = 1
        if draw:
            self.canvas.draw_idle()

    def _wrap(self, ax, box: tuple[float, float]) -> bool:
        """Wrap titles and space value ticks for an axes box in pixels; True if changed."""
        import textwrap

        from matplotlib.ticker import FuncFormatter, MaxNLocator

        width, height = box
        x_label, y_label = getattr(self, "_labels", ("", ""))
        char = 8.5 * self.figure.dpi / 72 * 0.6
        wanted = (textwrap.fill(x_label, max(int(width / char), 12)) if x_label else "",
                  textwrap.fill(y_label, max(int(height / char), 12)) if y_label else "")
        changed = wanted != (ax.get_xlabel(), ax.get_ylabel())
        if changed:
            ax.set_xlabel(wanted[0])
            ax.set_ylabel(wanted[1])
        if isinstance(ax.xaxis.get_major_formatter(), FuncFormatter):
            # About one value tick per 70 px, so "10.000" and "15.000" never touch.
            ticks = max(2, int(width / (70 * self.figure.dpi / 72)))
            locator = ax.xaxis.get_major_locator()
            if not (isinstance(locator, MaxNLocator) and locator._nbins == ticks):
                ax.xaxis.set_major_locator(MaxNLocator(nbins=ticks, steps=[1, 2, 2.5, 5, 10]))
                changed = True
        return changed

    def _after_draw(self, _event) -> None:
        axes = self.figure.get_axes()
        if not axes or self.spec is None:
            return
        extent = axes[0].get_window_extent()
        self._box = (extent.width, extent.height)
        self._drawn = True
        if self._corrections > 0 and self._wrap(axes[0], self._box):
            self._corrections -= 1
            self._relayout()
            self._laid_out = None
            self.canvas.draw_idle()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._relayout()
        self._laid_out = None
        self._resize.start()
