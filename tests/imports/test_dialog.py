"""The import assistant: preview, mapping, import off the GUI thread, report, undo/redo, Cancel."""

from __future__ import annotations

import pytest

from tests.imports.conftest import snapshot


@pytest.fixture
def context(small_project, qtbot):
    from k360desk.ui.context import ProjectContext

    ctx = ProjectContext()
    ctx.set_project(small_project)
    yield ctx
    ctx.set_project(None)


def _dialog(context, kind, qtbot):
    from k360desk.ui.import_dialog import show_import_dialog

    dialog = show_import_dialog(context, kind)
    qtbot.addWidget(dialog)
    return dialog


def test_values_import_through_the_assistant_with_undo_and_redo(context, qtbot, write, tmp_path):
    project = context.project
    before = snapshot(project)
    path = write("werte.csv", "Hinweis: vorläufige Zahlen\nGebiet;Jahr;Einwohner;Arbeitslose\n"
                 "11;2024;1.100;x\n99;2024;5;5\n", "cp1252")
    dialog = _dialog(context, "values", qtbot)
    dialog.set_source(path)
    assert dialog.role_combos["district"].currentData() == "Gebiet"
    assert dialog.role_combos["period"].currentData() == "Jahr"
    assert "Windows-1252" in dialog.detected.text() and "Kopfzeile: Zeile 2" in dialog.detected.text()
    assert dialog.table_model.rowCount() == 2 and dialog.table_model.columnCount() == 4
    dialog.start_import()
    assert dialog.task.wait(30000)
    assert dialog.report is not None and dialog.pages.currentWidget() is dialog.report_page
    assert "2 übersprungen" in dialog.report_page.summary.text()
    assert dialog.report_page.model.rowCount() == 3
    saved = dialog.report_page.save_csv(str(tmp_path / "bericht.csv"))
    assert "übersprungen" in (tmp_path / "bericht.csv").read_text(encoding="utf-8-sig") and saved
    after = snapshot(project)
    assert after != before
    assert context.undo_stack.count() == 1
    context.undo_stack.undo()
    assert snapshot(project) == before
    context.undo_stack.redo()
    assert snapshot(project)[0] == after[0]


def test_cancel_in_the_assistant_leaves_the_project_unchanged(context, qtbot, tmp_path):
    project = context.project
    before = snapshot(project)
    path = tmp_path / "gross.csv"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("Gebiet;Indikator;Jahr;Wert\n")
        for i in range(200_000):
            handle.write(f"{11 + i % 3};einwohner;{1800 + i // 3 % 400};{i}\n")
    dialog = _dialog(context, "values", qtbot)
    dialog.set_source(path)
    dialog.start_import()
    dialog.task.cancel()
    assert dialog.task.wait(60000)
    assert dialog.report is None and "abgebrochen" in dialog.problem.text()
    assert snapshot(project) == before
    assert context.undo_stack.count() == 0


def test_districts_assistant_shows_a_missing_prj(context, qtbot, tmp_path):
    import geopandas as gpd
    from shapely.geometry import box

    folder = tmp_path / "shp"
    folder.mkdir()
    gpd.GeoDataFrame({"CODE": ["31"], "NAME": ["Neu"]}, geometry=[box(500000, 6000000, 501000, 6001000)],
                     crs="EPSG:25832").to_file(folder / "Neu.shp")
    (folder / "Neu.prj").unlink()
    dialog = _dialog(context, "districts", qtbot)
    dialog.set_source(folder)
    assert ".prj" in dialog.problem.text()
    assert dialog.crs.currentData() == "EPSG:25832"  # the guess is proposed
    assert dialog.role_combos["code"].currentData() == "CODE"
    dialog.level.setCurrentText("Quartier")
    dialog.start_import()
    assert dialog.task.wait(30000)
    assert dialog.report.taken == 1
    assert context.project.districts_frame().set_index("code").loc["31", "level"] == "Quartier"


def test_bad_file_shows_a_message_and_changes_nothing(context, qtbot, write, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    dialog = _dialog(context, "values", qtbot)
    dialog.set_source(write("leer.csv", "Gebiet;Jahr;Wert\n"))
    assert "nur die Kopfzeile" in dialog.problem.text()
    assert not dialog.import_button.isEnabled()


def test_workbook_sheets_are_offered(context, qtbot, tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.title = "Erläuterungen"
    workbook.active["A1"] = "Nur Text"
    data = workbook.create_sheet("Daten")
    data.append(["Gebiet", "Jahr", "Einwohner"])
    data.append(["11", 2025, 10])
    path = tmp_path / "mappe.xlsx"
    workbook.save(path)
    dialog = _dialog(context, "values", qtbot)
    dialog.set_source(path)
    assert [dialog.layer.itemData(i) for i in range(dialog.layer.count())] == ["", "Erläuterungen", "Daten"]
    assert dialog.role_combos["district"].currentData() == "Gebiet"  # the first sheet with data
    dialog.layer.setCurrentIndex(1)
    assert "nur die Kopfzeile" in dialog.problem.text() or not dialog.import_button.isEnabled()
    dialog.layer.setCurrentIndex(2)
    assert dialog.role_combos["district"].currentData() == "Gebiet"
    dialog.start_import()
    assert dialog.task.wait(30000)
    assert dialog.report.taken == 1


def test_first_values_import_creates_indicators_by_default(qtbot):
    from k360desk.projectfile import Project
    from k360desk.ui.context import ProjectContext

    ctx = ProjectContext()
    ctx.set_project(Project.create("Leerstadt"))
    try:
        dialog = _dialog(ctx, "values", qtbot)
        assert dialog.create_indicators.isChecked()
    finally:
        ctx.set_project(None)


def test_values_import_into_a_project_with_indicators_does_not_create_them(context, qtbot):
    dialog = _dialog(context, "values", qtbot)
    assert not dialog.create_indicators.isChecked()
