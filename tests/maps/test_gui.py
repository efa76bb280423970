"""The map page driven like a user: switch indicator, hover, click, follow the selection."""

from __future__ import annotations

import os

import pytest

pytest.importorskip("pytestqt")


@pytest.fixture
def page(qtbot, fake_context):
    from k360desk.ui.map_view import MapPage

    widget = MapPage(fake_context)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.select_indicator("arbeitslose", 2023)
    return widget


def _district_center(page, code):
    spec = page.canvas.spec
    row = spec.base.codes.index(code)
    return row, spec.base.anchors[row]


def _to_widget(page, x, y):
    """CRS coordinates → widget pixel position (Qt's y axis points down)."""
    from PySide6.QtCore import QPoint

    page.canvas.draw()
    px, py = page.canvas.ax.transData.transform((x, y))
    ratio = page.canvas.device_pixel_ratio or 1
    return QPoint(int(px / ratio), int(page.canvas.height() - py / ratio))


def test_indicator_switch_only_recolours(page):
    spec = page.canvas.spec
    assert spec is not None and spec.value_label == "Arbeitslose 2023"
    collection = page.canvas.artists.collection
    before = collection.get_facecolors().copy()
    page.select_indicator("einwohner", 2023)
    assert page.canvas.artists.collection is collection
    assert page.canvas.spec.value_label.startswith("Einwohnerinnen")
    assert (collection.get_facecolors() != before).any()


def test_hover_gives_name_value_reference_and_class(page, qtbot):
    row, (x, y) = _district_center(page, "23")
    text = page.canvas.tooltip_at(x, y)
    assert text.startswith("Quartier 23 (23)")
    assert "Arbeitslose 2023: 495" in text and "Klasse" in text
    qtbot.mouseMove(page.canvas, _to_widget(page, x, y))
    qtbot.waitUntil(lambda: page.canvas.last_tooltip.startswith("Quartier 23"), timeout=2000)


def test_click_selects_and_selection_signal_highlights(page, qtbot, fake_context):
    from PySide6.QtCore import Qt

    _row, (x, y) = _district_center(page, "12")
    district_id = int(page.canvas.spec.base.ids[page.canvas.spec.base.codes.index("12")])
    with qtbot.waitSignal(fake_context.selection_changed, timeout=2000) as blocker:
        qtbot.mouseClick(page.canvas, Qt.MouseButton.LeftButton, pos=_to_widget(page, x, y))
    assert blocker.args == [(district_id,)]
    assert len(page.canvas.artists.selection.get_paths()) == 1
    # a selection made elsewhere (a table) shows up on the map as well
    other = int(page.canvas.spec.base.ids[0])
    fake_context.select_districts((other, district_id))
    assert len(page.canvas.artists.selection.get_paths()) == 2


def test_wheel_zoom_and_reset(page):
    xlim = page.canvas.ax.get_xlim()
    page.zoom_in.click()
    assert page.canvas.ax.get_xlim()[1] - page.canvas.ax.get_xlim()[0] < xlim[1] - xlim[0]
    page.zoom_reset.click()
    assert page.canvas.ax.get_xlim() == pytest.approx(xlim)


def test_charts_and_export(page, qtbot, tmp_path):
    page.charts.kind.setCurrentIndex(page.charts.kind.findData("bar"))
    qtbot.waitUntil(lambda: page.charts.spec is not None and page.charts.spec.kind == "bar", timeout=3000)
    page.export_map_to(str(tmp_path / "karte.pdf"))
    page.export_chart_to(str(tmp_path / "balken.svg"))
    assert (tmp_path / "karte.pdf").stat().st_size > 2000
    assert (tmp_path / "balken.svg").stat().st_size > 2000
    page.copy_map()
    from PySide6.QtGui import QGuiApplication

    assert not QGuiApplication.clipboard().image().isNull()
    if os.environ.get("K360_SHOTS"):
        page.grab().save(os.path.join(os.environ["K360_SHOTS"], "map_page.png"))


def test_project_changes_redraw(page, qtbot, fake_context):
    from k360desk.projectfile import Change

    project = fake_context.project
    indicators = project.indicators_frame().set_index("key")
    ids = dict(zip(project.districts_frame()["code"], project.districts_frame()["id"], strict=True))
    project.set_values([{"indicator_id": int(indicators.loc["arbeitslose", "id"]),
                         "district_id": int(ids["23"]), "period": 2023, "value": None,
                         "status": "suppressed"}])
    fake_context.changed.emit([Change("indicator_values", "bulk")])
    qtbot.waitUntil(lambda: "geheim gehalten (.)" in [e.label for e in page.canvas.spec.legend], timeout=2000)


def test_facility_filter_shows_only_checked_types(page, qtbot, fake_context):
    from PySide6.QtCore import Qt
    from shapely.geometry import Point

    from k360desk.projectfile import Change, Facility, FacilityType

    project = fake_context.project
    kita = project.add(FacilityType(name="Kita", symbol="o", color="#1b7837"))
    jz = project.add(FacilityType(name="Jugendzentrum", symbol="s", color="#2166ac"))
    project.add(Facility(name="Kita Nord", type_id=kita, geom=Point(500, 500)))
    project.add(Facility(name="JZ Mitte", type_id=jz, geom=Point(1500, 500)))
    fake_context.changed.emit([Change("facilities", "insert")])
    qtbot.waitUntil(lambda: page.facilities.count() == 2, timeout=2000)
    assert page.canvas.spec.facilities == []
    item = page.facilities.findItems("Kita", Qt.MatchFlag.MatchExactly)[0]
    item.setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: [f.type_name for f in page.canvas.spec.facilities] == ["Kita"], timeout=2000)
    assert len(page.canvas.artists.facility_artists) == 1


def test_map_is_the_main_element_and_the_chart_can_be_hidden(page, qtbot):
    from k360desk.ui.map_view import CHART_MIN_WIDTH

    map_width, chart_width = page._splitter.sizes()
    assert map_width >= 2 * chart_width
    assert chart_width >= CHART_MIN_WIDTH
    # Controls never cut: the scroll area is at least as wide as its content needs.
    inner = page.controls.widget()
    assert page.controls.width() >= inner.minimumSizeHint().width()
    page.show_chart_button.setChecked(False)
    assert not page.charts.isVisible()
    qtbot.waitUntil(lambda: page.canvas.width() > map_width, timeout=1000)
    page.show_chart_button.setChecked(True)
    assert page.charts.isVisible() and page._splitter.sizes()[1] >= CHART_MIN_WIDTH
    # Dragged shut at the handle: the button follows.
    page._splitter.moveSplitter(page._splitter.width(), 1)
    qtbot.waitUntil(lambda: not page.show_chart_button.isChecked(), timeout=1000)


def test_empty_project_map_says_what_to_do(qtbot, fake_context):
    from k360desk.projectfile import Project
    from k360desk.ui.map_view import MapPage

    fake_context.project = Project.create("Leerstadt")
    try:
        widget = MapPage(fake_context)
        qtbot.addWidget(widget)
        widget._rebuild()
        texts = [t.get_text() for t in widget.canvas.ax.texts]
        assert any("Importieren ▸ Sozialräume" in t for t in texts)
    finally:
        fake_context.project.close()


def test_narrow_chart_wraps_its_axis_title_and_ticks_do_not_touch(page, qtbot):
    page.select_indicator("einwohner", 2023)
    page._splitter.setSizes([page._splitter.width() - 260, 260])
    qtbot.waitUntil(lambda: page.charts.spec is not None, timeout=3000)
    page.charts._fit_labels()
    charts = page.charts
    charts.canvas.draw()
    ax = charts.figure.get_axes()[0]
    renderer = charts.canvas.get_renderer()
    label = ax.xaxis.label.get_window_extent(renderer)
    assert label.x0 >= 0 and label.x1 <= charts.figure.bbox.width
    boxes = sorted((t.get_window_extent(renderer) for t in ax.get_xticklabels()
                    if t.get_text() and t.get_visible()), key=lambda b: b.x0)
    boxes = [b for b in boxes if 0 <= b.x0 and b.x1 <= charts.figure.bbox.width]
    assert all(a.x1 < b.x0 for a, b in zip(boxes, boxes[1:], strict=False))
    assert not any(t.get_text().endswith(",0") for t in ax.get_xticklabels())


def test_narrow_tall_map_puts_the_legend_below_and_uses_the_width(page, qtbot):
    from k360desk.ui.map_canvas import LEGEND_BELOW_WIDTH_PX

    total = sum(page._splitter.sizes())
    page._splitter.setSizes([480, total - 480])
    qtbot.waitUntil(lambda: page.canvas.width() < 520, timeout=2000)
    page.canvas._fit_axes()
    page.canvas.draw()
    canvas = page.canvas
    assert canvas.legend_below
    renderer = canvas.get_renderer()
    legend = canvas.artists.legend.get_window_extent(renderer)
    frame = canvas.ax.get_position()
    assert frame.width > 0.9  # the map spans the canvas instead of sharing it with the legend
    assert legend.y1 < canvas.ax.get_window_extent(renderer).y0 and legend.y0 >= 0
    page._splitter.setSizes([total - 260, 260])
    qtbot.waitUntil(lambda: page.canvas.width() >= LEGEND_BELOW_WIDTH_PX, timeout=2000)
    page.canvas._fit_axes()
    assert not canvas.legend_below and canvas.ax.get_position().width < 0.8


def test_pending_chart_rebuild_is_cancelled_when_the_page_closes(page, qtbot, fake_context):
    # A switch queues the chart rebuild on a timer; the page closes and the project with it
    # before the timer fires. Nothing may touch the closed file afterwards.
    page.select_indicator("einwohner", 2023)
    assert page._chart_update.isActive()
    page.close()
    fake_context.project.close()
    qtbot.wait(200)  # an exception in the timer's slot would fail this test (pytest-qt)
    assert not page._chart_update.isActive() and not page._update.isActive()


def test_project_replaced_cancels_pending_rebuilds(page, qtbot, fake_context):
    page.select_indicator("einwohner", 2023)
    project = fake_context.project
    fake_context.project = None
    fake_context.project_replaced.emit()
    project.close()
    qtbot.wait(200)
    assert page.canvas.spec is None


def test_hidden_chart_panel_is_not_rebuilt_until_shown_again(page, qtbot):
    qtbot.waitUntil(lambda: page.charts.spec is not None, timeout=3000)
    page.show_chart_button.setChecked(False)
    shown = page.charts.spec
    page.select_indicator("einwohner", 2023)
    qtbot.wait(150)
    assert page.charts.spec is shown  # nobody sees it: no rebuild
    page.show_chart_button.setChecked(True)
    qtbot.waitUntil(lambda: page.charts.spec is not shown, timeout=3000)
    assert "Einwohner" in page.charts.spec.title


def test_a_chart_switch_renders_the_chart_once(page, qtbot):
    # Fitting the axis titles used to render the whole chart first, then again on paint.
    qtbot.waitUntil(lambda: page.charts.spec is not None, timeout=3000)
    qtbot.wait(50)
    draws = []
    cid = page.charts.canvas.mpl_connect("draw_event", lambda _event: draws.append(1))
    page.select_indicator("einwohner", 2023)
    qtbot.waitUntil(lambda: "Einwohner" in page.charts.spec.title, timeout=3000)
    qtbot.waitUntil(lambda: len(draws) >= 1, timeout=3000)
    qtbot.wait(300)  # the resize timer and any idle draw have run
    page.charts.canvas.mpl_disconnect(cid)
    assert len(draws) == 1
