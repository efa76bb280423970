"""Table models without a window: bulk fill, German display, raw role, sorting, filtering."""

from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from k360desk.projectfile import District, DistrictLevel, Indicator
from k360desk.ui.models import (
    RAW_ROLE,
    Column,
    GridProxy,
    RecordFilterProxy,
    RecordTableModel,
    ValuesGridModel,
)
from k360desk.ui.models.columns import parse_german_number, parse_value
from k360desk.ui.models.grid import FIXED, parse_block, parse_cell

COLUMNS = [
    Column("name", "Name", required=True),
    Column("capacity", "Plätze", "number", decimals=1),
    Column("opened", "Eröffnet", "date"),
    Column("type_id", "Art", "choice", choices="types"),
]


def _frame():
    return pd.DataFrame({
        "id": [1, 2, 3],
        "name": ["Kita B", "Kita A", "Jugendtreff"],
        "capacity": [1234.5, 80.0, None],
        "opened": ["2026-11-21", None, "2001-02-03"],
        "type_id": [7, 8, None],
    })


def test_display_raw_and_choices(qtbot):
    model = RecordTableModel(COLUMNS)
    model.set_choices("types", [(7, "Kita"), (8, "Hort")])
    model.set_rows(_frame())
    assert model.rowCount() == 3
    assert model.index(0, 1).data() == "1.234,5"
    assert model.index(0, 1).data(RAW_ROLE) == 1234.5
    assert model.index(0, 2).data() == "21.11.2026"
    assert model.index(0, 3).data() == "Kita"
    assert model.index(2, 1).data() == "" and model.index(2, 1).data(RAW_ROLE) is None


def test_refresh_with_same_ids_only_signals_changed_rows(qtbot):
    model = RecordTableModel(COLUMNS)
    model.set_rows(_frame())
    resets, changed = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), b.row())))
    frame = _frame()
    frame.loc[1, "name"] = "Kita A-Dorf"
    model.set_rows(frame)
    assert not resets and changed == [(1, 1)]
    assert model.index(1, 0).data() == "Kita A-Dorf"


def test_set_data_goes_to_committer_and_reports_errors(qtbot):
    model = RecordTableModel(COLUMNS)
    model.set_rows(_frame())
    calls = []
    model.committer = lambda rid, field, value: calls.append((rid, field, value)) or None
    messages = []
    model.message.connect(messages.append)
    assert model.setData(model.index(0, 1), 99.0)
    assert calls == [(1, "capacity", 99.0)]
    assert not model.setData(model.index(0, 0), "")  # required
    assert messages and "darf nicht leer sein" in messages[0]
    model.committer = lambda *a: "Kaputt"
    assert not model.setData(model.index(0, 1), 5.0)
    assert messages[-1] == "Kaputt"


def test_proxy_sorts_numbers_and_filters(qtbot):
    model = RecordTableModel(COLUMNS)
    model.set_rows(_frame())
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 1).data(RAW_ROLE) for r in range(3)] == [80.0, 1234.5, None]
    proxy.set_search("kita")
    assert proxy.rowCount() == 2
    proxy.set_search("")
    proxy.set_field_filter("type_id", lambda v: v == 8)
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data() == "Kita A"


def test_german_parsing():
    assert parse_german_number("1.234,5") == 1234.5
    assert parse_german_number("-3,2") == -3.2
    assert parse_german_number("1.234") == 1234.0
    assert parse_german_number("12.5") == 12.5
    assert parse_german_number("abc") is None
    assert parse_value(COLUMNS[2], "21.11.2026") == ("2026-11-21", None)
    assert parse_value(COLUMNS[2], "31.02.2026")[1]
    assert parse_cell("x") == (None, "suppressed", None)  # the old habit still works
    assert parse_cell(".") == (None, "suppressed", None)  # what the grid shows (issue 19)
    assert parse_cell("-") == (None, "missing", None)
    assert parse_cell("–") == (None, "missing", None)
    assert parse_cell("") == (None, "clear", None)
    assert parse_cell("1.234,5") == (1234.5, "final", None)
    assert parse_cell("zwölf")[2]
    assert parse_block("1\t2\r\n3\t\r\n") == [["1", "2"], ["3", ""]]


def _grid(project):
    ind = project.find(Indicator, key="arbeitslose")
    model = ValuesGridModel()
    districts = project.frame(District).sort_values("code")
    model.set_rows(districts, project.periods(), project.values_frame(indicators=["arbeitslose"]),
                   ind.id, 1)
    return model, ind


def test_grid_pivot_display_and_copy(small_project, qtbot):
    model, _ind = _grid(small_project)
    assert model.rowCount() == 8 and model.columnCount() == FIXED + 2
    row = model.codes.index("12")
    assert model.index(row, FIXED).data() == "200,0"
    assert model.index(row, FIXED + 1).data(RAW_ROLE) == pytest.approx(220.0)
    assert model.index(model.codes.index("1"), FIXED).data() == ""  # no value at all
    assert model.copy_text([row], [0, FIXED, FIXED + 1]) == "12\t200\t220\n"


def test_grid_block_rows_and_errors(small_project, qtbot):
    model, ind = _grid(small_project)
    rows, error = model.block_rows(2, FIXED, [["1.000,5", "x"], ["-", ""]])
    assert error is None and len(rows) == 4
    assert rows[0]["value"] == 1000.5 and rows[1]["status"] == "suppressed"
    assert rows[2]["status"] == "missing" and rows[3]["status"] == "clear"
    _rows, error = model.block_rows(7, FIXED, [["1"], ["2"]])
    assert error and "länger" in error
    _rows, error = model.block_rows(0, FIXED + 1, [["1", "2"]])
    assert error and "breiter" in error
    _rows, error = model.block_rows(0, FIXED, [["viel"]])
    assert error and "keine Zahl" in error


def test_grid_data_runs_no_sql(small_project, qtbot):
    model, _ind = _grid(small_project)
    statements = []
    small_project._conn.set_trace_callback(statements.append)
    try:
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                for role in (Qt.ItemDataRole.DisplayRole, RAW_ROLE,
                             Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole):
                    model.index(r, c).data(role)
    finally:
        small_project._conn.set_trace_callback(None)
    assert statements == []


def test_grid_proxy_sorts_numerically(small_project, qtbot):
    model, _ind = _grid(small_project)
    proxy = GridProxy()
    proxy.setSourceModel(model)
    proxy.sort(FIXED, Qt.SortOrder.DescendingOrder)
    values = [proxy.index(r, FIXED).data(RAW_ROLE) for r in range(proxy.rowCount())]
    numbers = [v for v in values if v is not None]
    assert numbers == sorted(numbers, reverse=True) and numbers[0] == 450.0
    proxy.setFilterFixedString("quartier 2")
    assert proxy.rowCount() == 3
    proxy.setFilterFixedString("")
    top = small_project.find(DistrictLevel, name="Stadtteil").id
    proxy.set_level(top)
    assert sorted(proxy.index(r, 1).data() for r in range(proxy.rowCount())) == ["Nord", "Süd"]


def test_model_sorts_itself_german_order_empties_last_and_keeps_it(qtbot):
    model = RecordTableModel(COLUMNS)
    model.set_choices("types", [(7, "Übergang"), (8, "Alt")])
    model.set_rows(_frame())
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(3, Qt.SortOrder.AscendingOrder)  # by label: Alt, Übergang (as Ubergang), empty
    assert [proxy.index(r, 3).data() for r in range(3)] == ["Alt", "Übergang", ""]
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 1).data(RAW_ROLE) for r in range(3)] == [1234.5, 80.0, None]
    persistent = QPersistentModelIndex(model.index(model.row_of(2), 0))
    frame = _frame()
    frame.loc[1, "capacity"] = 5000.0  # Kita A now first; the sort is kept after a refill
    model.set_rows(frame)
    assert proxy.index(0, 0).data() == "Kita A"
    assert persistent.row() == 0 and persistent.data() == "Kita A"


def test_repeated_values_of_a_column_are_formatted_once(qtbot, monkeypatch):
    # Issue 24: the 4.000 facilities of the city formatted every date and number cell anew
    # (0,2 s of the first visit of "Träger & Angebote"); a column repeats few values.
    from k360desk.ui.models import table

    calls = []
    plain = table.format_value
    monkeypatch.setattr(table, "format_value", lambda c, v, labels=None: (
        calls.append(c.field), plain(c, v, labels))[1])
    frame = pd.DataFrame({"id": range(1, 3001), "name": [f"Kita {i}" for i in range(3000)],
                          "capacity": [40.0, 60.0, 80.0] * 1000,
                          "opened": ["2020-08-01", "2021-08-01", None] * 1000,
                          "type_id": [7, 8, 9] * 1000})
    model = RecordTableModel(COLUMNS)
    model.set_choices("types", [(7, "Kita"), (8, "Hort")])
    model.set_rows(frame)
    assert calls.count("capacity") == 3 and calls.count("opened") <= 3
    assert calls.count("type_id") <= 1  # unknown 9 only; known labels need no formatting
    assert [model.index(r, c).data() for r in (0, 2) for c in range(4)] == [
        "Kita 0", "40,0", "01.08.2020", "Kita", "Kita 2", "80,0", "", "9"]


def test_clearing_a_filter_that_is_not_set_filters_nothing_again(qtbot):
    model = RecordTableModel(COLUMNS)
    model.set_rows(_frame())
    asked = []

    class Counting(RecordFilterProxy):
        def filterAcceptsRow(self, row, parent):  # noqa: N802 - Qt's name
            asked.append(row)
            return super().filterAcceptsRow(row, parent)

    proxy = Counting()
    proxy.setSourceModel(model)
    asked.clear()
    proxy.set_field_filter("type_id", None)
    assert asked == [] and proxy.rowCount() == 3
    proxy.set_field_filter("type_id", lambda v: v == 7)
    assert proxy.rowCount() == 1
    proxy.set_field_filter("type_id", None)
    assert proxy.rowCount() == 3
