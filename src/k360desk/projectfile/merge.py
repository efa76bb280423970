"""Merging updates from another copy of the same municipality's project.

Rows are matched by their stable identities (UUIDs; values and link rows by the UUIDs of
what they link plus period/year/rater). Which side changed a row is read from the two
change logs: entries both files share are the common history, entries after it are each
side's own work. Nothing is overwritten silently: where both sides changed the same row,
or where the logs cannot tell, the item is a conflict and the default keeps our version.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from k360desk.money import columns_of, format_cents
from k360desk.projectfile.errors import ProjectError
from k360desk.projectfile.records import RECORD_TYPES, Record

# Link and value tables: (table, key columns as (column, referenced table or None)).
_LINKS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "indicator_values": (("indicator_id", "indicators"), ("district_id", "districts"), ("period", None)),
    "round_budgets": (("round_id", "funding_rounds"), ("year", None)),
    "application_amounts": (("application_id", "applications"), ("year", None)),
    "application_districts": (("application_id", "applications"), ("district_id", "districts")),
    "scores": (("application_id", "applications"), ("criterion_id", "criteria"), ("rater", None)),
    "facility_target_groups": (("facility_id", "facilities"), ("target_group_id", "target_groups")),
    "application_partners": (("application_id", "applications"), ("provider_id", "providers")),
    "proof_lines": (("usage_report_id", "usage_reports"), ("cost_type_id", "cost_types")),
}

ADDED_THERE = "added_there"
DELETED_THERE = "deleted_there"
DELETED_HERE = "deleted_here"
CHANGED_THERE = "changed_there"
CONFLICT = "conflict"
KIND_LABELS = {ADDED_THERE: "dort hinzugefügt", DELETED_THERE: "dort gelöscht",
               DELETED_HERE: "hier gelöscht", CHANGED_THERE: "dort geändert",
               CONFLICT: "beidseitig geändert"}


@dataclass
class MergeItem:
    """One difference between the two copies."""

    table: str
    key: tuple  # uuid for entities, natural key of uuids for link rows
    kind: str
    label: str
    ours: dict[str, Any] | None
    theirs: dict[str, Any] | None
    fields: list[str] = field(default_factory=list)
    take_theirs: bool = False  # the default choice; the user may flip it
    # Our rows that taking their deletion would remove with it (German, for the report).
    dependents: str = ""

    def sides(self) -> str:
        """Both sides of the difference in German: the changed fields, or who deleted."""
        if self.ours is None and self.theirs is None:
            return ""
        if self.ours is None:
            if self.kind not in (CONFLICT, DELETED_HERE):
                return ""
            return f"hier gelöscht, dort {_fields(self.theirs, self.table)}"
        if self.theirs is None:
            return f"hier {_fields(self.ours, self.table)}, dort gelöscht"
        money = columns_of(self.table)
        shown = [f"{name}: hier {_shown(self.ours.get(name), name in money)}, "
                 f"dort {_shown(self.theirs.get(name), name in money)}"
                 for name in self.fields[:4] if name not in _HIDDEN]
        return "; ".join(shown)


_HIDDEN = ("geom", "uuid", "id", "fid")


def _fields(row: dict, table: str = "") -> str:
    money = columns_of(table)
    shown = [f"{name} {_shown(value, name in money)}" for name, value in row.items()
             if name not in _HIDDEN and value not in (None, "")][:4]
    return ", ".join(shown) or "vorhanden"


def _shown(value: Any, cents: bool = False) -> str:
    from k360desk.formats import format_number

    if value is None:
        return "leer"
    if cents and isinstance(value, int):  # both copies keep money as whole cents
        return format_cents(value)
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, int | float):
        return format_number(value, 0 if float(value).is_integer() else 2)
    if isinstance(value, bytes):
        return "(Geometrie)"
    text = str(value)
    return f"„{text[:40]}…“" if len(text) > 40 else f"„{text}“"


@dataclass
class MergePlan:
    """All differences, with what each side did."""

    items: list[MergeItem]
    same_project: bool
    their_name: str

    def summary(self) -> dict[str, int]:
        """Count of items per kind."""
        counts: dict[str, int] = {}
        for item in self.items:
            counts[item.kind] = counts.get(item.kind, 0) + 1
        return counts


def _fk_map(conn: sqlite3.Connection, table: str) -> dict[str, str]:
    return {fk[3]: fk[2] for fk in conn.execute(f"PRAGMA foreign_key_list({table})")}


def _uuid_maps(conn: sqlite3.Connection) -> dict[str, dict[int, str]]:
    maps = {}
    for cls in RECORD_TYPES:
        maps[cls.table] = dict(conn.execute(f"SELECT {cls.pk}, uuid FROM {cls.table}"))
    # Index runs are not merged, but a funding round refers to the run of its need values.
    maps["index_runs"] = dict(conn.execute("SELECT id, uuid FROM index_runs"))
    return maps


def _rows(conn: sqlite3.Connection, cls: type[Record], maps: dict[str, dict[int, str]]) -> dict[str, dict]:
    """Rows of an entity table keyed by uuid, with foreign keys translated to uuids."""
    fks = _fk_map(conn, cls.table)
    cursor = conn.execute(f"SELECT * FROM {cls.table}")
    names = [d[0] for d in cursor.description]
    rows = {}
    for raw in cursor:
        row = dict(zip(names, raw, strict=True))
        row.pop(cls.pk)
        for column, parent in fks.items():
            if row.get(column) is not None:
                row[column] = maps[parent].get(row[column])
        rows[row["uuid"]] = row
    return rows


def _link_rows(conn: sqlite3.Connection, table: str, maps: dict[str, dict[int, str]]) -> dict[tuple, dict]:
    keys = _LINKS[table]
    cursor = conn.execute(f"SELECT * FROM {table}")
    names = [d[0] for d in cursor.description]
    rows = {}
    for raw in cursor:
        row = dict(zip(names, raw, strict=True))
        key = tuple(maps[ref][row[col]] if ref else row[col] for col, ref in keys)
        rows[key] = {k: v for k, v in row.items() if k not in dict(keys)}
    return rows


def _own_changes(ours: sqlite3.Connection, theirs: sqlite3.Connection) -> tuple[list, list]:
    """Change-log entries after the shared history, for each side."""
    query = "SELECT id, at, action, entity, entity_uuid, details FROM change_log ORDER BY id"
    a, b = ours.execute(query).fetchall(), theirs.execute(query).fetchall()
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return a[shared:], b[shared:]


def _unique_values(conn: sqlite3.Connection, cls: type[Record],
                   rows: dict[str, dict]) -> dict[str, set]:
    """Values of our single-column UNIQUE constraints (besides uuid) that are in use."""
    columns = []
    for index in conn.execute(f"PRAGMA index_list({cls.table})"):
        if index[2]:  # unique
            names = [r[2] for r in conn.execute(f"PRAGMA index_info('{index[1]}')")]
            if len(names) == 1 and names[0] != "uuid":
                columns.append(names[0])
    return {col: {row.get(col) for row in rows.values()} for col in columns}


def _touched(entries: list) -> tuple[set[str], set[str], set[str]]:
    """uuids updated, uuids deleted, tables bulk-changed in a list of log entries."""
    updated, deleted, bulk = set(), set(), set()
    for _id, _at, action, entity, uuid, _details in entries:
        if action in ("update", "insert") and uuid:
            updated.add(uuid)
        elif action == "delete" and uuid:
            deleted.add(uuid)
        elif action in ("bulk", "restore", "import"):
            bulk.update(entity.split(","))
    return updated, deleted, bulk


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
    return a == b


def _label(row: dict | None) -> str:
    if not row:
        return ""
    if row.get("code") and row.get("name"):
        return f"{row['code']} {row['name']}"
    if row.get("body") and row.get("period"):  # a Blickpunkt: its year and first words
        words = " ".join(str(row["body"]).split())
        return f"Blickpunkt {row['period']}: {words[:40]}{'…' if len(words) > 40 else ''}"
    for name in ("name", "title", "code", "key", "text", "date"):
        if row.get(name):
            return str(row[name])
    return str(row.get("uuid", ""))


def plan_merge(ours: Any, theirs: Any) -> MergePlan:
    """Compare our project with another copy; nothing is changed.

    Every difference becomes an item: what only they did is taken by default, what only
    we did is kept (our deletions are named, so a row we removed never comes back as
    "added there"), and whatever both sides touched is a conflict showing both values.
    """
    a, b = ours._conn, theirs._conn
    mine, other = _own_changes(a, b)
    my_updates, my_deletes, my_bulk = _touched(mine)
    their_updates, their_deletes, their_bulk = _touched(other)
    maps_a, maps_b = _uuid_maps(a), _uuid_maps(b)
    entities_a = {cls.table: _rows(a, cls, maps_a) for cls in RECORD_TYPES}
    entities_b = {cls.table: _rows(b, cls, maps_b) for cls in RECORD_TYPES}
    links_a = {table: _link_rows(a, table, maps_a) for table in _LINKS}
    links_b = {table: _link_rows(b, table, maps_b) for table in _LINKS}
    labels = {uuid: _label(row) for rows in (*entities_b.values(), *entities_a.values())
              for uuid, row in rows.items()}
    items: list[MergeItem] = []
    for cls in RECORD_TYPES:
        rows_a, rows_b = entities_a[cls.table], entities_b[cls.table]
        taken = _unique_values(a, cls, rows_a)
        for uuid, row in rows_b.items():
            if uuid not in rows_a:
                clash = any(row.get(col) in values for col, values in taken.items())
                deleted_here = uuid in my_deletes
                kind = CONFLICT if deleted_here or clash else ADDED_THERE
                label = _label(row) + (" (Schlüssel bereits vergeben)" if clash else "")
                items.append(MergeItem(cls.table, (uuid,), kind, label, None, row, list(row),
                                       take_theirs=kind == ADDED_THERE))
                continue
            diff = [k for k in row if k in rows_a[uuid] and not _same(row[k], rows_a[uuid][k])]
            if not diff:
                continue
            here, there = uuid in my_updates, uuid in their_updates
            kind = CHANGED_THERE if there and not here else CONFLICT
            if here and not there:
                continue  # only we changed it: our version is the newer one
            items.append(MergeItem(cls.table, (uuid,), kind, _label(rows_a[uuid]), rows_a[uuid], row,
                                   diff, take_theirs=kind == CHANGED_THERE))
        for uuid, row in rows_a.items():
            if uuid not in rows_b and uuid in their_deletes:
                ours_new = _our_dependents(uuid, entities_a, links_a, my_updates, my_bulk)
                conflict = uuid in my_updates or bool(ours_new)
                item = MergeItem(cls.table, (uuid,), CONFLICT if conflict else DELETED_THERE,
                                 _label(row), row, None, [], take_theirs=not conflict)
                item.dependents = ", ".join(f"{n} {what}" for what, n in ours_new.items())
                items.append(item)
    gone_there = their_deletes - my_deletes
    gone_here = my_deletes - their_deletes
    for table in _LINKS:
        rows_a, rows_b = links_a[table], links_b[table]
        here, there = table in my_bulk, table in their_bulk
        for key, row in rows_b.items():
            if None in key or gone_here.intersection(key):
                continue  # a row of a record we deleted: named with that record
            mine_row = rows_a.get(key)
            label = _link_label(key, labels)
            if mine_row is None:
                # Only they have it: they added it, or we deleted it; the logs tell which.
                kind = (ADDED_THERE if there and not here else DELETED_HERE if here and not there
                        else CONFLICT)
                items.append(MergeItem(table, key, kind, label, None, row, list(row),
                                       take_theirs=kind == ADDED_THERE))
                continue
            diff = [k for k in row if not _same(row[k], mine_row.get(k))]
            if not diff:
                continue
            if here and not there:
                continue
            kind = CHANGED_THERE if there and not here else CONFLICT
            items.append(MergeItem(table, key, kind, label, mine_row, row, diff,
                                   take_theirs=kind == CHANGED_THERE))
        for key, row in rows_a.items():
            if key in rows_b or None in key or gone_there.intersection(key):
                continue  # only ours: our own addition, or rows of a record deleted there
            if there:  # they removed rows of this table (or both sides touched it)
                kind = CONFLICT if here else DELETED_THERE
                items.append(MergeItem(table, key, kind, _link_label(key, labels), row, None, [],
                                       take_theirs=kind == DELETED_THERE))
    same = ours.get_meta("project_uuid") == theirs.get_meta("project_uuid")
    return MergePlan(items, same, theirs.get_meta("municipality"))


_DEPENDENT_LABELS = {"indicator_values": "Werte", "application_districts": "Antragsbezüge",
                     "application_amounts": "Jahresbeträge", "scores": "Bewertungen",
                     "facility_target_groups": "Zielgruppen", "round_budgets": "Budgetjahre"}


def _our_dependents(uuid: str, entities: dict, links: dict, my_updates: set[str],
                    my_bulk: set[str]) -> dict[str, int]:
    """Our own rows (changed after the common history) that refer to a record."""
    found: dict[str, int] = {}
    for table, rows in links.items():
        if table in my_bulk:
            count = sum(1 for key in rows if uuid in key)
            if count:
                found[_DEPENDENT_LABELS.get(table, table)] = count
    for table, rows in entities.items():
        count = sum(1 for other, row in rows.items()
                    if other in my_updates and other != uuid and uuid in row.values())
        if count:
            found[f"Einträge in {table}"] = count
    return found


def _link_label(key: tuple, labels: dict[str, str] | None = None) -> str:
    labels = labels or {}
    return " / ".join(labels.get(k) or (str(k)[:8] if isinstance(k, str) and len(k) >= 32 else str(k))
                      for k in key)


def apply_merge(ours: Any, plan: MergePlan) -> int:
    """Apply every item whose ``take_theirs`` is set, in one transaction; return the count."""
    chosen = [item for item in plan.items if item.take_theirs]
    if not chosen:
        return 0
    conn = ours._conn
    by_table = {cls.table: cls for cls in RECORD_TYPES}
    try:
        _apply(ours, conn, by_table, chosen, plan)
    except sqlite3.Error as exc:
        raise ProjectError(_merge_failure(exc)) from exc
    return len(chosen)


def _merge_failure(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "UNIQUE" in text:
        return (f"Die Änderungen lassen sich nicht übernehmen: ein Schlüssel oder Name wäre doppelt"
                f" ({text.rsplit(': ', 1)[-1]}). Bitte den Konflikt einzeln auflösen.")
    if "FOREIGN KEY" in text:
        return ("Die Änderungen lassen sich nicht übernehmen: ein Eintrag verweist auf einen"
                " Datensatz, der auf einer Seite gelöscht wurde. Bitte diesen Eintrag abwählen.")
    return f"Die Änderungen lassen sich nicht übernehmen ({text})."


def _apply(ours: Any, conn: sqlite3.Connection, by_table: dict, chosen: list[MergeItem],
           plan: MergePlan) -> None:
    with ours.transaction():
        order = [cls.table for cls in RECORD_TYPES]
        chosen.sort(key=lambda i: (order.index(i.table) if i.table in order else len(order), i.kind))
        deferred: list[tuple[str, str, str, str]] = []  # self references resolved at the end
        for item in chosen:
            if item.table in by_table:
                _apply_entity(conn, by_table[item.table], item, deferred)
            else:
                _apply_link(conn, item)
        for table, column, uuid, parent_uuid in deferred:
            cls = by_table[table]
            conn.execute(f"UPDATE {table} SET {column} = (SELECT {cls.pk} FROM {table} WHERE uuid=?)"
                         " WHERE uuid=?", (parent_uuid, uuid))
        ours.log("merge", "project", None, f"{len(chosen)} Änderungen aus „{plan.their_name}“ übernommen")
        if any(i.table == "indicators" for i in chosen):
            ours.rebuild_views()
        ours.emit_everything()


def _id_of(conn: sqlite3.Connection, table: str, uuid: str | None) -> int | None:
    if uuid is None:
        return None
    pk = next((cls.pk for cls in RECORD_TYPES if cls.table == table), "id")
    row = conn.execute(f"SELECT {pk} FROM {table} WHERE uuid=?", (uuid,)).fetchone()
    return row[0] if row else None


def _apply_entity(conn: sqlite3.Connection, cls: type[Record], item: MergeItem, deferred: list) -> None:
    uuid = item.key[0]
    if item.theirs is None:
        conn.execute(f"DELETE FROM {cls.table} WHERE uuid=?", (uuid,))
        return
    row = dict(item.theirs)
    for column, parent in _fk_map(conn, cls.table).items():
        if row.get(column) is None:
            continue
        if parent == cls.table:
            deferred.append((cls.table, column, uuid, row[column]))
            row[column] = None
        else:
            row[column] = _id_of(conn, parent, row[column])
    if item.ours is None:
        names = list(row)
        conn.execute(f"INSERT INTO {cls.table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                     [row[n] for n in names])
    else:
        columns = [c for c in item.fields if c in row and c not in _self_refs(conn, cls.table)]
        if columns:
            conn.execute(f"UPDATE {cls.table} SET {', '.join(f'{c}=?' for c in columns)} WHERE uuid=?",
                         [*(row[c] for c in columns), uuid])


def _self_refs(conn: sqlite3.Connection, table: str) -> set[str]:
    return {column for column, parent in _fk_map(conn, table).items() if parent == table}


def _apply_link(conn: sqlite3.Connection, item: MergeItem) -> None:
    keys = _LINKS[item.table]
    values = {}
    for (column, ref), key in zip(keys, item.key, strict=True):
        values[column] = _id_of(conn, ref, key) if ref else key
    if any(v is None for v in values.values()):
        return  # the linked record was not taken over
    if item.theirs is None:
        where = " AND ".join(f"{column}=?" for column in values)
        conn.execute(f"DELETE FROM {item.table} WHERE {where}", list(values.values()))
        return
    values.update(item.theirs or {})
    names = list(values)
    conn.execute(f"INSERT OR REPLACE INTO {item.table} ({', '.join(names)}) VALUES "
                 f"({', '.join('?' * len(names))})", [values[n] for n in names])

