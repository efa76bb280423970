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
                    and page.charts.spec is not None, timeout=3000)
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
