"""A read-only table model over a display frame (German headers from ``figures``), with the
headers translated for the English UI and numbers in the UI locale."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from k360desk.ui.models.columns import RAW_ROLE

Index = QModelIndex | QPersistentModelIndex
CONTEXT = "FrameModel"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - Qt's name, for lupdate
    """Mark a module-level string for translation; translated where it is shown."""
    return text


# Fixed headers of the index, comparison and coverage tables (component headers keep their
# indicator key and translate only the prefix).
HEADERS = [
    QT_TRANSLATE_NOOP("FrameModel", "Code"),
    QT_TRANSLATE_NOOP("FrameModel", "Name"),
    QT_TRANSLATE_NOOP("FrameModel", "Einwohner"),
    QT_TRANSLATE_NOOP("FrameModel", "Statusindex"),
    QT_TRANSLATE_NOOP("FrameModel", "Statusklasse"),
    QT_TRANSLATE_NOOP("FrameModel", "Dynamikindex"),
    QT_TRANSLATE_NOOP("FrameModel", "Dynamikklasse"),
    QT_TRANSLATE_NOOP("FrameModel", "Status/Dynamik"),
    QT_TRANSLATE_NOOP("FrameModel", "Aufmerksamkeitsbedarf"),
    QT_TRANSLATE_NOOP("FrameModel", "Bedarfswert"),
    QT_TRANSLATE_NOOP("FrameModel", "im Index"),
    QT_TRANSLATE_NOOP("FrameModel", "Grund"),
    QT_TRANSLATE_NOOP("FrameModel", "Status A"),
    QT_TRANSLATE_NOOP("FrameModel", "Status B"),
    QT_TRANSLATE_NOOP("FrameModel", "Dynamik A"),
    QT_TRANSLATE_NOOP("FrameModel", "Dynamik B"),
    QT_TRANSLATE_NOOP("FrameModel", "Warum"),
    QT_TRANSLATE_NOOP("FrameModel", "Einrichtungen"),
    QT_TRANSLATE_NOOP("FrameModel", "Plätze"),
    QT_TRANSLATE_NOOP("FrameModel", "Zielbevölkerung"),
    QT_TRANSLATE_NOOP("FrameModel", "Plätze je 1.000"),
    QT_TRANSLATE_NOOP("FrameModel", "Richtwert"),
    QT_TRANSLATE_NOOP("FrameModel", "Versorgung %"),
    QT_TRANSLATE_NOOP("FrameModel", "Fehlende Plätze"),
    QT_TRANSLATE_NOOP("FrameModel", "keine Einrichtung"),
    QT_TRANSLATE_NOOP("FrameModel", "ja"),
    QT_TRANSLATE_NOOP("FrameModel", "nein"),
]
PREFIXES = (QT_TRANSLATE_NOOP("FrameModel", "z Veränderung "), QT_TRANSLATE_NOOP("FrameModel", "z "))
# Decimals per header; other float columns (z-values, indices) show two.
DECIMALS = {"Einwohner": 0, "Plätze": 0, "Zielbevölkerung": 0, "Fehlende Plätze": 0,
            "Richtwert": 1, "Plätze je 1.000": 1, "Versorgung %": 1, "Bedarfswert": 1}


def translate_header(text: str) -> str:
    """The header in the UI language."""
    if text in HEADERS:
        return QCoreApplication.translate(CONTEXT, text)
    for prefix in PREFIXES:
        if text.startswith(prefix):
            return QCoreApplication.translate(CONTEXT, prefix) + text[len(prefix):]
    return text


class FrameModel(QAbstractTableModel):
    """Rows of a pandas frame; ``set_frame`` replaces everything (a model reset)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.frame = pd.DataFrame()
        self._texts: list[list[str]] = []
        self._raw: list[list[Any]] = []
        self._numeric: list[bool] = []

    def set_frame(self, frame: pd.DataFrame) -> None:
        """Show ``frame`` (display columns; floats are formatted here)."""
        self.beginResetModel()
        self.frame = frame.reset_index(drop=True)
        locale = QLocale()
        yes, no = (QCoreApplication.translate(CONTEXT, "ja"),
                   QCoreApplication.translate(CONTEXT, "nein"))
        self._numeric = [pd.api.types.is_numeric_dtype(frame[c]) and frame[c].dtype != bool
                         for c in frame.columns]
        self._raw = [list(row) for row in self.frame.itertuples(index=False, name=None)]
        self._texts = []
        for row in self._raw:
            texts = []
            for column, value in zip(self.frame.columns, row, strict=True):
                if isinstance(value, float):
                    texts.append("" if math.isnan(value) else locale.toString(
                        value, "f", DECIMALS.get(column, 2)))
                elif value is None or (not isinstance(value, str) and pd.isna(value)):
                    texts.append("")
                else:
                    text = str(value)
                    texts.append(yes if text == "ja" else no if text == "nein" else text)
            self._texts.append(texts)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._texts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.frame.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._texts[row][column]
        if role == RAW_ROLE:
            value = self._raw[row][column]
            return None if isinstance(value, float) and math.isnan(value) else value
        if role == Qt.ItemDataRole.TextAlignmentRole and self._numeric[column]:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return translate_header(str(self.frame.columns[section]))
        return section + 1

    def column_texts(self, header: str) -> list[str]:
        """The shown texts of one column (by German header), in model order."""
        column = list(self.frame.columns).index(header)
        return [row[column] for row in self._texts]


class FrameSortProxy(QSortFilterProxyModel):
    """Sorts by the raw value (numbers as numbers, empty cells last)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(RAW_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        a, b = left.data(RAW_ROLE), right.data(RAW_ROLE)
        if a is None or b is None:
            return a is not None
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)
