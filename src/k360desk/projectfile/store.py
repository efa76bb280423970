"""Reading and writing single records, with change notices, a change log and undoable deletes."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from k360desk import money
from k360desk.projectfile import gpkg, paths
from k360desk.projectfile.changes import Change
from k360desk.projectfile.errors import ProjectError, RecordInUseError
from k360desk.projectfile.records import BY_TABLE, Record

R = TypeVar("R", bound=Record)


@dataclass
class Snapshot:
    """Everything a delete removed or changed, so that undo can put it back exactly."""

    rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # parents first
    nulled: list[tuple[str, str, Any, str, Any]] = field(default_factory=list)
    # (table, key column, key value, column, old value)


class RecordStore:
    """Mixin of ``Project``: typed access to single records."""

    _conn: sqlite3.Connection
    srs_id: int

    # --- reading -----------------------------------------------------------------------

    def _decode(self, cls: type[R], row: sqlite3.Row | tuple, cols: list[str]) -> R:
        data = money.row_from_store(cls.table, dict(zip(cols, row, strict=True)))
        if cls.geometry and data.get(cls.geometry) is not None:
            data[cls.geometry] = gpkg.from_blob(data[cls.geometry])
        return cls.from_row(data)  # type: ignore[return-value]

    def get(self, cls: type[R], record_id: int) -> R | None:
        """Return one record by its integer id, or None."""
        cols = cls.columns()
        row = self._conn.execute(
            f"SELECT {', '.join(cols)} FROM {cls.table} WHERE {cls.pk}=?", (record_id,)
        ).fetchone()
        return None if row is None else self._decode(cls, row, cols)

    def get_by_uuid(self, cls: type[R], uuid: str) -> R | None:
        """Return one record by its stable identity, or None."""
        cols = cls.columns()
        row = self._conn.execute(
            f"SELECT {', '.join(cols)} FROM {cls.table} WHERE uuid=?", (uuid,)
        ).fetchone()
        return None if row is None else self._decode(cls, row, cols)

    def all(self, cls: type[R], order_by: str | None = None, **where: Any) -> list[R]:
        """Return all records of a kind, optionally filtered by equal column values."""
        cols = cls.columns()
        sql = f"SELECT {', '.join(cols)} FROM {cls.table}"
        clauses, params = self._where(cls, where)
        sql += clauses
        order = order_by or ("sort, name" if "sort" in cols else "name" if "name" in cols else cls.pk)
        for part in order.split(","):
            if part.strip().split()[0] not in cols:
                raise ValueError(f"unknown column {part!r}")
        sql += f" ORDER BY {order}"
        return [self._decode(cls, row, cols) for row in self._conn.execute(sql, params)]

    def find(self, cls: type[R], **where: Any) -> R | None:
        """Return the first record with the given column values, or None."""
        found = self.all(cls, order_by=cls.pk, **where)
        return found[0] if found else None

    def count(self, table: str) -> int:
        """Number of rows of one of our tables."""
        if table not in _known_tables():
            raise ValueError(table)
        return self._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    @staticmethod
    def _where(cls: type[Record], where: dict[str, Any]) -> tuple[str, list[Any]]:
        if not where:
            return "", []
        cols = cls.columns()
        parts, params = [], []
        for column, value in where.items():
            column = cls.pk if column == "id" else column
            if column not in cols:
                raise ValueError(f"unknown column {column!r}")
            if value is None:
                parts.append(f"{column} IS NULL")
            else:
                parts.append(f"{column}=?")
                params.append(value)
        return " WHERE " + " AND ".join(parts), params

    # --- writing -----------------------------------------------------------------------

    def _encode(self, cls: type[Record], row: dict[str, Any]) -> dict[str, Any]:
        row = money.row_to_store(cls.table, row)
        if cls.geometry and cls.geometry in row:
            row[cls.geometry] = gpkg.to_blob(row[cls.geometry], self.srs_id)
        return row

    def add(self, record: Record) -> int:
        """Insert a record (keeping its id if set, as undo needs); return its id."""
        self._check_writable()  # type: ignore[attr-defined]
        cls = type(record)
        row = self._encode(cls, record.to_row())
        if row.get(cls.pk) is None:
            row.pop(cls.pk)
        names = list(row)
        try:
            cursor = self._conn.execute(
                f"INSERT INTO {cls.table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                [row[n] for n in names],
            )
        except sqlite3.IntegrityError as exc:
            self._conn.rollback() if self._tx_depth == 0 else None  # type: ignore[attr-defined]
            raise ProjectError(_integrity_message(cls, exc)) from exc
        record.id = cursor.lastrowid if row.get(cls.pk) is None else row[cls.pk]
        self.log("insert", cls.table, record.uuid, _describe(record))
        self._after_write(cls, "insert", record.id)
        return record.id  # type: ignore[return-value]

    def update(self, cls: type[Record], record_id: int, **values: Any) -> dict[str, Any]:
        """Change some fields of a record; return their old values (for undo)."""
        self._check_writable()  # type: ignore[attr-defined]
        cols = cls.columns()
        for name in values:
            if name not in cols or name in ("id", "uuid", cls.pk):
                raise ValueError(f"unknown or fixed column {name!r}")
        old = self.get(cls, record_id)
        if old is None:
            raise ProjectError(f"{cls.label or cls.table} {record_id} gibt es nicht (mehr).")
        before = {name: getattr(old, name) for name in values}
        row = self._encode(cls, dict(values))
        try:
            self._conn.execute(
                f"UPDATE {cls.table} SET {', '.join(f'{n}=?' for n in row)} WHERE {cls.pk}=?",
                [*row.values(), record_id],
            )
        except sqlite3.IntegrityError as exc:
            self._conn.rollback() if self._tx_depth == 0 else None  # type: ignore[attr-defined]
            raise ProjectError(_integrity_message(cls, exc)) from exc
        if cls.table == "indicators" and {"kind", "numerator_id", "denominator_id"} & set(values):
            self._forget_undefined(getattr(old, "key", ""))
        shown = {k: v for k, v in values.items() if k != cls.geometry}
        self.log("update", cls.table, old.uuid, json.dumps(shown, ensure_ascii=False, default=str))
        self._after_write(cls, "update", record_id)
        return before

    def _forget_undefined(self, key: str) -> None:
        """A kind chosen by hand ends "not aggregated" of an indicator an import created without
        a definition (models/indicator_defs.py keeps that mark in the meta indicator_rules)."""
        row = self._conn.execute("SELECT value FROM k360_meta WHERE key='indicator_rules'").fetchone()
        try:
            rules = json.loads(row[0]) if row and row[0] else {}
        except ValueError:
            return
        rule = rules.get(key) if isinstance(rules, dict) else None
        if isinstance(rule, dict) and rule.get("undefined"):
            del rules[key]
            self._conn.execute("UPDATE k360_meta SET value=? WHERE key='indicator_rules'",
                               (json.dumps(rules, ensure_ascii=False, sort_keys=True),))

    def dependents(self, cls: type[Record], record_id: int) -> dict[str, int]:
        """Count what depends on a record: German label → number of records."""
        counts: dict[str, int] = {}
        for child, column, _action in _children(self._conn, cls.table):
            sql = f"SELECT count(*) FROM {child} WHERE {column}=?"
            n = self._conn.execute(sql, (record_id,)).fetchone()[0]
            if n and child != cls.table:
                label = _TABLE_LABELS.get(child, child)
                counts[label] = counts.get(label, 0) + n
        return counts

    def delete(self, cls: type[Record], record_id: int) -> Snapshot:
        """Delete a record and what cascades from it; return a snapshot for undo."""
        self._check_writable()  # type: ignore[attr-defined]
        snapshot = Snapshot()
        record = self.get(cls, record_id)
        if record is None:
            return snapshot
        self._collect(cls.table, cls.pk, record_id, snapshot, set())
        try:
            self._conn.execute(f"DELETE FROM {cls.table} WHERE {cls.pk}=?", (record_id,))
        except sqlite3.IntegrityError as exc:
            if self._tx_depth == 0:  # type: ignore[attr-defined]
                self._conn.rollback()
            raise RecordInUseError(
                f"{cls.label} „{_describe(record)}“ wird noch verwendet und kann nicht gelöscht werden."
            ) from exc
        self.log("delete", cls.table, record.uuid, _describe(record))
        self._after_write(cls, "delete", record_id)
        return snapshot

    def restore(self, snapshot: Snapshot) -> None:
        """Put back what a delete removed (undo), all or nothing."""
        self._check_writable()  # type: ignore[attr-defined]
        order = _table_order(self._conn)
        rows, seen = [], set()
        for table, row in snapshot.rows:
            identity = (table, tuple(sorted(row.items(), key=lambda item: item[0])))
            if identity not in seen:  # a link row may be reached along two paths
                seen.add(identity)
                rows.append((table, row))
        # Parents before children, whatever path the delete took to reach them.
        rows.sort(key=lambda item: order.get(item[0], len(order)))
        tables = set()
        self._conn.execute("SAVEPOINT restore_snapshot")
        try:
            for table, row in rows:
                names = list(row)
                self._conn.execute(
                    f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                    [row[n] for n in names],
                )
                tables.add(table)
            for table, key, key_value, column, value in snapshot.nulled:
                self._conn.execute(f"UPDATE {table} SET {column}=? WHERE {key}=?", (value, key_value))
                tables.add(table)
        except sqlite3.Error as exc:
            self._conn.execute("ROLLBACK TO restore_snapshot")
            self._conn.execute("RELEASE restore_snapshot")
            raise ProjectError(f"Das Löschen ließ sich nicht rückgängig machen ({exc}).") from exc
        self._conn.execute("RELEASE restore_snapshot")
        self.log("restore", ",".join(sorted(tables)), None, f"{len(rows)} Datensätze")
        if "indicators" in tables:
            self.rebuild_views()  # type: ignore[attr-defined]
        self._autocommit()  # type: ignore[attr-defined]
        for table in tables:
            self.changes.emit(Change(table, "insert"))  # type: ignore[attr-defined]

    def _collect(self, table: str, key: str, value: Any, snapshot: Snapshot, seen: set) -> None:
        if (table, value) in seen:
            return
        seen.add((table, value))
        cursor = self._conn.execute(f"SELECT * FROM {table} WHERE {key}=?", (value,))
        names = [d[0] for d in cursor.description]
        for row in cursor.fetchall():
            snapshot.rows.append((table, dict(zip(names, row, strict=True))))
        for child, column, action in _children(self._conn, table):
            pk = _primary_key(self._conn, child)
            if action == "CASCADE":
                if pk is None:  # a link or value table: no children of its own
                    cursor = self._conn.execute(f"SELECT * FROM {child} WHERE {column}=?", (value,))
                    names = [d[0] for d in cursor.description]
                    for row in cursor.fetchall():
                        snapshot.rows.append((child, dict(zip(names, row, strict=True))))
                    continue
                ids = self._conn.execute(f"SELECT {pk} FROM {child} WHERE {column}=?", (value,))
                for (child_id,) in ids.fetchall():
                    self._collect(child, pk, child_id, snapshot, seen)
            elif action == "SET NULL" and pk:
                for child_id, in self._conn.execute(f"SELECT {pk} FROM {child} WHERE {column}=?", (value,)):
                    snapshot.nulled.append((child, pk, child_id, column, value))

    def _after_write(self, cls: type[Record], op: str, record_id: int | None) -> None:
        if cls.table == "indicators":
            self.rebuild_views()  # type: ignore[attr-defined]
        self._autocommit()  # type: ignore[attr-defined]
        self.changes.emit(Change(cls.table, op, (record_id,) if record_id else ()))  # type: ignore[attr-defined]

    def scrub_log(self, tables: tuple[str, ...]) -> None:
        """Empty the logged details of changes to these tables (data minimisation)."""
        self._check_writable()  # type: ignore[attr-defined]
        marks = ", ".join("?" * len(tables))
        self._conn.execute(f"UPDATE change_log SET details='' WHERE entity IN ({marks})", tables)
        self._autocommit()  # type: ignore[attr-defined]

    def log(self, action: str, entity: str, entity_uuid: str | None, details: str = "") -> None:
        """Append to the change log (who changed what and when)."""
        self._conn.execute(
            "INSERT INTO change_log (at, user, action, entity, entity_uuid, details) VALUES (?,?,?,?,?,?)",
            (datetime.now().isoformat(timespec="seconds"), paths.user_name(), action, entity,
             entity_uuid, details[:2000]),
        )


_TABLE_LABELS = {cls.table: cls.label for cls in BY_TABLE.values()} | {
    "indicator_values": "Indikatorwerte", "facility_target_groups": "Zielgruppen-Zuordnungen",
    "application_districts": "Antrags-Sozialräume", "application_amounts": "Antragsbeträge",
    "scores": "Bewertungen", "index_components": "Index-Komponenten",
    "index_exclusions": "Index-Ausschlüsse", "index_results": "Index-Ergebnisse",
    "round_budgets": "Budgetjahre", "application_partners": "Verbundpartner",
    "proof_lines": "Nachweis-Positionen",
}



def table_label(table: str) -> str:
    """German name of a table for people (\"Sozialraum\" for districts); the name if unknown."""
    return _TABLE_LABELS.get(table, table)


_FK_CACHE: dict[str, list[tuple[str, str, str]]] = {}
_PK_CACHE: dict[str, str | None] = {}
_ORDER_CACHE: dict[str, int] = {}


def _known_tables() -> set[str]:
    from k360desk.projectfile import schema

    return set(schema.OWN_TABLES)


def _children(conn: sqlite3.Connection, table: str) -> list[tuple[str, str, str]]:
    """Tables with a foreign key to ``table``: (child table, column, on-delete action)."""
    if not _FK_CACHE:
        for child in _known_tables():
            for fk in conn.execute(f"PRAGMA foreign_key_list({child})"):
                _FK_CACHE.setdefault(fk[2], []).append((child, fk[3], fk[6]))
    return _FK_CACHE.get(table, [])


def _table_order(conn: sqlite3.Connection) -> dict[str, int]:
    """Our tables in an order where every table comes after the tables it references."""
    if not _ORDER_CACHE:
        parents = {table: set() for table in _known_tables()}
        for parent, children in ((p, c) for p, c in _children_map(conn).items()):
            for child, _column, _action in children:
                if child != parent and child in parents:
                    parents[child].add(parent)
        placed: list[str] = []
        while len(placed) < len(parents):
            ready = sorted(t for t, ps in parents.items() if t not in placed and ps <= set(placed))
            if not ready:  # a cycle: place the rest as they come
                ready = sorted(t for t in parents if t not in placed)
            placed.extend(ready)
        _ORDER_CACHE.update({table: index for index, table in enumerate(placed)})
    return _ORDER_CACHE


def _children_map(conn: sqlite3.Connection) -> dict[str, list[tuple[str, str, str]]]:
    _children(conn, "districts")  # fills the cache
    return _FK_CACHE


def _primary_key(conn: sqlite3.Connection, table: str) -> str | None:
    if table not in _PK_CACHE:
        pks = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[5]]
        _PK_CACHE[table] = pks[0] if len(pks) == 1 else None
    return _PK_CACHE[table]


def _describe(record: Record) -> str:
    for name in ("name", "title", "code", "key", "text"):
        value = getattr(record, name, None)
        if value:
            return str(value)
    return record.uuid


def _integrity_message(cls: type[Record], exc: sqlite3.IntegrityError) -> str:
    text = str(exc)
    if "UNIQUE" in text:
        column = text.rsplit(".", 1)[-1]
        return f"{cls.label}: Der Wert für „{column}“ ist bereits vergeben."
    if "FOREIGN KEY" in text:
        return f"{cls.label}: Ein verknüpfter Datensatz fehlt oder wird noch verwendet."
    if "NOT NULL" in text:
        column = text.rsplit(".", 1)[-1]
        return f"{cls.label}: „{column}“ darf nicht leer sein."
    if "CHECK" in text:
        return f"{cls.label}: Ein Wert liegt außerhalb des erlaubten Bereichs ({text})."
    return f"{cls.label}: {text}"
