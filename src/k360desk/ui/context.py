"""The open project as the GUI sees it: one QObject that every view listens to.

``ProjectContext`` owns the open ``Project``, its ``QUndoStack`` and the current district
selection. It turns the store's change notices into the ``changed`` signal, always on the
GUI thread, so editors, maps and charts refresh themselves; nobody calls ``refresh()`` on
someone else's widget.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QUndoCommand, QUndoStack

from k360desk.projectfile import Change, Project


class ProjectContext(QObject):
    """The open project, its undo stack and the district selection, with signals."""

    changed = Signal(object)
    """A list of ``models.Change`` after each write or transaction (GUI thread)."""
    selection_changed = Signal(object)
    """The tuple of selected district ids."""
    project_replaced = Signal()
    """Another project (or none) is now open; views rebuild from scratch."""
    modified_changed = Signal(bool)
    """The document's unsaved-changes state may have changed (title, status bar)."""

    # Carries notices from worker threads to the GUI thread (queued connection).
    _relay = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.undo_stack = QUndoStack(self)
        self.selected_districts: tuple[int, ...] = ()
        # Changes outside the undo stack (a migration, a recovered working copy, a writer
        # that bypasses commands) keep the document modified even when the stack is clean.
        self._dirty_outside_undo = False
        self._unclaimed_changes = False
        self._relay.connect(self._deliver)
        self.undo_stack.cleanChanged.connect(self._emit_modified)
        self.undo_stack.indexChanged.connect(self._claim_changes)

    # --- the project ---------------------------------------------------------------------

    def set_project(self, project: Project | None) -> None:
        """Make ``project`` the open project (None: no project); the old one is NOT closed.

        Closing the previous project is the document lifecycle's job, which first asks
        whether to save it.
        """
        if self.project is not None:
            self.project.changes.unsubscribe(self._on_store_changes)
        self.project = project
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.selected_districts = ()
        self._dirty_outside_undo = bool(project is not None and project.modified)
        self._unclaimed_changes = False
        if project is not None:
            project.changes.subscribe(self._on_store_changes)
        self.project_replaced.emit()
        self.selection_changed.emit(self.selected_districts)
        self.modified_changed.emit(self.is_modified())

    def is_modified(self) -> bool:
        """Whether the open project holds changes not yet saved to its file."""
        if self.project is None:
            return False
        return self._dirty_outside_undo or not self.undo_stack.isClean()

    def mark_saved(self) -> None:
        """Call after a successful save: the undo stack's current state is the saved one."""
        self._dirty_outside_undo = False
        self.undo_stack.setClean()
        self._emit_modified()

    def mark_modified(self) -> None:
        """Record a change made outside the undo stack (it cannot be undone to clean)."""
        self._dirty_outside_undo = True
        self._emit_modified()

    def _emit_modified(self, *_args) -> None:
        self.modified_changed.emit(self.is_modified())

    @property
    def read_only(self) -> bool:
        """Whether the open project may not be saved to its own file."""
        return self.project is not None and bool(self.project.read_only)

    # --- selection -----------------------------------------------------------------------

    def select_districts(self, ids: Iterable[int]) -> None:
        """Set the selected districts (by id); emits only when the selection changes."""
        selection = tuple(dict.fromkeys(int(i) for i in ids))
        if selection == self.selected_districts:
            return
        self.selected_districts = selection
        self.selection_changed.emit(selection)

    # --- editing -------------------------------------------------------------------------

    def push(self, command: QUndoCommand) -> None:
        """Run a command (its ``redo``) and put it on the undo stack."""
        self.undo_stack.push(command)
        self._emit_modified()

    # --- change notices ------------------------------------------------------------------

    def _on_store_changes(self, changes: list[Change]) -> None:
        if QThread.currentThread() is self.thread():
            self._deliver(changes)
        else:
            self._relay.emit(list(changes))

    @Slot(object)
    def _deliver(self, changes: list[Change]) -> None:
        if not changes:
            return
        # A command's changes arrive while it runs, just before the stack's indexChanged;
        # changes nobody claims by then were made outside the undo stack.
        if not self._unclaimed_changes:
            self._unclaimed_changes = True
            QTimer.singleShot(0, self._settle_changes)
        self.changed.emit(list(changes))
        self._emit_modified()

    def _claim_changes(self, _index: int) -> None:
        self._unclaimed_changes = False

    def _settle_changes(self) -> None:
        if self._unclaimed_changes:
            self._unclaimed_changes = False
            self.mark_modified()
