"""Score sheets: one protected XLSX per rater out, the scores back in.

Export: instructions with the criteria catalogue and its scales, a protected sheet with one
row per application and a score and a comment column per rated criterion (the need
criterion is computed from data and left out). Score cells are validated against the
criterion's scale; the rater's stored scores are filled in, so a sheet read back unchanged
changes nothing. Application uuids sit in hidden column A, criterion uuids in hidden row 4,
round and rater on a very hidden sheet with a checksum.

Import: many sheets in one step (``scoresheets_read`` checks and parses each file); the
batch is written as one change that ``models.round_books`` can take back exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from k360desk.io.report import ImportReport
from k360desk.io.round_books_layout import (
    COMMENT_PREFIX,
    FIRST_ROW,
    HEADER_ROW,
    ID_SHEET,
    INSTRUCTIONS_SHEET,
    KEY_ROW,
    SCORE_FORMAT,
    SCORE_SHEET,
    SHEET_PASSWORD,
    checksum,
    put_text,
    safe_file_name,
    scale_text,
    seal_and_save,
    write_instructions,
)
from k360desk.io.spreadsheet import neutralise
from k360desk.messages import N_, tr, using

if TYPE_CHECKING:
    from k360desk.models.round_books import ScoreChanges
    from k360desk.projectfile import Project

KIND = N_("Bewertungen")


def round_raters(project: Project, round_id: int) -> list[str]:
    """The raters who have scored (or abstained in) the round so far, by name."""
    return [str(r) for (r,) in project._conn.execute(
        "SELECT DISTINCT s.rater FROM scores s JOIN applications a ON a.id = s.application_id "
        "WHERE a.round_id=? ORDER BY s.rater", (round_id,))]


def _rated(project: Project, round_id: int):
    from k360desk.models.rounds import round_data

    data = round_data(project, round_id)
    criteria = data.criteria[data.criteria["derived"].isna()].reset_index(drop=True)
    uuids = dict(project._conn.execute("SELECT id, uuid FROM criteria WHERE round_id=?", (round_id,)))
    criteria["uuid"] = criteria["id"].map(uuids)
    apps = data.applications[~data.applications["status"].isin(["withdrawn", "draft"])]
    return data, criteria, apps.reset_index(drop=True)


def export_scoresheets(project: Project, round_id: int, outdir: str | Path,
                       raters: Sequence[str] = ()) -> list[Path]:
    """Write one score sheet per rater (the given ones, else everyone who has scored)."""
    from k360desk.models.rounds import RoundError

    data, criteria, apps = _rated(project, round_id)
    names = [r.strip() for r in raters if r.strip()] or round_raters(project, round_id)
    if not names:
        raise RoundError(tr("In dieser Runde hat noch niemand bewertet: bitte die bewertenden "
                            "Personen angeben (--rater NAME)."))
    if criteria.empty:
        raise RoundError(tr("Der Kriterienkatalog hat keine Kriterien zum Bewerten."))
    if apps.empty:
        raise RoundError(tr("Die Runde hat noch keine Anträge."))
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written, used = [], set()
    for rater in dict.fromkeys(names):
        stem = safe_file_name(f"Bewertung {data.round.name} - {rater}")
        name, k = stem, 2
        while name.casefold() in used:
            name, k = f"{stem} ({k})", k + 1
        used.add(name.casefold())
        path = outdir / f"{name}.xlsx"
        mine = data.scores[data.scores["rater"] == rater]
        stored = {(int(r.application_id), int(r.criterion_id)): (r.score, str(r.comment or ""))
                  for r in mine.itertuples(index=False)}
        # The workbook goes to the raters of a German committee: always German.
        with using("de"):
            _write(path, data.round, rater, criteria, apps, stored)
        written.append(path)
    return written


def _write(path: Path, rnd, rater: str, criteria, apps, stored) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    _instructions(wb.active, rnd, rater, criteria)
    ws = wb.create_sheet(SCORE_SHEET)
    ws["B1"] = neutralise(f"Bewertungsbogen {rnd.name}")
    ws["B1"].font = Font(bold=True, size=14)
    ws["B2"] = neutralise(f"Bewertende Person: {rater}")
    ws["B3"] = "Bitte nur die gelb hinterlegten Zellen ausfüllen (Punkte und Kommentar je Kriterium)."
    ws["B3"].font = Font(italic=True)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE4EE")
    answer = PatternFill("solid", fgColor="FFF7C2")
    wrap = Alignment(wrap_text=True, vertical="top")
    heads = [(2, "Nr.", 6), (3, "Antrag", 40), (4, "Träger", 26)]
    col = 5
    for c in criteria.itertuples(index=False):
        heads.append((col, f"{c.name} ({scale_text(c.scale_min, c.scale_max)})", 16))
        heads.append((col + 1, f"Kommentar {c.name}", 30))
        ws.cell(row=KEY_ROW, column=col, value=str(c.uuid))
        ws.cell(row=KEY_ROW, column=col + 1, value=COMMENT_PREFIX + str(c.uuid))
        check = DataValidation(
            type="decimal", operator="between", formula1=repr(float(c.scale_min)),
            formula2=repr(float(c.scale_max)), allow_blank=True, showErrorMessage=True,
            errorTitle=neutralise(str(c.name))[:32],
            error=neutralise(f"Bitte eine Zahl von {scale_text(c.scale_min, c.scale_max)} eintragen.")[:255],
            showInputMessage=True, promptTitle=neutralise(str(c.name))[:32],
            prompt=neutralise(f"Skala {scale_text(c.scale_min, c.scale_max)}")[:255])
        ws.add_data_validation(check)
        last = FIRST_ROW + max(len(apps), 1) - 1
        check.add(f"{get_column_letter(col)}{FIRST_ROW}:{get_column_letter(col)}{last}")
        col += 2
    for c, text, width in heads:
        cell = ws.cell(row=HEADER_ROW, column=c, value=neutralise(text))
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
        ws.column_dimensions[get_column_letter(c)].width = width
    for i, a in enumerate(apps.itertuples(index=False)):
        r = FIRST_ROW + i
        ws.cell(row=r, column=1, value=str(a.uuid))
        ws.cell(row=r, column=2, value=int(a.id))
        put_text(ws.cell(row=r, column=3), str(a.title))
        ws.cell(row=r, column=3).alignment = wrap
        ws.cell(row=r, column=4, value=neutralise(str(a.provider or ""))).alignment = wrap
        for k, c in enumerate(criteria.itertuples(index=False)):
            score, comment = stored.get((int(a.id), int(c.id)), (None, ""))
            sc = ws.cell(row=r, column=5 + 2 * k,
                         value=None if score is None or score != score else float(score))
            cm = ws.cell(row=r, column=6 + 2 * k)
            if comment:
                put_text(cm, comment)
            cm.number_format = "@"
            for cell in (sc, cm):
                cell.protection = Protection(locked=False)
                cell.fill = answer
            cm.alignment = wrap
    ws.column_dimensions["A"].hidden = True
    ws.row_dimensions[KEY_ROW].hidden = True
    ws.freeze_panes = f"E{FIRST_ROW}"
    ws.protection.sheet = True
    ws.protection.password = SHEET_PASSWORD
    ws.protection.formatRows = False
    ws.protection.formatColumns = False
    ident = wb.create_sheet(ID_SHEET)
    ident.sheet_state = "veryHidden"
    keys = [f"a:{u}" for u in apps["uuid"]] + [
        f"c:{c.uuid}:{c.scale_min!r}:{c.scale_max!r}" for c in criteria.itertuples(index=False)]
    meta = [("format", SCORE_FORMAT), ("version", 1), ("round", rnd.uuid), ("rater", rater),
            ("checksum", checksum(SCORE_FORMAT, rnd.uuid, rater, keys)), ("rows", len(keys))]
    for i, (key, value) in enumerate(meta, start=1):
        ident.cell(row=i, column=1, value=key)
        if isinstance(value, str):
            put_text(ident.cell(row=i, column=2), value)
        else:
            ident.cell(row=i, column=2, value=value)
    seal_and_save(wb, ident, keys, path)


def _instructions(ws, rnd, rater: str, criteria) -> None:
    from openpyxl.styles import Font

    ws.title = INSTRUCTIONS_SHEET
    for col, width in zip("ABCD", (34, 70, 10, 16), strict=True):
        ws.column_dimensions[col].width = width
    lines = [
        (neutralise(f"Bewertungsbogen {rnd.name}"), Font(bold=True, size=14)),
        (neutralise(f"für {rater}"), Font(bold=True, size=12)),
        ("", None),
        ("1. Wechseln Sie auf das Blatt „Bewertung“: je Antrag eine Zeile.", None),
        ("2. Tragen Sie je Kriterium Punkte innerhalb der Skala ein (Dezimalzahlen erlaubt) und "
         "bei Bedarf einen Kommentar.", None),
        ("3. Wenn Sie einen Antrag nicht bewerten dürfen (befangen), lassen Sie die Punkte leer "
         "und schreiben den Grund in den Kommentar.", None),
        ("4. Leere Punktzellen ohne Kommentar gelten als noch nicht bewertet und werden beim "
         "Einlesen aufgelistet.", None),
        ("5. Bitte keine Zeilen, Spalten oder Blätter einfügen; Datei als .xlsx zurücksenden.", None),
        ("", None),
        ("Kriterienkatalog", Font(bold=True)),
    ]
    write_instructions(ws, lines, criteria)


# --- import ----------------------------------------------------------------------------------


@dataclass
class ScoreImport:
    """The result of reading score sheets: one report per file, the missing scores, undo data."""

    reports: list[ImportReport] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # "rater: application – criterion"
    changes: ScoreChanges | None = None

    @property
    def skipped(self) -> int:
        """Values (or whole files) not taken."""
        return sum(r.skipped for r in self.reports)

    def text(self) -> str:
        """The German report of every file for the console."""
        return "\n\n".join(r.text(limit=None) for r in self.reports)


def write_reports_csv(reports: list[ImportReport], path: str | Path) -> None:
    """All files' reports in one CSV for German Excel (file, row, result, reason, content),
    so every value that was not taken can be looked up and typed in by hand."""
    from k360desk.io.spreadsheet import write_report_csv

    rows = []
    for report in reports:
        name = Path(report.source).name
        rows.append([name, "", "Zusammenfassung", report.summary(), ""])
        rows += [[name, "", "Datei", note, ""] for note in report.notes]
        rows += [[name, row.line, row.status, row.reason, row.content] for row in report.sorted_rows()]
    write_report_csv(path, ["Datei", "Zeile", "Ergebnis", "Grund", "Inhalt"], rows)


def import_scoresheets(project: Project, round_id: int, files: Iterable[str | Path],
                       rater: str | None = None) -> ScoreImport:
    """Read returned score sheets of a round and store their scores in one step."""
    from k360desk.models.round_books import score_state, write_scores
    from k360desk.models.rounds import RoundError, _round

    rnd = _round(project, round_id)
    if rnd.status not in ("open", "assessment"):
        raise RoundError(tr("Bewertungen lassen sich nur einlesen, solange die Runde offen oder in "
                            "der Bewertung ist."))
    _data, criteria, apps = _rated(project, round_id)
    from k360desk.io.scoresheets_read import ReadContext, read_sheet

    state = score_state(project, round_id)
    context = ReadContext(project, round_id, criteria, apps, state)
    result = ScoreImport()
    rows: dict[tuple[int, int, str], dict[str, Any]] = {}
    origin: dict[tuple[int, int, str], ImportReport] = {}
    seen: dict[str, str] = {}
    for path in [Path(f) for f in files]:
        report = ImportReport(kind=KIND, source=str(path))
        result.reports.append(report)
        read = read_sheet(path, rnd, context, report, rater)
        if read is None:
            continue
        who, values, missing = read
        if who in seen:
            report.note(tr("Für „{who}“ wurde schon „{file}“ eingelesen; die Werte dieser Datei "
                           "ersetzen die früheren.", who=who, file=seen[who]))
        seen[who] = path.name
        result.missing += [f"{who}: {m}" for m in missing]
        for row in values:
            key = (row["application_id"], row["criterion_id"], row["rater"])
            rows[key] = row
            origin[key] = report
    with project.transaction():
        result.changes = write_scores(project, round_id, list(rows.values()))
    for key, report in origin.items():
        if key not in state:
            report.taken += 1
        elif state[key] == (rows[key]["score"], rows[key]["comment"]):
            report.unchanged += 1
        else:
            report.updated += 1
    return result
