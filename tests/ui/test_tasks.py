"""Background work: results on the GUI thread, errors in German, Cancel, newer cancels older."""

from __future__ import annotations

import threading
import time

from PySide6.QtWidgets import QProgressDialog

from k360desk.projectfile import ProjectError
from k360desk.ui import tasks
from k360desk.ui.context import ProjectContext


def test_result_arrives_on_the_gui_thread(qtbot):
    seen = []

    def work(progress):
        progress.step(1, 2, "halb")
        return threading.current_thread().name

    task = tasks.run_task(None, "Rechnen", work,
                          lambda name: seen.append((name, threading.current_thread().name)))
    assert task.wait()
    assert seen and seen[0][0] != "MainThread" and seen[0][1] == "MainThread"


def test_error_goes_to_on_error(qtbot):
    errors = []

    def work(progress):
        raise ProjectError("Die Datei ist beschädigt.")

    task = tasks.run_task(None, "Lesen", work, lambda _r: None, on_error=errors.append)
    assert task.wait()
    assert str(errors[0]) == "Die Datei ist beschädigt."


def test_error_without_handler_shows_a_german_message(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(tasks, "show_error", lambda parent, title, exc: shown.append((title, exc)))
    task = tasks.run_task(None, "Importieren", lambda p: 1 / 0, lambda _r: None)
    assert task.wait()
    assert shown[0][0] == "Importieren" and isinstance(shown[0][1], ZeroDivisionError)


def test_progress_dialog_appears_late_and_cancel_stops_the_work(qtbot):
    done, cancelled = [], []

    def slow(progress):
        for i in range(400):
            progress.step(i, 400, f"Schritt {i}")
            time.sleep(0.005)
        return "fertig"

    task = tasks.run_task(None, "Lange Arbeit", slow, done.append,
                          on_cancel=lambda: cancelled.append(True))
    qtbot.wait(100)
    assert task._dialog is None  # nothing flickers for short work
    qtbot.waitUntil(lambda: task._dialog is not None, timeout=2000)
    dialog = task._dialog
    assert isinstance(dialog, QProgressDialog) and dialog.labelText().startswith("Schritt")
    dialog.canceled.emit()  # what the Abbrechen button and Escape do
    assert task.wait()
    assert cancelled == [True] and done == []
    assert task not in tasks.running_tasks()


def test_newer_request_cancels_the_older(qtbot):
    results = []

    def slow(progress):
        for i in range(200):
            progress.step(i)
            time.sleep(0.005)
        return "alt"

    old = tasks.run_task(None, "Karte", slow, results.append, key="karte")
    new = tasks.run_task(None, "Karte", lambda p: "neu", results.append, key="karte")
    assert new.wait() and old.wait()
    assert results == ["neu"]
    assert old.was_cancelled


def test_changes_from_a_worker_thread_arrive_on_the_gui_thread(qtbot, small_project):
    context = ProjectContext()
    context.set_project(small_project)
    received = []
    context.changed.connect(lambda changes: received.append(
        (threading.current_thread().name, [c.table for c in changes])))
    worker = threading.Thread(target=lambda: small_project.set_meta("ags", "01001000"))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(received), timeout=1000)
    assert received == [("MainThread", ["k360_meta"])]


def test_selection_is_emitted_once_per_change(qtbot):
    context = ProjectContext()
    seen = []
    context.selection_changed.connect(seen.append)
    context.select_districts([3, 1, 3])
    context.select_districts((3, 1))
    assert seen == [(3, 1)]
    assert context.selected_districts == (3, 1)
