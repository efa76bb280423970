"""A record form built from a column spec: one editor per field, a message beside each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from k360desk.ui.delegates import editor_value, make_editor, set_editor_value
from k360desk.ui.indicator_search import IndicatorSearch
from k360desk.ui.models.columns import Column, is_missing
from k360desk.ui.models.table import shortened


def error_style(widget: QWidget) -> str:
    """A red that stays readable on light and on dark (high-contrast) palettes."""
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return "color: #ff8a80;" if dark else "color: #b00020;"

def error_label(parent: QWidget, accessible_name: str) -> QLabel:
    """The hidden, word-wrapped red label that shows a page's last error."""
    label = QLabel(parent)
    label.setStyleSheet(error_style(parent))
    label.setWordWrap(True)
    label.hide()
    label.setAccessibleName(accessible_name)
    return label


# (record id, field, value) -> German error or None
Committer = Callable[[int, str, Any], "str | None"]


INDICATORS = "indicators"
"""The choice key of indicator choosers; they get a type-ahead search."""


class RecordForm(QWidget):
    """Edits one record field by field; each change is one undo command via ``committer``."""

    message = Signal(str)

    def __init__(self, columns: list[Column], committer: Committer, parent=None) -> None:
        super().__init__(parent)
        self.columns = [c for c in columns if c.in_form]
        self.committer = committer
        self.record_id: int | None = None
        self._values: dict[str, Any] = {}
        self._loading = False
        self.read_only = False
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._choices: dict[str, list[tuple[Any, str]]] = {}
        self.searches: dict[str, IndicatorSearch] = {}
        self._search_rows: dict[Any, tuple[str, str | None, str | None]] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.layout_ = QFormLayout()
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        outer.addLayout(self.layout_)
        outer.addStretch(1)
        self._build()
        self.setEnabled(False)

    def _build(self) -> None:
        for column in self.columns:
            editor = make_editor(column, self._choices.get(column.choices or "", []), self)
            editor.setEnabled(column.editable)
            error = QLabel(self)
            error.setStyleSheet(error_style(self))
            error.setWordWrap(True)
            error.hide()
            error.setAccessibleName(self.tr("Fehler bei %1").replace("%1", column.header))
            box = QWidget(self)
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.setSpacing(2)
            if column.choices == INDICATORS:
                # 137 indicators at city scale: found by a piece of name, unit or source.
                search = IndicatorSearch(editor, box)
                search.setAccessibleName(self.tr("%1 suchen").replace("%1", column.header))
                search.setEnabled(column.editable)
                lay.addWidget(search)
                self.searches[column.field] = search
            lay.addWidget(editor)
            lay.addWidget(error)
            label = QLabel(f"&{column.header}:" if "&" not in column.header
                           else f"{column.header}:", self)
            label.setBuddy(editor)
            self.layout_.addRow(label, box)
            self.editors[column.field] = editor
            self.errors[column.field] = error
            self._connect(column, editor)

    def _connect(self, column: Column, editor: QWidget) -> None:
        def done(*_args, column=column) -> None:
            self._commit(column)

        if isinstance(editor, QComboBox):
            editor.activated.connect(done)
        elif isinstance(editor, QDateEdit):
            editor.editingFinished.connect(done)
        elif isinstance(editor, QCheckBox):
            editor.clicked.connect(done)
        else:
            editor.editingFinished.connect(done)

    def set_choices(self, key: str, pairs: list[tuple[Any, str]]) -> None:
        """Refill the combo boxes of a choice key, keeping the shown value."""
        pairs = [(value, shortened(str(label))) for value, label in pairs]
        self._choices[key] = pairs
        self._loading = True
        for column in self.columns:
            if column.choices == key:
                combo = self.editors[column.field]
                combo.clear()
                if not column.required:
                    combo.addItem(self.tr("(keine Angabe)"), None)
                for value, label in pairs:
                    combo.addItem(label, value)
                set_editor_value(combo, column, self._values.get(column.field))
                if column.field in self.searches:
                    self.searches[column.field].set_indicators(self._search_entries(pairs))
        self._loading = False

    def set_search_rows(self, rows: dict[Any, tuple[str, str | None, str | None]]) -> None:
        """Name, unit and source of each indicator id, for the indicator choosers' search."""
        self._search_rows = rows
        for column in self.columns:
            if column.field in self.searches:
                self.searches[column.field].set_indicators(
                    self._search_entries(self._choices.get(column.choices or "", [])))

    def _search_entries(self, pairs) -> list[tuple[Any, str, str | None, str | None]]:
        return [(value, *self._search_rows.get(value, (label, None, None)))
                for value, label in pairs]

    def load(self, record_id: int | None, values: dict[str, Any] | None) -> None:
        """Show a record (or nothing)."""
        self.record_id = record_id
        self._values = dict(values or {})
        self._loading = True
        for column in self.columns:
            set_editor_value(self.editors[column.field], column, self._values.get(column.field))
            self.errors[column.field].hide()
        self._loading = False
        self.setEnabled(record_id is not None and not self.read_only)

    def _commit(self, column: Column) -> None:
        if self._loading or self.record_id is None:
            return
        editor = self.editors[column.field]
        label = self.errors[column.field]
        value, error = editor_value(editor, column)
        old = self._values.get(column.field)
        if error is None:
            if value == old or (is_missing(value) and is_missing(old)) or (
                    value == "" and is_missing(old)):
                label.hide()
                return
            error = self.committer(self.record_id, column.field, value)
        if error:
            label.setText(error)
            label.show()
            self.message.emit(error)
            return
        label.hide()
        self._values[column.field] = value
