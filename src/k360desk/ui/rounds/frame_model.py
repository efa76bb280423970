"""A thin read-only table model over a DataFrame, with German formats and cell colours."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from k360desk.ui.models import RAW_ROLE, german_locale

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 10
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

WARN = QColor("#fde2b8")
BAD = QColor("#f8d0d0")
GOOD = QColor("#d8eed8")
MUTED = QColor("#eeeeee")
INK = QColor("#1a1a1a")


@dataclass(frozen=True)
class FrameColumn:
    """One column: frame key, German header, kind (text, int, number, money, percent, date)."""

    key: str
    header: str
    kind: str = "text"
    decimals: int = 1
    width: int = 0
    priority: int | None = None
    """On a narrow screen: 0 always shown, 2 hidden first (see ``ui/column_fit.py``)."""


def missing(value: Any) -> bool:
    """None, NaN and pandas' NA count as missing."""
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def money_text(value: Any, unit: bool = True) -> str:
    """Euros in German, rounded to cents by the one money rule; cents shown only when there are any."""
    from k360desk.formats import to_cents

    cents = to_cents(float(value))
    text = german_locale().toString(cents / 100, "f", 2 if cents % 100 else 0)
    return text + " €" if unit else text


def format_cell(kind: str, value: Any, decimals: int = 1) -> str:
    """German display text of one value."""
    if missing(value):
        return "–" if kind in ("number", "percent") else ""
    locale = german_locale()
    if kind == "money":
        return money_text(value)
    if kind == "number":
        return locale.toString(float(value), "f", decimals)
    if kind == "percent":
        return locale.toString(float(value) * 100, "f", decimals) + " %"
    if kind == "int":
        return str(int(value))
    if kind == "date":
        text = str(value)[:10]
        parts = text.split("-")
        return f"{parts[2]}.{parts[1]}.{parts[0]}" if len(parts) == 3 else text
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return str(value)


class FrameModel(QAbstractTableModel):
    """Shows a frame; ``colour(row, key)`` and ``tip(row, key)`` decorate cells."""

    def __init__(self, columns: list[FrameColumn], parent=None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.frame = pd.DataFrame()
        self._rows: list[dict] = []
        self._text: list[list[str]] = []
        self.colour: Callable[[dict, str], QColor | None] | None = None
        self.tip: Callable[[dict, str], str | None] | None = None

    def set_frame(self, frame: pd.DataFrame) -> None:
        """Replace the shown rows."""
        self.beginResetModel()
        self.frame = frame.reset_index(drop=True)
        self._rows = self.frame.to_dict("records")
        self._text = [
            [format_cell(c.kind, r.get(c.key), c.decimals) for c in self.columns] for r in self._rows
        ]
        self.endResetModel()

    def row(self, row: int) -> dict:
        """The raw values of a row."""
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, col = index.row(), index.column()
        column = self.columns[col]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text[row][col]
        if role == RAW_ROLE:
            value = self._rows[row].get(column.key)
            return None if missing(value) else value
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.kind in ("int", "number", "money", "percent") else _LEFT
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and self.colour:
            colour = self.colour(self._rows[row], column.key)
            if colour is None:
                return None
            # Light highlight colours need dark text, also under a dark or high-contrast theme.
            return QBrush(colour) if role == Qt.ItemDataRole.BackgroundRole else QBrush(INK)
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.tip is not None:
                tip = self.tip(self._rows[row], column.key)
                if tip:
                    return tip
            text = self._text[row][col]
            return text if len(text) > 40 else None
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None


def frame_view(model: FrameModel, name: str, parent: QWidget) -> QTableView:
    """A read-only, row-selecting table view for a FrameModel."""
    view = QTableView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setWordWrap(False)
    for i, column in enumerate(model.columns):
        if column.width:
            view.setColumnWidth(i, column.width)
    return view
