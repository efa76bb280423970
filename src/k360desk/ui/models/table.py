"""A generic record table model driven by a column spec, and its sort/filter proxy."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from k360desk.ui.models.columns import (
    ID_ROLE,
    RAW_ROLE,
    SEARCH_ROLE,
    Column,
    check_value,
    format_value,
    is_missing,
)

Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
# Plain ints: data() runs for every visible cell and role on each repaint.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_EDIT = int(Qt.ItemDataRole.EditRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_CHECK = int(Qt.ItemDataRole.CheckStateRole.value)
_RAW, _ID, _SEARCH = int(RAW_ROLE), int(ID_ROLE), int(SEARCH_ROLE)
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _SELECTABLE | Qt.ItemFlag.ItemIsEditable
_CHECKABLE = _SELECTABLE | Qt.ItemFlag.ItemIsUserCheckable

# (record id, field, new raw value) -> German error message or None
Committer = Callable[[int, str, Any], "str | None"]


class RecordTableModel(QAbstractTableModel):
    """Rows of one record kind, read in bulk from a frame; edits go to a committer.

    The model keeps plain Python lists (ids, raw values, display texts). ``set_rows``
    replaces everything; when the same ids come back in the same order it only signals the
    rows that differ, so selection and scroll position survive a refresh.
    """

    message = Signal(str)
    """A German message for the user (a rejected edit)."""

    def __init__(self, columns: list[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = columns
        self._ids: list[int] = []
        self._raw: list[list[Any]] = []
        self._text: list[list[str]] = []
        self._search: list[str] = []
        self._labels: dict[str, dict[Any, str]] = {}
        self._choices: dict[str, list[tuple[Any, str]]] = {}
        self.committer: Committer | None = None
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    # --- filling -------------------------------------------------------------------------

    def set_choices(self, key: str, pairs: list[tuple[Any, str]]) -> None:
        """Supply the (value, label) pairs of a choice key (levels, providers …)."""
        pairs = [(value, shortened(str(label))) for value, label in pairs]
        self._choices[key] = pairs
        self._labels[key] = dict(pairs)
        if self._raw:
            self._rebuild_texts(range(len(self._raw)))
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._raw) - 1,
                                                                 len(self.columns) - 1))

    def choices(self, key: str | None) -> list[tuple[Any, str]]:
        """The (value, label) pairs of a choice key."""
        return self._choices.get(key or "", [])

    def set_rows(self, frame) -> None:
        """Fill from a DataFrame with an ``id`` column (or index) and the spec's fields."""
        ids = [int(i) for i in (frame["id"] if "id" in frame.columns else frame.index)]
        series = []
        for column in self.columns:
            name = column.source or column.field
            if name in frame.columns:
                series.append(_column_values(frame[name], column.kind))
            else:
                series.append([None] * len(ids))
        raw = [list(row) for row in zip(*series, strict=True)] if series else [[] for _ in ids]
        if self._ids and len(ids) == len(self._ids) and set(ids) == set(self._ids):
            # Same records (maybe in another order): signal only the rows that differ.
            by_id = dict(zip(ids, raw, strict=True))
            changed = [r for r, i in enumerate(self._ids) if by_id[i] != self._raw[r]]
            for r in changed:
                self._raw[r] = by_id[self._ids[r]]
            self._rebuild_texts(changed)
            for row in changed:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
            if changed and self._sort[0] >= 0:
                self.sort(*self._sort)
            return
        self.beginResetModel()
        self._ids, self._raw = ids, raw
        self._text = [[""] * len(self.columns) for _ in ids]
        self._search = [""] * len(ids)
        self._rebuild_texts(range(len(ids)))
        if self._sort[0] >= 0:
            self._permute(self._order(*self._sort))
        self.endResetModel()

    # --- sorting -------------------------------------------------------------------------
    # The model sorts itself with Python's sort on precomputed keys: a proxy calling a
    # Python lessThan() (or data()) per comparison needs over a second for 4,000 rows.

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort rows by a column; empty cells last in both directions; kept after refills."""
        self._sort = (column, order)
        if column < 0 or len(self._ids) < 2:
            return
        self.layoutAboutToBeChanged.emit()
        perm = self._order(column, order)
        new_row = {old: new for new, old in enumerate(perm)}
        self._permute(perm)
        before = self.persistentIndexList()
        after = [self.index(new_row[i.row()], i.column()) for i in before]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _order(self, column: int, order: Qt.SortOrder) -> list[int]:
        kind = self.columns[column].kind
        raw, text = self._raw, self._text
        rows = range(len(self._ids))
        if kind in ("int", "number", "bool", "date"):
            present = [r for r in rows if raw[r][column] is not None and raw[r][column] != ""]
            present.sort(key=lambda r: raw[r][column])
        else:
            present = [r for r in rows if text[r][column] != ""]
            present.sort(key=lambda r: _sort_key(text[r][column]))
        if order == Qt.SortOrder.DescendingOrder:
            present.reverse()
        taken = set(present)
        return present + [r for r in rows if r not in taken]

    def _permute(self, perm: list[int]) -> None:
        self._ids = [self._ids[r] for r in perm]
        self._raw = [self._raw[r] for r in perm]
        self._text = [self._text[r] for r in perm]
        self._search = [self._search[r] for r in perm]

    def _rebuild_texts(self, rows) -> None:
        # One formatter per column, chosen once, applied down each column; values that
        # repeat in a column (providers, types, districts, dates) are formatted once. Per
        # cell dispatch was most of the first build of a 4.000-row table.
        rows = list(rows)
        if not rows:
            return
        formatters = [self._formatter(c) if c.kind == "text" else _memo(self._formatter(c))
                      for c in self.columns]
        if not formatters:
            for row in rows:
                self._text[row], self._search[row] = [], ""
            return
        columns = zip(*(self._raw[row] for row in rows), strict=True)
        texts = zip(*(list(map(f, values)) for f, values in zip(formatters, columns, strict=True)),
                    strict=True)
        for row, cells in zip(rows, texts, strict=True):
            cells = list(cells)
            self._text[row] = cells
            self._search[row] = " ".join(cells).lower()

    def _formatter(self, column: Column) -> Callable[[Any], str]:
        if column.kind == "text":
            return _plain_text
        labels = self._labels.get(column.choices or "")
        if column.kind == "choice" and labels:
            # Labels are shortened already (set_choices).
            def label(value: Any) -> str:
                if value is None:
                    return ""
                found = labels.get(value) if isinstance(value, Hashable) else None
                return found if found is not None else shortened(format_value(column, value, labels))
            return label
        return lambda value: shortened(format_value(column, value, labels))

    # --- reading -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        row, col = index.row(), index.column()
        if role == _DISPLAY:
            return self._text[row][col]
        if role == _RAW or role == _EDIT:
            return self._raw[row][col]
        if role == _ALIGN:
            return _RIGHT if self.columns[col].kind in ("int", "number") else _LEFT
        if role == _CHECK:
            if self.columns[col].kind != "bool":
                return None
            return Qt.CheckState.Checked if self._raw[row][col] else Qt.CheckState.Unchecked
        if role == _ID:
            return self._ids[row]
        if role == _SEARCH:
            return self._search[row]
        if role == _TOOLTIP and self.columns[col].multiline:
            return self._text[row][col]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        column = self.columns[index.column()]
        if not column.editable or self.committer is None:
            return _SELECTABLE
        return _CHECKABLE if column.kind == "bool" else _EDITABLE

    def record_id(self, row: int) -> int:
        """The record id of a row."""
        return self._ids[row]

    def row_of(self, record_id: int) -> int:
        """The row of a record id, or -1."""
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def value(self, row: int, field: str) -> Any:
        """The raw value of a field in a row."""
        for col, column in enumerate(self.columns):
            if column.field == field:
                return self._raw[row][col]
        raise KeyError(field)

    def column_of(self, field: str) -> int:
        """The column number of a field."""
        for col, column in enumerate(self.columns):
            if column.field == field:
                return col
        raise KeyError(field)

    # --- editing -------------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or self.committer is None:
            return False
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and column.kind == "bool":
            value = 1 if Qt.CheckState(value) == Qt.CheckState.Checked else 0
        elif role != Qt.ItemDataRole.EditRole:
            return False
        old = self._raw[index.row()][index.column()]
        if value == old or (is_missing(value) and is_missing(old)):
            return False
        error = check_value(column, value)
        if error is None:
            error = self.committer(self._ids[index.row()], column.field, value)
        if error:
            self.message.emit(error)
            return False
        return True


class RecordFilterProxy(QSortFilterProxyModel):
    """Filters on a search text plus optional field filters; sorting is the model's."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._text = ""
        self._fields: dict[str, Callable[[Any], bool]] = {}

    def set_search(self, text: str) -> None:
        """Keep rows whose texts contain every word of ``text`` (case-insensitive)."""
        self._refilter(lambda: setattr(self, "_text", text.strip().lower()))

    def set_field_filter(self, field: str, accept: Callable[[Any], bool] | None) -> None:
        """Keep rows whose raw ``field`` value passes ``accept`` (None removes the filter)."""
        if accept is None and field not in self._fields:
            return  # nothing to remove: filtering thousands of rows again would change nothing
        if accept is None:
            self._refilter(lambda: self._fields.pop(field, None))
        else:
            self._refilter(lambda: self._fields.__setitem__(field, accept))

    def _refilter(self, change: Callable[[], Any]) -> None:
        # Qt 6.9 replaced invalidateFilter() by begin/endFilterChange around the change.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        if self._text:
            haystack = model._search[row]
            if not all(word in haystack for word in self._text.split()):
                return False
        for field, accept in self._fields.items():
            if not accept(model.value(row, field)):
                return False
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Let the source model sort itself (fast); the proxy keeps its order and filters."""
        self.sourceModel().sort(column, order)


_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def _sort_key(text: str) -> str:
    """German alphabetical order (DIN 5007-1: ä as a, ß as ss), case-insensitive."""
    return text.casefold().translate(_UMLAUTS)


def _plain_text(value: Any) -> str:
    if value.__class__ is str:
        return value if len(value) <= MAX_CELL_TEXT else shortened(value)
    return "" if is_missing(value) else shortened(str(value))


def _memo(format_cell: Callable[[Any], str]) -> Callable[[Any], str]:
    """``format_cell`` remembering its texts for one pass over a column (not for text
    columns: there 1 and 1.0 are equal keys with different texts)."""
    known: dict[Any, str] = {}

    def cached(value: Any) -> str:
        try:
            return known[value]
        except KeyError:
            text = known[value] = format_cell(value)
            return text
        except TypeError:  # unhashable
            return format_cell(value)
    return cached


def _column_values(series, kind: str) -> list[Any]:
    """A frame column as Python values, NaN/NA → None, whole floats → int for ids."""
    values = series.tolist()
    mask = series.isna()
    if mask.any():
        values = [None if m else v for v, m in zip(values, mask.tolist(), strict=True)]
    if kind in ("choice", "int", "bool"):
        values = [int(v) if isinstance(v, float) and v.is_integer() else v for v in values]
    return values


# A cell never shows more than this: laying out a name of megabytes (from a stranger's
# file) froze the page for seconds. The full value stays in the raw role and the form.
MAX_CELL_TEXT = 500


def shortened(text: str) -> str:
    """Text cut to what a cell or list entry can usefully show."""
    return text if len(text) <= MAX_CELL_TEXT else text[:MAX_CELL_TEXT] + "…"
