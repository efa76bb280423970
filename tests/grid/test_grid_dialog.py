"""The grid import assistant: columns offered, import off the GUI thread, table, map, undo."""

from __future__ import annotations

import pytest

from tests.grid.test_grid_import import X0, Y0, block, grid_csv


@pytest.fixture
def context(qtbot):
    from shapely.geometry import box

    from k360desk.projectfile import District, DistrictLevel, Project
    from k360desk.ui.context import ProjectContext

    project = Project.create("Gitterstadt", crs=3035)
    low = project.add(DistrictLevel(name="Quartier", rank=0))
    project.add(District(code="1A", name="Am Markt", level_id=low, geom=box(X0, Y0, X0 + 300, Y0 + 200)))
    project.add(District(code="1B", name="Bahnhof", level_id=low, geom=box(X0 + 300, Y0, X0 + 600, Y0 + 200)))
    ctx = ProjectContext()
    ctx.set_project(project)
    yield ctx
    ctx.set_project(None)
    project.close()


def test_grid_import_through_the_assistant_with_table_map_and_undo(context, qtbot, tmp_path):
    from k360desk.ui.grid_import_dialog import show_grid_import_dialog

    cells = block(6, 2)
    cells[0] = (cells[0][0], cells[0][1], "–")
    source = tmp_path / "g.csv"
    source.write_text(grid_csv(cells, extra={(X0, Y0): {"Anteil_65plus": "12,5"}}), encoding="utf-8")
    dialog = show_grid_import_dialog(context)
    qtbot.addWidget(dialog)
    dialog.set_source(source)
    offered = {dialog.columns.item(i).text(): dialog.columns.item(i) for i in range(dialog.columns.count())}
    assert set(offered) == {"Einwohner", "Anteil_65plus"}
    assert not offered["Anteil_65plus"].flags() & offered["Anteil_65plus"].flags().ItemIsEnabled
    dialog.total.setText("300")
    dialog.start_import()
    assert dialog.task.wait(30000)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    assert dialog.pages.currentWidget() is dialog.result_tabs
    assert "Werte aus Gitterzellen: 2 neu übernommen" in dialog.report_page.summary.text()
    assert dialog.district_model.rowCount() == 2
    assert dialog.district_model.data(dialog.district_model.index(0, 6)) == "1"  # 1A: one withheld
    dialog.result_tabs.setCurrentIndex(2)
    dialog.resize(900, 620)
    image = dialog.canvas.grab().toImage()
    assert image.width() > 200 and dialog.canvas.accessibleName().startswith("Gitterkarte")
    project = context.project
    values = project.values_frame(indicators=["zensus22_einwohner"])
    assert dict(zip(values["district"], values["value"], strict=True))["1B"] == sum(
        10 * (i + 1) + j for i in range(3, 6) for j in range(2))
    context.undo_stack.undo()
    assert project.count("indicator_values") == 0 and project.count("indicators") == 0
    context.undo_stack.redo()
    assert len(project.values_frame(indicators=["zensus22_einwohner"])) == 2


def test_grid_map_draws_withheld_cells_hatched_and_classes_distinct_in_grey(tmp_path):
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from k360desk.analysis.palettes import relative_luminance
    from k360desk.export import grid_map
    from k360desk.io.grid_read import GridCells

    x = np.array([X0 + 50.0 + 100 * i for i in range(6)])
    cells = GridCells(x=x, y=np.full(6, Y0 + 50.0), size=np.full(6, 100.0),
                      values={"Einwohner": np.array([1, 5, 10, 50, 100, np.nan])},
                      limited=np.zeros(6, bool), ids=np.array([""] * 6, dtype=object))
    import geopandas as gpd
    from shapely.geometry import box

    boundaries = gpd.GeoDataFrame({"code": ["1A"]}, geometry=[box(X0, Y0, X0 + 600, Y0 + 100)], crs=3035)
    figure = Figure(figsize=(6, 2))
    FigureCanvasAgg(figure)
    labels = grid_map.draw_grid(figure.add_subplot(), cells, boundaries, "Einwohner")
    assert labels[-1] == "geheim gehalten (1)" and labels[0].startswith("bis ")
    colours = grid_map.brewer(grid_map.DEFAULT_NEUTRAL, 6)[1:]
    lum = sorted(relative_luminance(c) for c in colours)
    assert min(b - a for a, b in zip(lum, lum[1:], strict=False)) > 0.03
    figure.savefig(tmp_path / "gitter.png", dpi=80)
    assert (tmp_path / "gitter.png").stat().st_size > 1000


def test_the_file_menu_offers_the_grid_import(qtbot):
    from k360desk.ui.menus import IMPORT_KINDS

    assert ("grid", "&Zensus-Gitterzellen…") in IMPORT_KINDS
