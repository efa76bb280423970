"""The import assistant: choose a file, check the preview and mapping, import, read the report.

The import itself runs off the GUI thread through ``run_task`` (progress after ~0.5 s, with
Cancel); Cancel or an error leaves the project unchanged because every importer writes in
one transaction. A finished import is pushed onto the undo stack as one ``ImportCommand``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from k360desk.io.report import ImportProblem
from k360desk.ui.import_report import ReportPage
from k360desk.ui.indicator_search import IndicatorSearch

TITLES = {
    "districts": QT_TRANSLATE_NOOP("ImportDialog", "Sozialräume (Grenzen) importieren"),
    "values": QT_TRANSLATE_NOOP("ImportDialog", "Indikatorwerte importieren"),
    "facilities": QT_TRANSLATE_NOOP("ImportDialog", "Einrichtungen importieren"),
}
FILTERS = {
    "districts": QT_TRANSLATE_NOOP(
        "ImportDialog", "Geodaten oder Listen (*.geojson *.json *.zip *.shp *.gpkg *.csv *.txt *.xlsx)"),
    "values": QT_TRANSLATE_NOOP("ImportDialog", "Tabellen (*.csv *.txt *.tsv *.xlsx *.xlsm)"),
    "facilities": QT_TRANSLATE_NOOP(
        "ImportDialog", "Tabellen und Geodaten (*.csv *.txt *.xlsx *.geojson *.json *.zip *.shp *.gpkg)"),
}
ROLES = {
    "districts": [("code", QT_TRANSLATE_NOOP("ImportDialog", "Schlüssel")),
                  ("name", QT_TRANSLATE_NOOP("ImportDialog", "Name")),
                  ("parent", QT_TRANSLATE_NOOP("ImportDialog", "Oberbezirk"))],
    "values": [("district", QT_TRANSLATE_NOOP("ImportDialog", "Sozialraum")),
               ("indicator", QT_TRANSLATE_NOOP("ImportDialog", "Indikator (Langform)")),
               ("period", QT_TRANSLATE_NOOP("ImportDialog", "Jahr / Stichtag")),
               ("value", QT_TRANSLATE_NOOP("ImportDialog", "Wert (Langform)"))],
    "facilities": [("name", QT_TRANSLATE_NOOP("ImportDialog", "Name")),
                   ("provider", QT_TRANSLATE_NOOP("ImportDialog", "Träger")),
                   ("type", QT_TRANSLATE_NOOP("ImportDialog", "Einrichtungsart")),
                   ("street", QT_TRANSLATE_NOOP("ImportDialog", "Straße")),
                   ("postcode", QT_TRANSLATE_NOOP("ImportDialog", "PLZ")),
                   ("city", QT_TRANSLATE_NOOP("ImportDialog", "Ort")),
                   ("capacity", QT_TRANSLATE_NOOP("ImportDialog", "Platzzahl")),
                   ("x", QT_TRANSLATE_NOOP("ImportDialog", "x / Längengrad")),
                   ("y", QT_TRANSLATE_NOOP("ImportDialog", "y / Breitengrad"))],
}
CRS_CHOICES = [("", QT_TRANSLATE_NOOP("ImportDialog", "aus der Datei / erkennen")),
               ("EPSG:25832", "ETRS89 / UTM 32N (EPSG:25832)"),
               ("EPSG:25833", "ETRS89 / UTM 33N (EPSG:25833)"),
               ("EPSG:31466", "Gauß-Krüger Zone 2 (EPSG:31466)"),
               ("EPSG:31467", "Gauß-Krüger Zone 3 (EPSG:31467)"),
               ("EPSG:31468", "Gauß-Krüger Zone 4 (EPSG:31468)"),
               ("EPSG:31469", "Gauß-Krüger Zone 5 (EPSG:31469)"),
               ("EPSG:4326", "WGS 84 Länge/Breite (EPSG:4326)")]
NONE = ""


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


class ImportDialog(QDialog):
    """Assistant for one kind of import: 'districts', 'values' or 'facilities'."""

    def __init__(self, context, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.kind = kind
        self.source: Path | None = None
        self.preview = None
        self.report = None
        self.task = None
        self.last_error: str | None = None
        self.setWindowTitle(_tr(TITLES[kind]))
        self.resize(900, 640)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_setup_page())
        self.report_page = ReportPage()
        self.pages.addWidget(self.report_page)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("Importieren"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(self.tr("Abbrechen"),
                                                   QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)
        self.import_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)

    # --- building -------------------------------------------------------------------------

    def _build_setup_page(self) -> QWidget:
        page = QWidget()
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("Bitte eine Datei auswählen"))
        browse = QPushButton(self.tr("Durchsuchen…"))
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(self.tr("Datei:")))
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)

        options = QGroupBox(self.tr("Einlesen"))
        form = QFormLayout(options)
        self.encoding = self._combo([("", self.tr("erkennen")), ("utf-8", "UTF-8"),
                                     ("utf-8-sig", self.tr("UTF-8 mit BOM")),
                                     ("cp1252", self.tr("Windows-1252 (ANSI)"))])
        self.sep = self._combo([("", self.tr("erkennen")), (";", self.tr("Semikolon ;")),
                                (",", self.tr("Komma ,")), ("\t", self.tr("Tabulator"))])
        self.decimal = self._combo([("", self.tr("erkennen")), (",", self.tr("Komma (1.234,5)")),
                                    (".", self.tr("Punkt (1234.5)"))])
        self.crs = self._combo([(key, _tr(label) if not key else label) for key, label in CRS_CHOICES])
        self.layer = QComboBox()
        self.level = QComboBox()
        self.level.setEditable(True)
        self.create_indicators = QCheckBox(self.tr("unbekannte Indikatoren aus der Kopfzeile anlegen"))
        # A project without indicators would skip every row of a first import otherwise.
        project = getattr(self.context, "project", None)
        self.create_indicators.setChecked(project is not None and project.count("indicators") == 0)
        self.fixed_year = QSpinBox()
        self.fixed_year.setRange(0, 2200)
        self.fixed_year.setSpecialValueText(self.tr("aus der Datei"))
        self.fixed_indicator = QComboBox()
        self.fixed_indicator.setEditable(True)
        self.fixed_indicator.setAccessibleName(self.tr("Fester Indikator"))
        self.indicator_search = IndicatorSearch(self.fixed_indicator)
        tables = self.kind in ("values", "facilities")
        if tables:
            form.addRow(self.tr("Zeichenkodierung:"), self.encoding)
            form.addRow(self.tr("Trennzeichen:"), self.sep)
            form.addRow(self.tr("Dezimalzeichen:"), self.decimal)
        if self.kind in ("districts", "facilities"):
            form.addRow(self.tr("Koordinatensystem:"), self.crs)
        form.addRow(self.tr("Ebene / Tabellenblatt:"), self.layer)
        form.addRow(self.tr("Sozialraum-Ebene:"), self.level)
        if self.kind == "values":
            form.addRow(self.tr("Festes Jahr:"), self.fixed_year)
            form.addRow(self.tr("Fester Indikator:"), self.fixed_indicator)
            form.addRow(self.tr("Indikator suchen:"), self.indicator_search)
            form.addRow("", self.create_indicators)
        for widget in (self.encoding, self.sep, self.decimal, self.crs, self.layer):
            widget.currentIndexChanged.connect(self.refresh_preview)

        mapping = QGroupBox(self.tr("Zuordnung der Spalten"))
        mapping_form = QFormLayout(mapping)
        self.role_combos: dict[str, QComboBox] = {}
        for role, label in ROLES[self.kind]:
            combo = QComboBox()
            combo.setMinimumWidth(180)
            self.role_combos[role] = combo
            mapping_form.addRow(_tr(label) + ":", combo)

        self.detected = QLabel()
        self.detected.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a01818;")
        self.table = QTableView()
        self.table.setAlternatingRowColors(True)
        self.table_model = QStandardItemModel(self)
        self.table.setModel(self.table_model)

        top = QHBoxLayout()
        top.addWidget(options, 1)
        top.addWidget(mapping, 1)
        layout = QVBoxLayout(page)
        layout.addLayout(file_row)
        layout.addLayout(top)
        layout.addWidget(self.detected)
        layout.addWidget(self.problem)
        layout.addWidget(QLabel(self.tr("Vorschau der ersten Zeilen:")))
        layout.addWidget(self.table, 1)
        self._fill_levels()
        return page

    @staticmethod
    def _combo(items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        for key, label in items:
            combo.addItem(label, key)
        return combo

    def _fill_levels(self) -> None:
        from k360desk.projectfile import DistrictLevel, Indicator

        project = self.context.project
        self.level.clear()
        if self.kind != "districts":
            self.level.addItem(self.tr("erkennen"), "")
        for level in project.all(DistrictLevel, order_by="rank"):
            self.level.addItem(level.name, level.name)
        self.fixed_indicator.clear()
        self.fixed_indicator.addItem("", "")
        rows = []
        for indicator in project.all(Indicator):
            self.fixed_indicator.addItem(f"{indicator.name} ({indicator.key})", indicator.key)
            rows.append((indicator.key, indicator.name, indicator.unit or None,
                         indicator.source or None))
        self.indicator_search.set_indicators(rows)

    # --- choosing a file and previewing ------------------------------------------------

    def browse(self) -> None:
        """Ask for the source file."""
        path, _ = QFileDialog.getOpenFileName(self, _tr(TITLES[self.kind]), "", _tr(FILTERS[self.kind]))
        if path:
            self.set_source(path)

    def set_source(self, path: str | Path) -> None:
        """Use ``path`` as source and show its preview."""
        self.source = Path(path)
        self.path_edit.setText(str(self.source))
        for combo in (self.encoding, self.sep, self.decimal, self.crs):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.layer.blockSignals(True)
        self.layer.clear()
        self.layer.blockSignals(False)
        self.refresh_preview()

    def refresh_preview(self, *_args) -> None:
        """Read the first rows with the current options and propose a mapping."""
        if self.source is None:
            return
        from k360desk.io import districts, facilities, values

        self.problem.clear()
        try:
            if self.kind == "districts":
                self.preview = districts.preview(self.source, self.district_options(mapping=False),
                                                 project_epsg=self.context.project.srs_id)
                frame, mapping = self.preview.frame, self.preview.mapping
                detected, problem = self.preview.detected, self.preview.problem
                self._set_layers(self.preview.layers)
                if self.level.findText(self.preview.level) < 0:
                    self.level.addItem(self.preview.level, self.preview.level)
                self.level.setCurrentText(self.preview.level)
                if self.preview.guessed_crs and not self.crs.currentData():
                    index = self.crs.findData(f"EPSG:{self.preview.guessed_crs}")
                    if index >= 0:
                        self.crs.setCurrentIndex(index)
            elif self.kind == "values":
                self._offer_sheets()
                self.preview = values.preview(self.source, self.value_options(mapping=False))
                frame, detected = self.preview.table.frame, self.preview.detected
                problem = self.preview.problem
                roles = self.preview.plan.roles if self.preview.plan else {}
                mapping = {r: roles.get(r) for r, _ in ROLES["values"]}
            else:
                self._offer_sheets()
                self.preview = facilities.preview(self.source, self.facility_options(mapping=False),
                                                  project_epsg=self.context.project.srs_id)
                frame, mapping = self.preview.frame, self.preview.mapping
                detected, problem = self.preview.detected, self.preview.problem
        except ImportProblem as exc:
            self.preview = None
            self.problem.setText(str(exc))
            self.import_button.setEnabled(False)
            self.table_model.clear()
            return
        self._show_frame(frame)
        self._set_mapping(list(frame.columns), mapping)
        self.detected.setText(self.tr("Erkannt: ") + " · ".join(detected))
        self.problem.setText(problem or "")
        self.import_button.setEnabled(True)

    def _offer_sheets(self) -> None:
        """Worksheets of a workbook as choices of the layer/sheet box."""
        from k360desk.io.tables import list_sheets

        if self.source is None or self.source.suffix.lower() not in (".xlsx", ".xlsm"):
            return
        sheets = list_sheets(self.source)
        if self.layer.count() == len(sheets) + 1:
            return
        self.layer.blockSignals(True)
        self.layer.clear()
        self.layer.addItem(self.tr("erstes Blatt mit Daten"), "")
        for name in sheets:
            self.layer.addItem(name, name)
        self.layer.blockSignals(False)

    def _set_layers(self, layers: list[str]) -> None:
        if self.layer.count() == len(layers):
            return
        self.layer.blockSignals(True)
        self.layer.clear()
        for name in layers:
            self.layer.addItem(name, name)
        self.layer.blockSignals(False)

    def _show_frame(self, frame) -> None:
        self.table_model.clear()
        self.table_model.setHorizontalHeaderLabels([str(c) for c in frame.columns])
        for row in frame.head(50).itertuples(index=False):
            self.table_model.appendRow([QStandardItem("" if v is None else str(v)) for v in row])
        self.table.resizeColumnsToContents()

    def _set_mapping(self, columns: list[str], mapping: dict) -> None:
        for role, combo in self.role_combos.items():
            combo.clear()
            combo.addItem(self.tr("(keine)"), NONE)
            for column in columns:
                combo.addItem(column, column)
            chosen = mapping.get(role)
            combo.setCurrentIndex(combo.findData(chosen) if chosen else 0)

    # --- options from the widgets ------------------------------------------------------

    def _role(self, role: str) -> str | None:
        return self.role_combos[role].currentData() or None

    def _table_options(self):
        from k360desk.io.tables import TableOptions

        sheet = self.layer.currentData() if self.source and self.source.suffix.lower() in (".xlsx", ".xlsm") \
            else None
        return TableOptions(encoding=self.encoding.currentData() or None, sep=self.sep.currentData() or None,
                            decimal=self.decimal.currentData() or None, sheet=sheet)

    def district_options(self, mapping: bool = True):
        """Options for a boundaries import from the widgets."""
        from k360desk.io.districts import DistrictOptions

        return DistrictOptions(
            code=self._role("code") if mapping else None, name=self._role("name") if mapping else None,
            parent=self._role("parent") if mapping else None,
            level=(self.level.currentText().strip() or None) if mapping else None,
            layer=self.layer.currentData() or None, crs=self.crs.currentData() or None)

    def value_options(self, mapping: bool = True):
        """Options for a values import from the widgets."""
        from k360desk.io.values import ValueOptions

        fixed = self.fixed_indicator.currentData() or self.fixed_indicator.currentText().strip()
        return ValueOptions(
            table=self._table_options(),
            district=self._role("district") if mapping else None,
            indicator=self._role("indicator") if mapping else None,
            period=self._role("period") if mapping else None,
            value=self._role("value") if mapping else None,
            fixed_period=self.fixed_year.value() or None, fixed_indicator=fixed or None,
            level=self.level.currentData() or None,
            create_indicators=self.create_indicators.isChecked())

    def facility_options(self, mapping: bool = True):
        """Options for a facilities import from the widgets."""
        from k360desk.io.facilities import FacilityOptions

        columns = {role: combo.currentData() for role, combo in self.role_combos.items()} if mapping else {}
        return FacilityOptions(table=self._table_options(), crs=self.crs.currentData() or None,
                               level=self.level.currentData() or None,
                               layer=None if self.source and self.source.suffix.lower() in (".xlsx", ".xlsm")
                               else self.layer.currentData() or None, columns=columns)

    # --- running -----------------------------------------------------------------------

    def start_import(self) -> None:
        """Run the import off the GUI thread with a progress dialog and Cancel."""
        from k360desk.io import districts, facilities, values
        from k360desk.ui.tasks import run_task

        if self.source is None:
            return
        project, source = self.context.project, self.source
        if self.kind == "districts":
            options, module = self.district_options(), districts
        elif self.kind == "values":
            options, module = self.value_options(), values
        else:
            options, module = self.facility_options(), facilities
        self.import_button.setEnabled(False)
        self.last_error = None
        self.task = run_task(self, _tr(TITLES[self.kind]),
                             lambda progress: module.run(project, source, options, progress),
                             self._finished, on_error=self._failed, on_cancel=self._cancelled)

    def _finished(self, report) -> None:
        from k360desk.ui.commands.imports import ImportCommand

        self.report = report
        text = self.tr("Import: %1").replace("%1", Path(report.source).name)
        self.context.push(ImportCommand(self.context.project, report, text))
        self.report_page.set_report(report)
        self.pages.setCurrentWidget(self.report_page)
        self.import_button.hide()
        self.close_button.setText(self.tr("Schließen"))
        self.close_button.clicked.disconnect()
        self.close_button.clicked.connect(self.accept)

    def _failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        if isinstance(exc, ImportProblem):
            self.last_error = str(exc)
        else:
            self.last_error = self.tr(
                "Der Import ist fehlgeschlagen (%1). Das Projekt ist unverändert.").replace(
                "%1", f"{type(exc).__name__}: {exc}")
        self.problem.setText(self.last_error)
        QMessageBox.warning(self, _tr(TITLES[self.kind]), self.last_error)

    def _cancelled(self) -> None:
        self.import_button.setEnabled(True)
        self.last_error = self.tr("Import abgebrochen – das Projekt ist unverändert.")
        self.problem.setText(self.last_error)


def show_import_dialog(context, kind: str, parent: QWidget | None = None) -> ImportDialog:
    """Open the import assistant for 'districts', 'values' or 'facilities' (window-modal)."""
    if kind not in TITLES:
        raise ValueError(kind)
    dialog = ImportDialog(context, kind, parent)
    dialog.open()
    return dialog
