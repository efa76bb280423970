"""Charts never draw a withheld value as a length, keep counts and the city total on separate
scales, show every matrix row and column without text spilling, and explain their lines."""

from __future__ import annotations

import pytest

from k360desk.cli import main


@pytest.fixture
def withheld_file(excluded_file, tmp_path):
    """The demo city with the unemployed count of two Quartiere withheld in 2024."""
    import shutil
    import sqlite3

    path = tmp_path / "geheim.k360"
    shutil.copy(excluded_file, path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE indicator_values SET value = NULL, status = 'suppressed' WHERE period = 2024 "
                     "AND indicator_id = (SELECT id FROM indicators WHERE key = 'arbeitslose') "
                     "AND district_id IN (SELECT fid FROM districts WHERE code IN ('0101', '0102'))")
    conn.close()
    return path


def _open(path):
    from k360desk.projectfile import Project

    return Project.open(path, read_only=True)


def test_withheld_bars_have_no_length(withheld_file, tmp_path, capsys):
    out = tmp_path / "bar.svg"
    assert main(["chart", str(withheld_file), "--kind", "bar", "--indicator", "arbeitslose",
                 "--period", "2024", "-o", str(out)]) == 0, capsys.readouterr().err
    svg = out.read_text(encoding="utf-8")
    assert "<pattern" not in svg  # no hatched stub that reads as a value
    assert svg.count("<!-- . -->") == 2  # the official symbol for a withheld value, per bar


def test_withheld_bar_rows_are_empty_pixels(withheld_file, qapp):
    import numpy as np

    from k360desk.export.chart_data import chart_spec
    from k360desk.export.charts import chart_figure
    from tests.outputs.pixels import grey, rendered

    project = _open(withheld_file)
    try:
        spec = chart_spec(project, "bar", "arbeitslose", 2024)
    finally:
        project.close()
    fig = chart_figure(spec)
    pixels = rendered(fig)
    ax = fig.axes[0]
    names = list(spec.data["name"])
    rows = np.arange(len(names))[::-1]
    for i, withheld in enumerate(spec.data["suppressed"]):
        x0, y = ax.transData.transform((0, rows[i]))
        x1, _ = ax.transData.transform((ax.get_xlim()[1] * 0.9, rows[i]))
        line = grey(pixels[int(pixels.shape[0] - y), int(x0) + 2:int(x1)])
        inked = float((line < 200).mean())
        if withheld:
            assert inked < 0.05, f"withheld {names[i]} is drawn as a bar"
        elif spec.data["value"].iloc[i] > spec.data["value"].max() * 0.3:
            assert inked > 0.2


def test_series_of_a_count_keeps_the_city_total_on_its_own_axis(excluded_file, qapp):
    from k360desk.export.chart_data import chart_spec
    from k360desk.export.charts import chart_figure

    project = _open(excluded_file)
    try:
        ids = [int(i) for i in project.districts_frame().query("code in ['0101', '0102']").index]
        spec = chart_spec(project, "series", "arbeitslose", None, district_ids=ids)
    finally:
        project.close()
    fig = chart_figure(spec)
    fig.canvas.draw()
    left = fig.axes[0]
    top = spec.data["value"].max()
    assert left.get_ylim()[1] < 2 * top, "districts squashed under the city total"
    assert len(fig.axes) == 2
    right = fig.axes[1]
    assert "Gesamtstadt" in right.get_ylabel() and "rechte Achse" in right.get_ylabel()
    assert right.get_ylim()[1] >= spec.extra["city"].max()


@pytest.mark.parametrize("fixture", ["plain_file", "excluded_file"])
def test_matrix_shows_every_class_and_keeps_codes_inside_their_cells(request, fixture, qapp):
    from k360desk.export.chart_data import chart_spec
    from k360desk.export.charts import chart_figure

    project = _open(request.getfixturevalue(fixture))
    try:
        spec = chart_spec(project, "matrix", None, None)
    finally:
        project.close()
    fig = chart_figure(spec)
    fig.canvas.draw()
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["hoch", "mittel", "niedrig", "sehr niedrig"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["positiv", "stabil", "negativ"]
    renderer = fig.canvas.get_renderer()
    boxes = []
    for text in ax.texts:
        if not text.get_text():
            continue
        box = text.get_window_extent(renderer)
        j, i = int(text.get_position()[0]), int(text.get_position()[1])
        (cx0, cy0), (cx1, cy1) = ax.transData.transform([(j, i), (j + 1, i + 1)])
        assert cx0 - 1 <= box.x0 and box.x1 <= cx1 + 1 and cy0 - 1 <= box.y0 and box.y1 <= cy1 + 1, \
            f"„{text.get_text()[:30]}“ spills out of its cell"
        boxes.append(box)
    for a in range(len(boxes)):
        for b in range(a + 1, len(boxes)):
            assert not boxes[a].overlaps(boxes[b])


def test_matrix_names_excluded_districts(excluded_file, tmp_path):
    out = tmp_path / "m.svg"
    assert main(["chart", str(excluded_file), "--kind", "matrix", "-o", str(out)]) == 0
    assert "nicht im Index" in out.read_text(encoding="utf-8")


def test_scatter_explains_its_lines(excluded_file, tmp_path):
    out = tmp_path / "s.svg"
    assert main(["chart", str(excluded_file), "--kind", "scatter", "--indicator", "sgb2_quote",
                 "--indicator2", "kinderarmut", "--period", "2024", "-o", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    assert "<!-- Gesamtstadt SGB-II-Quote" in svg
    assert "<!-- Gesamtstadt Kinderarmut" in svg
    assert "<!-- Ausgleichsgerade" in svg
