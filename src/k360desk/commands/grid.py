"""``k360desk import grid``: census grid cells (Zensus 2022) aggregated to the districts."""

from __future__ import annotations

import argparse

from k360desk.cli import CommandError


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Options that only the grid import has (``--value``/``--indicator`` are shared)."""
    p.add_argument("--method", choices=["centre", "area"], default="centre",
                   help="grid: Zuordnung nach Zellmittelpunkt (Standard, Regel der Statistikämter) "
                        "oder nach Flächenanteil")
    p.add_argument("--share", action="append", default=[], metavar="KEY=ZÄHLER/NENNER[:Name]",
                   help="grid: Anteil als Indikator mit Zähler und Nenner anlegen (mehrfach möglich)")
    p.add_argument("--total", action="append", default=[], metavar="SPALTE=ZAHL",
                   help="grid: Gesamtzahl der Gemeinde aus demselben Zensus zum Vergleich")
    p.add_argument("--reference-date", metavar="TT.MM.JJJJ", default=None,
                   help="grid: Stichtag der Daten (Standard: 15.05.2022)")
    p.add_argument("--districts-report", metavar="DATEI.csv",
                   help="grid: Tabelle je Sozialraum (Zellen, angeschnitten, geheim) als CSV")


def _totals(items: list[str]) -> dict[str, float]:
    from k360desk.formats import parse_number

    totals = {}
    for item in items:
        column, _, number = item.rpartition("=")
        try:
            if not column:
                raise ValueError(item)
            totals[column] = float(parse_number(number))
        except ValueError as exc:
            raise CommandError(f"--total „{item}“: erwartet SPALTE=ZAHL, z. B. Einwohner=89.504") from exc
    return totals


def run(project, args: argparse.Namespace, progress):
    """Run the grid import with the command line's options; returns the ``GridImport``."""
    from k360desk.io import grid

    options = grid.GridOptions(
        values=list(args.value or []) or None, indicators=list(args.indicator or []) or None,
        method=args.method, level=args.level, shares=list(args.share), totals=_totals(args.total),
        layer=args.layer)
    if args.year:
        options.period = args.year
    if args.reference_date:
        options.reference_date = args.reference_date
    return grid.run(project, args.file, options, progress)


def print_result(result, args: argparse.Namespace) -> None:
    """The per-district lines of each level after the report; the full table as CSV when asked."""
    from k360desk.io.spreadsheet import write_csv

    for level in result.levels:
        lines = result.district_lines(level, limit=None if args.districts_report else 60)
        count = int((result.districts["level"] == level).sum())
        print(f"Je Sozialraum der Ebene „{level}“:")
        for line in lines:
            print(f"  {line}")
        if count > len(lines):
            print(f"  … die {len(lines)} am stärksten angeschnittenen von {count}; "
                  "alle mit --districts-report DATEI.csv")
    if args.districts_report:
        write_csv(result.district_table(), args.districts_report)
        print(f"Tabelle je Sozialraum gespeichert: {args.districts_report}")
