"""Save notices that the file changed on disk since it was opened (#20 D11)."""

from __future__ import annotations

import os
import sqlite3

import pytest

from k360desk.cli import main
from k360desk.projectfile import District, FileChangedError, Project


def _edit_elsewhere(path, name="In QGIS geändert"):
    """What QGIS does: write the document directly."""
    conn = sqlite3.connect(path)
    conn.execute("UPDATE districts SET name=? WHERE code='11'", (name,))
    conn.commit()
    conn.close()


def test_save_refuses_to_overwrite_a_file_changed_elsewhere(small_project):
    path = small_project.path
    small_project.update(District, small_project.find(District, code="12").id, name="Hier geändert")
    _edit_elsewhere(path)
    before = path.read_bytes()
    with pytest.raises(FileChangedError, match="außerhalb von k360desk geändert"):
        small_project.save()
    assert path.read_bytes() == before
    small_project.save(overwrite_changed=True)  # the planner decided: ours wins
    with Project.open(path, read_only=True) as saved:
        assert saved.find(District, code="12").name == "Hier geändert"
    small_project.update(District, small_project.find(District, code="13").id, name="Weiter")
    small_project.save()  # after our own save the new state is the reference


def test_a_touched_but_unchanged_file_saves_without_asking(small_project):
    path = small_project.path
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    small_project.update(District, small_project.find(District, code="12").id, name="Neu")
    small_project.save()


def test_cli_save_after_a_change_elsewhere_is_one_german_line(small_project, tmp_path, capsys,
                                                             monkeypatch):
    """A command that opens, works, and saves: the file changes while it works."""
    path = small_project.path
    small_project.close()
    data = tmp_path / "w.csv"
    data.write_text("Gebiet;Indikator;Jahr;Wert\n11;einwohner;2030;1\n", encoding="utf-8")
    from k360desk.io import values

    original = values.run

    def run_then_qgis_edits(*args, **kwargs):
        report = original(*args, **kwargs)
        _edit_elsewhere(path)
        return report

    monkeypatch.setattr(values, "run", run_then_qgis_edits)
    code = main(["import", "values", str(path), str(data)])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("Fehler: ") and "außerhalb von k360desk geändert" in err
    assert err.count("\n") == 1
    with Project.open(path, read_only=True) as saved:
        assert saved.find(District, code="11").name == "In QGIS geändert"
