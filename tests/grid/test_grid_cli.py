"""``k360desk import grid`` end to end: report, per-district lines, saved values."""

from __future__ import annotations

import zipfile

from k360desk.cli import main
from k360desk.projectfile import Project
from tests.grid.test_grid_import import X0, Y0, block, grid_csv


def _project(tmp_path) -> str:
    from shapely.geometry import box

    from k360desk.projectfile import District, DistrictLevel

    path = tmp_path / "gitter.k360"
    with Project.create("Gitterstadt", path, crs=3035) as project:
        low = project.add(DistrictLevel(name="Quartier", rank=0))
        project.add(District(code="1A", name="Am Markt", level_id=low, geom=box(X0, Y0, X0 + 250, Y0 + 200)))
        project.add(District(code="1B", name="Bahnhof", level_id=low,
                             geom=box(X0 + 250, Y0, X0 + 600, Y0 + 200)))
        project.save()
    return str(path)


def test_import_grid_from_the_command_line(tmp_path, capsys):
    project = _project(tmp_path)
    archive = tmp_path / "Zensus2022_Bevoelkerungszahl.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Zensus2022_Bevoelkerungszahl_100m-Gitter.csv",
                   grid_csv(block(6, 2, value=lambda i, j: "10")))
    rc = main(["import", "grid", project, str(archive), "--method", "area",
               "--total", "Einwohner=125", "--districts-report", str(tmp_path / "je.csv"),
               "--cells-map", str(tmp_path / "gitter.png"), "--cells-out", str(tmp_path / "zellen.gpkg")])
    out = capsys.readouterr().out
    assert rc == 0, out
    assert "Werte aus Gitterzellen: 2 neu übernommen" in out
    assert "Ebene „Quartier“: Summe der Sozialräume 120, Gesamtzahl der Gemeinde 125, Unterschied -5" in out
    assert "Je Sozialraum der Ebene „Quartier“:" in out
    assert "1A Am Markt: 6 Zellen, 33 % von der Grenze angeschnitten (20 Einwohner darin)" in out
    table = (tmp_path / "je.csv").read_text(encoding="utf-8-sig")
    assert table.splitlines()[0].startswith("Ebene;Schlüssel;Sozialraum;Einwohner;Zellen;")
    with Project.open(project, read_only=True) as saved:
        frame = saved.values_frame(indicators=["zensus22_einwohner"])
        assert dict(zip(frame["district"], frame["value"], strict=True)) == {"1A": 50, "1B": 70}
    import pyogrio

    cells = pyogrio.read_dataframe(tmp_path / "zellen.gpkg")
    assert len(cells) == 12 and cells.crs.to_epsg() == 3035 and cells["Einwohner"].sum() == 120
    from PySide6.QtGui import QImage

    image = QImage(str(tmp_path / "gitter.png"))
    assert image.width() > 800 and image.height() > 800


def test_import_grid_names_the_columns_and_keys(tmp_path, capsys):
    project = _project(tmp_path)
    source = tmp_path / "g.csv"
    source.write_text(grid_csv(block(6, 2)), encoding="utf-8")
    assert main(["import", "grid", project, str(source), "--value", "Fehlt"]) == 1
    assert "Fehler: Spalte(n) „Fehlt“ gibt es nicht; Wertespalten der Datei: Einwohner" \
        in capsys.readouterr().err
    assert main(["import", "grid", project, str(source), "--value", "Einwohner",
                 "--indicator", "ew_zensus"]) == 0
    with Project.open(project, read_only=True) as saved:
        assert len(saved.values_frame(indicators=["ew_zensus"])) == 2
