"""Hostile files from strangers (issue #20): newer versions, triggers, indexes, views."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from k360desk.cli import main
from k360desk.projectfile import Project, ReadOnlyError, UnsafeFileError

EVIL_TRIGGER = ("create trigger gpkg_contents_update_evil after update on gpkg_contents"
                " begin delete from indicator_values; end;")


def _tamper(source: Path, target: Path, script: str) -> Path:
    shutil.copy(source, target)
    conn = sqlite3.connect(target)
    conn.executescript(script)
    conn.close()
    return target


def _values(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM indicator_values").fetchone()[0]
    finally:
        conn.close()


def _run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("version", ["3", "99"])
def test_trigger_with_gdal_name_that_deletes_our_values_is_refused(tmp_path, small_project,
                                                                    capsys, version):
    """D0: the exact attack, in a current file and in one claiming a newer data model."""
    count = _values(small_project.path)
    assert count > 0
    path = _tamper(small_project.path, tmp_path / "boese.k360",
                   f"UPDATE k360_meta SET value='{version}' WHERE key='schema_version';"
                   + EVIL_TRIGGER)
    before = path.read_bytes()
    with pytest.raises(UnsafeFileError, match="gpkg_contents_update_evil"):
        Project.open(path)
    code, _out, err = _run(["check", str(path)], capsys)
    assert code == 1 and err.startswith("Fehler: ") and "gpkg_contents_update_evil" in err
    code, _out, err = _run(["send-copy", str(path), str(tmp_path / "kopie.k360")], capsys)
    assert code == 1 and err.count("\n") == 1
    assert not (tmp_path / "kopie.k360").exists()
    assert path.read_bytes() == before


def test_nothing_writes_a_file_from_a_newer_version(tmp_path, small_project, capsys):
    """D0: a newer file opens read-only; send-copy refuses instead of writing our tables."""
    path = _tamper(small_project.path, tmp_path / "neu.k360",
                   "UPDATE k360_meta SET value='99' WHERE key='schema_version';")
    before = path.read_bytes()
    with Project.open(path) as project:
        assert project.too_new
        with pytest.raises(ReadOnlyError, match="neueren k360desk-Version"):
            project.write_copy(tmp_path / "kopie.k360")
    code, _out, err = _run(["send-copy", str(path), str(tmp_path / "kopie.k360")], capsys)
    assert code == 1 and "neueren k360desk-Version" in err and err.count("\n") == 1
    assert not (tmp_path / "kopie.k360").exists()
    assert path.read_bytes() == before


def test_harmless_gdal_triggers_in_a_newer_file_are_reported_and_never_run(tmp_path, small_project,
                                                                           capsys):
    """D0: GDAL-named triggers whose bodies only touch R-trees are not kept in the working copy."""
    trigger = ("CREATE TRIGGER rtree_districts_geom_update AFTER UPDATE ON districts"
               " BEGIN DELETE FROM rtree_districts_geom WHERE id = OLD.fid; END;")
    path = _tamper(small_project.path, tmp_path / "neu.k360",
                   "UPDATE k360_meta SET value='99' WHERE key='schema_version';"
                   "CREATE TABLE rtree_districts_geom (id INTEGER PRIMARY KEY);" + trigger)
    with Project.open(path) as project:
        names = [r[0] for r in project._conn.execute(
            "SELECT name FROM sqlite_master WHERE type='trigger'")]
        assert names == []
    code, out, _err = _run(["check", str(path)], capsys)
    assert "rtree_districts_geom_update" in out


def test_connections_follow_sqlite_guidance_for_untrusted_files(small_project):
    from k360desk.projectfile import safety

    conn = safety.connect_readonly(small_project.path)
    try:
        assert conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0
        assert conn.execute("PRAGMA cell_size_check").fetchone()[0] == 1
        assert conn.execute("PRAGMA mmap_size").fetchone()[0] == 0
    finally:
        conn.close()


COSTLY_INDEX = ("create index zz on indicator_values(value)"
                " where length(printf('%.*c',40000000,'x'))>0;")


def test_extra_costly_index_is_removed_and_reported(tmp_path, small_project, capsys):
    """D2: an index we did not create is reported by check and never reaches a saved file."""
    path = _tamper(small_project.path, tmp_path / "index.k360", COSTLY_INDEX)
    started = time.monotonic()
    code, out, _err = _run(["check", str(path)], capsys)
    assert code == 1 and "„zz“" in out
    assert time.monotonic() - started < 20
    with Project.open(path) as project:
        assert any("zz" in n for n in project.notices)
        project.save_as(tmp_path / "sauber.k360")
    conn = sqlite3.connect(tmp_path / "sauber.k360")
    indexes = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")]
    conn.close()
    assert "zz" not in indexes


ENDLESS_VIEW = ("DROP VIEW district_indicators;"
                "CREATE VIEW district_indicators AS WITH RECURSIVE c(x) AS"
                " (SELECT 1 UNION ALL SELECT x+1 FROM c)"
                " SELECT d.fid AS fid, d.geom AS geom, c.x AS code FROM districts d, c;")


def test_own_view_with_foreign_sql_is_reported_and_replaced(tmp_path, small_project, capsys):
    """D3: check names the foreign view SQL; a send-copy of the file stays readable by GDAL."""
    path = _tamper(small_project.path, tmp_path / "sicht.k360", ENDLESS_VIEW)
    code, out, _err = _run(["check", str(path)], capsys)
    assert code == 1 and "district_indicators" in out
    copy = tmp_path / "kopie.k360"
    code, _out, _err = _run(["send-copy", str(path), str(copy)], capsys)
    assert code == 0
    script = ("import pyogrio, sys; f = pyogrio.read_dataframe(sys.argv[1],"
              " layer='district_indicators'); print(len(f))")
    done = subprocess.run([sys.executable, "-c", script, str(copy)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "8"


BROKEN_BLOB = b"GP\x00\x03\x00\x00\x00\x00\x01\x03"  # claims an envelope, then ends


def test_broken_geometry_never_blocks_saving_and_can_be_removed(tmp_path, small_project, capsys):
    """D7: a 10-byte geometry blob is flagged, saving works, --fix removes it."""
    path = _tamper(small_project.path, tmp_path / "kaputt.k360", "")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE districts SET geom=? WHERE code='11'", (BROKEN_BLOB,))
    conn.commit()
    conn.close()
    code, out, _err = _run(["check", str(path)], capsys)
    assert code == 1 and "Sozialraum 11" in out and "ungültige Geometrie" in out
    with Project.open(path) as project:
        project.save()  # was: struct.error, forever
    code, out, _err = _run(["check", str(path)], capsys)
    assert code == 1 and "Sozialraum 11" in out  # still flagged, not silently changed
    code, out, _err = _run(["check", "--fix", str(path)], capsys)
    assert code == 0 and "Geometrie entfernt: Sozialraum 11" in out
    code, out, _err = _run(["check", str(path)], capsys)
    assert code == 0
    with Project.open(path) as project:
        from k360desk.projectfile import District

        assert project.find(District, code="11").geom is None
        assert project.find(District, code="12").geom is not None


def _one_german_line(argv, capsys) -> str:
    code, _out, err = _run(argv, capsys)
    assert code == 1 and err.startswith("Fehler: ") and err.count("\n") == 1, err
    assert "unerwarteter Fehler" not in err and "Traceback" not in err
    return err


@pytest.mark.parametrize("crs", ["EPSG:abc", "xyz", ""])
def test_non_numeric_crs_setting_is_a_clear_message(tmp_path, small_project, capsys, crs):
    path = _tamper(small_project.path, tmp_path / "crs.k360",
                   f"UPDATE k360_meta SET value='{crs}' WHERE key='crs';")
    for command in ("info", "check"):
        assert "Bezugssystem" in _one_german_line([command, str(path)], capsys)


@pytest.mark.parametrize("threshold", ["abc", "-5", "0", "1e400", "99999999999999999999"])
def test_bad_disclosure_threshold_is_flagged_and_never_disables_suppression(
        tmp_path, small_project, capsys, threshold):
    path = _tamper(small_project.path, tmp_path / "schwelle.k360",
                   f"UPDATE k360_meta SET value='{threshold}' WHERE key='disclosure_threshold';")
    code, out, _err = _run(["check", str(path)], capsys)
    assert code == 1 and "Geheimhaltung" in out
    with Project.open(path) as project:
        assert project.disclosure_threshold == 3


def test_unknown_collation_is_a_clear_message(tmp_path, small_project, capsys):
    path = tmp_path / "sortierung.k360"
    shutil.copy(small_project.path, path)
    conn = sqlite3.connect(path)
    conn.create_collation("klingon", lambda a, b: (a > b) - (a < b))
    conn.execute("CREATE TABLE notizen (t TEXT COLLATE klingon PRIMARY KEY)")
    conn.execute("INSERT INTO notizen VALUES ('a')")
    conn.commit()
    conn.close()
    err = _one_german_line(["info", str(path)], capsys)
    assert "Sortierregel" in err and "klingon" in err


@pytest.mark.parametrize("content", ["kaputt{", '{"user": "x", "pid": "abc", "host": 7}', "[1, 2]",
                                     '{"pid": 99999999999999999999999}'])
def test_bad_lock_file_does_not_break_opening(tmp_path, small_project, capsys, content):
    from k360desk.projectfile import workfile

    path = small_project.path
    small_project.close()
    workfile.lock_path(path).write_text(content, encoding="utf-8")
    code, out, err = _run(["info", str(path)], capsys)
    assert code == 0 and "Kleinstadt" in out, err
    with Project.open(path) as project:
        project.save()


def test_lock_of_another_pc_is_stale_after_a_working_day(small_project):
    import json
    import os

    from k360desk.projectfile import workfile

    path = small_project.path
    small_project.close()
    lock = workfile.lock_path(path)
    lock.write_text(json.dumps({"user": "kollegin", "host": "PC-STAT-07", "pid": 4242,
                                "since": "2026-11-20T08:15:00"}), encoding="utf-8")
    with Project.open(path) as project:
        assert project.read_only  # a fresh lock of another PC is honoured
    old = time.time() - 13 * 3600
    os.utime(lock, (old, old))
    with Project.open(path) as project:
        assert not project.read_only
        assert any("PC-STAT-07" in n and "veraltet" in n for n in project.notices)


def _blob(geometry, srs=25832):
    import struct as st

    import shapely

    minx, miny, maxx, maxy = geometry.bounds
    return (b"GP\x00\x03" + st.pack("<i4d", srs, minx, maxx, miny, maxy)
            + shapely.to_wkb(geometry, byte_order=1, output_dimension=3))


def test_3d_and_out_of_range_boundaries_are_flagged_and_repaired(tmp_path, small_project, capsys):
    import shapely
    from shapely.geometry import Polygon, box

    from k360desk.projectfile import District

    raised = Polygon([(0, 0, 50), (1000, 0, 50), (1000, 1000, 60), (0, 1000, 50)])
    far = box(1e12, 1e12, 1e12 + 10, 1e12 + 10)
    path = _tamper(small_project.path, tmp_path / "raum.k360", "")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE districts SET geom=? WHERE code='11'", (_blob(raised),))
    conn.execute("UPDATE districts SET geom=? WHERE code='12'", (_blob(far),))
    conn.commit()
    conn.close()
    code, out, _err = _run(["check", str(path)], capsys)
    assert code == 1
    assert "Sozialraum 11" in out and "Höhenangaben" in out
    assert "Sozialraum 12" in out and "außerhalb" in out
    code, out, _err = _run(["check", "--fix", str(path)], capsys)
    assert code == 0, out
    with Project.open(path) as project:
        eleven = project.find(District, code="11").geom
        assert eleven is not None and not shapely.has_z(eleven) and eleven.area == 1_000_000
        assert project.find(District, code="12").geom is None
        # Our own writes never store a third dimension either.
        project.update(District, project.find(District, code="13").id, geom=raised)
        assert not shapely.has_z(project.find(District, code="13").geom)


def test_geopackage_table_we_write_with_a_stranger_constraint_is_refused(tmp_path, small_project,
                                                                         capsys):
    """A CHECK or DEFAULT added to gpkg_contents would run on every save."""
    path = _tamper(small_project.path, tmp_path / "gpkg.k360",
                   "PRAGMA writable_schema=ON;"
                   "UPDATE sqlite_master SET sql=replace(sql, 'srs_id INTEGER,',"
                   " 'srs_id INTEGER CHECK (length(printf(''%.*c'', 40000000, ''x'')) > 0),')"
                   " WHERE name='gpkg_contents';")
    conn = sqlite3.connect(path)
    assert "printf" in conn.execute("SELECT sql FROM sqlite_master WHERE name='gpkg_contents'"
                                    ).fetchone()[0]
    conn.close()
    err = _one_german_line(["info", str(path)], capsys)
    assert "gpkg_contents" in err


def test_a_file_with_the_largest_page_size_opens(tmp_path, small_project, capsys):
    """A valid SQLite file with 64 KiB pages (another tool's choice) is not "unreadable"."""
    path = _tamper(small_project.path, tmp_path / "seiten.k360", "PRAGMA page_size=65536; VACUUM;")
    code, out, err = _run(["check", str(path)], capsys)
    assert code == 0, err
    with Project.open(path) as project:
        project.set_meta("ags", "01001000")
        project.save()
