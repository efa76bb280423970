"""Index definitions and stored runs as front ends list, export, import and compare them.

Presets ship read-only: they can be shown and exported (with placeholder indicator keys to
replace by the project's), and a copy imported under a new name becomes the city's own
definition.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from k360desk.analysis.socialindex import IndexMethod, MethodError, berlin_mss

if TYPE_CHECKING:
    from k360desk.projectfile import Project

PRESET_NAMES = {"berlin-mss": "Monitoring Soziale Stadtentwicklung (Berliner Verfahren)"}


def preset_definition(key: str) -> IndexMethod:
    """The shipped preset with the MSS roles as placeholder keys (S1–S4, D1–D4, EW)."""
    if key not in PRESET_NAMES:
        raise MethodError(f"Eine Voreinstellung „{key}“ gibt es nicht "
                          f"(vorhanden: {', '.join(PRESET_NAMES)}).")
    method = berlin_mss(["S1", "S2", "S3", "S4"], ["D1", "D2", "D3", "D4"], "EW",
                        dynamics_source="indicator")
    method.description += (" Platzhalter: S1–S4 Statusanteile (Arbeitslosigkeit, "
                           "Langzeitarbeitslosigkeit, Transferbezug, Kinderarmut), D1–D4 ihre "
                           "Veränderung in Prozentpunkten, EW Einwohnerzahl; vor dem Import "
                           "durch die Schlüssel des Projekts ersetzen.")
    return method


def definitions_frame(project: Project) -> pd.DataFrame:
    """Presets and stored definitions: name, kind ("Voreinstellung" or "gespeichert"),
    status and dynamics indicators."""
    from k360desk.models import indices

    rows = [{"name": key, "kind": "Voreinstellung (schreibgeschützt)",
             "title": title, "status": "S1–S4", "dynamics": "D1–D4"}
            for key, title in PRESET_NAMES.items()]
    for name in indices.definition_names(project):
        try:
            method = IndexMethod.from_dict(indices.load_definition(project, name))
        except MethodError:
            rows.append({"name": name, "kind": "gespeichert (beschädigt)", "title": name,
                         "status": "", "dynamics": ""})
            continue
        rows.append({"name": name, "kind": "gespeichert", "title": method.description or name,
                     "status": ", ".join(c.indicator for c in method.status_components),
                     "dynamics": ", ".join(c.key for c in method.dynamics_components)})
    return pd.DataFrame(rows, columns=["name", "kind", "title", "status", "dynamics"])


def definition(project: Project, name: str) -> IndexMethod:
    """A preset (by key) or a stored definition (by name)."""
    from k360desk.figures.indicators import load_index_definition

    if name in PRESET_NAMES:
        return preset_definition(name)
    return load_index_definition(project, name)


def read_definition_file(path: Path) -> IndexMethod:
    """A definition from a JSON (or TOML) file; German ``MethodError`` if it does not fit."""
    if not path.is_file():
        raise MethodError(f"Die Datei „{path}“ gibt es nicht.")
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".toml":
        import tomllib

        try:
            return IndexMethod.from_dict(tomllib.loads(text))
        except tomllib.TOMLDecodeError as exc:
            raise MethodError(f"Die Definition ist kein gültiges TOML ({exc}).") from exc
    return IndexMethod.from_json(text)


def import_definition(project: Project, method: IndexMethod, name: str | None = None,
                      replace: bool = False) -> int:
    """Store ``method`` (under ``name`` if given); presets' names and existing names without
    ``replace`` are refused with a German ``MethodError``."""
    from k360desk.figures.indicators import save_index_definition
    from k360desk.models import indices
    from k360desk.projectfile import ProjectError

    if name:
        method.name = name.strip()
    if method.name in PRESET_NAMES or method.name in PRESET_NAMES.values():
        raise MethodError(f"„{method.name}“ ist eine schreibgeschützte Voreinstellung; bitte "
                          "unter einem eigenen Namen importieren.")
    if method.name in indices.definition_names(project) and not replace:
        raise MethodError(f"Eine Definition „{method.name}“ gibt es schon; zum Ersetzen "
                          "„ersetzen“ wählen (--replace) oder einen anderen Namen.")
    try:
        return save_index_definition(project, method)
    except ProjectError as exc:
        raise MethodError(str(exc)) from exc


def runs_frame(project: Project) -> pd.DataFrame:
    """Stored runs: id, name, definition, period, computed_at."""
    from k360desk.models import indices

    return indices.runs_frame(project)[["id", "name", "index_name", "period", "computed_at"]]


def find_run(project: Project, ref: str) -> int:
    """The id of a run given by name or number; German ``MethodError`` if unknown."""
    runs = runs_frame(project)
    hit = runs[runs["name"] == ref]
    if hit.empty and ref.strip().isdigit():
        hit = runs[runs["id"] == int(ref)]
    if hit.empty:
        known = ", ".join(f"{i} „{n}“" for i, n in zip(runs["id"], runs["name"], strict=True))
        raise MethodError(f"Einen Indexlauf „{ref}“ gibt es nicht (vorhanden: "
                          f"{known or 'keine'}).")
    return int(hit["id"].iloc[-1])


def compare_stored_runs(project: Project, first: int, second: int
                        ) -> tuple[pd.DataFrame, list[str]]:
    """Districts whose class differs between two stored runs, and the differences of the two
    definitions (German lines)."""
    from k360desk.analysis.indexcompare import compare_runs, method_differences
    from k360desk.figures.indicators import load_index_result

    a, b = load_index_result(project, first), load_index_result(project, second)
    notes = method_differences(a.parameters["method"], b.parameters["method"])
    if a.period != b.period:
        notes.insert(0, f"Bezugsjahr: {a.period} → {b.period}")
    return compare_runs(a.table, b.table), notes


def comparison_display_table(table: pd.DataFrame) -> pd.DataFrame:
    """German columns of a run comparison (CLI, export, app)."""
    return pd.DataFrame({
        "Code": table["code"], "Name": table["name"],
        "Status A": table["status_class_a"].fillna(""),
        "Status B": table["status_class_b"].fillna(""),
        "Dynamik A": table["dynamics_class_a"].fillna(""),
        "Dynamik B": table["dynamics_class_b"].fillna(""), "Warum": table["why"]})


def delete_index_run(project: Project, run_id: int) -> None:
    """Remove a stored run (undo of storing it)."""
    from k360desk.models.indices import delete_run

    with project.transaction():
        delete_run(project, run_id)


def delete_definition(project: Project, name: str) -> None:
    """Remove a stored definition (undo of saving a new one); its runs keep their copy."""
    from k360desk.models.indices import delete_definition as delete

    delete(project, name)


def definition_or_none(project: Project, name: str) -> IndexMethod | None:
    """The stored definition ``name``, or None if there is none (or it is unreadable)."""
    from k360desk.models import indices
    from k360desk.projectfile import ProjectError

    if name not in indices.definition_names(project):
        return None
    try:
        return definition(project, name)
    except (MethodError, ProjectError):
        return None
