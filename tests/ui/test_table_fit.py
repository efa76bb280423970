"""Tables at 1280×720 keep their key columns whole and give up notes and dates first.

Seen on a 1366×768 laptop: the facility table scrolled sideways and the Bewertung headers
were cut. Every page and tab is opened with Liberation Sans 9 pt (Arial metrics) in a
1280×660 window; key columns must show their full header without scrolling sideways.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from k360desk.ui import pages
from k360desk.ui.column_fit import fitted
from tests.ui.test_english import english  # noqa: F401 - fixture
from tests.ui.test_screen_fit import SCREEN_HEIGHT, SCREEN_WIDTH, _visit_tabs


def _settle(qtbot) -> None:
    # The fit runs on a zero timer after each resize; two rounds let the scroll bars settle.
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(5)


def _table_problems(window, where: str) -> list[str]:
    found = []
    for view in window.findChildren(QTableView):
        if not view.isVisible() or view.model() is None or view.model().columnCount() == 0:
            continue
        name = view.accessibleName() or view.objectName()
        fit = fitted(view)
        if fit is None:
            found.append(f"{where}: Tabelle „{name}“ ohne Spaltenanpassung")
            continue
        header = view.horizontalHeader()
        room = view.viewport().width()
        for column in fit.key_columns():
            text = fit.header_text(column)
            if header.sectionSize(column) < fit.needed_width(column) - 1:
                found.append(f"{where}: „{name}“ Spalte „{text}“ abgeschnitten "
                             f"({header.sectionSize(column)} < {fit.needed_width(column)} px)")
            if header.height() < header.sectionSizeFromContents(column).height() - 1:
                found.append(f"{where}: „{name}“ Kopf „{text}“ unten abgeschnitten "
                             f"({header.height()} px hoch)")
            if "\n" in str(view.model().headerData(column, header.orientation()) or "") and (
                    header.textElideMode() != Qt.TextElideMode.ElideNone):
                found.append(f"{where}: „{name}“ Kopf „{text}“ mehrzeilig, aber gekürzt")
            right = header.sectionPosition(column) + header.sectionSize(column)
            if right > room + 1:
                found.append(f"{where}: „{name}“ Spalte „{text}“ nur mit Querscrollen "
                             f"sichtbar ({right} > {room} px)")
    return found


def test_key_columns_fit_on_every_page_at_1280(window, answers, arial_metrics, qtbot):
    window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    window.documents.open_demo()
    problems = []
    for spec in pages.PAGES:
        page = window.show_page(spec.key)

        def visit(tab, spec=spec):
            window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
            _settle(qtbot)
            problems.extend(_table_problems(window, f"{spec.title} {tab}".strip()))
        _visit_tabs(page, visit)
    assert not problems, "\n".join(dict.fromkeys(problems))


def _facilities(window, qtbot):
    window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    window.documents.open_demo()
    page = window.show_page("providers")
    view = page.facilities.table
    _settle(qtbot)
    return view, fitted(view)


def _column(fit, field: str) -> int:
    return [c.field for c in fit.view.model().sourceModel().columns].index(field)


def test_notes_and_dates_go_first_and_come_back_with_room(window, answers, arial_metrics, qtbot):
    view, fit = _facilities(window, qtbot)
    closed, name = _column(fit, "closed"), _column(fit, "name")
    assert view.isColumnHidden(closed), "Datumsspalten gehen bei 1280 px zuerst"
    assert not view.isColumnHidden(name)
    assert "Name" in fit.tooltip(name)
    assert "Geschlossen" in fit.tooltip(name), "der Tooltip nennt die ausgeblendeten Spalten"
    window.resize(2600, 900)
    _settle(qtbot)
    assert not view.isColumnHidden(closed), "mit genug Platz ist die Spalte wieder da"


def test_hidden_column_shown_from_the_header_menu_and_remembered(window, answers, arial_metrics,
                                                                 qtbot):
    from k360desk.ui.main_window import MainWindow

    view, fit = _facilities(window, qtbot)
    closed = _column(fit, "closed")
    menu = fit.menu()
    entries = {action.text(): action for action in menu.actions() if action.isCheckable()}
    entry = next(action for text, action in entries.items() if text.startswith("Geschlossen"))
    assert not entry.isChecked()
    assert not entries["Name"].isEnabled(), "die Schlüsselspalte bleibt immer sichtbar"
    entry.trigger()
    _settle(qtbot)
    assert not view.isColumnHidden(closed)

    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    again.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    again.documents.open_demo()
    other = again.show_page("providers").facilities.table
    _settle(qtbot)
    assert not other.isColumnHidden(closed), "die Wahl gilt auch beim nächsten Start"
    fitted(other).reset_choices()
    _settle(qtbot)
    assert other.isColumnHidden(closed)
    again.documents.discard_and_close()


def test_values_grid_gives_up_the_oldest_years_first(window, answers, arial_metrics, qtbot):
    window.resize(900, SCREEN_HEIGHT)
    window.documents.open_demo()
    page = window.show_page("indicators")
    page.tabs.setCurrentWidget(page.grid)
    _settle(qtbot)
    fit = fitted(page.grid.table)
    years = [c for c in range(2, page.grid.table.model().columnCount())]
    hidden = sorted(fit.auto_hidden)
    assert hidden, "bei 900 px passen nicht alle Jahre"
    assert hidden == years[:len(hidden)], "die ältesten Jahre gehen zuerst, das neueste bleibt"
    assert not page.grid.table.isColumnHidden(0) and not page.grid.table.isColumnHidden(1)


@pytest.mark.usefixtures("english")
def test_pages_and_key_columns_fit_in_english(window, answers, arial_metrics, qtbot):
    """English texts are longer; rows wrap and columns give way the same."""
    from tests.ui.test_screen_fit import _problems

    window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    window.documents.open_demo()
    assert window.menuBar().actions()[0].text().replace("&", "") == "File"
    problems = []
    for spec in pages.PAGES:
        page = window.show_page(spec.key)

        def visit(tab, spec=spec):
            window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
            _settle(qtbot)
            where = f"{spec.key} {tab}".strip()
            problems.extend(_problems(window, where) + _table_problems(window, where))
        _visit_tabs(page, visit)
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_columns_reachable_by_keyboard_from_the_table_menu(window, answers, arial_metrics, qtbot):
    view, fit = _facilities(window, qtbot)
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    menu = fit.body_menu()
    submenu = menu.actions()[0].menu()
    assert submenu is not None and submenu.title().replace("&", "") == "Spalten"
    texts = [action.text() for action in submenu.actions()]
    assert any(text.startswith("Geschlossen") for text in texts)


def test_years_come_back_when_the_indicator_changes(window, answers, arial_metrics, qtbot):
    window.resize(900, SCREEN_HEIGHT)
    window.documents.open_demo()
    page = window.show_page("indicators")
    page.tabs.setCurrentWidget(page.grid)
    _settle(qtbot)
    grid = page.grid
    fit = fitted(grid.table)
    before = grid.table.model().columnCount()
    for index in range(grid.indicator.count()):
        grid.indicator.setCurrentIndex(index)
        _settle(qtbot)
        if grid.table.model().columnCount() != before:
            break
    header = grid.table.horizontalHeader()
    hidden = {c for c in range(header.count()) if header.isSectionHidden(c)}
    assert hidden == fit.auto_hidden, "nur was die Anpassung ausblendet, ist ausgeblendet"
