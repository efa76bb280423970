"""Score sheets: one protected XLSX per rater out, the scores back in.

Export: instructions with the criteria catalogue and its scales, a protected sheet with one
row per application and a score and a comment column per rated criterion (the need
criterion is computed from data and left out). Score cells are validated against the
criterion's scale; the rater's stored scores are filled in, so a sheet read back unchanged
changes nothing. Application uuids sit in hidden column A, criterion uuids in hidden row 4,
round and rater on a very hidden sheet with a checksum.

Import: every problem goes into the file's report with cell and German reason and the
value that was not taken; missing scores are listed, never averaged away.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from k360desk.formats import format_number
from k360desk.io.report import ImportReport
from k360desk.io.round_books_layout import (
    COMMENT_PREFIX,
    FIRST_ROW,
    HEADER_ROW,
    ID_FIRST_ROW,
    ID_SHEET,
    INSTRUCTIONS_SHEET,
    KEY_ROW,
    SCORE_FORMAT,
    SCORE_SHEET,
    SHEET_PASSWORD,
    checksum,
    last_row,
    safe_file_name,
    scale_text,
)
from k360desk.io.spreadsheet import neutralise

if TYPE_CHECKING:
    from k360desk.models.round_books import ScoreChanges
    from k360desk.projectfile import Project

KIND = "Bewertungen"
MAX_COMMENT = 2000


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
        raise RoundError("In dieser Runde hat noch niemand bewertet: bitte die bewertenden "
                         "Personen angeben (--rater NAME).")
    if criteria.empty:
        raise RoundError("Der Kriterienkatalog hat keine Kriterien zum Bewerten.")
    if apps.empty:
        raise RoundError("Die Runde hat noch keine Anträge.")
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
        _write(path, data.round, rater, criteria, apps, stored)
        written.append(path)
    return written


def _write(path: Path, rnd, rater: str, criteria, apps, stored) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.workbook.protection import WorkbookProtection
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
        ws.cell(row=r, column=3, value=neutralise(str(a.title))).alignment = wrap
        ws.cell(row=r, column=4, value=neutralise(str(a.provider or ""))).alignment = wrap
        for k, c in enumerate(criteria.itertuples(index=False)):
            score, comment = stored.get((int(a.id), int(c.id)), (None, ""))
            sc = ws.cell(row=r, column=5 + 2 * k,
                         value=None if score is None or score != score else float(score))
            cm = ws.cell(row=r, column=6 + 2 * k, value=neutralise(comment) if comment else None)
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
        ident.cell(row=i, column=2, value=neutralise(value) if isinstance(value, str) else value)
    for i, key in enumerate(keys, start=ID_FIRST_ROW):
        ident.cell(row=i, column=1, value=key)
    ident.protection.sheet = True
    ident.protection.password = SHEET_PASSWORD
    wb.active = 1
    wb.security = WorkbookProtection(workbookPassword=SHEET_PASSWORD, lockStructure=True)
    tmp = path.with_name(f".{path.name}.tmp")
    wb.save(tmp)
    os.replace(tmp, path)


def _instructions(ws, rnd, rater: str, criteria) -> None:
    from openpyxl.styles import Alignment, Font

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
        ws.cell(row=row, column=4, value=scale_text(c.scale_min, c.scale_max))
    ws.protection.sheet = True
    ws.protection.password = SHEET_PASSWORD


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
        raise RoundError("Bewertungen lassen sich nur einlesen, solange die Runde offen oder in "
                         "der Bewertung ist.")
    _data, criteria, apps = _rated(project, round_id)
    state = score_state(project, round_id)
    context = _Context(project, round_id, criteria, apps, state)
    result = ScoreImport()
    rows: dict[tuple[int, int, str], dict[str, Any]] = {}
    origin: dict[tuple[int, int, str], ImportReport] = {}
    seen: dict[str, str] = {}
    for path in [Path(f) for f in files]:
        report = ImportReport(kind=KIND, source=str(path))
        result.reports.append(report)
        read = _read_file(path, rnd, context, report, rater)
        if read is None:
            continue
        who, values, missing = read
        if who in seen:
            report.note(f"Für „{who}“ wurde schon „{seen[who]}“ eingelesen; die Werte dieser Datei "
                        "ersetzen die früheren.")
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


class _Context:
    """What a sheet is checked against: the round's applications and rated criteria."""

    def __init__(self, project: Project, round_id: int, criteria, apps, stored) -> None:
        self.stored = stored
        self.apps = {str(a.uuid): (int(a.id), str(a.title)) for a in apps.itertuples(index=False)}
        self.titles = {title.casefold(): aid for aid, title in self.apps.values()}
        self.criteria = {str(c.uuid): c for c in criteria.itertuples(index=False)}
        self.other_round = {str(u) for (u,) in project._conn.execute(
            "SELECT uuid FROM applications WHERE round_id<>?", (round_id,))}
        self.left = {str(u) for (u,) in project._conn.execute(
            "SELECT uuid FROM applications WHERE round_id=? AND status IN ('withdrawn', 'draft')",
            (round_id,))}


def _read_file(path: Path, rnd, context: _Context, report: ImportReport, rater: str | None):
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        report.skip(None, f"Die Datei ist keine lesbare Excel-Arbeitsmappe ({exc}).")
        return None
    try:
        return _read(wb, rnd, context, report, rater)
    finally:
        wb.close()


def _read(wb, rnd, context: _Context, report: ImportReport, rater: str | None):
    if ID_SHEET not in wb.sheetnames or wb[ID_SHEET]["B1"].value != SCORE_FORMAT:
        report.skip(None, "Die Datei ist kein Bewertungsbogen aus k360desk (die Kennung fehlt).")
        return None
    ident = wb[ID_SHEET]
    meta = {str(ident.cell(row=i, column=1).value): ident.cell(row=i, column=2).value
            for i in range(1, ID_FIRST_ROW)}
    round_uuid, who = str(meta.get("round") or ""), str(meta.get("rater") or "").lstrip("'")
    keys = [str(v) for (v,) in ident.iter_rows(min_row=ID_FIRST_ROW, max_col=1, values_only=True)
            if v is not None]
    if checksum(SCORE_FORMAT, round_uuid, who, keys) != str(meta.get("checksum") or ""):
        report.skip(None, "Die Kennung der Datei wurde verändert; bitte den Bewertungsbogen neu "
                          "ausgeben.")
        return None
    if round_uuid != rnd.uuid:
        report.skip(None, f"Der Bewertungsbogen gehört zu einer anderen Förderrunde, nicht zu "
                          f"„{rnd.name}“: nicht übernommen.")
        return None
    if rater is not None and who.casefold() != rater.strip().casefold():
        report.skip(None, f"Der Bewertungsbogen ist für „{who}“ ausgegeben, nicht für "
                          f"„{rater.strip()}“: nicht übernommen.")
        return None
    if SCORE_SHEET not in wb.sheetnames:
        report.skip(None, f"Das Blatt „{SCORE_SHEET}“ fehlt; die Struktur wurde verändert.")
        return None
    report.note(f"Bewertende Person: {who}")
    sheet = wb[SCORE_SHEET]
    columns = _columns(sheet, context, report)
    values: list[dict[str, Any]] = []
    found: set[int] = set()
    for r in range(FIRST_ROW, last_row(sheet, len(context.apps), report) + 1):
        key = str(sheet.cell(row=r, column=1).value or "").strip()
        cells = {uuid: (sheet.cell(row=r, column=sc).value, sheet.cell(row=r, column=cc).value)
                 for uuid, (sc, cc) in columns.items()}
        filled = [_shown(v) for pair in cells.values() for v in pair if not _blank(v)]
        app = context.apps.get(key)
        if app is None or app[0] in found:
            if filled:
                why = ("gehört zu einem Antrag einer anderen Runde" if key in context.other_round
                       else "gehört zu einem zurückgezogenen Antrag" if key in context.left
                       else "steht schon in einer früheren Zeile" if app is not None
                       else "hat eine unbekannte oder veränderte Kennung (eingefügte oder kopierte "
                            "Zeile?)")
                report.skip(r, f"Zeile {r}: die Zeile {why} – nicht übernommen.", "; ".join(filled))
            continue
        shown = _shown(sheet.cell(row=r, column=3).value).lstrip("'")
        other = context.titles.get(shown.casefold())
        if shown and other is not None and other != app[0]:
            # The hidden identity names another application than the title in the row.
            if filled:
                report.skip(r, f"Zeile {r}: die Kennung der Zeile gehört zu „{app[1]}“, die Zeile "
                               f"zeigt „{shown}“ (Kennung verändert) – nicht übernommen.",
                            "; ".join(filled))
            continue
        found.add(app[0])
        for uuid, (raw_score, raw_comment) in cells.items():
            crit = context.criteria[uuid]
            where = f"Zeile {r}, „{crit.name}“"
            comment = "" if _blank(raw_comment) else str(raw_comment).strip().lstrip("'")
            if len(comment) > MAX_COMMENT:
                report.doubt(r, f"{where}: Kommentar nach {format_number(MAX_COMMENT, 0)} Zeichen "
                                "gekürzt.", comment)
                comment = comment[:MAX_COMMENT]
            if _blank(raw_score):
                stored = context.stored.get((app[0], int(crit.id), who))
                if stored is not None and not comment:
                    report.doubt(r, f"{where}: leer – die gespeicherte Bewertung bleibt "
                                    "(löschen nur im Programm).", _stored_text(stored))
                elif comment:
                    if stored != (None, comment):
                        report.doubt(r, f"{where}: keine Punkte, mit Begründung – als Enthaltung "
                                        "übernommen.", comment)
                    values.append(_row(app[0], crit, who, None, comment))
                continue
            score = _number(raw_score)
            if score is None:
                report.skip(r, f"{where}: „{_shown(raw_score)}“ ist keine Zahl.", _shown(raw_score))
                continue
            if not float(crit.scale_min) <= score <= float(crit.scale_max):
                report.skip(r, f"{where}: {format_number(score, 2).rstrip('0').rstrip(',')} liegt "
                               f"außerhalb der Skala {scale_text(crit.scale_min, crit.scale_max)}.",
                            _shown(raw_score))
                continue
            values.append(_row(app[0], crit, who, score, comment))
    taken = {(v["application_id"], v["criterion_id"]) for v in values}
    missing = [f"„{title}“ – {c.name}" for aid, title in context.apps.values()
               for c in context.criteria.values()
               if (aid, int(c.id)) not in taken and (aid, int(c.id), who) not in context.stored]
    if missing:
        count = ("Es fehlt 1 Bewertung" if len(missing) == 1
                 else f"Es fehlen {format_number(len(missing), 0)} Bewertungen")
        report.note(f"{count} (nicht gemittelt, sondern in der Rangliste als fehlend gezeigt): "
                    + "; ".join(missing))
    absent = [title for u, (aid, title) in context.apps.items() if aid not in found]
    if absent:
        report.note("Anträge ohne Zeile im Bogen (später eingegangen oder Zeile gelöscht): "
                    + ", ".join(f"„{t}“" for t in absent))
    return who, values, missing


def _columns(sheet, context: _Context, report: ImportReport) -> dict[str, tuple[int, int]]:
    """(score column, comment column) per criterion uuid, found by the hidden key row."""
    scores, comments = {}, {}
    for c in range(1, sheet.max_column + 1):
        key = str(sheet.cell(row=KEY_ROW, column=c).value or "")
        if key.startswith(COMMENT_PREFIX):
            comments[key[len(COMMENT_PREFIX):]] = c
        elif key:
            scores[key] = c
    columns = {}
    for uuid, c in scores.items():
        if uuid not in context.criteria:
            report.note(f"Spalte „{_shown(sheet.cell(row=HEADER_ROW, column=c).value)}“: das "
                        "Kriterium gibt es nicht mehr; die Spalte wird nicht gelesen.")
            continue
        columns[uuid] = (c, comments.get(uuid, c + 1))
    for uuid, crit in context.criteria.items():
        if uuid not in columns:
            report.note(f"Das Kriterium „{crit.name}“ fehlt im Bogen (nach der Ausgabe ergänzt?).")
    return columns


def _stored_text(stored: tuple[float | None, str]) -> str:
    score, comment = stored
    shown = "–" if score is None else format_number(score, 2).rstrip("0").rstrip(",")
    return f"{shown} {comment}".strip()


def _row(app_id: int, crit, rater: str, score: float | None, comment: str) -> dict[str, Any]:
    return {"application_id": app_id, "criterion_id": int(crit.id), "rater": rater,
            "score": score, "comment": comment}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _shown(value: Any) -> str:
    return str(value).strip()


def _number(raw: Any) -> float | None:
    from k360desk.io.questionnaire_read import _number as parse

    value = parse(raw)
    return None if value is None or value != value else float(value)
