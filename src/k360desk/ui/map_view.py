"""The "Karten & Diagramme" page: choropleth map, controls, charts and linked selection."""

from __future__ import annotations

import io

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication, QImage, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from k360desk.analysis.classify import parse_breaks
from k360desk.analysis.palettes import DIVERGING, PALETTE_LABELS, SEQUENTIAL
from k360desk.ui.chart_view import ChartView
from k360desk.ui.indicator_search import IndicatorSearch, entry_text
from k360desk.ui.map_canvas import ZOOM_STEP, MapCanvas
from k360desk.ui.map_loader import MapLoading

_MAP_TABLES = {"indicator_values", "indicators", "districts", "district_levels", "facilities",
               "facility_types", "index_runs", "index_results", "topics", "k360_meta",
               "statements", "questions", "goals"}
_GEOMETRY_TABLES = {"districts", "district_levels"}
CONTROLS_WIDTH = 250
CHART_MIN_WIDTH = 300
CHART_DEBOUNCE_MS = 30
CHART_AFTER_MAP_MS = 500
"""The chart waits for the map's draw; should that draw never come, it is built after this."""
CHART_SHARE = 0.32
"""Share of the room beside the controls the chart gets at first; the map takes the rest."""


def _text(value) -> str | None:
    """A unit or source as text; None for empty cells."""
    return None if value is None or value != value or str(value).strip() == "" else str(value)


class MapPage(MapLoading, QWidget):
    """Map and charts of indicators and the social index, linked to the project selection."""

    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self._bases: dict = {}
        self._tables: dict = {}  # indicator tables of this project state, emptied on changes
        self._selection: tuple[int, ...] = tuple(getattr(context, "selected_districts", ()) or ())
        self._update = QTimer(self, singleShot=True, interval=0)
        self._update.timeout.connect(lambda: self._rebuild(background=True))
        self._init_loading()
        self._chart_update = QTimer(self, singleShot=True, interval=CHART_DEBOUNCE_MS)
        self._chart_update.timeout.connect(self._rebuild_chart)
        # Work asked for while nothing shows it waits here until it is seen again, so a
        # hidden page or chart panel costs nothing and never reads a file closed meanwhile.
        self._map_stale = False
        self._chart_stale = False
        self._chart_after_map = False
        self._build_ui()
        context.changed.connect(self._on_changed)
        context.selection_changed.connect(self._on_selection)
        context.project_replaced.connect(self._on_project_replaced)
        self._on_project_replaced()

    # --- layout -------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.indicator = QComboBox(self)
        self.indicator.setModel(QStandardItemModel(self.indicator))
        self.indicator.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.indicator.setMinimumContentsLength(14)
        self.period = QComboBox(self)
        self.level = QComboBox(self)
        self.scheme = QComboBox(self)
        for key, label in (("quantiles", self.tr("Quantile")),
                           ("equal_interval", self.tr("Gleiche Intervalle")),
                           ("natural_breaks", self.tr("Natürliche Brüche (Jenks)")),
                           ("std_mean", self.tr("Standardabweichung")),
                           ("manual", self.tr("Manuell"))):
            self.scheme.addItem(label, key)
        self.classes = QSpinBox(self, minimum=3, maximum=9, value=5)
        self.breaks = QLineEdit(self, placeholderText=self.tr("z. B. 5; 10; 15"))
        self.palette = QComboBox(self)
        self.palette.addItem(self.tr("Automatisch (nach Polarität)"), None)
        for name in SEQUENTIAL + DIVERGING:
            self.palette.addItem(PALETTE_LABELS.get(name, name), name)
        self.labels = QComboBox(self)
        for key, label in (("name", self.tr("Name")), ("code", self.tr("Kürzel")),
                           ("none", self.tr("keine"))):
            self.labels.addItem(label, key)
        self.facilities = QListWidget(self)
        self.facilities.setMaximumHeight(130)
        self.facilities.setAccessibleName(self.tr("Einrichtungen einblenden"))

        form = QFormLayout()
        self.indicator_search = IndicatorSearch(self.indicator, self)
        form.addRow(self.tr("Suche"), self.indicator_search)
        form.addRow(self.tr("Indikator"), self.indicator)
        form.addRow(self.tr("Bezugsjahr"), self.period)
        form.addRow(self.tr("Ebene"), self.level)
        form.addRow(self.tr("Klassen"), self.scheme)
        form.addRow(self.tr("Anzahl"), self.classes)
        form.addRow(self.tr("Grenzen"), self.breaks)
        form.addRow(self.tr("Farben"), self.palette)
        form.addRow(self.tr("Beschriftung"), self.labels)
        facilities_box = QGroupBox(self.tr("Einrichtungen einblenden"), self)
        QVBoxLayout(facilities_box).addWidget(self.facilities)

        self.zoom_in = QPushButton(self.tr("Vergrößern"), self)
        self.zoom_out = QPushButton(self.tr("Verkleinern"), self)
        self.zoom_reset = QPushButton(self.tr("Gesamtansicht"), self)
        self.export_map_button = QPushButton(self.tr("Karte exportieren …"), self)
        self.copy_map_button = QPushButton(self.tr("Karte kopieren"), self)
        self.export_chart_button = QPushButton(self.tr("Diagramm exportieren …"), self)
        self.copy_chart_button = QPushButton(self.tr("Diagramm kopieren"), self)
        self.show_chart_button = QPushButton(self.tr("Diagramm neben der Karte"), self)
        self.show_chart_button.setCheckable(True)
        self.show_chart_button.setChecked(True)
        self.show_chart_button.setToolTip(self.tr("Diagramm ein- oder ausblenden; die Breite "
                                                  "lässt sich an der Trennlinie ziehen"))
        buttons = QGridLayout()
        buttons.addWidget(self.zoom_in, 0, 0)
        buttons.addWidget(self.zoom_out, 0, 1)
        buttons.addWidget(self.zoom_reset, 1, 0, 1, 2)
        buttons.addWidget(self.export_map_button, 2, 0)
        buttons.addWidget(self.copy_map_button, 2, 1)
        buttons.addWidget(self.export_chart_button, 3, 0)
        buttons.addWidget(self.copy_chart_button, 3, 1)
        buttons.addWidget(self.show_chart_button, 4, 0, 1, 2)

        controls = QWidget(self)
        side = QVBoxLayout(controls)
        side.setContentsMargins(0, 0, 6, 0)
        side.addLayout(form)
        side.addWidget(facilities_box)
        side.addLayout(buttons)
        side.addStretch(1)
        # The controls scroll on low screens instead of squeezing the map.
        self.controls = QScrollArea(self)
        self.controls.setWidget(controls)
        self.controls.setWidgetResizable(True)
        self.controls.setFrameShape(QScrollArea.Shape.NoFrame)
        self.controls.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar = self.controls.verticalScrollBar().sizeHint().width()
        self.controls.setFixedWidth(max(CONTROLS_WIDTH, controls.minimumSizeHint().width() + bar))

        self.canvas = MapCanvas(self)
        self.charts = ChartView(self)
        self.charts.setMinimumWidth(CHART_MIN_WIDTH)
        # The map is the main element: it takes the growth, the chart beside it can be
        # narrowed, dragged away entirely or switched off with the button.
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.canvas)
        splitter.addWidget(self.charts)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        splitter.setCollapsible(1, True)
        self._splitter = splitter
        self._sized = False
        layout = QHBoxLayout(self)
        layout.addWidget(self.controls)
        layout.addWidget(splitter, 1)

        for combo in (self.indicator, self.period, self.level, self.scheme, self.palette, self.labels):
            combo.currentIndexChanged.connect(self._schedule)
        self.scheme.currentIndexChanged.connect(self._scheme_changed)
        self.classes.valueChanged.connect(self._schedule)
        self.breaks.editingFinished.connect(self._schedule)
        self.facilities.itemChanged.connect(self._schedule)
        self.zoom_in.clicked.connect(lambda: self.canvas.zoom(ZOOM_STEP))
        self.zoom_out.clicked.connect(lambda: self.canvas.zoom(1 / ZOOM_STEP))
        self.zoom_reset.clicked.connect(self.canvas.reset_view)
        self.export_map_button.clicked.connect(self._ask_export_map)
        self.copy_map_button.clicked.connect(self.copy_map)
        self.export_chart_button.clicked.connect(self._ask_export_chart)
        self.copy_chart_button.clicked.connect(self.copy_chart)
        self.show_chart_button.toggled.connect(self._show_chart_panel)
        splitter.splitterMoved.connect(self._chart_panel_moved)
        self.canvas.district_clicked.connect(self._on_district_clicked)
        self.canvas.background_clicked.connect(lambda: self.context.select_districts(()))
        self.canvas.mpl_connect("draw_event", self._map_drawn)
        self.charts.settings_changed.connect(self._schedule_chart)
        self._scheme_changed()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            width = max(self._splitter.width(), 600)
            chart = max(CHART_MIN_WIDTH, int(width * CHART_SHARE))
            self._splitter.setSizes([width - chart, chart])
        if self._map_stale:
            self._schedule()
        elif self._chart_stale:
            self._schedule_chart()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().hideEvent(event)
        # The page is left or closed (perhaps with its project): pending work is cancelled.
        if self._update.isActive():
            self._update.stop()
            self._map_stale = True
        if self._loading is not None:
            self._cancel_loading()
            self._map_stale = True
        if self._chart_update.isActive():
            self._chart_update.stop()
            self._chart_stale = True

    def _chart_shown(self) -> bool:
        return self.isVisible() and self.charts.isVisible() and self._splitter.sizes()[1] > 0

    def _show_chart_panel(self, visible: bool) -> None:
        self.charts.setVisible(visible)
        if visible:
            width = max(self._splitter.width(), 600)
            chart = max(CHART_MIN_WIDTH, int(width * CHART_SHARE))
            self._splitter.setSizes([width - chart, chart])
            if self._chart_stale:
                self._schedule_chart()

    def _chart_panel_moved(self, *_args) -> None:
        # Dragged shut at the handle: the button shows it, a click brings it back.
        collapsed = self._splitter.sizes()[1] == 0
        self.show_chart_button.blockSignals(True)
        self.show_chart_button.setChecked(not collapsed)
        self.show_chart_button.blockSignals(False)
        if not collapsed and self._chart_stale:
            self._schedule_chart()

    def _scheme_changed(self) -> None:
        manual = self.scheme.currentData() == "manual"
        self.breaks.setEnabled(manual)
        self.classes.setEnabled(not manual)

    # --- project and signals -------------------------------------------------------------

    @property
    def project(self):
        """The open project (or None)."""
        return getattr(self.context, "project", None)

    def _on_project_replaced(self) -> None:
        self._forget_loaded()
        if self._periods_task is not None:
            self._periods_task.cancel()
            self._periods_task = None
        self._bases.clear()
        self._tables.clear()
        self._fill_choosers()
        self._schedule()

    def _on_changed(self, changes) -> None:
        tables = {getattr(c, "table", "") for c in changes}
        if not tables & _MAP_TABLES:
            return
        self._forget_loaded()
        self._tables.clear()
        if tables & _GEOMETRY_TABLES:
            self._bases.clear()
        if tables - {"indicator_values", "index_results"}:
            self._fill_choosers()
        self._schedule()

    def _on_selection(self, ids) -> None:
        self._selection = tuple(int(i) for i in ids)
        self.canvas.set_selection(self._selection)
        self._schedule_chart()

    def _on_district_clicked(self, district_id: int, additive: bool) -> None:
        if additive:
            chosen = list(self._selection)
            if district_id in chosen:
                chosen.remove(district_id)
            else:
                chosen.append(district_id)
            self.context.select_districts(tuple(chosen))
        else:
            self.context.select_districts((district_id,))

    def _fill_choosers(self) -> None:
        project = self.project
        widgets = (self.indicator, self.period, self.level)
        for w in widgets:
            w.blockSignals(True)
        keep = (self.indicator.currentData(), self.period.currentData(), self.level.currentData())
        model: QStandardItemModel = self.indicator.model()
        model.clear()
        self.period.clear()
        self.level.clear()
        self.facilities.blockSignals(True)
        checked = {self.facilities.item(i).text() for i in range(self.facilities.count())
                   if self.facilities.item(i).checkState() == Qt.CheckState.Checked}
        self.facilities.clear()
        scatter_items = []
        searchable = []
        if project is not None:
            indicators = project.indicators_frame()
            bold = QFont()
            bold.setBold(True)
            for topic, group in indicators.groupby(indicators["topic"].fillna(self.tr("Ohne Handlungsfeld")),
                                                   sort=False):
                header = QStandardItem(str(topic))
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                header.setFont(bold)
                model.appendRow(header)
                for _, row in group.iterrows():
                    item = QStandardItem("   " + str(row["name"]))
                    item.setData(str(row["key"]), Qt.ItemDataRole.UserRole)
                    item.setToolTip(entry_text(str(row["name"]), _text(row.get("unit")),
                                               _text(row.get("source"))))
                    searchable.append((str(row["key"]), str(row["name"]), _text(row.get("unit")),
                                       _text(row.get("source"))))
                    model.appendRow(item)
                    scatter_items.append((str(row["key"]), str(row["name"])))
            if project.count("index_runs") if hasattr(project, "count") else False:
                header = QStandardItem(self.tr("Sozialindex"))
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                header.setFont(bold)
                model.appendRow(header)
                for key, label in (("index:status", self.tr("Statusklasse")),
                                   ("index:dynamics", self.tr("Dynamikklasse")),
                                   ("index:matrix", self.tr("Status und Dynamik"))):
                    item = QStandardItem("   " + label)
                    item.setData(key, Qt.ItemDataRole.UserRole)
                    model.appendRow(item)
            self._add_voice_items(model, bold)
            self.level.addItem(self.tr("automatisch"), None)
        self.facilities.blockSignals(False)
        self._restore(self.indicator, keep[0])
        for w in widgets:
            w.blockSignals(False)
        if project is not None:
            self._choosers_now(project, (keep[1], keep[2], checked))
        self.charts.set_indicators(scatter_items, searchable)
        self.indicator_search.set_indicators(searchable)

    def _add_voice_items(self, model: QStandardItemModel, bold: QFont) -> None:
        """Ratings of the providers' survey and goal status as map choices."""
        from k360desk.export.questionnaire_map import voice_choices

        choices = voice_choices(self.project)
        if not choices:
            return
        header = QStandardItem(self.tr("Trägerabfrage und Zielwerte"))
        header.setFlags(Qt.ItemFlag.NoItemFlags)
        header.setFont(bold)
        model.appendRow(header)
        for key, label in choices:
            item = QStandardItem("   " + label)
            item.setData(key, Qt.ItemDataRole.UserRole)
            model.appendRow(item)

    @staticmethod
    def _restore(combo: QComboBox, data) -> None:
        index = combo.findData(data) if data is not None else -1
        if index < 0:
            index = next((i for i in range(combo.count())
                          if combo.model().flags(combo.model().index(i, 0)) & Qt.ItemFlag.ItemIsEnabled), -1)
        combo.setCurrentIndex(index)

    # --- building ------------------------------------------------------------------------

    def select_indicator(self, key: str, period: int | None = None) -> None:
        """Show an indicator (and period) as if chosen in the combo boxes."""
        index = self.indicator.findData(key)
        if index < 0:
            raise KeyError(key)
        self._settle_periods()
        self.indicator.setCurrentIndex(index)
        if period is not None:
            self.period.setCurrentIndex(self.period.findData(period))
        self._rebuild()

    def empty_hint(self) -> str:
        """What to do when there is nothing to map (new project, no indicators, no choice)."""
        project = self.project
        if project is None:
            return self.tr("Kein Projekt geöffnet.")
        if project.count("districts") == 0:
            return self.tr("Noch keine Sozialräume.\nGrenzen einlesen mit\n"
                           "Datei ▸ Importieren ▸ Sozialräume …")
        if project.count("indicators") == 0 or not project.periods():
            return self.tr("Noch keine Indikatorwerte.\nWerte einlesen mit\n"
                           "Datei ▸ Importieren ▸ Indikatorwerte …")
        return self.tr("Bitte links einen Indikator auswählen.")

    def _schedule(self) -> None:
        if not self.isVisible():
            self._map_stale = True
            return
        self._update.start()

    def _schedule_chart(self, at_once: bool = False) -> None:
        if not self._chart_shown():
            self._chart_stale = True
            self._chart_update.stop()
            return
        self._chart_update.start(0 if at_once else CHART_DEBOUNCE_MS)

    def _schedule_chart_after_map(self) -> None:
        """The chart right after the map's draw, in an event-loop turn of its own: together
        they held the GUI thread 0,3 s on the first visit; the map is what the planner
        waits for, and the window can repaint and react between the two."""
        if not self._chart_shown():
            self._schedule_chart()
            return
        self._chart_after_map = True
        self._chart_update.start(CHART_AFTER_MAP_MS)

    def _map_drawn(self, _event) -> None:
        if self._chart_after_map:
            self._chart_after_map = False
            if self._chart_update.isActive():
                self._chart_update.start(0)

    def _checked_facilities(self) -> list[str]:
        return [self.facilities.item(i).text() for i in range(self.facilities.count())
                if self.facilities.item(i).checkState() == Qt.CheckState.Checked]

    def _base(self, level_id):
        from k360desk.export.map_data import default_level, district_base

        if level_id is None:
            # Cached with the bases: finding it reads every district's geometry.
            if "default" not in self._bases:
                self._bases["default"] = default_level(self.project)
            level_id = self._bases["default"]
        if level_id not in self._bases:
            self._bases[level_id] = district_base(self.project, level_id)
        return self._bases[level_id]

    def _rebuild(self, background: bool = False) -> None:
        """Compute the map spec for the current choices and show it (recolour if possible).

        ``background``: data not yet cached is read on a worker first, and the map drawn
        when it has arrived (the GUI thread never waits for the file).
        """
        from k360desk.export.map_data import MapDataError, index_map_spec, indicator_map_spec

        self._update.stop()
        self._map_stale = False
        if not background:
            self._settle_periods()
        elif self._periods_task is not None:
            self._show_loading()
            return  # drawn when the periods have arrived
        key, period = self.indicator.currentData(), self.period.currentData()
        if self.project is None or key is None:
            self.canvas.clear_map(self.empty_hint())
            self._schedule_chart()
            return
        plain = not str(key).startswith(("voice:", "index:"))
        if background and plain and period is not None and self._load_beside(key, int(period)):
            return
        try:
            base = self._base(self.level.currentData())
            facilities = self._checked_facilities()
            if str(key).startswith("voice:"):
                from k360desk.export.questionnaire_map import voice_map_spec

                spec = voice_map_spec(self.project, key, base=base, labels=self.labels.currentData(),
                                      facility_types=facilities, highlight=self._selection)
            elif str(key).startswith("index:"):
                spec = index_map_spec(self.project, key.split(":", 1)[1], labels=self.labels.currentData(),
                                      base=base, facility_types=facilities, highlight=self._selection)
            else:
                if period is None:
                    raise MapDataError(self.tr("Es gibt noch keine Indikatorwerte."))
                breaks = parse_breaks(self.breaks.text()) if self.scheme.currentData() == "manual" else None
                spec = indicator_map_spec(
                    self.project, key, int(period), scheme=self.scheme.currentData(),
                    k=self.classes.value(), breaks=breaks, palette=self.palette.currentData(),
                    labels=self.labels.currentData(), facility_types=facilities, base=base,
                    highlight=self._selection, cache=self._tables)
                self._ready.add((key, int(period), self.level.currentData()))
        except (MapDataError, ValueError) as exc:
            self.canvas.clear_map(str(exc))
            self._schedule_chart()
            return
        self.canvas.show_spec(spec)
        self._schedule_chart_after_map()

    def _rebuild_chart(self) -> None:
        from k360desk.export.chart_data import chart_spec
        from k360desk.export.map_data import MapDataError

        self._chart_update.stop()
        self._chart_stale = False
        self._chart_after_map = False
        key, period = self.indicator.currentData(), self.period.currentData()
        kind = self.charts.current_kind()
        if self.project is None:
            self.charts.show_chart(None)
            return
        if key is not None and str(key).startswith(("index:", "voice:")) and kind != "matrix":
            key = None
        try:
            spec = chart_spec(self.project, kind, key, period, key2=self.charts.second_indicator(),
                              map_spec=self.canvas.spec if key else None, highlight=self._selection,
                              district_ids=list(self._selection) if kind == "series" else None,
                              cache=self._tables)
        except (MapDataError, ValueError) as exc:
            self.charts.show_chart(None, str(exc))
            return
        self.charts.show_chart(spec)

    # --- export --------------------------------------------------------------------------

    def export_map_to(self, path: str) -> None:
        """Write the current map as PNG, SVG or PDF at print resolution."""
        from k360desk.export.map_render import export_map

        if self.canvas.spec is None:
            raise ValueError(self.tr("Es ist keine Karte zu sehen."))
        export_map(self.canvas.spec.with_highlight(self._selection), path)

    def export_chart_to(self, path: str) -> None:
        """Write the current chart as PNG, SVG or PDF."""
        from k360desk.export.charts import export_chart

        if self.charts.spec is None:
            raise ValueError(self.tr("Es ist kein Diagramm zu sehen."))
        export_chart(self.charts.spec, path)

    def _ask_export(self, title: str, writer) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, title, "", self.tr("PNG-Bild (*.png);;SVG-Grafik (*.svg);;PDF-Dokument (*.pdf)"))
        if not path:
            return
        try:
            writer(path)
        except (ValueError, OSError) as exc:
            QMessageBox.warning(self, title, str(exc))

    def _ask_export_map(self) -> None:
        self._ask_export(self.tr("Karte exportieren"), self.export_map_to)

    def _ask_export_chart(self) -> None:
        self._ask_export(self.tr("Diagramm exportieren"), self.export_chart_to)

    def copy_map(self) -> None:
        """Put the current map (with legend and decorations) on the clipboard as an image."""
        from k360desk.export.map_render import map_figure

        if self.canvas.spec is not None:
            fig, _ = map_figure(self.canvas.spec.with_highlight(self._selection))
            self._copy_figure(fig)

    def copy_chart(self) -> None:
        """Put the current chart on the clipboard as an image."""
        from k360desk.export.charts import chart_figure

        if self.charts.spec is not None:
            self._copy_figure(chart_figure(self.charts.spec))

    @staticmethod
    def _copy_figure(fig) -> None:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=150, facecolor="#ffffff")
        QGuiApplication.clipboard().setImage(QImage.fromData(buffer.getvalue(), "PNG"))
