"""Districts without boundaries: a code/name list or GeoJSON with null geometry is imported;
the index works on them and the map says why it is empty."""

from __future__ import annotations

import json

from k360desk.cli import main
from k360desk.projectfile import District, Project


def _project(tmp_path):
    path = tmp_path / "berlin.k360"
    Project.create("Berlin", path).close()
    return path


def test_csv_list_of_planning_areas_is_imported_without_boundaries(tmp_path, write, capsys):
    path = _project(tmp_path)
    csv = write("lor_2021.csv", "PLR_ID;PLR_NAME;BEZ\n01100101;Stülerstraße;01\n"
                                "01100102;Großer Tiergarten;01\n01100103;Lützowstraße;01\n")
    assert main(["import", "districts", str(path), str(csv), "--code", "PLR_ID", "--name",
                 "PLR_NAME", "--level", "Planungsraum"]) == 0
    out = capsys.readouterr().out
    assert "3 ohne Grenze" in out
    with Project.open(path, read_only=True) as project:
        rows = project.frame(District).sort_values("code")
        assert rows["code"].tolist() == ["01100101", "01100102", "01100103"]
        assert rows["name"].tolist()[1] == "Großer Tiergarten"
        assert project.districts_frame().geometry.isna().all()


def test_geojson_with_null_geometry_is_imported(tmp_path, capsys):
    path = _project(tmp_path)
    features = [{"type": "Feature", "geometry": None, "properties": {"code": c, "name": n}}
                for c, n in (("A1", "Nord"), ("A2", "Süd"))]
    source = tmp_path / "ohne_grenzen.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": features}),
                      encoding="utf-8")
    assert main(["import", "districts", str(path), str(source), "--code", "code"]) == 0
    assert "2 ohne Grenze" in capsys.readouterr().out
    with Project.open(path, read_only=True) as project:
        assert sorted(project.frame(District)["code"]) == ["A1", "A2"]


def test_reimport_without_geometry_keeps_an_existing_boundary(tmp_path, write):
    from shapely.geometry import box

    path = tmp_path / "k.k360"
    project = Project.create("K", path)
    project.add(District(code="A1", name="Alt", geom=box(0, 0, 10, 10)))
    project.save()
    project.close()
    csv = write("liste.csv", "code;name\nA1;Neu\n")
    assert main(["import", "districts", str(path), str(csv)]) == 0
    with Project.open(path, read_only=True) as project:
        frame = project.districts_frame()
        assert frame["name"].tolist() == ["Neu"]
        assert frame.geometry.notna().all()


def test_map_and_profile_say_why_there_is_no_map(tmp_path, capsys):
    import subprocess

    from tests.analysis.mss_city import build_mss_city

    path = build_mss_city(tmp_path / "mss.k360")
    assert main(["map", str(path), "--indicator", "s1", "--period", "2021", "-o",
                 str(tmp_path / "karte.png")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fehler: ") and "keine Grenzen erfasst" in err
    pdf = tmp_path / "profil.pdf"
    assert main(["report", "profile", str(path), "--district", "01", "-o", str(pdf)]) == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    text = " ".join(text.split())
    assert "Keine Karte: für diesen Sozialraum ist keine Grenze erfasst." in text
    assert "Arbeitslosigkeit" in text  # the figures are there all the same


def test_facility_import_says_it_cannot_place_without_boundaries(tmp_path, write, capsys):
    from tests.analysis.mss_city import build_mss_city

    path = build_mss_city(tmp_path / "mss.k360")
    source = write("kitas.csv", "name;art;plaetze;x;y\nKita A;Kita;40;500000;5800000\n")
    assert main(["import", "facilities", str(path), str(source)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "haben keine Grenzen: die Einrichtungen sind keinem Sozialraum zugeordnet" in out


def test_district_assistant_takes_a_list_without_boundaries(small_project, qtbot, write):
    from k360desk.ui.context import ProjectContext
    from k360desk.ui.import_dialog import show_import_dialog

    context = ProjectContext()
    context.set_project(small_project)
    try:
        path = write("planungsraeume.csv", "Schlüssel;Bezeichnung;Stadtteil\n"
                                           "31;Hafen;1\n32;Werft;2\n")
        dialog = show_import_dialog(context, "districts")
        qtbot.addWidget(dialog)
        dialog.set_source(path)
        assert dialog.problem.text() == ""
        assert "Ohne Grenzen" in dialog.detected.text()
        dialog.role_combos["code"].setCurrentIndex(dialog.role_combos["code"].findData("Schlüssel"))
        dialog.role_combos["name"].setCurrentIndex(
            dialog.role_combos["name"].findData("Bezeichnung"))
        dialog.role_combos["parent"].setCurrentIndex(
            dialog.role_combos["parent"].findData("Stadtteil"))
        dialog.level.setCurrentText("Quartier")
        dialog.start_import()
        assert dialog.task.wait(30000)
        assert dialog.report.taken == 2
        frame = small_project.districts_frame().set_index("code")
        assert frame.loc["32", "name"] == "Werft" and frame.geometry.loc["32"] is None
        parents = frame.loc[["31", "32"], "parent_id"].map(frame.reset_index().set_index("id")["code"])
        assert parents.tolist() == ["1", "2"]
        context.undo_stack.undo()
        assert "31" not in set(small_project.districts_frame()["code"])
    finally:
        context.set_project(None)
