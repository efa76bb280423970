"""Blickpunkt in the districts page (issue 19): typed per district and period, one undo step
per pause in typing, refreshed when the store changes under it."""

from __future__ import annotations

from k360desk.models import commentaries
from k360desk.projectfile import District


def _page(qtbot, context):
    from k360desk.ui.editors.districts import DistrictsPage

    page = DistrictsPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def test_typed_blickpunkt_is_stored_for_the_district_and_period_and_undone(qtbot, context):
    page = _page(qtbot, context)
    project = context.project
    editor = page.commentary
    assert not editor.text.isEnabled()  # nothing selected yet
    district = project.find(District, code="12")
    page.districts.select_ids([district.id])
    assert editor.text.isEnabled() and editor.text.toPlainText() == ""
    assert editor.period.value() == 2023  # the newest period with values
    qtbot.keyClicks(editor.text, "Ruhiges Jahr.")
    qtbot.waitUntil(lambda: commentaries.commentary(project, district.id, 2023) == "Ruhiges Jahr.",
                    timeout=3000)
    assert context.undo_stack.undoText().startswith("Blickpunkt")
    # another period has its own text
    editor.period.setValue(2022)
    assert editor.text.toPlainText() == ""
    editor.period.setValue(2023)
    assert editor.text.toPlainText() == "Ruhiges Jahr."
    # undo through the project's stack puts the store and the editor back
    context.undo_stack.undo()
    assert commentaries.commentary(project, district.id, 2023) == ""
    assert editor.text.toPlainText() == ""
    context.undo_stack.redo()
    assert editor.text.toPlainText() == "Ruhiges Jahr."
    # another district shows its own (empty) Blickpunkt
    other = project.find(District, code="13")
    page.districts.select_ids([other.id])
    assert editor.text.toPlainText() == ""


def test_too_long_blickpunkt_shows_the_german_message(qtbot, context):
    page = _page(qtbot, context)
    district = context.project.find(District, code="12")
    page.districts.select_ids([district.id])
    page.commentary.text.setPlainText("x" * 4100)
    page.commentary.commit()
    assert "höchstens 2500 Zeichen" in page.commentary.error.text().replace(".", "")
    assert page.commentary.error.isVisibleTo(page)
    assert commentaries.commentary(context.project, district.id, 2023) == ""
    assert page.commentary.text.toPlainText() == "x" * 4100  # nothing typed is lost


def test_leaving_the_text_stores_it_at_once(qtbot, context):
    page = _page(qtbot, context)
    district = context.project.find(District, code="12")
    page.districts.select_ids([district.id])
    page.commentary.text.setFocus()
    qtbot.keyClicks(page.commentary.text, "Sofort.")
    page.hide()  # e.g. another page chosen before the pause ends
    assert commentaries.commentary(context.project, district.id, 2023) == "Sofort."


def test_opening_the_page_reads_no_indicator_values(qtbot, context):
    # Issue 24: the newest period took a scan of every value (50-70 ms at city scale) while
    # the page was built, though nothing shows it before a district is chosen.
    statements: list[str] = []
    context.project._conn.set_trace_callback(statements.append)
    try:
        page = _page(qtbot, context)
        qtbot.wait(10)
    finally:
        context.project._conn.set_trace_callback(None)
    assert not [s for s in statements if "indicator_values" in s]
    district = context.project.find(District, code="12")
    page.districts.select_ids([district.id])
    assert page.commentary.period.value() == 2023  # chosen when first needed


def test_known_periods_spare_the_scan(qtbot, context):
    project = context.project
    assert project.periods()[-1] == 2023  # kept until the next change
    page = _page(qtbot, context)
    statements: list[str] = []
    project._conn.set_trace_callback(statements.append)
    try:
        page.districts.select_ids([project.find(District, code="12").id])
    finally:
        project._conn.set_trace_callback(None)
    assert not [s for s in statements if "max(period)" in s]
    assert page.commentary.period.value() == 2023
