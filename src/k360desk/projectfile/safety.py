"""Checks that treat every opened file as untrusted input.

Follows SQLite's guidance for database files from untrusted sources: look at the header
before SQLite does, open read-only with ``trusted_schema`` off and tight limits, run an
integrity check, accept only the schema objects we know (nothing that could run code
when a table is read), and only then copy the pages into a working file.
"""

from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from k360desk.messages import tr
from k360desk.projectfile import contents, gpkg, paths, reference, schema, schemacheck
from k360desk.projectfile.errors import (
    DamagedFileError,
    FileTooNewError,
    ForeignFileError,
    NotAProjectError,
    UnsafeFileError,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
MAX_FILE_BYTES = 4 * 1024**3
MAX_VALUE_BYTES = 64 * 1024**2
WATCHDOG_SECONDS = 10.0

_GDAL_TABLE = re.compile(r"^(gpkg_.+|rtree_.+|sqlite_.+)$")


@dataclass
class Inspection:
    """What the checks found out about a file."""

    schema_version: int
    application_id: int
    foreign_triggers: list[str] = field(default_factory=list)
    foreign_tables: list[str] = field(default_factory=list)
    extra_indexes: list[str] = field(default_factory=list)
    foreign_view: bool = False

    def findings(self) -> list[str]:
        """What the opener removes because we did not write it (for ``check``)."""
        found = [f"Fremder Index „{name}“ (wird beim Öffnen entfernt: er würde bei jedem"
                 " Schreiben ausgeführt)." for name in self.extra_indexes]
        if self.foreign_view:
            found.append(f"Die Sicht „{schema.LATEST_VALUES_VIEW}“ enthält fremdes SQL (wird"
                         " beim Öffnen durch die eigene ersetzt).")
        return found

    def hints(self) -> list[str]:
        """Harmless additions of GIS programs that the opener removes."""
        return [f"Trigger „{name}“ eines GIS-Programms wird beim Öffnen entfernt."
                for name in self.foreign_triggers]


def connect_readonly(path: Path) -> sqlite3.Connection:
    """Open a file read-only with limits and no trust in its schema."""
    # Not Path.as_uri(): SQLite rejects its form of UNC paths (network drives on Windows).
    uri = paths.sqlite_uri(Path(path).resolve(), mode="ro")
    conn = sqlite3.connect(uri, uri=True)
    harden(conn)
    return conn


def connect_checker(path: Path) -> sqlite3.Connection:
    """A connection that checks our working copy beside the main one: hardened and limited to
    queries, yet opened for writing, because only then do SQLite's checks of a table test
    its CHECK constraints."""
    # Used by one worker thread at a time, after it was opened in the caller's.
    conn = sqlite3.connect(paths.sqlite_uri(Path(path).resolve(), mode="rw"), uri=True,
                           check_same_thread=False)
    harden(conn)
    conn.execute("PRAGMA query_only = ON")
    return conn


def harden(conn: sqlite3.Connection, attach: int = 0) -> None:
    """Apply the defensive settings to a connection (``attach``: slots VACUUM INTO needs)."""
    # Python 3.11's sqlite3 has no setconfig; from 3.12 on defensive mode is switched on
    # too (docs/decisions.md). The schema checks do not rely on it.
    if hasattr(conn, "setconfig"):
        conn.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA cell_size_check = ON")
    conn.execute("PRAGMA mmap_size = 0")
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, 1_000_000)
    conn.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, attach)


def check_header(path: Path) -> None:
    """Refuse files that are missing, empty, huge or not SQLite before SQLite reads them."""
    path = Path(path)
    if not path.exists():
        raise NotAProjectError(tr("Die Datei „{path}“ gibt es nicht.", path=path))
    if not path.is_file():
        raise NotAProjectError(tr("„{path}“ ist keine Datei.", path=path))
    size = path.stat().st_size
    if size == 0:
        raise NotAProjectError(tr("Die Datei „{name}“ ist leer (0 Byte).", name=path.name))
    if size > MAX_FILE_BYTES:
        raise UnsafeFileError(f"Die Datei „{path.name}“ ist mit {size // 1024**2} MB zu groß.")
    with open(path, "rb") as handle:
        head = handle.read(100)
    if not head.startswith(SQLITE_MAGIC):
        raise NotAProjectError(
            tr("„{name}“ ist keine k360desk-Projektdatei (keine SQLite-Datenbank).", name=path.name)
        )
    if len(head) < 100 or size < 512:
        raise DamagedFileError(tr("Die Datei „{name}“ ist unvollständig (abgeschnitten).", name=path.name))


def expected_schema(version: int) -> dict[str, str]:
    """Return name → normalised SQL of our schema objects at a given version."""
    return reference.at_version(version).sql


WRITTEN_GPKG_TABLES = reference.WRITTEN_GPKG_TABLES


_normal = schemacheck.normal


def inspect(conn: sqlite3.Connection, name: str, trusted: bool = False,
            objects_only: bool = False) -> Inspection:
    """Run the checks that need no copy; raise a typed error on failure.

    Schema objects are checked before any of our tables is read, so a view or virtual
    table posing as one of ours never runs. A watchdog interrupts any query that runs
    longer than a few seconds (a crafted recursive view, a huge scan). Unless the file is
    one we saved ourselves (``trusted``), its pages are checked before any table is read.
    ``objects_only``: just the checks of the schema, which read no table (before a copy).
    """
    deadline = time.monotonic() + WATCHDOG_SECONDS
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        if objects_only:
            return inspect_objects(conn, name)[0]
        return _inspect(conn, name, trusted)
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise UnsafeFileError(f"„{name}“ lässt sich nicht in angemessener Zeit prüfen und wird"
                                  " aus Sicherheitsgründen nicht geöffnet.") from exc
        raise sqlite_problem(exc, name) from exc
    finally:
        conn.set_progress_handler(None, 0)


def inspect_objects(conn: sqlite3.Connection, name: str) -> tuple[Inspection, list]:
    """The checks of the schema alone (no table is read): a foreign file, objects that could
    run code or pose as ours. Returns the findings so far and the schema's rows."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        objects = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    except sqlite3.DatabaseError as exc:
        raise DamagedFileError(tr("Die Datei „{name}“ ist beschädigt ({reason}).", name=name,
                                  reason=exc)) from exc
    names = {row[1] for row in objects}
    if "k360_meta" not in names:
        if "gpkg_contents" in names:
            raise ForeignFileError(
                f"„{name}“ ist ein GeoPackage eines anderen Programms, keine k360desk-Projektdatei."
                " Geodaten daraus können über „Importieren“ übernommen werden."
            )
        raise ForeignFileError(f"„{name}“ ist eine SQLite-Datenbank, aber keine k360desk-Projektdatei.")
    if app_id != gpkg.APPLICATION_ID:
        raise ForeignFileError(f"„{name}“ hat eine fremde Kennung und ist keine k360desk-Projektdatei.")
    result = Inspection(schema_version=0, application_id=app_id)
    _check_objects(objects, name, result)
    meta_sql = next(sql for _k, obj, _t, sql in objects if obj == "k360_meta")
    if _normal(meta_sql) != expected_schema(1)["k360_meta"]:
        raise DamagedFileError(f"Der Aufbau der Tabelle „k360_meta“ in „{name}“ wurde verändert;"
                               " die Datei wird nicht geöffnet.")
    return result, objects


def _inspect(conn: sqlite3.Connection, name: str, trusted: bool) -> Inspection:
    result, objects = inspect_objects(conn, name)
    names = {row[1] for row in objects}
    if not trusted:
        # SQLite's advice for untrusted files: check the pages before reading any table.
        # The CHECK constraints follow in ``verify_contents``, once the schema is known.
        _quick_check(conn, name, constraints=False)
    try:
        rows = conn.execute("SELECT value FROM k360_meta NOT INDEXED"
                            " WHERE key='schema_version'").fetchall()
        version = int(rows[0][0])
    except (sqlite3.DatabaseError, IndexError, TypeError, ValueError) as exc:
        raise DamagedFileError(
            tr("In „{name}“ fehlt die Versionsangabe des Datenmodells.", name=name)) from exc
    result.schema_version = version
    if version < 1:
        raise DamagedFileError(tr("„{name}“ hat eine ungültige Versionsangabe ({version}).", name=name,
                                  version=version))
    crs = conn.execute("SELECT value FROM k360_meta NOT INDEXED WHERE key='crs'").fetchone()
    if crs is not None and schemacheck.parse_crs(crs[0]) is None:
        shown = str(crs[0])[:30]
        raise DamagedFileError(f"In „{name}“ ist das Bezugssystem ungültig („{shown}“); erwartet"
                               " wird z. B. „EPSG:25832“. Die Datei wird nicht geöffnet.")
    tables = {obj for kind, obj, _t, _s in objects if kind == "table"}
    too_new = version > schema.SCHEMA_VERSION
    expected = expected_schema(min(version, schema.SCHEMA_VERSION))
    if too_new:
        # We cannot know the newer schema, but the read-only views need our tables and
        # columns; everything that could run SQL is still held against what we know.
        missing = [t for t in schema.OWN_TABLES if t not in tables]
        missing += schemacheck.missing_columns(conn, [t for t in schema.OWN_TABLES if t in tables])
        if missing:
            raise DamagedFileError(f"In „{name}“ fehlen Tabellen oder Spalten:"
                                   f" {', '.join(sorted(missing)[:5])}")
        for _kind, obj, _table, sql in objects:
            if obj in WRITTEN_GPKG_TABLES and _normal(sql) != expected[obj]:
                raise DamagedFileError(f"Der Aufbau der Tabelle „{obj}“ in „{name}“ wurde"
                                       " verändert; die Datei wird nicht geöffnet.")
    else:
        for kind, obj, _table, sql in objects:
            if kind != "index" and obj in expected and _normal(sql) != expected[obj]:
                raise DamagedFileError(
                    f"Der Aufbau der Tabelle „{obj}“ in „{name}“ wurde verändert; die Datei"
                    " wird nicht geöffnet."
                )
        missing = [t for t in expected if t not in names and not t.startswith("sqlite_")]
        if missing:
            raise DamagedFileError(f"In „{name}“ fehlen Tabellen: {', '.join(sorted(missing)[:5])}")
    result.extra_indexes = schemacheck.unexpected_indexes(objects, expected)
    if too_new or version == schema.SCHEMA_VERSION:
        # Older files get their view rebuilt by the migration anyway.
        result.foreign_view = schemacheck.foreign_view(conn, objects)
    if too_new:
        error = FileTooNewError(
            f"„{name}“ wurde mit einer neueren k360desk-Version gespeichert (Datenmodell {version},"
            f" diese Version kennt bis {schema.SCHEMA_VERSION}). Bitte k360desk aktualisieren;"
            " die Datei kann nur gelesen werden.",
            version,
        )
        error.inspection = result
        raise error
    return result


def _check_objects(objects: list, name: str, result: Inspection) -> None:
    """Refuse schema objects that could run code or pose as our tables."""
    own = set(schema.OWN_TABLES)
    for kind, obj, _table, sql in objects:
        text = (sql or "").upper()
        if kind == "table" and "VIRTUAL TABLE" in text:
            if not (obj.startswith("rtree_") and "RTREE" in text):
                raise UnsafeFileError(f"„{name}“ enthält eine unbekannte virtuelle Tabelle („{obj}“)"
                                      " und wird aus Sicherheitsgründen nicht geöffnet.")
        elif kind == "trigger":
            # GDAL's triggers are dropped from the working copy before any write, so
            # their bodies never run; anything else is refused.
            if not schemacheck.is_gdal_trigger(obj, sql):
                raise UnsafeFileError(
                    f"„{name}“ enthält einen unbekannten Trigger („{obj}“) und wird aus"
                    " Sicherheitsgründen nicht geöffnet."
                )
            result.foreign_triggers.append(obj)
        elif kind == "view":
            if obj != schema.LATEST_VALUES_VIEW:
                raise UnsafeFileError(
                    f"„{name}“ enthält eine unbekannte Sicht („{obj}“) und wird aus"
                    " Sicherheitsgründen nicht geöffnet."
                )
        elif kind == "table" and obj not in own and not _GDAL_TABLE.match(obj):
            result.foreign_tables.append(obj)


def sqlite_problem(exc: sqlite3.Error, name: str) -> DamagedFileError:
    """A German error for what SQLite reports about a stranger's file."""
    text = str(exc)
    match = re.search(r"no such collation sequence: (\S+)", text)
    if match:
        return DamagedFileError(tr("„{name}“ verwendet eine unbekannte Sortierregel („{rule}“) eines "
                                   "anderen Programms und kann nicht geöffnet werden.", name=name,
                                   rule=match.group(1)))
    return DamagedFileError(tr("Die Datei „{name}“ ist beschädigt ({reason}).", name=name, reason=text))


def _quick_check(conn: sqlite3.Connection, name: str, constraints: bool = True) -> None:
    """SQLite's integrity check of the pages; ``constraints=False`` leaves CHECK constraints
    to ``contents`` (SQLite evaluates them ~5× slower than a query does)."""
    if not constraints:
        conn.execute("PRAGMA ignore_check_constraints = ON")
    try:
        check = conn.execute("PRAGMA quick_check").fetchall()
    finally:
        conn.execute("PRAGMA ignore_check_constraints = OFF")
    _refuse_damage(check, name)


def _refuse_damage(check: list, name: str) -> None:
    if check != [("ok",)]:
        detail = "; ".join(str(r[0]) for r in check[:3])
        raise DamagedFileError(tr("Die Datei „{name}“ ist beschädigt oder verletzt die Regeln des"
                                  " Datenmodells: {detail}", name=name, detail=detail))


def _refuse_finding(conn: sqlite3.Connection, broken: contents.Finding, name: str) -> None:
    if broken.kind == "damage":
        _refuse_damage(list(broken.rows), name)
    if broken.kind == "check":
        _refuse_damage([(f"CHECK constraint failed in {broken.table}",)], name)
    # Found by a query of ours: SQLite names the rows (slowly, but only for a broken file).
    rows = list(broken.rows) or conn.execute(
        f'PRAGMA foreign_key_check("{broken.table}")').fetchmany(3)
    _refuse_broken_references(rows or [(broken.table, None, "?", 0)], name)


def _refuse_broken_references(broken: list, name: str) -> None:
    if broken:
        detail = "; ".join(f"{table} (Zeile {rowid}) → {parent}" if rowid is not None
                           else f"{table} → {parent}" for table, rowid, parent, _fk in broken)
        raise DamagedFileError(f"„{name}“ enthält Verweise ins Leere: {detail}")


def verify_contents(conn: sqlite3.Connection, name: str, found: Inspection | None = None
                    ) -> list[str]:
    """Check the copied contents (on the working copy, where CHECK constraints and foreign
    keys are really verified; see ``contents``). Raises for damage; returns notices for the
    user. ``found``: what ``inspect`` found on this connection, which checked the pages
    already; anything a stranger added that could mislead a query is removed and committed."""
    if found is None or found.schema_version > schema.SCHEMA_VERSION:
        _quick_check(conn, name)  # a newer schema's constraints are not ours to rebuild
        _refuse_broken_references(conn.execute("PRAGMA foreign_key_check").fetchmany(3), name)
    else:
        ref = reference.at_version(found.schema_version)
        try:
            broken = contents.find_broken(conn, ref, connect_checker)
        except sqlite3.DatabaseError as exc:
            raise sqlite_problem(exc, name) from exc
        if broken is not None:
            _refuse_finding(conn, broken, name)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    if pages * conn.execute("PRAGMA page_size").fetchone()[0] <= MAX_VALUE_BYTES:
        return []  # no value is larger than the whole file: nothing to measure
    for table in schema.OWN_TABLES:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")
                   if r[2].upper() in ("TEXT", "BLOB", "") or "TEXT" in r[2].upper()]
        if not columns:
            continue
        probe = ", ".join(f"max(length(CAST({c} AS BLOB)))" for c in columns)
        try:
            sizes = conn.execute(f"SELECT {probe} FROM {table}").fetchone()
        except sqlite3.DataError as exc:
            raise UnsafeFileError(f"„{name}“ enthält in „{table}“ einen zu großen Wert.") from exc
        if any(size is not None and size > MAX_VALUE_BYTES for size in sizes):
            raise UnsafeFileError(f"„{name}“ enthält in „{table}“ einen zu großen Wert.")
    return []
