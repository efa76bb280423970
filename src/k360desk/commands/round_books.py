"""Sub-commands of ``round`` for the round's workbooks: score sheets per rater
(``export-scoresheets``, ``import-scores``) and the call's application form
(``export-application-form``, ``import-applications``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from k360desk.cli import CommandError
from k360desk.commands.common import open_project
from k360desk.messages import tr


def add_book_parsers(rsub) -> None:
    """Add the four workbook commands to the ``round`` sub-parsers."""
    q = rsub.add_parser("export-scoresheets", help="je bewertende Person einen Excel-Bewertungsbogen",
                        description="Schreibt je bewertende Person eine geschützte Excel-Arbeitsmappe "
                        "mit dem Kriterienkatalog und einer Zeile je Antrag (gespeicherte Bewertungen "
                        "sind eingetragen).")
    _common(q)
    q.add_argument("--out", required=True, metavar="ORDNER", help="Zielordner (wird angelegt)")
    q.add_argument("--rater", action="append", default=[], metavar="NAME",
                   help="bewertende Person (mehrfach möglich; Standard: alle, die schon bewertet haben)")
    q.set_defaults(func=_export_scores)

    q = rsub.add_parser("import-scores", help="ausgefüllte Bewertungsbögen einlesen",
                        description="Liest ausgefüllte Bewertungsbögen ein (alle in einem Schritt) und "
                        "druckt je Datei den Bericht. Fehlende Bewertungen werden aufgelistet, nie "
                        "gemittelt. Rückgabe 0 nur, wenn nichts übersprungen wurde (oder mit "
                        "--allow-skipped).")
    _common(q)
    q.add_argument("files", nargs="+", metavar="DATEI", help="Bewertungsbögen (.xlsx)")
    q.add_argument("--rater", metavar="NAME",
                   help="nur Bögen dieser Person annehmen (Bögen anderer werden abgelehnt)")
    q.add_argument("--allow-skipped", action="store_true",
                   help="Rückgabe 0 auch, wenn Werte übersprungen wurden")
    q.add_argument("--report", metavar="DATEI.csv", help="Bericht aller Dateien als CSV speichern")
    q.set_defaults(func=_import_scores)

    q = rsub.add_parser("export-application-form", help="Antragsformular der Ausschreibung (Excel)",
                        description="Schreibt das Antragsformular der Runde für die Träger: Hinweise "
                        "zur Ausschreibung und ein Blatt, in dem je Zeile ein Antrag steht.")
    _common(q)
    q.add_argument("--out", required=True, metavar="DATEI.xlsx", help="Zieldatei")
    q.set_defaults(func=_export_form)

    q = rsub.add_parser("import-applications", help="ausgefüllte Antragsformulare einlesen",
                        description="Liest ausgefüllte Antragsformulare ein (alle in einem Schritt); "
                        "druckt je Datei, welche Zeilen übernommen und welche mit welchem Grund "
                        "übersprungen wurden. Verspätete Anträge werden markiert.")
    _common(q)
    q.add_argument("files", nargs="+", metavar="DATEI", help="Antragsformulare (.xlsx)")
    q.add_argument("--allow-skipped", action="store_true",
                   help="Rückgabe 0 auch, wenn Zeilen übersprungen wurden")
    q.add_argument("--report", metavar="DATEI.csv", help="Bericht aller Dateien als CSV speichern")
    q.set_defaults(func=_import_applications)


def _common(q: argparse.ArgumentParser) -> None:
    q.add_argument("file", metavar="PROJEKT", help="Projektdatei (.k360)")
    q.add_argument("round", metavar="RUNDE", help="Nummer oder Name der Förderrunde")


def _export_scores(args: argparse.Namespace) -> int:
    from k360desk.io.scoresheets import export_scoresheets
    from k360desk.models.rounds import RoundError, find_round

    project = open_project(args.file, read_only=True)
    try:
        try:
            rnd = find_round(project, args.round)
            files = export_scoresheets(project, rnd.id, args.out, args.rater)
        except RoundError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(tr("Der Ordner „{path}“ ist nicht beschreibbar ({reason}).", path=args.out,
                                  reason=exc.strerror)) from exc
    finally:
        project.close()
    count = tr("1 Bewertungsbogen") if len(files) == 1 else tr("{n} Bewertungsbögen", n=len(files))
    print(tr("{round}: {count} geschrieben nach {path}", round=rnd.name, count=count, path=args.out))
    for path in files:
        print(f"  {path.name}")
    return 0


def _import_scores(args: argparse.Namespace) -> int:
    from k360desk.io.scoresheets import import_scoresheets

    def work(project, rnd):
        result = import_scoresheets(project, rnd.id, args.files, rater=args.rater)
        print(result.text())
        _write_report(args, result.reports)
        if not result.changes or not result.changes.written:
            print(tr("Bewertungen: alles unverändert, nichts gespeichert."))
        return result.skipped

    return _batch(args, work, tr("{n} Werte oder Dateien wurden übersprungen (Rückgabe 2; "
                                 "mit --allow-skipped 0)."))


def _export_form(args: argparse.Namespace) -> int:
    from k360desk.io.application_form import export_application_form
    from k360desk.models.rounds import RoundError, find_round

    project = open_project(args.file, read_only=True)
    try:
        try:
            rnd = find_round(project, args.round)
            path = export_application_form(project, rnd.id, args.out)
        except RoundError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(tr("„{path}“ lässt sich nicht schreiben ({reason}).", path=args.out,
                                  reason=exc.strerror)) from exc
    finally:
        project.close()
    print(tr("Antragsformular für „{round}“ geschrieben: {path}", round=rnd.name, path=path))
    return 0


def _import_applications(args: argparse.Namespace) -> int:
    from k360desk.io.application_form import import_application_forms

    def work(project, rnd):
        result = import_application_forms(project, rnd.id, args.files)
        print(result.text())
        _write_report(args, result.reports)
        return result.skipped

    return _batch(args, work, tr("{n} Zeilen oder Dateien wurden übersprungen (Rückgabe 2; "
                                 "mit --allow-skipped 0)."))


def _write_report(args: argparse.Namespace, reports) -> None:
    from k360desk.io.scoresheets import write_reports_csv

    if args.report:
        try:
            write_reports_csv(reports, args.report)
        except OSError as exc:
            raise CommandError(tr("„{path}“ lässt sich nicht schreiben ({reason}).", path=args.report,
                                  reason=exc.strerror)) from exc
        print(tr("Bericht gespeichert: {path}", path=args.report))


def _batch(args: argparse.Namespace, work, skipped_text: str) -> int:
    """Open, run the import, save; exit 2 when something was skipped (unless allowed)."""
    from k360desk.models.rounds import RoundError, find_round

    missing = [f for f in args.files if not Path(f).is_file()]
    if missing:
        raise CommandError(tr("Die Datei „{path}“ gibt es nicht.", path=missing[0]))
    project = open_project(args.file)
    try:
        try:
            rnd = find_round(project, args.round)
            skipped = work(project, rnd)
        except RoundError as exc:
            raise CommandError(str(exc)) from exc
        project.save()
        print(tr("Projekt gespeichert: {path}", path=project.path))
    finally:
        project.close()
    if skipped and not args.allow_skipped:
        # The text comes translated with its {n} open: the count is known only now.
        print(skipped_text.format(n=skipped), file=sys.stderr)
        return 2
    return 0
