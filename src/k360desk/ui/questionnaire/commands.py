"""Undo commands of the Trägerabfrage area: an import of returned workbooks, moving a question."""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from k360desk.io.questionnaire import QuestionnaireImport, reapply_import, revert_import
from k360desk.models.questionnaire import renumbered
from k360desk.projectfile import Project, ProjectError, Question
from k360desk.ui.commands import Macro, UpdateFields

log = logging.getLogger(__name__)


class ImportAnswers(QUndoCommand):
    """An import of returned workbooks that already ran (off the GUI thread), as one step.

    The first ``redo`` (from ``QUndoStack.push``) does nothing; undo takes the answers back
    exactly, a later redo writes the very same rows again.
    """

    def __init__(self, project: Project, result: QuestionnaireImport, text: str = "") -> None:
        super().__init__(text or QCoreApplication.translate("voice", "Antworten einlesen"))
        self.project = project
        self.result = result
        self.error: str | None = None
        self._pushed = False

    def redo(self) -> None:
        """Write the answers again (not on the push that records the import)."""
        if not self._pushed:
            self._pushed = True
            return
        self._run(reapply_import)

    def undo(self) -> None:
        """Take the answers back."""
        self._run(revert_import)

    def _run(self, step) -> None:
        try:
            step(self.project, self.result)
            self.error = None
        except (ProjectError, sqlite3.Error) as exc:
            self.error = str(exc)
            log.error("import of answers: %s", exc)


def move_question(project: Project, questionnaire_id: int, question_id: int, step: int) -> Macro | None:
    """A command moving a question ``step`` places (renumbering the others); None if nothing moves."""
    numbers = renumbered(project, questionnaire_id, question_id, step)
    if not numbers:
        return None
    macro = Macro(QCoreApplication.translate("voice", "Frage verschieben"))
    for qid, number in numbers.items():
        UpdateFields(project, Question, qid, {"number": number}, parent=macro)
    return macro
