"""The per-user uninstaller removes exactly the files it installed, never a user's file.

Without Windows the uninstall section of k360desk-user.nsi is carried out here on a real
folder: its ``Delete`` and ``RMDir`` commands (with the generated file list expanded) act on
an install folder that also holds a user's project files. With makensis present, the
script is also compiled, so the list is valid NSIS.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest

INSTALLER = Path(__file__).resolve().parents[2] / "installer"
RESOURCES = INSTALLER.parent / "src" / "k360desk" / "resources"


def _nsis_files():
    spec = importlib.util.spec_from_file_location("nsis_files", INSTALLER / "nsis_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _bundle(root: Path) -> Path:
    """A small bundle shaped like PyInstaller's: launchers, _internal with nested folders."""
    app = root / "dist" / "k360desk"
    for name in ("k360desk.exe", "k360desk-cli.exe", "_internal/base_library.zip",
                 "_internal/python311.dll", "_internal/PySide6/Qt6Core.dll",
                 "_internal/PySide6/plugins/platforms/qwindows.dll",
                 "_internal/k360desk/resources/k360desk-file.ico",
                 "_internal/odd $name.txt"):
        path = app / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    return app


def _uninstall_commands(nsi: str, macro: str) -> list[str]:
    section = re.search(r'^Section "Uninstall"\n(.*?)^SectionEnd', nsi, re.S | re.M).group(1)
    body = re.search(r"^!macro K360_REMOVE_FILES\n(.*?)^!macroend", macro, re.S | re.M).group(1)
    section = section.replace("!insertmacro K360_REMOVE_FILES", body)
    return [line.strip() for line in section.splitlines()
            if line.strip().startswith(("Delete ", "RMDir "))]


def _carry_out(commands: list[str], instdir: Path) -> None:
    """NSIS semantics: Delete removes one file; RMDir only an empty folder; /r recursively."""
    for command in commands:
        verb, rest = command.split(" ", 1)
        recursive = rest.startswith("/r ")
        target = rest.removeprefix("/r ").strip().strip('"')
        if not target.startswith("$INSTDIR"):
            continue  # Start menu shortcut
        path = Path(str(instdir) + target[len("$INSTDIR"):].replace("$$", "$").replace("\\", "/"))
        if verb == "Delete":
            path.unlink(missing_ok=True)
        elif recursive:
            shutil.rmtree(path, ignore_errors=True)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def test_uninstall_keeps_a_users_project_in_the_install_folder(tmp_path):
    bundle = _bundle(tmp_path)
    macro = _nsis_files().render(bundle)
    nsi = (INSTALLER / "k360desk-user.nsi").read_text(encoding="utf-8")
    # Installed into a folder that already held the user's work, and more saved later.
    instdir = tmp_path / "Sozialplanung"
    instdir.mkdir()
    (instdir / "Flensburg 2026.k360").write_bytes(b"SQLite format 3\x00")
    shutil.copytree(bundle, instdir, dirs_exist_ok=True)
    (instdir / "uninstall.exe").write_bytes(b"MZ")
    (instdir / "_internal" / "PySide6" / "notiz.txt").write_text("meins", encoding="utf-8")

    _carry_out(_uninstall_commands(nsi, macro), instdir)

    left = sorted(str(p.relative_to(instdir)) for p in instdir.rglob("*") if p.is_file())
    assert left == ["Flensburg 2026.k360", "_internal/PySide6/notiz.txt"]
    # Folders the bundle brought are gone unless a user's file keeps them.
    assert not (instdir / "_internal" / "k360desk").exists()
    assert not (instdir / "_internal" / "PySide6" / "plugins").exists()


def test_uninstall_removes_an_install_folder_holding_only_the_program(tmp_path):
    bundle = _bundle(tmp_path)
    macro = _nsis_files().render(bundle)
    nsi = (INSTALLER / "k360desk-user.nsi").read_text(encoding="utf-8")
    instdir = tmp_path / "Programs" / "k360desk"
    shutil.copytree(bundle, instdir)
    (instdir / "uninstall.exe").write_bytes(b"MZ")
    _carry_out(_uninstall_commands(nsi, macro), instdir)
    assert not instdir.exists()


def test_no_recursive_removal_anywhere_in_the_per_user_installer():
    nsi = (INSTALLER / "k360desk-user.nsi").read_text(encoding="utf-8")
    assert not re.search(r"RMDir\s+/r", nsi, re.I)


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis fehlt (apt-get install nsis)")
def test_script_compiles_with_the_generated_list_and_signs_the_uninstaller(tmp_path):
    bundle = _bundle(tmp_path)
    filelist = tmp_path / "uninstall-files.nsh"
    assert _nsis_files().main([str(bundle), str(filelist)]) == 0
    signed = tmp_path / "signed.txt"
    sign = tmp_path / "sign.sh"
    sign.write_text(f'#!/bin/sh\necho "$1" >> "{signed}"\n', encoding="utf-8")
    sign.chmod(0o755)
    result = subprocess.run(
        ["makensis", "-V2", "-NOCD", "-DVERSION=1.2.3", f"-DSRCDIR={bundle}",
         f"-DRESDIR={RESOURCES}", f"-DOUTDIR={tmp_path}", f"-DFILELIST={filelist}",
         f"-DSIGNCMD={sign}", str(INSTALLER / "k360desk-user.nsi")],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "k360desk-1.2.3-setup-user.exe").stat().st_size > 10_000
    # The sign command ran for the uninstaller (a temporary file) and for the setup.
    calls = signed.read_text(encoding="utf-8").splitlines()
    assert len(calls) == 2 and calls[-1].endswith("k360desk-1.2.3-setup-user.exe")
