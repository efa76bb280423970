"""Reading one returned application form: identify it, check every row, parse it.

Each row is taken or skipped with a German reason and its content; a row after the
round's deadline is taken and flagged as late.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from k360desk.formats import format_date, format_money, to_cents
from k360desk.io.application_form import _columns_for, _district_label
from k360desk.io.report import ImportReport
from k360desk.io.round_books_layout import (
    FIRST_ROW,
    FORM_FORMAT,
    FORM_SHEET,
    ID_FIRST_ROW,
    ID_SHEET,
    KEY_ROW,
    MAX_FORM_ROWS,
    checksum,
    last_row,
)
from k360desk.messages import tr

if TYPE_CHECKING:
    from k360desk.projectfile import Project


class FormContext:
    """What a form is checked against: providers, districts, the round and what is stored."""

    def __init__(self, project: Project, rnd: Any) -> None:
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


def read_form(path: Path, context: FormContext, report: ImportReport) -> list:
    """The applications of one returned form; rows not taken are in ``report``."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, InvalidFileException) as exc:
        report.skip(None, tr("Die Datei ist keine lesbare Excel-Arbeitsmappe ({reason}).", reason=exc))
        return []
    try:
        return _read(wb, context, report)
    finally:
        wb.close()


def _read(wb, context: FormContext, report: ImportReport) -> list:
    rnd = context.round
    if ID_SHEET not in wb.sheetnames or wb[ID_SHEET]["B1"].value != FORM_FORMAT:
        report.skip(None, tr("Die Datei ist kein Antragsformular aus k360desk (die Kennung fehlt)."))
        return []
    ident = wb[ID_SHEET]
    meta = {str(ident.cell(row=i, column=1).value): ident.cell(row=i, column=2).value
            for i in range(1, ID_FIRST_ROW)}
    keys = [str(v) for (v,) in ident.iter_rows(min_row=ID_FIRST_ROW, max_col=1, values_only=True)
            if v is not None]
    round_uuid = str(meta.get("round") or "")
    if checksum(FORM_FORMAT, round_uuid, "", keys) != str(meta.get("checksum") or ""):
        report.skip(None, tr("Die Kennung der Datei wurde verändert; bitte das Formular neu ausgeben."))
        return []
    if round_uuid != rnd.uuid:
        report.skip(None, tr("Das Formular gehört zu einer anderen Förderrunde, nicht zu „{round}“.",
                             round=rnd.name))
        return []
    if FORM_SHEET not in wb.sheetnames:
        report.skip(None, tr("Das Blatt „{sheet}“ fehlt; die Struktur wurde verändert.", sheet=FORM_SHEET))
        return []
    sheet = wb[FORM_SHEET]
    where = {str(sheet.cell(row=KEY_ROW, column=c).value or ""): c for c in range(1, sheet.max_column + 1)}
    unknown = [k for k in where if k and k not in context.columns]
    if unknown:
        report.note(tr("Spalten, die dieses Projekt nicht kennt, werden nicht gelesen: {list}",
                       list=", ".join(unknown)))
    for key, col in context.columns.items():
        if key not in where and col.required:
            report.skip(None, tr("Die Pflichtspalte „{column}“ fehlt; die Struktur wurde verändert.",
                                 column=col.header))
            return []
    items = []
    filled = 0
    for r in range(FIRST_ROW, last_row(sheet, MAX_FORM_ROWS, report) + 1):
        raw = {k: sheet.cell(row=r, column=where[k]).value for k in context.columns if k in where}
        if all(_blank(v) for v in raw.values()):
            continue
        filled += 1
        content = "; ".join(f"{context.columns[k].header}: {_shown(v)}" for k, v in raw.items()
                            if not _blank(v))
        item, problem = _parse_row(raw, context)
        if problem:
            report.skip(r, tr("Zeile {r}: {problem}", r=r, problem=problem), content)
            continue
        key = (item.provider_id, item.title.casefold())
        amounts = {y: to_cents(v) for y, v in item.amounts.items() if to_cents(v) > 0}
        if key in context.stored:
            if context.stored[key] == amounts:
                report.unchanged += 1
            else:
                report.skip(r, tr("Zeile {r}: „{title}“ dieses Trägers gibt es schon mit anderen "
                                  "Beträgen; Änderungen bitte im Programm vornehmen.", r=r, title=item.title),
                            content)
            continue
        context.stored[key] = amounts
        if rnd.deadline and item.submitted[:10] > str(rnd.deadline)[:10]:
            report.doubt(r, tr("Zeile {r}: „{title}“ verspätet eingegangen am {date} (Frist {deadline}).",
                               r=r, title=item.title, date=format_date(item.submitted),
                               deadline=format_date(rnd.deadline)),
                         content)
        total = format_money(sum(amounts.values()) / 100)
        report.note(tr("Zeile {r}: „{title}“ übernommen ({total}).", r=r, title=item.title, total=total))
        report.taken += 1
        items.append(item)
    if not filled:
        report.note(tr("Das Formular enthält keine ausgefüllte Zeile."))
    return items


def _parse_row(raw: dict[str, Any], context: FormContext):
    from k360desk.models.round_books import NewApplication

    rnd = context.round
    provider_text = _shown(raw.get("provider"))
    provider = context.providers.get(provider_text.casefold())
    if not provider_text:
        return None, tr("Träger fehlt.")
    if provider is None:
        return None, tr("Träger „{name}“ ist im Projekt nicht erfasst.", name=provider_text)
    title = _shown(raw.get("title"))
    if not title:
        return None, tr("Projekttitel fehlt.")
    topic_text = _shown(raw.get("topic"))
    topic = context.topics.get(topic_text.casefold()) if topic_text else None
    if topic_text and topic is None:
        return None, tr("Handlungsfeld „{name}“ gibt es im Projekt nicht.", name=topic_text)
    names = [n.strip() for n in re.split(r"[;\n]", _shown(raw.get("districts"))) if n.strip()]
    if not names:
        return None, tr("Sozialraum fehlt.")
    districts, unknown = [], []
    for name in names:
        fid = context.districts.get(name.casefold())
        if fid is None:
            unknown.append(name)
        elif fid not in districts:
            districts.append(fid)
    if unknown:
        return None, tr("unbekannter Sozialraum: {list}.", list=", ".join(f"„{n}“" for n in unknown))
    start = _year(raw.get("start_year"))
    if start is None or not rnd.first_year <= start <= rnd.last_year:
        return None, tr("Beginn „{text}“ liegt nicht in den Förderjahren {first}–{last}.",
                        text=_shown(raw.get("start_year")), first=rnd.first_year, last=rnd.last_year)
    amounts: dict[int, float] = {}
    for key, col in context.columns.items():
        if not key.startswith("amount:") or _blank(raw.get(key)):
            continue
        value = _money(raw[key])
        if value is None or value < 0:
            return None, tr("{column}: „{text}“ ist kein Betrag.", column=col.header, text=_shown(raw[key]))
        year = int(key.split(":")[1])
        if value > 0 and year < start:
            return None, tr("{column}: Betrag vor dem Beginn {start}.", column=col.header, start=start)
        amounts[year] = value
    funded = [y for y, v in amounts.items() if v > 0]
    if not funded:
        return None, tr("Kein beantragter Betrag.")
    if max(funded) - start + 1 > context.max_years:
        return None, tr("Laufzeit über {n} Jahre.", n=context.max_years)
    extra = {}
    for key, col in context.columns.items():
        if key.startswith("extra:") and not _blank(raw.get(key)):
            value = _money(raw[key])
            if value is None or value < 0:
                return None, tr("{column}: „{text}“ ist kein Betrag.", column=col.header,
                                text=_shown(raw[key]))
            extra[key.split(":", 1)[1]] = value
    submitted = _date(raw.get("submitted"))
    if submitted is None:
        if not _blank(raw.get("submitted")):
            return None, tr("Eingang „{text}“ ist kein Datum (TT.MM.JJJJ).",
                            text=_shown(raw.get("submitted")))
        submitted = date.today().isoformat()
    return NewApplication(provider[0], title, _shown(raw.get("summary")), start,
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
