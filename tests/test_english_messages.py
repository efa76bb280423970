"""Error messages from below the UI in English when English is chosen (``--lang en``):
a damaged file, a file locked by a colleague, an import column that is not there."""

from __future__ import annotations

import pytest

from k360desk.cli import main
from tests.german import GERMAN


def _error(argv, capsys) -> str:
    capsys.readouterr()
    assert main(["--lang", "en", *argv]) != 0
    err = capsys.readouterr().err.strip()
    assert err.startswith("Error: ") and "\n" not in err, err
    assert not GERMAN.search(err), err
    return err


def test_damaged_file(small_project, capsys):
    path = small_project.path
    small_project.close()
    data = bytearray(path.read_bytes())
    data[4096 * 2:4096 * 4] = b"\xff" * 8192  # pages of the tables, not the header
    path.write_bytes(bytes(data))
    err = _error(["info", str(path)], capsys)
    assert "damaged" in err and path.name in err


def test_truncated_file(tmp_path, capsys):
    path = tmp_path / "kurz.k360"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    assert "incomplete" in _error(["info", str(path)], capsys)


def test_locked_file(small_project):
    from k360desk.messages import using
    from k360desk.projectfile import Project, ProjectLockedError, workfile

    path = small_project.path
    workfile.lock_path(path).write_text(
        '{"user": "kollegin", "host": "PC-STAT-07", "pid": 4242, "since": "2026-11-21T08:15:00"}',
        encoding="utf-8")
    with using("en"), Project.open(path) as second:
        notice = second.notices[-1]
        with pytest.raises(ProjectLockedError) as raised:
            second.save_as(path)
    assert "kollegin" in notice and not GERMAN.search(notice), notice
    message = str(raised.value)
    assert "PC-STAT-07" in message and not GERMAN.search(message), message


def test_import_column_that_is_not_there(small_project, tmp_path, capsys):
    path = small_project.path
    small_project.close()
    table = tmp_path / "werte.csv"
    table.write_text("Schluessel;Zeit;Arbeitslose\n11;2023;12\n", encoding="utf-8")
    err = _error(["import", "values", str(path), str(table), "--code", "Bezirk"], capsys)
    assert "“Bezirk”" in err and "Schluessel" in err
