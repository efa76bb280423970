"""Reading one returned questionnaire workbook: identify it, check it, parse its answers.

Everything that is wrong goes into the file's report with the cell and a German reason;
an answer that cannot be taken keeps its content in the report, so nothing is lost.
"""

from __future__ import annotations

import math
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from k360desk.formats import format_number
from k360desk.io.questionnaire_layout import (
    ANSWER_SHEET,
    COL_ANSWER,
    COL_DISTRICT,
    COL_ID,
    COL_NUMBER,
    FIRST_ROW,
    FORMAT,
    ID_FIRST_ROW,
    ID_SHEET,
    NO,
    YES,
    AnswerRow,
    checksum,
    row_key,
    text_hash,
)
from k360desk.io.report import ImportReport

if TYPE_CHECKING:
    from k360desk.io.questionnaire import _ImportContext

_YES = {"ja", "j", "yes", "y", "x", "true", "wahr", "1"}
_NO = {"nein", "n", "no", "false", "falsch", "0"}
MAX_TEXT = 4000


@dataclass
class Answers:
    """The answers of one workbook, ready for ``models.voice.write_statements``."""

    questionnaire_uuid: str
    provider_uuid: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    withdrawn: list[int] = field(default_factory=list)  # statement ids of emptied cells


def read_answers(path: Path, context: _ImportContext, report: ImportReport,
                 questionnaire_id: int | None = None) -> Answers | None:
    """The answers of one workbook; None (with the reason in ``report``) if the file is refused."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        report.skip(None, f"Die Datei ist keine lesbare Excel-Arbeitsmappe ({exc}).")
        return None
    try:
        return _read(wb, context, report, questionnaire_id)
    finally:
        wb.close()


def _read(wb, context: _ImportContext, report: ImportReport,
          questionnaire_id: int | None) -> Answers | None:
    if ID_SHEET not in wb.sheetnames or wb[ID_SHEET]["B1"].value != FORMAT:
        report.skip(None, "Die Datei ist kein Fragebogen einer Trägerabfrage aus k360desk "
                          "(die Kennung fehlt).")
        return None
    ident = wb[ID_SHEET]
    meta = {str(ident.cell(row=i, column=1).value): ident.cell(row=i, column=2).value
            for i in range(1, ID_FIRST_ROW)}
    q_uuid, p_uuid = str(meta.get("questionnaire") or ""), str(meta.get("provider") or "")
    expected: list[AnswerRow] = []
    wording: dict[AnswerRow, str] = {}
    for values in ident.iter_rows(min_row=ID_FIRST_ROW, max_col=7, values_only=True):
        if values[0] is None:
            continue
        row = AnswerRow(int(values[0]), str(values[1] or ""), str(values[2] or ""),
                        str(values[3] or ""), str(values[4] or ""), str(values[5] or ""))
        expected.append(row)
        if len(values) > 6 and values[6]:
            wording[row] = str(values[6])
    if checksum(q_uuid, p_uuid, expected) != str(meta.get("checksum") or ""):
        report.skip(None, "Die Struktur der Datei wurde verändert (die Kennung passt nicht mehr); "
                          "bitte den Fragebogen neu ausgeben.")
        return None
    if q_uuid not in context.questionnaires:
        report.skip(None, "Die Datei gehört zu einer Trägerabfrage, die es in diesem Projekt nicht "
                          "gibt (falsche Trägerabfrage).")
        return None
    if questionnaire_id is not None and context.questionnaires[q_uuid] != int(questionnaire_id):
        report.skip(None, "Die Datei gehört zu einer anderen Trägerabfrage als der ausgewählten.")
        return None
    if p_uuid not in context.providers:
        report.skip(None, "Der Träger der Datei ist in diesem Projekt nicht (mehr) erfasst "
                          "(falscher Träger).")
        return None
    provider_id, provider_name = context.providers[p_uuid]
    if ANSWER_SHEET not in wb.sheetnames:
        report.skip(None, f"Das Blatt „{ANSWER_SHEET}“ fehlt; die Struktur wurde verändert.")
        return None
    report.note(f"Träger: {provider_name}")
    sheet = wb[ANSWER_SHEET]
    answers = Answers(q_uuid, p_uuid)
    empty = 0
    where = _locate(sheet, expected, report)
    for row in expected:
        at = where.get(row) if where is not None else row.row
        if at is None:
            report.note(f"Frage {row.number_label}, {row.district_label}: Die Zeile fehlt im Blatt "
                        "(gelöscht?); keine Antwort gelesen.")
            continue
        cell = f"{COL_ANSWER}{at}"
        raw = sheet[cell].value
        question = context.questions.get(row.question_uuid)
        reworded = (row in wording and row.question_uuid in context.wording
                    and text_hash(context.wording[row.question_uuid]) != wording[row])
        if _blank(raw):
            stored = _stored_answer(context, question, provider_id, row)
            if stored is not None and not reworded:
                answers.withdrawn.append(stored[0])
                report.doubt(at, f"Zelle {cell}: leer – die früher eingelesene Antwort wird "
                                 "zurückgezogen.", stored[1])
            else:
                empty += 1
            continue
        content = str(raw)
        shown_number = sheet[f"{COL_NUMBER}{at}"].value
        shown_district = sheet[f"{COL_DISTRICT}{at}"].value
        if where is None and (str(shown_number if shown_number is not None else "")
                              != row.number_label
                              or _plain(shown_district) != _plain(row.district_label)):
            report.skip(at, f"Zelle {cell}: Zeile verschoben oder verändert (erwartet Frage "
                            f"{row.number_label}, {row.district_label}); Struktur verändert.",
                        content)
            continue
        if reworded:
            report.skip(at, f"Zelle {cell}: Die Frage {row.number_label} wurde nach der Ausgabe "
                            "umformuliert; die Antwort gilt der alten Fassung und wird nicht "
                            "übernommen.", content)
            continue
        if question is None or question[1] != context.questionnaires[q_uuid]:
            report.skip(at, f"Zelle {cell}: Die Frage {row.number_label} gibt es nicht mehr.",
                        content)
            continue
        if question[2] != row.qtype:
            report.skip(at, f"Zelle {cell}: Die Antwortart der Frage {row.number_label} wurde "
                                 "nach der Ausgabe geändert.", content)
            continue
        district_id = None
        if row.district_uuid:
            district_id = context.districts.get(row.district_uuid)
            if district_id is None:
                report.skip(at, f"Zelle {cell}: unbekannter Sozialraum „{row.district_label}“ "
                                     "(nicht mehr im Projekt).", content)
                continue
        value, problem = parse_answer(row.qtype, raw)
        if problem:
            report.skip(at, f"Zelle {cell}: {problem}", content)
            continue
        text, number = value
        if len(text) > MAX_TEXT:
            report.doubt(at, f"Zelle {cell}: sehr lange Antwort, nach "
                                  f"{format_number(MAX_TEXT, 0)} Zeichen gekürzt.", text)
            text = text[:MAX_TEXT]
        answers.rows.append({"question_id": question[0], "provider_id": provider_id,
                             "district_id": district_id, "answer_text": text,
                             "answer_number": number})
    if empty:
        report.note(f"{format_number(empty, 0)} von {format_number(len(expected), 0)} "
                    "Antwortzellen sind leer.")
    return answers


def _locate(sheet, expected: list[AnswerRow], report: ImportReport
            ) -> dict[AnswerRow, int] | None:
    """Sheet row of every expected answer row by the hidden identity column (None for a
    workbook written before that column existed: rows are then read by position). Answers in
    rows without a known identity (inserted or copied by the provider) are reported."""
    ids = {row_key(r.question_uuid, r.district_uuid): r for r in expected}
    keys = [sheet[f"{COL_ID}{r}"].value for r in range(FIRST_ROW, sheet.max_row + 1)]
    if not any(k for k in keys):
        return None
    where: dict[AnswerRow, int] = {}
    for offset, key in enumerate(keys):
        at = FIRST_ROW + offset
        row = ids.get(str(key or ""))
        if row is not None and row not in where:
            where[row] = at
            continue
        raw = sheet[f"{COL_ANSWER}{at}"].value
        if not _blank(raw):
            report.skip(at, f"Zelle {COL_ANSWER}{at}: Antwort ohne zugehörige Frage (eingefügte "
                            "oder kopierte Zeile) – nicht übernommen.", str(raw))
    return where


def _stored_answer(context: _ImportContext, question, provider_id: int,
                   row: AnswerRow) -> tuple[int, str] | None:
    """(statement id, shown answer) of an answer stored earlier for this cell, or None."""
    if question is None:
        return None
    district_id = context.districts.get(row.district_uuid) if row.district_uuid else None
    sid = context.statements.get((question[0], provider_id, district_id))
    if sid is None:
        return None
    text, number = context.answers.get(sid, ("", None))
    shown = text or ("" if number is None else format_number(number, 2).rstrip("0").rstrip(","))
    return sid, shown


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _plain(value: Any) -> str:
    return " ".join(str(value if value is not None else "").lstrip("'").split())


def parse_answer(qtype: str, raw: Any) -> tuple[tuple[str, float | None], str | None]:
    """((answer_text, answer_number), None) or (…, German reason) for one answer cell."""
    if qtype == "text":
        return (str(raw).strip(), None), None
    if qtype == "yesno":
        text = str(raw).strip().casefold()
        if isinstance(raw, bool):
            text = "ja" if raw else "nein"
        if text in _YES:
            return (YES, None), None
        if text in _NO:
            return (NO, None), None
        return ("", None), f"„{raw}“ ist weder „ja“ noch „nein“."
    number = _number(raw)
    if number is None:
        return ("", None), f"„{raw}“ ist keine Zahl."
    if qtype == "rating":
        if number != int(number) or not 1 <= number <= 5:
            return ("", None), (f"Bewertung {format_number(number, 1 if number != int(number) else 0)}"
                                " liegt nicht zwischen 1 und 5 (ganze Zahl).")
    return ("", float(number)), None


def _number(raw: Any) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return None if isinstance(raw, float) and math.isnan(raw) else float(raw)
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text):
        text = text.replace(".", "")
    text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None
