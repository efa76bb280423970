"""After a crash, the next start offers the unsaved work back."""

from __future__ import annotations

import socket

from k360desk.projectfile import Project, workfile


def crash(project: Project) -> None:
    """Leave a working copy behind as a crashed process would."""
    info = workfile.read_info(project.work_path)
    info.pid, info.host = 999_999_999, socket.gethostname()
    workfile.write_info(project.work_path, info)
    project._conn.close()
    project._closed = True


def crashed_project(tmp_path) -> Project:
    project = Project.create("Absturzhausen", tmp_path / "absturz.k360")
    project.set_meta("ags", "05315000")
    crash(project)
    return project


def test_recovery_offered_and_accepted(window, answers, tmp_path):
    crashed_project(tmp_path)
    answers.recover = "recover"
    assert window.documents.offer_recovery()
    project = window.context.project
    assert project.get_meta("ags") == "05315000"
    assert project.path == (tmp_path / "absturz.k360").absolute()
    assert window.isWindowModified()
    assert workfile.leftovers() == []


def test_recovery_discarded_removes_the_working_copy(window, answers, tmp_path):
    work = crashed_project(tmp_path).work_path
    answers.recover = "discard"
    assert not window.documents.offer_recovery()
    assert not work.exists()
    assert window.context.project is None


def test_recovery_later_keeps_it_for_next_time(window, answers, tmp_path):
    crashed_project(tmp_path)
    answers.recover = "later"
    assert not window.documents.offer_recovery()
    assert len(workfile.leftovers()) == 1
    assert window.context.project is None


def test_nothing_to_recover_asks_nothing(window, answers):
    assert not window.documents.offer_recovery()
    assert answers.asked == []
