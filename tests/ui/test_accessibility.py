"""Keyboard and screen-reader basics of the shell (BITV 2.0): mnemonics, names, tab order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QListWidget


def _mnemonic(text: str) -> str | None:
    index = text.replace("&&", "").find("&")
    return text.replace("&&", "")[index + 1].lower() if index >= 0 else None


def test_every_menu_entry_has_a_unique_mnemonic(window):
    menus = [a.menu() for a in window.menuBar().actions()]
    assert len({_mnemonic(a.text()) for a in window.menuBar().actions()}) == len(menus)
    for menu in menus:
        seen = {}
        for action in menu.actions():
            if action.isSeparator():
                continue
            key = _mnemonic(action.text())
            if menu is menus[2] and action.shortcut().toString().startswith("Ctrl+"):
                continue  # the pages: reached with Strg+1 … Strg+9
            assert key, f"{menu.title()}: {action.text()} ohne Zugriffstaste"
            assert key not in seen, f"{menu.title()}: {action.text()} und {seen.get(key)}"
            seen[key] = action.text()


def test_standard_shortcuts(window):
    shortcuts = {a.text(): a.shortcut().toString() for m in window.menuBar().actions()
                 for a in m.menu().actions()}
    assert shortcuts["&Neu…"] == "Ctrl+N"
    assert shortcuts["Ö&ffnen…"] == "Ctrl+O"
    assert shortcuts["&Speichern"] == "Ctrl+S"
    assert shortcuts["Speichern &unter…"] == "Ctrl+Shift+S"
    assert shortcuts["&Hilfe zu dieser Ansicht"] == "F1"
    assert shortcuts["Übersicht"] == "Ctrl+1"
    every = {a.text(): [k.toString() for k in a.shortcuts()] for m in window.menuBar().actions()
             for a in m.menu().actions()}
    assert "Ctrl+Q" in every["&Beenden"]
    assert "Ctrl+W" in every["S&chließen"]


def _unnamed(root) -> list[str]:
    buddies = {label.buddy() for label in root.findChildren(QLabel) if label.buddy()}
    missing = []
    for cls in (QAbstractButton, QLineEdit, QComboBox, QListWidget):
        for widget in root.findChildren(cls):
            if widget.isVisibleTo(root) and not widget.accessibleName() and widget not in buddies:
                if isinstance(widget, QAbstractButton) and widget.text().strip("&"):
                    continue  # screen readers read a button's own text
                missing.append(f"{type(widget).__name__} {widget.objectName()}")
    return missing


def test_controls_have_accessible_names(window, answers):
    from k360desk.ui.new_project_dialog import NewProjectDialog

    assert _unnamed(window) == []
    assert _unnamed(NewProjectDialog(window)) == []
    window.documents.open_demo()
    assert _unnamed(window.page("overview")) == []
    assert window.nav.accessibleName() == "Navigation"
    assert window.selection_label.accessibleName()


def test_welcome_tab_order_follows_reading_order(window):
    welcome = window.welcome
    order = [welcome.new_button]
    widget = welcome.new_button
    for _ in range(3):
        widget = widget.nextInFocusChain()
        while widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert order == [welcome.new_button, welcome.open_button, welcome.demo_button,
                     welcome.recent_list]


def test_no_hard_coded_colours(window, qapp):
    # High-contrast themes work only if we draw with the system palette.
    assert qapp.styleSheet() == ""
    assert window.styleSheet() == ""


def test_navigation_by_keyboard(window, qtbot, answers):
    window.documents.open_demo()
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert window.current_page_key() == "districts"
    assert window.page_stack.currentWidget() is window.page("districts")


def test_no_shortcut_is_taken_twice(window, answers):
    # Two shortcuts with the same keys in one window cancel each other out: Qt reports
    # them as ambiguous and neither fires (e.g. Strg+N in a table would do nothing).
    from PySide6.QtGui import QKeySequence, QShortcut

    from k360desk.ui import pages

    window.documents.open_demo()
    for spec in pages.PAGES:
        window.show_page(spec.key)
    window_keys = {}
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.shortcutContext() != Qt.ShortcutContext.WidgetShortcut:
                for key in action.shortcuts():
                    window_keys[key.toString()] = action.text()
    clashes = []
    for shortcut in window.findChildren(QShortcut):
        for key in shortcut.keys():
            name = QKeySequence(key).toString()
            if name and name in window_keys:
                owner = shortcut.parent()
                while owner is not None and not owner.objectName().startswith("page_"):
                    owner = owner.parentWidget()
                where = owner.objectName() if owner is not None else "?"
                clashes.append(f"{name}: Menü „{window_keys[name]}“ und {where}")
    assert not clashes, "Doppelt belegte Tastenkürzel:\n" + "\n".join(sorted(set(clashes)))
