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


def test_backups_keep_recent_saves_plus_daily_and_weekly_tiers(small_project, capsys):
    """#20: the last saves, then one version per day, then one per week (like Anki)."""
    import time

    from k360desk.projectfile.backups import DAILY, RECENT, backup_folder, list_backups

    uuid = small_project.get_meta("project_uuid")
    folder = backup_folder(uuid, small_project.path)
    folder.mkdir(parents=True, exist_ok=True)
    now = time.time()
    # Two versions a day over the last 90 days, as if the planner saved every day.
    for day in range(1, 91):
        for hour in (9, 15):
            old = folder / f"klein-alt-{day:03d}-{hour}.k360"
            old.write_bytes(small_project.path.read_bytes())
            stamp = now - day * 86400 + hour * 3600 - 86400
            os.utime(old, (stamp, stamp))
    for number in range(3):
        small_project.update(District, small_project.find(District, code="12").id,
                             name=f"Fassung {number}")
        small_project.save()
    kept = list_backups(uuid, small_project.path)
    tiers = [b.tier for b in kept]
    assert tiers.count("recent") == RECENT
    assert 1 <= tiers.count("daily") <= DAILY
    assert tiers.count("weekly") >= 6  # about two months back, one version per week
    days = [b.saved.date() for b in kept if b.tier == "daily"]
    assert len(days) == len(set(days))
    assert (now - kept[-1].saved.timestamp()) / 86400 > 40
    assert len(kept) == len(list(folder.glob("*.k360")))  # the rest was pruned
    assert main(["backups", str(small_project.path)]) == 0
    out = capsys.readouterr().out
    assert "Tagesstand" in out and "Wochenstand" in out and "letzte Speicherung" in out
