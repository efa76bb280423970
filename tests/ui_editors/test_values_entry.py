"""Issue 14: the values grid never takes a figure silently wrong (through the main window)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from k360desk.projectfile import Indicator
from k360desk.ui.models.grid import FIXED


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path):
    """The main window with the six-district test city open on the values grid."""
    from k360desk.ui import document
    from k360desk.ui.main_window import MainWindow
    from tests.builders import build_small_project

    build_small_project(tmp_path / "klein.k360").close()
    controller = document.DocumentController
    monkeypatch.setattr(controller, "ask_save_changes", lambda self: document.DISCARD)
    monkeypatch.setattr(controller, "show_error", lambda self, title, text: None)
    monkeypatch.setattr(controller, "show_notice", lambda self, title, text: None)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    assert win.documents.open_path(tmp_path / "klein.k360")
    yield win
    win.documents.discard_and_close()


def _grid(window, key):
    page = window.show_page("indicators")
    page.tabs.setCurrentWidget(page.grid)
    grid = page.grid
    grid.set_indicator(window.context.project.find(Indicator, key=key).id)
    return grid


def _cell(grid, code, period):
    row = grid.model.codes.index(code)
    return grid.proxy.mapFromSource(grid.model.index(row, FIXED + grid.model.periods.index(period)))


def _stored(window, key, code, period):
    frame = window.context.project.values_frame(indicators=[key]).set_index(["district", "period"])
    return frame["value"].get((code, period))


def test_higher_level_rows_show_the_aggregate_read_only(window):
    grid = _grid(window, "einwohner")
    cell = _cell(grid, "1", 2022)  # Stadtteil Nord = Quartiere 11 + 12 + 13
    assert cell.data() == "3.500"
    assert not cell.flags() & Qt.ItemFlag.ItemIsEditable
    assert "berechnet" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "Quartier" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None
    own = _cell(grid, "11", 2022)
    assert own.data(Qt.ItemDataRole.BackgroundRole) is None
    assert not grid.proxy.setData(cell, "1")
    assert _stored(window, "einwohner", "1", 2022) is None
    grid.table.setCurrentIndex(cell)
    assert grid.paste_text("1\n")
    assert _stored(window, "einwohner", "1", 2022) is None


def test_computed_indicator_is_read_only_and_shows_the_computed_figure(window):
    grid = _grid(window, "alo_quote")
    cell = _cell(grid, "11", 2022)  # 50 of 1000
    assert cell.data() == "5,0"
    assert not cell.flags() & Qt.ItemFlag.ItemIsEditable
    tip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "berechnet" in tip and "arbeitslose" in tip and "einwohner" in tip
    assert not grid.proxy.setData(cell, "99")
    assert _stored(window, "alo_quote", "11", 2022) is None
    assert _cell(grid, "1", 2022).data() == "7,9"  # 275 of 3500, not a sum of quotas


def test_pasted_block_with_codes_is_matched_by_code(window):
    grid = _grid(window, "einwohner")
    grid.table.setCurrentIndex(_cell(grid, "11", 2022))
    assert grid.paste_text("12\tQuartier 12\t99,9\r\n11\tQuartier 11\t11,1\r\n") is None
    assert _stored(window, "einwohner", "12", 2022) == 99.9
    assert _stored(window, "einwohner", "11", 2022) == 11.1
    # codes alone, pasted onto the code column: values go to the first years
    grid.table.setCurrentIndex(grid.proxy.index(0, 0))
    assert grid.paste_text("13\t7\t8\n") is None
    assert _stored(window, "einwohner", "13", 2022) == 7
    assert _stored(window, "einwohner", "13", 2023) == 8
    assert _stored(window, "einwohner", "23", 2022) == 3000
    # names in the first column are matched as well
    assert grid.paste_text("Quartier 21\t6\n") is None
    assert _stored(window, "einwohner", "21", 2022) == 6


def test_pasted_block_with_an_unknown_code_is_refused(window):
    grid = _grid(window, "einwohner")
    grid.table.setCurrentIndex(_cell(grid, "11", 2022))
    error = grid.paste_text("12\tQuartier 12\t5\n0999\tNirgendwo\t6\n")
    assert error and "0999" in error and "gibt es nicht" in error
    assert grid.error.isVisible()
    assert _stored(window, "einwohner", "12", 2022) == 2000


def test_pure_values_are_pasted_by_position(window):
    grid = _grid(window, "einwohner")
    grid.table.setCurrentIndex(_cell(grid, "11", 2022))
    assert grid.paste_text("5\n6\n") is None
    assert _stored(window, "einwohner", "11", 2022) == 5
    assert _stored(window, "einwohner", "12", 2022) == 6


def _type(qtbot, text):
    for char in text:
        key = {"\n": Qt.Key.Key_Return, "\t": Qt.Key.Key_Tab}.get(char)
        target = QApplication.focusWidget()
        if key is None:
            qtbot.keyClicks(target, char)
        else:
            qtbot.keyClick(target, key)


def test_enter_moves_down_and_tab_moves_right_as_in_excel(window, qtbot):
    grid = _grid(window, "einwohner")
    grid.table.setFocus()
    grid.table.setCurrentIndex(_cell(grid, "11", 2022))
    _type(qtbot, "100\n200\n300\n")
    assert [_stored(window, "einwohner", c, 2022) for c in ("11", "12", "13")] == [100, 200, 300]
    assert grid.table.currentIndex() == _cell(grid, "2", 2022)  # Stadtteil Süd, computed
    _type(qtbot, "\n")  # Enter outside the editor moves down too
    assert grid.table.currentIndex() == _cell(grid, "21", 2022)
    _type(qtbot, "7\t8\n")
    assert _stored(window, "einwohner", "21", 2022) == 7
    assert _stored(window, "einwohner", "21", 2023) == 8


def test_ctrl_d_fills_down(window, qtbot):
    grid = _grid(window, "einwohner")
    grid.table.setFocus()
    selection = grid.table.selectionModel()
    grid.table.setCurrentIndex(_cell(grid, "11", 2022))
    for code in ("12", "13"):
        selection.select(_cell(grid, code, 2022), selection.SelectionFlag.Select)
    qtbot.keyClick(grid.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyRelease(grid.table, Qt.Key.Key_Control)  # QTest leaves Ctrl held otherwise
    assert [_stored(window, "einwohner", c, 2022) for c in ("11", "12", "13")] == [1000] * 3
    assert window.context.undo_stack.count() == 1
