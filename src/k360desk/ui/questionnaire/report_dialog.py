"""The report after importing returned workbooks: one line per file, the rows of the chosen one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from k360desk.ui.import_report import ReportRowsModel


class AnswersReportDialog(QDialog):
    """What each returned workbook brought: taken, updated, skipped, and why."""

    def __init__(self, result, parent=None) -> None:
        super().__init__(parent)
        self.result = result
        self.setWindowTitle(self.tr("Bericht: Antworten eingelesen"))
        self.resize(980, 620)
        files = len(result.reports)
        self.summary = QLabel(self.tr("%1 Dateien gelesen: %2 Antworten übernommen oder geändert, "
                                      "%3 übersprungen. Nicht übernommene Antworten stehen mit ihrem "
                                      "Inhalt unten – es geht nichts verloren.")
                              .replace("%1", str(files)).replace("%2", str(result.taken))
                              .replace("%3", str(result.skipped)), self)
        self.summary.setWordWrap(True)
        self.files = QTableWidget(files, 6, self)
        self.files.setHorizontalHeaderLabels([self.tr("Datei"), self.tr("Träger"), self.tr("neu"),
                                              self.tr("geändert"), self.tr("übersprungen"),
                                              self.tr("Hinweise")])
        self.files.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.files.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.files.verticalHeader().hide()
        self.files.setAccessibleName(self.tr("Eingelesene Dateien"))
        for row, report in enumerate(result.reports):
            provider = next((n.removeprefix("Träger: ") for n in report.notes
                             if n.startswith("Träger: ")), "")
            notes = "; ".join(n for n in report.notes if not n.startswith("Träger: "))
            cells = [Path(report.source).name, provider, str(report.taken), str(report.updated),
                     str(report.skipped), notes]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(report.source if col == 0 else text)
                if col in (2, 3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if report.skipped:
                    item.setForeground(QColor("#b00020"))
                self.files.setItem(row, col, item)
        header = self.files.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.rows_model = ReportRowsModel(self)
        self.rows = QTableView(self)
        self.rows.setModel(self.rows_model)
        self.rows.verticalHeader().hide()
        self.rows.setWordWrap(True)
        self.rows.setAccessibleName(self.tr("Übersprungene Antworten und Hinweise der Datei"))
        self.rows.horizontalHeader().setStretchLastSection(True)
        self.rows.setColumnWidth(0, 60)
        self.rows.setColumnWidth(1, 110)
        self.rows.setColumnWidth(2, 520)
        self.files.itemSelectionChanged.connect(self._show_rows)
        self.save_button = QPushButton(self.tr("Bericht &speichern …"), self)
        self.save_button.clicked.connect(self.ask_save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.files, 2)
        layout.addWidget(QLabel(self.tr("Einzelheiten der gewählten Datei:"), self))
        layout.addWidget(self.rows, 3)
        layout.addWidget(buttons)
        if files:
            self.files.selectRow(0)

    def _show_rows(self) -> None:
        rows = self.files.selectionModel().selectedRows()
        report = self.result.reports[rows[0].row()] if rows else None
        self.rows_model.set_rows(report.sorted_rows() if report else [])
        self.rows.resizeRowsToContents()

    def ask_save(self) -> None:
        """Save the report of all files as CSV for Excel."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Bericht speichern"),
                                              "Bericht Trägerabfrage.csv",
                                              self.tr("CSV für Excel (*.csv)"))
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> None:
        """Write the CSV; a German message if that fails."""
        try:
            self.result.to_csv(path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Bericht speichern"),
                                self.tr("Der Bericht konnte nicht gespeichert werden: %1")
                                .replace("%1", str(exc)))
