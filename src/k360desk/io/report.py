"""What an import did: rows taken, updated, skipped, every doubtful row, and how to undo it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from k360desk.formats import format_number
from k360desk.messages import N_, tr, tr_value

KIND_LABELS = {"districts": N_("Sozialräume"), "values": N_("Indikatorwerte"),
               "facilities": N_("Einrichtungen"), "statements": N_("Einschätzungen"),
               "grid": N_("Werte aus Gitterzellen")}
# Row states are compared as they are; translated where shown.
SKIPPED = N_("übersprungen")
DOUBTFUL = N_("Hinweis")


class ImportProblem(Exception):
    """The source cannot be imported at all (German one-line message for the user)."""


@dataclass
class ReportRow:
    """One skipped or doubtful row: its line in the source file and the German reason."""

    line: int | None
    status: str  # SKIPPED or DOUBTFUL
    reason: str
    content: str = ""


@dataclass
class UndoData:
    """Everything needed to take an import back as one step."""

    created: dict[str, list[int]] = field(default_factory=dict)  # table → new ids
    updated: list[tuple[str, int, dict[str, Any]]] = field(default_factory=list)  # old fields
    values_inserted: pd.DataFrame | None = None  # keys that did not exist before
    values_replaced: pd.DataFrame | None = None  # old rows that were overwritten

    def add_created(self, table: str, ids: list[int]) -> None:
        """Remember records the import created."""
        self.created.setdefault(table, []).extend(int(i) for i in ids)

    @property
    def empty(self) -> bool:
        """True if the import changed nothing."""
        return (not any(self.created.values()) and not self.updated
                and (self.values_inserted is None or self.values_inserted.empty)
                and (self.values_replaced is None or self.values_replaced.empty))


@dataclass
class ImportReport:
    """Result of one import, shown on the report page and printed by the command line."""

    kind: str
    source: str
    options: dict[str, Any] = field(default_factory=dict)
    taken: int = 0
    updated: int = 0
    unchanged: int = 0  # rows already in the project exactly as in the file
    skipped: int = 0
    rows: list[ReportRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # file-level remarks (detected options …)
    undo: UndoData = field(default_factory=UndoData)
    undone: bool = False

    def skip(self, line: int | None, reason: str, content: str = "") -> None:
        """Record a row that was not taken."""
        self.skipped += 1
        self.rows.append(ReportRow(line, SKIPPED, reason, content))

    def doubt(self, line: int | None, reason: str, content: str = "") -> None:
        """Record a row that was taken but deserves a look."""
        self.rows.append(ReportRow(line, DOUBTFUL, reason, content))

    def note(self, text: str) -> None:
        """Record a remark about the whole file."""
        self.notes.append(text)

    @property
    def doubtful(self) -> int:
        """Number of rows taken with a remark."""
        return sum(1 for r in self.rows if r.status == DOUBTFUL)

    @property
    def ok(self) -> bool:
        """True if nothing was skipped."""
        return self.skipped == 0

    def summary(self) -> str:
        """One German sentence: taken, updated, skipped."""
        label = tr(KIND_LABELS.get(self.kind, self.kind))
        same = tr("{n} unverändert, ", n=format_number(self.unchanged, 0)) if self.unchanged else ""
        return tr("{label}: {taken} neu übernommen, {updated} aktualisiert, {same}{skipped} "
                  "übersprungen, {doubtful} mit Hinweis.", label=label,
                  taken=format_number(self.taken, 0), updated=format_number(self.updated, 0), same=same,
                  skipped=format_number(self.skipped, 0), doubtful=format_number(self.doubtful, 0))

    def sorted_rows(self) -> list[ReportRow]:
        """Rows by line number (file-level rows first)."""
        return sorted(self.rows, key=lambda r: (r.line is not None, r.line or 0))

    def text(self, limit: int | None = 200) -> str:
        """The German report as plain text for the console."""
        lines = [tr("Import aus {source}", source=self.source), self.summary()]
        lines += [f"  {n}" for n in self.notes]
        rows = self.sorted_rows()
        for row in rows[:limit] if limit else rows:
            where = tr("Zeile {n}", n=row.line) if row.line is not None else tr("Datei")
            lines.append(f"  {where}: {tr_value(row.status)} – {row.reason}")
        if limit and len(rows) > limit:
            lines.append("  " + tr("… und {n} weitere Zeilen (vollständig mit --report DATEI.csv)",
                                   n=format_number(len(rows) - limit, 0)))
        return "\n".join(lines)

    def to_csv(self, path: str | Path) -> None:
        """Write the report as CSV the way German Excel opens it (UTF-8 with BOM, ';')."""
        from k360desk.io.spreadsheet import write_report_csv

        rows = [["", tr("Zusammenfassung"), self.summary(), self.source]]
        rows += [["", tr("Datei"), note, ""] for note in self.notes]
        rows += [[row.line, tr_value(row.status), row.reason, row.content] for row in self.sorted_rows()]
        write_report_csv(path, [tr("Zeile"), tr("Ergebnis"), tr("Grund"), tr("Inhalt")], rows)
