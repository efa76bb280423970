"""Sub-commands for whole project files: new, demo, info, check."""

from __future__ import annotations

import argparse
from pathlib import Path

from k360desk.cli import CommandError
from k360desk.commands.common import de_number, open_project, parse_epsg, target_file

_COUNT_LABELS = (
    ("district_levels", "Ebenen"), ("districts", "Sozialräume"), ("topics", "Handlungsfelder"),
    ("indicators", "Indikatoren"), ("indicator_values", "Indikatorwerte"), ("indices", "Sozialindizes"),
    ("providers", "Träger"), ("facility_types", "Einrichtungsarten"), ("facilities", "Einrichtungen"),
    ("programmes", "Förderprogramme"), ("funding_rounds", "Förderrunden"), ("criteria", "Kriterien"),
    ("applications", "Anträge"), ("scores", "Bewertungen"), ("reviews", "Jahresgespräche"),
    ("committees", "Gremien"), ("meetings", "Sitzungen"), ("agenda_items", "Tagesordnungspunkte"),
    ("questionnaires", "Trägerabfragen"), ("statements", "Einschätzungen"), ("goals", "Zielwerte"),
    ("change_log", "Protokolleinträge"),
)


def register(sub: argparse._SubParsersAction) -> None:
    """Add new, demo, info and check."""
    p = sub.add_parser("new", help="leeres Projekt anlegen", description="Legt eine leere Projektdatei an.")
    p.add_argument("file", metavar="DATEI", help="neue Projektdatei (.k360)")
    p.add_argument("--name", required=True, help="Name der Kommune")
    p.add_argument("--crs", default="EPSG:25832", help="Koordinatenbezugssystem (Standard: EPSG:25832)")
    p.add_argument("--ags", default="", help="Amtlicher Gemeindeschlüssel")
    p.add_argument("--force", action="store_true", help="vorhandene Datei überschreiben")
    p.set_defaults(func=_new)

    p = sub.add_parser("demo", help="Demo-Projekt „Musterstadt“ schreiben",
                       description="Schreibt das erzeugte Demo-Projekt (oder ein größeres Testprojekt).")
    p.add_argument("file", metavar="DATEI", help="Zieldatei (.k360)")
    p.add_argument("--scale", choices=["demo", "city", "blocks"], default="demo",
                   help="Größe: demo (~40 Sozialräume), city (550), blocks (15.000 Flächen)")
    p.add_argument("--seed", type=int, default=360, help="Startwert des Zufallsgenerators")
    p.add_argument("--force", action="store_true", help="vorhandene Datei überschreiben")
    p.set_defaults(func=_demo)

    p = sub.add_parser("info", help="Überblick über eine Projektdatei",
                       description="Zeigt Kommune, Bezugssystem, Datenmodell und Anzahl der Datensätze.")
    p.add_argument("file", metavar="DATEI")
    p.set_defaults(func=_info)

    p = sub.add_parser("check", help="Projektdatei prüfen",
                       description="Prüft Integrität und GeoPackage-Konformität; Rückgabe 0 = in Ordnung.")
    p.add_argument("file", metavar="DATEI")
    p.add_argument("--fix", action="store_true",
                   help="unlesbare Geometrien und fremde Indizes/Sichten entfernen und speichern")
    p.set_defaults(func=_check)


def _new(args: argparse.Namespace) -> int:
    from k360desk.projectfile import Project

    target = target_file(args.file, args.force)
    project = Project.create(args.name, target, crs=parse_epsg(args.crs), ags=args.ags)
    print(f"Projekt „{args.name}“ angelegt: {project.path}")
    project.close()
    return 0


def _demo(args: argparse.Namespace) -> int:
    from k360desk.demo import write_demo

    target = write_demo(target_file(args.file, args.force), scale=args.scale, seed=args.seed)
    print(f"Demo-Projekt geschrieben: {target} ({de_number(target.stat().st_size / 1024**2, 1)} MB)")
    return 0


def _info(args: argparse.Namespace) -> int:
    project = open_project(args.file, read_only=True)
    try:
        counts = project.counts()
        print(f"Datei:            {project.path}")
        print(f"Kommune:          {project.get_meta('municipality')}")
        if project.get_meta("ags"):
            print(f"Gemeindeschlüssel: {project.get_meta('ags')}")
        print(f"Bezugssystem:     {project.get_meta('crs')}")
        print(f"Datenmodell:      Version {project.schema_version}")
        print(f"Geheimhaltung:    Fallzahlen unter {project.disclosure_threshold}")
        periods = project.periods()
        if periods:
            print(f"Bezugsjahre:      {periods[0]}–{periods[-1]}")
        for table, label in _COUNT_LABELS:
            print(f"{label + ':':<22}{de_number(counts.get(table, 0)):>10}")
        for notice in project.notices:
            print(f"Hinweis: {notice}")
    finally:
        project.close()
    return 0


def _fix(project) -> None:
    if project.read_only:
        raise CommandError(project.read_only_reason or "Die Datei ist schreibgeschützt.")
    removed = project.remove_broken_geometries()
    for line in removed:
        print(line)
    if removed or project.removed_on_open or project.modified:
        project.save()  # a ProjectError becomes one German line in cli.main
        project.removed_on_open = []


def _check(args: argparse.Namespace) -> int:
    project = open_project(args.file, read_only=not args.fix)
    try:
        if args.fix:
            _fix(project)
        findings = project.check()
        hints = [n for n in project.notices if n not in findings]
    finally:
        project.close()
    for hint in hints:
        print(f"Hinweis: {hint}")
    if findings:
        print(f"{len(findings)} Befund(e) in „{Path(args.file).name}“:")
        for finding in findings:
            print(f"  – {finding}")
        return 1
    print(f"„{Path(args.file).name}“ ist in Ordnung (Integrität und GeoPackage geprüft).")
    return 0
