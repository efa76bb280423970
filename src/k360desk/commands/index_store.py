"""Sub-commands ``index-definition`` (list, show, export, import) and ``index-run`` (list,
compare, delete): definitions and stored runs of the social index."""

from __future__ import annotations

import argparse
from pathlib import Path

from k360desk.cli import CommandError
from k360desk.commands.common import open_project


def register(sub: argparse._SubParsersAction) -> None:
    """Add index-definition and index-run."""
    p = sub.add_parser(
        "index-definition", help="Sozialindex-Definitionen auflisten, zeigen, exportieren, "
                                 "importieren",
        description="Definitionen des Sozialindex: Voreinstellungen (schreibgeschützt) und im "
                    "Projekt gespeicherte. Kopieren und Bearbeiten: exportieren, die JSON-Datei "
                    "bearbeiten, unter neuem Namen importieren.")
    actions = p.add_subparsers(dest="action", metavar="AKTION", required=True)
    a = actions.add_parser("list", help="alle Definitionen auflisten")
    a.add_argument("file", metavar="PROJEKT", help="Projektdatei (.k360)")
    a.set_defaults(func=_list)
    a = actions.add_parser("show", help="eine Definition als JSON zeigen")
    a.add_argument("file", metavar="PROJEKT", help="Projektdatei (.k360)")
    a.add_argument("name", metavar="NAME", help="Name der Definition oder berlin-mss")
    a.set_defaults(func=_show)
    a = actions.add_parser("export", help="eine Definition als JSON-Datei schreiben")
    a.add_argument("file", metavar="PROJEKT", help="Projektdatei (.k360)")
    a.add_argument("name", metavar="NAME", help="Name der Definition oder berlin-mss")
    a.add_argument("-o", "--output", required=True, metavar="DATEI", help="Zieldatei (.json)")
    a.set_defaults(func=_export)
    a = actions.add_parser("import", help="eine Definition (JSON oder TOML) ins Projekt holen")
    a.add_argument("file", metavar="PROJEKT", help="Projektdatei (.k360)")
    a.add_argument("source", metavar="DATEI", help="Definition (.json oder .toml)")
    a.add_argument("--name", metavar="NAME", help="unter diesem Namen speichern")
    a.add_argument("--replace", action="store_true", help="gleichnamige Definition ersetzen")
    a.set_defaults(func=_import)

    p = sub.add_parser(
        "index-run", help="gespeicherte Indexläufe auflisten, vergleichen, löschen",
        description="Gespeicherte Läufe des Sozialindex (Ausgaben, Varianten) nebeneinander; "
                    "der Vergleich zeigt, welche Sozialräume die Klasse wechseln und warum.")
    actions = p.add_subparsers(dest="action", metavar="AKTION", required=True)
    a = actions.add_parser("list", help="alle gespeicherten Läufe")
    a.add_argument("file", metavar="PROJEKT", help="Projektdatei (.k360)")
    a.set_defaults(func=_runs)
    a = actions.add_parser("compare", help="zwei Läufe vergleichen")
    a.add_argument("file", metavar="PROJEKT", help="Projektdatei (.k360)")
    a.add_argument("first", metavar="LAUF_A", help="Name oder Nummer des ersten Laufs")
    a.add_argument("second", metavar="LAUF_B", help="Name oder Nummer des zweiten Laufs")
    a.add_argument("--all", action="store_true", help="auch Sozialräume ohne Klassenwechsel")
    a.add_argument("-o", "--output", metavar="DATEI", help="Vergleich als CSV (Excel)")
    a.set_defaults(func=_compare)
    a = actions.add_parser("delete", help="einen Lauf löschen")
    a.add_argument("file", metavar="PROJEKT", help="Projektdatei (.k360)")
    a.add_argument("run", metavar="LAUF", help="Name oder Nummer des Laufs")
    a.set_defaults(func=_delete)


def _fail(exc: Exception) -> CommandError:
    return CommandError(str(exc))


def _list(args: argparse.Namespace) -> int:
    from k360desk.figures import indices

    project = open_project(args.file, read_only=True)
    try:
        frame = indices.definitions_frame(project)
    finally:
        project.close()
    shown = frame.rename(columns={"name": "Name", "kind": "Art", "status": "Status",
                                  "dynamics": "Dynamik"}).drop(columns="title")
    print(shown.to_string(index=False))
    return 0


def _show(args: argparse.Namespace) -> int:
    from k360desk.analysis.socialindex import MethodError
    from k360desk.figures import indices
    from k360desk.projectfile import ProjectError

    project = open_project(args.file, read_only=True)
    try:
        print(indices.definition(project, args.name).to_json())
    except (MethodError, ProjectError) as exc:
        raise _fail(exc) from exc
    finally:
        project.close()
    return 0


def _export(args: argparse.Namespace) -> int:
    from k360desk.analysis.socialindex import MethodError
    from k360desk.figures import indices
    from k360desk.projectfile import ProjectError

    project = open_project(args.file, read_only=True)
    try:
        text = indices.definition(project, args.name).to_json()
    except (MethodError, ProjectError) as exc:
        raise _fail(exc) from exc
    finally:
        project.close()
    try:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"„{args.output}“ kann nicht geschrieben werden "
                           f"({exc.strerror}).") from exc
    print(f"Definition geschrieben: {args.output}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from k360desk.analysis.socialindex import MethodError
    from k360desk.figures import indices

    try:
        method = indices.read_definition_file(Path(args.source))
    except MethodError as exc:
        raise _fail(exc) from exc
    project = open_project(args.file)
    try:
        indices.import_definition(project, method, args.name, args.replace)
        project.save()
    except MethodError as exc:
        raise _fail(exc) from exc
    finally:
        project.close()
    print(f"Definition „{method.name}“ im Projekt gespeichert.")
    return 0


def _runs(args: argparse.Namespace) -> int:
    from k360desk.figures import indices

    project = open_project(args.file, read_only=True)
    try:
        frame = indices.runs_frame(project)
    finally:
        project.close()
    if frame.empty:
        print("Keine gespeicherten Indexläufe.")
        return 0
    shown = frame.rename(columns={"id": "Nr.", "name": "Name", "index_name": "Definition",
                                  "period": "Bezugsjahr", "computed_at": "berechnet"})
    print(shown.fillna("–").to_string(index=False))
    return 0


def _compare(args: argparse.Namespace) -> int:
    from k360desk.analysis.indexcompare import compare_runs
    from k360desk.analysis.socialindex import MethodError
    from k360desk.figures import indices

    project = open_project(args.file, read_only=True)
    try:
        first, second = indices.find_run(project, args.first), indices.find_run(project,
                                                                                args.second)
        table, notes = indices.compare_stored_runs(project, first, second)
        if args.all:
            from k360desk.figures.indicators import load_index_result

            table = compare_runs(load_index_result(project, first).table,
                                 load_index_result(project, second).table, changed_only=False)
    except MethodError as exc:
        raise _fail(exc) from exc
    finally:
        project.close()
    frame = indices.comparison_display_table(table)
    for note in notes:
        print(f"Verfahren: {note}")
    if args.output:
        from k360desk.io.spreadsheet import write_csv

        try:
            write_csv(frame, Path(args.output), {})
        except OSError as exc:
            raise CommandError(f"„{args.output}“ kann nicht geschrieben werden "
                               f"({exc.strerror}).") from exc
    elif len(frame):
        print(frame.to_string(index=False))
    status, dynamics = int(table["status_changed"].sum()), int(table["dynamics_changed"].sum())
    print(f"Sozialräume mit anderer Statusklasse: {status}; mit anderer Dynamikklasse: "
          f"{dynamics}.")
    if args.output:
        print(f"Vergleich geschrieben: {args.output}")
    return 0


def _delete(args: argparse.Namespace) -> int:
    from k360desk.analysis.socialindex import MethodError
    from k360desk.figures import indices
    from k360desk.models.indices import delete_run

    project = open_project(args.file)
    try:
        run_id = indices.find_run(project, args.run)
        with project.transaction():
            delete_run(project, run_id)
        project.save()
    except MethodError as exc:
        raise _fail(exc) from exc
    finally:
        project.close()
    print(f"Indexlauf {run_id} gelöscht.")
    return 0
