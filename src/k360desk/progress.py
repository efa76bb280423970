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


NO_PROGRESS = Progress()
