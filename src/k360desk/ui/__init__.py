"""Qt user interface: main window, editors, views, dialogs, undo commands, workers."""

from k360desk.ui.qt_fixes import guard_emit_refcount

# Must run before any widget emits a signal (see qt_fixes for the PySide6 defect).
guard_emit_refcount()
