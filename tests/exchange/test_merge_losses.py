"""Merge never loses a change without naming it (#20 D1), seen through ``k360desk merge``."""

from __future__ import annotations

import shutil

from k360desk.cli import main
from k360desk.projectfile import District, Indicator, Project


def _copies(small_project, tmp_path):
    path = small_project.path
    small_project.close()
    theirs = tmp_path / "kollegin.k360"
    shutil.copy(path, theirs)
    return path, theirs


def _value(project, code, key="einwohner", period=2023):
    district = project.find(District, code=code).id
    frame = project.values_frame(indicators=[key], districts=[district])
    frame = frame[frame["period"] == period]
    return None if frame.empty else float(frame["value"].iloc[0])


def _key(project, code, key="einwohner", period=2023):
    return (project.find(Indicator, key=key).id, project.find(District, code=code).id, period)


def test_a_value_we_deleted_does_not_come_back_as_added_there(small_project, tmp_path, capsys):
    path, theirs = _copies(small_project, tmp_path)
    with Project.open(path) as ours:
        ours.delete_values([_key(ours, "11")])
        ours.save()
    code = main(["merge", str(path), str(theirs)])
    out = capsys.readouterr().out
    assert code == 0
    assert "dort hinzugefügt" not in out
    assert "hier gelöscht" in out and "eigene Fassung behalten" in out
    with Project.open(path) as merged:
        assert _value(merged, "11") is None


def test_their_district_deletion_names_our_new_values_and_keeps_them(small_project, tmp_path,
                                                                    capsys):
    path, theirs = _copies(small_project, tmp_path)
    with Project.open(theirs) as other:
        district = other.find(District, code="13").id
        other.delete_values([k for k in [_key(other, "13", p, y) for p in ("einwohner", "arbeitslose")
                                          for y in (2022, 2023)]])
        other.delete(District, district)
        other.save()
    with Project.open(path) as ours:
        pop = ours.find(Indicator, key="einwohner").id
        ours.set_values([{"indicator_id": pop, "district_id": ours.find(District, code="13").id,
                          "period": 2024, "value": 777}])
        ours.save()
    code = main(["merge", str(path), str(theirs)])
    out = capsys.readouterr().out
    assert code == 0
    line = next(line for line in out.splitlines() if "13 Quartier 13" in line)
    assert "beidseitig geändert" in line and "Werte" in line and "eigene Fassung behalten" in line
    with Project.open(path) as merged:
        assert merged.find(District, code="13") is not None
        assert _value(merged, "13", period=2024) == 777


def test_a_value_edited_on_both_sides_is_a_conflict_showing_both(small_project, tmp_path, capsys):
    path, theirs = _copies(small_project, tmp_path)
    for file, number in ((path, 1111), (theirs, 2222)):
        with Project.open(file) as project:
            project.set_values([{"indicator_id": project.find(Indicator, key="einwohner").id,
                                 "district_id": project.find(District, code="12").id,
                                 "period": 2023, "value": number}])
            project.save()
    code = main(["merge", str(path), str(theirs), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0
    line = next(line for line in out.splitlines() if "beidseitig geändert" in line)
    assert "1.111" in line and "2.222" in line


def test_a_value_we_deleted_and_they_edited_is_a_conflict(small_project, tmp_path, capsys):
    path, theirs = _copies(small_project, tmp_path)
    with Project.open(path) as ours:
        ours.delete_values([_key(ours, "12")])
        ours.save()
    with Project.open(theirs) as other:
        other.set_values([{"indicator_id": other.find(Indicator, key="einwohner").id,
                           "district_id": other.find(District, code="12").id,
                           "period": 2023, "value": 3333}])
        other.save()
    code = main(["merge", str(path), str(theirs), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0
    line = next(line for line in out.splitlines() if "3.333" in line)
    assert "beidseitig geändert" in line and "hier gelöscht" in line
