"""The questionnaire round trip: one protected XLSX per provider out, the answers back in.

Export: a German instructions sheet, a protected answer sheet where only the answer cells
are unlocked (with data validation for ratings, yes/no and numbers) and a very hidden sheet
identifying questionnaire, provider and every answer row (see ``questionnaire_layout``).

Import: many returned workbooks in one go, in one transaction. Per file a report says what
was taken and what was not, with cell references and German reasons; an answer that cannot
be taken is listed with its content, so nothing is lost. ``revert_import`` takes it back.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from k360desk.io.questionnaire_layout import (
    ANSWER_SHEET,
    COL_ANSWER,
    COL_ID,
    FIRST_ROW,
    HEADER_ROW,
    HEADERS,
    ID_FIRST_ROW,
    ID_SHEET,
    INSTRUCTIONS_SHEET,
    KIND_HINTS,
    NO,
    SHEET_PASSWORD,
    WHOLE_CITY,
    WIDTHS,
    YES,
    AnswerRow,
    checksum,
    district_label,
    row_key,
    safe_file_name,
    text_hash,
)
from k360desk.io.questionnaire_read import read_answers
from k360desk.io.report import ImportReport
from k360desk.io.spreadsheet import neutralise
from k360desk.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from k360desk.models.questionnaire import StatementChanges
    from k360desk.projectfile import Project

__all__ = ["QuestionnaireImport", "export_workbooks", "import_workbooks", "revert_import",
           "reapply_import"]


def export_workbooks(project: Project, questionnaire_id: int, outdir: str | Path,
                     progress: Progress = NO_PROGRESS,
                     provider_ids: Sequence[int] | None = None) -> list[Path]:
    """Write one XLSX per provider (those with at least one question to answer); return the paths."""
    from k360desk.models.questionnaire import provider_districts, questions_frame
    from k360desk.projectfile import Provider, Questionnaire

    questionnaire = project.get(Questionnaire, int(questionnaire_id))
    if questionnaire is None:
        raise ValueError("Diese Trägerabfrage gibt es nicht (mehr).")
    questions = questions_frame(project, questionnaire.id)
    if questions.empty:
        raise ValueError(f"Die Trägerabfrage „{questionnaire.name}“ hat noch keine Fragen.")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    districts = project.districts_frame()
    where = provider_districts(project)
    providers = [p for p in project.all(Provider, order_by="name")
                 if provider_ids is None or p.id in set(provider_ids)]
    written: list[Path] = []
    used: set[str] = set()
    for n, provider in enumerate(providers):
        progress.step(n, len(providers), provider.name)
        rows = _answer_rows(questions, [(str(districts.at[d, "uuid"]),
                                         district_label(str(districts.at[d, "code"]),
                                                        str(districts.at[d, "name"])))
                                        for d in where.get(provider.id, []) if d in districts.index])
        if not rows:
            continue
        stem = safe_file_name(f"{questionnaire.name} - {provider.name}")
        name, k = stem, 2
        while name.casefold() in used:
            name, k = f"{stem} ({k})", k + 1
        used.add(name.casefold())
        path = outdir / f"{name}.xlsx"
        _write_workbook(path, questionnaire, provider, questions, rows)
        written.append(path)
    progress.step(len(providers), len(providers), "")
    return written


def _answer_rows(questions, districts: list[tuple[str, str]]) -> list[tuple[AnswerRow, str]]:
    """(identification, question text) per answer row, numbered from FIRST_ROW."""
    rows: list[tuple[AnswerRow, str]] = []
    for q in questions.itertuples():
        targets = districts if int(q.per_district) else [("", WHOLE_CITY)]
        for duuid, label in targets:
            rows.append((AnswerRow(FIRST_ROW + len(rows), str(q.uuid), duuid, str(q.qtype),
                                   str(int(q.number)), label), str(q.text)))
    return rows


def _write_workbook(path: Path, questionnaire, provider, questions,
                    rows: list[tuple[AnswerRow, str]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.workbook.protection import WorkbookProtection
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    _write_instructions(wb.active, questionnaire, provider)
    ws = wb.create_sheet(ANSWER_SHEET)
    title = f"{questionnaire.name} – {provider.name}"
    ws["A1"] = neutralise(title)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = neutralise(f"Träger: {provider.name}")
    ws["A3"] = "Bitte nur die gelb hinterlegten Zellen in der Spalte „Antwort“ ausfüllen."
    ws["A3"].font = Font(italic=True)
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE4EE")
    for col, text in zip("ABCDE", HEADERS, strict=True):
        cell = ws[f"{col}{HEADER_ROW}"]
        cell.value = text
        cell.font = bold
        cell.fill = header_fill
    for col, width in WIDTHS.items():
        ws.column_dimensions[col].width = width
    answer_fill = PatternFill("solid", fgColor="FFF7C2")
    wrap = Alignment(wrap_text=True, vertical="top")
    checks = {
        "rating": DataValidation(type="whole", operator="between", formula1="1", formula2="5",
                                 allow_blank=True, showErrorMessage=True,
                                 errorTitle="Bewertung", error="Bitte eine ganze Zahl von 1 bis 5 eintragen.",
                                 promptTitle="Bewertung", prompt="1 = sehr schlecht … 5 = sehr gut",
                                 showInputMessage=True),
        "yesno": DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True,
                                showErrorMessage=True, errorTitle="Ja oder nein",
                                error="Bitte „ja“ oder „nein“ auswählen."),
        "number": DataValidation(type="decimal", operator="between", formula1="-1000000000",
                                 formula2="1000000000", allow_blank=True, showErrorMessage=True,
                                 errorTitle="Zahl", error="Bitte nur eine Zahl eintragen (ohne Einheit)."),
    }
    for check in checks.values():
        ws.add_data_validation(check)
    for ident, text in rows:
        r = ident.row
        ws[f"A{r}"] = int(ident.number_label)
        ws[f"B{r}"] = neutralise(ident.district_label)
        ws[f"C{r}"] = neutralise(text)
        ws[f"D{r}"] = KIND_HINTS.get(ident.qtype, ident.qtype)
        for col in "ABCD":
            ws[f"{col}{r}"].alignment = wrap
        ws[f"{COL_ID}{r}"] = row_key(ident.question_uuid, ident.district_uuid)
        answer = ws[f"{COL_ANSWER}{r}"]
        answer.protection = Protection(locked=False)
        answer.fill = answer_fill
        answer.alignment = wrap
        if ident.qtype == "text":
            answer.number_format = "@"
            ws.row_dimensions[r].height = 60
        elif ident.qtype in checks:
            checks[ident.qtype].add(answer)
            ws.row_dimensions[r].height = max(30, 15 * (len(text) // 80 + 1))
    ws.column_dimensions[COL_ID].hidden = True
    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.protection.sheet = True
    ws.protection.password = SHEET_PASSWORD
    # Resizing rows and columns is harmless and helps long answers.
    ws.protection.formatRows = False
    ws.protection.formatColumns = False
    _write_identification(wb, questionnaire.uuid, provider.uuid, [ident for ident, _ in rows],
                          [text for _, text in rows])
    wb.active = 1
    wb.security = WorkbookProtection(workbookPassword=SHEET_PASSWORD, lockStructure=True)
    tmp = path.with_name(f".{path.name}.tmp")
    wb.save(tmp)
    os.replace(tmp, path)


def _write_instructions(ws, questionnaire, provider) -> None:
    from openpyxl.styles import Alignment, Font

    ws.title = INSTRUCTIONS_SHEET
    ws.column_dimensions["A"].width = 110
    lines = [
        (neutralise(questionnaire.name), Font(bold=True, size=14)),
        (neutralise(f"für {provider.name}"), Font(bold=True, size=12)),
        ("", None),
        ("Vielen Dank, dass Sie sich an der Trägerabfrage beteiligen. Ihre Einschätzungen "
         "ergänzen die Zahlen der Sozialplanung um das, was Sie vor Ort erleben.", None),
        ("", None),
        ("So füllen Sie den Fragebogen aus", Font(bold=True)),
        ("1. Wechseln Sie unten auf das Blatt „Fragebogen“.", None),
        ("2. Tragen Sie Ihre Antworten nur in die gelb hinterlegten Zellen der Spalte „Antwort“ "
         "ein. Alle anderen Zellen sind geschützt.", None),
        ("3. Fragen mit einem Sozialraum beantworten Sie bitte für jeden dort genannten "
         "Sozialraum, in dem Sie Einrichtungen haben; „gesamt“ heißt: einmal für Ihren Träger.", None),
        ("4. Bewertung: ganze Zahl von 1 (sehr schlecht) bis 5 (sehr gut). Ja/nein: aus der "
         "Liste wählen. Zahl: nur die Zahl, ohne Einheit. Freitext: in eigenen Worten.", None),
        ("5. Lassen Sie eine Zelle leer, wenn Sie eine Frage nicht beantworten können.", None),
        ("6. Bitte fügen Sie keine Zeilen, Spalten oder Blätter ein und ändern Sie die Fragen "
         "nicht – sonst kann die Datei nicht eingelesen werden. Den Dateinamen dürfen Sie ändern.", None),
        ("7. Speichern Sie die Datei als Excel-Arbeitsmappe (.xlsx) und senden Sie sie zurück.", None),
        ("", None),
        ("Hinweis zur Verwendung", Font(bold=True)),
        ("Die Antworten werden je Sozialraum zusammengefasst. Bewertungen erscheinen nur, wenn "
         "mindestens drei Antworten vorliegen. Freitexte können in Quartiersprofilen zitiert "
         "werden – mit oder ohne Nennung Ihres Trägers, wie es die Kommune festgelegt hat.", None),
    ]
    if questionnaire.notes:
        lines += [("", None), (neutralise(str(questionnaire.notes)), Font(italic=True))]
    for i, (text, font) in enumerate(lines, start=1):
        cell = ws.cell(row=i, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if font is not None:
            cell.font = font
    ws.protection.sheet = True
    ws.protection.password = SHEET_PASSWORD


def _write_identification(wb, questionnaire_uuid: str, provider_uuid: str,
                          rows: list[AnswerRow], texts: list[str]) -> None:
    from k360desk.io.questionnaire_layout import FORMAT, FORMAT_VERSION

    ws = wb.create_sheet(ID_SHEET)
    ws.sheet_state = "veryHidden"
    header = [("format", FORMAT), ("version", FORMAT_VERSION), ("questionnaire", questionnaire_uuid),
              ("provider", provider_uuid), ("checksum", checksum(questionnaire_uuid, provider_uuid, rows)),
              ("rows", len(rows))]
    for i, (key, value) in enumerate(header, start=1):
        ws.cell(row=i, column=1, value=key)
        ws.cell(row=i, column=2, value=value)
    for i, (r, text) in enumerate(zip(rows, texts, strict=True), start=ID_FIRST_ROW):
        for col, value in enumerate((r.row, r.question_uuid, r.district_uuid, r.qtype,
                                     r.number_label, neutralise(r.district_label),
                                     text_hash(text)), start=1):
            ws.cell(row=i, column=col, value=value)
    ws.protection.sheet = True
    ws.protection.password = SHEET_PASSWORD


# --- import --------------------------------------------------------------------------------


@dataclass
class QuestionnaireImport:
    """The result of importing returned workbooks: one report per file and the undo data."""

    reports: list[ImportReport] = field(default_factory=list)
    changes: StatementChanges | None = None

    @property
    def skipped(self) -> int:
        """Answers (or whole files) not taken."""
        return sum(r.skipped for r in self.reports)

    @property
    def taken(self) -> int:
        """New and changed answers."""
        return sum(r.taken + r.updated for r in self.reports)

    def text(self) -> str:
        """The German report of every file for the console."""
        return "\n\n".join(r.text(limit=None) for r in self.reports)

    def to_csv(self, path: str | Path) -> None:
        """All files' reports in one CSV for German Excel (file, cell row, result, reason, content)."""
        from k360desk.io.spreadsheet import write_report_csv

        rows = []
        for report in self.reports:
            name = Path(report.source).name
            rows.append([name, "", "Zusammenfassung", report.summary(), ""])
            rows += [[name, "", "Datei", note, ""] for note in report.notes]
            rows += [[name, row.line, row.status, row.reason, row.content]
                     for row in report.sorted_rows()]
        write_report_csv(path, ["Datei", "Zeile", "Ergebnis", "Grund", "Inhalt"], rows)


def import_workbooks(project: Project, files: Iterable[str | Path],
                     progress: Progress = NO_PROGRESS,
                     questionnaire_id: int | None = None, sender_id: int | None = None,
                     allow_other_provider: bool = False) -> QuestionnaireImport:
    """Read returned workbooks and store their answers, all in one transaction.

    With ``questionnaire_id`` a workbook of another questionnaire is refused; with
    ``sender_id`` (the provider who sent the files) a workbook addressed to another provider
    is refused unless ``allow_other_provider``: it would overwrite that provider's answers.
    An emptied answer cell withdraws the stored answer. Cancel (through ``progress``) leaves
    the project unchanged.
    """
    from k360desk.models.questionnaire import write_statements

    files = [Path(f) for f in files]
    context = _ImportContext.load(project)
    result = QuestionnaireImport()
    rows: list[dict[str, Any]] = []
    origin: list[tuple[ImportReport, bool]] = []
    seen_providers: dict[tuple[str, str], str] = {}
    withdrawn: list[int] = []
    for n, path in enumerate(files):
        progress.step(n, len(files), path.name)
        report = ImportReport(kind="statements", source=str(path))
        result.reports.append(report)
        answers = read_answers(path, context, report, questionnaire_id)
        if answers is None:
            continue
        addressed = context.providers[answers.provider_uuid]
        if sender_id is not None and addressed[0] != int(sender_id) and not allow_other_provider:
            sender = next((n for i, n in context.providers.values() if i == int(sender_id)), "?")
            report.rows.clear()
            report.skip(None, f"Der Fragebogen ist an „{addressed[1]}“ gerichtet, eingereicht hat "
                              f"„{sender}“: nicht übernommen, damit die Antworten von "
                              f"„{addressed[1]}“ nicht überschrieben werden (mit "
                              "--allow-other-provider trotzdem übernehmen).")
            continue
        withdrawn.extend(answers.withdrawn)
        key = (answers.questionnaire_uuid, answers.provider_uuid)
        if key in seen_providers:
            report.note(f"Für diesen Träger wurde schon „{seen_providers[key]}“ eingelesen; "
                        "die Antworten dieser Datei ersetzen die früheren.")
        seen_providers[key] = path.name
        for row in answers.rows:
            rows.append(row)
            origin.append((report, context.exists(row)))
    progress.step(len(files), len(files), "")
    with project.transaction():
        result.changes = write_statements(project, rows, withdrawn)
    _count(result, rows, origin)
    return result


def _count(result: QuestionnaireImport, rows: list[dict[str, Any]],
           origin: list[tuple[ImportReport, bool]]) -> None:
    """Taken (new) and updated per file; answers equal to the stored ones count as neither."""
    updated = {sid for sid, _old, _new in result.changes.updated} if result.changes else set()
    for row, (report, existed) in zip(rows, origin, strict=True):
        if not existed:
            report.taken += 1
        elif row.get("_existing_id") in updated:
            report.updated += 1


class _ImportContext:
    """Uuid → id maps of the project, read once for all files."""

    def __init__(self, project: Project) -> None:
        conn = project._conn
        self.questionnaires = dict(conn.execute("SELECT uuid, id FROM questionnaires").fetchall())
        self.questions = {u: (int(i), int(qn), str(t)) for u, i, qn, t in conn.execute(
            "SELECT uuid, id, questionnaire_id, qtype FROM questions")}
        self.wording = dict(conn.execute("SELECT uuid, text FROM questions").fetchall())
        self.providers = {u: (int(i), str(n)) for u, i, n in conn.execute(
            "SELECT uuid, id, name FROM providers")}
        self.districts = dict(conn.execute("SELECT uuid, fid FROM districts").fetchall())
        self.statements = {(int(q), p, d): int(i) for i, q, p, d in conn.execute(
            "SELECT id, question_id, provider_id, district_id FROM statements")}
        self.answers = {int(i): (str(t or ""), n) for i, t, n in conn.execute(
            "SELECT id, answer_text, answer_number FROM statements")}

    @classmethod
    def load(cls, project: Project) -> _ImportContext:
        """Read the maps from the project."""
        return cls(project)

    def exists(self, row: dict[str, Any]) -> bool:
        """Whether an answer with this key is already stored (and remember its id)."""
        sid = self.statements.get((row["question_id"], row["provider_id"], row["district_id"]))
        row["_existing_id"] = sid
        return sid is not None


def revert_import(project: Project, result: QuestionnaireImport) -> None:
    """Take an import back exactly (one transaction)."""
    from k360desk.models.questionnaire import revert_statements

    if result.changes is not None:
        revert_statements(project, result.changes)


def reapply_import(project: Project, result: QuestionnaireImport) -> None:
    """Do a reverted import again, with the same ids."""
    from k360desk.models.questionnaire import reapply_statements

    if result.changes is not None:
        reapply_statements(project, result.changes)
