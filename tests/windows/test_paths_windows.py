"""Windows paths: long paths, umlauts, OneDrive Documents, network shares, program folder."""

from __future__ import annotations

import os
import socket
import sqlite3
import sys
from pathlib import Path

import pytest

from k360desk.projectfile import Project, paths, workfile

USER = "C:\\Users\\Jürgen Müller-Lüdenscheidt"


def test_short_paths_stay_as_they_are():
    assert paths.long_path(USER + "\\Dokumente\\Plan.k360", windows=True) == \
        USER + "\\Dokumente\\Plan.k360"
    long_posix = "/home/x/" + "a" * 300
    assert paths.long_path(long_posix, windows=False) == long_posix


def test_long_local_path_gets_the_extended_prefix():
    deep = USER + "\\Dokumente\\" + "\\".join(["Sozialplanung Fachbereich Jugend"] * 8) + "\\Ö.k360"
    assert len(deep) > 260
    result = paths.long_path(deep, windows=True)
    assert result == "\\\\?\\" + deep
    assert paths.long_path(result, windows=True) == result  # never twice


def test_long_network_path_gets_the_unc_prefix():
    deep = ("\\\\rathaus.stadt.local\\Fachbereiche\\" + "\\".join(["Sozialplanung"] * 20)
            + "\\p.k360")
    assert paths.long_path(deep, windows=True) == "\\\\?\\UNC\\" + deep[2:]


def test_sqlite_uri_for_windows_drive_with_umlauts_and_special_characters():
    uri = paths.sqlite_uri(USER + "\\Dokumente\\Plan #2 (100%).k360", windows=True, mode="ro")
    assert uri == ("file:/C:/Users/J%C3%BCrgen%20M%C3%BCller-L%C3%BCdenscheidt/Dokumente/"
                   "Plan%20%232%20%28100%25%29.k360?mode=ro")


def test_sqlite_uri_for_network_shares_has_an_empty_authority():
    # Path.as_uri() gives file://rathaus/…, which SQLite rejects ("invalid uri authority");
    # on Windows Path.resolve() turns every mapped drive (S:\) into such a UNC path.
    assert paths.sqlite_uri("\\\\rathaus\\Planung\\Süd.k360", windows=True) == \
        "file:////rathaus/Planung/S%C3%BCd.k360"
    assert paths.sqlite_uri("\\\\?\\UNC\\rathaus\\Planung\\a.k360", windows=True) == \
        "file:////rathaus/Planung/a.k360"
    assert paths.sqlite_uri("\\\\?\\D:\\Daten\\a.k360", windows=True) == "file:/D:/Daten/a.k360"


def test_sqlite_opens_files_with_awkward_names_through_the_uri(tmp_path):
    folder = tmp_path / "Jürgen Müller" / "Sozialplanung #1 (100%)"
    folder.mkdir(parents=True)
    target = folder / "Planung? Süd & Nord.db"
    with sqlite3.connect(target) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES ('ä')")
    conn.close()
    ro = sqlite3.connect(paths.sqlite_uri(target, mode="ro"), uri=True)
    assert ro.execute("SELECT x FROM t").fetchone() == ("ä",)
    with pytest.raises(sqlite3.OperationalError):
        ro.execute("INSERT INTO t VALUES ('b')")
    ro.close()


def test_project_with_umlauts_and_hash_in_its_path_opens_saves_and_locks(tmp_path, small_project):
    folder = tmp_path / "Gemeinsame Ablage – Jürgen #2"
    folder.mkdir()
    target = folder / "Sozialräume Größe (100%).k360"
    small_project.save_as(target)
    small_project.close()
    project = Project.open(target)
    try:
        assert not project.read_only
        assert workfile.read_lock(target) is None  # our own lock
        assert workfile.lock_path(target).exists()
        project.set_meta("municipality", "Südstadt")
        project.save()
    finally:
        project.close()
    assert not workfile.lock_path(target).exists()
    again = Project.open(target, read_only=True)
    assert again.get_meta("municipality") == "Südstadt"
    again.close()


def test_stale_lock_of_a_crashed_process_is_taken_over(tmp_path, small_project):
    target = tmp_path / "p.k360"
    small_project.save_as(target)
    small_project.close()
    workfile.lock_path(target).write_text(
        '{"user": "Jürgen", "host": "%s", "pid": 999999999, "since": "2026-01-01"}'
        % socket.gethostname(), encoding="utf-8")
    project = Project.open(target)
    try:
        assert not project.read_only
        assert str(os.getpid()) in workfile.lock_path(target).read_text(encoding="utf-8")
    finally:
        project.close()


def test_lock_of_someone_on_another_pc_opens_read_only(tmp_path, small_project):
    target = tmp_path / "p.k360"
    small_project.save_as(target)
    small_project.close()
    workfile.lock_path(target).write_text(
        '{"user": "Gül Öztürk", "host": "PC-AMT50-07", "pid": 4711, "since": "2026-11-20T09:00"}',
        encoding="utf-8")
    project = Project.open(target)
    try:
        assert project.read_only
        reason = project.read_only_reason
        assert "Gül Öztürk" in reason and "PC-AMT50-07" in reason
    finally:
        project.close()


def test_network_paths_are_recognised():
    assert paths.is_network_path("\\\\rathaus\\Planung\\a.k360", windows=True)
    assert paths.is_network_path("//rathaus/Planung/a.k360", windows=True)
    assert paths.is_network_path("\\\\?\\UNC\\rathaus\\Planung\\a.k360", windows=True)
    assert not paths.is_network_path("\\\\?\\C:\\Daten\\a.k360", windows=True)
    assert not paths.is_network_path("/home/planung/a.k360", windows=False)


def test_folder_writable_really_tries_on_windows(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    assert paths.folder_writable(tmp_path)
    assert list(tmp_path.iterdir()) == []  # the probe is gone again
    assert not paths.folder_writable(tmp_path / "gibt es nicht")


def test_replace_waits_out_a_short_lock_on_windows(tmp_path, monkeypatch):
    source, target = tmp_path / "neu", tmp_path / "alt"
    source.write_text("neu")
    target.write_text("alt")
    real_replace, calls = os.replace, []

    def flaky(a, b):
        calls.append(a)
        if len(calls) < 3:
            raise PermissionError(32, "used by another process (OneDrive)")
        real_replace(a, b)

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "replace", flaky)
    paths.replace_file(source, target, pause=0.01)
    assert target.read_text() == "neu" and len(calls) == 3


def test_replace_gives_up_elsewhere_at_once(tmp_path, monkeypatch):
    def locked(a, b):
        raise PermissionError(13, "denied")

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(PermissionError):
        paths.replace_file(tmp_path / "a", tmp_path / "b")


def test_documents_folder_follows_onedrive_redirection(tmp_path, monkeypatch):
    redirected = tmp_path / "OneDrive - Stadt Flensburg" / "Dokumente"
    redirected.mkdir(parents=True)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(paths, "_known_folder_documents", lambda: str(redirected))
    assert paths.documents_dir() == redirected
    # Without the Known Folder API answer, the OneDrive variable is the next best guess.
    onedrive = tmp_path / "OneDrive"
    (onedrive / "Documents").mkdir(parents=True)
    monkeypatch.setattr(paths, "_known_folder_documents", lambda: None)
    monkeypatch.setenv("OneDrive", str(onedrive))
    monkeypatch.delenv("OneDriveCommercial", raising=False)
    assert paths.documents_dir() == onedrive / "Documents"


def test_documents_folder_elsewhere_is_an_existing_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Dokumente").mkdir()
    assert paths.documents_dir() == tmp_path / "Dokumente"


def test_data_folder_under_local_app_data_with_umlaut_user(tmp_path, monkeypatch):
    local = tmp_path / "Users" / "Jürgen Müller" / "AppData" / "Local"
    monkeypatch.delenv("K360DESK_DATA_DIR")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(local))
    assert paths.data_dir() == local / "k360desk"
    assert paths.work_dir().is_dir() and paths.backup_dir().is_dir()


def test_frozen_program_never_gets_caches_beside_it(tmp_path, monkeypatch):
    program = tmp_path / "Program Files" / "k360desk"
    program.mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "k360desk.exe"))
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "_MEI-temp"))  # PyInstaller's own hook
    monkeypatch.setenv("PROJ_NETWORK", "ON")
    paths.prepare_runtime()
    assert os.environ["PROJ_NETWORK"] == "OFF"  # no network connections, ever
    config = Path(os.environ["MPLCONFIGDIR"])
    assert paths.program_dir() == program
    assert config.is_dir() and paths.is_within(config, paths.data_dir())
    assert not paths.is_within(config, program)


def test_prepare_runtime_leaves_a_python_installation_alone(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setenv("MPLCONFIGDIR", "/somewhere")
    paths.prepare_runtime()
    assert os.environ["MPLCONFIGDIR"] == "/somewhere"


def test_is_within():
    assert paths.is_within(Path("/a/b/c"), Path("/a/b"))
    assert paths.is_within(Path("/a/b"), Path("/a/b"))
    assert not paths.is_within(Path("/a/bc"), Path("/a/b"))
