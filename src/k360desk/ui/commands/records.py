"""Commands on single records: add, change fields, delete (with exact undo)."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from k360desk.projectfile import Project, Record, Snapshot
from k360desk.ui.commands.base import StoreCommand

# Typing into the same cell within this many seconds is one undo step.
MERGE_SECONDS = 3.0
_UPDATE_ID = 5001


class AddRecord(StoreCommand):
    """Add a new record; undo deletes it, redo puts back the very same row (same id, uuid)."""

    def __init__(self, project: Project, record: Record, text: str = "",
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(project, text or QCoreApplication.translate(
            "commands", "%1 anlegen").replace("%1", record.label), parent)
        self.record = record
        self.record_id: int | None = None
        self._snapshot: Snapshot | None = None

    def _redo(self) -> None:
        if self._snapshot is None:
            self.record_id = self.project.add(self.record)
        else:
            self.project.restore(self._snapshot)

    def _undo(self) -> None:
        if self.record_id is not None:
            self._snapshot = self.project.delete(type(self.record), self.record_id)


class UpdateFields(StoreCommand):
    """Change some fields of one record; successive typing in the same field merges."""

    def __init__(self, project: Project, cls: type[Record], record_id: int, values: dict[str, Any],
                 text: str = "", parent: QUndoCommand | None = None) -> None:
        super().__init__(project, text or QCoreApplication.translate(
            "commands", "%1 ändern").replace("%1", cls.label), parent)
        self.cls = cls
        self.record_id = record_id
        self.new = dict(values)
        self.old: dict[str, Any] | None = None
        self._at = time.monotonic()

    def _redo(self) -> None:
        old = self.project.update(self.cls, self.record_id, **self.new)
        if self.old is None:
            self.old = old

    def _undo(self) -> None:
        if self.old is not None:
            self.project.update(self.cls, self.record_id, **self.old)

    def id(self) -> int:  # noqa: A003 - Qt's name
        """Commands with the same id may merge (see ``mergeWith``)."""
        return _UPDATE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        """Absorb a following edit of the same fields of the same record made soon after."""
        if not isinstance(other, UpdateFields) or other.error or self.error:
            return False
        if (other.cls is not self.cls or other.record_id != self.record_id
                or set(other.new) != set(self.new) or other._at - self._at > MERGE_SECONDS):
            return False
        self.new = dict(other.new)
        self._at = other._at
        if self.old == self.new:
            self.setObsolete(True)
        return True


class DeleteRecord(StoreCommand):
    """Delete a record and what cascades from it; undo restores everything exactly."""

    def __init__(self, project: Project, cls: type[Record], record_id: int, text: str = "",
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(project, text or QCoreApplication.translate(
            "commands", "%1 löschen").replace("%1", cls.label), parent)
        self.cls = cls
        self.record_id = record_id
        self._snapshot: Snapshot | None = None

    def _redo(self) -> None:
        self._snapshot = self.project.delete(self.cls, self.record_id)

    def _undo(self) -> None:
        if self._snapshot is not None:
            self.project.restore(self._snapshot)
