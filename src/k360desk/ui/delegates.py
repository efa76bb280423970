"""Editors per column kind, shared by table delegates and forms, with clear error messages.

Choices for linked records are combo boxes, dates a QDateEdit (dd.MM.yyyy), numbers a line
edit with a German QDoubleValidator; a value that cannot be read is not dropped silently:
the delegate reports it (``message``) and keeps the old value.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QDoubleValidator, QIntValidator, QValidator
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QToolTip,
    QWidget,
)

from k360desk.ui.models.columns import (
    Column,
    check_value,
    german_locale,
    is_missing,
    parse_value,
)

EMPTY_DATE = QDate(1900, 1, 1)


class GermanNumberValidator(QDoubleValidator):
    """Blocks letters while typing; the final text is read by ``parse_value``.

    Intermediate input counts as acceptable so that the editor commits and the user gets a
    message instead of an editor that silently refuses to close.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setLocale(german_locale())
        self.setNotation(QDoubleValidator.Notation.StandardNotation)

    def validate(self, text: str, pos: int):  # noqa: D102 - Qt override
        state, text, pos = super().validate(text, pos)
        if state == QValidator.State.Intermediate:
            state = QValidator.State.Acceptable
        return state, text, pos


class PlainTextField(QPlainTextEdit):
    """A multi-line field that reports ``editingFinished`` when it loses focus."""

    editingFinished = Signal()  # noqa: N815 - Qt naming, like QLineEdit

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.editingFinished.emit()


def make_editor(column: Column, choices: list[tuple[Any, str]], parent: QWidget) -> QWidget:
    """Create the editor widget for a column."""
    if column.kind == "choice":
        combo = QComboBox(parent)
        if not column.required:
            combo.addItem(QCoreApplication.translate("editors", "(keine Angabe)"), None)
        for value, label in choices:
            combo.addItem(label, value)
        combo.setMaxVisibleItems(20)
        editor: QWidget = combo
    elif column.kind == "date":
        edit = QDateEdit(parent)
        edit.setDisplayFormat("dd.MM.yyyy")
        edit.setCalendarPopup(True)
        edit.setMinimumDate(EMPTY_DATE)
        edit.setSpecialValueText(QCoreApplication.translate("editors", "(kein Datum)"))
        edit.setLocale(german_locale())
        editor = edit
    elif column.kind == "bool":
        editor = QCheckBox(parent)
    elif column.multiline:
        editor = PlainTextField(parent)
        editor.setTabChangesFocus(True)
        editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 4 + 12)
    else:
        line = QLineEdit(parent)
        if column.kind == "number":
            line.setValidator(GermanNumberValidator(line))
            line.setAlignment(Qt.AlignmentFlag.AlignRight)
        elif column.kind == "int":
            line.setValidator(QIntValidator(-10**9, 10**9, line))
            line.setAlignment(Qt.AlignmentFlag.AlignRight)
        editor = line
    editor.setAccessibleName(column.header)
    if column.description:
        editor.setAccessibleDescription(column.description)
        editor.setToolTip(column.description)
    return editor


def set_editor_value(editor: QWidget, column: Column, value: Any) -> None:
    """Show a raw value in an editor."""
    from k360desk.ui.models.columns import format_value

    if isinstance(editor, QComboBox):
        i = editor.findData(value)
        if i < 0 and is_missing(value):
            i = editor.findData(None)
        editor.setCurrentIndex(max(i, 0) if editor.count() else -1)
    elif isinstance(editor, QDateEdit):
        date = QDate.fromString(str(value)[:10], Qt.DateFormat.ISODate) if value else QDate()
        editor.setDate(date if date.isValid() else EMPTY_DATE)
    elif isinstance(editor, QCheckBox):
        editor.setChecked(bool(value))
    elif isinstance(editor, QPlainTextEdit):
        editor.setPlainText("" if is_missing(value) else str(value))
    elif isinstance(editor, QLineEdit):
        editor.setText(format_value(column, value))
        editor.setCursorPosition(0)  # long titles show their beginning


def editor_value(editor: QWidget, column: Column) -> tuple[Any, str | None]:
    """Read an editor: (raw value, None) or (None, German error message)."""
    if isinstance(editor, QComboBox):
        value = editor.currentData()
    elif isinstance(editor, QDateEdit):
        date = editor.date()
        value = None if date == EMPTY_DATE else date.toString(Qt.DateFormat.ISODate)
    elif isinstance(editor, QCheckBox):
        value = 1 if editor.isChecked() else 0
    elif isinstance(editor, QPlainTextEdit):
        value = editor.toPlainText()
    else:
        value, error = parse_value(column, editor.text())
        if error:
            return None, error
    if column.kind == "text" and value is None:
        value = ""
    return value, check_value(column, value)


class RecordDelegate(QStyledItemDelegate):
    """Item delegate for ``RecordTableModel`` columns (directly or behind a proxy)."""

    message = Signal(str)

    def _source(self, index: QModelIndex):
        model = index.model()
        while hasattr(model, "sourceModel") and model.sourceModel() is not None:
            index = model.mapToSource(index)
            model = model.sourceModel()
        return model, index

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        model, source = self._source(index)
        column = model.columns[source.column()]
        editor = make_editor(column, model.choices(column.choices), parent)
        editor.setAutoFillBackground(True)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        model, source = self._source(index)
        column = model.columns[source.column()]
        set_editor_value(editor, column, source.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: N802
        source_model, source = self._source(index)
        column = source_model.columns[source.column()]
        value, error = editor_value(editor, column)
        if error:
            QToolTip.showText(editor.mapToGlobal(QPoint(0, editor.height())), error, editor)
            source_model.message.emit(error)
            return
        model.setData(index, value, Qt.ItemDataRole.EditRole)


class GridDelegate(QStyledItemDelegate):
    """Value grid cells: a right-aligned line edit; the model parses German numbers.

    Enter commits and emits ``entered`` so the grid moves down, as in Excel (Qt's own hints
    only know "next" and "previous" item, which go sideways).
    """

    entered = Signal()

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802
        if (event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and isinstance(editor, QLineEdit)):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.entered.emit()
            return True
        return super().eventFilter(editor, event)

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        editor.setAccessibleName(QCoreApplication.translate("editors", "Wert"))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: N802
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
