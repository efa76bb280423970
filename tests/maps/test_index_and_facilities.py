"""Social index classes and facilities on the map, through the command line."""

from __future__ import annotations

import pandas as pd
import pytest
from shapely.geometry import Point

from k360desk.cli import main
from k360desk.projectfile import Facility, FacilityType

STATUS = {"11": "hoch", "12": "niedrig", "13": "mittel", "21": "sehr niedrig", "22": "hoch", "23": "niedrig"}
DYNAMICS = {"11": "stabil", "12": "negativ", "13": "positiv", "21": "negativ", "22": "stabil", "23": "stabil"}
STATUS_RANK = {"hoch": 1, "mittel": 2, "niedrig": 3, "sehr niedrig": 4}
DYNAMICS_RANK = {"positiv": 1, "stabil": 2, "negativ": 3}


@pytest.fixture
def project_file(small_project):
    """Small city with a stored index run and three facilities of two types."""
    from k360desk.models import indices

    districts = small_project.districts_frame()
    quarters = districts[districts["code"].str.len() == 2]
    table = pd.DataFrame({
        "district_id": quarters["id"].to_numpy(),
        "status_value": range(len(quarters)),
        "status_class": [STATUS[c] for c in quarters["code"]],
        "dynamics_value": 0.0,
        "dynamics_class": [DYNAMICS[c] for c in quarters["code"]],
        "included": True, "reason": "",
        "status_rank": [STATUS_RANK[STATUS[c]] for c in quarters["code"]],
        "dynamics_rank": [DYNAMICS_RANK[DYNAMICS[c]] for c in quarters["code"]],
    })
    indices.save_run(small_project, table, {"period": 2023})
    kita = small_project.add(FacilityType(name="Kita", symbol="o", color="#1b7837"))
    jz = small_project.add(FacilityType(name="Jugendzentrum", symbol="s", color="#2166ac"))
    for name, type_id, xy in (("Kita Nord", kita, (500, 500)), ("Kita Süd", kita, (1500, 1500)),
                              ("JZ Mitte", jz, (1500, 500))):
        small_project.add(Facility(name=name, type_id=type_id, geom=Point(*xy)))
    small_project.save()
    path = small_project.path
    small_project.close()
    return path


def test_index_classes_ordered_by_rank(project_file):
    from k360desk.export.map_data import index_map_spec
    from k360desk.projectfile import Project

    project = Project.open(project_file, read_only=True)
    try:
        spec = index_map_spec(project, "status")
        assert spec.class_labels == ["hoch", "mittel", "niedrig", "sehr niedrig"]
        assert [e.count for e in spec.legend] == [2, 1, 2, 1]
        matrix = index_map_spec(project, "matrix")
        assert matrix.class_labels[0] == "Status hoch, Dynamik positiv"
        assert sum(e.count for e in matrix.legend) == 6
    finally:
        project.close()


@pytest.mark.parametrize("which", ["status", "dynamics", "matrix"])
def test_index_map_command(project_file, tmp_path, which):
    out = tmp_path / f"{which}.svg"
    assert main(["map", str(project_file), "--indicator", f"index:{which}", "-o", str(out)]) == 0
    assert "Sozialindex 2023" in out.read_text(encoding="utf-8")


def test_matrix_chart_command(project_file, tmp_path):
    out = tmp_path / "matrix.svg"
    assert main(["chart", str(project_file), "--kind", "matrix", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "Statusklasse" in text and "sehr niedrig" in text


def test_facilities_by_type_on_the_map(project_file, tmp_path):
    from k360desk.export.map_data import indicator_map_spec
    from k360desk.projectfile import Project

    project = Project.open(project_file, read_only=True)
    try:
        spec = indicator_map_spec(project, "arbeitslose", 2023, facility_types=["Kita"])
        assert [(f.type_name, f.marker, f.color, len(f.x)) for f in spec.facilities] == [
            ("Kita", "o", "#1b7837", 2)]
    finally:
        project.close()
    out = tmp_path / "k.svg"
    assert main(["map", str(project_file), "--indicator", "arbeitslose", "--period", "2023",
                 "--facilities", "Kita,Jugendzentrum", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "Einrichtungen" in text and "Jugendzentrum" in text
