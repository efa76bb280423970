"""Editor pages driven like a user would, on a real project, without the main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from k360desk.projectfile import (
    Committee,
    District,
    Facility,
    FacilityType,
    Indicator,
    Meeting,
    Provider,
    TargetGroup,
)
from k360desk.ui.models.grid import FIXED


@pytest.fixture
def confirm(monkeypatch):
    """Answer every delete confirmation with Yes and keep its text."""
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def _page(qtbot, module, name, context):
    import importlib

    cls = getattr(importlib.import_module(f"k360desk.ui.editors.{module}"), name)
    page = cls(context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    # A long table reads its rows one turn after the page appears: wait for that turn.
    from k360desk.ui.editors.section import RecordSection

    for section in page.findChildren(RecordSection):
        qtbot.waitUntil(lambda s=section: not s._rows_pending, timeout=5000)
    return page


def _edit(section, record_id, field, value):
    row = section.model.row_of(record_id)
    index = section.proxy.mapFromSource(section.model.index(row, section.model.column_of(field)))
    return section.proxy.setData(index, value)


def test_districts_add_edit_delete_undo(qtbot, context, confirm):
    page = _page(qtbot, "districts", "DistrictsPage", context)
    project = context.project
    section = page.districts
    assert section.model.rowCount() == 8
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    assert section.model.rowCount() == 9
    new_id = section.current_id()
    assert project.get(District, new_id).code == "24"
    assert context.selected_districts == (new_id,)
    assert _edit(section, new_id, "name", "Hafen")
    assert project.get(District, new_id).name == "Hafen"
    assert section.model.index(section.model.row_of(new_id), 1).data() == "Hafen"
    # A duplicate code is refused with a message beside the table; nothing changes.
    assert not _edit(section, new_id, "code", "11")
    assert section.error.isVisibleTo(page) and "bereits vergeben" in section.error.text()
    # Delete a district with values: the confirmation names what depends on it.
    old = project.find(District, code="11")
    section.select_ids([old.id])
    section.delete_selected()
    assert "Indikatorwerte" in confirm[-1]
    assert project.get(District, old.id) is None
    assert section.model.row_of(old.id) == -1
    context.undo_stack.undo()
    assert project.get(District, old.id) is not None
    assert section.model.row_of(old.id) >= 0
    context.undo_stack.undo()  # the name
    assert project.get(District, new_id).name.startswith("Neuer Sozialraum")


def test_district_form_commits_and_shows_errors(qtbot, context):
    page = _page(qtbot, "districts", "DistrictsPage", context)
    section = page.districts
    district = context.project.find(District, code="12")
    section.select_ids([district.id])
    form = section.form
    assert form.isEnabled() and form.editors["name"].text() == "Quartier 12"
    form.editors["name"].setText("Altstadt")
    form.editors["name"].editingFinished.emit()
    assert context.project.get(District, district.id).name == "Altstadt"
    form.editors["name"].setText("")
    form.editors["name"].editingFinished.emit()
    assert form.errors["name"].isVisibleTo(page)
    assert context.project.get(District, district.id).name == "Altstadt"
    # Filtering the table by text
    section.filter.setText("altstadt")
    assert section.proxy.rowCount() == 1


def test_filter_and_sort_levels(qtbot, context):
    page = _page(qtbot, "districts", "DistrictsPage", context)
    section = page.levels
    section.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert section.proxy.index(0, 0).data() == "Quartier"
    section.filter.setText("stadt")
    assert section.proxy.rowCount() == 1
    section.select_ids([section.model.record_id(section.proxy.mapToSource(
        section.proxy.index(0, 0)).row())])
    section.copy()
    assert QGuiApplication.clipboard().text() == "Stadtteil\t0\t\n"


def test_values_grid_paste_undo_redo_copy(qtbot, context):
    page = _page(qtbot, "indicators", "IndicatorsPage", context)
    project = context.project
    ind = project.find(Indicator, key="arbeitslose")
    page.indicators.select_ids([ind.id])
    grid = page.grid
    page.tabs.setCurrentWidget(grid)  # the grid reads its values when shown
    assert grid.model.indicator_id == ind.id
    row = grid.model.codes.index("11")
    grid.table.setCurrentIndex(grid.proxy.index(row, FIXED))
    assert grid.paste_text("1.234,5\t-\r\n7\tx\r\n") is None
    assert context.undo_stack.count() == 1
    frame = project.values_frame(indicators=["arbeitslose"]).set_index(["district", "period"])
    assert frame.loc[("11", 2022), "value"] == 1234.5
    assert frame.loc[("11", 2023), "status"] == "missing"
    assert frame.loc[("12", 2023), "status"] == "suppressed"
    assert grid.model.index(row, FIXED).data() == "1.235"  # shown with the indicator's decimals
    assert grid.model.index(row, FIXED).data(Qt.ItemDataRole.EditRole) == "1.234,5"
    context.undo_stack.undo()
    frame = project.values_frame(indicators=["arbeitslose"]).set_index(["district", "period"])
    assert frame.loc[("11", 2022), "value"] == 50.0
    assert frame.loc[("12", 2023), "status"] == "final"
    assert grid.model.index(row, FIXED).data() == "50"
    context.undo_stack.redo()
    assert grid.model.index(row, FIXED).data() == "1.235"
    # Copy back for Excel: German numbers, tab-separated.
    grid.table.selectionModel().clearSelection()
    grid.table.selectionModel().select(grid.proxy.index(row, FIXED),
                                       grid.table.selectionModel().SelectionFlag.Select)
    grid.table.selectionModel().select(grid.proxy.index(row, FIXED + 1),
                                       grid.table.selectionModel().SelectionFlag.Select)
    grid.copy()
    assert QGuiApplication.clipboard().text() == "1.234,5\t–\n"  # official sign for "nothing"


def test_values_grid_rejects_bad_block_and_keeps_values(qtbot, context):
    page = _page(qtbot, "indicators", "IndicatorsPage", context)
    grid = page.grid
    page.tabs.setCurrentWidget(grid)
    grid.set_indicator(context.project.find(Indicator, key="einwohner").id)
    grid.table.setCurrentIndex(grid.proxy.index(grid.model.codes.index("11"), FIXED))
    before = context.project.values_frame(indicators=["einwohner"])
    error = grid.paste_text("1\tzwei\n")
    assert error and "keine Zahl" in error and grid.error.isVisibleTo(page)
    assert context.undo_stack.count() == 0
    assert context.project.values_frame(indicators=["einwohner"]).equals(before)


def test_values_grid_typing_sorted_and_new_year(qtbot, context):
    page = _page(qtbot, "indicators", "IndicatorsPage", context)
    grid = page.grid
    page.tabs.setCurrentWidget(grid)  # the grid reads its values when shown
    grid.set_indicator(context.project.find(Indicator, key="einwohner").id)
    grid.level.setCurrentIndex(grid.level.findText("Quartier"))  # Stadtteile are computed
    grid.table.sortByColumn(FIXED, Qt.SortOrder.DescendingOrder)
    top = grid.proxy.index(0, 1).data()
    assert top == "Quartier 23"  # 3000 inhabitants
    grid.year.setValue(2024)
    grid.add_year.click()
    col = FIXED + grid.model.periods.index(2024)
    assert grid.proxy.setData(grid.proxy.index(0, col), "3.100")
    frame = context.project.values_frame(indicators=["einwohner"], periods=[2024])
    assert list(frame["district"]) == ["23"] and frame.iloc[0]["value"] == 3100.0
    grid.table.setCurrentIndex(grid.proxy.index(0, col))
    grid.table.selectionModel().select(grid.proxy.index(0, col),
                                       grid.table.selectionModel().SelectionFlag.Select)
    grid.clear_selection()
    assert context.project.values_frame(indicators=["einwohner"], periods=[2024]).empty


def test_indicator_key_validation(qtbot, context):
    page = _page(qtbot, "indicators", "IndicatorsPage", context)
    section = page.indicators
    ind = context.project.find(Indicator, key="einwohner")
    assert not _edit(section, ind.id, "key", "Einwohner Zahl")
    assert "Kleinbuchstaben" in section.error.text()
    assert _edit(section, ind.id, "decimals", 2)
    assert context.project.get(Indicator, ind.id).decimals == 2


def test_providers_facilities_filters_and_groups(qtbot, context):
    project = context.project
    awo = project.add(Provider(name="AWO"))
    kita = project.add(FacilityType(name="Kita"))
    treff = project.add(FacilityType(name="Jugendtreff"))
    kids = project.add(TargetGroup(name="Kinder"))
    d11 = project.find(District, code="11").id
    f1 = project.add(Facility(name="Kita Sonne", provider_id=awo, type_id=kita, district_id=d11))
    project.add(Facility(name="Treff Nord", type_id=treff))
    page = _page(qtbot, "providers", "ProvidersPage", context)
    section = page.facilities
    assert section.model.rowCount() == 2
    combo = page._filters["type_id"]
    combo.setCurrentIndex(combo.findData(kita))
    assert section.proxy.rowCount() == 1
    combo.setCurrentIndex(0)
    section.select_ids([f1])
    item = page.groups_list.item(0)
    assert item.text() == "Kinder"
    item.setCheckState(Qt.CheckState.Checked)
    assert list(project.link_frame("facility_target_groups")["target_group_id"]) == [kids]
    assert section.model.value(section.model.row_of(f1), "target_groups") == "Kinder"
    groups = page._filters["target_groups"]
    groups.setCurrentIndex(groups.findData("Kinder"))
    assert section.proxy.rowCount() == 1
    context.undo_stack.undo()
    assert project.link_frame("facility_target_groups").empty
    assert section.proxy.rowCount() == 0  # the filter still asks for "Kinder"
    groups.setCurrentIndex(0)
    # Dates are edited and shown in German
    messages = []
    section.model.message.connect(messages.append)
    assert _edit(section, f1, "opened", "2020-08-01"), messages
    row = section.model.row_of(f1)
    assert section.model.index(row, section.model.column_of("opened")).data() == "01.08.2020"


def test_providers_filters_take_the_tables_lists_and_follow_changes(qtbot, context):
    # Issue 24: the filters read providers, types and districts a second time on the first
    # visit (800 providers, 550 districts at city scale).
    project = context.project
    project.add(Provider(name="AWO"))
    statements: list[str] = []
    project._conn.set_trace_callback(statements.append)
    try:
        page = _page(qtbot, "providers", "ProvidersPage", context)
    finally:
        project._conn.set_trace_callback(None)
    assert len([s for s in statements if "FROM providers" in s]) == 1
    combo = page._filters["provider_id"]
    assert [combo.itemText(i) for i in range(1, combo.count())] == ["AWO"]
    page.providers.add()  # through the undo stack: a change notice
    assert combo.count() == 3
    districts = page._filters["district_id"]
    assert districts.count() == 1 + len(project.all(District))


def test_providers_hidden_tabs_load_when_shown(qtbot, context):
    """The first visit shows the facilities; providers, types and target groups (hidden
    tabs) are read the first time their tab is opened, and then follow changes."""
    project = context.project
    project.add(Provider(name="AWO"))
    project.add(FacilityType(name="Kita"))
    page = _page(qtbot, "providers", "ProvidersPage", context)
    assert page.tabs.currentWidget() is page.facilities
    assert page.providers.model.rowCount() == 0
    assert page.types.model.rowCount() == 0
    project.add(Provider(name="Caritas"))
    page.tabs.setCurrentWidget(page.providers)
    assert page.providers.model.rowCount() == 2
    page.tabs.setCurrentIndex(2)
    assert page.types.model.rowCount() == 1
    page.providers.add()
    assert len(project.all(Provider)) == 3
    page.tabs.setCurrentWidget(page.providers)
    assert page.providers.model.rowCount() == 3


def test_committees_need_a_committee_first(qtbot, context, confirm):
    project = context.project
    page = _page(qtbot, "committees", "CommitteesPage", context)
    page.meetings.add()
    assert "zuerst ein Gremium" in page.meetings.error.text()
    page.committees.add()
    committee = page.committees.current_id()
    page.meetings.add()
    meeting = page.meetings.current_id()
    assert project.get(Meeting, meeting).committee_id == committee
    page.items.add()
    assert project.count("agenda_items") == 1
    page.committees.select_ids([committee])
    page.committees.delete_selected()
    assert "Sitzung: 1" in confirm[-1]
    assert project.count("agenda_items") == 0 and project.get(Committee, committee) is None
    context.undo_stack.undo()
    assert project.count("agenda_items") == 1


def test_settings_page(qtbot, context, tmp_path):
    from PySide6.QtGui import QColor, QImage

    project = context.project
    page = _page(qtbot, "settings", "ProjectSettingsPage", context)
    page.ags.setText("12ab")
    page.ags.editingFinished.emit()
    assert page.errors["ags"].isVisibleTo(page) and project.get_meta("ags") == ""
    page.ags.setText("01001000")
    page.ags.editingFinished.emit()
    assert project.get_meta("ags") == "01001000" and not page.errors["ags"].isVisibleTo(page)
    page.threshold.setValue(5)
    page.threshold.editingFinished.emit()
    assert project.disclosure_threshold == 5
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("steelblue"))
    logo = tmp_path / "logo.png"
    image.save(str(logo))
    assert page.set_logo(logo) is None
    assert not page.logo.pixmap().isNull()
    assert page.set_logo(tmp_path / "nope.txt") is not None
    context.undo_stack.undo()
    assert project.link_frame("assets").empty
    context.undo_stack.undo()
    context.undo_stack.undo()
    assert project.get_meta("ags") == "" and page.ags.text() == ""


def test_pages_have_accessible_names(qtbot, context):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QHeaderView,
        QLineEdit,
    )

    for module, name in (("districts", "DistrictsPage"), ("indicators", "IndicatorsPage"),
                         ("providers", "ProvidersPage"),
                         ("committees", "CommitteesPage"), ("settings", "ProjectSettingsPage")):
        page = _page(qtbot, module, name, context)
        unnamed = []
        for cls in (QAbstractButton, QAbstractItemView, QComboBox, QLineEdit):
            for widget in page.findChildren(cls):
                if isinstance(widget, QHeaderView) or _inside_qt_widget(widget, page):
                    continue
                if not widget.accessibleName() and not _labelled(widget):
                    unnamed.append(f"{type(widget).__name__} {widget.objectName()}")
        assert not unnamed, f"{name}: {unnamed}"


def _labelled(widget) -> bool:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    if isinstance(widget, QAbstractButton) and widget.text():
        return True
    return any(label.buddy() is widget for label in widget.window().findChildren(QLabel))


def _inside_qt_widget(widget, page) -> bool:
    """Parts Qt builds itself (combo popups, tab scroll buttons, clear buttons …)."""
    from PySide6.QtWidgets import QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QTabBar

    parent = widget.parentWidget()
    while parent is not None and parent is not page:
        if isinstance(parent, (QComboBox, QTabBar, QAbstractSpinBox, QLineEdit, QAbstractItemView)):
            return True
        parent = parent.parentWidget()
    return False


def test_keyboard_insert_and_delete(qtbot, context, confirm):
    page = _page(qtbot, "indicators", "IndicatorsPage", context)
    section = page.topics
    page.activateWindow()
    section.table.setFocus()
    qtbot.waitUntil(section.table.hasFocus)
    before = context.project.count("topics")
    qtbot.keyClick(section.table, Qt.Key.Key_Insert)
    assert context.project.count("topics") == before + 1
    qtbot.keyClick(section.table, Qt.Key.Key_Escape)  # leave the editor opened for the name
    section.table.setFocus()
    qtbot.keyClick(section.table, Qt.Key.Key_Delete)
    assert confirm and context.project.count("topics") == before


def test_pages_are_english_when_english_is_chosen(qtbot, context, qapp):
    import re

    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QAbstractButton, QLabel, QTabWidget

    from k360desk.ui import i18n

    translator = i18n.load_translator(qapp, "en")
    assert translator is not None
    qapp.installTranslator(translator)
    german = re.compile(r"[äöüÄÖÜß]|\b(und|der|die|das|nicht|Neu|Löschen|Filtern)\b")
    found = []
    try:
        for module, name in (("districts", "DistrictsPage"), ("indicators", "IndicatorsPage"),
                             ("providers", "ProvidersPage"),
                             ("committees", "CommitteesPage"),
                             ("settings", "ProjectSettingsPage")):
            page = _page(qtbot, module, name, context)
            texts = []
            for child in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
                texts += [child.text(), child.toolTip(), child.accessibleName()]
            for tabs in page.findChildren(QTabWidget):
                texts += [tabs.tabText(i) for i in range(tabs.count())]
            from k360desk.ui.editors.section import RecordSection

            for section in page.findChildren(RecordSection):
                model = section.model
                texts += [model.headerData(c, Qt.Orientation.Horizontal)
                          for c in range(model.columnCount())]
            found += [f"{name}: {t}" for t in texts if t and german.search(t)
                      and not _data_text(t, context)]
    finally:
        qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert not found, found


def _data_text(text: str, context) -> bool:
    """Names from the project itself (districts, topics …) stay as the user typed them."""
    return "Quartier" in text or "Arbeit und Soziales" in text or "Süd" in text


def test_district_cannot_be_its_own_ancestor(qtbot, context):
    page = _page(qtbot, "districts", "DistrictsPage", context)
    project = context.project
    nord = project.find(District, code="1")
    quartier = project.find(District, code="11")
    assert not _edit(page.districts, nord.id, "parent_id", quartier.id)
    assert "Teilräume" in page.districts.error.text()
    assert project.get(District, nord.id).parent_id is None
    assert _edit(page.districts, quartier.id, "parent_id", project.find(District, code="2").id)


def test_values_grid_status_of_selected_cells(qtbot, context):
    page = _page(qtbot, "indicators", "IndicatorsPage", context)
    grid = page.grid
    page.tabs.setCurrentWidget(grid)  # the grid reads its values when shown
    grid.set_indicator(context.project.find(Indicator, key="einwohner").id)
    row = grid.model.codes.index("21")
    selection = grid.table.selectionModel()
    for col in (FIXED, FIXED + 1):
        selection.select(grid.proxy.index(row, col), selection.SelectionFlag.Select)
    assert grid.set_status("provisional") is None
    frame = context.project.values_frame(indicators=["einwohner"], districts=[
        grid.model.district_ids[row]])
    assert set(frame["status"]) == {"provisional"} and frame["value"].notna().all()
    assert grid.model.index(row, FIXED).data(Qt.ItemDataRole.FontRole).italic()
    grid.set_status("suppressed")
    assert grid.model.index(row, FIXED).data() == "."  # the official sign (issue 19)
    context.undo_stack.undo()
    context.undo_stack.undo()
    frame = context.project.values_frame(indicators=["einwohner"], districts=[
        grid.model.district_ids[row]])
    assert set(frame["status"]) == {"final"}


def test_page_follows_a_replaced_project(qtbot, context, tmp_path):
    from k360desk.projectfile import Project

    page = _page(qtbot, "districts", "DistrictsPage", context)
    old = context.project
    other = Project.create("Leer")
    try:
        context.set_project(other)
        qtbot.waitUntil(lambda: page.districts.model.rowCount() == 0)
        assert page.levels.model.rowCount() == 0
    finally:
        context.set_project(old)
        other.close()
    qtbot.waitUntil(lambda: page.districts.model.rowCount() == 8)


def test_values_grid_notes_survive_paste_and_show_as_tooltip(qtbot, context):
    page = _page(qtbot, "indicators", "IndicatorsPage", context)
    grid = page.grid
    page.tabs.setCurrentWidget(grid)  # the grid reads its values when shown
    grid.set_indicator(context.project.find(Indicator, key="einwohner").id)
    row = grid.model.codes.index("22")
    selection = grid.table.selectionModel()
    selection.select(grid.proxy.index(row, FIXED), selection.SelectionFlag.Select)
    assert grid.set_note("Melderegister, Stand 31.12.") is None
    assert "Melderegister" in grid.model.index(row, FIXED).data(Qt.ItemDataRole.ToolTipRole)
    grid.table.setCurrentIndex(grid.proxy.index(row, FIXED))
    assert grid.paste_text("300\n") is None
    frame = context.project.values_frame(indicators=["einwohner"], periods=[2022],
                                         districts=[grid.model.district_ids[row]])
    assert frame.iloc[0]["value"] == 300.0 and frame.iloc[0]["note"].startswith("Melderegister")


def test_values_grid_repaint_asks_only_the_visible_cells(qtbot, context):
    page = _page(qtbot, "indicators", "IndicatorsPage", context)
    page.tabs.setCurrentWidget(page.grid)
    grid = page.grid
    grid.set_indicator(context.project.find(Indicator, key="einwohner").id)
    qtbot.waitUntil(grid.table.viewport().isVisible)
    qtbot.wait(20)  # let the view lay out its rows after the reset
    grid.model.data_calls = 0
    grid.table.viewport().repaint()
    cells = grid.model.rowCount() * grid.model.columnCount()
    assert 0 < grid.model.data_calls <= 8 * cells


def test_alt_n_adds_to_the_section_in_use_and_tab_skips_the_form_frame(qtbot, context):
    from PySide6.QtWidgets import QApplication

    page = _page(qtbot, "districts", "DistrictsPage", context)
    page.activateWindow()
    districts, levels = page.districts, page.levels
    districts.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is districts.table, timeout=2000)
    before = (districts.model.rowCount(), levels.model.rowCount())
    qtbot.keyClick(districts.table, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: districts.model.rowCount() == before[0] + 1, timeout=2000)
    assert levels.model.rowCount() == before[1]
    assert districts.add_button.text() == "&Neu"  # the underline stays as the hint
    assert districts.form_area.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_values_grid_year_columns_fit_their_values(qtbot, context):
    page = _page(qtbot, "indicators", "IndicatorsPage", context)
    grid = page.grid
    page.tabs.setCurrentWidget(grid)
    grid.set_indicator(context.project.find(Indicator, key="einwohner").id)
    metrics = grid.table.fontMetrics()
    for column in range(FIXED, grid.proxy.columnCount()):
        widest = max(metrics.horizontalAdvance(str(grid.proxy.index(r, column).data() or ""))
                     for r in range(grid.proxy.rowCount()))
        assert widest < grid.table.columnWidth(column) <= max(widest + 30, 60)


def test_empty_tables_say_what_to_do(qtbot):
    from k360desk.projectfile import Project
    from k360desk.ui.context import ProjectContext

    context = ProjectContext()
    context.set_project(Project.create("Leerstadt"))
    try:
        page = _page(qtbot, "districts", "DistrictsPage", context)
        hint = page.districts.empty_label
        assert hint.isVisible() and "Importieren" in hint.text()
        page.districts.add()
        assert not hint.isVisible()
        page.districts.filter.setText("gibt es nicht")
        assert hint.isVisible() and "Keine Treffer" in hint.text()
    finally:
        context.set_project(None)


def test_disclosure_threshold_reads_as_below_n_cases(qtbot, context):
    page = _page(qtbot, "settings", "ProjectSettingsPage", context)
    assert page.threshold.suffix() == " Fällen"
    assert page.threshold.text().endswith("Fällen")


def test_values_grid_behind_its_tab_reads_values_when_shown(qtbot, context):
    # Issue 24: the hidden "Werte" tab read and laid out all values of an indicator with
    # the page (0,13 s of the first visit at city scale).
    statements: list[str] = []
    context.project._conn.set_trace_callback(statements.append)
    try:
        page = _page(qtbot, "indicators", "IndicatorsPage", context)
    finally:
        context.project._conn.set_trace_callback(None)
    assert not [s for s in statements if "indicator_values" in s]
    assert page.grid.model.rowCount() == 0
    page.tabs.setCurrentWidget(page.grid)
    assert page.grid.model.rowCount() > 0 and page.grid.model.indicator_id is not None


def test_facilities_appear_one_turn_after_the_page_says_they_are_loading(qtbot, context):
    """#24: the first visit of "Träger & Angebote" shows the page before it reads the
    4.000-row facilities table; meanwhile the table says so instead of "no entries"."""
    from k360desk.ui.editors.providers import ProvidersPage

    project = context.project
    for name in ("Treff Nord", "Treff Süd"):
        project.add(Facility(name=name))
    page = ProvidersPage(context)
    qtbot.addWidget(page)
    page.show()
    section = page.facilities
    assert section.model.rowCount() == 0
    assert section.empty_label.isVisible() and "geladen" in section.empty_label.text()
    qtbot.waitUntil(lambda: section.model.rowCount() == 2, timeout=5000)
    assert not section.empty_label.isVisible()
