"""Reading one returned score sheet: identify it, check it, parse its scores.

Everything that is wrong goes into the file's report with the row and a German reason and
the value that was not taken; missing scores are listed, never averaged away.
"""

from __future__ import annotations

import zipfile
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
    KEY_ROW,
    SCORE_FORMAT,
    SCORE_SHEET,
    checksum,
    last_row,
    scale_text,
)
from k360desk.messages import tr

if TYPE_CHECKING:
    from k360desk.projectfile import Project

MAX_COMMENT = 2000


class ReadContext:
    """What a sheet is checked against: the round's applications and rated criteria."""

    def __init__(self, project: Project, round_id: int, criteria: Any, apps: Any,
                 stored: dict) -> None:
        self.stored = stored
        self.apps = {str(a.uuid): (int(a.id), str(a.title)) for a in apps.itertuples(index=False)}
        self.titles = {title.casefold(): aid for aid, title in self.apps.values()}
        self.criteria = {str(c.uuid): c for c in criteria.itertuples(index=False)}
        self.other_round = {str(u) for (u,) in project._conn.execute(
            "SELECT uuid FROM applications WHERE round_id<>?", (round_id,))}
        self.left = {str(u) for (u,) in project._conn.execute(
            "SELECT uuid FROM applications WHERE round_id=? AND status IN ('withdrawn', 'draft')",
            (round_id,))}


def read_sheet(path: Path, rnd: Any, context: ReadContext, report: ImportReport, rater: str | None
               ) -> tuple[str, list[dict[str, Any]], list[str]] | None:
    """(rater, score rows, missing scores) of one returned sheet; None if the file is refused."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, InvalidFileException) as exc:
        report.skip(None, tr("Die Datei ist keine lesbare Excel-Arbeitsmappe ({reason}).", reason=exc))
        return None
    try:
        return _read(wb, rnd, context, report, rater)
    finally:
        wb.close()


def _read(wb, rnd, context: ReadContext, report: ImportReport, rater: str | None):
    if ID_SHEET not in wb.sheetnames or wb[ID_SHEET]["B1"].value != SCORE_FORMAT:
        report.skip(None, tr("Die Datei ist kein Bewertungsbogen aus k360desk (die Kennung fehlt)."))
        return None
    ident = wb[ID_SHEET]
    meta = {str(ident.cell(row=i, column=1).value): ident.cell(row=i, column=2).value
            for i in range(1, ID_FIRST_ROW)}
    round_uuid, who = str(meta.get("round") or ""), str(meta.get("rater") or "")
    keys = [str(v) for (v,) in ident.iter_rows(min_row=ID_FIRST_ROW, max_col=1, values_only=True)
            if v is not None]
    if checksum(SCORE_FORMAT, round_uuid, who, keys) != str(meta.get("checksum") or ""):
        report.skip(None, tr("Die Kennung der Datei wurde verändert; bitte den Bewertungsbogen neu "
                             "ausgeben."))
        return None
    if round_uuid != rnd.uuid:
        report.skip(None, tr("Der Bewertungsbogen gehört zu einer anderen Förderrunde, nicht zu "
                             "„{round}“: nicht übernommen.", round=rnd.name))
        return None
    if rater is not None and who.casefold() != rater.strip().casefold():
        report.skip(None, tr("Der Bewertungsbogen ist für „{who}“ ausgegeben, nicht für „{rater}“: "
                             "nicht übernommen.", who=who, rater=rater.strip()))
        return None
    if SCORE_SHEET not in wb.sheetnames:
        report.skip(None, tr("Das Blatt „{sheet}“ fehlt; die Struktur wurde verändert.", sheet=SCORE_SHEET))
        return None
    report.note(tr("Bewertende Person: {who}", who=who))
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
                why = (tr("Zeile {r}: die Zeile gehört zu einem Antrag einer anderen Runde – nicht "
                          "übernommen.") if key in context.other_round
                       else tr("Zeile {r}: die Zeile gehört zu einem zurückgezogenen Antrag – nicht "
                               "übernommen.") if key in context.left
                       else tr("Zeile {r}: die Zeile steht schon in einer früheren Zeile – nicht "
                               "übernommen.") if app is not None
                       else tr("Zeile {r}: die Zeile hat eine unbekannte oder veränderte Kennung "
                               "(eingefügte oder kopierte Zeile?) – nicht übernommen."))
                report.skip(r, why.format(r=r), "; ".join(filled))
            continue
        shown = _shown(sheet.cell(row=r, column=3).value)
        other = context.titles.get(shown.casefold())
        if shown and other is not None and other != app[0]:
            # The hidden identity names another application than the title in the row.
            if filled:
                report.skip(r, tr("Zeile {r}: die Kennung der Zeile gehört zu „{title}“, die Zeile "
                                  "zeigt „{shown}“ (Kennung verändert) – nicht übernommen.",
                                  r=r, title=app[1], shown=shown),
                            "; ".join(filled))
            continue
        found.add(app[0])
        for uuid, (raw_score, raw_comment) in cells.items():
            crit = context.criteria[uuid]
            where = tr("Zeile {r}, „{criterion}“", r=r, criterion=crit.name)
            comment = "" if _blank(raw_comment) else str(raw_comment).strip()
            if len(comment) > MAX_COMMENT:
                report.doubt(r, tr("{where}: Kommentar nach {n} Zeichen gekürzt.", where=where,
                                   n=format_number(MAX_COMMENT, 0)), comment)
                comment = comment[:MAX_COMMENT]
            if _blank(raw_score):
                stored = context.stored.get((app[0], int(crit.id), who))
                if stored is not None and not comment:
                    report.doubt(r, tr("{where}: leer – die gespeicherte Bewertung bleibt "
                                       "(löschen nur im Programm).", where=where), _stored_text(stored))
                elif comment:
                    if stored != (None, comment):
                        report.doubt(r, tr("{where}: keine Punkte, mit Begründung – als Enthaltung "
                                           "übernommen.", where=where), comment)
                    values.append(_row(app[0], crit, who, None, comment))
                continue
            score = _number(raw_score)
            if score is None:
                report.skip(r, tr("{where}: „{value}“ ist keine Zahl.", where=where, value=_shown(raw_score)),
                            _shown(raw_score))
                continue
            if not float(crit.scale_min) <= score <= float(crit.scale_max):
                report.skip(r, tr("{where}: {value} liegt außerhalb der Skala {scale}.", where=where,
                                  value=format_number(score, 2).rstrip("0").rstrip(","),
                                  scale=scale_text(crit.scale_min, crit.scale_max)),
                            _shown(raw_score))
                continue
            values.append(_row(app[0], crit, who, score, comment))
    taken = {(v["application_id"], v["criterion_id"]) for v in values}
    missing = [f"„{title}“ – {c.name}" for aid, title in context.apps.values()
               for c in context.criteria.values()
               if (aid, int(c.id)) not in taken and (aid, int(c.id), who) not in context.stored]
    if missing:
        count = (tr("Es fehlt 1 Bewertung") if len(missing) == 1
                 else tr("Es fehlen {n} Bewertungen", n=format_number(len(missing), 0)))
        report.note(tr("{count} (nicht gemittelt, sondern in der Rangliste als fehlend gezeigt): {list}",
                       count=count, list="; ".join(missing)))
    absent = [title for u, (aid, title) in context.apps.items() if aid not in found]
    if absent:
        report.note(tr("Anträge ohne Zeile im Bogen (später eingegangen oder Zeile gelöscht): {list}",
                       list=", ".join(f"„{t}“" for t in absent)))
    return who, values, missing


def _columns(sheet, context: ReadContext, report: ImportReport) -> dict[str, tuple[int, int]]:
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
            report.note(tr("Spalte „{column}“: das Kriterium gibt es nicht mehr; die Spalte wird nicht "
                           "gelesen.", column=_shown(sheet.cell(row=HEADER_ROW, column=c).value)))
            continue
        columns[uuid] = (c, comments.get(uuid, c + 1))
    for uuid, crit in context.criteria.items():
        if uuid not in columns:
            report.note(tr("Das Kriterium „{name}“ fehlt im Bogen (nach der Ausgabe ergänzt?).",
                           name=crit.name))
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
