"""The project file: GeoPackage validity, records, undoable deletes, save and reopen."""

from __future__ import annotations

import sqlite3

import pyogrio
import pytest
from shapely.geometry import Point, box

from k360desk.projectfile import (
    District,
    Facility,
    Indicator,
    Project,
    ProjectError,
    Provider,
    RecordInUseError,
    gpkg,
)


def test_new_file_is_a_geopackage_gdal_reads(tmp_path):
    path = tmp_path / "neu.k360"
    project = Project.create("Neustadt", path)
    project.add(District(code="01", name="Mitte", geom=box(0, 0, 10, 10)))
    project.save()
    project.close()
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
    assert raw.execute("PRAGMA user_version").fetchone()[0] == gpkg.USER_VERSION
    # No R-tree or other triggers that need functions only GDAL registers.
    assert raw.execute("SELECT count(*) FROM sqlite_master WHERE type='trigger'").fetchone()[0] == 0
    raw.close()
    layers = dict(pyogrio.list_layers(path))
    assert layers["districts"] == "MultiPolygon"
    assert layers["facilities"] == "Point"
    assert layers["district_indicators"] == "MultiPolygon"
    frame = pyogrio.read_dataframe(path, layer="districts")
    assert list(frame["name"]) == ["Mitte"]
    assert frame.crs.to_epsg() == 25832


def test_latest_values_layer_shows_newest_value_and_suppresses_small_counts(small_project):
    path = small_project.path
    layer = pyogrio.read_dataframe(path, layer="district_indicators").set_index("code")
    assert layer.loc["12", "einwohner"] == pytest.approx(2200)
    assert layer.loc["12", "einwohner_jahr"] == 2023
    # 2 unemployed × 1.1 = 2.2 is below the threshold of 3: suppressed in the GIS layer.
    assert layer.loc["22", "arbeitslose"] != layer.loc["22", "arbeitslose"]  # NaN
    assert layer.loc["23", "arbeitslose"] == pytest.approx(495)


def test_edit_after_save_keeps_file_valid_for_gdal(small_project):
    district = small_project.find(District, code="11")
    small_project.update(District, district.id, name="Altstadt", geom=box(0, 0, 500, 500))
    small_project.save()
    frame = pyogrio.read_dataframe(small_project.path, layer="districts").set_index("code")
    assert frame.loc["11", "name"] == "Altstadt"
    assert frame.loc["11"].geometry.area == pytest.approx(250_000)
    assert small_project.check() == []


def test_delete_and_restore_puts_back_cascaded_and_nulled_rows(small_project):
    project = small_project
    parent = project.find(District, code="1")
    provider = project.add(Provider(name="Diakonie"))
    child = project.find(District, code="11")
    facility = project.add(Facility(name="Treff", provider_id=provider, district_id=child.id,
                                    geom=Point(500, 500)))
    values_before = project.count("indicator_values")
    assert project.dependents(District, child.id) == {"Indikatorwerte": 4, "Einrichtung": 1}

    snapshot = project.delete(District, child.id)
    assert project.count("indicator_values") == values_before - 4
    assert project.get(Facility, facility).district_id is None
    project.restore(snapshot)
    assert project.count("indicator_values") == values_before
    assert project.get(Facility, facility).district_id == child.id
    assert project.get(District, child.id).uuid == child.uuid
    assert project.get(District, child.id).parent_id == parent.id


def test_restricted_delete_is_refused_with_german_message(small_project):
    numerator = small_project.find(Indicator, key="arbeitslose")
    with pytest.raises(RecordInUseError, match="wird noch verwendet"):
        small_project.delete(Indicator, numerator.id)
    assert small_project.find(Indicator, key="arbeitslose") is not None


def test_duplicate_code_gives_german_message(small_project):
    with pytest.raises(ProjectError, match="bereits vergeben"):
        small_project.add(District(code="11", name="Doppelt"))
    assert small_project.count("districts") == 8


def test_values_frame_filters_and_change_notices(small_project):
    seen = []
    small_project.changes.subscribe(seen.append)
    frame = small_project.values_frame(indicators=["einwohner"], periods=[2022])
    assert len(frame) == 6
    assert frame.set_index("district")["value"]["23"] == 3000
    with small_project.transaction():
        ind = small_project.find(Indicator, key="einwohner").id
        district = small_project.find(District, code="13").id
        small_project.set_values([{"indicator_id": ind, "district_id": district, "period": 2024,
                                   "value": 600}])
        small_project.add(Provider(name="Caritas"))
        assert seen == []  # delivered once, after the transaction
    assert [c.table for c in seen[0]] == ["indicator_values", "providers"]


def test_transaction_rolls_back_on_error(small_project):
    before = small_project.count("providers")
    with pytest.raises(RuntimeError):
        with small_project.transaction():
            small_project.add(Provider(name="Halb importiert"))
            raise RuntimeError("Abbruch")
    assert small_project.count("providers") == before


def test_save_reopen_roundtrip_and_modified_flag(tmp_path, small_project):
    assert not small_project.modified
    small_project.add(Provider(name="AWO Kreisverband"))
    assert small_project.modified
    small_project.save()
    assert not small_project.modified
    path = small_project.path
    small_project.close()
    with Project.open(path) as again:
        assert again.find(Provider, name="AWO Kreisverband") is not None
        assert again.count("districts") == 8
        assert not again.modified


def test_save_as_adds_suffix_and_switches_document(tmp_path, small_project):
    small_project.save_as(tmp_path / "kopie")
    assert small_project.path.name == "kopie.k360"
    assert (tmp_path / "kopie.k360").exists()


def test_working_copy_not_the_document(small_project):
    before = small_project.path.read_bytes()
    small_project.add(Provider(name="Ungespeichert"))
    assert small_project.path.read_bytes() == before
    assert small_project.work_path.exists()
    work = small_project.work_path
    small_project.close()
    assert not work.exists()


def test_undo_delete_of_a_scored_funding_round(tmp_path):
    """Scores hang on applications and criteria; undo must restore in dependency order."""
    from k360desk.projectfile import Application, Criterion, FundingRound

    project = Project.create("Förderstadt")
    try:
        round_id = project.add(FundingRound(name="Runde 1", first_year=2026, last_year=2027))
        criterion = project.add(Criterion(round_id=round_id, name="Bedarf"))
        application = project.add(Application(round_id=round_id, title="Treff", start_year=2026))
        project.execute_link("scores", [{"application_id": application, "criterion_id": criterion,
                                         "rater": "A", "score": 4, "comment": ""}])
        snapshot = project.delete(FundingRound, round_id)
        assert project.count("scores") == 0
        project.restore(snapshot)
        assert project.count("scores") == 1 and project.count("criteria") == 1
        assert project.check() == []
    finally:
        project.close()


def test_every_registered_table_reads_in_gdal(small_project):
    for layer, _kind in pyogrio.list_layers(small_project.path):
        pyogrio.read_dataframe(small_project.path, layer=layer)


def test_values_frame_reads_back_status_note_and_gaps(tmp_path, small_project):
    # values_frame reads numbers in bulk and the rare status/note apart: every row must
    # still carry its own status and note after a save and reopen.
    from k360desk.projectfile import Project

    ind = small_project.find(Indicator, key="einwohner").id
    district = small_project.find(District, code="13").id
    small_project.set_values([
        {"indicator_id": ind, "district_id": district, "period": 2030, "value": None,
         "status": "suppressed", "note": "Fallzahl unter 3"},
        {"indicator_id": ind, "district_id": district, "period": 2031, "value": 12.25,
         "status": "provisional", "note": ""},
    ])
    small_project.save_as(tmp_path / "wieder.k360")
    small_project.close()
    again = Project.open(tmp_path / "wieder.k360")
    try:
        frame = again.values_frame(indicators=["einwohner"], districts=[district])
        rows = frame.set_index("period")
        assert rows.loc[2030, "status"] == "suppressed" and rows.loc[2030, "note"] == "Fallzahl unter 3"
        assert rows.loc[2030, "value"] != rows.loc[2030, "value"]  # NaN
        assert rows.loc[2031, "value"] == 12.25 and rows.loc[2031, "status"] == "provisional"
        ordinary = rows.drop([2030, 2031])
        assert len(ordinary) > 0 and set(ordinary["status"]) == {"final"}
        assert set(ordinary["note"]) == {""} and set(frame["indicator"]) == {"einwohner"}
        assert set(frame["district"]) == {"13"}
        assert frame["period"].dtype.kind == "i" and frame["district_id"].dtype.kind == "i"
        assert again.values_frame(indicators=["gibt_es_nicht"]).empty
    finally:
        again.close()


def test_periods_follow_new_values_deletes_and_rollbacks(small_project):
    # The map page asks for the periods on every visit; the answer is kept between writes.
    assert 2031 not in small_project.periods()
    ind = small_project.add(Indicator(key="neu", name="Neu"))
    district = small_project.find(District, code="13").id
    small_project.set_values([{"indicator_id": ind, "district_id": district, "period": 2031,
                               "value": 600}])
    assert small_project.periods()[-1] == 2031
    with pytest.raises(RuntimeError):
        with small_project.transaction():
            small_project.set_values([{"indicator_id": ind, "district_id": district,
                                       "period": 2032, "value": 1}])
            assert 2032 in small_project.periods()
            raise RuntimeError("Abbruch")
    assert 2032 not in small_project.periods()
    small_project.delete(Indicator, ind)  # its values go with it
    assert 2031 not in small_project.periods()
