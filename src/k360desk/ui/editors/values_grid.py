"""The values grid: one indicator's values as districts × periods, Excel-style copy/paste."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QDate, QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from k360desk.figures.entry import DERIVED, entry_values
from k360desk.projectfile import District, DistrictLevel, Indicator
from k360desk.ui.column_fit import KEY, NORMAL, fit_columns, fitted
from k360desk.ui.commands import SetValues
from k360desk.ui.delegates import GridDelegate
from k360desk.ui.editors.common import on_project_replaced
from k360desk.ui.editors.form import error_label
from k360desk.ui.editors.section import show_message
from k360desk.ui.models.grid import FIXED, STATUSES, GridProxy, ValuesGridModel, parse_block
from k360desk.ui.wrap_bar import WrapBar

WATCH = {"indicator_values", "indicators", "districts"}


class ValuesGrid(QWidget):
    """Pick an indicator, edit its values per district and period, paste blocks from Excel."""

    def __init__(self, context, parent: QWidget | None = None,
                 load_when_shown: bool = False) -> None:
        super().__init__(parent)
        self.context = context
        # On a tab behind another: the values are read at the first showEvent (and after
        # changes, when next seen), not with the page (0,13 s at city scale).
        self.load_when_shown = load_when_shown
        self._load_pending = False
        self.model = ValuesGridModel(self)
        self.model.committer = self._commit_rows
        self.model.message.connect(self._show_error)
        self.proxy = GridProxy(self)
        self.proxy.setSourceModel(self.model)

        self.indicator = QComboBox(self)
        self.indicator.setMinimumContentsLength(24)
        self.indicator.setAccessibleName(self.tr("Indikator der Wertetabelle"))
        self.indicator.currentIndexChanged.connect(self._on_indicator)
        label = QLabel(self.tr("&Indikator:"), self)
        label.setBuddy(self.indicator)
        from k360desk.ui.indicator_search import IndicatorSearch

        self.indicator_search = IndicatorSearch(self.indicator, self)
        self.indicator_search.setMaximumWidth(220)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Sozialräume filtern …"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(200)
        self.filter.setMaximumWidth(280)
        self.filter.setAccessibleName(self.tr("Sozialräume der Wertetabelle filtern"))
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.level = QComboBox(self)
        self.level.setAccessibleName(self.tr("Ebene der Sozialräume in der Wertetabelle"))
        self.level.setToolTip(self.level.accessibleName())
        self.level.currentIndexChanged.connect(
            lambda _i: self.proxy.set_level(self.level.currentData()))
        self.year = QSpinBox(self)
        self.year.setRange(1800, 2200)
        self.year.setValue(QDate.currentDate().year())
        self.year.setGroupSeparatorShown(False)
        self.year.setAccessibleName(self.tr("Neues Jahr"))
        self.add_year = QPushButton(self.tr("&Jahr hinzufügen"), self)
        self.add_year.setAccessibleName(self.tr("Jahr als Spalte hinzufügen"))
        self.add_year.clicked.connect(self._add_year)
        self.extra_periods: set[int] = set()

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        delegate = GridDelegate(self.table)
        delegate.entered.connect(self._move_down)
        self.table.setItemDelegate(delegate)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setDefaultSectionSize(80)
        self.table.setAccessibleName(self.tr("Wertetabelle: Sozialräume × Jahre"))
        self.table.setAccessibleDescription(self.tr(
            "Werte eingeben oder aus Excel einfügen (Strg+V); „–“ = fehlt, „.“ = geheim gehalten"))
        self.table.setWordWrap(False)
        for key, slot in ((QKeySequence.StandardKey.Copy, self.copy),
                          (QKeySequence.StandardKey.Paste, self.paste),
                          (QKeySequence.StandardKey.Delete, self.clear_selection),
                          (QKeySequence("Ctrl+D"), self.fill_down),
                          (QKeySequence(Qt.Key.Key_Return), self._move_down),
                          (QKeySequence(Qt.Key.Key_Enter), self._move_down)):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        # On a narrow screen the oldest years give way; key and name always stay.
        fit_columns(self.table, "values_grid", lambda c: KEY if c < FIXED else NORMAL,
                    drop_from_left=True)

        self.hint = QLabel(self.tr(
            "Einfügen aus Excel mit Strg+V, Kopieren mit Strg+C. „–“ = fehlt, „.“ = geheim "
            "gehalten, kursiv = vorläufig oder geschätzt."), self)
        self.hint.setWordWrap(True)
        self.error = error_label(self, self.tr("Fehlermeldung"))

        bar = WrapBar(self)
        bar.add(label, self.indicator_search, self.indicator)
        bar.add(self.level)
        bar.add(self.filter)
        bar.add(self.year, self.add_year)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.hint)
        self.setTabOrder(self.indicator, self.level)
        self.setTabOrder(self.level, self.filter)
        self.setTabOrder(self.filter, self.year)
        self.setTabOrder(self.year, self.add_year)
        self.setTabOrder(self.add_year, self.table)

        context.changed.connect(self._on_changes)
        on_project_replaced(context, self, self._on_replaced)
        self._on_replaced()

    # --- loading -------------------------------------------------------------------------

    def _on_replaced(self) -> None:
        self.extra_periods.clear()
        self._fill_levels()
        self._fill_indicators()
        self._reload_when_seen()

    def _reload_when_seen(self) -> None:
        """``reload`` now, or (``load_when_shown`` and hidden) at the next showEvent."""
        if self.load_when_shown and not self.isVisible():
            self._load_pending = True
            return
        self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._load_pending:
            self.reload()

    def _fill_levels(self) -> None:
        current = self.level.currentData()
        self.level.blockSignals(True)
        self.level.clear()
        self.level.addItem(self.tr("Alle Ebenen"), None)
        project = self.context.project
        if project is not None:
            for level in project.all(DistrictLevel, order_by="rank"):
                self.level.addItem(level.name, level.id)
        i = self.level.findData(current)
        self.level.setCurrentIndex(max(i, 0))
        self.level.blockSignals(False)
        self.proxy.set_level(self.level.currentData())

    def _fill_indicators(self) -> None:
        current = self.indicator.currentData()
        self.indicator.blockSignals(True)
        self.indicator.clear()
        project = self.context.project
        searchable = []
        if project is not None:
            for ind in project.all(Indicator):
                derived = ind.numerator_id is not None or ind.denominator_id is not None
                text = f"{ind.name} ({ind.key})" + (self.tr(" – berechnet") if derived else "")
                self.indicator.addItem(text, ind.id)
                searchable.append((ind.id, text, ind.unit, ind.source))
        self.indicator_search.set_indicators(searchable)
        i = self.indicator.findData(current)
        self.indicator.setCurrentIndex(i if i >= 0 else (0 if self.indicator.count() else -1))
        self.indicator.blockSignals(False)

    def set_indicator(self, indicator_id: int) -> None:
        """Show the values of one indicator."""
        i = self.indicator.findData(indicator_id)
        if i >= 0:
            self.indicator.setCurrentIndex(i)

    def _on_indicator(self, *_args) -> None:
        self._reload_when_seen()

    def reload(self) -> None:
        """Read the chosen indicator's values in one query and refill the grid."""
        self._load_pending = False
        project = self.context.project
        indicator_id = self.indicator.currentData()
        if project is None or indicator_id is None:
            self.model.set_rows(pd.DataFrame({"id": [], "code": [], "name": []}), [], None, None)
            return
        ind = project.get(Indicator, indicator_id)
        districts = project.frame(District).sort_values("code")
        values, locked = entry_values(project, ind.key)
        # The indicator's own years (from the one query); all project years only for an
        # indicator without values yet, so a new one starts with familiar columns.
        own = {int(p) for p in values["period"].unique()}
        periods = (own or set(project.periods())) | self.extra_periods
        self.model.set_rows(districts, sorted(periods), values, ind.id, ind.decimals,
                            {d: self._reason(*why) for d, why in locked.items()})
        self.table.setColumnWidth(0, 90)
        self.table.setColumnWidth(1, 200)
        self._fit_year_columns()
        self.model.committer = None if project.too_new else self._commit_rows

    def _reason(self, kind: str, detail: str) -> str:
        if kind == DERIVED:
            return self.tr("wird berechnet aus %1; ändern Sie Zähler oder Nenner").replace(
                "%1", detail)
        return self.tr("wird berechnet aus den Werten der Ebene „%1“; geben Sie sie dort ein"
                       ).replace("%1", detail)

    def _fit_year_columns(self) -> None:
        """Year columns as wide as their widest value: ten years and the newest stay in view
        on a 1280 px screen, and a big number is never cut."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        bold = header.font()
        bold.setBold(True)
        header_metrics = QFontMetrics(bold)
        # Distinct texts per column, read from the model's lists: an index and a data() call
        # through Qt for each of 550 × 15 cells cost more than the measuring.
        columns = range(FIXED, self.model.columnCount())
        texts: list[set[str]] = [set() for _ in columns]
        for row in range(self.model.rowCount()):
            for found, text in zip(texts, self.model.period_texts(row), strict=True):
                found.add(text)
        for column, found in zip(columns, texts, strict=True):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = header_metrics.horizontalAdvance(title)
            for text in found:
                if text:
                    width = max(width, metrics.horizontalAdvance(text))
            self.table.setColumnWidth(column, max(width + 18, 56))

    def _on_changes(self, changes) -> None:
        tables = {c.table for c in changes}
        if "indicators" in tables:
            self._fill_indicators()
        if "district_levels" in tables:
            self._fill_levels()
        if tables & WATCH:
            self._reload_when_seen()

    def _add_year(self) -> None:
        period = self.year.value()
        self.extra_periods.add(period)
        col = self.model.add_period(period)
        index = self.proxy.index(0, col)
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    # --- editing -------------------------------------------------------------------------

    def _commit_rows(self, rows) -> str | None:
        project = self.context.project
        if project is None:
            return self.tr("Kein Projekt geöffnet.")
        if len(rows) == 1:
            text = self.tr("Wert ändern")
        else:
            text = self.tr("%1 Werte einfügen").replace("%1", str(len(rows)))
        command = SetValues(project, rows, text)
        self.context.push(command)
        if command.error is None:
            self.error.hide()
        return command.error

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        show_message(self, text)

    def _row_map(self, view_row: int) -> int:
        if view_row >= self.proxy.rowCount():
            return -1
        return self.proxy.mapToSource(self.proxy.index(view_row, 0)).row()

    def paste_text(self, text: str) -> str | None:
        """Paste tab-separated text at the current cell as one undo step."""
        current = self.table.currentIndex()
        if not current.isValid():
            current = self.proxy.index(0, FIXED)
        cells = parse_block(text)
        error = self.model.paste_block(current.row(), current.column(), cells, self._row_map)
        if error is None:
            top, left = current.row(), current.column()
            bottom = min(top + len(cells), self.proxy.rowCount()) - 1
            right = min(left + max(len(c) for c in cells), self.proxy.columnCount()) - 1
            selection = self.table.selectionModel()
            selection.select(
                _range(self.proxy, top, left, bottom, right),
                QItemSelectionModel.SelectionFlag.ClearAndSelect)
            show_message(self, self.tr("%1 Zellen eingefügt.").replace(
                "%1", str(sum(len(c) for c in cells))))
        return error

    def _move_down(self) -> None:
        """Enter moves to the cell below, as in Excel."""
        current = self.table.currentIndex()
        below = current.sibling(current.row() + 1, current.column())
        if below.isValid():
            self.table.setCurrentIndex(below)

    def fill_down(self) -> str | None:
        """Copy the top selected cell of each column into the selected cells below (Strg+D),
        as one undo step."""
        indexes = self.table.selectionModel().selectedIndexes()
        by_column: dict[int, list[int]] = {}
        for index in indexes:
            if index.column() >= FIXED:
                by_column.setdefault(index.column(), []).append(index.row())
        rows = []
        for column, view_rows in by_column.items():
            view_rows.sort()
            text = self.proxy.index(view_rows[0], column).data(Qt.ItemDataRole.EditRole) or ""
            for view_row in view_rows[1:]:
                block, error = self.model.block_rows(view_row, column, [[text]], self._row_map)
                if error:
                    self._show_error(error)
                    return error
                rows += block
        if not rows or self.model.committer is None:
            return None
        error = self.model.committer(rows)
        if error:
            self._show_error(error)
        return error

    def paste(self) -> None:
        """Paste from the clipboard (Strg+V)."""
        self.paste_text(QGuiApplication.clipboard().text())

    def selected_text(self) -> str:
        """The selected cells as tab-separated German text (rows in view order)."""
        indexes = self.table.selectionModel().selectedIndexes()
        if not indexes:
            return ""
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        cols = list(range(cols[0], cols[-1] + 1))
        model_rows = [self.proxy.mapToSource(self.proxy.index(r, 0)).row() for r in rows]
        return self.model.copy_text(model_rows, cols)

    def copy(self) -> None:
        """Copy the selected cells for Excel (Strg+C)."""
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        menu.addAction(self.tr("&Kopieren"), self.copy)
        menu.addAction(self.tr("&Einfügen"), self.paste)
        menu.addAction(self.tr("Werte &löschen"), self.clear_selection)
        menu.addSeparator()
        for status, text in (("final", self.tr("Als &endgültig markieren")),
                             ("provisional", self.tr("Als &vorläufig markieren")),
                             ("estimated", self.tr("Als &geschätzt markieren")),
                             ("missing", self.tr("Als &fehlend markieren")),
                             ("suppressed", self.tr("Als geheim &gehalten markieren"))):
            menu.addAction(text, lambda s=status: self.set_status(s))
        menu.addSeparator()
        menu.addAction(self.tr("&Anmerkung …"), self._ask_note)
        menu.addSeparator()
        columns = fitted(self.table).menu()
        columns.setTitle(self.tr("&Spalten"))
        menu.addMenu(columns)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _selected_cells(self) -> list[tuple[int, int]]:
        cells = []
        for index in self.table.selectionModel().selectedIndexes():
            if index.column() >= FIXED:
                source = self.proxy.mapToSource(index)
                cells.append((source.row(), source.column() - FIXED))
        return cells

    def set_status(self, status: str) -> str | None:
        """Give the selected cells a status (one undo step); values stay unless withheld."""
        if self.model.indicator_id is None or self.model.committer is None:
            return None
        rows = []
        for r, j in self._selected_cells():
            value = self.model.values[r, j]
            has_value = value == value
            if status in ("final", "provisional", "estimated") and not has_value:
                continue  # a status of a number needs the number
            rows.append({"indicator_id": self.model.indicator_id,
                         "district_id": self.model.district_ids[r],
                         "period": self.model.periods[j],
                         "value": float(value) if has_value and status not in (
                             "missing", "suppressed") else None,
                         "status": status, "note": self.model.notes.get((r, j), "")})
        if not rows:
            return None
        project = self.context.project
        command = SetValues(project, rows, self.tr("Status von %1 Werten ändern").replace(
            "%1", str(len(rows))))
        self.context.push(command)
        if command.error:
            self._show_error(command.error)
        return command.error

    def _ask_note(self) -> None:
        cells = self._selected_cells()
        if not cells:
            return
        current = self.model.notes.get(cells[0], "")
        text, ok = QInputDialog.getText(self, self.tr("Anmerkung"), self.tr(
            "Anmerkung oder Quelle der ausgewählten Werte:"), text=current)
        if ok:
            self.set_note(text)

    def set_note(self, note: str) -> str | None:
        """Give the selected cells that hold a value or status a note (one undo step)."""
        if self.model.indicator_id is None or self.model.committer is None:
            return None
        rows = []
        for r, j in self._selected_cells():
            code = int(self.model.status[r, j])
            if code == 0:
                continue  # no row to annotate
            value = self.model.values[r, j]
            rows.append({"indicator_id": self.model.indicator_id,
                         "district_id": self.model.district_ids[r],
                         "period": self.model.periods[j],
                         "value": float(value) if value == value else None,
                         "status": STATUSES[code], "note": note.strip()})
        if not rows:
            return None
        command = SetValues(self.context.project, rows, self.tr("Anmerkung ändern"))
        self.context.push(command)
        if command.error:
            self._show_error(command.error)
        return command.error

    def clear_selection(self) -> None:
        """Remove the values of the selected cells (Entf) as one undo step."""
        project = self.context.project
        if project is None or self.model.indicator_id is None or self.model.committer is None:
            return
        rows = []
        for index in self.table.selectionModel().selectedIndexes():
            if index.column() < FIXED:
                continue
            source = self.proxy.mapToSource(index)
            rows.append({"indicator_id": self.model.indicator_id,
                         "district_id": self.model.district_ids[source.row()],
                         "period": self.model.periods[source.column() - FIXED],
                         "status": "clear"})
        if rows:
            self._commit_rows(rows)


def _range(model, top: int, left: int, bottom: int, right: int) -> QItemSelection:
    return QItemSelection(model.index(top, left), model.index(bottom, right))
