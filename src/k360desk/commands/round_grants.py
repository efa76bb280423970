"""Sub-commands of ``round`` for the life of a grant after the decision and for new rounds:
``revoke`` (Widerruf), ``claim`` (Rückforderung and repayments), ``proof``
(Verwendungsnachweis) and ``new`` (a round for a programme)."""

from __future__ import annotations

import argparse

from k360desk.cli import CommandError
from k360desk.commands.round_after import _application, _common, _money, _run
from k360desk.messages import tr


def add_parsers(rsub) -> None:
    """Add revoke, claim, proof and new to the ``round`` sub-parsers."""
    q = rsub.add_parser("revoke", help="Bewilligung widerrufen (ganz oder ab einem Jahr)",
                        description="Widerruft eine beschlossene Bewilligung ganz oder ab einem Jahr: "
                        "die Jahresraten ab dann entfallen, die Rückforderung ist das Ausgezahlte "
                        "abzüglich des anerkannten Betrags. Alles bleibt in der Historie.")
    _common(q)
    q.add_argument("application", metavar="ANTRAG", help="Nummer oder Titel des Antrags")
    q.add_argument("--date", required=True, metavar="JJJJ-MM-TT", help="Datum des Widerrufs")
    q.add_argument("--reason", required=True, metavar="TEXT", help="Begründung des Widerrufs")
    q.add_argument("--from-year", type=int, metavar="JAHR",
                   help="Teilwiderruf: Jahresraten ab diesem Jahr entfallen (ohne: ganz)")
    q.add_argument("--eligible", type=_money, metavar="BETRAG",
                   help="anerkannter Betrag, den der Träger behalten darf (ohne: ganz 0 €, "
                   "teilweise die Auszahlungen der Jahre davor)")
    q.add_argument("--meeting", type=int, metavar="ID",
                   help="Sitzung, die den Widerruf beschlossen hat (ohne: Verwaltung)")
    q.add_argument("--due", metavar="JJJJ-MM-TT", help="Fälligkeit der Rückforderung (ohne: 30 Tage)")
    q.set_defaults(func=_revoke)

    q = rsub.add_parser("claim", help="Rückforderung anzeigen oder Rückzahlung buchen",
                        description="Zeigt Rückforderung, Rückzahlungen, offenen Betrag und "
                        "Fälligkeit; mit --received wird eine Rückzahlung gebucht (nie mehr als offen).")
    _common(q)
    q.add_argument("application", metavar="ANTRAG", help="Nummer oder Titel des Antrags")
    q.add_argument("--received", type=_money, metavar="BETRAG", help="eingegangene Rückzahlung")
    q.add_argument("--date", metavar="JJJJ-MM-TT", help="Datum des Zahlungseingangs")
    q.set_defaults(func=_claim)

    q = rsub.add_parser("proof", help="Verwendungsnachweis erfassen, prüfen, ausgeben",
                        description="Verwendungsnachweis eines geförderten Projekts für ein Jahr: "
                        "Sachbericht, zahlenmäßiger Nachweis (geplant und ausgegeben je Kostenart) "
                        "und Prüfung; eine Prüfung mit Rückforderung fordert das Ausgezahlte zurück, "
                        "das der Nachweis nicht deckt. Ohne Änderungen wird der Nachweis angezeigt.")
    _common(q)
    q.add_argument("application", metavar="ANTRAG", help="Nummer oder Titel des Antrags")
    q.add_argument("year", type=int, metavar="JAHR", help="Förderjahr")
    q.add_argument("--narrative", metavar="TEXT", help="Sachbericht")
    q.add_argument("--line", action="append", default=[], metavar="KOSTENART=GEPLANT:AUSGEGEBEN",
                   help="Position des zahlenmäßigen Nachweises, z. B. Personal=30.000:28.500,50 "
                   "(eine Seite leer lassen behält den gespeicherten Wert; mehrfach möglich)")
    q.add_argument("--received", metavar="JJJJ-MM-TT", help="Eingang des Nachweises")
    q.add_argument("--audit", choices=["ohne-beanstandung", "mit-rueckforderung"],
                   help="Ergebnis der Prüfung")
    q.add_argument("--note", default="", metavar="TEXT", help="Prüfvermerk")
    q.add_argument("--audit-date", metavar="JJJJ-MM-TT", help="Datum der Prüfung (Standard: heute)")
    q.add_argument("--eligible", type=_money, metavar="BETRAG",
                   help="anerkannter Betrag (Standard: nachgewiesene Ausgaben bis zur Jahresrate)")
    q.add_argument("-o", "--output", metavar="DATEI", help="Nachweis als PDF oder CSV schreiben")
    q.set_defaults(func=_proof)


def add_new_parser(rsub) -> None:
    """Add ``round new`` (it names no round yet, so it has its own arguments)."""
    from k360desk.commands.rounds import _share

    q = rsub.add_parser("new", help="neue Förderrunde für ein Programm anlegen",
                        description="Legt eine Förderrunde als Entwurf an: Programm, Name, Budget je "
                        "Jahr, Antragsfrist und Regeln; auf Wunsch mit dem Kriterienkatalog einer "
                        "früheren Runde.")
    q.add_argument("file", metavar="PROJEKT", help="Projektdatei (.k360)")
    q.add_argument("--programme", required=True, metavar="PROGRAMM", help="Nummer oder Name des Programms")
    q.add_argument("--name", required=True, metavar="NAME", help="Name der Förderrunde")
    q.add_argument("--budget", action="append", default=[], metavar="JAHR=BETRAG",
                   help="Budget eines Jahres, z. B. 2027=480.000 (mehrfach möglich)")
    q.add_argument("--years", metavar="VON-BIS", help="Zeitraum, z. B. 2027-2031 (Standard: Budgetjahre)")
    q.add_argument("--deadline", metavar="JJJJ-MM-TT", help="Antragsfrist")
    q.add_argument("--rule", choices=["full", "partial"], default="full",
                   help="Vergaberegel: full = nur Vollförderung, partial = Teilförderung")
    q.add_argument("--min-share", type=_share, default=None, metavar="ANTEIL",
                   help="Mindestanteil bei Teilförderung, z. B. 0,5 oder 50 %% (Standard: 0,5)")
    q.add_argument("--need-rule", choices=["parent", "declared", "omit", "block"], default="parent",
                   help="Bedarf für Sozialräume ohne Wert (Standard: parent)")
    q.add_argument("--budget-line", default="", metavar="TEXT", help="Haushaltsstelle (Produktkonto)")
    q.add_argument("--criteria-from", metavar="RUNDE", help="Kriterienkatalog dieser Runde übernehmen")
    q.set_defaults(func=_new)


def _new(args: argparse.Namespace) -> int:
    from k360desk.commands.common import open_project
    from k360desk.models.round_setup import new_round
    from k360desk.models.rounds import RoundError
    from k360desk.money import format_money
    from k360desk.projectfile.records import FundingRound

    try:
        budgets = {}
        for item in args.budget:
            year, _, value = item.partition("=")
            if not year.strip().isdigit() or not value.strip():
                raise ValueError(tr("„{item}“: bitte JAHR=BETRAG angeben, z. B. 2027=480.000", item=item))
            budgets[int(year)] = _money(value)
        first = last = None
        if args.years:
            start, _, end = args.years.replace("–", "-").partition("-")
            if not start.strip().isdigit() or not (end or start).strip().isdigit():
                raise ValueError(f"„{args.years}“: bitte den Zeitraum als VON-BIS angeben, "
                                 "z. B. 2027-2031")
            first, last = int(start), int(end or start)
    except (ValueError, argparse.ArgumentTypeError) as exc:
        raise CommandError(str(exc)) from exc
    if args.rule == "partial" and args.min_share is None:
        args.min_share = 0.5
    project = open_project(args.file)
    try:
        try:
            round_id = new_round(project, args.programme, args.name, budgets, first_year=first,
                                 last_year=last, deadline=args.deadline, rule=args.rule,
                                 min_share=args.min_share or 1.0, need_rule=args.need_rule,
                                 budget_line=args.budget_line, criteria_from=args.criteria_from)
        except RoundError as exc:
            raise CommandError(str(exc)) from exc
        rnd = project.get(FundingRound, round_id)
        total = sum(budgets.values())
        project.save()
    finally:
        project.close()
    print(tr("Förderrunde „{name}“ angelegt (Nr. {id}, Entwurf, {first}–{last}, Budget {total}).",
             name=rnd.name, id=round_id, first=rnd.first_year, last=rnd.last_year,
             total=format_money(total)))
    return 0


def _revoke(args: argparse.Namespace) -> int:
    def work(project, rnd):
        from k360desk.formats import format_date
        from k360desk.models.revocations import revoke
        from k360desk.money import format_money
        from k360desk.projectfile.records import Revocation

        app = _application(project, rnd, args.application)
        rev_id = revoke(project, app.id, args.date, args.reason, from_year=args.from_year,
                        eligible=args.eligible, meeting_id=args.meeting, due=args.due)
        rev = project.get(Revocation, rev_id)
        what = tr("ganz") if rev.scope == "whole" else tr("ab {year}", year=rev.from_year)
        return tr("Widerruf ({what}) gespeichert: „{title}“, entfallen {dropped}; Rückforderung "
                  "{claim}, fällig am {due}.", what=what, title=app.title,
                  dropped=format_money(rev.revoked_amount), claim=format_money(rev.claim),
                  due=format_date(rev.due))

    return _run(args, work)


def _claim(args: argparse.Namespace) -> int:
    def work(project, rnd):
        from k360desk.formats import format_date
        from k360desk.models.aftercare import record_repayment
        from k360desk.models.revocations import claim_status
        from k360desk.money import format_cents, format_money
        from k360desk.projectfile.records import Revocation

        app = _application(project, rnd, args.application)
        revs = project.all(Revocation, order_by="id", application_id=app.id)
        if not revs:
            raise ValueError(tr("Für „{title}“ gibt es keine Rückforderung.", title=app.title))
        lines = []
        if args.received is not None:
            record_repayment(project, app.id, revs[-1].from_year, args.received, args.date,
                             notes="Rückzahlung auf Rückforderung")
            lines.append(tr("Rückzahlung gebucht: {amount}.", amount=format_money(args.received)))
        status = claim_status(project, app.id)
        due = tr(", fällig am {date}", date=format_date(status["due"])) if status["due"] else ""
        late = tr(" (überfällig)") if status["overdue"] else ""
        lines.append(tr("„{title}“: gefordert {claimed}, zurückgezahlt {repaid}, offen {open}{due}{late}.",
                        title=app.title, claimed=format_cents(status["claimed"]),
                        repaid=format_cents(status["repaid"]), open=format_cents(status["open"]),
                        due=due, late=late))
        return "\n".join(lines)

    if args.received is None:
        return _show(args, work)
    return _run(args, work)


def _show(args, work) -> int:
    """Like ``_run`` but read-only: nothing is saved."""
    from k360desk.commands.common import open_project
    from k360desk.models.rounds import RoundError, find_round

    project = open_project(args.file, read_only=True)
    try:
        try:
            message = work(project, find_round(project, args.round))
        except (RoundError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
    finally:
        project.close()
    print(message)
    return 0


def _proof_lines(items: list[str]) -> dict[str, tuple[float | None, float | None]]:
    lines = {}
    for item in items:
        name, _, figures = item.partition("=")
        planned, colon, spent = figures.partition(":")
        if not name.strip() or not colon:
            raise ValueError(tr("„{item}“: bitte KOSTENART=GEPLANT:AUSGEGEBEN angeben, "
                                "z. B. Personal=30.000:28.500", item=item))
        lines[name.strip()] = tuple(_money(v) if v.strip() else None for v in (planned, spent))
    return lines


def _proof(args: argparse.Namespace) -> int:
    changes = bool(args.narrative is not None or args.line or args.received or args.audit)

    def work(project, rnd):
        from datetime import date

        from k360desk.export.pdf.usage_proof import proof_table, write_proof_csv, write_proof_pdf
        from k360desk.models import usage_proof
        from k360desk.projectfile.records import UsageReport

        app = _application(project, rnd, args.application)
        lines = _proof_lines(args.line)
        if changes:
            report_id = usage_proof.set_proof(project, app.id, args.year, narrative=args.narrative,
                                              lines=lines, received=args.received)
            if args.audit:
                result = "clean" if args.audit == "ohne-beanstandung" else "recovery"
                usage_proof.audit(project, report_id, result, args.note,
                                  args.audit_date or date.today().isoformat(), args.eligible)
        else:
            report = project.find(UsageReport, application_id=app.id, year=args.year)
            if report is None:
                raise ValueError(tr("Für „{title}“ {year} gibt es noch keinen Verwendungsnachweis.",
                                    title=app.title, year=args.year))
            report_id = report.id
        summary = usage_proof.proof_summary(project, report_id)
        table = proof_table(project, report_id)
        widths = [max(len(str(v)) for v in [c, *table[c]]) for c in table.columns]
        text = [tr("Verwendungsnachweis {year} „{title}“ – {audit}", year=args.year, title=app.title,
                   audit=summary["audit"])]
        text += ["  ".join(str(v).rjust(w) if i else str(v).ljust(w) for i, (v, w) in
                           enumerate(zip(row, widths, strict=True)))
                 for row in [table.columns.tolist(), *table.values.tolist()]]
        if summary["claim"]:
            from k360desk.money import format_cents

            text.append(tr("Rückforderung: {amount}", amount=format_cents(summary["claim"])))
        if args.output:
            try:
                if str(args.output).lower().endswith(".csv"):
                    write_proof_csv(project, report_id, args.output)
                else:
                    write_proof_pdf(project, report_id, args.output)
            except OSError as exc:
                raise ValueError(tr("„{path}“ lässt sich nicht schreiben: {reason}.", path=args.output,
                                    reason=exc.strerror)) from exc
            text.append(tr("Nachweis geschrieben: {path}", path=args.output))
        return "\n".join(text)

    return _run(args, work) if changes else _show(args, work)
