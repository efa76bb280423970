"""Sub-commands of the analysis: ``index`` (social index) and ``coverage`` (supply analysis)."""

from __future__ import annotations

import argparse
from pathlib import Path

from k360desk.cli import CommandError
from k360desk.commands.common import de_number, open_project

PRESETS = ("berlin-mss",)
DEFAULT_EXCLUSION_REASON = "von der Planung ausgeschlossen"


def register(sub: argparse._SubParsersAction) -> None:
    """Add index and coverage."""
    p = sub.add_parser(
        "index", help="Sozialindex berechnen (Status, Dynamik, Klassen)",
        description="Berechnet einen Sozialindex je Sozialraum: z-Werte der Indikatoren, Status- "
                    "und Dynamikindex, Klassen und Matrix. Ausgabe als Tabelle oder CSV für Excel.")
    p.add_argument("file", metavar="PROJEKT", help="Projektdatei (.k360)")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--preset", choices=PRESETS,
                        help="fertiges Verfahren: berlin-mss (Monitoring Soziale Stadtentwicklung)")
    source.add_argument("--definition", metavar="NAME", help="im Projekt gespeicherte Definition")
    source.add_argument("--definition-file", metavar="DATEI",
                        help="Definition aus einer JSON-Datei")
    p.add_argument("--period", type=int, required=True, metavar="JAHR", help="Bezugsjahr")
    p.add_argument("--status", metavar="KEY,…", help="Statusindikatoren (Schlüssel, kommagetrennt)")
    p.add_argument("--dynamics", metavar="KEY,…",
                   help="Dynamikindikatoren (Standard: Veränderung der Statusindikatoren)")
    p.add_argument("--dynamics-source", choices=["change", "indicator"], default="change",
                   help="change: Veränderung über den Zeitraum berechnen (Standard); indicator: "
                        "die Indikatoren sind schon Veränderungen (vom Statistikamt geliefert)")
    p.add_argument("--population", metavar="KEY", help="Indikator der Einwohnerzahl")
    p.add_argument("--min-population", type=float, metavar="N",
                   help="Mindesteinwohnerzahl (Berliner Verfahren: 300)")
    p.add_argument("--span", type=int, metavar="JAHRE", help="Zeitraum der Dynamik in Jahren")
    p.add_argument("--exclude", metavar="CODE[=GRUND],…",
                   help="Sozialräume ausschließen, z. B. 22=Sondergebiet,13")
    p.add_argument("--save-definition", metavar="DATEI", help="Definition als JSON-Datei speichern")
    p.add_argument("--store", action="store_true",
                   help="Definition und Ergebnis mit allen Parametern im Projekt speichern")
    p.add_argument("-o", "--output", metavar="DATEI", help="Ergebnis als CSV (Excel) schreiben")
    p.set_defaults(func=_index)

    p = sub.add_parser(
        "coverage", help="Versorgungsanalyse (Plätze je 1.000 gegen Richtwert)",
        description="Vergleicht je Sozialraum die Plätze einer Einrichtungsart mit der "
                    "Zielbevölkerung und einem Richtwert (Plätze je 1.000).")
    p.add_argument("file", metavar="PROJEKT", help="Projektdatei (.k360)")
    p.add_argument("--type", required=True, metavar="ART", help="Einrichtungsart (Name)")
    p.add_argument("--target-indicator", required=True, metavar="KEY",
                   help="Indikator der Zielbevölkerung, z. B. kinder_u6")
    p.add_argument("--guide-value", required=True, metavar="N",
                   help="Richtwert: Plätze je 1.000 der Zielbevölkerung")
    p.add_argument("--period", type=int, metavar="JAHR", help="Bezugsjahr (Standard: das neueste)")
    p.add_argument("--target-group", metavar="NAME", help="nur Einrichtungen dieser Zielgruppe")
    p.add_argument("--level", metavar="EBENE", help="Ebene (Name), Standard: die des Indikators")
    p.add_argument("-o", "--output", metavar="DATEI", help="Ergebnis als CSV (Excel) schreiben")
    p.set_defaults(func=_coverage)


def _keys(text: str | None) -> list[str]:
    return [k.strip() for k in (text or "").split(",") if k.strip()]


def _exclusions(text: str | None) -> dict[str, str]:
    out = {}
    for part in _keys(text):
        code, _, reason = part.partition("=")
        out[code.strip()] = reason.strip() or DEFAULT_EXCLUSION_REASON
    return out


def _method(args: argparse.Namespace, project):
    from k360desk.analysis.socialindex import IndexMethod, MethodError, berlin_mss
    from k360desk.figures import load_index_definition
    from k360desk.models import ProjectError

    try:
        if args.preset:
            method = berlin_mss(_keys(args.status), _keys(args.dynamics), args.population,
                                args.dynamics_source)
        else:
            if args.status or args.dynamics:
                raise CommandError("--status und --dynamics gelten nur mit --preset; eine "
                                   "Definition nennt ihre Indikatoren selbst.")
            if args.definition:
                method = load_index_definition(project, args.definition)
            else:
                path = Path(args.definition_file)
                if not path.is_file():
                    raise CommandError(f"Die Datei „{path}“ gibt es nicht.")
                method = IndexMethod.from_json(path.read_text(encoding="utf-8-sig"))
            if args.population:
                method.population = args.population
        if args.min_population is not None:
            method.min_population = args.min_population
        if args.span is not None:
            method.span = args.span
        method.exclusions.update(_exclusions(args.exclude))
        method.validate()
    except (MethodError, ProjectError) as exc:
        raise CommandError(str(exc)) from exc
    return method


def _index(args: argparse.Namespace) -> int:
    from k360desk import figures
    from k360desk.analysis.socialindex import MethodError, need_scores

    project = open_project(args.file, read_only=not args.store)
    try:
        method = _method(args, project)
        codes = set(project.districts_frame()["code"].astype(str))
        unknown = [c for c in method.exclusions if c not in codes]
        if unknown:
            raise CommandError("Diese Sozialräume gibt es nicht: " + ", ".join(unknown) + ".")
        try:
            result = figures.index_for_project(project, method, args.period)
        except (MethodError, figures.FigureError) as exc:
            raise CommandError(str(exc)) from exc
        if args.save_definition:
            Path(args.save_definition).write_text(method.to_json() + "\n", encoding="utf-8")
        if args.store:
            figures.save_index_definition(project, method)
            run_id = figures.store_index_result(project, result, method.name)
            project.save()
        frame = _index_frame(result, need_scores(result))
        if args.output:
            _write_csv(frame, Path(args.output))
        else:
            _print_table(frame)
        t = result.table
        print(f"{method.name}, {args.period}: {int(t['included'].sum())} von {len(t)} "
              f"Sozialräumen im Index.")
        if args.output:
            print(f"Ergebnis geschrieben: {args.output}")
        if args.save_definition:
            print(f"Definition gespeichert: {args.save_definition}")
        if args.store:
            print(f"Im Projekt gespeichert (Indexlauf {run_id}).")
    finally:
        project.close()
    return 0


def _index_frame(result, need):
    """The result with German column headers, in the order a report shows them."""
    import pandas as pd

    t = result.table
    out = pd.DataFrame({"Code": t["code"], "Name": t["name"]})
    if "population" in t:
        out["Einwohner"] = t["population"]
    for c in result.method.components:
        prefix = "z Veränderung " if c.key.startswith("d_") else "z "
        out[prefix + c.indicator] = t[f"z_{c.key}"].round(3)
    out["Statusindex"] = t["status_value"].round(3)
    out["Statusklasse"] = t["status_class"]
    out["Dynamikindex"] = t["dynamics_value"].round(3)
    out["Dynamikklasse"] = t["dynamics_class"]
    out["Status/Dynamik"] = t["matrix_class"]
    if result.method.attention:
        out["Aufmerksamkeitsbedarf"] = t["attention"].map({True: "ja", False: "nein"})
    out["Bedarfswert"] = need.to_numpy().round(1)
    out["im Index"] = t["included"].map({True: "ja", False: "nein"})
    out["Grund"] = t["reason"]
    return out


def _write_csv(frame, path: Path) -> None:
    """CSV for German Excel: UTF-8 with BOM, semicolons, decimal comma."""
    from k360desk.io.spreadsheet import write_csv

    decimals = {c: (0 if c in ("Einwohner", "Plätze", "Zielbevölkerung") else
                    1 if c in ("Bedarfswert", "Versorgung %", "Fehlende Plätze", "Richtwert") else 3)
                for c in frame.columns if frame[c].dtype.kind == "f"}
    try:
        write_csv(frame, path, decimals)
    except OSError as exc:
        raise CommandError(f"„{path}“ kann nicht geschrieben werden ({exc.strerror}).") from exc


def _print_table(frame) -> None:
    import pandas as pd

    shown = frame.copy()
    for column in shown.columns:
        if pd.api.types.is_float_dtype(shown[column]):
            decimals = 0 if column == "Einwohner" else 1 if column == "Bedarfswert" else 2
            shown[column] = shown[column].map(lambda v, d=decimals: de_number(v, d))
    print(shown.to_string(index=False))


def _coverage(args: argparse.Namespace) -> int:
    from k360desk import figures
    from k360desk.analysis.coverage import coverage_total
    from k360desk.formats import parse_number

    try:
        guide = parse_number(args.guide_value)
    except ValueError as exc:
        raise CommandError(f"Ungültiger Richtwert „{args.guide_value}“ (Beispiel: 2,5).") from exc
    if guide <= 0:
        raise CommandError("Der Richtwert muss größer als 0 sein.")
    project = open_project(args.file, read_only=True)
    try:
        level_id = None
        if args.level:
            from k360desk.models import DistrictLevel

            level = project.find(DistrictLevel, name=args.level)
            if level is None:
                raise CommandError(f"Die Ebene „{args.level}“ gibt es nicht.")
            level_id = level.id
        try:
            table = figures.coverage_for_project(project, args.type, args.target_indicator, guide,
                                                 args.period, args.target_group, level_id)
        except figures.FigureError as exc:
            raise CommandError(str(exc)) from exc
    finally:
        project.close()
    frame = _coverage_frame(table)
    if args.output:
        _write_csv(frame, Path(args.output))
    else:
        _print_table(frame)
    total = coverage_total(table)
    period = table.attrs.get("period")
    print(f"Gesamtstadt {period}: {de_number(total['capacity'])} Plätze für "
          f"{de_number(total['target_population'])} Personen = "
          f"{de_number(total['places_per_1000'], 1)} je 1.000 (Richtwert {de_number(guide, 1)}, "
          f"Versorgung {de_number(total['coverage_pct'], 0)} %).")
    missing = table[table["no_facility"]]
    if len(missing):
        print(f"Ohne Einrichtung: {', '.join(missing['code'] + ' ' + missing['name'])}.")
    if args.output:
        print(f"Ergebnis geschrieben: {args.output}")
    return 0


def _coverage_frame(table):
    import pandas as pd

    return pd.DataFrame({
        "Code": table["code"], "Name": table["name"], "Einrichtungen": table["facilities"],
        "Plätze": table["capacity"], "Zielbevölkerung": table["target_population"],
        "Plätze je 1.000": table["places_per_1000"].round(2), "Richtwert": table["guide_value"],
        "Versorgung %": table["coverage_pct"].round(1),
        "Fehlende Plätze": table["gap"].round(1),
        "keine Einrichtung": table["no_facility"].map({True: "ja", False: ""}),
    })
