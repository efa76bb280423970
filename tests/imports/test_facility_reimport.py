"""Issue 14: facility columns mapped on the command line; a second import changes nothing."""

from __future__ import annotations

from pyproj import Transformer

from k360desk.cli import main
from k360desk.projectfile import Project

HEADER = "Bezeichnung;Trägerschaft;Träger;Einrichtungsart;Straße;Hausnummer;Plätze;lat;lon\n"


def _de(v: float) -> str:
    return f"{v:.7f}".replace(".", ",")


def _row(name, street, number, places, x, y, provider="AWO", kind="Kita", public="privat"):
    lon, lat = Transformer.from_crs(25832, 4326, always_xy=True).transform(x, y)
    return f"{name};{public};{provider};{kind};{street};{number};{places};{_de(lat)};{_de(lon)}\n"


def _saved(small_project):
    path = small_project.path
    small_project.close()
    return str(path)


MAP = ["--map", "name=Bezeichnung", "--map", "places=Plätze", "--map", "provider=Träger",
       "--map", "type=Einrichtungsart", "--map", "street=Straße", "--map", "number=Hausnummer",
       "--map", "x=lon", "--map", "y=lat"]


def test_mapped_columns_are_taken_and_a_second_import_changes_nothing(small_project, tmp_path,
                                                                      capsys):
    path = _saved(small_project)
    data = tmp_path / "kitas.csv"
    data.write_text(HEADER
                    + _row("Kita Sonne", "Hauptstr.", "1", "40", 500, 500)
                    + _row("Kita Sonne", "Hauptstr.", "7", "25", 1500, 500, public="öffentlich",
                           provider="Stadt")
                    + _row("Kita Mond", "Ring", "3", "55", 2500, 1500, provider="Caritas"),
                    encoding="utf-8")
    assert main(["import", "facilities", path, str(data), *MAP]) == 0
    assert "3 neu übernommen" in capsys.readouterr().out
    with Project.open(path, read_only=True) as saved:
        frame = saved.facilities_frame().sort_values(["name", "street"]).reset_index(drop=True)
        providers = saved.count("providers")
    assert list(frame["street"]) == ["Ring 3", "Hauptstr. 1", "Hauptstr. 7"]
    assert list(frame["capacity"]) == [55, 40, 25]
    assert list(frame["provider"]) == ["Caritas", "AWO", "Stadt"]
    assert list(frame["type"]) == ["Kita"] * 3
    assert providers == 3  # "öffentlich"/"privat" did not become providers
    assert main(["import", "facilities", path, str(data), *MAP]) == 0
    out = capsys.readouterr().out
    assert "0 neu übernommen, 0 aktualisiert, 3 unverändert" in out
    with Project.open(path, read_only=True) as saved:
        assert saved.count("facilities") == 3


def test_same_name_and_street_without_number_is_never_duplicated(small_project, tmp_path,
                                                                 capsys):
    path = _saved(small_project)
    data = tmp_path / "kitas.csv"
    data.write_text(HEADER + _row("Kita Sonne", "Hauptstr.", "", "40", 500, 500)
                    + _row("Kita Sonne", "Hauptstr.", "", "25", 1500, 500), encoding="utf-8")
    mapping = tmp_path / "zuordnung.txt"
    mapping.write_text("name=Bezeichnung\nplaces=Plätze\nstreet=Straße\nx=lon\ny=lat\n",
                       encoding="utf-8")
    assert main(["import", "facilities", path, str(data), "--mapping", str(mapping)]) == 0
    assert main(["import", "facilities", path, str(data), "--mapping", str(mapping)]) == 0
    assert "2 unverändert" in capsys.readouterr().out
    # a changed capacity and a moved point: two facilities fit, neither is duplicated
    data.write_text(HEADER + _row("Kita Sonne", "Hauptstr.", "", "41", 2500, 1500)
                    + _row("Kita Sonne", "Hauptstr.", "", "26", 2500, 500), encoding="utf-8")
    assert main(["import", "facilities", path, str(data), "--mapping", str(mapping)]) == 3
    out = capsys.readouterr().out
    assert out.count("mehrdeutig") == 2
    with Project.open(path, read_only=True) as saved:
        assert saved.count("facilities") == 2


def test_unknown_field_is_one_german_line(small_project, tmp_path, capsys):
    path = _saved(small_project)
    data = tmp_path / "kitas.csv"
    data.write_text(HEADER + _row("Kita Sonne", "Hauptstr.", "1", "40", 500, 500),
                    encoding="utf-8")
    assert main(["import", "facilities", path, str(data), "--map", "farbe=Plätze"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("Fehler: ") and "farbe" in err and "\n" not in err


def test_facilities_follow_re_imported_districts(small_project, tmp_path, capsys):
    import json

    path = _saved(small_project)
    data = tmp_path / "kitas.csv"
    data.write_text(HEADER + _row("Kita Sonne", "Hauptstr.", "1", "40", 500, 500),
                    encoding="utf-8")
    assert main(["import", "facilities", path, str(data), *MAP]) == 0
    # Quartier 11 and 12 swap places in a new edition of the boundaries
    def square(x0):
        return {"type": "Polygon", "coordinates": [[[x0, 0], [x0 + 1000, 0], [x0 + 1000, 1000],
                                                    [x0, 1000], [x0, 0]]]}
    boundaries = tmp_path / "quartiere.geojson"
    boundaries.write_text(json.dumps({
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}},
        "features": [{"type": "Feature", "properties": {"code": "11"}, "geometry": square(1000)},
                     {"type": "Feature", "properties": {"code": "12"}, "geometry": square(0)}]}),
        encoding="utf-8")
    assert main(["import", "districts", path, str(boundaries), "--code", "code",
                 "--level", "Quartier"]) == 0
    assert "1 Einrichtungen einem anderen Sozialraum zugeordnet" in capsys.readouterr().out
    with Project.open(path, read_only=True) as saved:
        assert list(saved.facilities_frame()["district_code"]) == ["12"]
