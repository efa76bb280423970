"""Type-ahead search (name, unit, source) in the indicator choosers the map search left out.

137 indicators at city scale: the scatter's second indicator, the import's fixed indicator
and the social index components are found by typing a piece of name, unit or source.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from k360desk.projectfile import Indicator


@pytest.fixture
def demo(window, answers):
    window.documents.open_demo()
    return window


def _target(project) -> Indicator:
    return [i for i in project.all(Indicator) if i.unit and i.source][-1]


def _pick(qtbot, search, target: Indicator) -> None:
    """Type a piece of the source, check the entry shows unit and source, take it by keyboard."""
    texts = [search.entries.item(r).text() for r in range(search.entries.rowCount())]
    entry = [t for t in texts if t.startswith(target.name + " [")][0]
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


def test_scatter_second_indicator_by_search(demo, qtbot):
    page = demo.show_page("maps")
    charts = page.charts
    charts.kind.setCurrentIndex(charts.kind.findData("scatter"))
    assert charts.second_search.isVisible()
    target = _target(demo.context.project)
    _pick(qtbot, charts.second_search, target)
    qtbot.waitUntil(lambda: charts.second_indicator() == target.key, timeout=2000)
    charts.kind.setCurrentIndex(charts.kind.findData("bar"))
    assert not charts.second_search.isVisible(), "die Suche gehört zum Streudiagramm"


def test_import_fixed_indicator_by_search(demo, qtbot):
    from k360desk.ui.import_dialog import ImportDialog

    dialog = ImportDialog(demo.context, "values")
    qtbot.addWidget(dialog)
    dialog.show()
    target = _target(demo.context.project)
    _pick(qtbot, dialog.indicator_search, target)
    qtbot.waitUntil(lambda: dialog.fixed_indicator.currentData() == target.key, timeout=2000)


def test_index_components_by_search(demo, qtbot):
    page = demo.show_page("index")
    target = _target(demo.context.project)
    items = {page.status_list.item(r).data(Qt.ItemDataRole.UserRole): page.status_list.item(r)
             for r in range(page.status_list.count())}
    items[target.key].setCheckState(Qt.CheckState.Unchecked)
    _pick(qtbot, page.status_search, target)
    qtbot.waitUntil(lambda: items[target.key].checkState() == Qt.CheckState.Checked, timeout=2000)
    assert page.status_list.currentItem() is items[target.key]


def test_numerator_in_the_indicator_form_by_search(demo, qtbot):
    project = demo.context.project
    page = demo.show_page("indicators")
    section = page.indicators
    target = _target(project)
    record = [i for i in project.all(Indicator) if i.id != target.id
              and i.numerator_id != target.id][0]
    section.select_ids([record.id])
    qtbot.waitUntil(lambda: section.form.isEnabled(), timeout=2000)
    search = section.form.searches["numerator_id"]
    assert search.isVisible()
    _pick(qtbot, search, target)
    qtbot.waitUntil(lambda: project.get(Indicator, record.id).numerator_id == target.id,
                    timeout=3000)
    demo.context.undo_stack.undo()
    assert project.get(Indicator, record.id).numerator_id == record.numerator_id
