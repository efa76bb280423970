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

import os
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from k360desk.formats import format_date, format_money, to_cents
from k360desk.io.report import ImportReport
from k360desk.io.round_books_layout import (
    FIRST_ROW,
    FORM_FORMAT,
    FORM_SHEET,
    HEADER_ROW,
    ID_FIRST_ROW,
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
    last_row,
    scale_text,
)
from k360desk.io.spreadsheet import neutralise

if TYPE_CHECKING:
    from k360desk.models.round_books import ApplicationChanges
    from k360desk.projectfile import Project

KIND = "Anträge"


def _columns_for(project: Project, rnd) -> list[FormColumn]:
    from k360desk.models.round_books import application_columns

    present = application_columns(project)
    optional = [(name, header) for name, header in OPTIONAL_COST_COLUMNS if name in present]
    return form_columns(list(range(rnd.first_year, rnd.last_year + 1)), optional)


def _district_label(code: str, name: str) -> str:
    return f"{code} – {name}" if code and name and code != name else (name or code)


def export_application_form(project: Project, round_id: int, out: str | Path) -> Path:
    """Write the round's application form to ``out`` (.xlsx); return the path."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.workbook.protection import WorkbookProtection
    from openpyxl.worksheet.datavalidation import DataValidation

    from k360desk.models.rounds import RoundError, _round, round_data
    from k360desk.projectfile import Provider, Topic

    rnd = _round(project, round_id)
    if rnd.status in ("decided", "closed"):
        raise RoundError("Die Runde ist entschieden; ein Antragsformular wird nicht mehr ausgegeben.")
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
        lists.cell(row=i, column=1, value=neutralise(name))
    for i, label in enumerate(labels, start=1):
        lists.cell(row=i, column=2, value=neutralise(label))
    topics = [t.name for t in project.all(Topic, order_by="name")]
    for i, name in enumerate(topics, start=1):
        lists.cell(row=i, column=3, value=neutralise(name))
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
    for i, key in enumerate(keys, start=ID_FIRST_ROW):
        ident.cell(row=i, column=1, value=key)
    ident.protection.sheet = True
    ident.protection.password = SHEET_PASSWORD
    wb.active = 1
    wb.security = WorkbookProtection(workbookPassword=SHEET_PASSWORD, lockStructure=True)
    tmp = out.with_name(f".{out.name}.tmp")
    wb.save(tmp)
    os.replace(tmp, out)
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
    for i, (text, font) in enumerate(lines, start=1):
        cell = ws.cell(row=i, column=1, value=text)
        if font is not None:
            cell.font = font
    row = len(lines) + 1
    for col, text in enumerate(("Kriterium", "Beschreibung", "Gewicht", "Skala"), start=1):
        ws.cell(row=row, column=col, value=text).font = Font(bold=True)
    for c in data.criteria.itertuples(index=False):
        row += 1
        ws.cell(row=row, column=1, value=neutralise(str(c.name)))
        ws.cell(row=row, column=2, value=neutralise(str(c.description or "")))
        ws.cell(row=row, column=3, value=float(c.weight))
        ws.cell(row=row, column=4, value="aus Daten (Sozialindex)" if c.derived
                else scale_text(c.scale_min, c.scale_max))
    ws.protection.sheet = True
    ws.protection.password = SHEET_PASSWORD


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
        raise RoundError("Die Runde ist entschieden; Anträge lassen sich nicht mehr einlesen.")
    context = _FormContext(project, rnd)
    result = ApplicationImport()
    items = []
    for path in [Path(f) for f in files]:
        report = ImportReport(kind=KIND, source=str(path))
        result.reports.append(report)
        items += _read_file(path, context, report)
    with project.transaction():
        result.changes = add_applications(project, round_id, items)
    return result


class _FormContext:
    """What a form is checked against: providers, districts, the round and what is stored."""

    def __init__(self, project: Project, rnd) -> None:
        from k360desk.models.rounds import round_data

        self.round = rnd
        self.columns = {c.key: c for c in _columns_for(project, rnd)}
        self.providers = {str(n).casefold(): (int(i), str(n)) for i, n in project._conn.execute(
            "SELECT id, name FROM providers")}
        self.topics = {str(n).casefold(): int(i) for i, n in project._conn.execute(
            "SELECT id, name FROM topics")}
        self.districts: dict[str, int] = {}
        for fid, r in project.districts_frame().iterrows():
            for key in (str(r["code"]), str(r["name"]), _district_label(str(r["code"]), str(r["name"]))):
                self.districts.setdefault(key.casefold(), int(fid))
        data = round_data(project, rnd.id)
        self.max_years = data.max_years
        amounts = data.amounts.groupby("application_id").apply(
            lambda f: {int(y): to_cents(v) for y, v in zip(f["year"], f["requested"], strict=True)
                       if to_cents(v) > 0}, include_groups=False).to_dict() if len(data.amounts) else {}
        self.stored = {(int(a.provider_id or 0), str(a.title).casefold()): amounts.get(int(a.id), {})
                       for a in data.applications.itertuples(index=False)}


def _read_file(path: Path, context: _FormContext, report: ImportReport) -> list:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        report.skip(None, f"Die Datei ist keine lesbare Excel-Arbeitsmappe ({exc}).")
        return []
    try:
        return _read(wb, context, report)
    finally:
        wb.close()


def _read(wb, context: _FormContext, report: ImportReport) -> list:
    rnd = context.round
    if ID_SHEET not in wb.sheetnames or wb[ID_SHEET]["B1"].value != FORM_FORMAT:
        report.skip(None, "Die Datei ist kein Antragsformular aus k360desk (die Kennung fehlt).")
        return []
    ident = wb[ID_SHEET]
    meta = {str(ident.cell(row=i, column=1).value): ident.cell(row=i, column=2).value
            for i in range(1, ID_FIRST_ROW)}
    keys = [str(v) for (v,) in ident.iter_rows(min_row=ID_FIRST_ROW, max_col=1, values_only=True)
            if v is not None]
    round_uuid = str(meta.get("round") or "")
    if checksum(FORM_FORMAT, round_uuid, "", keys) != str(meta.get("checksum") or ""):
        report.skip(None, "Die Kennung der Datei wurde verändert; bitte das Formular neu ausgeben.")
        return []
    if round_uuid != rnd.uuid:
        report.skip(None, f"Das Formular gehört zu einer anderen Förderrunde, nicht zu „{rnd.name}“.")
        return []
    if FORM_SHEET not in wb.sheetnames:
        report.skip(None, f"Das Blatt „{FORM_SHEET}“ fehlt; die Struktur wurde verändert.")
        return []
    sheet = wb[FORM_SHEET]
    where = {str(sheet.cell(row=KEY_ROW, column=c).value or ""): c for c in range(1, sheet.max_column + 1)}
    unknown = [k for k in where if k and k not in context.columns]
    if unknown:
        report.note("Spalten, die dieses Projekt nicht kennt, werden nicht gelesen: " + ", ".join(unknown))
    for key, col in context.columns.items():
        if key not in where and col.required:
            report.skip(None, f"Die Pflichtspalte „{col.header}“ fehlt; die Struktur wurde verändert.")
            return []
    items = []
    for r in range(FIRST_ROW, last_row(sheet, MAX_FORM_ROWS, report) + 1):
        raw = {k: sheet.cell(row=r, column=where[k]).value for k in context.columns if k in where}
        if all(_blank(v) for v in raw.values()):
            continue
        content = "; ".join(f"{context.columns[k].header}: {_shown(v)}" for k, v in raw.items()
                            if not _blank(v))
        item, problem = _parse_row(raw, context)
        if problem:
            report.skip(r, f"Zeile {r}: {problem}", content)
            continue
        key = (item.provider_id, item.title.casefold())
        amounts = {y: to_cents(v) for y, v in item.amounts.items() if to_cents(v) > 0}
        if key in context.stored:
            if context.stored[key] == amounts:
                report.unchanged += 1
            else:
                report.skip(r, f"Zeile {r}: „{item.title}“ dieses Trägers gibt es schon mit anderen "
                               "Beträgen; Änderungen bitte im Programm vornehmen.", content)
            continue
        context.stored[key] = amounts
        if rnd.deadline and item.submitted[:10] > str(rnd.deadline)[:10]:
            report.doubt(r, f"Zeile {r}: „{item.title}“ verspätet eingegangen am "
                            f"{format_date(item.submitted)} (Frist {format_date(rnd.deadline)}).",
                         content)
        total = format_money(sum(amounts.values()) / 100)
        report.note(f"Zeile {r}: „{item.title}“ übernommen ({total}).")
        report.taken += 1
        items.append(item)
    return items


def _parse_row(raw: dict[str, Any], context: _FormContext):
    from k360desk.models.round_books import NewApplication

    rnd = context.round
    provider_text = _shown(raw.get("provider")).lstrip("'")
    provider = context.providers.get(provider_text.casefold())
    if not provider_text:
        return None, "Träger fehlt."
    if provider is None:
        return None, f"Träger „{provider_text}“ ist im Projekt nicht erfasst."
    title = _shown(raw.get("title")).lstrip("'")
    if not title:
        return None, "Projekttitel fehlt."
    topic_text = _shown(raw.get("topic")).lstrip("'")
    topic = context.topics.get(topic_text.casefold()) if topic_text else None
    if topic_text and topic is None:
        return None, f"Handlungsfeld „{topic_text}“ gibt es im Projekt nicht."
    names = [n.strip().lstrip("'") for n in re.split(r"[;\n]", _shown(raw.get("districts"))) if n.strip()]
    if not names:
        return None, "Sozialraum fehlt."
    districts, unknown = [], []
    for name in names:
        fid = context.districts.get(name.casefold())
        if fid is None:
            unknown.append(name)
        elif fid not in districts:
            districts.append(fid)
    if unknown:
        return None, "unbekannter Sozialraum: " + ", ".join(f"„{n}“" for n in unknown) + "."
    start = _year(raw.get("start_year"))
    if start is None or not rnd.first_year <= start <= rnd.last_year:
        return None, (f"Beginn „{_shown(raw.get('start_year'))}“ liegt nicht in den Förderjahren "
                      f"{rnd.first_year}–{rnd.last_year}.")
    amounts: dict[int, float] = {}
    for key, col in context.columns.items():
        if not key.startswith("amount:") or _blank(raw.get(key)):
            continue
        value = _money(raw[key])
        if value is None or value < 0:
            return None, f"{col.header}: „{_shown(raw[key])}“ ist kein Betrag."
        year = int(key.split(":")[1])
        if value > 0 and year < start:
            return None, f"{col.header}: Betrag vor dem Beginn {start}."
        amounts[year] = value
    funded = [y for y, v in amounts.items() if v > 0]
    if not funded:
        return None, "Kein beantragter Betrag."
    if max(funded) - start + 1 > context.max_years:
        return None, f"Laufzeit über {context.max_years} Jahre."
    extra = {}
    for key, col in context.columns.items():
        if key.startswith("extra:") and not _blank(raw.get(key)):
            value = _money(raw[key])
            if value is None or value < 0:
                return None, f"{col.header}: „{_shown(raw[key])}“ ist kein Betrag."
            extra[key.split(":", 1)[1]] = value
    submitted = _date(raw.get("submitted"))
    if submitted is None:
        if not _blank(raw.get("submitted")):
            return None, f"Eingang „{_shown(raw.get('submitted'))}“ ist kein Datum (TT.MM.JJJJ)."
        submitted = date.today().isoformat()
    return NewApplication(provider[0], title, _shown(raw.get("summary")).lstrip("'"), start,
                          submitted, districts, amounts, extra, topic), None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _shown(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _year(value: Any) -> int | None:
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def _money(value: Any) -> float | None:
    from k360desk.formats import from_cents, parse_money

    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return from_cents(to_cents(value)) if value == value else None
    try:
        return parse_money(str(value).replace("€", "").strip())
    except ValueError:
        return None


def _date(value: Any) -> str | None:
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    text = _shown(value)
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return None
