"""Bulk deletes and restores that undoing an import needs (ids and value keys in batches)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from k360desk.projectfile.changes import Change
from k360desk.projectfile.records import Record

if TYPE_CHECKING:
    from k360desk.projectfile.project import Project


def delete_ids(project: Project, cls: type[Record], ids: Sequence[int]) -> int:
    """Delete many records of one kind by id (children cascade as the schema says)."""
    project._check_writable()
    ids = [int(i) for i in ids]
    if not ids:
        return 0
    project._conn.executemany(f"DELETE FROM {cls.table} WHERE {cls.pk}=?", [(i,) for i in ids])
    project.log("bulk", cls.table, None, f"{len(ids)} Datensätze gelöscht")
    if cls.table == "indicators":
        project.rebuild_views()
    project._autocommit()
    project.changes.emit(Change(cls.table, "delete", tuple(ids)))
    return len(ids)


def delete_value_keys(project: Project, keys: pd.DataFrame | Iterable[tuple[int, int, int]]) -> int:
    """Delete indicator values by (indicator_id, district_id, period) without reading them first."""
    project._check_writable()
    if isinstance(keys, pd.DataFrame):
        rows = list(keys[["indicator_id", "district_id", "period"]].astype(int)
                    .itertuples(index=False, name=None))
    else:
        rows = [tuple(int(x) for x in k) for k in keys]
    if not rows:
        return 0
    project._conn.executemany(
        "DELETE FROM indicator_values WHERE indicator_id=? AND district_id=? AND period=?", rows)
    project.log("bulk", "indicator_values", None, f"{len(rows)} Werte gelöscht")
    project._autocommit()
    project.changes.emit(Change("indicator_values", "bulk"))
    return len(rows)


def value_keys(project: Project, indicator_ids: Iterable[int]) -> pd.DataFrame:
    """Existing values of some indicators (keys, value, status, note) as a frame."""
    ids = sorted({int(i) for i in indicator_ids})
    if not ids:
        return pd.DataFrame(columns=["indicator_id", "district_id", "period", "value", "status", "note"])
    return pd.read_sql_query(
        "SELECT indicator_id, district_id, period, value, status, note FROM indicator_values"
        f" WHERE indicator_id IN ({', '.join('?' * len(ids))})", project._conn, params=ids)



def update_column(project: Project, cls: type[Record], column: str, values: dict[int, object]) -> int:
    """Set one plain column of many records by id (names, parents on import and undo)."""
    project._check_writable()
    if column not in cls.columns() or column in (cls.pk, "uuid", cls.geometry):
        raise ValueError(f"unknown or fixed column {column!r}")
    if not values:
        return 0
    project._conn.executemany(f"UPDATE {cls.table} SET {column}=? WHERE {cls.pk}=?",
                              [(v, int(i)) for i, v in values.items()])
    project.log("bulk", cls.table, None, f"{len(values)}× {column} geändert")
    project._autocommit()
    project.changes.emit(Change(cls.table, "update", tuple(int(i) for i in values)))
    return len(values)
