"""The call's application form: one XLSX for all providers out, their applications back in.

Export: the call (round, years, deadline, criteria catalogue) on an instructions sheet and
a sheet where each row is one application, with lists for provider and start year and
checks on amounts. Columns are identified by a hidden key row, so the reader finds them
wherever they are; cost columns another schema step adds (total costs, own share, other
funding) appear only where the file's schema has them (``round_books_layout.form_columns``).

Import: many forms in one step; each row is taken or skipped with a German reason,
late applications are flagged, an application already stored counts as unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from k360desk.formats import format_date
from k360desk.io.report import ImportReport
from k360desk.io.round_books_layout import (
    FIRST_ROW,
    FORM_FORMAT,
    FORM_SHEET,
    HEADER_ROW,
    ID_SHEET,
    INSTRUCTIONS_SHEET,
    KEY_ROW,
    LISTS_SHEET,
    MAX_FORM_ROWS,
    OPTIONAL_COST_COLUMNS,
    SHEET_PASSWORD,
    FormColumn,
    checksum,
    form_columns,
    put_text,
    seal_and_save,
    write_instructions,
)
from k360desk.io.spreadsheet import neutralise
from k360desk.messages import N_, tr, using

if TYPE_CHECKING:
    from k360desk.models.round_books import ApplicationChanges
    from k360desk.projectfile import Project

KIND = N_("Anträge")


def _columns_for(project: Project, rnd) -> list[FormColumn]:
    from k360desk.models.round_books import application_columns

    present = application_columns(project)
    optional = [(name, header) for name, header in OPTIONAL_COST_COLUMNS if name in present]
    return form_columns(list(range(rnd.first_year, rnd.last_year + 1)), optional)


def _district_label(code: str, name: str) -> str:
    return f"{code} – {name}" if code and name and code != name else (name or code)


def export_application_form(project: Project, round_id: int, out: str | Path) -> Path:
    """Write the round's application form to ``out`` (.xlsx); return the path."""
    from k360desk.models.rounds import RoundError, _round

    if _round(project, round_id).status in ("decided", "closed"):
        raise RoundError(tr("Die Runde ist entschieden; ein Antragsformular wird nicht mehr ausgegeben."))
    # The form goes to German providers: German whatever language the UI speaks.
    with using("de"):
        return _write_form(project, round_id, out)


def _write_form(project: Project, round_id: int, out: str | Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from k360desk.models.rounds import _round, round_data
    from k360desk.projectfile import Provider, Topic

    rnd = _round(project, round_id)
    data = round_data(project, round_id)
    columns = _columns_for(project, rnd)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    _instructions(wb.active, rnd, data)
    ws = wb.create_sheet(FORM_SHEET)
    lists = wb.create_sheet(LISTS_SHEET)
    providers = [p.name for p in project.all(Provider, order_by="name")]
    districts = project.districts_frame()
    labels = [_district_label(str(r.code), str(r.name)) for r in districts.itertuples()]
    for i, name in enumerate(providers, start=1):
        put_text(lists.cell(row=i, column=1), name)
    for i, label in enumerate(labels, start=1):
        put_text(lists.cell(row=i, column=2), label)
    topics = [t.name for t in project.all(Topic, order_by="name")]
    for i, name in enumerate(topics, start=1):
        put_text(lists.cell(row=i, column=3), name)
    lists.sheet_state = "hidden"
    lists.protection.sheet = True
    lists.protection.password = SHEET_PASSWORD
    ws["B1"] = neutralise(f"Antragsformular {rnd.name}")
    ws["B1"].font = Font(bold=True, size=14)
    deadline = format_date(rnd.deadline) if rnd.deadline else "–"
    ws["B2"] = neutralise(f"Förderjahre {rnd.first_year}–{rnd.last_year}, Antragsfrist {deadline}")
    ws["B3"] = "Je Zeile ein Antrag; nur die gelb hinterlegten Zellen ausfüllen."
    ws["B3"].font = Font(italic=True)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE4EE")
    answer = PatternFill("solid", fgColor="FFF7C2")
    last = FIRST_ROW + MAX_FORM_ROWS - 1
    for n, col in enumerate(columns, start=2):
        letter = get_column_letter(n)
        ws.cell(row=KEY_ROW, column=n, value=col.key)
        head = ws.cell(row=HEADER_ROW, column=n, value=col.header + (" *" if col.required else ""))
        head.font, head.fill = bold, fill
        head.alignment = Alignment(wrap_text=True, vertical="top")
        if col.hint:
            head.comment = Comment(col.hint, "k360desk")
        ws.column_dimensions[letter].width = col.width
        check = _validation(col, rnd, {"provider": len(providers), "topic": len(topics)},
                            DataValidation)
        if check is not None:
            ws.add_data_validation(check)
            check.add(f"{letter}{FIRST_ROW}:{letter}{last}")
        for r in range(FIRST_ROW, last + 1):
            cell = ws.cell(row=r, column=n)
            cell.protection = Protection(locked=False)
            cell.fill = answer
            if col.kind in ("text", "districts", "provider", "topic"):
                cell.number_format = "@"
            elif col.kind == "money":
                cell.number_format = "#,##0.00"
            elif col.kind == "date":
                cell.number_format = "DD.MM.YYYY"
    for r in range(FIRST_ROW, last + 1):
        ws.cell(row=r, column=1, value=f"z{r - FIRST_ROW + 1}")
    ws.column_dimensions["A"].hidden = True
    ws.row_dimensions[KEY_ROW].hidden = True
    ws.freeze_panes = f"C{FIRST_ROW}"
    ws.protection.sheet = True
    ws.protection.password = SHEET_PASSWORD
    ws.protection.formatRows = False
    ws.protection.formatColumns = False
    ident = wb.create_sheet(ID_SHEET)
    ident.sheet_state = "veryHidden"
    keys = [c.key for c in columns]
    meta = [("format", FORM_FORMAT), ("version", 1), ("round", rnd.uuid), ("owner", ""),
            ("checksum", checksum(FORM_FORMAT, rnd.uuid, "", keys))]
    for i, (key, value) in enumerate(meta, start=1):
        ident.cell(row=i, column=1, value=key)
        ident.cell(row=i, column=2, value=value)
    seal_and_save(wb, ident, keys, out)
    return out


def _validation(col: FormColumn, rnd, lists: dict[str, int], DataValidation):  # noqa: N803 - a class
    common = {"allow_blank": True, "showErrorMessage": True, "errorTitle": col.header[:32]}
    if col.kind == "provider" and lists["provider"]:
        return DataValidation(type="list", formula1=f"{LISTS_SHEET}!$A$1:$A${lists['provider']}",
                              error="Bitte einen Träger aus der Liste wählen.", **common)
    if col.kind == "topic" and lists["topic"]:
        return DataValidation(type="list", formula1=f"{LISTS_SHEET}!$C$1:$C${lists['topic']}",
                              error="Bitte ein Handlungsfeld aus der Liste wählen.", **common)
    if col.kind == "year":
        return DataValidation(type="whole", operator="between", formula1=str(rnd.first_year),
                              formula2=str(rnd.last_year),
                              error=f"Bitte ein Jahr von {rnd.first_year} bis {rnd.last_year}.", **common)
    if col.kind == "money":
        return DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                              error="Bitte einen Betrag in Euro (ohne €-Zeichen).", **common)
    if col.kind == "date":
        return DataValidation(type="date", operator="greaterThan", formula1="1",
                              error="Bitte ein Datum (TT.MM.JJJJ).", **common)
    return None


def _instructions(ws, rnd, data) -> None:
    from openpyxl.styles import Font

    ws.title = INSTRUCTIONS_SHEET
    for col, width in zip("ABCD", (34, 70, 10, 16), strict=True):
        ws.column_dimensions[col].width = width
    programme = data.programme.name if data.programme is not None else ""
    lines = [
        (neutralise(f"Antragsformular {rnd.name}"), Font(bold=True, size=14)),
        (neutralise(programme), Font(bold=True, size=12)),
        ("", None),
        (f"Förderjahre: {rnd.first_year} bis {rnd.last_year}; Laufzeit höchstens {data.max_years} "
         "Jahre.", None),
        (f"Antragsfrist: {format_date(rnd.deadline) if rnd.deadline else 'keine'}. Später "
         "eingehende Anträge werden als verspätet gekennzeichnet.", None),
        ("", None),
        ("1. Wechseln Sie auf das Blatt „Anträge“; je Zeile ein Antrag. Pflichtfelder sind mit * "
         "markiert.", None),
        ("2. Träger aus der Liste wählen. Sozialräume mit Schlüssel oder Namen angeben, mehrere "
         "durch Semikolon getrennt.", None),
        ("3. Je Förderjahr den beantragten Betrag in Euro eintragen (leer oder 0: kein Betrag).", None),
        ("4. Bitte keine Spalten oder Blätter einfügen; Datei als .xlsx zurücksenden.", None),
        ("", None),
        ("Kriterienkatalog", Font(bold=True)),
    ]
    write_instructions(ws, lines, data.criteria)


# --- import ----------------------------------------------------------------------------------


@dataclass
class ApplicationImport:
    """The result of reading application forms: one report per file and the undo data."""

    reports: list[ImportReport] = field(default_factory=list)
    changes: ApplicationChanges | None = None

    @property
    def skipped(self) -> int:
        """Rows (or whole files) not taken."""
        return sum(r.skipped for r in self.reports)

    def text(self) -> str:
        """The German report of every file for the console."""
        return "\n\n".join(r.text(limit=None) for r in self.reports)


def import_application_forms(project: Project, round_id: int,
                             files: Iterable[str | Path]) -> ApplicationImport:
    """Read returned application forms and store their applications in one step."""
    from k360desk.models.round_books import add_applications
    from k360desk.models.rounds import RoundError, _round

    rnd = _round(project, round_id)
    if rnd.status in ("decided", "closed"):
        raise RoundError(tr("Die Runde ist entschieden; Anträge lassen sich nicht mehr einlesen."))
    from k360desk.io.application_form_read import FormContext, read_form

    context = FormContext(project, rnd)
    result = ApplicationImport()
    items = []
    for path in [Path(f) for f in files]:
        report = ImportReport(kind=KIND, source=str(path))
        result.reports.append(report)
        items += read_form(path, context, report)
    with project.transaction():
        result.changes = add_applications(project, round_id, items)
    return result
