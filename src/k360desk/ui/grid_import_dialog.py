"""Import census grid cells (Zensus 2022): choose file, columns, level and rule; read the result.

The import runs off the GUI thread with progress and Cancel and lands on the undo stack as one
step. The result page shows the report, a table per district (cells, cut by the boundary,
withheld) and the grid itself coloured by value beside the district boundaries.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from k360desk.formats import format_number
from k360desk.io.report import ImportProblem
from k360desk.ui.import_report import ReportPage

_ROOT = QModelIndex()


class DistrictCellsModel(QAbstractTableModel):
    """One row per district: level, code, name, cells, cut share, people in cut cells, withheld."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[tuple] = []
        self._headers = [self.tr("Ebene"), self.tr("Schlüssel"), self.tr("Sozialraum"), self.tr("Zellen"),
                         self.tr("angeschnitten"), self.tr("Einwohner darin"),
                         self.tr("geheim gehalten"), self.tr("Fläche geheim")]

    def set_frame(self, frame) -> None:
        """Show the per-district table of a grid import."""
        self.beginResetModel()
        people = frame["population_cut"] if "population_cut" in frame.columns else [None] * len(frame)
        self._rows = [
            (r.level, r.code, r.name, format_number(r.cells, 0),
             f"{format_number(100 * r.cut_share, 0)} %" if r.cells else "–",
             "" if p is None else format_number(p, 0), format_number(r.withheld, 0),
             f"{format_number(100 * r.withheld_area_share, 1)} %")
            for r, p in zip(frame.itertuples(index=False), people, strict=True)]
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None


class GridImportDialog(QDialog):
    """Assistant for a census grid import."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.source: Path | None = None
        self.result = None
        self.task = None
        self.last_error: str | None = None
        self.setWindowTitle(self.tr("Zensus-Gitterzellen importieren"))
        self.resize(900, 620)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._setup_page())
        self.result_tabs = QTabWidget()
        self.report_page = ReportPage()
        self.result_tabs.addTab(self.report_page, self.tr("&Bericht"))
        self.district_model = DistrictCellsModel(self)
        table = QTableView()
        table.setModel(self.district_model)
        table.setAccessibleName(self.tr("Zellen je Sozialraum"))
        self.result_tabs.addTab(table, self.tr("&Je Sozialraum"))
        self.map_holder = QWidget()
        QVBoxLayout(self.map_holder)
        self.result_tabs.addTab(self.map_holder, self.tr("&Gitterkarte"))
        self.pages.addWidget(self.result_tabs)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("&Importieren"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(self.tr("Abbrechen"),
                                                   QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)
        self.import_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)

    def _setup_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("CSV oder ZIP der Statistischen Ämter"))
        browse = QPushButton(self.tr("&Durchsuchen…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Datei:"), row)
        self.columns = QListWidget()
        self.columns.setAccessibleName(self.tr("Wertespalten"))
        label = QLabel(self.tr("&Wertespalten:"))
        label.setBuddy(self.columns)
        form.addRow(label, self.columns)
        self.level = QComboBox()
        label = QLabel(self.tr("&Ebene:"))
        label.setBuddy(self.level)
        form.addRow(label, self.level)
        self.centre = QRadioButton(self.tr("nach &Zellmittelpunkt (Regel der Statistischen Ämter)"))
        self.area = QRadioButton(self.tr("nach &Flächenanteil (angeschnittene Zellen geteilt)"))
        self.centre.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.centre)
        group.addButton(self.area)
        method = QVBoxLayout()
        method.addWidget(self.centre)
        method.addWidget(self.area)
        form.addRow(self.tr("Zuordnung:"), method)
        self.year = QSpinBox()
        self.year.setRange(1950, 2100)
        self.year.setValue(2022)
        label = QLabel(self.tr("&Jahr:"))
        label.setBuddy(self.year)
        form.addRow(label, self.year)
        self.total = QLineEdit()
        self.total.setPlaceholderText(self.tr("z. B. 89.504 (optional)"))
        label = QLabel(self.tr("Gesamtzahl der &Gemeinde zum Vergleich:"))
        label.setBuddy(self.total)
        form.addRow(label, self.total)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        form.addRow(self.problem)
        self._fill_levels()
        return page

    def _fill_levels(self) -> None:
        from k360desk.projectfile import DistrictLevel

        levels = sorted(self.context.project.all(DistrictLevel), key=lambda lv: lv.rank)
        self.level.addItem(self.tr("alle Ebenen mit Grenzen"), None)
        for level in levels:
            self.level.addItem(level.name, level.name)

    def browse(self) -> None:
        """Ask for the grid file."""
        path, _ = QFileDialog.getOpenFileName(self, self.windowTitle(), "",
                                              self.tr("Gitterzellen (*.csv *.txt *.zip)"))
        if path:
            self.set_source(path)

    def set_source(self, path: str | Path) -> None:
        """Read the header of a grid file and offer its value columns."""
        from k360desk.io.grid_read import NOT_ADDITIVE, layout

        self.columns.clear()
        self.problem.clear()
        try:
            grid = layout(path)
        except ImportProblem as exc:
            self.source = None
            self.problem.setText(str(exc))
            self.import_button.setEnabled(False)
            return
        self.source = Path(path)
        self.path_edit.setText(str(path))
        for column in grid.value_columns:
            item = QListWidgetItem(column)
            if NOT_ADDITIVE.search(column):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setToolTip(self.tr("Anteil oder Durchschnitt je Zelle – lässt sich nicht "
                                        "aufsummieren"))
            else:
                item.setCheckState(Qt.CheckState.Checked)
            self.columns.addItem(item)
        self.import_button.setEnabled(True)

    def options(self):
        """The grid options chosen in the dialog."""
        from k360desk.formats import parse_number
        from k360desk.io.grid import GridOptions

        chosen = [self.columns.item(i).text() for i in range(self.columns.count())
                  if self.columns.item(i).checkState() == Qt.CheckState.Checked]
        options = GridOptions(values=chosen or None, method="area" if self.area.isChecked() else "centre",
                              level=self.level.currentData(), period=self.year.value())
        if self.total.text().strip() and chosen:
            try:
                options.totals = {chosen[0]: float(parse_number(self.total.text()))}
            except ValueError as exc:
                raise ImportProblem(self.tr("Die Gesamtzahl „%1“ ist keine Zahl.").replace(
                    "%1", self.total.text())) from exc
        return options

    def start_import(self) -> None:
        """Run the import off the GUI thread with progress and Cancel."""
        from k360desk.io import grid
        from k360desk.ui.tasks import run_task

        if self.source is None:
            return
        try:
            options = self.options()
        except ImportProblem as exc:
            self._failed(exc)
            return
        project, source = self.context.project, self.source
        self.import_button.setEnabled(False)
        self.last_error = None
        self.task = run_task(self, self.windowTitle(),
                             lambda progress: grid.run(project, source, options, progress),
                             self._finished, on_error=self._failed, on_cancel=self._cancelled)

    def _finished(self, result) -> None:
        from k360desk.ui.commands.imports import ImportCommand

        self.result = result
        text = self.tr("Import: %1").replace("%1", Path(result.report.source).name)
        self.context.push(ImportCommand(self.context.project, result.report, text))
        self.report_page.set_report(result.report)
        self.district_model.set_frame(result.districts)
        self._draw_map(result)
        self.pages.setCurrentWidget(self.result_tabs)
        self.import_button.hide()
        self.close_button.setText(self.tr("Schließen"))
        self.close_button.clicked.disconnect()
        self.close_button.clicked.connect(self.accept)

    def _draw_map(self, result) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        from k360desk.export.grid_map import draw_grid_map

        if result.cells is None or not result.cells.values:
            return
        figure = Figure(figsize=(7, 5), layout="constrained")
        column = draw_grid_map(figure, result, self.tr("%1 je Gitterzelle"))
        canvas = FigureCanvasQTAgg(figure)
        canvas.setAccessibleName(self.tr("Gitterkarte: %1 je Zelle mit den Grenzen der Sozialräume")
                                 .replace("%1", column))
        self.map_holder.layout().addWidget(canvas)
        self.canvas = canvas

    def _failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        if isinstance(exc, ImportProblem):
            self.last_error = str(exc)
        else:
            self.last_error = self.tr("Der Import ist fehlgeschlagen (%1). Das Projekt ist unverändert."
                                      ).replace("%1", f"{type(exc).__name__}: {exc}")
        self.problem.setText(self.last_error)
        QMessageBox.warning(self, self.windowTitle(), self.last_error)

    def _cancelled(self) -> None:
        self.import_button.setEnabled(True)
        self.last_error = self.tr("Import abgebrochen – das Projekt ist unverändert.")
        self.problem.setText(self.last_error)


def show_grid_import_dialog(context, parent: QWidget | None = None) -> GridImportDialog:
    """Open the grid import assistant (window-modal)."""
    dialog = GridImportDialog(context, parent)
    dialog.open()
    return dialog
