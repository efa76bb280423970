"""The values grid: districts × periods for one indicator, copy and paste like Excel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QGuiApplication, QPalette

from k360desk.symbols import NOTHING, SECRET
from k360desk.ui.models.columns import (
    ID_ROLE,
    RAW_ROLE,
    SEARCH_ROLE,
    german_locale,
    parse_german_number,
)

Index = QModelIndex | QPersistentModelIndex
FIXED = 2  # Schlüssel, Name; period columns follow
STATUSES = ("", "final", "provisional", "estimated", "suppressed", "missing")
_CODE = {name: i for i, name in enumerate(STATUSES)}
# The grid shows the official signs ("." withheld, "–" nothing) and reads them back, so a
# copied block pastes unchanged; "x" stays accepted for withheld, as typed before issue 19.
MISSING_MARKS = {"-", NOTHING, "—", "...", "…"}
SUPPRESSED_MARKS = {SECRET, "x", "X", "*"}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_EDIT = int(Qt.ItemDataRole.EditRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
_RAW, _ID, _SEARCH = int(RAW_ROLE), int(ID_ROLE), int(SEARCH_ROLE)
# Flags built once: combining enum members costs microseconds per call.
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _SELECTABLE | Qt.ItemFlag.ItemIsEditable
_ROLES = frozenset((_DISPLAY, _EDIT, _TOOLTIP, _FONT, _ALIGN, _FOREGROUND, _BACKGROUND, _RAW,
                    _ID, _SEARCH))

# rows for SetValues -> German error message or None
ValuesCommitter = Callable[[list[dict[str, Any]]], "str | None"]


def status_label(status: str) -> str:
    """German name of a value status."""
    return {
        "final": QCoreApplication.translate("editors", "endgültig"),
        "provisional": QCoreApplication.translate("editors", "vorläufig"),
        "estimated": QCoreApplication.translate("editors", "geschätzt"),
        "suppressed": QCoreApplication.translate("editors", "geheim gehalten"),
        "missing": QCoreApplication.translate("editors", "fehlt"),
    }.get(status, "")


def parse_cell(text: str) -> tuple[float | None, str, str | None]:
    """A pasted or typed cell → (value, status, error); status "clear" means empty cell."""
    text = text.strip()
    if not text:
        return None, "clear", None
    if text in MISSING_MARKS:
        return None, "missing", None
    if text in SUPPRESSED_MARKS:
        return None, "suppressed", None
    value = parse_german_number(text)
    if value is None:
        return None, "", QCoreApplication.translate(
            "editors", "„%1“ ist keine Zahl (Beispiel: 1.234,5; „–“ fehlt, „.“ geheim).").replace(
            "%1", text)
    return value, "final", None


def parse_block(text: str) -> list[list[str]]:
    """Tab-separated text from Excel → rows of cells (a trailing line break is dropped)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return [line.split("\t") for line in text.split("\n")]


class ValuesGridModel(QAbstractTableModel):
    """Districts (rows) × periods (columns) of one indicator, from one bulk read.

    Values and statuses live in numpy arrays and the display texts are formatted once per
    refresh, so ``data()`` is a list lookup. ``data_calls`` counts calls (for the bench).
    """

    message = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.indicator_id: int | None = None
        self.decimals = 1
        self.district_ids: list[int] = []
        self.codes: list[str] = []
        self.names: list[str] = []
        self.level_ids: list = []
        # Per row: why its figures are computed and cannot be typed over ("" = typed figures).
        self.locked: list[str] = []
        self.notes: dict[tuple[int, int], str] = {}
        self.periods: list[int] = []
        self.values = np.empty((0, 0))
        self.status = np.zeros((0, 0), dtype=np.int8)
        self._text: list[list[str] | None] = []
        self._codes: list[list[int]] = []
        self._search: list[str] = []
        self.committer: ValuesCommitter | None = None
        self.data_calls = 0
        self._italic = QFont()
        self._italic.setItalic(True)
        # The palette's placeholder colour: muted, yet readable in high-contrast themes.
        self._grey = QBrush(QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText))
        # Computed cells sit on the window colour, typed ones on the base colour: visibly
        # different in light, dark and high-contrast themes alike.
        self._computed = QBrush(QGuiApplication.palette().color(QPalette.ColorRole.Window))

    # --- filling -------------------------------------------------------------------------

    def set_rows(self, districts, periods: Sequence[int], values, indicator_id: int | None,
                 decimals: int = 1, locked: dict[int, str] | None = None) -> None:
        """Reset from a districts frame (id, code, name), periods and a long values frame;
        ``locked`` maps district ids whose figures are computed to the reason (read-only)."""
        ids = [int(i) for i in districts["id"]]
        periods = sorted({int(p) for p in periods})
        grid, status, notes = self._pivot(ids, periods, values)
        locked_rows = [(locked or {}).get(i, "") for i in ids]
        same_shape = (ids == self.district_ids and periods == self.periods
                      and indicator_id == self.indicator_id and decimals == self.decimals
                      and locked_rows == self.locked)
        if same_shape:
            changed = ~(((grid == self.values) | (np.isnan(grid) & np.isnan(self.values)))
                        & (status == self.status))
            for (r, j), _note in set(notes.items()) ^ set(self.notes.items()):
                changed[r, j] = True  # a changed note changes the tooltip
            self.values, self.status, self.notes = grid, status, notes
            self._codes = status.tolist()
            rows = np.flatnonzero(changed.any(axis=1))
            for r in rows:
                self._text[r] = None
            if len(rows):
                cols = np.flatnonzero(changed.any(axis=0))
                self.dataChanged.emit(self.index(int(rows.min()), FIXED + int(cols.min())),
                                      self.index(int(rows.max()), FIXED + int(cols.max())))
            return
        self.beginResetModel()
        self.indicator_id, self.decimals = indicator_id, decimals
        self.district_ids, self.periods = ids, periods
        self.locked = locked_rows
        self.codes = [str(c) for c in districts["code"]]
        self.level_ids = (list(districts["level_id"]) if "level_id" in districts
                          else [None] * len(ids))
        self.names = [str(n) for n in districts["name"]]
        self.values, self.status, self.notes = grid, status, notes
        self._codes = status.tolist()
        self._text = [None] * len(ids)
        self._search = [f"{c} {n}".lower() for c, n in zip(self.codes, self.names, strict=True)]
        self.endResetModel()

    def _pivot(self, ids: list[int], periods: list[int], values,
               ) -> tuple[np.ndarray, np.ndarray, dict[tuple[int, int], str]]:
        grid = np.full((len(ids), len(periods)), np.nan)
        status = np.zeros((len(ids), len(periods)), dtype=np.int8)
        if values is None or len(values) == 0 or not ids or not periods:
            return grid, status, {}
        row_of = {d: i for i, d in enumerate(ids)}
        col_of = {p: j for j, p in enumerate(periods)}
        r = values["district_id"].map(row_of)
        c = values["period"].map(col_of)
        ok = r.notna() & c.notna()
        r = r[ok].astype(int).to_numpy()
        c = c[ok].astype(int).to_numpy()
        grid[r, c] = values["value"][ok].astype(float).to_numpy()
        status[r, c] = values["status"][ok].map(_CODE).fillna(1).astype(np.int8).to_numpy()
        notes = {}
        if "note" in values:
            texts = values["note"][ok].fillna("").astype(str).to_numpy()
            for i in np.flatnonzero(texts != ""):
                notes[(int(r[i]), int(c[i]))] = texts[i]
        return grid, status, notes

    def _format_row(self, r: int) -> list[str]:
        locale = german_locale()
        texts = []
        for j in range(len(self.periods)):
            code = self._codes[r][j]
            if code == 0:
                texts.append("")
            elif code == 4:
                texts.append(SECRET)
            elif code == 5 or np.isnan(self.values[r, j]):
                texts.append(NOTHING)
            else:
                texts.append(locale.toString(float(self.values[r, j]), "f", self.decimals))
        return texts

    def full_text(self, r: int, j: int) -> str:
        """A cell at full precision (for editing and copying), German, markers as shown."""
        code = self.status[r, j]
        value = self.values[r, j]
        if code in (0, 4, 5) or np.isnan(value):
            return self._row_texts(r)[j]
        # Rounded to 9 places so float noise (55.00000000000001) does not reach Excel.
        return german_locale().toString(round(float(value), 9), "f", QLocale.FloatingPointPrecisionOption
                                        .FloatingPointShortest)

    def add_period(self, period: int) -> int:
        """Add an empty period column (kept until the next reset); return its column."""
        if period in self.periods:
            return FIXED + self.periods.index(period)
        periods = sorted([*self.periods, period])
        j = periods.index(period)
        self.beginInsertColumns(QModelIndex(), FIXED + j, FIXED + j)
        self.periods = periods
        self.values = np.insert(self.values, j, np.nan, axis=1)
        self.status = np.insert(self.status, j, 0, axis=1)
        self._codes = self.status.tolist()
        for row in self._text:
            if row is not None:
                row.insert(j, "")
        self.endInsertColumns()
        return FIXED + j

    # --- reading -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.district_ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else FIXED + len(self.periods)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Called ~7 times per visible cell on every repaint: plain int roles, list lookups,
        # texts formatted once per row on first use.
        self.data_calls += 1
        if role not in _ROLES:
            return None
        row, col = index.row(), index.column()
        if role == _DISPLAY:
            if col >= FIXED:
                return self._row_texts(row)[col - FIXED]
            return self.codes[row] if col == 0 else self.names[row]
        if col < FIXED:
            if role == _EDIT or role == _RAW:
                return self.codes[row] if col == 0 else self.names[row]
            if role == _SEARCH:
                return self._search[row]
            if role == _ID:
                return self.district_ids[row]
            return None
        j = col - FIXED
        if role == _ALIGN:
            return _RIGHT
        code = self._codes[row][j]
        if role == _FONT:
            return self._italic if code in (2, 3) else None
        if role == _FOREGROUND:
            return self._grey if code in (4, 5) else None
        if role == _BACKGROUND:
            return self._computed if self.locked[row] else None
        if role == _EDIT:
            return self.full_text(row, j)
        if role == _RAW:
            value = self.values[row, j]
            return None if value != value else float(value)
        if role == _TOOLTIP:
            note = self.notes.get((row, j))
            label = status_label(STATUSES[code]) if code else ""
            return "\n".join(t for t in (self._locked_text(row), label, note) if t) or None
        if role == _ID:
            return self.district_ids[row]
        return None

    def _locked_text(self, row: int) -> str:
        reason = self.locked[row]
        if not reason:
            return ""
        return QCoreApplication.translate("editors", "Nicht änderbar: %1").replace("%1", reason)

    def period_texts(self, row: int) -> list[str]:
        """The shown texts of a row's year columns (for measuring without a Qt call per cell)."""
        return self._row_texts(row)

    def _row_texts(self, row: int) -> list[str]:
        texts = self._text[row]
        if texts is None:
            texts = self._text[row] = self._format_row(row)
        return texts

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return None
        if section == 0:
            return QCoreApplication.translate("editors", "Schlüssel")
        if section == 1:
            return QCoreApplication.translate("editors", "Sozialraum")
        return str(self.periods[section - FIXED])

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.column() >= FIXED and self.committer is not None and not self.locked[index.row()]:
            return _EDITABLE
        return _SELECTABLE

    # --- editing -------------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or index.column() < FIXED:
            return False
        error = self.paste_block(index.row(), index.column(), [[str(value or "")]])
        return error is None

    def block_rows(self, top: int, left: int, cells: list[list[str]],
                   row_map: Callable[[int], int] | None = None,
                   ) -> tuple[list[dict[str, Any]], str | None]:
        """Rows for SetValues from a block of cell texts placed at (top, left).

        ``row_map`` turns the visible row (sorted/filtered view) into a model row. Cells
        beyond the grid are an error, so nothing pasted gets lost silently.
        """
        rows: list[dict[str, Any]] = []
        visible_rows = len(self.district_ids) if row_map is None else None
        for i, line in enumerate(cells):
            view_row = top + i
            model_row = view_row if row_map is None else row_map(view_row)
            if model_row < 0 or (visible_rows is not None and view_row >= visible_rows):
                return [], _too_long(len(cells) - i)
            if self.locked[model_row] and any(left + j >= FIXED for j in range(len(line))):
                return [], self._locked_error(model_row)
            for j, text in enumerate(line):
                col = left + j
                if col < FIXED:
                    continue  # codes and names pasted along are ignored
                if col - FIXED >= len(self.periods):
                    return [], QCoreApplication.translate(
                        "editors", "Der eingefügte Block ist breiter als die Tabelle; legen Sie "
                        "zuerst weitere Jahre an.")
                value, status, error = parse_cell(text)
                if error:
                    where = f"{self.codes[model_row]} / {self.periods[col - FIXED]}"
                    return [], f"{where}: {error}"
                rows.append({"indicator_id": self.indicator_id,
                             "district_id": self.district_ids[model_row],
                             "period": self.periods[col - FIXED], "value": value,
                             "status": status,
                             "note": self.notes.get((model_row, col - FIXED), "")})
        return rows, None

    def _locked_error(self, row: int) -> str:
        return QCoreApplication.translate(
            "editors", "%1 %2: Dieser Wert %3."
        ).replace("%1", self.codes[row]).replace("%2", self.names[row]).replace(
            "%3", self.locked[row])

    def key_columns(self, cells: list[list[str]], left: int) -> int:
        """How many leading columns of a pasted block name the district (0: values alone).

        A block is matched by key when pasted onto the code or name column, or when one of
        its first two columns holds district names (text, at least one known name); codes
        alone in a column of plain numbers cannot be told from values and go by position.
        """
        width = min(len(line) for line in cells)
        if width < 2:
            return 0
        names = {n.strip().lower() for n in self.names}

        def is_names(col: int) -> bool:
            texts = [line[col].strip() for line in cells if line[col].strip()]
            return (bool(texts) and all(parse_cell(t)[2] is not None for t in texts)
                    and any(t.lower() in names for t in texts))

        if is_names(0):
            return 1
        if left < FIXED or is_names(1):
            return 2 if is_names(1) else 1
        return 0

    def keyed_rows(self, cells: list[list[str]], keys: int, left: int,
                   ) -> tuple[list[dict[str, Any]], str | None]:
        """Rows for SetValues from a block whose first ``keys`` columns name the district
        (code, or name); values go to the current year column (the first year when pasted
        onto the code or name column). An unknown key refuses the whole block."""
        by_code = {c.strip(): r for r, c in enumerate(self.codes)}
        by_name: dict[str, int] = {}
        for r, name in enumerate(self.names):
            by_name.setdefault(name.strip().lower(), r)
        rows: list[dict[str, Any]] = []
        unknown: list[str] = []
        first = max(left, FIXED)
        for line in cells:
            key = line[0].strip()
            row = by_code.get(key)
            if row is None:
                row = by_name.get(key.lower())
            if row is None:
                unknown.append(key)
                continue
            block, error = self.block_rows(row, first, [line[keys:]])
            if error:
                return [], error
            rows += block
        if unknown:
            return [], QCoreApplication.translate(
                "editors", "Diese Sozialräume gibt es nicht: %1. Es wurde nichts eingefügt."
            ).replace("%1", ", ".join(f"„{k}“" for k in unknown[:10]))
        return rows, None

    def paste_block(self, top: int, left: int, cells: list[list[str]],
                    row_map: Callable[[int], int] | None = None) -> str | None:
        """Write a block through the committer as one step; return a German error or None.

        A block naming its districts in the first columns is matched by key, else by position.
        """
        if self.committer is None or self.indicator_id is None:
            return QCoreApplication.translate("editors", "Wählen Sie zuerst einen Indikator.")
        keys = self.key_columns(cells, left)
        if keys:
            rows, error = self.keyed_rows(cells, keys, left)
        else:
            rows, error = self.block_rows(top, left, cells, row_map)
        if error is None and rows:
            error = self.committer(rows)
        if error:
            self.message.emit(error)
        return error

    def copy_text(self, rows: Sequence[int], cols: Sequence[int]) -> str:
        """Tab-separated German text of the given rows and columns at full precision (Excel)."""
        lines = []
        for r in rows:
            cells = []
            for c in cols:
                if c == 0:
                    cells.append(self.codes[r])
                elif c == 1:
                    cells.append(self.names[r])
                else:
                    cells.append(self.full_text(r, c - FIXED))
            lines.append("\t".join(cells))
        return "\n".join(lines) + "\n"


def _too_long(rows: int) -> str:
    return QCoreApplication.translate(
        "editors", "Der eingefügte Block ist länger als die Tabelle (%1 Zeilen zu viel)."
    ).replace("%1", str(rows))


class GridProxy(QSortFilterProxyModel):
    """Sorts the grid numerically on the raw values and filters districts by code or name."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(RAW_ROLE)
        self.setFilterRole(SEARCH_ROLE)
        self.setFilterKeyColumn(0)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self._level = None

    def set_level(self, level_id) -> None:
        """Show only districts of one level (None: all levels)."""
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9
            self.beginFilterChange()
            self._level = level_id
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._level = level_id
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        if self._level is not None and self.sourceModel().level_ids[row] != self._level:
            return False
        return super().filterAcceptsRow(row, parent)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        # Reads the model's arrays directly (no data() round trip); empty cells sort last
        # in both directions, as planners expect.
        model = self.sourceModel()
        col = left.column()
        if col < FIXED:
            texts = model.codes if col == 0 else model.names
            a, b = texts[left.row()], texts[right.row()]
            if col == 0 and a.isdigit() and b.isdigit():
                return int(a) < int(b)
            return a.lower() < b.lower()
        a = model.values[left.row(), col - FIXED]
        b = model.values[right.row(), col - FIXED]
        a_empty, b_empty = bool(a != a), bool(b != b)  # numpy bools crash as return values
        if a_empty or b_empty:
            if a_empty and b_empty:
                return False
            return a_empty == (self.sortOrder() == Qt.SortOrder.DescendingOrder)
        return bool(a < b)
