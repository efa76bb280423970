"""Opening files from other people: bad, foreign, hostile, newer and older files."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box

from k360desk.cli import main
from k360desk.projectfile import (
    DamagedFileError,
    District,
    FileTooNewError,
    ForeignFileError,
    NotAProjectError,
    Project,
    ReadOnlyError,
    UnsafeFileError,
    schema,
    workfile,
)

FIXTURES = Path(__file__).parent / "fixtures"


def _assert_refused(path: Path, error: type, capsys, text: str) -> None:
    before = path.read_bytes() if path.exists() else None
    with pytest.raises(error, match=text):
        Project.open(path)
    assert main(["info", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fehler: ") and "Traceback" not in err and err.count("\n") == 1
    assert (path.read_bytes() if path.exists() else None) == before


def test_text_file_is_not_a_project(tmp_path, capsys):
    path = tmp_path / "brief.k360"
    path.write_text("Sehr geehrte Damen und Herren", encoding="utf-8")
    _assert_refused(path, NotAProjectError, capsys, "keine SQLite-Datenbank")


def test_zero_byte_file(tmp_path, capsys):
    path = tmp_path / "leer.k360"
    path.write_bytes(b"")
    _assert_refused(path, NotAProjectError, capsys, "leer")


def test_truncated_file(tmp_path, small_project, capsys):
    path = tmp_path / "abgeschnitten.k360"
    data = small_project.path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    _assert_refused(path, DamagedFileError, capsys, "beschädigt|unvollständig")


def test_foreign_sqlite_database(tmp_path, capsys):
    path = tmp_path / "fremd.k360"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE kunden (name TEXT)")
    conn.commit()
    conn.close()
    _assert_refused(path, ForeignFileError, capsys, "keine k360desk-Projektdatei")


def test_geopackage_of_another_program(tmp_path, capsys):
    path = tmp_path / "gis.gpkg"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[box(0, 0, 1, 1)], crs=25832).to_file(path)
    _assert_refused(path, ForeignFileError, capsys, "GeoPackage eines anderen Programms")


def test_file_from_newer_version_opens_read_only(tmp_path, small_project):
    path = tmp_path / "neu.k360"
    shutil.copy(small_project.path, path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE k360_meta SET value='99' WHERE key='schema_version'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    project = Project.open(path)
    try:
        assert project.read_only and project.too_new
        assert any("neueren k360desk-Version" in n for n in project.notices)
        with pytest.raises(ReadOnlyError):
            project.add(District(code="99", name="Neu"))
        with pytest.raises(ReadOnlyError):
            project.save()
    finally:
        project.close()
    assert path.read_bytes() == before
    assert issubclass(FileTooNewError, Exception)


@pytest.mark.parametrize("sql, text", [
    ("CREATE TRIGGER boese AFTER INSERT ON providers BEGIN SELECT load_extension('x'); END",
     "unbekannten Trigger"),
    ("CREATE VIEW spion AS SELECT load_extension('x')", "unbekannte Sicht"),
])
def test_hostile_schema_objects_are_refused(tmp_path, small_project, capsys, sql, text):
    path = tmp_path / "boese.k360"
    shutil.copy(small_project.path, path)
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()
    _assert_refused(path, UnsafeFileError, capsys, text)


def test_altered_table_definition_is_refused(tmp_path, small_project, capsys):
    path = tmp_path / "umgebaut.k360"
    shutil.copy(small_project.path, path)
    conn = sqlite3.connect(path)
    conn.executescript(
        "PRAGMA writable_schema=ON;"
        "UPDATE sqlite_master SET sql=replace(sql, 'CHECK (polarity IN (-1, 0, 1))', '')"
        " WHERE name='indicators';")
    conn.close()
    _assert_refused(path, DamagedFileError, capsys, "Aufbau der Tabelle")


def test_gdal_edits_are_tolerated_and_cleaned(tmp_path, small_project):
    """A file edited in QGIS gets R-tree triggers; we drop them and keep working."""
    import pyogrio

    path = small_project.path
    small_project.close()
    frame = pyogrio.read_dataframe(path, layer="districts")
    pyogrio.write_dataframe(frame.iloc[:0], path, layer="skizze", driver="GPKG",
                            layer_options={"SPATIAL_INDEX": "YES"})
    conn = sqlite3.connect(path)
    triggers = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='trigger'").fetchone()[0]
    conn.close()
    assert triggers > 0
    with Project.open(path) as project:
        district = project.find(District, code="11")
        project.update(District, district.id, name="Nach QGIS")
        project.save()
        assert project.check() == []


def test_old_schema_is_migrated_step_by_step(tmp_path):
    path = tmp_path / "alt.k360"
    shutil.copy(FIXTURES / "schema_v1.k360", path)
    before = path.read_bytes()
    with Project.open(path) as project:
        assert project.schema_version == schema.SCHEMA_VERSION
        assert project.modified  # must be saved in the new format
        assert any("aktuelle Datenmodell" in n for n in project.notices)
        assert project.find(District, code="001").name == "Oberdorf"
        assert project.count("goals") == 0  # table of step 2 exists
        assert path.read_bytes() == before  # opening never writes the document
        project.save()
    with Project.open(path) as again:
        assert again.schema_version == schema.SCHEMA_VERSION and not again.modified


def test_crash_leaves_recoverable_work(tmp_path, small_project):
    """Simulate a crash: the process vanished, the working copy with unsaved work stays."""
    small_project.add(District(code="31", name="Ungespeichert"))
    work = small_project.work_path
    info = workfile.read_info(work)
    assert info.dirty
    info.pid, info.host = 999_999_999, info.host  # a process that no longer exists
    workfile.write_info(work, info)
    small_project._conn.close()
    small_project._closed = True  # the crashed process never cleaned up

    found = workfile.leftovers()
    assert [f.work for f in found] == [work]
    recovered = Project.recover(found[0])
    try:
        assert recovered.find(District, code="31") is not None
        assert recovered.modified
        recovered.save()
    finally:
        recovered.close()
    with Project.open(tmp_path / "klein.k360") as saved:
        assert saved.find(District, code="31") is not None


def test_second_opener_gets_read_only_with_owner(small_project):
    path = small_project.path
    lock = workfile.lock_path(path)
    lock.write_text('{"user": "kollegin", "host": "PC-STAT-07", "pid": 4242,'
                    ' "since": "2026-11-21T08:15:00"}', encoding="utf-8")
    with Project.open(path) as second:
        assert second.read_only
        assert "kollegin" in second.notices[-1] and "PC-STAT-07" in second.notices[-1]
        with pytest.raises(ReadOnlyError):
            second.save()


def test_attachment_in_temp_folder_opens_read_only(small_project, tmp_path, monkeypatch):
    outlook = tmp_path / "INetCache" / "Content.Outlook" / "X1Y2Z3"
    outlook.mkdir(parents=True)
    attachment = outlook / "musterstadt.k360"
    shutil.copy(small_project.path, attachment)
    with Project.open(attachment) as project:
        assert project.read_only
        assert "E-Mail-Anhang" in project.notices[-1]
        project.add(District(code="77", name="Neu"))  # editing is allowed …
        with pytest.raises(ReadOnlyError):
            project.save()  # … but saving goes to Save As
        project.save_as(tmp_path / "gesichert.k360")
        assert not project.read_only


@pytest.mark.parametrize("argv, text", [
    (["new", "{tmp}/x.k360", "--name", "X", "--crs", "EPSG:99999"], "unbekannt"),
    (["new", "{tmp}/fehlt/x.k360", "--name", "X"], "gibt es nicht"),
    (["new", "{tmp}/vorhanden", "--name", "X"], "gibt es schon"),
    (["demo", "{tmp}/vorhanden.k360"], "gibt es schon"),
    (["info", "{tmp}/vorhanden.k360", "--gibtsnicht"], "unbekannte Angaben"),
    (["demo", "{tmp}/neu.k360", "--scale", "riesig"], "ungültige Auswahl"),
])
def test_cli_bad_arguments_give_one_german_line(tmp_path, capsys, argv, text):
    existing = tmp_path / "vorhanden.k360"
    Project.create("Vorhanden", existing).close()
    before = existing.read_bytes()
    code = main([a.replace("{tmp}", str(tmp_path)) for a in argv])
    err = capsys.readouterr().err
    assert code in (1, 2) and text in err
    assert err.count("\n") == 1 and "Traceback" not in err and err.startswith("Fehler: ")
    assert existing.read_bytes() == before


def test_virtual_table_and_view_posing_as_ours_are_refused(tmp_path, small_project, capsys):
    path = tmp_path / "virtuell.k360"
    shutil.copy(small_project.path, path)
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIRTUAL TABLE notizen USING fts5(x)")
    conn.commit()
    conn.close()
    _assert_refused(path, UnsafeFileError, capsys, "virtuelle Tabelle")
    path = tmp_path / "endlos.k360"
    shutil.copy(small_project.path, path)
    conn = sqlite3.connect(path)
    conn.executescript(
        "ALTER TABLE k360_meta RENAME TO alt;"
        "CREATE VIEW k360_meta AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c)"
        " SELECT 'schema_version' AS key, x AS value FROM c;")
    conn.close()
    _assert_refused(path, UnsafeFileError, capsys, "unbekannte Sicht")


def test_broken_rules_inside_our_tables_are_found_on_open(tmp_path, small_project, capsys):
    path = tmp_path / "regelwidrig.k360"
    shutil.copy(small_project.path, path)
    conn = sqlite3.connect(path)
    conn.executescript("PRAGMA ignore_check_constraints=ON;"
                       "UPDATE indicator_values SET status='erfunden';")
    conn.close()
    _assert_refused(path, DamagedFileError, capsys, "verletzt die Regeln")


def test_read_only_second_opener_cannot_save_over_the_document(small_project):
    path = small_project.path
    lock = workfile.lock_path(path)
    lock.write_text('{"user": "kollegin", "host": "PC-STAT-07", "pid": 4242,'
                    ' "since": "2026-11-21T08:15:00"}', encoding="utf-8")
    from k360desk.projectfile import ProjectLockedError

    with Project.open(path) as second:
        assert "21.11.2026, 08:15 Uhr" in second.notices[-1]
        with pytest.raises(ProjectLockedError):
            second.save_as(path)


def test_own_saved_file_reopens_fast_but_a_changed_one_is_checked_again(small_project, capsys):
    from k360desk.projectfile import trust

    path = small_project.path
    small_project.close()
    assert trust.is_known(path)  # saved by us: the full content scan is skipped
    conn = sqlite3.connect(path)
    conn.executescript("PRAGMA ignore_check_constraints=ON;"
                       "UPDATE indicator_values SET status='erfunden';")
    conn.close()
    assert not trust.is_known(path)
    _assert_refused(path, DamagedFileError, capsys, "verletzt die Regeln")


def test_a_received_file_is_checked_once_on_its_copy(tmp_path, small_project, monkeypatch):
    """The integrity check was most of the time a received city file took to open, and it
    ran twice (on the file and on the working copy); the copy's check covers both."""
    from k360desk.projectfile import safety, trust

    path = tmp_path / "empfangen.k360"
    shutil.copy(small_project.path, path)
    assert not trust.is_known(path)
    checks: list[str] = []
    harden = safety.harden

    def tracing(conn, attach=0):
        harden(conn, attach)
        name = conn.execute("PRAGMA database_list").fetchone()[2]
        conn.set_trace_callback(lambda sql: checks.append(name) if "quick_check" in sql else None)

    monkeypatch.setattr(safety, "harden", tracing)
    with Project.open(path) as project:
        assert project.count("districts") == 8
        assert checks == [str(project.work_path)]


def test_a_value_over_the_size_limit_is_refused(tmp_path, small_project, capsys, monkeypatch):
    """Values are measured only when the file could hold one over the limit at all."""
    from k360desk.projectfile import safety

    monkeypatch.setattr(safety, "MAX_VALUE_BYTES", 1024**2)
    path = tmp_path / "riesig.k360"
    shutil.copy(small_project.path, path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE districts SET notes = ? WHERE code = '11'", ("x" * (2 * 1024**2),))
    conn.commit()
    conn.close()
    _assert_refused(path, UnsafeFileError, capsys, "zu großen Wert")


def test_broken_rules_in_a_foreign_table_are_still_found(tmp_path, small_project, capsys):
    path = tmp_path / "fremdregel.k360"
    shutil.copy(small_project.path, path)
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE notizen (n INTEGER CHECK (n > 0));"
                       "PRAGMA ignore_check_constraints=ON; INSERT INTO notizen VALUES (-1);")
    conn.close()
    _assert_refused(path, DamagedFileError, capsys, "verletzt die Regeln")
