"""Notices after a round's decision as PDF or Word on the municipality's letterhead (header with
name and logo from the project): Bewilligungsbescheid with the yearly amounts,
Ablehnungsbescheid with the reason, Änderungsbescheid for each recorded amendment and
Widerrufsbescheid (with the Rückforderung) for each recorded revocation. One file per
notice; the Word files share their frame with the Beschlussvorlage (``docx_base``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from k360desk.formats import format_money
from k360desk.messages import using

AWARD, REJECTION, AMENDMENT = "Bewilligungsbescheid", "Ablehnungsbescheid", "Änderungsbescheid"
REVOCATION = "Widerrufsbescheid"


@dataclass
class Notice:
    """The text of one notice (German)."""

    kind: str
    application_id: int
    recipient: str
    subject: str
    paragraphs: list[str]
    amounts: pd.DataFrame = field(default_factory=pd.DataFrame)  # Haushaltsjahr, Betrag
    address: str = ""  # the provider's postal address, one line per line

    @property
    def address_block(self) -> list[str]:
        """Recipient and address as the lines of the letter's address field."""
        return [self.recipient, *(line.strip() for line in self.address.splitlines() if line.strip())]


def round_notices(project, round_key: str | int) -> list[Notice]:
    """All notices of a round's recorded decisions and amendments."""
    from k360desk.export.pdf.committee_data import _ARTICLES, authority_kind
    from k360desk.models import rounds as store
    from k360desk.models.decisions import already_decided, award_history
    from k360desk.projectfile.records import Application, Provider, Revocation

    rnd = store.find_round(project, round_key)
    settled = already_decided(project, rnd.id) if rnd.status not in store.DECIDED else None
    kind = authority_kind(project)
    authority = f"{_ARTICLES.get(kind, 'die')} {kind}"
    notices = []
    addresses: dict[int, str] = {}
    for app in project.all(Application, order_by="id", round_id=rnd.id):
        if app.status not in ("awarded", "rejected") or (settled is not None and app.id not in settled):
            continue
        provider = project.get(Provider, app.provider_id) if app.provider_id else None
        recipient = provider.name if provider is not None else "–"
        addresses[app.id] = provider.address if provider is not None else ""
        money = project.link_frame("application_amounts", application_id=app.id).sort_values("year")
        if app.status == "rejected":
            notices.append(Notice(REJECTION, app.id, recipient, f"Ihr Antrag „{app.title}“ "
                                  f"(Förderrunde „{rnd.name}“)", [
                                      "Ihrem Antrag auf Förderung kann leider nicht entsprochen werden.",
                                      f"Begründung: {app.reason or 'siehe Beschluss'}",
                                      "Gegen diesen Bescheid können Sie innerhalb eines Monats nach "
                                      "Bekanntgabe Widerspruch erheben."]))
            continue
        revs = project.all(Revocation, order_by="decided_on, id", application_id=app.id)
        money = _before_revocations(money, revs)
        granted = money[money["awarded"].fillna(0) > 0]
        table = pd.DataFrame({"Haushaltsjahr": granted["year"].astype(int).astype(str),
                              "Betrag": granted["awarded"].map(format_money)})
        total = float(granted["awarded"].sum())
        notices.append(Notice(AWARD, app.id, recipient, f"Zuwendung für „{app.title}“ "
                              f"(Förderrunde „{rnd.name}“)", [
                                  f"auf Ihren Antrag bewilligt Ihnen {authority} für das Projekt "
                                  f"„{app.title}“ eine Zuwendung von insgesamt {format_money(total)} "
                                  "in den folgenden Jahresraten.",
                                  *( [f"Auflagen: {app.conditions}"] if app.conditions else []),
                                  "Die Jahresraten späterer Haushaltsjahre stehen unter dem Vorbehalt der "
                                  "Bereitstellung der Haushaltsmittel. Über die Verwendung ist bis zum "
                                  "30.06. des Folgejahres ein Verwendungsnachweis (Sachbericht und "
                                  "zahlenmäßiger Nachweis) vorzulegen."], table))
        for entry in award_history(project, app.id).itertuples(index=False):
            if entry.action != "amendment":
                continue
            notices.append(Notice(AMENDMENT, app.id, recipient, f"Änderung der Zuwendung für „{app.title}“",
                                  [f"der Bewilligungsbescheid wird wie folgt geändert: {entry.details}",
                                   "Im Übrigen bleibt der Bewilligungsbescheid unverändert."], table))
        notices += [_revocation_notice(rev, app.title, recipient) for rev in revs]
    for notice in notices:
        notice.address = addresses.get(notice.application_id, "")
    return notices


def _before_revocations(money: pd.DataFrame, revs) -> pd.DataFrame:
    """The yearly amounts as granted: a revocation zeroes the years it drops, and the award
    notice must still name them."""
    import json

    from k360desk.money import from_cents

    money = money.copy()
    for rev in revs:
        for year, cents in json.loads(rev.dropped or "{}").items():
            hit = money["year"].astype(int) == int(year)
            money.loc[hit, "awarded"] = money.loc[hit, "awarded"].fillna(0) + from_cents(int(cents))
    return money


def _revocation_notice(rev, title: str, recipient: str) -> Notice:
    """The Widerrufsbescheid of one revocation: what is withdrawn, why, who decided, and the
    Rückforderung with its due date."""
    import json

    from k360desk.formats import format_date
    from k360desk.money import format_cents, to_cents

    dropped = {int(y): int(c) for y, c in json.loads(rev.dropped or "{}").items() if int(c) > 0}
    table = pd.DataFrame({"Haushaltsjahr": [str(y) for y in sorted(dropped)],
                          "Betrag": [format_cents(dropped[y]) for y in sorted(dropped)]})
    if rev.scope == "proof":
        first = (f"nach Prüfung des Verwendungsnachweises {rev.from_year} wird der Bewilligungsbescheid "
                 f"für das Projekt „{title}“ widerrufen, soweit die ausgezahlten Mittel nicht "
                 "nachgewiesen sind.")
    elif rev.scope == "whole":
        first = (f"der Bewilligungsbescheid für das Projekt „{title}“ wird ganz widerrufen, mit Wirkung "
                 f"ab dem Haushaltsjahr {rev.from_year}. Es entfallen die folgenden Jahresraten.")
    else:
        first = (f"der Bewilligungsbescheid für das Projekt „{title}“ wird teilweise widerrufen, mit "
                 f"Wirkung ab dem Haushaltsjahr {rev.from_year}. Es entfallen die folgenden Jahresraten.")
    claim = to_cents(rev.claim)
    eligible = to_cents(rev.eligible)
    if claim > 0:
        money_line = (f"Rückforderung: {format_cents(claim)}, zu zahlen bis zum {format_date(rev.due)}. "
                      f"Ausgezahlt wurden {format_cents(claim + eligible)}, davon anerkannt "
                      f"{format_cents(eligible)}.")
    else:
        money_line = "Rückforderung: keine, es wurde nicht mehr ausgezahlt als anerkannt."
    return Notice(REVOCATION, int(rev.application_id), recipient,
                  f"Widerruf der Zuwendung für „{title}“", [
                      first,
                      f"Begründung: {rev.reason}",
                      f"Entschieden: {rev.body or 'Verwaltung'} am {format_date(rev.decided_on)}.",
                      money_line,
                      "Gegen diesen Bescheid können Sie innerhalb eines Monats nach Bekanntgabe "
                      "Widerspruch erheben."], table)


FORMATS = ("pdf", "docx")
GREETING = "Sehr geehrte Damen und Herren,"
CLOSING = ("Mit freundlichen Grüßen", "Im Auftrag")


def write_notices(project, round_key: str | int, folder: Path, created: date | None = None,
                  fmt: str = "pdf") -> list[Path]:
    """Write every notice of a round as its own PDF or .docx (``fmt``) into ``folder``; return
    the files."""
    if fmt not in FORMATS:
        raise ValueError(f"Unbekanntes Format „{fmt}“ (pdf oder docx).")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    write = _write_docx if fmt == "docx" else _write_pdf
    files = []
    for number, notice in enumerate(round_notices(project, round_key), start=1):
        plain = notice.kind.replace("Ä", "Ae")
        slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{plain}-{notice.application_id}").strip("-")
        path = folder / f"{number:03d}-{slug}.{fmt}"
        # Bescheide are administrative acts in the official language: the shared letterhead
        # and footer stay German whatever language the UI speaks.
        with using("de"):
            write(project, notice, path, created or date.today())
        files.append(path)
    return files


def _write_pdf(project, notice: Notice, path: Path, created: date) -> None:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    from k360desk.export.pdf.base import FRAME_WIDTH, build_document, esc, report_info, styles
    from k360desk.export.pdf.committee import frame_table

    st = styles()
    story = [Paragraph("<br/>".join(esc(line) for line in notice.address_block), st["body"]), Spacer(1, 14),
             Paragraph(esc(notice.kind), st["title"]),
             Paragraph(f"<b>{esc(notice.subject)}</b>", st["body"]), Spacer(1, 6),
             Paragraph(GREETING, st["body"])]
    for text in notice.paragraphs[:1]:
        story.append(Paragraph(esc(text), st["body"]))
    if not notice.amounts.empty:
        story += [Spacer(1, 4), frame_table(notice.amounts, [40 * mm, FRAME_WIDTH / 3], st), Spacer(1, 4)]
    story += [Paragraph(esc(text), st["body"]) for text in notice.paragraphs[1:]]
    story += [Spacer(1, 10)] + [Paragraph(text, st["body"]) for text in CLOSING]
    build_document(path, story, report_info(project, notice.kind, created))


def _write_docx(project, notice: Notice, path: Path, created: date) -> None:
    from docx.shared import Pt

    from k360desk.export.pdf import docx_base as word

    head = word.letterhead(project, notice.kind, created)
    doc = word.new_document(head, f"{notice.kind} – {notice.subject}", subject=notice.subject)
    doc.add_paragraph("\n".join(notice.address_block))
    doc.add_heading(notice.kind, level=1)
    doc.add_paragraph().add_run(notice.subject).bold = True
    doc.add_paragraph(GREETING)
    for text in notice.paragraphs[:1]:
        doc.add_paragraph(text)
    if not notice.amounts.empty:
        word.add_table(doc, notice.amounts, {"Betrag"}, total_cm=8.0)
        doc.add_paragraph()
    for text in notice.paragraphs[1:]:
        doc.add_paragraph(text)
    greeting = doc.add_paragraph(CLOSING[0])
    greeting.paragraph_format.space_before = Pt(12)
    for text in CLOSING[1:]:
        doc.add_paragraph(text)
    doc.save(path)
