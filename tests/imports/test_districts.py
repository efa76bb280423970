"""Boundaries: Flensburg Shapefiles, re-import by code, repairs, CRS, bad files, undo."""

from __future__ import annotations

import json
import shutil

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Polygon, box

from k360desk.io import districts, values
from k360desk.io.report import ImportProblem
from k360desk.io.undo import undo_import
from tests.imports.conftest import snapshot


def _frame(project):
    return project.districts_frame().set_index("code")


def test_flensburg_stadtteile_and_bezirke_with_parents(fl_project):
    frame = _frame(fl_project)
    assert len(frame) == 13 + 41
    assert set(frame["level"]) == {"Stadtteile", "Bezirke"}
    assert frame.loc["STGT03", "name"] == "03 Nordstadt"
    assert frame.loc["STBZ011", "parent_code"] == "STGT01"
    assert frame.loc["STBZ132", "parent_code"] == "STGT13"
    assert frame[frame["level"] == "Bezirke"]["parent_code"].notna().all()
    assert frame.geometry.is_valid.all() and (frame.geometry.geom_type == "MultiPolygon").all()
    assert frame.crs.to_epsg() == 25832
    # the Bezirke tile their Stadtteil
    altstadt = frame.loc["STGT01"].geometry
    parts = shapely.union_all(frame[frame["parent_code"] == "STGT01"].geometry.to_numpy())
    assert abs(parts.area - altstadt.area) / altstadt.area < 0.01


def test_flensburg_zip_reimport_replaces_geometries_and_keeps_values(fl_project, flensburg, tmp_path):
    values.run(fl_project, flensburg / "csv" / "fl_residents_by_district.csv",
               values.ValueOptions(create_indicators=True))
    count = fl_project.count("indicator_values")
    # shrink one Stadtteil in a copy of the file, then re-import the zip's original
    frame = gpd.read_file(flensburg / "stadtteile")
    frame.loc[frame["AREA_ID"] == "STGT01", "geometry"] = box(523000, 6067300, 523100, 6067400)
    changed = tmp_path / "stadtteile_neu.geojson"
    frame.to_file(changed, driver="GeoJSON")
    report = districts.run(fl_project, changed)
    # only the changed boundary counts as updated; the same boundaries again are unchanged
    assert (report.taken, report.updated, report.unchanged, report.skipped) == (0, 1, 12, 0)
    assert _frame(fl_project).loc["STGT01"].geometry.area == pytest.approx(100 * 100)
    assert fl_project.count("indicator_values") == count
    assert fl_project.count("districts") == 54
    undo_import(fl_project, report)
    assert _frame(fl_project).loc["STGT01"].geometry.area > 1e5
    report = districts.run(fl_project, flensburg / "flensburg_stadtteile.zip")
    assert report.updated + report.unchanged == 13
    assert fl_project.count("indicator_values") == count


def _write_geojson(path, features, crs=None):
    data = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": shapely.geometry.mapping(geom)}
        for props, geom in features]}
    if crs:
        data["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_self_intersecting_polygon_is_repaired_and_reported(empty_project, tmp_path):
    bowtie = Polygon([(0, 0), (10, 10), (10, 0), (0, 10), (0, 0)])
    assert not bowtie.is_valid
    path = _write_geojson(tmp_path / "a.geojson", [({"Schlüssel": "1", "Name": "Schleife"}, bowtie),
                                                   ({"Schlüssel": "2", "Name": "Ok"}, box(20, 0, 30, 10))],
                          "urn:ogc:def:crs:EPSG::25832")
    report = districts.run(empty_project, path)
    assert report.taken == 2 and report.skipped == 0
    assert "Geometrie repariert" in report.rows[0].reason and report.rows[0].line == 1
    geom = _frame(empty_project).loc["1"].geometry
    assert geom.is_valid and geom.geom_type == "MultiPolygon" and len(geom.geoms) == 2


def test_points_instead_of_polygons_are_refused(empty_project, tmp_path):
    path = _write_geojson(tmp_path / "p.geojson", [({"code": "1"}, shapely.Point(9.4, 54.8))])
    preview = districts.preview(path)
    assert "keine Flächen" in preview.problem
    with pytest.raises(ImportProblem, match="keine Flächen.*Point"):
        districts.run(empty_project, path)
    assert empty_project.count("districts") == 0


def test_mixed_layer_skips_the_points(empty_project, tmp_path):
    path = _write_geojson(tmp_path / "m.geojson", [({"code": "1"}, shapely.Point(9.4, 54.8)),
                                                   ({"code": "2"}, box(9.4, 54.7, 9.5, 54.8))])
    report = districts.run(empty_project, path)
    assert report.taken == 1 and report.skipped == 1 and "Point statt Fläche" in report.rows[0].reason
    # WGS84 → UTM 32N
    minx, miny, _, _ = _frame(empty_project).loc["2"].geometry.bounds
    assert 500_000 < minx < 530_000 and 6_000_000 < miny < 6_100_000


def test_duplicate_codes_are_skipped(empty_project, tmp_path):
    path = _write_geojson(tmp_path / "d.geojson", [({"Code": "7", "Name": "A"}, box(0, 0, 1, 1)),
                                                   ({"Code": " 7", "Name": "B"}, box(1, 0, 2, 1)),
                                                   ({"Code": "8", "Name": "C"}, box(2, 0, 3, 1))],
                          "urn:ogc:def:crs:EPSG::25832")
    # a column with a repeated code is never guessed as the key (issue 14): named here
    report = districts.run(empty_project, path, districts.DistrictOptions(code="Code"))
    assert report.taken == 1 and report.skipped == 2
    assert all("kommt mehrfach vor (Objekte 1, 2)" in r.reason for r in report.rows)


def _shapefile(tmp_path, crs, encoding="UTF-8", name="Gebiete"):
    frame = gpd.GeoDataFrame({"SCHLUESSEL": ["1", "2"], "NAME": ["Südstadt", "Mürwik"]},
                             geometry=[box(3500000, 6070000, 3501000, 6071000),
                                       box(3501000, 6070000, 3502000, 6071000)], crs=crs)
    folder = tmp_path / "shp"
    folder.mkdir()
    frame.to_file(folder / f"{name}.shp", encoding=encoding)
    return folder


def test_shapefile_without_prj_needs_a_stated_crs(empty_project, tmp_path):
    folder = _shapefile(tmp_path, "EPSG:31467")
    (folder / "Gebiete.prj").unlink()
    with pytest.raises(ImportProblem) as info:
        districts.run(empty_project, folder)
    assert ".prj" in str(info.value) and "Gauß-Krüger Zone 3" in str(info.value)
    assert empty_project.count("districts") == 0
    assert districts.preview(folder).guessed_crs == 31467
    report = districts.run(empty_project, folder, districts.DistrictOptions(crs="EPSG:31467"))
    assert report.taken == 2
    minx = _frame(empty_project).loc["1"].geometry.bounds[0]
    assert 499_000 < minx < 501_000  # GK zone 3 easting 3500000 is UTM 32N 500000 (roughly)


def test_shapefile_in_cp1252_without_cpg_and_as_zip(empty_project, tmp_path):
    folder = _shapefile(tmp_path, "EPSG:31467", encoding="cp1252")
    cpg = folder / "Gebiete.cpg"
    if cpg.exists():
        cpg.unlink()
    archive = shutil.make_archive(str(tmp_path / "gebiete"), "zip", folder)
    report = districts.run(empty_project, archive, districts.DistrictOptions(level="Stadtteile"))
    assert report.taken == 2 and "cp1252" in " ".join(report.notes)
    assert set(_frame(empty_project)["name"]) == {"Südstadt", "Mürwik"}


def test_cancel_and_undo_leave_the_project_as_before(fl_project, flensburg):
    from k360desk.progress import Cancelled, Progress

    before = snapshot(fl_project)
    progress = Progress(lambda done, total, text: progress.cancel() if done >= 40 else None)
    with pytest.raises(Cancelled):
        districts.run(fl_project, flensburg / "stadtbezirke", progress=progress)
    assert snapshot(fl_project) == before
    report = districts.run(fl_project, flensburg / "stadtbezirke")
    undo_import(fl_project, report)
    assert snapshot(fl_project) == before


def test_undo_of_a_first_import_removes_districts_and_level(empty_project, flensburg):
    before = snapshot(empty_project)
    report = districts.run(empty_project, flensburg / "stadtteile")
    undo_import(empty_project, report)
    assert snapshot(empty_project) == before


def test_geopackage_layer_is_chosen_by_name(empty_project, tmp_path):
    path = tmp_path / "grenzen.gpkg"
    gpd.GeoDataFrame({"kennziffer": ["1"]}, geometry=[box(0, 0, 1, 1)], crs="EPSG:25833").to_file(
        path, layer="andere")
    gpd.GeoDataFrame({"schluessel": ["9"], "bezeichnung": ["Hafen"]},
                     geometry=[box(400000, 5800000, 401000, 5801000)], crs="EPSG:25833").to_file(
        path, layer="sozialraeume")
    preview = districts.preview(path, districts.DistrictOptions(layer="sozialraeume"))
    assert preview.layers == ["andere", "sozialraeume"]
    assert preview.mapping == {"code": "schluessel", "name": "bezeichnung", "parent": None}
    report = districts.run(empty_project, path, districts.DistrictOptions(layer="sozialraeume"))
    assert report.taken == 1 and any("UTM Zone 33N" in n for n in report.notes)
    assert _frame(empty_project).loc["9", "name"] == "Hafen"


def test_saved_project_opens_in_gdal_with_the_imported_districts(fl_project, tmp_path):
    import pyogrio

    target = tmp_path / "flensburg.k360"
    fl_project.save_as(target)
    layer = pyogrio.read_dataframe(target, layer="districts")
    assert len(layer) == 54 and layer.crs.to_epsg() == 25832
    assert layer.geometry.is_valid.all()
    assert set(layer["code"]) >= {"STGT01", "STBZ132"}
