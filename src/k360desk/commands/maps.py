"""Sub-commands ``map`` and ``chart``: thematic maps and charts as PNG, SVG or PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from k360desk.cli import CommandError
from k360desk.commands.common import open_project
from k360desk.messages import tr

SCHEMES = ("quantiles", "equal_interval", "natural_breaks", "std_mean", "manual")
KINDS = ("bar", "series", "scatter", "matrix", "histogram")
FORMATS = (".png", ".svg", ".pdf")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``map`` and ``chart``."""
    p = sub.add_parser("map", help="thematische Karte als Bild oder PDF",
                       description="Zeichnet einen Indikator (oder den Sozialindex) als Karte.")
    p.add_argument("file", metavar="PROJEKT", help="Projektdatei (.k360)")
    p.add_argument("--indicator", metavar="SCHLÜSSEL",
                   help="Indikator-Schlüssel, oder index:status, index:dynamics, index:matrix")
    p.add_argument("--period", type=int, metavar="JAHR", help="Bezugsjahr")
    p.add_argument("--scheme", choices=SCHEMES, default="quantiles",
                   help="Klassifizierung: Quantile, gleiche Intervalle, natürliche Brüche, "
                        "Standardabweichungen, manuell (Standard: quantiles)")
    p.add_argument("--classes", type=int, default=5, metavar="N", help="Anzahl Klassen (3–9)")
    p.add_argument("--breaks", metavar="GRENZEN", help="manuelle Klassengrenzen, z. B. \"5;10;15\"")
    p.add_argument("--palette", metavar="NAME", help="ColorBrewer-Palette, z. B. YlOrRd, Blues, RdBu")
    p.add_argument("--labels", choices=("name", "code", "none"), default="name",
                   help="Beschriftung: Name, Kürzel oder keine")
    p.add_argument("--facilities", metavar="ARTEN", help="Einrichtungsarten, mit Komma getrennt")
    p.add_argument("--level", metavar="EBENE", help="Ebene der Sozialräume (Name)")
    p.add_argument("--dpi", type=int, default=300, help="Auflösung für PNG (Standard: 300)")
    p.add_argument("-o", "--output", required=True, metavar="DATEI", help="Zieldatei .png, .svg oder .pdf")
    p.set_defaults(func=_map)

    p = sub.add_parser("chart", help="Diagramm als Bild oder PDF",
                       description="Zeichnet ein Diagramm: sortierte Balken, Zeitreihe, Streudiagramm, "
                                   "Status-Dynamik-Matrix oder Histogramm.")
    p.add_argument("file", metavar="PROJEKT", help="Projektdatei (.k360)")
    p.add_argument("--kind", choices=KINDS, required=True, help="Diagrammart")
    p.add_argument("--indicator", metavar="SCHLÜSSEL", help="Indikator-Schlüssel")
    p.add_argument("--indicator2", metavar="SCHLÜSSEL", help="zweiter Indikator (Streudiagramm, y-Achse)")
    p.add_argument("--period", type=int, metavar="JAHR", help="Bezugsjahr")
    p.add_argument("--districts", metavar="KÜRZEL", help="Sozialräume nach Kürzel, mit Komma getrennt")
    p.add_argument("--dpi", type=int, default=300, help="Auflösung für PNG (Standard: 300)")
    p.add_argument("-o", "--output", required=True, metavar="DATEI", help="Zieldatei .png, .svg oder .pdf")
    p.set_defaults(func=_chart)


def _target(text: str) -> Path:
    target = Path(text)
    if target.suffix.lower() not in FORMATS:
        raise CommandError(f"„{target.name}“: bitte als .png, .svg oder .pdf speichern.")
    if not target.parent.exists():
        raise CommandError(f"Den Ordner „{target.parent}“ gibt es nicht.")
    return target


def _split(text: str | None) -> list[str]:
    return [t.strip() for t in (text or "").split(",") if t.strip()]


def _level_id(project, name: str | None) -> int | None:
    if not name:
        return None
    from k360desk.projectfile import DistrictLevel

    found = project.find(DistrictLevel, name=name)
    if found is None:
        raise CommandError(f"Die Ebene „{name}“ gibt es nicht.")
    return int(found.id)


def _map(args: argparse.Namespace) -> int:
    from k360desk.analysis.classify import parse_breaks
    from k360desk.analysis.palettes import DIVERGING, SEQUENTIAL
    from k360desk.export.map_data import MapDataError, index_map_spec, indicator_map_spec
    from k360desk.export.map_render import export_map

    target = _target(args.output)
    if not args.indicator:
        raise CommandError("Bitte einen Indikator angeben (--indicator).")
    if not 2 <= args.classes <= 9:
        raise CommandError("Die Anzahl der Klassen muss zwischen 2 und 9 liegen.")
    if args.palette and args.palette not in SEQUENTIAL + DIVERGING:
        names = ", ".join(SEQUENTIAL + DIVERGING)
        raise CommandError(f"Unbekannte Palette „{args.palette}“ (möglich: {names}).")
    try:
        breaks = parse_breaks(args.breaks) if args.breaks else None
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    if args.scheme == "manual" and not breaks:
        raise CommandError("Für --scheme manual bitte --breaks angeben, z. B. --breaks \"5;10;15\".")
    project = open_project(args.file, read_only=True)
    try:
        level_id = _level_id(project, args.level)
        facilities = _split(args.facilities) or None
        if args.indicator.startswith("index:"):
            spec = index_map_spec(project, args.indicator.split(":", 1)[1], labels=args.labels,
                                  level_id=level_id, facility_types=facilities)
        else:
            if args.period is None:
                raise CommandError("Bitte ein Bezugsjahr angeben (--period).")
            spec = indicator_map_spec(project, args.indicator, args.period, scheme=args.scheme,
                                      k=args.classes, breaks=breaks, palette=args.palette,
                                      labels=args.labels, facility_types=facilities, level_id=level_id)
        if spec.classification is not None and spec.classification.k == 0:
            raise CommandError(f"Für „{args.indicator}“ {args.period} gibt es keine Werte.")
        export_map(spec, target, dpi=args.dpi)
    except (MapDataError, ValueError) as exc:
        raise CommandError(str(exc)) from exc
    finally:
        project.close()
    print(tr("Karte gespeichert: {target}", target=target))
    return 0


def _chart(args: argparse.Namespace) -> int:
    from k360desk.export.chart_data import chart_spec
    from k360desk.export.charts import export_chart
    from k360desk.export.map_data import MapDataError

    target = _target(args.output)
    project = open_project(args.file, read_only=True)
    try:
        district_ids = None
        codes = _split(args.districts)
        if codes:
            frame = project.districts_frame()
            by_code = dict(zip(frame["code"].astype(str), frame["id"], strict=True))
            unknown = [c for c in codes if c not in by_code]
            if unknown:
                raise CommandError(f"Unbekannte Sozialräume: {', '.join(unknown)}.")
            district_ids = [int(by_code[c]) for c in codes]
        spec = chart_spec(project, args.kind, args.indicator, args.period, key2=args.indicator2,
                          district_ids=district_ids)
        export_chart(spec, target, dpi=args.dpi)
    except (MapDataError, ValueError) as exc:
        raise CommandError(str(exc)) from exc
    finally:
        project.close()
    print(tr("Diagramm gespeichert: {target}", target=target))
    return 0
