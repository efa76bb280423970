"""Sub-commands for exchange: send-copy, merge, export, backups."""

from __future__ import annotations

import argparse
from pathlib import Path

from k360desk.cli import CommandError
from k360desk.commands.common import de_number, open_project


def register(sub: argparse._SubParsersAction) -> None:
    """Add send-copy, merge, export and backups."""
    p = sub.add_parser("send-copy", help="geprüfte, kompakte Kopie zum Versenden schreiben",
                       description="Schreibt eine kompakte, geprüfte Kopie der Projektdatei.")
    p.add_argument("project", metavar="PROJEKT")
    p.add_argument("out", metavar="ZIEL")
    p.add_argument("--minimise", "--minimize", action="store_true",
                   help="persönliche Kontaktdaten der Träger weglassen")
    p.add_argument("--simplify", type=float, metavar="METER",
                   help="Grenzen vereinfachen (Toleranz in Metern, gemeinsame Kanten bleiben gleich)")
    p.set_defaults(func=_send_copy)

    p = sub.add_parser("merge", help="Änderungen aus einer anderen Kopie übernehmen",
                       description="Vergleicht zwei Kopien derselben Kommune und übernimmt die"
                                   " Änderungen der anderen Seite. Konflikte werden nur angezeigt"
                                   " (nicht überschrieben).")
    p.add_argument("project", metavar="PROJEKT")
    p.add_argument("other", metavar="ANDERE_DATEI")
    p.add_argument("--dry-run", action="store_true", help="nur anzeigen, nichts ändern")
    p.add_argument("--force", action="store_true", help="auch bei verschiedenen Projekten zusammenführen")
    p.set_defaults(func=_merge)

    p = sub.add_parser("export", help="Daten für Kolleginnen und Kollegen ausgeben",
                       description="values: Indikatorwerte als CSV (für deutsches Excel) oder XLSX;"
                                   " districts: Sozialräume mit Indikatoren als GeoPackage oder GeoJSON;"
                                   " commentaries: Blickpunkte je Sozialraum und Jahr als CSV oder XLSX."
                                   " Geheimhaltung wird angewendet.")
    p.add_argument("what", choices=["values", "districts", "commentaries"], metavar="ART",
                   help="values, districts oder commentaries")
    p.add_argument("project", metavar="PROJEKT")
    p.add_argument("out", metavar="ZIEL", help="Zieldatei (.csv, .xlsx, .gpkg, .geojson)")
    p.add_argument("--indicators", metavar="SCHLÜSSEL,…", help="nur diese Indikatoren")
    p.add_argument("--period", type=int, metavar="JAHR", help="nur dieses Jahr")
    p.set_defaults(func=_export)

    p = sub.add_parser("backups", help="gesicherte frühere Fassungen anzeigen",
                       description="Listet die beim Speichern aufbewahrten früheren Fassungen.")
    p.add_argument("project", metavar="PROJEKT")
    p.add_argument("--restore", type=int, metavar="NR", help="Fassung NR als neue Datei wiederherstellen")
    p.add_argument("-o", "--output", metavar="ZIEL", help="Zieldatei für --restore")
    p.set_defaults(func=_backups)


def _send_copy(args: argparse.Namespace) -> int:
    from k360desk.io.exchange import send_copy

    target = Path(args.out)
    if target.resolve() == Path(args.project).resolve():
        raise CommandError("Die Kopie darf die Projektdatei nicht überschreiben.")
    if args.simplify is not None and args.simplify <= 0:
        raise CommandError("--simplify erwartet eine positive Toleranz in Metern.")
    project = open_project(args.project, read_only=True)
    try:
        result = send_copy(project, target, minimise=args.minimise, simplify=args.simplify)
    finally:
        project.close()
    extras = []
    if result.minimised:
        extras.append("ohne Kontaktdaten")
    if result.simplified_metres:
        extras.append(f"Grenzen vereinfacht ({de_number(result.simplified_metres, 0)} m)")
    note = f" – {', '.join(extras)}" if extras else ""
    print(f"Kopie geschrieben: {result.path} ({de_number(result.size / 1024**2, 1)} MB){note}")
    return 0


def _merge(args: argparse.Namespace) -> int:
    from k360desk.projectfile.merge import KIND_LABELS, apply_merge, plan_merge

    project = open_project(args.project, read_only=args.dry_run)
    other = None
    try:
        other = open_project(args.other, read_only=True)
        plan = plan_merge(project, other)
        if not plan.same_project and not args.force:
            raise CommandError("Die Dateien gehören nicht zum selben Projekt (mit --force trotzdem"
                               " zusammenführen).")
        if not plan.items:
            print("Keine Unterschiede – nichts zu übernehmen.")
            return 0
        for item in plan.items:
            choice = "übernehmen" if item.take_theirs else "eigene Fassung behalten"
            sides = item.sides()
            detail = f" ({sides})" if sides else ""
            if item.dependents:
                detail += f" – hier daran hängend: {item.dependents}"
            print(f"  {KIND_LABELS[item.kind]:<22} {item.table:<22} {item.label}{detail} → {choice}")
        summary = ", ".join(f"{n} {KIND_LABELS[k]}" for k, n in plan.summary().items())
        print(f"Zusammen: {summary}")
        if args.dry_run:
            print("Probelauf: nichts geändert.")
            return 0
        count = apply_merge(project, plan)
        project.save()
        conflicts = plan.summary().get("conflict", 0)
        print(f"{count} Änderungen übernommen und gespeichert."
              + (f" {conflicts} Konflikte: eigene Fassung behalten (in der Anwendung einzeln wählbar)."
                 if conflicts else ""))
        return 0
    finally:
        if other is not None:
            other.close()
        project.close()


def _export(args: argparse.Namespace) -> int:
    from k360desk.io.export_data import ExportError, export_commentaries, export_districts, export_values

    keys = [k.strip() for k in args.indicators.split(",") if k.strip()] if args.indicators else None
    project = open_project(args.project, read_only=True)
    try:
        if args.what == "values":
            periods = [args.period] if args.period else None
            count = export_values(project, args.out, keys, periods)
            if count == 0:
                Path(args.out).unlink(missing_ok=True)
                raise CommandError("Für diese Auswahl gibt es keine Werte; nichts geschrieben.")
            print(f"{de_number(count)} Werte geschrieben: {args.out}")
        elif args.what == "commentaries":
            count = export_commentaries(project, args.out, args.period)
            print(f"{'1 Blickpunkt' if count == 1 else f'{de_number(count)} Blickpunkte'} "
                  f"geschrieben: {args.out}")
        else:
            count = export_districts(project, args.out, keys or [], args.period)
            print(f"{de_number(count)} Sozialräume geschrieben: {args.out}")
    except ExportError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        project.close()
    return 0


def _backups(args: argparse.Namespace) -> int:
    from k360desk.projectfile.backups import TIER_LABELS, list_backups, restore_backup

    project = open_project(args.project, read_only=True)
    try:
        found = list_backups(project.get_meta("project_uuid"), project.path)
    finally:
        project.close()
    if args.restore is not None:
        if not 1 <= args.restore <= len(found):
            raise CommandError(f"Es gibt keine Fassung {args.restore} (1–{len(found)}).")
        if not args.output:
            raise CommandError("Bitte mit -o ZIEL angeben, wohin die Fassung geschrieben wird.")
        try:
            target = restore_backup(found[args.restore - 1], args.output)
        except FileExistsError as exc:
            raise CommandError(f"„{args.output}“ gibt es schon.") from exc
        print(f"Fassung {args.restore} wiederhergestellt: {target}")
        return 0
    if not found:
        print("Keine früheren Fassungen gesichert.")
    for number, backup in enumerate(found, start=1):
        print(f"{number:>3}  {backup.saved:%d.%m.%Y %H:%M:%S}  {de_number(backup.size / 1024, 0):>8} KB  "
              f"{TIER_LABELS.get(backup.tier, ''):<18}  {backup.path.name}")
    return 0
