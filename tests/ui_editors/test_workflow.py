"""The whole day in one test, through the real main window: new, edit, paste, undo, save, reopen."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from k360desk.projectfile import District, Indicator
from k360desk.ui.models.grid import FIXED


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path):
    """The main window with every lifecycle question answered here."""
    from k360desk.ui import document
    from k360desk.ui.main_window import MainWindow
    from k360desk.ui.new_project_dialog import NewProjectSpec

    controller = document.DocumentController
    monkeypatch.setattr(controller, "ask_new_project",
                        lambda self: NewProjectSpec("Testdorf", "01001000", 25832))
    monkeypatch.setattr(controller, "ask_save_path", lambda self, *a: str(tmp_path / "dorf.k360"))
    monkeypatch.setattr(controller, "ask_save_changes", lambda self: document.DISCARD)
    errors: list[str] = []
    monkeypatch.setattr(controller, "show_error", lambda self, title, text: errors.append(text))
    monkeypatch.setattr(controller, "show_notice", lambda self, title, text: None)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.errors = errors
    yield win
    win.documents.discard_and_close()


def _undo_action(window):
    for action in window.findChildren(type(window.menuBar().actions()[0])):
        if action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo):
            return action
    return None


def test_new_project_edit_paste_undo_save_reopen(window, tmp_path):
    docs = window.documents
    assert docs.new_project()
    context = window.context
    project = context.project

    districts = window.show_page("districts")
    assert type(districts).__name__ == "DistrictsPage"
    districts.levels.add()
    for name in ("Altstadt", "Hafen", "Neustadt"):
        districts.districts.add()
        new_id = districts.districts.current_id()
        row = districts.districts.model.row_of(new_id)
        col = districts.districts.model.column_of("name")
        index = districts.districts.proxy.mapFromSource(districts.districts.model.index(row, col))
        assert districts.districts.proxy.setData(index, name)
    assert project.count("districts") == 3
    assert context.selected_districts == (districts.districts.current_id(),)
    assert window.isWindowModified()

    indicators = window.show_page("indicators")
    indicators.indicators.add()
    ind_id = indicators.indicators.current_id()
    section = indicators.indicators
    index = section.proxy.mapFromSource(section.model.index(
        section.model.row_of(ind_id), section.model.column_of("key")))
    assert section.proxy.setData(index, "einwohner")
    grid = indicators.grid
    indicators.tabs.setCurrentWidget(grid)
    grid.set_indicator(ind_id)
    grid.year.setValue(2024)
    grid.add_year.click()
    grid.year.setValue(2025)
    grid.add_year.click()
    grid.table.setCurrentIndex(grid.proxy.index(0, FIXED))
    steps = context.undo_stack.count()
    assert grid.paste_text("1.200\t1.250\n800\t-\n3.000,5\t3.100\n") is None
    assert context.undo_stack.count() == steps + 1
    values = project.values_frame(indicators=["einwohner"])
    assert len(values) == 6 and values["value"].max() == 3100.0

    undo = _undo_action(window)
    assert undo is not None and undo.isEnabled()
    undo.trigger()
    assert project.values_frame(indicators=["einwohner"]).empty
    assert all(grid.model.index(r, FIXED).data() == "" for r in range(3))
    context.undo_stack.redo()
    assert len(project.values_frame(indicators=["einwohner"])) == 6

    assert docs.save_as()
    path = tmp_path / "dorf.k360"
    assert path.exists() and not window.isWindowModified()
    assert docs.close_project()
    assert context.project is None

    assert docs.open_path(path), window.errors
    project = context.project
    assert {d.name for d in project.all(District)} == {"Altstadt", "Hafen", "Neustadt"}
    assert project.find(Indicator, key="einwohner") is not None
    reopened = window.show_page("indicators")
    reopened.tabs.setCurrentWidget(reopened.grid)
    reopened.grid.set_indicator(project.find(Indicator, key="einwohner").id)
    texts = sorted(reopened.grid.model.index(r, FIXED).data() for r in range(3))
    assert texts == ["1.200,0", "3.000,5", "800,0"]
    assert project.check() == []
    assert window.errors == []


def test_every_editor_page_opens_in_the_main_window(window):
    assert window.documents.new_project()
    for key, name in (("districts", "DistrictsPage"), ("indicators", "IndicatorsPage"),
                      ("providers", "ProvidersPage"), ("rounds", "RoundWorkflowPage"),
                      ("committees", "CommitteesPage"), ("settings", "ProjectSettingsPage")):
        page = window.show_page(key)
        assert type(page).__name__ == name
        assert page.isVisible()
