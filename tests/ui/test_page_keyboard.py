"""Every page by keyboard and screen reader (BITV 2.0 / EN 301 549): names, access keys, Alt+N."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from k360desk.ui import pages

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox,
            QPlainTextEdit, QTextEdit)


def _visible_tabs(root):
    """Yield after making every tab (nested ones too) current in turn."""
    yield ""
    for tabs in [t for t in root.findChildren(QTabWidget) if t.isVisibleTo(root)]:
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            yield tabs.tabText(index)


def _inside_spin_or_combo(widget) -> bool:
    parent = widget.parentWidget()
    return isinstance(parent, (QAbstractSpinBox, QComboBox))


def _unnamed(root) -> list[str]:
    buddies = {label.buddy() for label in root.findChildren(QLabel) if label.buddy()}
    missing = []
    for widget in [w for cls in CONTROLS for w in root.findChildren(cls)]:
        if not widget.isVisibleTo(root) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if widget.accessibleName() or widget in buddies or _inside_spin_or_combo(widget):
            continue
        if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
            continue  # screen readers read a button's own text
        if isinstance(widget, QAbstractButton) and widget.parentWidget() is not None and \
                type(widget.parentWidget()).__name__ in ("QTabBar", "QHeaderView"):
            continue
        missing.append(f"{type(widget).__name__} {widget.objectName()}")
    return missing


def _mnemonics(root) -> dict[str, list[str]]:
    """Access keys of the visible buttons, labels, group boxes and tabs of one view."""
    keys: dict[str, list[str]] = {}

    def add(text: str) -> None:
        match = re.search(r"&([^&\s])", text.replace("&&", ""))
        if match:
            keys.setdefault(match.group(1).lower(), []).append(text)

    for widget in root.findChildren(QAbstractButton):
        # A button whose window-wide mnemonic was replaced by a scoped shortcut ("Neu").
        if widget.isVisible() and not widget.shortcut().isEmpty():
            add(widget.text())
    if any(w.objectName().startswith("section_") and w.isVisible() for w in root.findChildren(QWidget)):
        keys.setdefault("n", []).append("Neu (Bereich)")
        keys.setdefault("l", []).append("Löschen (Bereich)")
    for label in root.findChildren(QLabel):
        if label.isVisible() and label.buddy() is not None and label.textFormat() != Qt.TextFormat.RichText:
            add(label.text())
    for box in root.findChildren(QGroupBox):
        if box.isVisible():
            add(box.title())
    for tabs in root.findChildren(QTabWidget):
        if tabs.isVisible():
            for index in range(tabs.count()):
                add(tabs.tabText(index))
    return keys


def test_every_page_names_its_controls_and_has_unique_access_keys(window, answers):
    window.documents.open_demo()
    problems = []
    for spec in pages.PAGES:
        page = window.show_page(spec.key)
        for tab in _visible_tabs(page):
            where = f"{spec.title} {tab}".strip()
            problems += [f"{where}: ohne Namen: {name}" for name in _unnamed(page)]
            for key, texts in _mnemonics(page).items():
                if len(texts) > 1:
                    problems.append(f"{where}: Alt+{key.upper()} doppelt: {texts}")
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_alt_n_adds_a_record_on_a_page_with_a_form(window, answers, qtbot):
    from k360desk.projectfile import District

    window.documents.open_demo()
    page = window.show_page("districts")
    sections = [w for w in page.findChildren(QWidget) if w.objectName() == "section_districts"]
    section = sections[0]
    before = window.context.project.count(District.table)
    section.table.setFocus()
    qtbot.keyClick(section.table, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.context.project.count(District.table) == before + 1, timeout=2000)
    # In the form, too: the label "&Name:" took Alt+N before.
    section.form.editors["name"].setFocus()
    qtbot.keyClick(section.form.editors["name"], Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.context.project.count(District.table) == before + 2, timeout=2000)


def test_map_takes_focus_and_arrow_keys_walk_the_districts(window, answers, qtbot):
    window.documents.open_demo()
    page = window.show_page("maps")
    canvas = page.canvas
    qtbot.waitUntil(lambda: canvas.artists is not None, timeout=20000)
    assert canvas.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert canvas.accessibleName() and page.charts.canvas.accessibleName().startswith("Diagramm")
    assert page.charts.canvas.focusPolicy() & Qt.FocusPolicy.TabFocus
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: len(window.context.selected_districts) == 1, timeout=2000)
    first = window.context.selected_districts[0]
    base = canvas.spec.base
    name = base.names[base.position(first)]
    # The screen reader hears the district and its value.
    assert name in canvas.accessibleName() and any(ch.isdigit() for ch in canvas.accessibleName())
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: window.context.selected_districts[0] != first, timeout=2000)
    second = window.context.selected_districts[0]
    assert base.anchors[base.position(second)][0] > base.anchors[base.position(first)][0]
    qtbot.keyClick(canvas, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: window.context.selected_districts[0] != second, timeout=2000)


def test_map_indicator_chooser_has_type_ahead_search_with_unit_and_source(window, answers, qtbot):
    window.documents.open_demo()
    page = window.show_page("maps")
    search = page.indicator_search
    frame = window.context.project.indicators_frame()
    target = frame[frame["unit"].fillna("").astype(str).str.len() > 0].iloc[-1]
    search.setFocus()
    word = str(target["name"]).split()[0][1:6].lower()  # a piece from inside the name
    qtbot.keyClicks(search, word)
    completer = search.completer_
    qtbot.waitUntil(lambda: completer.popup().isVisible(), timeout=2000)
    shown = [completer.completionModel().index(r, 0).data()
             for r in range(completer.completionModel().rowCount())]
    wanted = [text for text in shown if text.startswith(str(target["name"]) + " [")]
    assert wanted, shown
    assert str(target["unit"]) in wanted[0]
    if str(target.get("source") or ""):
        assert str(target["source"]) in wanted[0]
    row = shown.index(wanted[0])
    for _ in range(row + 1):
        qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.indicator.currentData() == str(target["key"]), timeout=2000)


def test_values_grid_indicator_search(window, answers, qtbot):
    from k360desk.projectfile import Indicator

    window.documents.open_demo()
    page = window.show_page("indicators")
    page.tabs.setCurrentWidget(page.grid)
    grid = page.grid
    target = [i for i in window.context.project.all(Indicator) if i.unit and i.source][-1]
    search = grid.indicator_search
    texts = [search.entries.item(r).text() for r in range(search.entries.rowCount())]
    entry = [t for t in texts if t.startswith(target.name)][0]
    assert f"[{target.unit}]" in entry and target.source in entry
    search.setFocus()
    qtbot.keyClicks(search, target.source[:8])
    completer = search.completer_
    qtbot.waitUntil(lambda: completer.popup().isVisible(), timeout=2000)
    shown = [completer.completionModel().index(r, 0).data()
             for r in range(completer.completionModel().rowCount())]
    for _ in range(shown.index(entry) + 1):
        qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.indicator.currentData() == target.id, timeout=2000)
