"""What our own schema says at a given version, read from an in-memory database built by our
migrations: the yardstick a stranger's file is measured with.

Built once per version and process (one run of the migrations serves the SQL comparison,
the CHECK constraints and the references alike: ~25 ms saved on the first open).
"""

from __future__ import annotations

import functools
import sqlite3
from dataclasses import dataclass, field

from k360desk.projectfile import gpkg, schema, schemacheck

# GeoPackage tables whose rows we insert, update or delete: a constraint or default added
# to them by a stranger would run on our writes, so they must be exactly ours.
WRITTEN_GPKG_TABLES = ("gpkg_contents", "gpkg_geometry_columns")


@dataclass(frozen=True)
class Reference:
    """Our schema at one version."""

    sql: dict[str, str]  # name → normalised SQL of each object we create
    checks: dict[str, tuple[str, ...]]  # table → its CHECK expressions
    # table → (column, parent table, parent column) of each single-column reference to a
    # parent's integer primary key (the ones a query can test by rowid)
    references: dict[str, tuple[tuple[str, str, str], ...]] = field(default_factory=dict)
    first_key: dict[str, str] = field(default_factory=dict)  # table → NOT NULL first key column


@functools.lru_cache(maxsize=8)
def at_version(version: int) -> Reference:
    """Our schema after the migration steps up to ``version``."""
    conn = sqlite3.connect(":memory:")
    try:
        gpkg.create_core(conn, register_wgs84=False)
        for step in range(1, version + 1):
            schema.MIGRATIONS[step](conn)
        rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"
                            ).fetchall()
        sql = {name: schemacheck.normal(text) for _kind, name, text in rows
               if not name.startswith("gpkg_") or name in WRITTEN_GPKG_TABLES}
        tables = [name for kind, name, _text in rows if kind == "table"]
        checks = {name: tuple(schemacheck.check_expressions(text or ""))
                  for kind, name, text in rows if kind == "table"}
        return Reference(sql, checks, _references(conn, tables), _first_keys(conn, tables))
    finally:
        conn.close()


def _rowid_column(conn: sqlite3.Connection, table: str) -> str | None:
    keys = [r for r in conn.execute(f'PRAGMA table_info("{table}")') if r[5]]
    if len(keys) == 1 and keys[0][2].upper() == "INTEGER":
        without_rowid = conn.execute("SELECT sql FROM sqlite_master WHERE name=?", (table,)
                                     ).fetchone()[0].upper().rstrip().endswith("WITHOUT ROWID")
        return None if without_rowid else keys[0][1]
    return None


def _references(conn: sqlite3.Connection, tables: list[str]
                ) -> dict[str, tuple[tuple[str, str, str], ...]]:
    found = {}
    for table in tables:
        rows = conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall()
        simple = []
        for fk_id in {r[0] for r in rows}:
            parts = [r for r in rows if r[0] == fk_id]
            if len(parts) == 1 and parts[0][4] is not None \
                    and parts[0][4] == _rowid_column(conn, parts[0][2]):
                simple.append((parts[0][3], parts[0][2], parts[0][4]))
        found[table] = tuple(sorted(simple))
    return found


def _first_keys(conn: sqlite3.Connection, tables: list[str]) -> dict[str, str]:
    found = {}
    for table in tables:
        columns = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
        first = [r for r in columns if r[5] == 1]
        if first and first[0][3]:  # NOT NULL: every row falls in one of two key ranges
            found[table] = first[0][1]
    return found
