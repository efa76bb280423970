"""Undo commands of the analysis pages: store an index run, save an index definition."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from k360desk.projectfile import Project


class StoreIndexRunCommand(QUndoCommand):
    """Store a computed index under a run name; undo removes the run again."""

    def __init__(self, project: Project, result, definition_name: str | None, run_name: str,
                 text: str) -> None:
        super().__init__(text)
        self.project = project
        self.result = result
        self.definition_name = definition_name
        self.run_name = run_name
        self.run_id: int | None = None

    def redo(self) -> None:
        """Store the run (again)."""
        from k360desk.figures.indicators import store_index_result

        self.run_id = store_index_result(self.project, self.result, self.definition_name,
                                         self.run_name)

    def undo(self) -> None:
        """Remove the run."""
        from k360desk.figures.indices import delete_index_run

        if self.run_id is not None:
            delete_index_run(self.project, self.run_id)
            self.run_id = None


class SaveIndexDefinitionCommand(QUndoCommand):
    """Save a definition under its name; undo restores the previous one (or removes it)."""

    def __init__(self, project: Project, method, text: str) -> None:
        super().__init__(text)
        from k360desk.figures.indices import definition_or_none

        self.project = project
        self.method = method
        self.before = definition_or_none(project, method.name)

    def redo(self) -> None:
        """Save the definition."""
        from k360desk.figures.indicators import save_index_definition

        save_index_definition(self.project, self.method)

    def undo(self) -> None:
        """Put back what was stored before."""
        from k360desk.figures.indicators import save_index_definition
        from k360desk.figures.indices import delete_definition

        if self.before is None:
            delete_definition(self.project, self.method.name)
        else:
            save_index_definition(self.project, self.before)
