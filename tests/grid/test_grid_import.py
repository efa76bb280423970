"""Census grid cells aggregated to districts: known answers on synthetic grids."""

from __future__ import annotations

import zipfile

import numpy as np
import pytest
from shapely.geometry import box

from k360desk.io import grid
from k360desk.io.grid_read import parse_ids, parse_values
from k360desk.io.report import ImportProblem
from k360desk.progress import Cancelled, Progress
from k360desk.projectfile import District, DistrictLevel, Project

X0, Y0 = 4_321_000, 3_210_000  # a corner on the 100 m grid, in EPSG:3035


def cell_id(east: int, north: int, res: str = "100m") -> str:
    return f"CRS3035RES{res}N{north}E{east}"


def grid_csv(cells: list[tuple[int, int, str]], extra: dict | None = None, marker: dict | None = None,
             with_centres: bool = True) -> str:
    """A grid table as published: ';', decimal comma, lower-left corners in the id."""
    head = ["GITTER_ID_100m"] + (["x_mp_100m", "y_mp_100m"] if with_centres else []) + ["Einwohner"]
    extra = extra or {}
    names = sorted({k for v in extra.values() for k in v})
    head += names + ["werterlaeuternde_Zeichen"]
    lines = [";".join(head)]
    for east, north, value in cells:
        row = [cell_id(east, north)]
        if with_centres:
            row += [str(east + 50), str(north + 50)]
        row.append(value)
        row += [extra.get((east, north), {}).get(n, "0") for n in names]
        row.append((marker or {}).get((east, north), ""))
        lines.append(";".join(row))
    return "\n".join(lines) + "\n"


def block(nx: int, ny: int, value=lambda i, j: str(10 * (i + 1) + j)) -> list[tuple[int, int, str]]:
    return [(X0 + 100 * i, Y0 + 100 * j, value(i, j)) for i in range(nx) for j in range(ny)]


@pytest.fixture
def laea_project():
    """Two Quartiere in EPSG:3035: A (x 0–300 m) and B (x 300–600 m), 200 m tall, one Stadtteil."""
    project = Project.create("Gitterstadt", crs=3035)
    top = project.add(DistrictLevel(name="Stadtteil", rank=0))
    low = project.add(DistrictLevel(name="Quartier", rank=1))
    parent = project.add(District(code="1", name="Mitte", level_id=top,
                                  geom=box(X0, Y0, X0 + 600, Y0 + 200)))
    project.add(District(code="1A", name="Am Markt", level_id=low, parent_id=parent,
                         geom=box(X0, Y0, X0 + 300, Y0 + 200)))
    project.add(District(code="1B", name="Bahnhof", level_id=low, parent_id=parent,
                         geom=box(X0 + 300, Y0, X0 + 600, Y0 + 200)))
    yield project
    project.close()


def values_of(project, key):
    frame = project.values_frame(indicators=[key])
    return {row.district: row.value for row in frame.itertuples()}, frame


def test_ids_give_the_cell_centre_and_size():
    import pandas as pd

    x, y, size, ok = parse_ids(pd.Series(["CRS3035RES100mN2689100E4337000",
                                          "CRS3035RES1000mN2689000E4337000", "CRS3035RES1kmN1E2", "kaputt"]))
    assert list(x[:2]) == [4337050, 4337500] and list(y[:2]) == [2689150, 2689500]
    assert list(size[:3]) == [100, 1000, 1000] and list(ok) == [True, True, True, False]


def test_withheld_markers_are_never_zero():
    import pandas as pd

    values = parse_values(pd.Series(["3", "–", "", "-", "12,5", "1.234", "0", "x", "."]))
    assert values[0] == 3 and values[4] == 12.5 and values[5] == 1234 and values[6] == 0
    assert np.isnan(values[[1, 2, 3, 7, 8]]).all()


def test_cells_exactly_inside_sum_to_each_district(laea_project, tmp_path):
    cells = block(6, 2)  # 12 cells; columns 0–2 in A, 3–5 in B
    source = tmp_path / "Zensus2022_Bevoelkerungszahl_100m-Gitter.csv"
    source.write_text(grid_csv(cells), encoding="utf-8")
    result = grid.run(laea_project, source)
    values, frame = values_of(laea_project, "zensus22_einwohner")
    expected_a = sum(10 * (i + 1) + j for i in range(3) for j in range(2))
    expected_b = sum(10 * (i + 1) + j for i in range(3, 6) for j in range(2))
    # Every level with boundaries gets its own sums straight from the cells.
    assert values == {"1A": expected_a, "1B": expected_b, "1": expected_a + expected_b}
    assert set(frame["status"]) == {"final"} and set(frame["period"]) == {2022}
    assert result.levels == ["Quartier", "Stadtteil"]
    table = result.districts.set_index("code")
    assert list(table["cells"]) == [6, 6, 12] and list(table["cells_cut"]) == [0, 0, 0]
    from k360desk.figures.indicators import indicator_table

    stadtteil = laea_project.find(DistrictLevel, name="Stadtteil").id
    table = indicator_table(laea_project, "zensus22_einwohner", 2022, stadtteil)
    assert list(table["value"]) == [expected_a + expected_b]
    only = grid.run(laea_project, source, grid.GridOptions(level="Quartier"))
    assert only.levels == ["Quartier"] and len(only.districts) == 2


def test_indicator_carries_definition_source_date_and_licence(laea_project, tmp_path):
    from k360desk.projectfile import Indicator

    source = tmp_path / "g.csv"
    source.write_text(grid_csv(block(6, 2)), encoding="utf-8")
    grid.run(laea_project, source)
    ind = laea_project.find(Indicator, key="zensus22_einwohner")
    assert ind.kind == "count" and ind.decimals == 0 and ind.unit == "Personen"
    assert "Zensus 2022" in ind.source and "dl-de/by-2-0" in ind.source
    assert "15.05.2022" in ind.description and "Zellmittelpunkt" in ind.description
    _values, frame = values_of(laea_project, "zensus22_einwohner")
    assert all("15.05.2022" in note for note in frame["note"])


def test_withheld_cells_are_reported_with_their_area_and_never_counted_as_zero(laea_project, tmp_path):
    cells = block(6, 2)
    cells[-1] = (cells[-1][0], cells[-1][1], "–")  # a cell of B withheld
    marker = {(X0, Y0): "KLAMMERN"}
    source = tmp_path / "g.csv"
    source.write_text(grid_csv(cells, marker=marker), encoding="utf-8")
    result = grid.run(laea_project, source)
    values, frame = values_of(laea_project, "zensus22_einwohner")
    expected_b = sum(10 * (i + 1) + j for i in range(3, 6) for j in range(2)) - (10 * 6 + 1)
    assert values["1B"] == expected_b
    status = dict(zip(frame["district"], frame["status"], strict=True))
    assert status == {"1A": "final", "1B": "estimated", "1": "estimated"}
    table = result.districts.set_index("code")
    assert table.at["1B", "withheld"] == 1
    assert table.at["1B", "withheld_area_share"] == pytest.approx(10_000 / 60_000)
    assert table.at["1A", "limited"] == 1
    text = result.report.text()
    assert "1 Zelle geheim gehalten" in text and "nicht als null gezählt" in text
    assert "eingeschränkter Aussagekraft" in text
    line_b = [line for line in result.district_lines("Quartier") if line.startswith("1B")][0]
    assert "1 geheim gehalten (16,7 % der Fläche)" in line_b


def test_boundary_through_cells_centre_rule_and_area_rule(tmp_path):
    # A: x 0–250 m, B: x 250–600 m: the cells of column 2 (200–300 m) are halved, their
    # centres (x = 250) lie exactly on the boundary and go to the code that sorts first.
    project = Project.create("Schnitt", crs=3035)
    low = project.add(DistrictLevel(name="Quartier", rank=0))
    project.add(District(code="A", name="West", level_id=low, geom=box(X0, Y0, X0 + 250, Y0 + 200)))
    project.add(District(code="B", name="Ost", level_id=low, geom=box(X0 + 250, Y0, X0 + 600, Y0 + 200)))
    cells = block(6, 2, value=lambda i, j: "100")
    source = tmp_path / "g.csv"
    source.write_text(grid_csv(cells), encoding="utf-8")
    centre = grid.run(project, source)
    values, _ = values_of(project, "zensus22_einwohner")
    assert values == {"A": 600, "B": 600}  # 6 cells each: column 2 goes to A
    table = centre.districts.set_index("code")
    assert table.at["A", "cells_cut"] == 2 and table.at["B", "cells_cut"] == 0
    assert table.at["A", "population_cut"] == 200
    area = grid.run(project, source, grid.GridOptions(method="area"))
    values, _ = values_of(project, "zensus22_einwohner")
    assert values == {"A": pytest.approx(500), "B": pytest.approx(700)}
    table = area.districts.set_index("code")
    assert table.at["A", "cells_cut"] == 2 and table.at["B", "cells_cut"] == 2
    assert area.report.updated == 2  # the second import replaced the first one's values
    project.close()


def test_cells_outside_are_filtered_and_a_mixed_resolution_file_uses_each_cells_size(laea_project,
                                                                                      tmp_path):
    text = "GITTER_ID_100m;Einwohner\n"
    text += f"{cell_id(X0, Y0)};5\n"  # inside A
    text += f"{cell_id(X0 + 500, Y0 + 100)};7\n"  # inside B
    text += f"{cell_id(X0 + 50_000, Y0)};1000\n"  # far away
    text += f"CRS3035RES1000mN{Y0}E{X0};999\n"  # a 1 km cell over both, centre in neither
    text += "kaputt;3\n"
    source = tmp_path / "mixed.csv"
    source.write_text(text, encoding="utf-8")
    result = grid.run(laea_project, source)
    values, _ = values_of(laea_project, "zensus22_einwohner")
    assert values == {"1A": 5, "1B": 7, "1": 12}
    report = result.report.text()
    assert "5 Zeilen gelesen, 3 Zellen im Gebiet der Sozialräume, 1 außerhalb" in report
    assert "Zeile 6: übersprungen – Zelle ohne erkennbare Lage" in report
    assert "100 m, 1 km (gemischt" in report
    assert "Ebene „Quartier“: 1 Zelle im Umriss, aber in keinem Sozialraum" in report


def test_a_grid_in_laea_lands_in_districts_stored_in_utm(tmp_path):
    """The project's CRS is UTM 32N; the cells are placed through pyproj's LAEA transformation."""
    from pyproj import Transformer
    from shapely.ops import transform

    to_utm = Transformer.from_crs(3035, 25832, always_xy=True).transform
    project = Project.create("Utm", crs=25832)
    low = project.add(DistrictLevel(name="Quartier", rank=0))
    project.add(District(code="W", name="West", level_id=low,
                         geom=transform(to_utm, box(X0, Y0, X0 + 300, Y0 + 200))))
    project.add(District(code="O", name="Ost", level_id=low,
                         geom=transform(to_utm, box(X0 + 300, Y0, X0 + 600, Y0 + 200))))
    source = tmp_path / "g.csv"
    source.write_text(grid_csv(block(6, 2, value=lambda i, j: str(i + 1)), with_centres=False),
                      encoding="utf-8")
    grid.run(project, source)
    values, _ = values_of(project, "zensus22_einwohner")
    assert values == {"W": 2 * (1 + 2 + 3), "O": 2 * (4 + 5 + 6)}
    project.close()


def test_zipped_file_shares_and_the_municipal_total(laea_project, tmp_path):
    extra = {(e, n): {"a65undaelter": "2"} for e, n, _v in block(6, 2)}
    archive = tmp_path / "Zensus2022_Alter.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Zensus2022_Alter_100m-Gitter.csv",
                   grid_csv(block(6, 2, value=lambda i, j: "10"), extra=extra))
    options = grid.GridOptions(shares=["anteil_65plus=zensus22_a65undaelter/zensus22_einwohner:"
                                       "Anteil 65 Jahre und älter"], totals={"Einwohner": 125})
    result = grid.run(laea_project, archive, options)
    from k360desk.projectfile import Indicator

    share = laea_project.find(Indicator, key="anteil_65plus")
    assert share.kind == "share" and share.scale == 100 and share.name == "Anteil 65 Jahre und älter"
    assert share.numerator_id == laea_project.find(Indicator, key="zensus22_a65undaelter").id
    assert ("„Einwohner“, Ebene „Stadtteil“: Summe der Sozialräume 120, Gesamtzahl der Gemeinde 125, "
            "Unterschied -5 (-4,0 %)") in result.report.text()
    # The share is computed from numerator and denominator, never summed: 12 of 60 = 20 %.
    from k360desk.figures.indicators import indicator_table

    table = indicator_table(laea_project, "anteil_65plus", 2022)
    assert list(table["value"]) == [pytest.approx(20.0), pytest.approx(20.0)]  # the Quartiere
    assert table["reference"].iloc[0] == pytest.approx(20.0)


def test_shares_per_cell_are_not_summed(laea_project, tmp_path):
    source = tmp_path / "g.csv"
    source.write_text("GITTER_ID_100m;Einwohner;Anteil_Auslaender\n"
                      f"{cell_id(X0, Y0)};10;12,5\n", encoding="utf-8")
    result = grid.run(laea_project, source)
    assert "Nicht übernommen (Anteile oder Durchschnitte je Zelle, nicht summierbar): " \
           "Anteil_Auslaender" in result.report.text()
    with pytest.raises(ImportProblem, match="nicht über Zellen aufsummieren"):
        grid.run(laea_project, source, grid.GridOptions(values=["Anteil_Auslaender"]))


def test_not_a_grid_file_and_no_cell_in_the_area_are_refused(laea_project, tmp_path):
    plain = tmp_path / "plain.csv"
    plain.write_text("Gebiet;Wert\n1A;3\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match="nicht wie eine Gitterzellen-Tabelle"):
        grid.run(laea_project, plain)
    far = tmp_path / "far.csv"
    far.write_text(f"GITTER_ID_100m;Einwohner\n{cell_id(X0 + 90_000, Y0)};3\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match="Keine Gitterzelle liegt im Gebiet"):
        grid.run(laea_project, far)
    assert laea_project.count("indicator_values") == 0


def test_cancel_leaves_the_project_unchanged(laea_project, tmp_path):
    source = tmp_path / "g.csv"
    source.write_text(grid_csv(block(6, 2)), encoding="utf-8")
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        grid.run(laea_project, source, progress=progress)
    assert laea_project.count("indicator_values") == 0 and laea_project.count("indicators") == 0


def test_real_boundaries_agree_with_an_independent_spatial_join(fl_project_grid, tmp_path):
    """Flensburg's real Stadtteile (UTM 32N) and a grid over them: our sums equal a plain
    geopandas join of the cell centres, done independently in the project's CRS."""
    import geopandas as gpd
    import pandas as pd
    from pyproj import Transformer

    project = fl_project_grid
    districts = project.districts_frame()
    x0, y0, x1, y1 = districts.to_crs(3035).total_bounds
    rng = np.random.default_rng(7)
    east = np.arange(int(x0) // 100 * 100, int(x1) + 100, 100)
    north = np.arange(int(y0) // 100 * 100, int(y1) + 100, 100)
    ee, nn = np.meshgrid(east, north)
    ee, nn = ee.ravel(), nn.ravel()
    people = rng.integers(0, 60, len(ee))
    lines = ["GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner"]
    lines += [f"CRS3035RES100mN{n}E{e};{e + 50};{n + 50};{p}" for e, n, p in zip(ee, nn, people, strict=True)]
    source = tmp_path / "flensburg_gitter.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = grid.run(project, source)
    ours, _ = values_of(project, "zensus22_einwohner")
    to_utm = Transformer.from_crs(3035, districts.crs, always_xy=True)
    ux, uy = to_utm.transform(ee + 50.0, nn + 50.0)
    points = gpd.GeoDataFrame({"people": people}, geometry=gpd.points_from_xy(ux, uy), crs=districts.crs)
    level = districts[districts["level"] == result.levels[0]]
    joined = gpd.sjoin(points, level[["code", "geometry"]], predicate="within")
    expected = joined.groupby("code")["people"].sum()
    assert len(ours) == len(level) == 13
    got = pd.Series(ours).reindex(expected.index)
    assert (got == expected).all(), (got - expected).abs().max()


@pytest.fixture
def fl_project_grid(flensburg):
    from k360desk.io import districts

    project = Project.create("Flensburg")
    districts.run(project, flensburg / "stadtteile")
    yield project
    project.close()


def test_centres_written_with_a_decimal_comma_or_missing_fall_back_to_text(laea_project, tmp_path):
    source = tmp_path / "komma.csv"
    source.write_text("GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner\n"
                      f"{cell_id(X0, Y0)};{X0 + 50},0;{Y0 + 50},0;4\n"
                      f"{cell_id(X0 + 500, Y0)};;;6\n", encoding="utf-8")
    grid.run(laea_project, source, grid.GridOptions(level="Quartier"))
    values, _ = values_of(laea_project, "zensus22_einwohner")
    assert values == {"1A": 4, "1B": 6}


def test_the_same_grid_file_twice_changes_nothing_and_says_so(laea_project, tmp_path):
    source = tmp_path / "g.csv"
    source.write_text(grid_csv(block(6, 2)), encoding="utf-8")
    grid.run(laea_project, source)
    again = grid.run(laea_project, source).report
    assert (again.taken, again.updated, again.unchanged) == (0, 0, 3)
    assert "3 unverändert" in again.summary()
