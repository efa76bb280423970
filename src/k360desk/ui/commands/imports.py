"""An import as one undo step: undo takes it back exactly, redo runs it again."""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtGui import QUndoCommand

from k360desk.io.report import ImportProblem, ImportReport
from k360desk.projectfile import Project, ProjectError

log = logging.getLogger(__name__)


class ImportCommand(QUndoCommand):
    """Wraps an import that already ran (off the GUI thread) for the undo stack.

    The first ``redo`` (from ``QUndoStack.push``) does nothing because the work is done;
    later redos re-run the import from its source file with the same options.
    """

    def __init__(self, project: Project, report: ImportReport, text: str,
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        self.project = project
        self.report = report
        self.error: str | None = None
        self._pushed = False

    def redo(self) -> None:
        """Run the import again (not on the push that records it)."""
        from k360desk.io.undo import redo_import

        if not self._pushed:
            self._pushed = True
            return
        try:
            self.report = redo_import(self.project, self.report)
            self.error = None
        except (ImportProblem, ProjectError, OSError, sqlite3.Error) as exc:
            self.error = str(exc)
            log.error("redo of import failed: %s", exc)

    def undo(self) -> None:
        """Take the import back (one transaction)."""
        from k360desk.io.undo import undo_import

        try:
            undo_import(self.project, self.report)
            self.error = None
        except (ProjectError, sqlite3.Error) as exc:
            self.error = str(exc)
            log.error("undo of import failed: %s", exc)
