"""A record section: title, filter line, table, new/delete buttons and an optional form.

Every editor page is a few of these, each mostly a column spec. The section reloads from
the store in bulk when ``context.changed`` names one of its tables, keeps the selection by
record id, and writes only through undo commands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from k360desk.projectfile import Project, Record
from k360desk.ui.column_fit import fit_columns
from k360desk.ui.commands import AddRecord, DeleteRecord, Macro, UpdateFields
from k360desk.ui.delegates import RecordDelegate
from k360desk.ui.editors.common import on_project_replaced
from k360desk.ui.editors.form import INDICATORS, RecordForm, error_label
from k360desk.ui.layout import remember_splitter
from k360desk.ui.models import ID_ROLE, Column, RecordFilterProxy, RecordTableModel

Loader = Callable[[Project], Any]  # project -> DataFrame with id column
ChoiceLoader = Callable[[Project], list[tuple[Any, str]]]


def show_message(widget: QWidget, text: str, timeout: int = 8000) -> None:
    """Show a message in the main window's status bar, if there is one."""
    window = widget.window()
    bar = getattr(window, "statusBar", None)
    if callable(bar):
        bar().showMessage(text, timeout)


class RecordSection(QWidget):
    """Table (+ form) of one record kind with filter, sorting, add, delete and undo."""

    selection_changed = Signal(list)
    """The selected record ids."""

    def __init__(self, context, cls: type[Record], columns: list[Column], title: str,
                 loader: Loader | None = None,
                 new_record: Callable[[Project], Record] | None = None,
                 watch: Iterable[str] = (),
                 choices: dict[str, tuple[ChoiceLoader, tuple[str, ...]]] | None = None,
                 form: bool = True, check: Callable[[Project, int, str, Any], str | None]
                 | None = None, parent: QWidget | None = None, empty_hint: str = "",
                 load_when_shown: bool = False, rows_after_paint: bool = False) -> None:
        super().__init__(parent)
        self.context = context
        # A section on a hidden tab reads its rows the first time it is shown: the first
        # visit of a page then pays only for what it shows.
        self.load_when_shown = load_when_shown
        self._load_pending = False
        # A long table (4.000 facilities) reads its rows one event-loop turn after the page
        # is built: the page appears first, the rows a moment later ("werden geladen").
        self.rows_after_paint = rows_after_paint
        self._rows_pending = False
        self.cls = cls
        self.loader = loader or (lambda project: project.frame(cls))
        self.new_record = new_record or (lambda project: cls())
        self.watch = {cls.table, *watch}
        self.choice_loaders = choices or {}
        # Checks that need the record and the project (e.g. no district its own parent).
        self.check = check
        self.setObjectName(f"section_{cls.table}")

        self.model = RecordTableModel([c for c in columns], self)
        self.model.committer = self._commit_field
        self.model.message.connect(self._show_error)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.title = QLabel(f"<b>{title}</b>", self)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filtern …"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setMaximumWidth(320)
        # Never squeezed to "Filt…" beside the title and buttons.
        self.filter.setMinimumWidth(self.filter.fontMetrics().horizontalAdvance(
            self.filter.placeholderText()) + 40)
        self.filter.setAccessibleName(self.tr("%1 filtern").replace("%1", title))
        self.filter.textChanged.connect(self.proxy.set_search)
        self.add_button = QPushButton(self.tr("&Neu"), self)
        self.add_button.setToolTip(self.tr("Neuen Datensatz anlegen (Einfg)"))
        self.add_button.setAccessibleName(self.tr("%1: neu").replace("%1", title))
        self.add_button.clicked.connect(self.add)
        self.delete_button = QPushButton(self.tr("&Löschen"), self)
        self.delete_button.setToolTip(self.tr("Ausgewählte Datensätze löschen (Entf)"))
        self.delete_button.setAccessibleName(self.tr("%1: löschen").replace("%1", title))
        self.delete_button.clicked.connect(self.delete_selected)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(RecordDelegate(self.table))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 10)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setAccessibleName(title)
        self.table.setTabKeyNavigation(False)
        for col, column in enumerate(self.model.columns):
            if not column.in_table:
                self.table.setColumnHidden(col, True)
            elif column.width:
                self.table.setColumnWidth(col, column.width)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        fit_columns(self.table, f"section_{cls.table}")

        # An empty table says what to do instead of showing only a white area.
        self.empty_hint = empty_hint or self.tr("Noch keine Einträge – mit „Neu“ (Einfg) anlegen.")
        self.empty_label = QLabel(self.table.viewport())
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #6b6b6b;")
        self.empty_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        hint_layout = QVBoxLayout(self.table.viewport())
        hint_layout.setContentsMargins(24, 24, 24, 24)
        hint_layout.addWidget(self.empty_label)
        for signal in (self.proxy.modelReset, self.proxy.rowsInserted, self.proxy.rowsRemoved,
                       self.proxy.layoutChanged):
            signal.connect(self._update_empty_hint)

        # Several sections on one page share "&Neu" and "&Löschen": as window-wide mnemonics
        # Alt+N would only hop between the buttons. Scoped to the section, Alt+N adds to the
        # table the user is working in (the underline in the text stays as the hint).
        for button in (self.add_button, self.delete_button):
            key = QKeySequence.mnemonic(button.text())
            button.setShortcut(QKeySequence())
            scoped = QShortcut(key, self)
            scoped.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            scoped.activated.connect(button.animateClick)
        # Ins/Del only: Ctrl+N belongs to "Datei → Neu" in the main window.
        for key, slot in ((Qt.Key.Key_Insert, self.add),
                          (QKeySequence.StandardKey.Copy, self.copy),
                          (QKeySequence.StandardKey.Delete, self.delete_selected)):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

        self.error = error_label(self, self.tr("Fehlermeldung"))

        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.delete_button)

        self.form: RecordForm | None = None
        body: QWidget = self.table
        if form:
            self.form = RecordForm(columns, self._commit_field, self)
            self.form.message.connect(lambda text: show_message(self, text))
            # Long forms (applications with their link tables) scroll instead of squeezing.
            self.form_area = QScrollArea(self)
            self.form_area.setWidgetResizable(True)
            self.form_area.setFrameShape(QScrollArea.Shape.NoFrame)
            self.form_area.setWidget(self.form)
            self.form_area.setMinimumWidth(300)
            # The scroll area itself is no Tab stop: Tab goes from the table into the fields.
            self.form_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
            self.splitter.addWidget(self.table)
            self.splitter.addWidget(self.form_area)
            self.splitter.setStretchFactor(0, 3)
            self.splitter.setStretchFactor(1, 2)
            self.splitter.setChildrenCollapsible(False)
            # The table is what planners scan; the form gets a third (not 420 px) at 1280 px.
            self.splitter.setSizes([800, 320])
            remember_splitter(self.splitter, f"form_{cls.table}")
            body = self.splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        # Pages add filter combo boxes here (a row of its own, empty by default).
        self.filters_layout = QHBoxLayout()
        layout.addLayout(self.filters_layout)
        layout.addWidget(body, 1)
        layout.addWidget(self.error)
        self.setTabOrder(self.filter, self.add_button)
        self.setTabOrder(self.add_button, self.delete_button)
        self.setTabOrder(self.delete_button, self.table)

        context.changed.connect(self._on_changes)
        on_project_replaced(context, self, self.reload_all_when_shown)
        self.reload_all_when_shown()
        self._update_empty_hint()

    # --- loading -------------------------------------------------------------------------

    def _update_empty_hint(self, *_args) -> None:
        empty = self.proxy.rowCount() == 0 and self.project is not None
        if empty and self._rows_pending:
            self.empty_label.setText(self.tr("Einträge werden geladen …"))
        elif empty:
            self.empty_label.setText(self.tr("Keine Treffer für „%1“.").replace(
                "%1", self.filter.text()) if self.filter.text() else self.empty_hint)
        self.empty_label.setVisible(empty)

    @property
    def project(self) -> Project | None:
        """The open project."""
        return self.context.project

    def reload_all(self) -> None:
        """Reload choices and rows (after the project was replaced)."""
        for key in self.choice_loaders:
            self._reload_choices(key)
        if self.rows_after_paint and self.project is not None:
            self._rows_pending = True
            self.model.set_rows(_no_rows())
            self._update_empty_hint()
            QTimer.singleShot(0, self, self.ensure_rows)
            return
        self.reload()

    def ensure_rows(self) -> None:
        """Read the rows now if they are still to come (``rows_after_paint``)."""
        if self._rows_pending:
            self.reload()

    def reload(self) -> None:
        """Reload the rows from the store, keeping the selection."""
        self._rows_pending = False
        project = self.project
        enabled = project is not None and not project.too_new
        self.add_button.setEnabled(enabled)
        self.delete_button.setEnabled(enabled)
        # A file from a newer version is shown, never changed.
        self.model.committer = self._commit_field if enabled else None
        if self.form is not None:
            self.form.read_only = not enabled
        if project is None:
            self.model.set_rows(_no_rows())
            self._on_selection()
            return
        selected = self.selected_ids()
        self.model.set_rows(self.loader(project))
        self.select_ids(selected)
        self._on_selection()

    def _reload_choices(self, key: str) -> None:
        if self.project is None:
            return
        pairs = self.choice_loaders[key][0](self.project)
        self.model.set_choices(key, pairs)
        if self.form is not None:
            if key == INDICATORS and self.form.searches:
                self.form.set_search_rows(_indicator_rows(self.project))
            self.form.set_choices(key, pairs)

    def reload_all_when_shown(self) -> None:
        """``reload_all`` now, or (``load_when_shown`` and hidden) at the next showEvent."""
        if self.load_when_shown and not self.isVisible():
            self._load_pending = True
            return
        self._load_pending = False
        self.reload_all()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._load_pending:
            self._load_pending = False
            self.reload_all()

    def _on_changes(self, changes) -> None:
        if self._load_pending:
            return  # everything is read when the section is shown
        tables = {change.table for change in changes}
        for key, (_loader, depends) in self.choice_loaders.items():
            if tables & set(depends):
                self._reload_choices(key)
        if tables & self.watch:
            self.reload()

    # --- selection -----------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """Ids of the selected records, in view order."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.proxy.index(r, 0).data(ID_ROLE) for r in rows]

    def current_id(self) -> int | None:
        """The id of the current (first selected) record."""
        ids = self.selected_ids()
        return ids[0] if ids else None

    def select_ids(self, ids: Iterable[int]) -> None:
        """Select records by id (those that are visible)."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        first = None
        for record_id in ids:
            row = self.model.row_of(record_id)
            if row < 0:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if not index.isValid():
                continue
            selection.select(index, QItemSelectionModel.SelectionFlag.Select
                             | QItemSelectionModel.SelectionFlag.Rows)
            first = first or index
        if first is not None:
            selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(first)

    def _on_selection(self, *_args) -> None:
        ids = self.selected_ids()
        if self.form is not None:
            if len(ids) == 1:
                row = self.model.row_of(ids[0])
                values = {c.field: self.model.value(row, c.field) for c in self.model.columns}
                self.form.load(ids[0], values)
            else:
                self.form.load(None, None)
        self.delete_button.setEnabled(bool(ids) and self.project is not None
                                      and not self.project.too_new)
        self.selection_changed.emit(ids)

    # --- editing -------------------------------------------------------------------------

    def _commit_field(self, record_id: int, field: str, value: Any) -> str | None:
        if self.project is None:
            return self.tr("Kein Projekt geöffnet.")
        if self.check is not None:
            error = self.check(self.project, record_id, field, value)
            if error:
                return error
        command = UpdateFields(self.project, self.cls, record_id, {field: value})
        self.context.push(command)
        if command.error:
            return command.error
        self.error.hide()
        return None

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        show_message(self, text)

    def add(self) -> None:
        """Add a new record (Einfg) and start editing its first field."""
        if self.project is None or self.project.too_new:
            return
        try:
            record = self.new_record(self.project)
        except ValueError as exc:  # the page explains what is missing first
            self._show_error(str(exc))
            return
        command = AddRecord(self.project, record)
        self.context.push(command)
        if command.error:
            self._show_error(command.error)
            return
        self.error.hide()
        self.filter.clear()
        self.select_ids([command.record_id])
        row = self.model.row_of(command.record_id)
        editable = [i for i, c in enumerate(self.model.columns) if c.editable and c.in_table
                    and c.kind != "bool"]
        if row >= 0 and editable:
            index = self.proxy.mapFromSource(self.model.index(row, editable[0]))
            self.table.setCurrentIndex(index)
            # Start editing once the view has settled; the row may be gone by then.
            persistent = QPersistentModelIndex(index)
            QTimer.singleShot(0, self.table, lambda: self._edit_later(persistent))

    def _edit_later(self, persistent: QPersistentModelIndex) -> None:
        if persistent.isValid():
            self.table.edit(self.proxy.index(persistent.row(), persistent.column()))

    def selected_text(self) -> str:
        """The selected rows' visible columns as tab-separated German text (for Excel)."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        cols = [c for c, column in enumerate(self.model.columns)
                if column.in_table and not self.table.isColumnHidden(c)]
        lines = ["\t".join(self.proxy.index(r, c).data() or "" for c in cols) for r in rows]
        return "\n".join(lines) + "\n" if lines else ""

    def copy(self) -> None:
        """Copy the selected rows (Strg+C)."""
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def describe(self, record_id: int) -> str:
        """A short German name of a record for messages."""
        row = self.model.row_of(record_id)
        for field in ("name", "title", "code", "key", "number", "date"):
            try:
                value = self.model.value(row, field)
            except KeyError:
                continue
            if value:
                return str(value)
        return str(record_id)

    def delete_selected(self) -> None:
        """Delete the selected records after a confirmation naming what depends on them."""
        ids = self.selected_ids()
        if not ids or self.project is None or self.project.too_new:
            return
        text = self.confirm_text(ids)
        answer = QMessageBox.question(
            self, self.tr("Löschen bestätigen"), text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        if len(ids) == 1:
            command = DeleteRecord(self.project, self.cls, ids[0])
        else:
            command = Macro(self.tr("%1 %2 löschen").replace("%1", str(len(ids)))
                            .replace("%2", self.cls.label))
            for record_id in ids:
                DeleteRecord(self.project, self.cls, record_id, parent=command)
        self.context.push(command)
        if command.error:
            self._show_error(command.error)

    def confirm_text(self, ids: list[int]) -> str:
        """The German confirmation text, with the dependents of the records."""
        totals: dict[str, int] = {}
        for record_id in ids:
            for label, count in self.project.dependents(self.cls, record_id).items():
                totals[label] = totals.get(label, 0) + count
        if len(ids) == 1:
            head = self.tr("%1 „%2“ löschen?").replace("%1", self.cls.label) \
                .replace("%2", self.describe(ids[0]))
        else:
            head = self.tr("%1 Datensätze (%2) löschen?").replace("%1", str(len(ids))) \
                .replace("%2", self.cls.label)
        if totals:
            lines = "\n".join(f"• {label}: {count}" for label, count in sorted(totals.items()))
            head += "\n\n" + self.tr("Davon hängen ab (werden mit gelöscht oder gelöst):") \
                + "\n" + lines
        return head + "\n\n" + self.tr("Sie können das Löschen rückgängig machen (Strg+Z).")


def _indicator_rows(project: Project) -> dict[int, tuple[str, str | None, str | None]]:
    """Name, unit and source of every indicator by id (what the choosers' search shows)."""
    frame = project.indicators_frame()
    rows = {}
    for row in frame.itertuples(index=False):
        unit, source = getattr(row, "unit", None), getattr(row, "source", None)
        rows[int(row.id)] = (str(row.name), str(unit) if isinstance(unit, str) and unit else None,
                             str(source) if isinstance(source, str) and source else None)
    return rows


def _no_rows():
    import pandas as pd

    return pd.DataFrame({"id": []})
