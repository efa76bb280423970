"""Crash tests: a child process is really killed at chosen points; nothing may be lost or mixed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from k360desk.projectfile import District, Project, workfile

SRC = Path(__file__).resolve().parents[2] / "src"

CHILD = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, {src!r})
    from k360desk.projectfile import District, Project, Provider
    import k360desk.projectfile.project as project_module

    point = sys.argv[2]
    project = Project.open(sys.argv[1])
    project.update(District, project.find(District, code="11").id, name="Neu gespeichert")

    def hang(*args, **kwargs):
        print("READY", flush=True)
        time.sleep(60)

    if point == "before-replace":
        project_module._fsync = hang            # copy written and checked, not yet in place
        project.save()
    elif point == "after-replace":
        real = project_module._fsync_dir
        def replaced_then_hang(folder):
            real(folder)
            hang()
        project_module._fsync_dir = replaced_then_hang
        project.save()
    elif point == "during-import":
        with project.transaction():
            for i in range(500):
                project.add(Provider(name=f"Träger {{i}}"))
            hang()
    elif point == "unsaved-edit":
        hang()
""")


def _run_and_kill(path: Path, point: str, data_dir: Path) -> None:
    env = dict(os.environ, K360DESK_DATA_DIR=str(data_dir))
    child = subprocess.Popen([sys.executable, "-c", CHILD.format(src=str(SRC)), str(path), point],
                             stdout=subprocess.PIPE, env=env, text=True)
    try:
        line = child.stdout.readline()
        assert line.strip() == "READY", f"child did not reach {point}"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)


@pytest.mark.parametrize("point, expected_name", [
    ("before-replace", "Quartier 11"),      # old version stays
    ("after-replace", "Neu gespeichert"),   # new version complete
])
def test_kill_during_save_leaves_old_or_new_file(small_project, tmp_path, _private_data_dir,
                                                 point, expected_name):
    path = small_project.path
    small_project.close()
    _run_and_kill(path, point, _private_data_dir)
    with Project.open(path) as reopened:
        assert reopened.find(District, code="11").name == expected_name
        assert reopened.check() == []
    leftovers = list(path.parent.glob(f".{path.name}.*.tmp"))
    assert len(leftovers) <= 1  # a stray temporary copy may remain; the document is whole


def test_kill_during_import_keeps_document_and_offers_recovery(small_project, _private_data_dir):
    path = small_project.path
    before = path.read_bytes()
    providers = small_project.count("providers")
    small_project.close()
    _run_and_kill(path, "during-import", _private_data_dir)
    assert path.read_bytes() == before
    found = workfile.leftovers()
    assert len(found) == 1
    recovered = Project.recover(found[0])
    try:
        # The rename before the import was committed; the half import was rolled back.
        assert recovered.find(District, code="11").name == "Neu gespeichert"
        assert recovered.count("providers") == providers
        assert recovered.check() == []
    finally:
        recovered.close()


def test_kill_with_unsaved_edit_offers_it_back(small_project, _private_data_dir):
    path = small_project.path
    small_project.close()
    _run_and_kill(path, "unsaved-edit", _private_data_dir)
    (leftover,) = workfile.leftovers()
    assert leftover.info.source == str(path)
    recovered = Project.recover(leftover)
    try:
        assert recovered.find(District, code="11").name == "Neu gespeichert"
    finally:
        recovered.close()


def test_next_save_removes_the_copy_a_killed_save_left(small_project, _private_data_dir):
    path = small_project.path
    small_project.close()
    _run_and_kill(path, "before-replace", _private_data_dir)
    assert list(path.parent.glob(f".{path.name}.*.tmp"))
    with Project.open(path) as project:
        project.update(District, project.find(District, code="12").id, name="Aufgeräumt")
        project.save()
    assert not list(path.parent.glob(f".{path.name}.*.tmp"))


def test_what_killed_processes_left_behind_is_swept_on_the_next_start(small_project):
    """#20: leftovers of kills (no sidecar yet, orphaned checkpoints, half sidecars, a
    killed save's copy, our temp folders) are removed; live and recoverable work stays."""
    import tempfile
    import time as clock

    from k360desk.projectfile import paths

    folder = paths.work_dir()
    hours_ago = clock.time() - 2 * 3600

    def aged(path, when=hours_ago):
        os.utime(path, (when, when))
        return path

    no_sidecar = folder / ("halb-0123456789ab" + workfile.WORK_SUFFIX)
    no_sidecar.write_bytes(b"x" * 1024)
    aged(no_sidecar)
    orphan_checkpoint = folder / "weg-0123456789ab-deadbeef.checkpoint"
    orphan_checkpoint.write_bytes(b"x")
    orphan_sidecar = folder / "weg2-0123456789ab.json"
    orphan_sidecar.write_text("{}", encoding="utf-8")
    half = folder / "weg3-0123456789ab.json.tmp"
    half.write_text("{", encoding="utf-8")
    aged(half)
    temp = Path(tempfile.mkdtemp(prefix="k360-copy-"))
    aged(temp, clock.time() - 3 * 86400)
    stray = small_project.path.with_name(f".{small_project.path.name}.999999999.tmp")
    stray.write_bytes(b"x")
    live_checkpoint = small_project.checkpoint()
    path = small_project.path
    small_project.close()
    live = Project.open(path)
    try:
        assert workfile.leftovers() == []
        for gone in (no_sidecar, orphan_checkpoint, orphan_sidecar, half, temp, stray):
            assert not gone.exists(), gone
        assert live.work_path.exists() and workfile.sidecar(live.work_path).exists()
        assert not live_checkpoint.exists()  # its working copy was closed with the project
        fresh = live.checkpoint()
        workfile.sweep()
        assert fresh.exists()
    finally:
        live.close()
