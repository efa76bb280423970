"""Sub-commands of ``round`` around the decision: ``configure`` (need rule, budget line),
``amend`` (Änderungsbescheid), ``review-end`` (a yearly talk ends a project) and ``pay``."""

from __future__ import annotations

import argparse

from k360desk.cli import CommandError
from k360desk.commands.common import open_project
from k360desk.messages import tr


def add_parsers(rsub) -> None:
    """Add configure, amend, review-end and pay to the ``round`` sub-parsers."""
    q = rsub.add_parser("configure", help="Regeln der Runde: Bedarf ohne Wert, Haushaltsstelle",
                        description="Legt fest, wie Anträge für Sozialräume ohne Bedarfswert bewertet "
                        "werden, und die Haushaltsstelle für die Beschlussvorlage.")
    _common(q)
    q.add_argument("--need-rule", choices=["parent", "declared", "omit", "block"],
                   help="parent = Wert der übergeordneten Ebene, declared = festgelegter Wert "
                   "(--need-value), omit = Bedarfskriterium entfällt, block = kein Beschluss")
    q.add_argument("--need-value", type=_number, metavar="WERT", help="festgelegter Bedarfswert 0–100")
    q.add_argument("--budget-line", metavar="TEXT", help="Haushaltsstelle (Produktkonto)")
    q.set_defaults(func=_configure)

    q = rsub.add_parser("amend", help="Bewilligung ändern (Änderungsbescheid)",
                        description="Ändert die Jahresraten einer beschlossenen Bewilligung; die "
                        "Änderung wird mit Begründung in der Historie festgehalten.")
    _common(q)
    q.add_argument("application", metavar="ANTRAG", help="Nummer oder Titel des Antrags")
    q.add_argument("--amount", action="append", required=True, metavar="JAHR=BETRAG",
                   help="neue Jahresrate, z. B. 2027=19.500,50 (mehrfach möglich)")
    q.add_argument("--reason", required=True, metavar="TEXT", help="Begründung der Änderung")
    q.add_argument("--date", required=True, metavar="JJJJ-MM-TT", help="Datum des Änderungsbescheids")
    q.add_argument("--over-commitment", metavar="BEGRÜNDUNG",
                   help="Überschreitung des Budgets ausdrücklich erklären (wird protokolliert)")
    q.set_defaults(func=_amend)

    q = rsub.add_parser("review-end", help="Jahresgespräch beendet ein Projekt",
                        description="Das Jahresgespräch beendet das Projekt: die Jahresraten der "
                        "folgenden Jahre entfallen (mit Historie).")
    _common(q)
    q.add_argument("application", metavar="ANTRAG", help="Nummer oder Titel des Antrags")
    q.add_argument("--date", required=True, metavar="JJJJ-MM-TT", help="Datum des Jahresgesprächs")
    q.add_argument("--reason", default="", metavar="TEXT", help="Grund")
    q.set_defaults(func=_review_end)

    q = rsub.add_parser("pay", help="Auszahlung oder Rückzahlung buchen",
                        description="Bucht eine Auszahlung (oder mit --repayment eine Rückzahlung); "
                        "geprüft gegen Bewilligung, Förderjahre und nicht verbrauchtes Geld.")
    _common(q)
    q.add_argument("application", metavar="ANTRAG", help="Nummer oder Titel des Antrags")
    q.add_argument("year", type=int, metavar="JAHR", help="Förderjahr")
    q.add_argument("amount", type=_money, metavar="BETRAG", help="Betrag in Euro, z. B. 12.500,50")
    q.add_argument("--date", metavar="JJJJ-MM-TT", help="Datum der Zahlung")
    q.add_argument("--repayment", action="store_true", help="Rückzahlung statt Auszahlung")
    q.set_defaults(func=_pay)


def add_output_parsers(rsub) -> None:
    """Add notices and report (the Beschlussvorlage) to the ``round`` sub-parsers."""
    q = rsub.add_parser("notices", help="Bescheide als PDF oder Word schreiben",
                        description="Schreibt Bewilligungs-, Ablehnungs- und Änderungsbescheide der "
                        "beschlossenen Anträge als PDF oder Word (je Bescheid eine Datei) in einen Ordner; "
                        "hat die Runde Widerrufe, kommt je Widerruf ein Widerrufsbescheid mit der "
                        "Rückforderung dazu.")
    _common(q)
    q.add_argument("-o", "--output", required=True, metavar="ORDNER", help="Zielordner")
    q.add_argument("--format", choices=("pdf", "docx"), default="pdf",
                   help="pdf (Vorgabe) oder docx (zum Bearbeiten in Word)")
    q.set_defaults(func=_notices)
    q = rsub.add_parser("report", help="Beschlussvorlage schreiben (PDF oder .docx)",
                        description="Schreibt die Beschlussvorlage der Runde; die Endung von -o "
                        "wählt PDF oder Word.")
    _common(q)
    q.add_argument("-o", "--output", required=True, metavar="DATEI", help="Zieldatei (.pdf oder .docx)")
    q.set_defaults(func=_report)


def _notices(args: argparse.Namespace) -> int:
    from k360desk.export.pdf.notices import write_notices
    from k360desk.models.rounds import RoundError, find_round

    project = open_project(args.file, read_only=True)
    try:
        try:
            rnd = find_round(project, args.round)
            files = write_notices(project, rnd.id, args.output, fmt=args.format)
        except RoundError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(tr("Ordner „{path}“ lässt sich nicht beschreiben: {reason}.",
                                  path=args.output, reason=exc.strerror)) from exc
    finally:
        project.close()
    count = tr("1 Bescheid") if len(files) == 1 else tr("{n} Bescheide", n=len(files))
    print(tr("{count} geschrieben: {path}", count=count, path=args.output))
    return 0


def _report(args: argparse.Namespace) -> int:
    from k360desk.models.rounds import RoundError, find_round

    project = open_project(args.file, read_only=True)
    try:
        try:
            rnd = find_round(project, args.round)
            if str(args.output).lower().endswith(".docx"):
                from k360desk.export.pdf.committee_docx import write_committee_docx

                write_committee_docx(project, rnd.id, args.output)
            else:
                from k360desk.export.pdf.committee import write_committee_pdf

                write_committee_pdf(project, rnd.id, args.output)
        except RoundError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(tr("„{path}“ lässt sich nicht schreiben: {reason}.", path=args.output,
                                  reason=exc.strerror)) from exc
    finally:
        project.close()
    print(tr("Beschlussvorlage geschrieben: {path}", path=args.output))
    return 0


def _common(q: argparse.ArgumentParser) -> None:
    q.add_argument("file", metavar="PROJEKT", help="Projektdatei (.k360)")
    q.add_argument("round", metavar="RUNDE", help="Nummer oder Name der Förderrunde")


def _number(text: str) -> float:
    from k360desk.formats import parse_number

    try:
        return parse_number(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(tr("„{text}“ ist keine Zahl", text=text)) from None


def _money(text: str) -> float:
    from k360desk.formats import parse_money

    try:
        return parse_money(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr("„{text}“ ist kein Betrag", text=text)) from None


def _run(args, work) -> int:
    """Open the file, find the round, run ``work(project, round)``, save; one-line errors."""
    from k360desk.models.rounds import RoundError, find_round

    project = open_project(args.file)
    try:
        try:
            rnd = find_round(project, args.round)
            message = work(project, rnd)
        except (RoundError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        project.save()
    finally:
        project.close()
    print(message)
    return 0


def _application(project, rnd, key: str):
    from k360desk.models.rounds import RoundError
    from k360desk.projectfile.records import Application

    apps = project.all(Application, round_id=rnd.id)
    text = str(key).strip()
    found = [a for a in apps
             if (text.isdigit() and a.id == int(text)) or a.title.casefold() == text.casefold()]
    if not found:
        raise RoundError(tr("Antrag „{text}“ gibt es in „{round}“ nicht.", text=text, round=rnd.name))
    return found[0]


def _configure(args: argparse.Namespace) -> int:
    def work(project, rnd):
        from k360desk.models.round_rules import configure_round

        fields = {}
        if args.need_rule:
            fields["need_fallback"] = args.need_rule
        if args.need_value is not None:
            fields["need_declared"] = float(args.need_value)
        if args.budget_line is not None:
            fields["budget_line"] = args.budget_line
        if not fields:
            raise ValueError(tr("Nichts zu ändern: --need-rule, --need-value oder --budget-line angeben."))
        if fields.get("need_fallback") == "declared" and "need_declared" not in fields \
                and rnd.need_declared is None:
            raise ValueError(tr("Für --need-rule declared fehlt --need-value."))
        configure_round(project, rnd.id, **fields)
        return tr("Runde „{name}“ geändert: {fields}", name=rnd.name,
                  fields=", ".join(f"{k} = {v}" for k, v in fields.items()))

    return _run(args, work)


def _amend(args: argparse.Namespace) -> int:
    def work(project, rnd):
        from k360desk.models.decisions import amend_award

        app = _application(project, rnd, args.application)
        amounts = {}
        for item in args.amount:
            year, _, value = item.partition("=")
            if not year.strip().isdigit() or not value.strip():
                raise ValueError(tr("„{item}“: bitte JAHR=BETRAG angeben, z. B. 2027=19.500", item=item))
            amounts[int(year)] = _money(value)
        amend_award(project, app.id, amounts, args.reason, args.date, args.over_commitment or "")
        return tr("Änderung gespeichert: „{title}“.", title=app.title)

    return _run(args, work)


def _review_end(args: argparse.Namespace) -> int:
    def work(project, rnd):
        from k360desk.models.decisions import end_after_review
        from k360desk.projectfile.records import Review

        app = _application(project, rnd, args.application)
        with project.transaction():
            project.add(Review(application_id=app.id, date=args.date, outcome="end", notes=args.reason))
            dropped = end_after_review(project, app.id, args.date, args.reason)
        years = ", ".join(map(str, dropped)) or tr("keine")
        return tr("Projekt „{title}“ endet; entfallene Jahresraten: {years}.", title=app.title, years=years)

    return _run(args, work)


def _pay(args: argparse.Namespace) -> int:
    def work(project, rnd):
        from k360desk.formats import format_money
        from k360desk.models.aftercare import record_payment

        app = _application(project, rnd, args.application)
        kind = "repayment" if args.repayment else "payment"
        record_payment(project, app.id, args.year, args.amount, args.date, kind)
        text = (tr("Rückzahlung gebucht: „{title}“ {year}: {amount}.") if args.repayment
                else tr("Auszahlung gebucht: „{title}“ {year}: {amount}."))
        return text.format(title=app.title, year=args.year, amount=format_money(args.amount))

    return _run(args, work)
