"""The main window's menu bar: Datei, Bearbeiten, Ansicht, Hilfe.

Entries that need an open project are disabled without one. Cut, Copy and Paste forward to
the focused widget (or the nearest parent with ``cut``/``copy``/``paste``); the focused
widget handles the keys itself, so the entries are for mouse users and screen readers.
"""

from __future__ import annotations

import importlib.util
from functools import partial

from PySide6.QtCore import QLocale, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from k360desk.ui import pages as page_registry
from k360desk.ui import settings
from k360desk.ui.pages import QT_TRANSLATE_NOOP

IMPORT_KINDS = (
    ("districts", QT_TRANSLATE_NOOP("Menus", "&Sozialräume…")),
    ("values", QT_TRANSLATE_NOOP("Menus", "&Indikatorwerte…")),
    ("facilities", QT_TRANSLATE_NOOP("Menus", "&Einrichtungen…")),
    ("grid", QT_TRANSLATE_NOOP("Menus", "&Zensus-Gitterzellen…")),
)


def _with(standard: QKeySequence.StandardKey, extra: str) -> list[QKeySequence]:
    """The platform's keys for a standard action plus one we promise in the help."""
    keys = QKeySequence.keyBindings(standard)
    if QKeySequence(extra) not in keys:
        keys.append(QKeySequence(extra))
    return keys


class Menus(QObject):
    """Builds the menu bar of a main window and handles the entries that are not its own."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self._project_actions: list[QAction] = []
        self._build()

    def enable_for_project(self, has_project: bool) -> None:
        """Enable the entries that need a project (and whose feature is installed)."""
        for action in self._project_actions:
            action.setEnabled(has_project and action.data() is not False)

    def _action(self, menu: QMenu, text: str, slot, shortcut=None, needs_project=False,
                tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        if needs_project:
            self._project_actions.append(action)
        return action

    def _build(self) -> None:
        window = self.window
        bar = window.menuBar()
        docs = window.documents
        file_menu = bar.addMenu(self.tr("&Datei"))
        self._action(file_menu, self.tr("&Neu…"), docs.new_project, QKeySequence.StandardKey.New,
                     tip=self.tr("Ein neues, leeres Projekt anlegen"))
        self._action(file_menu, self.tr("Ö&ffnen…"), docs.open_dialog,
                     QKeySequence.StandardKey.Open, tip=self.tr("Eine Projektdatei öffnen"))
        self.recent_menu = file_menu.addMenu(self.tr("&Zuletzt geöffnet"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._action(file_menu, self.tr("&Demo öffnen"), docs.open_demo,
                     tip=self.tr("Das Demo-Projekt „Musterstadt“ öffnen"))
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Speichern"), docs.save, QKeySequence.StandardKey.Save,
                     needs_project=True)
        self._action(file_menu, self.tr("Speichern &unter…"), docs.save_as,
                     QKeySequence.StandardKey.SaveAs if not QKeySequence(
                         QKeySequence.StandardKey.SaveAs).isEmpty() else "Ctrl+Shift+S",
                     needs_project=True)
        file_menu.addSeparator()
        for text, name in ((self.tr("Kopie zum &Versenden…"), "send_copy"),
                           (self.tr("Änderungen aus Kopie &übernehmen…"), "merge_copy")):
            self._action(file_menu, text, partial(self._exchange, name), needs_project=True)
        # Kept versions are listed here even without an open project: the way back when the
        # file itself no longer opens.
        self.backups_menu = file_menu.addMenu(self.tr("F&rühere Fassungen"))
        self.backups_menu.aboutToShow.connect(self._fill_backups_menu)
        import_menu = file_menu.addMenu(self.tr("&Importieren"))
        available = importlib.util.find_spec("k360desk.ui.import_dialog") is not None
        for kind, label in IMPORT_KINDS:
            action = self._action(import_menu, self.tr(label), partial(self._import, kind),
                                  needs_project=True)
            action.setData(available)
        file_menu.addSeparator()
        close = self._action(file_menu, self.tr("S&chließen"), docs.close_project,
                             needs_project=True)
        close.setShortcuts(_with(QKeySequence.StandardKey.Close, "Ctrl+W"))
        quit_action = self._action(file_menu, self.tr("&Beenden"), window.close)
        # Windows has no standard Quit key (Alt+F4 closes the window); offer Strg+Q as well.
        quit_action.setShortcuts(_with(QKeySequence.StandardKey.Quit, "Ctrl+Q"))

        edit_menu = bar.addMenu(self.tr("&Bearbeiten"))
        undo = window.context.undo_stack.createUndoAction(window, self.tr("&Rückgängig"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = window.context.undo_stack.createRedoAction(window, self.tr("&Wiederholen"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        for name, text, key in (("cut", self.tr("&Ausschneiden"), QKeySequence.StandardKey.Cut),
                                ("copy", self.tr("&Kopieren"), QKeySequence.StandardKey.Copy),
                                ("paste", self.tr("&Einfügen"), QKeySequence.StandardKey.Paste)):
            action = self._action(edit_menu, text, partial(self._forward, name), key)
            # The focused editor handles the key itself; the menu entry is for mouse users.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

        view_menu = bar.addMenu(self.tr("&Ansicht"))
        for row, spec in enumerate(page_registry.PAGES):
            shortcut = f"Ctrl+{row + 1}" if row < 9 else None
            self._action(view_menu, spec.translated_title(), partial(window.show_page, spec.key),
                         shortcut, needs_project=True)
        view_menu.addSeparator()
        self.nav_action = QAction(self.tr("&Navigation anzeigen"), window, checkable=True,
                                  checked=True)
        self.nav_action.toggled.connect(window.nav.setVisible)
        view_menu.addAction(self.nav_action)
        language_menu = view_menu.addMenu(self.tr("&Sprache"))
        languages = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        # The language the window is shown in now (--lang wins over the stored choice).
        current = "en" if QLocale().language() == QLocale.Language.English else "de"
        # Language names stay in their own language, as everywhere.
        for code, label in (("de", "&Deutsch"), ("en", "&English")):
            action = QAction(label, window, checkable=True, checked=current == code)
            self.language_actions[code] = action
            action.triggered.connect(partial(self._set_language, code))
            languages.addAction(action)
            language_menu.addAction(action)
        _give_mnemonics(view_menu)

        help_menu = bar.addMenu(self.tr("&Hilfe"))
        self._action(help_menu, self.tr("&Hilfe zu dieser Ansicht"), window.show_help,
                     QKeySequence.StandardKey.HelpContents)
        self._action(help_menu, self.tr("&Erste Schritte"), partial(window.show_help, "welcome"))
        help_menu.addSeparator()
        self._action(help_menu, self.tr("Ü&ber k360desk"), window.show_about)

    # --- handlers ------------------------------------------------------------------------

    def _forward(self, name: str) -> None:
        widget = QApplication.focusWidget()
        while widget is not None:
            method = getattr(widget, name, None)
            if callable(method):
                method()
                return
            widget = widget.parentWidget()

    def _import(self, kind: str) -> None:
        if kind == "grid":
            from k360desk.ui.grid_import_dialog import show_grid_import_dialog

            show_grid_import_dialog(self.window.context, self.window)
            return
        try:
            from k360desk.ui.import_dialog import show_import_dialog
        except ImportError:
            self.window.documents.show_notice(
                self.tr("Importieren"), self.tr("Der Import kommt in einer späteren Version."))
            return
        show_import_dialog(self.window.context, kind, self.window)

    def _exchange(self, name: str) -> None:
        from k360desk.ui import exchange_actions

        getattr(exchange_actions, name)(self.window)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = settings.recent_files()
        for index, path in enumerate(files):
            shown = path.replace("&", "&&")
            action = self.recent_menu.addAction(f"&{index + 1} {shown}" if index < 9 else shown)
            action.triggered.connect(partial(self.window.documents.open_path, path))
        if not files:
            action = self.recent_menu.addAction(self.tr("(keine)"))
            action.setEnabled(False)

    def _fill_backups_menu(self) -> None:
        from pathlib import Path

        from k360desk.ui import damaged

        self.backups_menu.clear()
        project = self.window.context.project
        files = [str(project.path)] if project is not None and project.path else []
        files += [f for f in settings.recent_files() if f not in files][:4]
        for name in files:
            path = Path(name)
            kept = damaged.find_backups(path)[:5]
            if not kept:
                continue
            self.backups_menu.addSection(path.name.replace("&", "&&"))
            for backup in kept:
                action = self.backups_menu.addAction(self.tr("Fassung vom %1 öffnen").replace(
                    "%1", damaged.backup_label(backup)))
                action.triggered.connect(partial(self._open_backup, path, backup))
        if self.backups_menu.isEmpty():
            self.backups_menu.addAction(self.tr("(keine)")).setEnabled(False)
        self.backups_menu.addSeparator()
        every = self.backups_menu.addAction(self.tr("&Alle Fassungen dieses Projekts …"))
        every.setEnabled(project is not None)
        every.triggered.connect(partial(self._exchange, "show_backups"))

    def _open_backup(self, path, backup) -> None:
        """Write a kept version to a new file beside the document and open it."""
        from k360desk.ui import damaged

        try:
            restored = damaged.restore_beside(path, backup)
        except OSError as exc:
            self.window.documents.show_error(self.tr("Frühere Fassung"), str(exc))
            return
        self.window.documents.open_path(restored)

    def _set_language(self, code: str) -> None:
        settings.put(settings.LANGUAGE, code)
        self.window.documents.show_notice(self.tr("Sprache"), self.tr(
            "Die Sprache wird beim nächsten Start von k360desk umgestellt."))


def _give_mnemonics(menu) -> None:
    """Give entries without an access key (pages past Strg+9) the first free letter."""
    def key(text: str) -> str | None:
        plain = text.replace("&&", "")
        index = plain.find("&")
        return plain[index + 1].lower() if 0 <= index < len(plain) - 1 else None

    actions = [a for a in menu.actions() if not a.isSeparator()]
    used = {key(a.text()) for a in actions} - {None}
    for action in actions:
        text = action.text()
        if key(text) is not None or (action.shortcut() and not action.shortcut().isEmpty()):
            continue
        for i, char in enumerate(text):
            if char.isalpha() and char.lower() not in used:
                action.setText(text[:i] + "&" + text[i:])
                used.add(char.lower())
                break
