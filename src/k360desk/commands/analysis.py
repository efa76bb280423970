"""Sub-commands of the analysis: ``index`` (social index) and ``coverage`` (supply analysis)."""

from __future__ import annotations

import argparse
from pathlib import Path

from k360desk.cli import CommandError
from k360desk.commands.common import de_number, open_project

PRESETS = ("berlin-mss",)
DEFAULT_EXCLUSION_REASON = "von der Planung ausgeschlossen"
# Decimals per German column of the display tables (others: z-values, 2 on screen, 3 in CSV).
_DECIMALS = {"Einwohner": 0, "Plätze": 0, "Zielbevölkerung": 0, "Fehlende Plätze": 0,
             "Richtwert": 1, "Plätze je 1.000": 1, "Versorgung %": 1, "Bedarfswert": 1}


def register(sub: argparse._SubParsersAction) -> None:
    """Add index, coverage, index-definition and index-run."""
    from k360desk.commands import index_store

    index_store.register(sub)
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
    p.add_argument("--min-population-at", choices=["period", "period_and_base"],
                   help="Stichtag der Mindesteinwohnerzahl: period = nur Bezugsjahr (Berliner "
                        "Verfahren), period_and_base = auch zu Beginn des Dynamikzeitraums")
    p.add_argument("--standard-deviation", choices=["population", "sample"],
                   help="Standardabweichung der z-Werte: population = über alle einbezogenen "
                        "Sozialräume (÷ n, Berliner Verfahren), sample = Stichprobe (÷ n−1)")
    p.add_argument("--span", type=int, metavar="JAHRE",
                   help="Zeitraum der Dynamik in Jahren (0 nur mit gelieferten Veränderungen)")
    p.add_argument("--quantiles", type=int, metavar="K",
                   help="Statusklassen als K gleich große Gruppen (Quantile) statt nach "
                        "Standardabweichungen")
    p.add_argument("--exclude", metavar="CODE[=GRUND],…",
                   help="Sozialräume ausschließen, z. B. 22=Sondergebiet,13")
    p.add_argument("--save-definition", metavar="DATEI", help="Definition als JSON-Datei speichern")
    p.add_argument("--store", action="store_true",
                   help="Definition und Ergebnis mit allen Parametern im Projekt speichern")
    p.add_argument("--name", metavar="NAME",
                   help="mit --store: Name des Indexlaufs (Standard: Verfahren und Jahr); eine "
                        "abweichende Definition wird unter dem Namen des Laufs als Variante "
                        "daneben gespeichert")
    p.add_argument("--replace", action="store_true",
                   help="mit --store: Definition bzw. Indexlauf gleichen Namens ersetzen")
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
    from k360desk.analysis.socialindex import IndexMethod, MethodError
    from k360desk.figures.indicators import berlin_mss_for_project, load_index_definition
    from k360desk.projectfile import ProjectError

    try:
        if args.preset:
            method = berlin_mss_for_project(project, _keys(args.status), _keys(args.dynamics),
                                            args.population, args.dynamics_source)
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
        if args.standard_deviation:
            method.standard_deviation = args.standard_deviation
        if args.min_population_at:
            method.min_population_at = args.min_population_at
        if method.population_required and not method.population:
            raise CommandError(f"Das Verfahren „{method.name}“ braucht die Einwohnerzahl für die "
                               "Mindesteinwohnerzahl: bitte --population SCHLÜSSEL angeben.")
        if args.quantiles is not None:
            method.status_scheme = "quantile"
            method.quantiles = args.quantiles
        method.exclusions.update(_exclusions(args.exclude))
        method.validate()
    except (MethodError, ProjectError) as exc:
        raise CommandError(str(exc)) from exc
    return method


def _index(args: argparse.Namespace) -> int:
    from k360desk.analysis.socialindex import MethodError, need_scores
    from k360desk.figures import indicators as figures

    project = open_project(args.file, read_only=not args.store)
    try:
        method = _method(args, project)
        codes = set(project.districts_frame()["code"].astype(str))
        unknown = [c for c in method.exclusions if c not in codes]
        if unknown:
            raise CommandError("Diese Sozialräume gibt es nicht: " + ", ".join(unknown) + ".")
        if args.name and not args.store:
            raise CommandError("--name gilt nur mit --store.")
        run_name = (args.name or "").strip()
        variant_of = None
        if args.store and not run_name:
            run_name = _free_name(f"{method.name} {args.period}",
                                  figures.index_run_names(project))
        elif args.store and not args.replace and run_name in figures.index_run_names(project):
            raise CommandError(f"Einen Indexlauf „{run_name}“ gibt es schon. Einen anderen Namen "
                               "mit --name wählen oder mit --replace ersetzen.")
        if args.store and not args.replace and figures.stored_definition_differs(project, method):
            # Another edition or a variant: stored beside the existing definition under the
            # run's name, never over it.
            variant_of, method.name = method.name, run_name
            if figures.stored_definition_differs(project, method):
                raise CommandError(f"Im Projekt ist schon eine andere Definition „{run_name}“ "
                                   "gespeichert. Zum Ersetzen --replace angeben.")
        try:
            result = figures.index_for_project(project, method, args.period)
        except (MethodError, figures.FigureError) as exc:
            raise CommandError(str(exc)) from exc
        if args.save_definition:
            Path(args.save_definition).write_text(method.to_json() + "\n", encoding="utf-8")
        if args.store:
            figures.save_index_definition(project, method)
            run_id = figures.store_index_result(project, result, method.name, run_name,
                                                replace=args.replace)
            project.save()
        frame = figures.index_display_table(result, need_scores(result),
                                            figures.index_hidden_components(project, result))
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
            print(f"Im Projekt gespeichert (Indexlauf {run_id} „{run_name}“).")
            if variant_of:
                print(f"Die Definition weicht von „{variant_of}“ ab und ist als Variante "
                      f"„{method.name}“ daneben gespeichert (ersetzen: --replace).")
    finally:
        project.close()
    return 0


def _free_name(name: str, taken: list[str]) -> str:
    """``name``, or "name (2)", "name (3)" … when runs of that name exist."""
    number, candidate = 1, name
    while candidate in taken:
        number += 1
        candidate = f"{name} ({number})"
    return candidate


def _write_csv(frame, path: Path) -> None:
    """CSV for German Excel: UTF-8 with BOM, semicolons, decimal comma."""
    from k360desk.io.spreadsheet import write_csv

    decimals = {c: _DECIMALS.get(c, 3) for c in frame.columns if frame[c].dtype.kind == "f"}
    try:
        write_csv(frame, path, decimals)
    except OSError as exc:
        raise CommandError(f"„{path}“ kann nicht geschrieben werden ({exc.strerror}).") from exc


def _print_table(frame) -> None:
    import pandas as pd

    shown = frame.copy()
    for column in shown.columns:
        if pd.api.types.is_float_dtype(shown[column]):
            decimals = _DECIMALS.get(column, 2)
            # + 0.0 turns a rounded −0 into 0, so "-0,00" never appears
            shown[column] = shown[column].map(
                lambda v, d=decimals: de_number(round(v, d) + 0.0 if v == v else v, d))
    print(shown.to_string(index=False))


def _coverage(args: argparse.Namespace) -> int:
    from k360desk.analysis.coverage import coverage_total
    from k360desk.figures import indicators as figures
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
            from k360desk.projectfile import DistrictLevel

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
    frame = figures.coverage_display_table(table)
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
