"""The last page of the import assistant: what was taken, updated, skipped, and why."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from k360desk.io.report import SKIPPED, ImportReport
from k360desk.messages import tr_value

_ROOT = QModelIndex()


class ReportRowsModel(QAbstractTableModel):
    """Rows of a report: line, result, reason, content."""

    LINE, STATUS, REASON, CONTENT = range(4)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []
        self._headers = [self.tr("Zeile"), self.tr("Ergebnis"), self.tr("Grund"), self.tr("Inhalt")]

    def set_rows(self, rows: list) -> None:
        """Replace all rows."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else 4

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = ["" if row.line is None else row.line, tr_value(row.status), row.reason, row.content]
            return values[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and row.status == SKIPPED:
            return QColor("#a01818")
        return None


class ReportPage(QWidget):
    """Summary, notes and the table of skipped and doubtful rows, with CSV export."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.report: ImportReport | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = ReportRowsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ReportRowsModel.REASON, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ReportRowsModel.LINE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ReportRowsModel.STATUS, QHeaderView.ResizeMode.ResizeToContents)
        self.save_button = QPushButton(self.tr("Bericht speichern als CSV…"))
        self.save_button.clicked.connect(self.save_csv)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.notes)
        layout.addWidget(self.table, 1)
        # Takes the room the table leaves when a report has no rows, so the summary and the
        # notes stay together at the top instead of being spread over the page.
        layout.addStretch(0)
        layout.addLayout(buttons)

    def set_report(self, report: ImportReport) -> None:
        """Show a report."""
        self.report = report
        self.summary.setText(report.summary())
        self.notes.setText("\n".join(report.notes))
        self.model.set_rows(report.sorted_rows())
        if not report.rows:
            self.table.hide()
        else:
            self.table.show()

    def save_csv(self, path: str | None = None) -> str | None:
        """Ask for a file name (unless given) and write the report as CSV."""
        if self.report is None:
            return None
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Bericht speichern"), "importbericht.csv",
                                                  self.tr("CSV-Dateien (*.csv)"))
        if not path:
            return None
        try:
            self.report.to_csv(path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Bericht speichern"),
                                self.tr("Der Bericht ließ sich nicht speichern: %1").replace(
                                    "%1", str(exc.strerror or exc)))
            return None
        return path
