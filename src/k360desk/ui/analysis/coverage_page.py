"""The coverage page: places of a facility type per 1,000 of a target population against a
guide value, as table and map, exported as CSV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from k360desk.ui.analysis.frame_model import FrameModel, FrameSortProxy
from k360desk.ui.editors.common import on_project_replaced, splitter


class CoveragePage(QWidget):
    """Versorgung: choose type, target indicator, guide value and year; table, map, export."""

    help_topic = "coverage"

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.table = None
        self._build()
        on_project_replaced(context, self, self.reload)
        context.changed.connect(self._on_changed)
        self.reload()

    def _on_changed(self, changes) -> None:
        tables = {getattr(c, "table", "") for c in changes}
        if tables & {"facilities", "facility_types", "indicators"} and isValid(self):
            self.reload()

    def _build(self) -> None:
        from k360desk.ui.map_canvas import MapCanvas

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        form = QFormLayout()
        self.facility_type = QComboBox(self)
        self.facility_type.setAccessibleName(self.tr("Einrichtungsart"))
        self.target = QComboBox(self)
        self.target.setAccessibleName(self.tr("Zielindikator"))
        self.guide = QDoubleSpinBox(self)
        self.guide.setRange(0.1, 10_000)
        self.guide.setDecimals(1)
        self.guide.setValue(100.0)
        self.guide.setAccessibleName(self.tr("Richtwert (Plätze je 1.000)"))
        self.period = QSpinBox(self)
        self.period.setRange(1900, 2200)
        self.period.setAccessibleName(self.tr("Bezugsjahr"))
        form.addRow(self.tr("&Einrichtungsart:"), self.facility_type)
        form.addRow(self.tr("&Zielindikator:"), self.target)
        form.addRow(self.tr("&Richtwert (Plätze je 1.000):"), self.guide)
        form.addRow(self.tr("Bezugs&jahr:"), self.period)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.run_button = QPushButton(self.tr("&Berechnen"), self)
        self.run_button.setToolTip(self.tr("Versorgung berechnen (F5)"))
        self.run_button.clicked.connect(self.compute)
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.compute)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.export_button = QPushButton(self.tr("E&xportieren …"), self)
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                             | Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        self.model = FrameModel(self)
        proxy = FrameSortProxy(self)
        proxy.setSourceModel(self.model)
        self.view = QTableView(self)
        self.view.setModel(proxy)
        self.view.setSortingEnabled(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setAccessibleName(self.tr("Ergebnis der Versorgungsanalyse"))
        self.canvas = MapCanvas(self)
        self.canvas.setAccessibleName(self.tr("Karte der Versorgung"))
        layout.addWidget(splitter(Qt.Orientation.Horizontal, [self.view, self.canvas],
                                  [500, 400], self), 1)

    def reload(self) -> None:
        """Fill the choices from the open project."""
        project = self.context.project
        if project is None or not isValid(self):
            return
        # Every type with facilities counts, placed on the map or only assigned to a district.
        kind = self.facility_type.currentText()
        self.facility_type.clear()
        self.facility_type.addItems(sorted(set(project.facilities_frame()["type"].dropna()
                                               .astype(str))))
        self.facility_type.setCurrentText(kind)
        indicators = project.indicators_frame()
        target = self.target.currentData()
        self.target.clear()
        for key, name in zip(indicators["key"], indicators["name"], strict=True):
            self.target.addItem(f"{name or key} ({key})", str(key))
        self.target.setCurrentIndex(max(self.target.findData(target), 0))
        periods = project.periods()
        if periods:
            self.period.setValue(max(periods))

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "")
        self.message.setAccessibleDescription(text)

    def compute(self) -> None:
        """Compute the coverage of the form and show table and map."""
        from k360desk.analysis.coverage import coverage_total
        from k360desk.export.coverage_map import coverage_map_spec
        from k360desk.export.map_data import MapDataError
        from k360desk.figures.indicators import FigureError, coverage_for_project

        project = self.context.project
        kind, target = self.facility_type.currentText(), self.target.currentData()
        if project is None or not kind or target is None:
            self._say(self.tr("Bitte Einrichtungsart und Zielindikator wählen."), error=True)
            return
        try:
            table = coverage_for_project(project, kind, target, self.guide.value(),
                                         self.period.value())
        except (FigureError, ValueError) as exc:
            self._say(str(exc), error=True)
            return
        from k360desk.figures.indicators import coverage_display_table

        self.table = table
        self.model.set_frame(coverage_display_table(table))
        self.view.resizeColumnsToContents()
        self.export_button.setEnabled(True)
        total = coverage_total(table)
        self._say(self.tr("Gesamtstadt: %1 Plätze je 1.000 (Versorgung %2 %).")
                  .replace("%1", _number(total["places_per_1000"], 1))
                  .replace("%2", _number(total["coverage_pct"], 0)))
        try:
            self.canvas.show_spec(coverage_map_spec(project, table, kind, self.guide.value()))
        except MapDataError as exc:
            self.canvas.clear_map(str(exc))

    def export(self, path: str | None = None) -> Path | None:
        """Write the shown table as CSV for German Excel (asks for the file without ``path``)."""
        from k360desk.figures.indicators import coverage_display_table
        from k360desk.io.spreadsheet import write_csv

        if self.table is None:
            return None
        if path is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation)
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Versorgung exportieren"), str(Path(folder) / "versorgung.csv"),
                self.tr("CSV für Excel (*.csv)"))
            if not path:
                return None
        try:
            write_csv(coverage_display_table(self.table), Path(path), {})
        except OSError as exc:
            self._say(str(exc.strerror or exc), error=True)
            return None
        self._say(self.tr("Exportiert: %1").replace("%1", str(path)))
        return Path(path)


def _number(value: float, decimals: int) -> str:
    from PySide6.QtCore import QLocale

    return "–" if value != value else QLocale().toString(float(value), "f", decimals)
