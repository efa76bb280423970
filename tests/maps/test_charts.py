"""Charts: suppressed values shown as such, correlation, export."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from k360desk.export.charts import (
    bar_spec,
    correlation_text,
    export_chart,
    histogram_spec,
    matrix_spec,
    pearson,
    scatter_spec,
    series_spec,
)


def _table(n=12, suppressed=(2,)):
    frame = pd.DataFrame({"district_id": range(1, n + 1), "code": [f"{i:02d}" for i in range(1, n + 1)],
                          "name": [f"Quartier {i}" for i in range(1, n + 1)],
                          "value": np.linspace(1, 12, n)})
    frame["suppressed"] = frame["district_id"].isin(suppressed)
    frame.loc[frame["suppressed"], "value"] = 0.0  # a stored zero must not be shown as a value
    return frame


def test_bar_chart_sorts_and_keeps_suppressed_apart():
    spec = bar_spec(_table(), indicator_name="Quote", unit="%", period=2023, reference=6.0)
    assert spec.data["value"].iloc[0] == 12
    last = spec.data.iloc[-1]
    assert last["suppressed"] and np.isnan(last["value"])


def test_bar_chart_marks_suppressed_with_a_dot_not_a_bar():
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    from k360desk.export.charts import draw_chart

    draw_chart(ax, bar_spec(_table(), indicator_name="Quote", reference=6.0))
    # Issue 15: a hatched stub of arbitrary length read as a value; now only the symbol ".".
    assert _hatched_bars(ax) == 0
    assert [t.get_text() for t in ax.texts].count(".") == 1
    labels = [t.get_text() for t in ax.texts + fig.texts]
    assert any("geheim gehalten" in t for t in labels)
    assert any(line.get_label().startswith("Gesamtstadt: 6,0") for line in ax.lines)


def _hatched_bars(ax):
    """Hatched bars, whether drawn as patches or as rectangles of one collection."""
    from matplotlib.path import Path

    return (sum(1 for p in ax.patches if p.get_hatch())
            + sum(int((path.codes == Path.MOVETO).sum()) for c in ax.collections
                  if c.get_hatch() for path in c.get_paths()))


@pytest.mark.parametrize("n", [30, 550])
def test_many_bars_are_one_collection_and_show_their_colours(n):
    # One patch per district made the chart beside the map cost 0.3 s at city scale.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.colors import to_rgb
    from matplotlib.figure import Figure

    from k360desk.export.charts import draw_chart

    table = _table(n, suppressed=(2, 5))
    # Colours of two map classes (low and high values), as the page passes them.
    colors = {int(d): ("#1b9e77" if v < 6 else "#d95f02")
              for d, v in zip(table["district_id"], table["value"], strict=True)}
    spec = bar_spec(table, indicator_name="Quote", reference=6.0, colors=colors, highlight=(7,))
    fig = Figure(figsize=(6, 5), dpi=100)
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    draw_chart(ax, spec)
    assert len(ax.patches) == 0 and len(ax.collections) <= 3
    assert _hatched_bars(ax) == 0  # withheld values are "." symbols, never a length
    if n <= 60:
        assert [t.get_text() for t in ax.texts].count(".") == 2
    else:
        markers = [line for line in ax.lines if line.get_marker() == "."]
        assert len(markers) == 1 and len(markers[0].get_xdata()) == 2
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())[..., :3].astype(int)
    for color in ("#1b9e77", "#d95f02"):
        share = (abs(pixels - np.array(to_rgb(color)) * 255).sum(axis=2) < 12).mean()
        assert share > 0.01, color
    # the bars start at zero and the longest fills the axis up to the top value
    limits = ax.get_xlim() if n <= 60 else ax.get_ylim()
    assert limits[0] == 0 and limits[1] >= table["value"].max()


def test_pearson_and_german_text():
    x = np.array([1, 2, 3, 4, np.nan])
    r, n = pearson(x, np.array([2, 4, 6, 8, 10]))
    assert r == pytest.approx(1.0) and n == 4
    assert correlation_text(-0.6234, 48) == "Korrelation (Pearson) r = -0,62, n = 48"
    assert "nicht berechenbar" in correlation_text(*pearson([1, 2], [3, 4]))


def test_scatter_leaves_out_suppressed_pairs():
    x = _table()
    y = _table(suppressed=(5,)).assign(value=lambda f: f["value"] * 2)
    spec = scatter_spec(x, y, x_name="A", y_name="B")
    assert spec.extra["n"] == 10 and spec.extra["r"] == pytest.approx(1.0)


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_every_kind_exports(tmp_path, suffix):
    table = _table()
    rows = pd.DataFrame([{"district_id": d, "name": f"Q{d}", "period": p, "value": d + p / 1000,
                          "suppressed": d == 2 and p == 2021} for d in (1, 2) for p in (2020, 2021, 2022)])
    index = table.assign(status_class=["1", "2", "3"] * 4, dynamics_class=["-", "+"] * 6)
    specs = [
        bar_spec(table, indicator_name="Quote", reference=5.0),
        series_spec(rows, pd.Series({2020: 1.5, 2021: 1.6, 2022: 1.7}), indicator_name="Quote"),
        scatter_spec(table, table, x_name="A", y_name="B"),
        matrix_spec(index, status_order=["1", "2", "3"], dynamics_order=["-", "+"]),
        histogram_spec(table, indicator_name="Quote", reference=5.0, breaks=[4, 8, 12],
                       colors=["#fee8c8", "#fdbb84", "#e34a33"]),
    ]
    for spec in specs:
        path = export_chart(spec, tmp_path / f"{spec.kind}{suffix}", dpi=60)
        assert path.stat().st_size > 1000


def test_tick_labels_drop_decimals_on_whole_values():
    from k360desk.export.charts import axis_label

    assert axis_label(5000.0, 1) == "5.000"
    assert axis_label(2.5, 1) == "2,5"
    assert axis_label(0.125, 2) == "0,13" or axis_label(0.125, 2) == "0,12"


def test_series_marks_a_withheld_year_with_the_official_dot():
    """Issue 19: "x" means "not applicable" in official tables; a withheld value is "."."""
    from matplotlib.figure import Figure

    from k360desk.export.charts import draw_chart

    rows = pd.DataFrame([{"district_id": d, "name": f"Q{d}", "period": p, "value": d + p / 1000,
                          "suppressed": d == 2 and p == 2021} for d in (1, 2) for p in (2020, 2021, 2022)])
    fig = Figure()
    ax = fig.add_subplot()
    draw_chart(ax, series_spec(rows, None, indicator_name="Quote"))
    markers = {line.get_marker() for line in ax.lines if line.get_linestyle() == "None"}
    assert "x" not in markers and "." in markers
    legend = [t.get_text() for t in ax.get_legend().get_texts()] if ax.get_legend() else []
    labels = legend + [t.get_text() for t in fig.texts]
    assert any("geheim gehalten (." in t for t in labels) and not any("×" in t for t in labels)
