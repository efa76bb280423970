"""Progress and cancellation for long work, without Qt.

Long work (imports, batch PDFs, recomputations) is a plain function that takes a
``Progress`` and calls ``step()`` now and then; the GUI passes one that feeds a progress
dialog, the command line one that prints or stays quiet. ``Cancelled`` unwinds the work,
and the caller's transaction rolls back, so Cancel leaves the project as it was.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """The user pressed Cancel."""


class Progress:
    """Report how far work has come; check for cancellation."""

    def __init__(self, callback: Callable[[int, int, str], None] | None = None) -> None:
        self._callback = callback
        self._cancel = threading.Event()
        self.done = 0
        self.total = 0
        self.text = ""

    def cancel(self) -> None:
        """Ask the work to stop at its next step (thread-safe)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """Whether Cancel was pressed."""
        return self._cancel.is_set()

    def step(self, done: int, total: int | None = None, text: str | None = None) -> None:
        """Report progress; raises ``Cancelled`` if the user cancelled."""
        if self._cancel.is_set():
            raise Cancelled()
        self.done = done
        if total is not None:
            self.total = total
        if text is not None:
            self.text = text
        if self._callback is not None:
            self._callback(self.done, self.total, self.text)


class ScaledProgress(Progress):
    """A sub-task's progress mapped into the range ``low``–``high`` (of 100) of the whole.

    Cancel is the outer one's: a sub-task that asks ``cancelled`` between steps stops too.
    """

    def __init__(self, outer: Progress, low: int, high: int) -> None:
        super().__init__()
        self.outer, self.low, self.high = outer, low, high

    @property
    def cancelled(self) -> bool:
        """Whether Cancel was pressed on the whole task."""
        return self.outer.cancelled

    def step(self, done: int, total: int | None = None, text: str | None = None) -> None:
        """Report progress of the sub-task as progress of the whole."""
        self.outer.step(self.low + int((self.high - self.low) * done / (total or 1)), 100, text)


NO_PROGRESS = Progress()
