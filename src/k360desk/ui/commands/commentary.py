"""The command that changes a district's Blickpunkt; typing in one go is one undo step."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from k360desk.models import commentaries
from k360desk.projectfile import Project
from k360desk.ui.commands.base import StoreCommand
from k360desk.ui.commands.records import MERGE_SECONDS

_COMMENTARY_ID = 5011


class SetCommentary(StoreCommand):
    """Replace the Blickpunkt of one district and period (an empty text removes it)."""

    def __init__(self, project: Project, district_id: int, period: int, text: str,
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(project, QCoreApplication.translate("commands", "Blickpunkt ändern"), parent)
        self.district_id, self.period = int(district_id), int(period)
        self.new = text
        self.old: str | None = None
        self._at = time.monotonic()

    def _redo(self) -> None:
        if self.old is None:
            self.old = commentaries.commentary(self.project, self.district_id, self.period)
        commentaries.set_commentary(self.project, self.district_id, self.period, self.new)

    def _undo(self) -> None:
        if self.old is not None:
            commentaries.set_commentary(self.project, self.district_id, self.period, self.old)

    def id(self) -> int:  # noqa: A003 - Qt's name
        """Commands with the same id may merge (see ``mergeWith``)."""
        return _COMMENTARY_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        """Absorb the next save of the same text made while the user keeps typing."""
        if not isinstance(other, SetCommentary) or other.error or self.error:
            return False
        if ((other.district_id, other.period) != (self.district_id, self.period)
                or other._at - self._at > MERGE_SECONDS):
            return False
        self.new, self._at = other.new, other._at
        if (self.old or "").strip() == self.new.strip():
            self.setObsolete(True)
        return True
