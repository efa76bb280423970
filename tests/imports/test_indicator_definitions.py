"""Issue 14: indicators defined from the command line and from a file; a share is never summed."""

from __future__ import annotations

import json
import subprocess

import pytest

from k360desk.cli import main
from k360desk.models import indicator_defs
from k360desk.projectfile import Project


def _square(x: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[x, 5400000], [x + 1000, 5400000],
                                                [x + 1000, 5401000], [x, 5401000],
                                                [x, 5400000]]]}


@pytest.fixture
def city(tmp_path, capsys):
    """Two districts and a table with a count and a share, not yet imported."""
    source = tmp_path / "b.geojson"
    source.write_text(json.dumps({
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}},
        "features": [{"type": "Feature", "properties": {"id": c, "name": n},
                      "geometry": _square(400000 + 1000 * i)}
                     for i, (c, n) in enumerate([("0101", "Altstadt"), ("0102", "Innenstadt")])]}),
        encoding="utf-8")
    project = tmp_path / "p.k360"
    assert main(["new", str(project), "--name", "Teststadt"]) == 0
    assert main(["import", "districts", str(project), str(source), "--code", "id"]) == 0
    table = tmp_path / "w.csv"
    table.write_text("Schlüssel;Einwohner 2024;Anteil Alleinerziehende 2024\n"
                     "0101;1000;40,0\n0102;3000;20,0\n", encoding="utf-8")
    capsys.readouterr()
    return project, table


def _profile(project, tmp_path) -> str:
    out = tmp_path / "profil.pdf"
    assert main(["report", "profile", str(project), "-o", str(out), "--district", "0101"]) == 0
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    return next(line for line in text.splitlines() if line.startswith("Anteil Alleinerziehende"))


def test_created_indicators_are_not_summed_into_the_city_reference(city, tmp_path, capsys):
    project, table = city
    assert main(["import", "values", str(project), str(table), "--create-indicators"]) == 0
    assert "Ohne Definition angelegt" in capsys.readouterr().out
    line = _profile(project, tmp_path)
    assert "60,0" not in line  # 40 % + 20 % is no city reference
    assert line.split()[-4] == "–"
    # defined on the command line, the share is weighted by its base
    assert main(["indicators", "define", str(project), "einwohner", "--kind", "count"]) == 0
    assert main(["indicators", "define", str(project), "anteil_alleinerziehende", "--kind",
                 "share", "--base", "einwohner", "--unit", "%", "--polarity", "1"]) == 0
    line = _profile(project, tmp_path)
    assert "25,0" in line and "60,0" not in line  # (40 × 1000 + 20 × 3000) / 4000


def test_import_takes_definitions_from_a_file(city, tmp_path, capsys):
    project, table = city
    definitions = tmp_path / "indikatoren.csv"
    definitions.write_text(
        "key;name;unit;kind;base;polarity;decimals;source\n"
        "einwohner;Einwohner;Personen;count;;0;0;Melderegister\n"
        "anteil_alleinerziehende;Anteil Alleinerziehende;%;share;einwohner;1;1;Statistik\n",
        encoding="utf-8")
    assert main(["import", "values", str(project), str(table), "--create-indicators",
                 "--definitions", str(definitions)]) == 0
    assert "25,0" in _profile(project, tmp_path)
    with Project.open(project, read_only=True) as saved:
        share = indicator_defs.find(saved, "anteil_alleinerziehende")
    assert (share.kind, share.base, share.polarity, share.unit) == ("share", "einwohner", 1, "%")


def test_define_list_export_import_round_trip(city, tmp_path, capsys):
    project, table = city
    assert main(["indicators", "define", str(project), "einwohner", "--name", "Einwohner",
                 "--kind", "count", "--decimals", "0"]) == 0
    assert main(["indicators", "define", str(project), "sgb2", "--kind", "count"]) == 0
    assert main(["indicators", "define", str(project), "sgb2_quote", "--name", "SGB-II-Quote",
                 "--kind", "rate", "--numerator", "sgb2", "--denominator", "einwohner",
                 "--scale", "100", "--unit", "%", "--polarity", "1"]) == 0
    capsys.readouterr()
    assert main(["indicators", "list", str(project)]) == 0
    out = capsys.readouterr().out
    assert "sgb2_quote | SGB-II-Quote | % | Quote | sgb2 / einwohner | +1" in out
    assert "Quotient der Summen" in out
    exported = tmp_path / "defs.csv"
    assert main(["indicators", "export", str(project), str(exported)]) == 0
    other = tmp_path / "q.k360"
    assert main(["new", str(other), "--name", "Andere"]) == 0
    assert main(["indicators", "import", str(other), str(exported)]) == 0
    assert "3 neu, 0 geändert" in capsys.readouterr().out
    with Project.open(project, read_only=True) as a, Project.open(other, read_only=True) as b:
        assert indicator_defs.definitions(a) == indicator_defs.definitions(b)


@pytest.mark.parametrize("args, message", [
    (["--kind", "share"], "Zähler und Nenner oder eine Bezugsgröße"),
    (["--kind", "rate", "--numerator", "nix", "--denominator", "einwohner"], "„nix“ gibt es nicht"),
    (["--kind", "count", "--aggregation", "weighted"], "summiert, nicht gemittelt"),
    (["--kind", "share", "--base", "einwohner", "--aggregation", "sum"], "Nur Anzahlen"),
    (["--polarity", "vielleicht"], "Polung"),
])
def test_definitions_a_reference_cannot_be_computed_from_are_refused(city, capsys, args,
                                                                      message):
    project, _ = city
    assert main(["indicators", "define", str(project), "einwohner", "--kind", "count"]) == 0
    capsys.readouterr()
    assert main(["indicators", "define", str(project), "quote", *args]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("Fehler: ") and message in err and "\n" not in err


def test_missing_polarity_is_advised_and_set_on_the_command_line(small_project, capsys):
    path = str(small_project.path)
    small_project.close()
    index = ["index", path, "--preset", "berlin-mss", "--period", "2023", "--status",
             "arbeitslose", "--population", "einwohner", "--span", "1"]
    assert main(["indicators", "define", path, "arbeitslose", "--polarity", "0"]) == 0
    capsys.readouterr()
    assert main(index) == 1
    err = capsys.readouterr().err
    assert "keine Polung" in err and "k360desk indicators define" in err
    assert main(["indicators", "define", path, "arbeitslose", "--polarity", "mehr"]) == 0
    assert main(index) == 0


def test_an_older_share_without_parts_can_still_get_a_polarity(small_project):
    from k360desk.projectfile import Indicator

    small_project.add(Indicator(key="anteil_alt", name="Anteil (alt)", kind="share"))
    indicator_defs.define(small_project, "anteil_alt", polarity=1, unit="%")
    assert indicator_defs.find(small_project, "anteil_alt").polarity == 1
    with pytest.raises(indicator_defs.DefinitionError, match="Bezugsgröße"):
        indicator_defs.define(small_project, "anteil_alt", kind="share")


def test_a_kind_chosen_in_the_editor_ends_not_aggregated(city, capsys):
    from k360desk.projectfile import Indicator

    project, table = city
    assert main(["import", "values", str(project), str(table), "--create-indicators"]) == 0
    with Project.open(project) as opened:
        share = opened.find(Indicator, key="anteil_alleinerziehende")
        assert indicator_defs.find(opened, share.key).rule() == "none"
        opened.update(Indicator, share.id, kind="mean")  # what the Definitionen page does
        assert indicator_defs.find(opened, share.key).rule() == "weighted"
