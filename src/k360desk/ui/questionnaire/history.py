"""The history of committee work: what went to which meeting, per funding round or committee."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from k360desk.projectfile import AgendaItem, Committee, FundingRound, Project
from k360desk.ui.commands import UpdateFields
from k360desk.ui.editors.section import show_message
from k360desk.ui.models.columns import format_date
from k360desk.ui.wrap_bar import WrapBar

_TABLES = {"agenda_items", "meetings", "committees", "funding_rounds"}


class MeetingHistory(QWidget):
    """Agenda items of all meetings, newest first, filtered by committee and funding round."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.committee = QComboBox(self)
        self.committee.setAccessibleName(self.tr("Gremium"))
        self.round = QComboBox(self)
        self.round.setAccessibleName(self.tr("Förderrunde"))
        self.model = QStandardItemModel(0, 7, self)
        self.model.setHorizontalHeaderLabels([
            self.tr("Datum"), self.tr("Gremium"), self.tr("TOP"), self.tr("Titel"),
            self.tr("Förderrunde"), self.tr("Vorlage"), self.tr("Beschluss")])
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName(self.tr("Verlauf der Sitzungen"))
        for col, width in enumerate((90, 190, 60, 300, 170, 200)):
            self.table.setColumnWidth(col, width)
        self.attach = QPushButton(self.tr("Vorlage &zuordnen …"), self)
        self.attach.setToolTip(self.tr("Ein erstelltes Dokument (z. B. PDF) dem Tagesordnungspunkt "
                                       "zuordnen"))
        self.open_document = QPushButton(self.tr("Vorlage ö&ffnen"), self)
        self.attach.clicked.connect(self.ask_document)
        self.open_document.clicked.connect(self.open_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        # Wraps at 1280 px (and in English) instead of pushing the buttons off the screen.
        bar = WrapBar(self)
        for label, widget in ((self.tr("&Gremium:"), self.committee),
                              (self.tr("&Förderrunde:"), self.round)):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            bar.add(caption, widget)
        bar.add(self.attach)
        bar.add(self.open_document)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(bar)
        layout.addWidget(self.table, 1)
        self.committee.currentIndexChanged.connect(self.reload_rows)
        self.round.currentIndexChanged.connect(self.reload_rows)
        context.changed.connect(self._on_changes)
        context.project_replaced.connect(self.reload)
        self.reload()

    @property
    def project(self) -> Project | None:
        """The open project."""
        return self.context.project

    def reload(self) -> None:
        """Refill the filters and the rows."""
        for combo, cls, label in ((self.committee, Committee, self.tr("alle Gremien")),
                                  (self.round, FundingRound, self.tr("alle Förderrunden"))):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(label, None)
            if self.project is not None:
                for record in self.project.all(cls, order_by="name"):
                    combo.addItem(record.name, record.id)
            combo.setCurrentIndex(max(combo.findData(keep), 0) if keep is not None else 0)
            combo.blockSignals(False)
        self.reload_rows()

    def _on_changes(self, changes) -> None:
        tables = {c.table for c in changes}
        if tables & {"committees", "funding_rounds"}:
            self.reload()
        elif tables & _TABLES:
            self.reload_rows()

    def show_round(self, round_id: int | None) -> None:
        """Show the history of one funding round."""
        self.round.setCurrentIndex(max(self.round.findData(round_id), 0))

    def show_committee(self, committee_id: int | None) -> None:
        """Show the history of one committee."""
        self.committee.setCurrentIndex(max(self.committee.findData(committee_id), 0))

    def reload_rows(self) -> None:
        """Read the agenda items for the chosen filters."""
        from k360desk.models.questionnaire import agenda_history

        self.model.removeRows(0, self.model.rowCount())
        if self.project is None:
            return
        frame = agenda_history(self.project, self.committee.currentData(), self.round.currentData())
        for row in frame.itertuples():
            document = str(row.document or "")
            cells = [format_date(row.date), row.committee, row.number, row.title,
                     row.round if isinstance(row.round, str) else "",
                     Path(document).name if document else "", row.decision]
            items = [QStandardItem(str(c or "")) for c in cells]
            items[0].setData(int(row.id))
            items[5].setToolTip(document)
            items[6].setToolTip(str(row.decision or ""))
            self.model.appendRow(items)
        self._update_buttons()

    def selected_item(self) -> int | None:
        """Id of the chosen agenda item."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row(), 0).data() if rows else None

    def _update_buttons(self, *_args) -> None:
        item = self.selected_item()
        writable = self.project is not None and not self.project.read_only
        self.attach.setEnabled(item is not None and writable)
        document = self.project.get(AgendaItem, item).document if item and self.project else ""
        self.open_document.setEnabled(bool(document))

    def ask_document(self) -> None:
        """Choose the document file for the chosen agenda item."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Vorlage zuordnen"), "",
                                              self.tr("Dokumente (*.pdf *.docx *.xlsx *.odt);;"
                                                      "Alle Dateien (*)"))
        if path:
            self.set_document(path)

    def set_document(self, path: str) -> None:
        """Link a document to the chosen agenda item (one undo step)."""
        item = self.selected_item()
        if item is None or self.project is None:
            return
        command = UpdateFields(self.project, AgendaItem, item, {"document": str(path)},
                               self.tr("Vorlage zuordnen"))
        self.context.push(command)
        if command.error:
            show_message(self, command.error)

    def open_selected(self) -> None:
        """Open the chosen item's document with the system's viewer."""
        item = self.selected_item()
        document = self.project.get(AgendaItem, item).document if item and self.project else ""
        if document and Path(document).exists():
            QDesktopServices.openUrl(QUrl.fromLocalFile(document))
        elif document:
            show_message(self, self.tr("Die Vorlage „%1“ gibt es nicht mehr.").replace("%1", document))
