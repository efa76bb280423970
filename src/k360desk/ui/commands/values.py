"""Commands on values, settings and link tables: pasted blocks, meta keys, budgets, logo."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from k360desk.projectfile import Project
from k360desk.ui.commands.base import StoreCommand

Key = tuple[int, int, int]


class SetValues(StoreCommand):
    """Write a block of indicator values (typed cell, pasted block, import) as one step.

    ``rows`` are mappings with indicator_id, district_id, period, value, status, note; a row
    with ``status`` "clear" removes the value. Undo deletes every touched key and puts back
    exactly the rows that were there before, including suppressed and missing ones.
    """

    def __init__(self, project: Project, rows: Iterable[Mapping[str, Any]], text: str = "",
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(project, text or QCoreApplication.translate(
            "commands", "Werte ändern"), parent)
        self.rows = [dict(r) for r in rows]
        self.keys: list[Key] = list(dict.fromkeys(
            (int(r["indicator_id"]), int(r["district_id"]), int(r["period"])) for r in self.rows))
        self.old: pd.DataFrame | None = None

    def _redo(self) -> None:
        old = self.project.delete_values(self.keys)
        if self.old is None:
            self.old = old
        keep = [r for r in self.rows if r.get("status") != "clear"]
        if keep:
            self.project.set_values(keep)

    def _undo(self) -> None:
        self.project.delete_values(self.keys)
        if self.old is not None and not self.old.empty:
            self.project.set_values(self.old)


class SetMeta(StoreCommand):
    """Change project settings (municipality, AGS, CRS, disclosure threshold …)."""

    def __init__(self, project: Project, values: Mapping[str, str], text: str = "",
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(project, text or QCoreApplication.translate(
            "commands", "Projekteinstellungen ändern"), parent)
        self.new = {k: str(v) for k, v in values.items()}
        self.old = {k: project.get_meta(k) for k in self.new}

    def _redo(self) -> None:
        for key, value in self.new.items():
            self.project.set_meta(key, value)

    def _undo(self) -> None:
        for key, value in self.old.items():
            self.project.set_meta(key, value)


class ReplaceLinks(StoreCommand):
    """Replace the rows of a link table that match ``where`` (budgets per year, logo …)."""

    def __init__(self, project: Project, table: str, where: Mapping[str, Any],
                 rows: Iterable[Mapping[str, Any]], text: str = "",
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(project, text or QCoreApplication.translate(
            "commands", "Zuordnungen ändern"), parent)
        self.table = table
        self.where = dict(where)
        self.rows = [dict(r) for r in rows]
        self.old: list[dict[str, Any]] | None = None

    def _redo(self) -> None:
        old = self.project.delete_link(self.table, **self.where)
        if self.old is None:
            self.old = old
        self.project.execute_link(self.table, self.rows)

    def _undo(self) -> None:
        self.project.delete_link(self.table, **self.where)
        if self.old:
            self.project.execute_link(self.table, self.old)
