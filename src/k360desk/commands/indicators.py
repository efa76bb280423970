"""Sub-command ``indicators``: list, define, import and export indicator definitions."""

from __future__ import annotations

import argparse

from k360desk.cli import CommandError
from k360desk.commands.common import open_project


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``indicators list|define|import|export``."""
    p = sub.add_parser(
        "indicators", help="Indikatoren auflisten, festlegen, importieren, exportieren",
        description="Definitionen der Indikatoren: Art (count, share, rate, mean, index), "
                    "Zähler und Nenner oder Bezugsgröße, Polung, Nachkommastellen, Quelle, "
                    "Aggregation zum Gesamtstadtwert.")
    actions = p.add_subparsers(dest="action", metavar="AKTION", required=True)

    q = actions.add_parser("list", help="Indikatoren mit ihrer Definition auflisten")
    q.add_argument("project", metavar="PROJEKT", help="Projektdatei (.k360)")
    q.set_defaults(func=_list)

    q = actions.add_parser("define", help="einen Indikator anlegen oder ändern",
                           description="Legt einen Indikator an oder ändert die angegebenen "
                                       "Felder; nicht angegebene Felder bleiben.")
    q.add_argument("project", metavar="PROJEKT", help="Projektdatei (.k360)")
    q.add_argument("key", metavar="SCHLÜSSEL", help="Schlüssel (z. B. sgb2_quote)")
    q.add_argument("--name", help="Bezeichnung")
    q.add_argument("--unit", metavar="EINHEIT", help="Einheit (z. B. %%, Personen)")
    q.add_argument("--kind", choices=["count", "share", "rate", "mean", "index"],
                   help="Art: count (Anzahl), share (Anteil), rate (Quote), mean, index")
    q.add_argument("--numerator", metavar="SCHLÜSSEL", help="Zähler (mit --denominator)")
    q.add_argument("--denominator", metavar="SCHLÜSSEL", help="Nenner (mit --numerator)")
    q.add_argument("--base", metavar="SCHLÜSSEL",
                   help="Bezugsgröße, mit der ein Anteil ohne Zähler gewichtet wird")
    q.add_argument("--scale", type=float, help="Skalierung (100 für %%, 1000 für ‰)")
    q.add_argument("--polarity", metavar="POLUNG",
                   help="1 = höherer Wert bedeutet mehr Bedarf, -1 = weniger, 0 = neutral")
    q.add_argument("--decimals", type=int, metavar="N", help="Nachkommastellen (0–6)")
    q.add_argument("--source", metavar="QUELLE", help="Quelle")
    q.add_argument("--topic", metavar="HANDLUNGSFELD", help="Handlungsfeld")
    q.add_argument("--aggregation", choices=["sum", "ratio", "weighted", "none"],
                   help="Gesamtstadtwert: sum, ratio, weighted oder none (Standard: nach Art)")
    q.add_argument("--description", metavar="TEXT", help="Beschreibung")
    q.set_defaults(func=_define)

    q = actions.add_parser("import", help="Definitionen aus CSV oder JSON übernehmen")
    q.add_argument("project", metavar="PROJEKT", help="Projektdatei (.k360)")
    q.add_argument("file", metavar="DATEI", help="CSV (Spalten key;name;unit;kind;…) oder JSON")
    q.set_defaults(func=_import)

    q = actions.add_parser("export", help="Definitionen als CSV oder JSON schreiben")
    q.add_argument("project", metavar="PROJEKT", help="Projektdatei (.k360)")
    q.add_argument("file", metavar="DATEI", help="Zieldatei (.csv oder .json)")
    q.set_defaults(func=_export)


def _list(args: argparse.Namespace) -> int:
    from k360desk.models import indicator_defs as defs

    project = open_project(args.project, read_only=True)
    try:
        items = defs.definitions(project)
    finally:
        project.close()
    if not items:
        print("Das Projekt hat noch keine Indikatoren.")
        return 0
    print("Schlüssel | Name | Einheit | Art | berechnet aus | Polung | Stellen | Gesamtstadt | Quelle")
    for d in items:
        parts = (f"{d.numerator} / {d.denominator}" if d.numerator
                 else (f"gewichtet mit {d.base}" if d.base else "–"))
        print(" | ".join([d.key, d.name, d.unit or "–", defs.KIND_LABELS.get(d.kind, d.kind), parts,
                          f"{d.polarity:+d}" if d.polarity else "0", str(d.decimals),
                          defs.AGGREGATION_LABELS[d.rule()], d.source or "–"]))
    return 0


def _define(args: argparse.Namespace) -> int:
    from k360desk.models import indicator_defs as defs

    changes = {name: getattr(args, name) for name in (
        "name", "unit", "kind", "numerator", "denominator", "base", "scale", "decimals",
        "source", "topic", "aggregation", "description")}
    if args.polarity is not None:
        try:
            changes["polarity"] = defs.parse_polarity(args.polarity)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
    project = open_project(args.project)
    try:
        try:
            _, created = defs.define(project, args.key, **changes)
        except defs.DefinitionError as exc:
            raise CommandError(str(exc)) from exc
        project.save()
        item = defs.find(project, args.key)
    finally:
        project.close()
    verb = "angelegt" if created else "geändert"
    print(f"Indikator „{args.key}“ {verb}: {defs.KIND_LABELS.get(item.kind, item.kind)}, "
          f"Gesamtstadtwert: {defs.AGGREGATION_LABELS[item.rule()]}.")
    return 0


def _import(args: argparse.Namespace) -> int:
    from k360desk.models import indicator_defs as defs

    project = open_project(args.project)
    try:
        try:
            created, changed = defs.import_definitions(project, defs.read_file(args.file))
        except defs.DefinitionError as exc:
            raise CommandError(str(exc)) from exc
        project.save()
    finally:
        project.close()
    print(f"Indikatoren: {created} neu, {changed} geändert.")
    return 0


def _export(args: argparse.Namespace) -> int:
    from k360desk.models import indicator_defs as defs

    project = open_project(args.project, read_only=True)
    try:
        try:
            count = defs.write_file(project, args.file)
        except OSError as exc:
            raise CommandError(f"„{args.file}“ lässt sich nicht schreiben ({exc}).") from exc
    finally:
        project.close()
    print(f"{count} Indikatoren geschrieben: {args.file}")
    return 0
