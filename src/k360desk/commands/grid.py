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
    p.add_argument("--cells-map", metavar="KARTE.png|.pdf|.svg",
                   help="grid: Karte der Zellen (nach Wert gefärbt) mit den Grenzen der Sozialräume")
    p.add_argument("--cells-out", metavar="ZELLEN.gpkg",
                   help="grid: die übernommenen Zellen als GeoPackage (EPSG:3035), z. B. für QGIS")


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
    if args.cells_map:
        _cells_map(result, args.cells_map)
        print(f"Gitterkarte gespeichert: {args.cells_map}")
    if args.cells_out:
        _cells_out(result, args.cells_out)
        print(f"Zellen gespeichert: {args.cells_out}")


def _cells_map(result, target: str) -> None:
    from pathlib import Path

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from k360desk.export.grid_map import draw_grid_map
    from k360desk.export.map_render import save_figure

    if Path(target).suffix.lower() not in (".png", ".pdf", ".svg"):
        raise CommandError(f"--cells-map: unbekanntes Format „{Path(target).suffix}“ (.png, .pdf, .svg).")
    figure = Figure(figsize=(8.27, 8.0), layout="constrained")
    FigureCanvasAgg(figure)
    level = result.levels[0]
    column = draw_grid_map(figure, result, "%1 je Gitterzelle", f"Zensus 2022, Ebene „{level}“")
    alt = (f"Karte: {column} je Zensus-Gitterzelle (Zensus 2022), mit den Grenzen der Sozialräume "
           f"der Ebene „{level}“.")
    try:
        save_figure(figure, Path(target), 150, title=f"{column} je Gitterzelle", alt=alt)
    except OSError as exc:
        raise CommandError(f"Die Karte lässt sich nicht speichern: {exc}") from exc


def _cells_out(result, target: str) -> None:
    import geopandas as gpd

    from k360desk.analysis.grid import cell_boxes

    cells = result.cells
    frame = gpd.GeoDataFrame({"gitter_id": cells.ids, "kantenlaenge_m": cells.size,
                              **{column: values for column, values in cells.values.items()},
                              "eingeschraenkt": cells.limited.astype(int)},
                             geometry=cell_boxes(cells.x, cells.y, cells.size), crs=3035)
    try:
        frame.to_file(target, layer="zensus_gitterzellen", driver="GPKG")
    except Exception as exc:  # GDAL reports many kinds of write errors
        raise CommandError(f"Die Zellen lassen sich nicht speichern: {exc}") from exc
