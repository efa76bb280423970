"""Tables on a narrow screen give up their least important columns first.

At 1280×720 a facility table with ten columns scrolls sideways, and the column a planner
scans (the name) shares the room with notes and dates. Each column gets a priority: key
columns (code, name, the values the table is about) always stay and are never narrower than
their header; notes, sources and dates go first, then ordinary columns from the right. What
the fit hid comes back as soon as there is room. The header's context menu lists every
column to show or hide by hand; that choice is the planner's preference and is kept in
``QSettings`` per table.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSettings, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView, QToolTip

from k360desk.ui import settings

KEY, NORMAL, LOW = 0, 1, 2
GROUP = "columns"

# Fields (and, for tables without a column spec, header words) that a planner reads last.
_LOW_FIELDS = ("note", "remark", "comment", "description", "source", "date", "closed",
               "opened", "since", "until", "position", "sort_order", "hint", "reason")
_LOW_WORDS = ("bemerkung", "notiz", "hinweis", "kommentar", "beschreibung", "quelle",
              "datum", "seit", "geschlossen", "reihenfolge", "begründung",
              "note", "comment", "description", "source", "date", "order")


def priority_of_field(field: str, first: bool) -> int:
    """Priority of a spec column by its field name: the first one is the key."""
    if first:
        return KEY
    name = field.lower()
    return LOW if any(word in name for word in _LOW_FIELDS) else NORMAL


def priority_of_header(text: str, first: bool) -> int:
    """Priority of a column known only by its header text."""
    if first:
        return KEY
    lowered = text.lower()
    return LOW if any(word in lowered for word in _LOW_WORDS) else NORMAL


def _source_model(model):
    while isinstance(model, QSortFilterProxyModel):
        model = model.sourceModel()
    return model


class ColumnFit(QObject):
    """Hides and shows the columns of one table view by priority as its width changes."""

    def __init__(self, view: QTableView, name: str,
                 priority: Callable[[int], int] | None = None,
                 drop_from_left: bool = False) -> None:
        super().__init__(view)
        self.setObjectName("column_fit")
        self.view = view
        self.name = name.replace("/", "_") or "tabelle"
        self.priority_fn = priority
        # Year columns (oldest on the left) give up the oldest first, not the newest.
        self.drop_from_left = drop_from_left
        self.auto_hidden: set[int] = set()
        self.spec_hidden: set[int] = set()
        self.widths: dict[int, int] = {}
        self.choices: dict[str, bool] = self._load()
        self._busy = False
        self._count = view.horizontalHeader().count()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refit)

        header = view.horizontalHeader()
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._menu)
        header.sectionResized.connect(self._resized)
        # The header's menu needs a mouse; the table's own (Menu key, Umschalt+F10) offers
        # the same, unless the table already has a menu of its own.
        if view.contextMenuPolicy() == Qt.ContextMenuPolicy.DefaultContextMenu:
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(self._body_menu)
        self._viewport = view.viewport()
        self._header_viewport = header.viewport()
        self._view_object = view
        for watched in (self._viewport, self._header_viewport, view):
            watched.installEventFilter(self)
        model = view.model()
        if model is not None:
            for signal in (model.modelReset, model.columnsInserted, model.columnsRemoved,
                           model.headerDataChanged, model.layoutChanged):
                signal.connect(self._schedule)
        self._remember_widths()
        self._schedule()

    # --- what a column is ----------------------------------------------------------------

    def header_text(self, column: int) -> str:
        """The header of ``column`` on one line."""
        text = self.view.model().headerData(column, Qt.Orientation.Horizontal,
                                            Qt.ItemDataRole.DisplayRole)
        return " ".join(str(text or "").split())

    def column_id(self, column: int) -> str:
        """A name for ``column`` that survives a language switch where the model has one."""
        columns = getattr(_source_model(self.view.model()), "columns", None)
        if columns is not None and column < len(columns):
            ident = getattr(columns[column], "field", None) or getattr(columns[column], "key", None)
            if isinstance(ident, str) and ident:
                return ident
        return self.header_text(column) or str(column)

    def priority(self, column: int) -> int:
        """KEY, NORMAL or LOW."""
        if self.priority_fn is not None:
            return self.priority_fn(column)
        first = column == self._first_column()
        columns = getattr(_source_model(self.view.model()), "columns", None)
        if columns is not None and column < len(columns):
            spec = columns[column]
            if getattr(spec, "priority", None) is not None:
                return spec.priority
            field = getattr(spec, "field", None) or getattr(spec, "key", None)
            if isinstance(field, str):
                return priority_of_field(field, first)
        return priority_of_header(self.header_text(column), first)

    def key_columns(self) -> list[int]:
        """The shown columns that always stay."""
        header = self.view.horizontalHeader()
        return [c for c in range(header.count())
                if not header.isSectionHidden(c) and self.priority(c) == KEY]

    def _first_column(self) -> int:
        header = self.view.horizontalHeader()
        for visual in range(header.count()):
            column = header.logicalIndex(visual)
            if column not in self.spec_hidden and not (
                    header.isSectionHidden(column) and column not in self.auto_hidden):
                return column
        return 0

    def needed_width(self, column: int) -> int:
        """Width the header text needs without being cut."""
        return self.view.horizontalHeader().sectionSizeFromContents(column).width()

    # --- fitting -------------------------------------------------------------------------

    def _schedule(self, *_args) -> None:
        self._timer.start()

    def _is_stretched(self, column: int) -> bool:
        header = self.view.horizontalHeader()
        if not header.stretchLastSection():
            return False
        for visual in range(header.count() - 1, -1, -1):
            logical = header.logicalIndex(visual)
            if not header.isSectionHidden(logical):
                return logical == column
        return False

    def _remember_widths(self) -> None:
        header = self.view.horizontalHeader()
        for column in range(header.count()):
            if not header.isSectionHidden(column) and not self._is_stretched(column):
                self.widths.setdefault(column, header.sectionSize(column))

    def _resized(self, column: int, _old: int, new: int) -> None:
        if not self._busy and new > 0 and not self._is_stretched(column):
            self.widths[column] = new

    def natural_width(self, column: int) -> int:
        """The width a column takes when shown: its own (or set) width, never below its header."""
        header = self.view.horizontalHeader()
        width = self.widths.get(column) or header.defaultSectionSize()
        return max(width, self.needed_width(column))

    def refit(self) -> None:
        """Show what fits, key columns first, least important columns hidden first."""
        view = self.view
        header = view.horizontalHeader()
        count = header.count()
        if view.model() is None or count == 0:
            return
        self._busy = True
        try:
            if count != self._count:
                # Other columns (a new index run, other years): old widths say nothing.
                self.widths.clear()
                for column in self.auto_hidden:
                    if column < count and header.isSectionHidden(column):
                        view.setColumnHidden(column, False)
                self.auto_hidden.clear()
                self._count = count
            self.auto_hidden = {c for c in self.auto_hidden if c < count}
            self.spec_hidden = {c for c in range(count) if header.isSectionHidden(c)
                                and c not in self.auto_hidden
                                and self.choices.get(self.column_id(c)) is not False}
            self._remember_widths()
            candidates = [c for c in range(count) if c not in self.spec_hidden
                          and self.choices.get(self.column_id(c)) is not False]
            shown = set(candidates)
            room = view.viewport().width()
            total = sum(self.natural_width(c) for c in shown)
            visual = {c: header.visualIndex(c) for c in candidates}
            order = sorted((c for c in candidates if self.priority(c) != KEY
                            and self.choices.get(self.column_id(c)) is not True),
                           key=lambda c: (-self.priority(c),
                                          visual[c] if self.drop_from_left else -visual[c]))
            dropped = []
            for column in order:
                if total <= room:
                    break
                shown.discard(column)
                dropped.append(column)
                total -= self.natural_width(column)
            # A narrow column further left may still fit once a wide one has gone; never
            # in place of a more important one that stays hidden.
            for column in reversed(dropped):
                width = self.natural_width(column)
                if total + width <= room:
                    shown.add(column)
                    total += width
                elif self.priority(column) == NORMAL:
                    break
            for column in range(count):
                if column in self.spec_hidden:
                    continue
                hide = column not in shown
                if header.isSectionHidden(column) != hide:
                    view.setColumnHidden(column, hide)
            self.auto_hidden = {c for c in candidates if c not in shown}
            # Headers on several lines (criteria of the score grid) get the height they need;
            # the style paints inside a frame a few pixels smaller than its size hint.
            tallest = max((header.sectionSizeFromContents(c).height() for c in shown), default=0)
            lines = max((str(self.view.model().headerData(c, Qt.Orientation.Horizontal) or "")
                         .count("\n") + 1 for c in shown), default=1)
            if lines > 1 and tallest + 6 > header.minimumHeight():
                header.setMinimumHeight(tallest + 6)
            # Qt elides a header of several lines as if it were one ("Fachliche Qualität und
            # …"); such headers are wrapped to fit by their table instead.
            header.setTextElideMode(Qt.TextElideMode.ElideNone if lines > 1
                                    else Qt.TextElideMode.ElideRight)
            for column in shown:
                if not self._is_stretched(column):
                    wanted = self.natural_width(column)
                    if header.sectionSize(column) < wanted:
                        header.resizeSection(column, wanted)
        finally:
            self._busy = False

    # --- the planner's choice ------------------------------------------------------------

    def _store(self) -> QSettings:
        return QSettings(str(settings.settings_path()), QSettings.Format.IniFormat)

    def _load(self) -> dict[str, bool]:
        store = self._store()
        store.beginGroup(f"{GROUP}/{self.name}")
        choices = {}
        for key in store.childKeys():
            value = store.value(key)
            if value in ("shown", "hidden"):
                choices[key] = value == "shown"
        store.endGroup()
        return choices

    def set_shown(self, column: int, shown: bool | None) -> None:
        """Show or hide ``column`` by the planner's choice (None: leave it to the fit)."""
        ident = self.column_id(column)
        if shown is None:
            self.choices.pop(ident, None)
        else:
            self.choices[ident] = shown
        if shown is not False and self.view.horizontalHeader().isSectionHidden(column):
            self.view.setColumnHidden(column, False)
        store = self._store()
        key = f"{GROUP}/{self.name}/{ident}"
        if shown is None:
            store.remove(key)
        else:
            store.setValue(key, "shown" if shown else "hidden")
        store.sync()
        self.refit()

    def reset_choices(self) -> None:
        """Forget the planner's choices for this table; the fit decides again."""
        for column in range(self.view.horizontalHeader().count()):
            if self.choices.get(self.column_id(column)) is False:
                self.view.setColumnHidden(column, False)
        self.choices.clear()
        store = self._store()
        store.remove(f"{GROUP}/{self.name}")
        store.sync()
        self.refit()

    def menu(self) -> QMenu:
        """The header's context menu: every column to show or hide."""
        menu = QMenu(self.tr("Spalten"), self.view)
        menu.setAccessibleName(self.tr("Spalten ein- und ausblenden"))
        header = self.view.horizontalHeader()
        for visual in range(header.count()):
            column = header.logicalIndex(visual)
            if column in self.spec_hidden:
                continue
            text = self.header_text(column)
            if column in self.auto_hidden:
                text = self.tr("%1 (aus Platzgründen ausgeblendet)").replace("%1", text)
            action = QAction(text, menu)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            # The key columns are what makes a row recognisable; they cannot be hidden.
            action.setEnabled(self.priority(column) != KEY)
            action.toggled.connect(lambda on, c=column: self.set_shown(c, on))
            menu.addAction(action)
        menu.addSeparator()
        reset = menu.addAction(self.tr("Spalten automatisch anpassen"))
        reset.triggered.connect(self.reset_choices)
        return menu

    def body_menu(self) -> QMenu:
        """The table's context menu: the column list as a submenu."""
        menu = QMenu(self.view)
        columns = self.menu()
        columns.setTitle(self.tr("&Spalten"))
        menu.addMenu(columns)
        return menu

    def _body_menu(self, pos) -> None:
        self.body_menu().popup(self.view.viewport().mapToGlobal(pos))

    def _menu(self, pos) -> None:
        self.menu().popup(self.view.horizontalHeader().mapToGlobal(pos))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        # Only plain comparisons before the type check: during teardown the view may be gone.
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is self._viewport:
            self._schedule()
        elif kind == QEvent.Type.Show and watched is self._view_object:
            self._schedule()
        elif kind == QEvent.Type.ToolTip and watched is self._header_viewport:
            header = self.view.horizontalHeader()
            column = header.logicalIndexAt(event.pos())
            if column >= 0:
                QToolTip.showText(event.globalPos(), self.tooltip(column), header)
                return True
        return False

    def tooltip(self, column: int) -> str:
        """The full header text, and which columns the fit has hidden."""
        tip = self.view.model().headerData(column, Qt.Orientation.Horizontal,
                                           Qt.ItemDataRole.ToolTipRole)
        text = str(tip) if tip else self.header_text(column)
        hidden = [self.header_text(c) for c in sorted(self.auto_hidden)]
        if hidden:
            text += "\n" + self.tr("Ausgeblendet: %1 – Rechtsklick auf die Kopfzeile zeigt sie"
                                   ).replace("%1", ", ".join(hidden))
        return text


def fit_columns(view: QTableView, name: str = "",
                priority: Callable[[int], int] | None = None,
                drop_from_left: bool = False) -> ColumnFit:
    """Give ``view`` a column fit (once); ``priority(column)`` overrides the guess."""
    existing = fitted(view)
    if existing is not None:
        return existing
    return ColumnFit(view, name or view.accessibleName() or view.objectName(), priority,
                     drop_from_left)


def fitted(view: QTableView) -> ColumnFit | None:
    """The column fit of ``view``, if it has one."""
    return view.findChild(ColumnFit, "column_fit", Qt.FindChildOption.FindDirectChildrenOnly)


def fit_all_tables(root) -> None:
    """Give every table below ``root`` a column fit by guessed priorities."""
    for view in root.findChildren(QTableView):
        if isinstance(view.horizontalHeader(), QHeaderView):
            fit_columns(view)
