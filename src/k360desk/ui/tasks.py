"""One helper for background work: ``run_task``.

The work is a plain function ``fn(progress) -> result`` that never touches widgets; it runs
on a Python ``threading.Thread`` (not a bare QThread: pyproj keeps its PROJ context in
thread-local storage that needs a Python thread state, see pyproj issue #1509). After about
half a second a progress dialog with Cancel appears; Cancel calls ``progress.cancel()`` and
the work unwinds with ``Cancelled`` at its next ``progress.step()``. The result (or the
error) comes back by signal on the GUI thread. Tasks started with the same ``key`` replace
each other: a newer request cancels the older one and the older result is dropped.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from k360desk.progress import Cancelled, Progress
from k360desk.projectfile.errors import ProjectError

T = TypeVar("T")
log = logging.getLogger(__name__)

SHOW_AFTER_MS = 500

_running: set[Task] = set()
_by_key: dict[str, Task] = {}


class _Signals(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class _Runner:
    def __init__(self, fn: Callable[[Progress], Any], progress: Progress,
                 signals: _Signals) -> None:
        self._fn = fn
        self._progress = progress
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._fn(self._progress)
        except Cancelled:
            self._signals.cancelled.emit()
        except BaseException as exc:  # noqa: BLE001 - reported on the GUI thread
            self._signals.failed.emit(exc)
        else:
            if self._progress.cancelled:
                self._signals.cancelled.emit()
            else:
                self._signals.finished.emit(result)


class Task(QObject):
    """A running piece of background work; returned by ``run_task``."""

    done = Signal()
    """Emitted once when the task has ended (result, error or cancellation)."""

    def __init__(self, parent: QWidget | None, title: str, key: str | None) -> None:
        super().__init__(None)
        self.title = title
        self.key = key
        self.finished = False
        self.was_cancelled = False
        self._parent = parent
        self._dialog: QProgressDialog | None = None
        self._signals = _Signals()
        self.progress = Progress(self._signals.progressed.emit)
        self._started = time.monotonic()

    def cancel(self) -> None:
        """Ask the work to stop; its result will be dropped."""
        self.was_cancelled = True
        self.progress.cancel()

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Process events until the task has ended (for tests and for closing); True if ended."""
        deadline = time.monotonic() + timeout_ms / 1000
        while not self.finished and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.005)
        QCoreApplication.processEvents()
        return self.finished

    # --- GUI-thread side -----------------------------------------------------------------

    def _show_dialog(self) -> None:
        if self.finished or self._dialog is not None:
            return
        dialog = QProgressDialog(self._parent)
        dialog.setWindowTitle(self.title)
        dialog.setLabelText(self.progress.text or self.title)
        dialog.setCancelButtonText(QCoreApplication.translate("tasks", "Abbrechen"))
        dialog.setAccessibleName(self.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(420)
        self._apply(dialog, self.progress.done, self.progress.total)
        dialog.canceled.connect(self._on_cancel_clicked)
        self._dialog = dialog
        dialog.show()

    def _on_cancel_clicked(self) -> None:
        if self._dialog is not None:
            self._dialog.setLabelText(QCoreApplication.translate("tasks", "Wird abgebrochen …"))
        self.cancel()

    @staticmethod
    def _apply(dialog: QProgressDialog, done: int, total: int) -> None:
        if total > 0:
            dialog.setRange(0, total)
            dialog.setValue(min(done, total))
        else:
            dialog.setRange(0, 0)  # busy indicator when the work cannot count

    def _on_progress(self, done: int, total: int, text: str) -> None:
        dialog = self._dialog
        if dialog is None or self.was_cancelled:
            return
        # A modal progress dialog processes events in setValue: the task may end meanwhile.
        if text:
            dialog.setLabelText(text)
        if self._dialog is dialog:
            self._apply(dialog, done, total)

    def _end(self) -> None:
        self.finished = True
        if self._dialog is not None:
            self._dialog.hide()
            self._dialog.deleteLater()
            self._dialog = None
        _running.discard(self)
        if self.key is not None and _by_key.get(self.key) is self:
            del _by_key[self.key]
        log.debug("task %r ended after %.2f s", self.title, time.monotonic() - self._started)
        self.done.emit()


def run_task(parent: QWidget | None, title: str, fn: Callable[[Progress], T],
             on_done: Callable[[T], None], on_error: Callable[[BaseException], None] | None = None,
             key: str | None = None, on_cancel: Callable[[], None] | None = None,
             quiet: bool = False) -> Task:
    """Run ``fn(progress)`` off the GUI thread; call ``on_done(result)`` on the GUI thread.

    ``title`` is the German title of the progress dialog (shown after ~0.5 s, with Cancel).
    Errors go to ``on_error`` or, without one, to a German message box. A task started with
    the ``key`` of a running task cancels that older one. ``quiet`` work (a figure filled in
    later) shows no progress dialog.
    """
    if key is not None and key in _by_key:
        _by_key[key].cancel()
    task = Task(parent, title, key)
    _running.add(task)
    if key is not None:
        _by_key[key] = task
    signals = task._signals

    def finished(result: object) -> None:
        task._end()
        if task.was_cancelled:
            return
        on_done(result)  # type: ignore[arg-type]

    def failed(exc: BaseException) -> None:
        task._end()
        if task.was_cancelled:
            return
        if on_error is not None:
            on_error(exc)
        else:
            show_error(parent, title, exc)

    def cancelled() -> None:
        task._end()
        if on_cancel is not None:
            on_cancel()

    signals.progressed.connect(task._on_progress)
    signals.finished.connect(finished)
    signals.failed.connect(failed)
    signals.cancelled.connect(cancelled)
    if not quiet:
        QTimer.singleShot(SHOW_AFTER_MS, task._show_dialog)
    runner = _Runner(fn, task.progress, signals)
    threading.Thread(target=runner.run, name=f"k360desk-task-{title}", daemon=True).start()
    return task


def running_tasks() -> list[Task]:
    """Tasks that have not ended yet (e.g. to cancel them before closing a project)."""
    return list(_running)


def cancel_all(wait_ms: int = 5000) -> None:
    """Cancel every running task and wait a little for them to end."""
    tasks = list(_running)
    for task in tasks:
        task.cancel()
    for task in tasks:
        task.wait(wait_ms)


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> None:
    """Tell the user in German that some work failed; log the details."""
    if isinstance(exc, ProjectError):
        text = str(exc)
    elif isinstance(exc, OSError):
        text = QCoreApplication.translate(
            "tasks", "Die Datei konnte nicht gelesen oder geschrieben werden: %1")
        text = text.replace("%1", str(exc.strerror or exc))
    elif isinstance(exc, (ValueError, KeyError)) and str(exc):
        text = str(exc)
    else:
        log.error("task %r failed", title, exc_info=(type(exc), exc, exc.__traceback__))
        text = QCoreApplication.translate(
            "tasks", "Ein unerwarteter Fehler ist aufgetreten (%1). Details stehen im Protokoll.")
        text = text.replace("%1", type(exc).__name__)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName(title)
    box.exec()
