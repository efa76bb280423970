"""Sub-command ``questionnaire``: export the workbooks of a Trägerabfrage, import the answers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from k360desk.cli import CommandError
from k360desk.commands.common import open_project


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``questionnaire export`` and ``questionnaire import``."""
    p = sub.add_parser(
        "questionnaire", help="Trägerabfrage: Fragebögen ausgeben und Antworten einlesen",
        description="Gibt je Träger einen geschützten Excel-Fragebogen aus und liest die "
                    "ausgefüllten Fragebögen wieder ein.")
    qsub = p.add_subparsers(dest="questionnaire_command", metavar="AKTION", required=True,
                            parser_class=type(p))
    q = qsub.add_parser(
        "export", help="je Träger eine Excel-Datei schreiben",
        description="Schreibt je Träger eine Excel-Arbeitsmappe mit den Fragen der Trägerabfrage "
                    "des Jahres, vorbelegt mit den Sozialräumen, in denen der Träger Einrichtungen hat.")
    q.add_argument("project", metavar="PROJEKT", help="Projektdatei (.k360)")
    q.add_argument("period", type=int, metavar="JAHR", help="Jahr der Trägerabfrage")
    q.add_argument("outdir", metavar="ORDNER", help="Zielordner (wird angelegt)")
    q.set_defaults(func=_export)
    q = qsub.add_parser(
        "import", help="ausgefüllte Fragebögen einlesen",
        description="Liest ausgefüllte Fragebögen ein (alle in einem Schritt), druckt je Datei den "
                    "Bericht und speichert das Projekt. Rückgabe 0 nur, wenn nichts übersprungen "
                    "wurde (oder mit --allow-skipped).")
    q.add_argument("project", metavar="PROJEKT", help="Projektdatei (.k360)")
    q.add_argument("files", nargs="+", metavar="DATEI", help="ausgefüllte Fragebögen (.xlsx)")
    q.add_argument("--allow-skipped", action="store_true",
                   help="Rückgabe 0 auch, wenn Antworten übersprungen wurden")
    q.add_argument("--provider", metavar="TRÄGER",
                   help="Träger, der die Dateien eingereicht hat: Fragebögen anderer Träger "
                        "werden abgelehnt")
    q.add_argument("--allow-other-provider", action="store_true",
                   help="Fragebögen anderer Träger trotzdem übernehmen")
    q.add_argument("--report", metavar="DATEI.csv", help="Bericht aller Dateien als CSV speichern")
    q.set_defaults(func=_import)


def _export(args: argparse.Namespace) -> int:
    from k360desk.io.questionnaire import export_workbooks
    from k360desk.models.questionnaire import questionnaire_for_period
    from k360desk.projectfile import ProjectError

    project = open_project(args.project, read_only=True)
    try:
        try:
            questionnaire = questionnaire_for_period(project, args.period)
            files = export_workbooks(project, questionnaire.id, Path(args.outdir))
        except (ProjectError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"Der Ordner „{args.outdir}“ ist nicht beschreibbar ({exc}).") from exc
    finally:
        project.close()
    print(f"{questionnaire.name}: {len(files)} Fragebögen geschrieben nach {args.outdir}")
    for path in files:
        print(f"  {path.name}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from k360desk.io.questionnaire import import_workbooks

    missing = [f for f in args.files if not Path(f).is_file()]
    if missing:
        raise CommandError(f"Die Datei „{missing[0]}“ gibt es nicht.")
    from k360desk.projectfile import Provider

    project = open_project(args.project)
    try:
        sender = None
        if args.provider:
            found = project.find(Provider, name=args.provider)
            if found is None:
                names = ", ".join(p.name for p in project.all(Provider, order_by="name")[:10])
                raise CommandError(f"Den Träger „{args.provider}“ gibt es nicht (z. B. {names}).")
            sender = found.id
        result = import_workbooks(project, args.files, sender_id=sender,
                                  allow_other_provider=args.allow_other_provider)
        print(result.text())
        if args.report:
            result.to_csv(args.report)
            print(f"Bericht gespeichert: {args.report}")
        project.save()
        print(f"Projekt gespeichert: {project.path}")
    finally:
        project.close()
    if result.skipped and not args.allow_skipped:
        print(f"{result.skipped} Antworten oder Dateien wurden übersprungen "
              "(Rückgabe 2; mit --allow-skipped 0).", file=sys.stderr)
        return 2
    return 0
