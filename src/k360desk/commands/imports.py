"""Sub-command ``import``: district boundaries, indicator values and facilities."""

from __future__ import annotations

import argparse
import sys

from k360desk.cli import CommandError
from k360desk.commands import grid
from k360desk.commands.common import open_project

_KINDS = {"districts": "Sozialräume (Grenzen oder Liste)", "values": "Indikatorwerte",
          "facilities": "Einrichtungen", "grid": "Zensus-Gitterzellen"}


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``import districts|values|facilities``."""
    p = sub.add_parser(
        "import", help="Grenzen, Indikatorwerte oder Einrichtungen importieren",
        description="Importiert Daten in ein Projekt, druckt den Bericht und speichert das Projekt. "
                    "Rückgabe 0 nur, wenn keine Zeile übersprungen wurde (sonst 3; mit --allow-skipped 0).")
    p.add_argument("kind", choices=list(_KINDS), metavar="ART",
                   help="districts (Grenzen oder Liste ohne Grenzen), values (Indikatorwerte), "
                        "facilities (Einrichtungen) oder grid (Zensus-Gitterzellen, EPSG:3035)")
    p.add_argument("project", metavar="PROJEKT", help="Projektdatei (.k360)")
    p.add_argument("file", metavar="DATEI",
                   help="CSV, XLSX, GeoJSON, Shapefile (.zip oder Ordner), GeoPackage")
    p.add_argument("--code", metavar="SPALTE", help="Spalte mit dem Schlüssel des Sozialraums")
    p.add_argument("--name", metavar="SPALTE", help="Spalte mit dem Namen")
    p.add_argument("--parent", metavar="SPALTE", help="Spalte mit dem Schlüssel des Oberbezirks")
    p.add_argument("--indicator", metavar="SPALTE", action="append",
                   help="Spalte mit dem Indikator (Langform); grid: Indikatorschlüssel je Wertespalte")
    p.add_argument("--period", metavar="SPALTE", help="Spalte mit Jahr oder Stichtag")
    p.add_argument("--value", metavar="SPALTE", action="append",
                   help="Spalte mit dem Wert (Langform); grid: Wertespalte(n), mehrfach möglich")
    p.add_argument("--year", type=int, metavar="JAHR", help="festes Jahr für alle Werte")
    p.add_argument("--indicator-key", metavar="SCHLÜSSEL",
                   help="fester Indikator, wenn die Spalten Jahre sind")
    p.add_argument("--level", metavar="NAME", help="Ebene der Sozialräume")
    p.add_argument("--layer", metavar="NAME", help="Ebene in GeoPackage/ZIP bzw. Tabellenblatt in XLSX")
    p.add_argument("--encoding", metavar="KODIERUNG", help="z. B. utf-8, cp1252 (Standard: erkennen)")
    p.add_argument("--sep", metavar="ZEICHEN", help="Trennzeichen: ; , tab (Standard: erkennen)")
    p.add_argument("--decimal", choices=[",", "."], help="Dezimalzeichen (Standard: erkennen)")
    p.add_argument("--crs", metavar="EPSG:…", help="Koordinatensystem der Datei, wenn nicht erkennbar")
    p.add_argument("--create-indicators", action="store_true", help="unbekannte Indikatoren anlegen")
    p.add_argument("--map", action="append", default=[], metavar="FELD=SPALTE",
                   help="Einrichtungen: Spalte für ein Feld (name, provider, type, street, number,"
                        " postcode, city, phone, email, places, x, y); mehrfach möglich")
    p.add_argument("--mapping", metavar="DATEI",
                   help="Einrichtungen: Zuordnung als JSON-Objekt oder Zeilen FELD=SPALTE")
    p.add_argument("--definitions", metavar="DATEI",
                   help="Definitionen neuer Indikatoren (CSV/JSON wie bei „indicators import“)")
    p.add_argument("--strict", action="store_true",
                   help="ablehnen, wenn ein Name nicht zum gespeicherten Namen des Schlüssels passt")
    p.add_argument("--allow-skipped", action="store_true",
                   help="Rückgabe 0 auch, wenn Zeilen übersprungen wurden")
    p.add_argument("--report", metavar="DATEI.csv", help="vollständigen Bericht als CSV speichern")
    p.add_argument("--quiet", action="store_true", help="keinen Fortschritt anzeigen")
    grid.add_arguments(p)
    p.set_defaults(func=_import)


def _table_options(args: argparse.Namespace):
    from k360desk.io.tables import TableOptions

    sep = {"tab": "\t", "\\t": "\t", "semikolon": ";", "komma": ","}.get((args.sep or "").lower(), args.sep)
    return TableOptions(encoding=args.encoding, sep=sep, decimal=args.decimal,
                        sheet=args.layer if str(args.file).lower().endswith((".xlsx", ".xlsm")) else None)


_FIELD_ALIASES = {"places": "capacity", "plaetze": "capacity", "platzzahl": "capacity",
                  "kapazitaet": "capacity", "traeger": "provider", "art": "type",
                  "strasse": "street", "hausnummer": "number", "plz": "postcode", "ort": "city"}


def _facility_columns(args: argparse.Namespace) -> dict[str, str]:
    """Field → column from --name, --mapping FILE and --map FIELD=COLUMN (last one wins)."""
    import json
    from pathlib import Path

    pairs: list[str] = []
    if args.mapping:
        try:
            text = Path(args.mapping).read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise CommandError(f"Die Zuordnung „{args.mapping}“ lässt sich nicht lesen ({exc}).") \
                from exc
        if text.lstrip().startswith("{"):
            try:
                pairs += [f"{k}={v}" for k, v in json.loads(text).items()]
            except (ValueError, AttributeError) as exc:
                raise CommandError(f"Die Zuordnung „{args.mapping}“ ist kein gültiges JSON.") \
                    from exc
        else:
            pairs += [line for line in text.splitlines() if line.strip()]
    pairs += args.map
    columns = {"name": args.name} if args.name else {}
    for item in pairs:
        field, sep, column = item.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise CommandError(f"„{item}“: erwartet FELD=SPALTE (z. B. places=Plätze).")
        field = field.strip().lower()
        columns[_FIELD_ALIASES.get(field, field)] = column.strip()
    return columns


def _import(args: argparse.Namespace) -> int:
    from k360desk.io import districts, facilities, values
    from k360desk.io.report import ImportProblem
    from k360desk.progress import Progress

    project = open_project(args.project)
    try:
        last = [-1]

        def show(done: int, total: int, text: str) -> None:
            percent = int(100 * done / total) if total else 0
            if not args.quiet and percent // 10 != last[0] // 10 and sys.stderr.isatty():
                print(f"  {percent} % {text}", file=sys.stderr)
            last[0] = percent

        progress = Progress(show)
        try:
            if args.kind == "districts":
                options = districts.DistrictOptions(code=args.code, name=args.name, parent=args.parent,
                                                    level=args.level, layer=args.layer,
                                                    encoding=args.encoding, crs=args.crs)
                report = districts.run(project, args.file, options, progress)
            elif args.kind == "values":
                options = values.ValueOptions(
                    table=_table_options(args), district=args.code, indicator=_one(args.indicator),
                    period=args.period, value=_one(args.value), fixed_period=args.year,
                    fixed_indicator=args.indicator_key, level=args.level,
                    create_indicators=args.create_indicators, strict=args.strict,
                    definitions=args.definitions)
                report = values.run(project, args.file, options, progress)
            elif args.kind == "grid":
                result = grid.run(project, args, progress)
                report = result.report
            else:
                columns = _facility_columns(args)
                options = facilities.FacilityOptions(table=_table_options(args), layer=None if str(
                    args.file).lower().endswith((".xlsx", ".xlsm")) else args.layer,
                    encoding=args.encoding, crs=args.crs, level=args.level, columns=columns)
                report = facilities.run(project, args.file, options, progress)
        except ImportProblem as exc:
            raise CommandError(str(exc)) from exc
        print(report.text(limit=None if args.report is None else 50))
        if args.kind == "grid":
            grid.print_result(result, args)
        if args.report:
            report.to_csv(args.report)
            print(f"Bericht gespeichert: {args.report}")
        project.save()
        print(f"Projekt gespeichert: {project.path}")
    finally:
        project.close()
    if report.skipped and not args.allow_skipped:
        print(f"{report.skipped} Zeilen wurden übersprungen (Rückgabe 3; mit --allow-skipped 0).",
              file=sys.stderr)
        return 3
    return 0


def _one(values: list[str] | None) -> str | None:
    """The last of a repeatable option (values import: one column)."""
    return values[-1] if values else None
