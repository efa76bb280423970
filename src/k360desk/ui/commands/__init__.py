"""Undo commands: one ``QUndoCommand`` per user intent, changing the store through ``models/``.

Commands store ids and old/new values and call store functions, never widgets. A command
whose first ``redo`` fails (bad input, a constraint) marks itself obsolete, so the undo
stack drops it, and keeps the German message in ``error`` for the caller to show.
"""

from k360desk.ui.commands.base import Macro, StoreCommand, push_command
from k360desk.ui.commands.records import AddRecord, DeleteRecord, UpdateFields
from k360desk.ui.commands.values import ReplaceLinks, SetMeta, SetValues

__all__ = [
    "AddRecord", "DeleteRecord", "Macro", "ReplaceLinks", "SetMeta", "SetValues",
    "StoreCommand", "UpdateFields", "push_command",
]
