"""Stored social index definitions and index runs (results with the parameters behind them).

Definitions live in ``indices`` (the complete definition as JSON in ``definition``), mirrored
into ``index_components`` and ``index_exclusions`` so that an indicator or district in use is
known to the database. A run stores every parameter and every district's result, so a
profile printed today can be reproduced next year. This module stays below ``analysis``: it
takes and returns plain dicts and frames (``IndexMethod.to_dict()`` / ``from_dict``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

import pandas as pd

from k360desk.projectfile.errors import ProjectError
from k360desk.projectfile.records import IndexDefinition, new_uuid

if TYPE_CHECKING:
    from k360desk.projectfile.project import Project

_UNKNOWN_INDICATOR = "Den Indikator „{key}“ gibt es in diesem Projekt nicht."
RESULT_COLUMNS = ("status_value", "status_class", "dynamics_value", "dynamics_class",
                  "need_score", "included", "reason")


def definition_names(project: Project) -> list[str]:
    """Names of the stored index definitions, alphabetically."""
    return [d.name for d in project.all(IndexDefinition, order_by="name")]


def _key_ids(project: Project) -> dict[str, int]:
    return {k: i for k, i in project._conn.execute("SELECT key, id FROM indicators")}


def save_definition(project: Project, definition: dict[str, Any], notes: str = "",
                    new_id: Callable[[], str] = new_uuid) -> int:
    """Insert or replace the definition named ``definition["name"]``; return its id.

    Raises ``ProjectError`` (German) when an indicator or district it names is unknown.
    ``new_id`` makes the UUIDs of new rows (the demo generator draws them from its seed).
    """
    name = str(definition.get("name") or "").strip()
    if not name:
        raise ProjectError("Die Sozialindex-Definition braucht einen Namen.")
    keys = _key_ids(project)
    components = []
    for comp in definition.get("components", []):
        if comp["indicator"] not in keys:
            raise ProjectError(_UNKNOWN_INDICATOR.format(key=comp["indicator"]))
        sign = "-" if int(comp.get("polarity", 1)) < 0 else ""
        change = comp.get("source") == "change" and comp.get("role") == "dynamics"
        kind = "change" if change else "z"
        components.append((keys[comp["indicator"]], comp.get("role", "status"),
                           float(comp.get("weight", 1.0)), sign + kind))
    population = definition.get("population")
    if population:
        if population not in keys:
            raise ProjectError(_UNKNOWN_INDICATOR.format(key=population))
        components.append((keys[population], "population", 1.0, "none"))
    codes = {c: i for c, i in project._conn.execute("SELECT code, fid FROM districts")}
    exclusions = []
    for code, reason in (definition.get("exclusions") or {}).items():
        if code not in codes:
            raise ProjectError(f"Den Sozialraum „{code}“ gibt es in diesem Projekt nicht.")
        exclusions.append({"district_id": codes[code], "reason": str(reason)})
    text = json.dumps(definition, ensure_ascii=False, indent=2)
    with project.transaction():
        existing = project.find(IndexDefinition, name=name)
        if existing is None:
            index_id = project.add(IndexDefinition(name=name, kind="social", definition=text,
                                                   notes=notes, uuid=new_id()))
        else:
            index_id = int(existing.id)  # type: ignore[arg-type]
            project.update(IndexDefinition, index_id, definition=text,
                           notes=notes or existing.notes)
            project.delete_link("index_components", index_id=index_id)
            project.delete_link("index_exclusions", index_id=index_id)
        project.execute_link("index_components", [
            {"uuid": new_id(), "index_id": index_id, "indicator_id": ind, "role": role,
             "weight": weight, "transformation": transformation}
            for ind, role, weight, transformation in dict.fromkeys(components)])
        project.execute_link("index_exclusions", [{"index_id": index_id, **e} for e in exclusions])
    return index_id


def load_definition(project: Project, name: str) -> dict[str, Any]:
    """The stored definition as a dict; exclusions as they are now in ``index_exclusions``."""
    record = project.find(IndexDefinition, name=name)
    if record is None:
        known = ", ".join(definition_names(project)) or "keine"
        raise ProjectError(
            f"Eine Sozialindex-Definition „{name}“ gibt es nicht (vorhanden: {known}).")
    try:
        data = json.loads(record.definition)
    except json.JSONDecodeError as exc:
        raise ProjectError(f"Die gespeicherte Definition „{name}“ ist beschädigt.") from exc
    rows = project._conn.execute(
        "SELECT d.code, x.reason FROM index_exclusions x JOIN districts d ON d.fid = x.district_id"
        " WHERE x.index_id = ? ORDER BY d.code", (record.id,)).fetchall()
    data["exclusions"] = {code: reason for code, reason in rows}
    return data


def _clean(value: Any) -> Any:
    """JSON-able scalar: numpy scalars unwrapped, NaN/NA/None → None."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, (list, dict, tuple)):
        return value
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def save_run(project: Project, table: pd.DataFrame, parameters: dict[str, Any],
             index_name: str | None = None, new_id: Callable[[], str] = new_uuid,
             computed_at: str | None = None, replace: bool = False) -> int:
    """Store one computed index (one row per district) with its parameters; return the run id.

    ``table`` has district_id and the columns of ``RESULT_COLUMNS`` (need_score optional);
    every other column (z-values, matrix class …) goes into ``details`` as JSON. ``new_id``
    and ``computed_at`` let the demo generator write the same file for the same seed.
    """
    index_id = None
    if index_name:
        record = project.find(IndexDefinition, name=index_name)
        index_id = None if record is None else record.id
    uuid = new_id()
    detail_cols = [c for c in table.columns if c not in RESULT_COLUMNS and c != "district_id"]
    name = str(parameters.get("run_name") or "")
    with project.transaction():
        if replace and name:
            for run_id in runs_frame(project).query("name == @name")["id"]:
                delete_run(project, int(run_id))
        project.execute_link("index_runs", [{
            "uuid": uuid, "index_id": index_id, "period": int(parameters.get("period", 0)),
            "computed_at": computed_at or datetime.now().isoformat(timespec="seconds"),
            "parameters": json.dumps(parameters, ensure_ascii=False, default=_clean)}])
        run_id = project._conn.execute(
            "SELECT id FROM index_runs WHERE uuid=?", (uuid,)).fetchone()[0]
        rows = []
        for rec in table.to_dict("records"):
            row = {"run_id": run_id, "district_id": int(rec["district_id"])}
            for col in RESULT_COLUMNS:
                value = _clean(rec.get(col))
                row[col] = value if col != "included" else int(bool(value))
            row["reason"] = row["reason"] or ""
            details = {c: _clean(rec[c]) for c in detail_cols}
            row["details"] = json.dumps(details, ensure_ascii=False)
            rows.append(row)
        project.execute_link("index_results", rows)
    return int(run_id)


def delete_run(project: Project, run_id: int) -> None:
    """Remove a stored run and its results."""
    project.delete_link("index_results", run_id=run_id)
    project.delete_link("index_runs", id=run_id)


def runs_frame(project: Project) -> pd.DataFrame:
    """All stored index runs: id, uuid, name, index name, period, computed_at.

    The run's name lives in its parameters (``run_name``); runs stored before names existed
    are called "<index name> <period>"."""
    frame = pd.read_sql_query(
        "SELECT r.id, r.uuid, json_extract(r.parameters, '$.run_name') AS name,"
        " i.name AS index_name, r.period, r.computed_at FROM index_runs r"
        " LEFT JOIN indices i ON i.id = r.index_id ORDER BY r.computed_at, r.id", project._conn)
    fallback = frame["index_name"].fillna("Indexlauf") + " " + frame["period"].astype(str)
    frame["name"] = frame["name"].fillna(fallback)
    return frame


def load_run(project: Project, run_id: int) -> tuple[pd.DataFrame, dict[str, Any]]:
    """A stored run: (table as computed, parameters). Details are expanded into columns."""
    row = project._conn.execute(
        "SELECT parameters FROM index_runs WHERE id=?", (run_id,)).fetchone()
    if row is None:
        raise ProjectError(f"Einen gespeicherten Indexlauf {run_id} gibt es nicht.")
    parameters = json.loads(row[0])
    results = project.link_frame("index_results", run_id=run_id)
    details = pd.DataFrame([json.loads(d) for d in results.pop("details")], index=results.index)
    table = pd.concat([results.drop(columns=["run_id"]), details], axis=1)
    table["included"] = table["included"].astype(bool)
    return table, parameters


def delete_definition(project: Project, name: str) -> None:
    """Remove the stored definition ``name`` (runs keep their own copy in their parameters)."""
    record = project.find(IndexDefinition, name=name)
    if record is not None:
        project.delete(IndexDefinition, int(record.id))  # type: ignore[arg-type]
