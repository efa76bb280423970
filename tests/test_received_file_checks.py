"""The content checks of a received file (issue 24: a city file opens with full checks in
≤ 0,6 s): damaged rows, broken references and indexes that no longer match their table
are refused, however the checks are spread over connections."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from k360desk.cli import main
from k360desk.projectfile import DamagedFileError, Project


def _refused(path: Path, capsys, *texts: str) -> str:
    before = path.read_bytes()
    with pytest.raises(DamagedFileError) as caught:
        Project.open(path)
    for text in texts:
        assert text in str(caught.value)
    assert main(["info", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fehler: ") and err.count("\n") == 1 and "Traceback" not in err
    assert path.read_bytes() == before
    return str(caught.value)


def _copy(small_project, tmp_path: Path, name: str, script: str = "") -> Path:
    path = tmp_path / name
    shutil.copy(small_project.path, path)
    if script:
        conn = sqlite3.connect(path)
        conn.executescript(script)
        conn.close()
    return path


def _patch_table_only(path: Path, table: str, index_column: str, old: bytes, new: bytes) -> None:
    """Overwrite ``old`` in the table's own pages, leaving the copy in its index as it was:
    what a damaged disk or a hand-edited file can look like (SQLite's quick_check does not
    compare an index with its table)."""
    assert len(old) == len(new)
    conn = sqlite3.connect(path)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    index_pages = set()
    for _seq, name, *_rest in conn.execute(f"PRAGMA index_list({table})"):
        if [r[2] for r in conn.execute(f'PRAGMA index_info("{name}")')] == [index_column]:
            index_pages.add(conn.execute("SELECT rootpage FROM sqlite_master WHERE name=?",
                                         (name,)).fetchone()[0])
    conn.close()
    assert index_pages
    data = bytearray(path.read_bytes())
    at = [i for i in range(len(data)) if data[i:i + len(old)] == old]
    in_table = [i for i in at if i // size + 1 not in index_pages]
    assert len(at) == 2 and len(in_table) == 1  # one copy in the table, one in the index
    data[in_table[0]:in_table[0] + len(old)] = new
    path.write_bytes(bytes(data))


def test_a_blank_code_behind_an_index_that_still_holds_the_old_one_is_refused(
        small_project, tmp_path, capsys):
    """Found while splitting the checks: the CHECK query of ``districts`` read the code from
    its UNIQUE index, so a row whose code was blanked in the table itself opened."""
    path = _copy(small_project, tmp_path, "leercode.k360",
                 "UPDATE districts SET code='QZQZ11' WHERE code='11';")
    _patch_table_only(path, "districts", "code", b"QZQZ11", b"      ")
    _refused(path, capsys, "verletzt die Regeln")


def test_two_districts_with_one_code_hidden_by_the_index_are_refused(small_project, tmp_path,
                                                                     capsys):
    """A district code must be unique; the table held it twice while its index did not."""
    path = _copy(small_project, tmp_path, "doppelt.k360",
                 "UPDATE districts SET code='QZQZ11' WHERE code='11';"
                 "UPDATE districts SET code='QZQZ12' WHERE code='12';")
    _patch_table_only(path, "districts", "code", b"QZQZ11", b"QZQZ12")
    _refused(path, capsys, "beschädigt")


def test_a_strangers_index_cannot_hide_a_broken_value_row(small_project, tmp_path, capsys):
    """The values table is checked on other connections than the one that removes a
    stranger's index: such an index, which would cover the query, must be gone first."""
    path = _copy(small_project, tmp_path, "verdeckt.k360",
                 "CREATE INDEX zz ON indicator_values(period, status);")
    conn = sqlite3.connect(path)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='indicator_values'"
                        ).fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    at = data.index(b"final", (root - 1) * size, root * size)
    data[at:at + 5] = b"fxnal"
    path.write_bytes(bytes(data))
    _refused(path, capsys, "verletzt die Regeln")


@pytest.mark.parametrize("end", ["min", "max"])
def test_a_broken_rule_at_either_end_of_the_values_is_refused(small_project, tmp_path, capsys, end):
    path = _copy(small_project, tmp_path, "periode.k360",
                 "PRAGMA ignore_check_constraints=ON;"
                 "UPDATE indicator_values SET period=1700 WHERE indicator_id ="
                 f" (SELECT {end}(indicator_id) FROM indicator_values) AND period=2022;")
    _refused(path, capsys, "verletzt die Regeln")


@pytest.mark.parametrize("end, target", [("min", "999"), ("max", "999"), ("max", "'x'")])
def test_a_value_of_a_district_that_does_not_exist_is_refused(small_project, tmp_path, capsys,
                                                             end, target):
    path = _copy(small_project, tmp_path, "verwaist.k360",
                 f"UPDATE indicator_values SET district_id={target} WHERE indicator_id ="
                 f" (SELECT {end}(indicator_id) FROM indicator_values) AND period=2023"
                 " AND district_id = (SELECT min(district_id) FROM indicator_values);")
    _refused(path, capsys, "Verweise ins Leere", "indicator_values")


def test_a_district_on_a_level_that_does_not_exist_is_refused(small_project, tmp_path, capsys):
    path = _copy(small_project, tmp_path, "ebene.k360",
                 "UPDATE districts SET level_id=999 WHERE code='11';")
    _refused(path, capsys, "Verweise ins Leere", "districts")


def test_the_values_are_checked_in_two_halves_on_two_connections(small_project, tmp_path,
                                                                 monkeypatch):
    """The largest table is most of the check's time: its halves run side by side (sqlite3
    releases the GIL while a statement runs), each on its own read-only connection."""
    from k360desk.projectfile import safety

    path = _copy(small_project, tmp_path, "empfangen.k360")
    seen: dict[int, list[str]] = {}
    harden = safety.harden

    def tracing(conn, attach=0):
        harden(conn, attach)
        statements = seen.setdefault(id(conn), [])
        conn.set_trace_callback(statements.append)

    monkeypatch.setattr(safety, "harden", tracing)
    with Project.open(path) as project:
        assert project.count("districts") == 8
    halves = [[s for s in statements if 'FROM "indicator_values" NOT INDEXED WHERE' in s]
              for statements in seen.values()]
    halves = [h for h in halves if h]
    assert len(halves) == 2
    assert sorted(("<" in h[0], ">=" in h[0]) for h in halves) == [(False, True), (True, False)]


def test_unfolded_in_lists_judge_every_value_as_sqlite_judges_the_list():
    """The values table's status list is tested as ``status = 'final' OR …`` (a list IN
    builds a temporary index per query and probes it for every row); for each of our CHECK
    constraints with such a list, both forms must agree on every kind of value."""
    import itertools
    import re

    from k360desk.projectfile import contents, reference, schema

    ref = reference.at_version(schema.SCHEMA_VERSION)
    conn = sqlite3.connect(":memory:")
    compared = 0
    for table, expressions in ref.checks.items():
        for expression in expressions:
            unfolded = contents.unfold_in_lists(expression)
            if unfolded == expression:
                continue
            assert " IN " not in unfolded.upper().replace("NOT IN", "")
            columns = [c for c in dict.fromkeys(re.findall(r"[A-Za-z_]\w*", expression))
                       if c in ref.sql.get(table, "")
                       and re.search(rf"\b{c}\b\s+(INTEGER|TEXT|REAL)", ref.sql[table])]
            types = {c: re.search(rf"\b{c}\b\s+(INTEGER|TEXT|REAL)", ref.sql[table]).group(1)
                     for c in columns}
            conn.execute("DROP TABLE IF EXISTS probe")
            conn.execute("CREATE TABLE probe (" + ", ".join(f"{c} {t}" for c, t in types.items())
                         + ")")
            literals = [x[1:-1].replace("''", "'") if x.startswith("'") else int(x)
                        for x in re.findall(r"'(?:[^']|'')*'|-?\d+", expression)]
            candidates = [*literals, None, "", "x", "FINAL", 2, -1, 0, 1.0, "1", b"final"]
            for row in itertools.product(candidates, repeat=len(columns)):
                conn.execute("DELETE FROM probe")
                conn.execute(f"INSERT INTO probe VALUES ({', '.join('?' * len(columns))})", row)
                same = conn.execute(f"SELECT ({expression}) IS ({unfolded}) FROM probe").fetchone()
                assert same == (1,), (table, expression, row)
            compared += 1
    assert compared >= 10


def test_without_connections_of_their_own_the_checks_run_one_after_another(
        small_project, tmp_path, capsys, monkeypatch):
    """Where a second connection to the working copy cannot be opened, the same checks run
    on the working copy's own connection: the file is judged the same."""
    from k360desk.projectfile import safety

    def refused(path):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(safety, "connect_checker", refused)
    good = _copy(small_project, tmp_path, "gut.k360")
    with Project.open(good) as project:
        assert project.count("districts") == 8
    path = _copy(small_project, tmp_path, "verwaist.k360",
                 "UPDATE indicator_values SET district_id=999 WHERE period=2023 AND"
                 " district_id = (SELECT min(district_id) FROM indicator_values);")
    _refused(path, capsys, "Verweise ins Leere", "indicator_values")
    path = _copy(small_project, tmp_path, "leercode.k360",
                 "UPDATE districts SET code='QZQZ11' WHERE code='11';")
    _patch_table_only(path, "districts", "code", b"QZQZ11", b"      ")
    _refused(path, capsys, "verletzt die Regeln")


def test_the_working_copy_is_on_disk_before_the_project_is_handed_out(small_project, tmp_path,
                                                                      monkeypatch):
    """The pages are copied without waiting for the disk; a thread syncs the copy, and open
    waits for it, so a power cut right after opening cannot leave a torn working copy."""
    import os

    from k360desk.projectfile import receiving

    synced: list[str] = []
    real = os.fsync

    def fsync(handle):
        synced.append(os.readlink(f"/proc/self/fd/{handle}") if os.path.exists("/proc/self/fd")
                      else "?")
        real(handle)

    monkeypatch.setattr(receiving.os, "fsync", fsync)
    path = _copy(small_project, tmp_path, "empfangen.k360")
    with Project.open(path) as project:
        assert synced and synced[0] in (str(project.work_path), "?")
