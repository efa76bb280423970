"""What keeps an indicator switch on the map page fast, checked on the real widgets."""

from __future__ import annotations

import numpy as np
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


def _settled(page, qtbot) -> None:
    qtbot.waitUntil(lambda: not page._update.isActive() and not page._chart_update.isActive()
                    and page._loading is None and page._periods_task is None
                    and not page._update.isActive() and page.charts.spec is not None,
                    timeout=10000)
    qtbot.wait(200)  # label placement after the view settled


def _pixels(canvas) -> np.ndarray:
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).astype(int).copy()


def _fresh_pixels(canvas) -> np.ndarray:
    """The same figure drawn by plain Agg, every string rendered glyph by glyph."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = canvas.figure
    try:
        plain = FigureCanvasAgg(figure)
        plain.draw()
        return np.asarray(plain.buffer_rgba()).astype(int).copy()
    finally:
        figure.set_canvas(canvas)


def _like_plain_agg(cached: np.ndarray, fresh: np.ndarray) -> bool:
    """Cached strings sit within a quarter pixel and keep the stronger edge where glyphs
    overlap: a few levels of grey at some glyph edges, nothing a reader could see."""
    if cached.shape != fresh.shape:
        return False
    diff = np.abs(cached - fresh).max(axis=2)
    return int(diff.max()) <= 64 and int((diff > 32).sum()) < 300


def test_switch_back_renders_no_string_anew_and_paints_like_plain_agg(page, qtbot):
    from k360desk.export import agg_text

    _settled(page, qtbot)
    page.select_indicator("einwohner", 2023)
    _settled(page, qtbot)
    page.select_indicator("arbeitslose", 2023)
    _settled(page, qtbot)
    before = agg_text.rendered[0]
    map_pixels, chart_pixels = _pixels(page.canvas), _pixels(page.charts.canvas)
    assert agg_text.rendered[0] == before  # titles, legend and ticks came from the cache
    for cached, canvas in ((map_pixels, page.canvas), (chart_pixels, page.charts.canvas)):
        assert _like_plain_agg(cached, _fresh_pixels(canvas))


def test_switch_shows_the_new_legend_and_title_not_a_cached_one(page, qtbot):
    _settled(page, qtbot)
    first = _pixels(page.canvas)
    page.select_indicator("einwohner", 2023)
    _settled(page, qtbot)
    second = _pixels(page.canvas)
    assert _like_plain_agg(second, _fresh_pixels(page.canvas))
    assert (np.abs(first - second).max(axis=2) > 100).sum() > 500


def _map_message(page) -> str:
    return " ".join(t.get_text() for t in page.canvas.ax.texts)


def test_first_visit_reads_values_beside_the_gui_thread_and_shows_the_frame_first(
        qtbot, fake_context):
    from k360desk.ui.map_view import MapPage

    project = fake_context.project
    on_gui_thread: list[str] = []
    project._conn.set_trace_callback(on_gui_thread.append)
    try:
        page = MapPage(fake_context)
        qtbot.addWidget(page)
        page.resize(1300, 800)
        page.show()
        qtbot.waitExposed(page)
        qtbot.waitUntil(lambda: "wird geladen" in _map_message(page), timeout=3000)
        qtbot.waitUntil(lambda: page.canvas.artists is not None, timeout=10000)
        qtbot.waitUntil(lambda: page.charts.spec is not None, timeout=10000)
    finally:
        project._conn.set_trace_callback(None)
    assert page.period.currentData() == 2023  # the newest period, read by the worker
    assert page.canvas.spec.value_label.endswith("2023")
    # Periods, values and geometries (the city-scale reads) came over the worker's
    # connection; the GUI thread only drew from the caches.
    assert on_gui_thread and not [sql for sql in on_gui_thread if "indicator_values" in sql]
    assert not [sql for sql in on_gui_thread if "geom" in sql]


def test_reading_in_progress_is_cancelled_when_the_page_closes(page, qtbot, fake_context):
    _settled(page, qtbot)
    page.indicator.setCurrentIndex(page.indicator.findData("einwohner"))
    qtbot.waitUntil(lambda: page._loading is not None, timeout=3000)
    task = page._loading
    page.close()
    assert page._loading is None and task.was_cancelled
    fake_context.project.close()  # the file goes away; nothing queued may read it now
    qtbot.wait(300)
    assert task.finished or task.wait(5000)


def _bar_pixels(draw) -> np.ndarray:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(4, 3), dpi=100)
    canvas = FigureCanvasAgg(figure)
    ax = figure.add_axes((0.1, 0.1, 0.85, 0.85))
    draw(ax)
    ax.set_xlim(-0.5, 1999.5)
    ax.set_ylim(-30, 110)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[..., :3].astype(int)


@pytest.mark.parametrize("n", [2000, 150])
def test_thousands_of_sorted_bars_paint_like_one_rectangle_each(n):
    # Sorted bars in class colours, a gap where a value is missing, a few negative values.
    from k360desk.export.chart_bars import draw_bars

    rng = np.random.default_rng(3)
    values = np.sort(rng.uniform(-20, 100, n))[::-1]
    pos = np.delete(np.arange(n), [n // 3, n // 3 + 1])
    values = values[pos]
    colors = np.where(values > 60, "#b30000", np.where(values > 20, "#e34a33", "#fdbb84"))
    scale = 2000 / n
    ours = _bar_pixels(lambda ax: draw_bars(ax, pos * scale, values, 1.0 * scale,
                                            horizontal=False, facecolors=list(colors),
                                            edgecolors="none", linewidth=0.8))
    # One rectangle per bar, drawn as the chart did before (not snapped, not smoothed).
    plain = _bar_pixels(lambda ax: ax.bar(pos * scale, values, width=1.0 * scale,
                                          color=list(colors), linewidth=0, antialiased=False,
                                          snap=False))
    differs = np.abs(ours - plain).max(axis=2) > 0
    # At most the odd pixel where two runs meet and Agg rounds the border the other way.
    assert differs.sum() <= 20 and differs.sum(axis=0).max() <= 1


def test_chart_keeps_its_layout_only_when_a_fresh_layout_would_be_the_same(page, qtbot):
    charts = page.charts
    frozen = []
    for key in ("arbeitslose", "einwohner", "arbeitslose", "arbeitslose", "einwohner"):
        page.select_indicator(key, 2023)
        _settled(page, qtbot)
        charts.canvas.draw()
        ax = charts.figure.get_axes()[0]
        kept = tuple(ax.get_position().bounds)
        frozen.append(charts.figure.get_layout_engine().__class__.__name__
                      == "PlaceHolderLayoutEngine")
        charts._relayout()
        charts.canvas.draw()
        fresh = tuple(ax.get_position().bounds)
        width, height = charts.figure.bbox.width, charts.figure.bbox.height
        assert np.allclose(kept, fresh, atol=0.5 / max(width, height)), key
        charts._keep_layout_if_unchanged()
    assert any(frozen)  # the same indicator again kept its layout


def test_a_new_district_set_leaves_nothing_of_the_old_map_behind(page, qtbot):
    from k360desk.ui.map_canvas import MapCanvas

    _settled(page, qtbot)
    first = page.canvas.spec
    other = next(i for i in range(1, page.level.count())
                 if page.level.itemData(i) != page._bases.get("default"))
    page.level.setCurrentIndex(other)  # another level: new geometries
    _settled(page, qtbot)
    assert page.canvas.spec.base is not first.base
    fresh = MapCanvas()
    fresh.resize(page.canvas.size())
    fresh.show_spec(page.canvas.spec)
    kinds = [sorted(type(a).__name__ for a in canvas.ax._children)
             for canvas in (page.canvas, fresh)]
    assert kinds[0] == kinds[1]
    page.canvas.clear_map("Hinweis")
    assert [t.get_text() for t in page.canvas.ax._children] == ["Hinweis"]
    assert page.canvas.ax.legend_ is None
    fresh.deleteLater()


def test_first_visit_paints_the_map_before_the_chart_in_separate_turns(qtbot, fake_context):
    # Issue 24: on the first visit the chart's data, artists and first draw ran in the same
    # event-loop turn as the map's first draw (0,34 s without a chance to repaint or react).
    from PySide6.QtCore import QTimer

    from k360desk.ui.map_view import MapPage

    page = MapPage(fake_context)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    steps: list[str] = []
    page.canvas.mpl_connect(
        "draw_event", lambda _e: steps.append("map") if page.canvas.artists else None)
    page.charts.canvas.mpl_connect(
        "draw_event", lambda _e: steps.append("chart drawn") if page.charts.spec else None)
    built = page.charts.show_chart

    def show_chart(spec, *args, **kwargs):
        if spec is not None:
            steps.append("chart built")
        return built(spec, *args, **kwargs)

    page.charts.show_chart = show_chart
    heartbeat = QTimer(page, interval=0)
    heartbeat.timeout.connect(lambda: steps.append("turn") if steps and steps[-1] != "turn" else None)
    heartbeat.start()
    page.show()
    qtbot.waitUntil(lambda: "chart drawn" in steps, timeout=10000)
    heartbeat.stop()
    built, drawn = steps.index("chart built"), steps.index("chart drawn")
    assert "map" in steps[:built]  # the map first
    assert "turn" in steps[steps.index("map"):built] and "turn" in steps[built:drawn]


def test_the_first_chart_is_measured_and_shaped_in_idle_turns_before_its_draw(
        qtbot, fake_context):
    # Issue 24: the panel's first draw measured and shaped every label (0,12-0,2 s CPU in
    # one piece); now its labels are prepared in slices before the draw only renders them.
    from k360desk.export import agg_text
    from k360desk.ui.map_view import MapPage

    agg_text.clear_text_cache()
    page = MapPage(fake_context)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    shaped_in_draw: list[tuple[int, int]] = []
    draw = page.charts.canvas.draw

    def counted() -> None:
        before = agg_text.shaped[0]
        draw()
        if page.charts.spec is not None:
            shaped_in_draw.append((agg_text.shaped[0] - before, before))

    page.charts.canvas.draw = counted
    page.show()
    qtbot.waitUntil(lambda: bool(shaped_in_draw), timeout=10000)
    in_draw, before = shaped_in_draw[0]
    assert before > 20  # names of the districts, ticks, titles: shaped before the draw
    # (a value tick the final layout adds, or a resize that draws early, may come on top)
    assert in_draw <= before // 2
