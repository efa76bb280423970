"""The base of all store commands, macros and the helper that pushes and reports errors."""

from __future__ import annotations

import logging
import sqlite3
from contextlib import nullcontext

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from k360desk.projectfile import Project, ProjectError

log = logging.getLogger(__name__)

_ERRORS = (ProjectError, sqlite3.Error, ValueError)


def _message(exc: Exception) -> str:
    if isinstance(exc, ProjectError):
        return str(exc)
    if isinstance(exc, sqlite3.IntegrityError):
        return QCoreApplication.translate(
            "commands", "Der Wert ist nicht zulässig (%1).").replace("%1", str(exc))
    return QCoreApplication.translate(
        "commands", "Die Änderung war nicht möglich (%1).").replace("%1", str(exc))


class StoreCommand(QUndoCommand):
    """A command that changes the project through the store.

    Subclasses implement ``_redo`` and ``_undo``. A failing first ``redo`` leaves the project
    unchanged (store writes roll back), sets ``error`` and marks the command obsolete, so
    ``QUndoStack.push`` discards it instead of keeping a step that did nothing.
    """

    def __init__(self, project: Project, text: str = "",
                 parent: QUndoCommand | None = None) -> None:
        # Children of a Macro are held by the macro in Python, not as Qt children: mixed
        # ownership of the wrappers crashes at teardown.
        super().__init__(text, None if isinstance(parent, Macro) else parent)
        if isinstance(parent, Macro):
            parent.keep(self)
        self.project = project
        self.error: str | None = None
        self._done_once = False

    def redo(self) -> None:
        """Apply the change (called by the undo stack)."""
        try:
            with self.project.transaction():
                self._redo()
        except _ERRORS as exc:
            self.error = _message(exc)
            if not self._done_once:
                self.setObsolete(True)
            else:
                log.error("redo failed: %s", exc)
            return
        self._done_once = True

    def undo(self) -> None:
        """Revert the change (called by the undo stack)."""
        try:
            with self.project.transaction():
                self._undo()
        except _ERRORS as exc:
            self.error = _message(exc)
            log.error("undo failed: %s", exc)

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class Macro(QUndoCommand):
    """Several commands as one undo step (a multi-step intent such as "add with links").

    Children are created with this macro as ``parent`` (or handed to ``keep``); the macro
    runs them in order on redo and in reverse order on undo.
    ``error`` collects the first child's failure.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        # The Python wrappers of the children must live as long as the macro.
        self._kept: list[QUndoCommand] = []

    def keep(self, child: QUndoCommand) -> None:
        """Add a child command (StoreCommand does this itself when given the macro as parent)."""
        self._kept.append(child)

    @property
    def error(self) -> str | None:
        """The first error of a child command, if any."""
        for child in self._kept:
            if isinstance(child, StoreCommand) and child.error:
                return child.error
        return None

    def _transaction(self):
        # One transaction, so views get one batch of change notices for the whole macro.
        for child in self._kept:
            if isinstance(child, StoreCommand):
                return child.project.transaction()
        return nullcontext()

    def redo(self) -> None:
        """Run the children; stop and undo the ones done if one fails the first time."""
        with self._transaction():
            done: list[QUndoCommand] = []
            for child in self._kept:
                child.redo()
                if isinstance(child, StoreCommand) and child.error and child.isObsolete():
                    for earlier in reversed(done):
                        earlier.undo()
                    self.setObsolete(True)
                    return
                done.append(child)

    def undo(self) -> None:
        """Undo the children in reverse order."""
        with self._transaction():
            for child in reversed(self._kept):
                child.undo()


def push_command(context, command: QUndoCommand) -> str | None:
    """Push ``command`` onto the context's undo stack; return its German error or None."""
    context.push(command)
    return getattr(command, "error", None)
