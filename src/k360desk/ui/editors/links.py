"""A small table editing the rows of a link table for one record (budgets, amounts …).

Each edit replaces the record's rows as one undo step (``ReplaceLinks``), so undo puts
back exactly what was there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from k360desk.ui.commands import ReplaceLinks
from k360desk.ui.delegates import RecordDelegate
from k360desk.ui.editors.section import show_message
from k360desk.ui.models import Column, RecordTableModel


class LinkEditor(QWidget):
    """Rows of ``table`` where ``key`` equals the chosen record, editable in place."""

    def __init__(self, context, table: str, key: str, columns: list[Column], title: str,
                 new_row: Callable[[list[dict[str, Any]]], dict[str, Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.table_name = table
        self.key = key
        self.new_row = new_row
        self.key_value: int | None = None
        self.rows: list[dict[str, Any]] = []
        self.model = RecordTableModel(columns, self)
        self.model.committer = self._commit_cell
        self.model.message.connect(lambda text: show_message(self, text))
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(RecordDelegate(self.view))
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAccessibleName(title)
        self.view.setMinimumHeight(120)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        for col, column in enumerate(columns):
            if column.width:
                self.view.setColumnWidth(col, column.width)
        label = QLabel(f"<b>{title}</b>", self)
        self.add_button = QPushButton(self.tr("Zeile hinzufügen"), self)
        self.add_button.setAccessibleName(self.tr("%1: Zeile hinzufügen").replace("%1", title))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton(self.tr("Zeile entfernen"), self)
        self.remove_button.setAccessibleName(self.tr("%1: Zeile entfernen").replace("%1", title))
        self.remove_button.clicked.connect(self.remove_row)
        bar = QHBoxLayout()
        bar.addWidget(label)
        bar.addStretch(1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        context.changed.connect(self._on_changes)
        self.set_key(None)

    def set_choices(self, key: str, pairs: list[tuple[Any, str]]) -> None:
        """Supply (value, label) pairs for a choice column."""
        self.model.set_choices(key, pairs)

    def set_key(self, value: int | None) -> None:
        """Show the rows of another record (None: nothing)."""
        self.key_value = value
        self.reload()

    def reload(self) -> None:
        """Read the rows from the store."""
        project = self.context.project
        if project is None or self.key_value is None:
            self.rows = []
        else:
            frame = project.link_frame(self.table_name, **{self.key: self.key_value})
            self.rows = frame.to_dict("records")
        frame = pd.DataFrame(self.rows) if self.rows else pd.DataFrame(
            {c.field: [] for c in self.model.columns})
        frame["id"] = range(len(frame))
        self.model.set_rows(frame)
        enabled = self.key_value is not None and project is not None and not project.too_new
        self.add_button.setEnabled(enabled)
        self.remove_button.setEnabled(enabled)

    def _on_changes(self, changes) -> None:
        if any(c.table == self.table_name for c in changes):
            self.reload()

    def _replace(self, rows: list[dict[str, Any]], text: str) -> str | None:
        project = self.context.project
        if project is None or self.key_value is None:
            return self.tr("Kein Datensatz ausgewählt.")
        command = ReplaceLinks(project, self.table_name, {self.key: self.key_value}, rows, text)
        self.context.push(command)
        if command.error:
            show_message(self, command.error)
        return command.error

    def _commit_cell(self, row: int, field: str, value: Any) -> str | None:
        rows = [dict(r) for r in self.rows]
        rows[row][field] = value
        return self._replace(rows, self.tr("Zeile ändern"))

    def add_row(self) -> None:
        """Append a row with defaults."""
        if self.key_value is None:
            return
        try:
            row = {self.key: self.key_value, **self.new_row(self.rows)}
        except ValueError as exc:
            show_message(self, str(exc))
            return
        self._replace([*self.rows, row], self.tr("Zeile hinzufügen"))

    def remove_row(self) -> None:
        """Remove the selected rows."""
        chosen = {i.row() for i in self.view.selectionModel().selectedRows()}
        if not chosen and self.view.currentIndex().isValid():
            chosen = {self.view.currentIndex().row()}
        if not chosen:
            return
        rows = [r for i, r in enumerate(self.rows) if i not in chosen]
        self._replace(rows, self.tr("Zeile entfernen"))


def next_year(rows: list[dict[str, Any]], first: int) -> int:
    """The year after the last one in ``rows`` (or ``first``)."""
    years = [int(r["year"]) for r in rows if r.get("year") is not None]
    return max(years) + 1 if years else first


__all__ = ["LinkEditor", "next_year"]
