"""Facilities from tables with coordinates and from point layers, joined to districts."""

from __future__ import annotations

import json

from pyproj import Transformer

from k360desk.io import facilities
from k360desk.io.undo import undo_import
from k360desk.projectfile import Provider


def _wgs84(x, y):
    return Transformer.from_crs(25832, 4326, always_xy=True).transform(x, y)


def test_csv_with_wgs84_coordinates_providers_and_missing_coordinates(small_project, write):
    small_project.add(Provider(name="Arbeiterwohlfahrt (AWO)"))
    awo = small_project.add(Provider(name="AWO"))
    lon1, lat1 = _wgs84(500, 500)
    lon2, lat2 = _wgs84(2500, 1500)
    def de(v):
        return f"{v:.7f}".replace(".", ",")

    text = ("Einrichtung;Träger;Art;Straße;PLZ;Ort;Breite;Länge;Plätze\n"
            f"Kita Sonne;awo ;Kita;Hauptstr. 1;24937;Flensburg;{de(lat1)};{de(lon1)};40\n"
            f"Jugendtreff;Caritas;Treff;;;;{de(lat2)};{de(lon2)};\n"
            "Beratung;DRK;Beratung;;;;;;12\n")
    path = write("e.csv", text, "cp1252")
    preview = facilities.preview(path)
    assert preview.mapping["x"] == "Länge" and preview.mapping["y"] == "Breite"
    assert preview.mapping["name"] == "Einrichtung" and preview.mapping["provider"] == "Träger"
    report = facilities.run(small_project, path)
    assert report.taken == 3 and report.skipped == 0
    assert any("WGS 84" in n for n in report.notes)
    frame = small_project.facilities_frame().set_index("name")
    assert frame.loc["Kita Sonne", "district_code"] == "11"
    assert frame.loc["Kita Sonne", "provider_id"] == awo
    assert frame.loc["Kita Sonne", "street"] == "Hauptstr. 1"
    assert frame.loc["Kita Sonne", "capacity"] == 40
    assert frame.loc["Jugendtreff", "district_code"] == "23"
    point = frame.loc["Jugendtreff"].geometry
    assert abs(point.x - 2500) < 0.01 and abs(point.y - 1500) < 0.01
    assert frame.loc["Beratung", "needs_placement"] == 1 and frame.loc["Beratung"].geometry is None
    placement = [r for r in report.rows if "manuellen Platzierung" in r.reason]
    assert [r.line for r in placement] == [4]
    assert "Neu angelegte Träger: Caritas, DRK" in report.notes
    undo_import(small_project, report)
    assert small_project.count("facilities") == 0 and small_project.count("providers") == 2


def test_point_layer_geojson_and_points_outside(small_project, tmp_path):
    features = []
    for name, (x, y) in {"Treff": (1500, 500), "Draußen": (9000, 9000)}.items():
        lon, lat = _wgs84(x, y)
        features.append({"type": "Feature", "properties": {"name": name, "traeger": "Diakonie"},
                         "geometry": {"type": "Point", "coordinates": [lon, lat]}})
    path = tmp_path / "punkte.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    report = facilities.run(small_project, path)
    assert report.taken == 2
    frame = small_project.facilities_frame().set_index("name")
    assert frame.loc["Treff", "district_code"] == "12"
    assert frame.loc["Draußen", "district_id"] != frame.loc["Draußen", "district_id"]  # NaN
    assert any("außerhalb aller Sozialräume" in r.reason for r in report.rows)


def test_rows_without_name_are_skipped(small_project, write):
    report = facilities.run(small_project, write("f.csv", "Name;x;y\n;500;500\nA;500;500\n"),
                            facilities.FacilityOptions(crs="EPSG:25832"))
    assert report.taken == 1 and report.skipped == 1 and report.rows[0].line == 2


def test_reimport_updates_known_facilities_instead_of_duplicating(small_project, write):
    lon1, lat1 = _wgs84(500, 500)
    lon2, lat2 = _wgs84(2500, 1500)

    def de(v):
        return f"{v:.7f}".replace(".", ",")

    first = ("Einrichtung;Straße;Breite;Länge;Plätze\n"
             f"Kita Sonne;Hauptstr. 1;{de(lat1)};{de(lon1)};40\n")
    facilities.run(small_project, write("a.csv", first, "utf-8"))
    second = ("Einrichtung;Straße;Breite;Länge;Plätze\n"
              f"kita sonne;Hauptstraße 1;{de(lat2)};{de(lon2)};55\n"
              f"Jugendtreff;Ring 3;{de(lat2)};{de(lon2)};\n")
    report = facilities.run(small_project, write("b.csv", second, "utf-8"))
    assert (report.taken, report.updated) == (1, 1)
    frame = small_project.facilities_frame().set_index("name")
    assert len(frame) == 2 and frame.loc["Kita Sonne", "capacity"] == 55
    assert frame.loc["Kita Sonne", "district_code"] == "23"  # moved with its new coordinates
    undo_import(small_project, report)
    frame = small_project.facilities_frame().set_index("name")
    assert list(frame.index) == ["Kita Sonne"] and frame.loc["Kita Sonne", "capacity"] == 40
    assert frame.loc["Kita Sonne", "district_code"] == "11"
    assert abs(frame.loc["Kita Sonne"].geometry.x - 500) < 0.01
