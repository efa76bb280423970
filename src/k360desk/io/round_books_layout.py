"""Layout of a funding round's workbooks: the raters' score sheets and the call's
application form. Shared by the writers and the readers.

Both carry a very hidden identification sheet (format, round, rater, checksum) like the
providers' questionnaire; every data row carries its identity in a hidden column, so a
row the sender moves, inserts or edits is recognised and never shifts a value onto
another application or criterion.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from k360desk.messages import tr

if TYPE_CHECKING:
    from k360desk.io.report import ImportReport

SCORE_FORMAT = "k360desk-bewertungsbogen"
FORM_FORMAT = "k360desk-antragsformular"
FORMAT_VERSION = 1
ID_SHEET = "k360_kennung"
INSTRUCTIONS_SHEET = "Anleitung"
SCORE_SHEET = "Bewertung"
FORM_SHEET = "Anträge"
LISTS_SHEET = "Listen"
# Not a secret: protection only keeps the structure from being changed by accident.
SHEET_PASSWORD = "k360"
KEY_ROW = 4  # hidden row: the identity of each score and comment column
HEADER_ROW = 5
FIRST_ROW = HEADER_ROW + 1
COL_ID = 1  # hidden column A: the application's uuid
ID_FIRST_ROW = 10
COMMENT_PREFIX = "kommentar:"
MAX_FORM_ROWS = 200
# Rows read at most beyond the expected ones: a sheet formatted down to row 1,048,576
# must not keep the import busy for minutes.
SPARE_ROWS = 1000


def last_row(sheet: Any, expected: int, report: ImportReport) -> int:
    """The last sheet row to read; a note in ``report`` when rows beyond it are left out."""
    limit = FIRST_ROW + expected + SPARE_ROWS - 1
    if sheet.max_row > limit:
        report.note(tr("Die Tabelle reicht bis Zeile {last}; gelesen wurde bis Zeile {limit}.",
                       last=sheet.max_row, limit=limit))
        return limit
    return sheet.max_row


@dataclass(frozen=True)
class FormColumn:
    """One column of the application form: the key the reader uses, the header the
    provider sees, the kind of value and whether a row needs it."""

    key: str
    header: str
    kind: str  # text, provider, topic, districts, year, date, money
    required: bool = False
    width: int = 18
    hint: str = ""


def form_columns(years: list[int], optional: list[tuple[str, str]]) -> list[FormColumn]:
    """The form's columns for a round's years; ``optional`` are (schema column, header) pairs
    the current schema holds (total costs, own share …), read only where they exist."""
    columns = [
        FormColumn("provider", "Träger", "provider", True, 30, "aus der Liste wählen"),
        FormColumn("title", "Projekttitel", "text", True, 36),
        FormColumn("summary", "Kurzbeschreibung", "text", False, 48),
        FormColumn("topic", "Handlungsfeld", "topic", False, 24, "aus der Liste wählen"),
        FormColumn("districts", "Sozialräume", "districts", True, 30,
                   "Schlüssel oder Namen, mehrere mit Semikolon trennen"),
        FormColumn("start_year", "Beginn (Jahr)", "year", True, 12),
        FormColumn("submitted", "Eingang (TT.MM.JJJJ)", "date", False, 16,
                   "Datum des Antragseingangs; leer: heute"),
    ]
    columns += [FormColumn(f"amount:{y}", f"Betrag {y} (€)", "money", False, 15) for y in years]
    columns += [FormColumn(f"extra:{name}", header, "money", False, 16) for name, header in optional]
    return columns


# Cost columns another schema step may add to ``applications``; read only where present.
OPTIONAL_COST_COLUMNS = (
    ("total_costs", "Gesamtkosten (€)"),
    ("own_share", "Eigenanteil (€)"),
    ("other_funding", "Drittmittel (€)"),
)


def put_text(cell: Any, text: str) -> None:
    """Write text that is read back exactly and never becomes a formula: stored as text, and
    text a spreadsheet would take for a formula carries Excel's quote prefix (no apostrophe
    is added to the value itself)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from k360desk.io.spreadsheet import neutralise

    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    cell.value = text
    cell.data_type = "s"
    if neutralise(text) != text:
        cell.quotePrefix = True


def checksum(kind: str, round_uuid: str, owner: str, keys: list[str]) -> str:
    """A short hash over everything that identifies a workbook's structure."""
    parts = [kind, str(FORMAT_VERSION), round_uuid, owner, *keys]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:24]


def safe_file_name(text: str) -> str:
    """A file name Windows accepts, from a round's and a person's name."""
    cleaned = "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in text)
    cleaned = " ".join(cleaned.split()).strip(" .")
    return cleaned[:80] or "Bewertung"


def scale_text(low: float, high: float) -> str:
    """"0 bis 5" with German decimals where a scale has them."""
    from k360desk.formats import format_number

    def one(v: float) -> str:
        return format_number(v, 0 if float(v).is_integer() else 1)

    return tr("{low} bis {high}", low=one(low), high=one(high))


def write_instructions(ws: Any, lines: list, criteria: Any) -> None:
    """The instructions sheet of a round workbook: the lines (text, font), then the criteria
    catalogue; protected like the rest of the workbook. Criteria fed from data show where their
    points come from instead of a scale."""
    from openpyxl.styles import Alignment, Font

    from k360desk.io.spreadsheet import neutralise

    for i, (text, font) in enumerate(lines, start=1):
        cell = ws.cell(row=i, column=1, value=text)
        if font is not None:
            cell.font = font
    row = len(lines) + 1
    for col, text in enumerate(("Kriterium", "Beschreibung", "Gewicht", "Skala"), start=1):
        ws.cell(row=row, column=col, value=text).font = Font(bold=True)
    for c in criteria.itertuples(index=False):
        row += 1
        ws.cell(row=row, column=1, value=neutralise(str(c.name)))
        ws.cell(row=row, column=2, value=neutralise(str(c.description or ""))).alignment = Alignment(
            wrap_text=True, vertical="top")
        ws.cell(row=row, column=3, value=float(c.weight))
        ws.cell(row=row, column=4, value="aus Daten (Sozialindex)" if getattr(c, "derived", False)
                else scale_text(c.scale_min, c.scale_max))
    ws.protection.sheet = True
    ws.protection.password = SHEET_PASSWORD


def seal_and_save(wb: Any, ident: Any, keys: list[str], path: Any) -> None:
    """Finish a round workbook: the row and column keys on the hidden identity sheet, every
    sheet and the structure protected, the sheet to fill in active; written to a temporary
    name first, so a crash never leaves half a workbook under the real name."""
    import os

    from openpyxl.workbook.protection import WorkbookProtection

    for i, key in enumerate(keys, start=ID_FIRST_ROW):
        ident.cell(row=i, column=1, value=key)
    ident.protection.sheet = True
    ident.protection.password = SHEET_PASSWORD
    wb.active = 1
    wb.security = WorkbookProtection(workbookPassword=SHEET_PASSWORD, lockStructure=True)
    tmp = path.with_name(f".{path.name}.tmp")
    wb.save(tmp)
    os.replace(tmp, path)
