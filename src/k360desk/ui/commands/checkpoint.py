"""Undo for big one-step changes (a merge) by whole-project checkpoints.

A merge touches many tables at once; rather than recording every row, the command keeps
a compact copy of the project before and after the change and swaps it back in. The
copies lie beside the working copy and disappear with it.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QUndoCommand

from k360desk.projectfile import Project, ProjectError

log = logging.getLogger(__name__)


class CheckpointCommand(QUndoCommand):
    """Run ``change(project)`` once; undo and redo restore the states before and after it."""

    def __init__(self, project: Project, text: str, change: Callable[[Project], object]) -> None:
        super().__init__(text)
        self.project = project
        self._change = change
        self._before: Path | None = None
        self._after: Path | None = None
        self.error: str | None = None
        self.result: object = None

    def redo(self) -> None:
        """First time: apply the change; later: restore the state after it."""
        if self._after is not None:
            self.project.restore_checkpoint(self._after)
            return
        self._before = self.project.checkpoint()
        try:
            self.result = self._change(self.project)
        except (ProjectError, ValueError, sqlite3.Error) as exc:
            self.error = str(exc)
            self.project.restore_checkpoint(self._before)
            self.setObsolete(True)
            return
        self._after = self.project.checkpoint()

    def undo(self) -> None:
        """Restore the state before the change."""
        if self._before is not None:
            self.project.restore_checkpoint(self._before)
