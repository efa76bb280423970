"""The project: one file per municipality, opened through a local working copy.

``Project`` is the only class that opens a connection to a project file. It creates,
opens (after the untrusted-file checks), migrates, saves (compact checked copy plus
atomic replace) and closes. Reading and writing records lives in the mixins of
``store.py`` and ``bulk.py``.
"""

from __future__ import annotations

import os
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from k360desk import FILE_SUFFIX
from k360desk.projectfile import (
    backups,
    gpkg,
    ondisk,
    paths,
    receiving,
    safety,
    schema,
    schemacheck,
    trust,
    workfile,
)
from k360desk.projectfile.bulk import BulkStore
from k360desk.projectfile.changes import Change, ChangeHub
from k360desk.projectfile.errors import (
    DamagedFileError,
    FileChangedError,
    FileTooNewError,
    ProjectError,
    ReadOnlyError,
)
from k360desk.projectfile.store import RecordStore

DEFAULT_CRS = 25832
DEFAULT_THRESHOLD = 3
KEEP_BACKUPS = 5
# Module names the crash tests replace to stop a save at an exact point.
_fsync, _fsync_dir = ondisk.fsync, ondisk.fsync_dir


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


class Project(RecordStore, BulkStore):
    """An open project: a working copy, the document it belongs to, and its state."""

    def __init__(self, conn: sqlite3.Connection, work: Path, path: Path | None,
                 read_only: bool = False, read_only_reason: str = "",
                 too_new: bool = False) -> None:
        self._conn = conn
        self.work_path = work
        self.path = path
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        # A file from a newer version may hold data we do not understand: no edits at all.
        self.too_new = too_new
        self.changes = ChangeHub()
        self.modified = False
        self._replaced = 0  # whole-file restores, which SQLite's change counts do not see
        self.keep_backups = KEEP_BACKUPS  # the UI sets the user's preference
        self.notices: list[str] = []
        # Size, time and hash of the document as last read or written: Save compares them
        # so an edit made elsewhere (QGIS, a colleague) is never overwritten unasked.
        self.disk_stamp: tuple[int, int, str] | None = None
        # Indexes and view SQL of a stranger that the opener removed; ``check`` names them.
        self.removed_on_open: list[str] = []
        self._closed = False
        self._locked = False
        self._lock_refreshed = time.monotonic()
        self._tx_depth = 0
        self.changes.subscribe(self._on_change)
        self.srs_id = schemacheck.parse_crs(self.get_meta("crs", f"EPSG:{DEFAULT_CRS}")) or DEFAULT_CRS

    # --- creating and opening ----------------------------------------------------------

    @classmethod
    def create(cls, name: str, path: str | Path | None = None, crs: int = DEFAULT_CRS,
               ags: str = "") -> Project:
        """Create a new, empty project; with ``path``, it is saved there at once."""
        work = workfile.new_work_path(name)
        conn = _connect(work)
        try:
            gpkg.create_core(conn)
            gpkg.ensure_srs(conn, crs)
            _migrate(conn, 0)
            now = _now()
            meta = {
                "municipality": name, "ags": ags, "crs": f"EPSG:{crs}",
                "disclosure_threshold": str(DEFAULT_THRESHOLD), "created": now, "modified": now,
                "project_uuid": uuid.uuid4().hex, "language": "de",
            }
            conn.executemany("INSERT OR REPLACE INTO k360_meta VALUES (?, ?)", meta.items())
            _register_layers(conn, crs)
            conn.commit()
        except BaseException:
            conn.close()
            workfile.remove_work(work)
            raise
        project = cls(conn, work, None)
        project.rebuild_views()
        workfile.write_info(work, workfile.make_info(None, name))
        if path is not None:
            project.save_as(path)
        return project

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False,
             temp_is_document: bool = False) -> Project:
        """Open a project file after checking it as untrusted input.

        The file itself is never written here. A file from a newer version, a file
        that someone else has open, or one in a folder we cannot write opens read-only;
        so does one in the temp folder (a likely mail attachment) unless
        ``temp_is_document`` (the command line: scripts and CI work in temp folders).
        """
        path = Path(path).absolute()
        safety.check_header(path)
        reason = ""
        too_new = False
        received = receiving.copy_to_work(path, _connect)
        conn, work, opened_stamp = received.conn, received.work, received.stamp
        trusted = trust.is_known(path, opened_stamp)
        try:
            # The pages are checked once, on the page-for-page copy and before any table is
            # read (a second check of the file itself found nothing more and took as long).
            try:
                found = safety.inspect(conn, path.name, trusted)
            except FileTooNewError as exc:
                found, read_only, too_new, reason = exc.inspection, True, True, str(exc)
            except sqlite3.DatabaseError as exc:
                raise safety.sqlite_problem(exc, path.name) from exc
            _use_wal(conn)
            if not read_only:
                read_only, reason = ondisk.document_access(path, temp_is_document)
            # What we did not write goes before the first statement that could run it, and
            # is committed: the content checks read on connections of their own.
            _drop_gdal_additions(conn, found)
            conn.commit()
            if not trusted:
                safety.verify_contents(conn, path.name, found)
            migrated = False if too_new else _migrate(conn, found.schema_version)
            conn.commit()
            project = cls(conn, work, path, read_only, reason, too_new)
            project.disk_stamp = opened_stamp
            project.removed_on_open = found.findings()
            if not too_new or found.foreign_view:
                project.rebuild_views()
                conn.commit()
        except BaseException:
            conn.close()
            _wait_synced(received)
            workfile.remove_work(work)
            raise
        _wait_synced(received)
        if migrated:
            project.modified = True
            project.notices.append(
                f"Die Datei wurde auf das aktuelle Datenmodell (Version {schema.SCHEMA_VERSION})"
                " umgestellt. Beim Speichern wird sie im neuen Format geschrieben."
            )
        if reason:
            project.notices.append(reason)
        project.notices += found.hints() + project.removed_on_open
        if found.foreign_tables:
            project.notices.append(
                f"„{path.name}“ enthält Tabellen, die nicht von k360desk stammen"
                f" ({', '.join(found.foreign_tables[:5])}); sie werden unverändert mitgeführt.")
        info = workfile.make_info(path, path.stem)
        info.dirty = project.modified
        workfile.write_info(work, info)
        if not read_only:
            ondisk.remove_stale_copies(path)
            stale = workfile.stale_lock(path)
            if stale:
                project.notices.append(
                    f"Die Sperre von {stale['user']} ({stale['host']}) auf „{path.name}“ ist"
                    f" veraltet (seit über {workfile.STALE_LOCK_HOURS} Stunden nicht erneuert)"
                    " und wurde aufgehoben.")
            project._locked = workfile.take_lock(path)
            if not project._locked:  # someone else was a moment faster
                late, reason = ondisk.document_access(path, temp_is_document)
                if late:
                    project.read_only, project.read_only_reason = True, reason
                    project.notices.append(reason)
        return project

    @classmethod
    def recover(cls, leftover: workfile.Leftover) -> Project:
        """Reopen a working copy left behind by a crash, with its unsaved work."""
        work = leftover.work
        conn = _connect(work)
        try:
            found = safety.inspect(conn, work.name)
            _drop_gdal_additions(conn, found)
            conn.commit()
            safety.verify_contents(conn, work.name, found)
        except BaseException:
            conn.close()
            raise
        source = Path(leftover.info.source) if leftover.info.source else None
        read_only, reason = ondisk.document_access(source) if source is not None else (False, "")
        project = cls(conn, work, source, read_only, reason)
        if reason:
            project.notices.append(reason)
        project.modified = True
        info = workfile.make_info(source, leftover.info.title)
        info.dirty = True
        workfile.write_info(work, info)
        if source is not None and not read_only:
            project._locked = workfile.take_lock(source)
        return project

    # --- state ---------------------------------------------------------------------------

    @property
    def title(self) -> str:
        """The document name shown in the window title."""
        return self.path.name if self.path else self.get_meta("municipality", "Unbenannt")

    def _on_change(self, changes: list[Change]) -> None:
        # Any write may add or remove values (deleting an indicator removes its values too).
        self._forget_periods()
        if self._locked and self.path is not None and time.monotonic() > self._lock_refreshed + 600:
            self._lock_refreshed = time.monotonic()
            workfile.refresh_lock(self.path)
        if not self.modified:
            self.modified = True
            info = workfile.read_info(self.work_path)
            if info is not None:
                info.dirty = True
                workfile.write_info(self.work_path, info)

    def _check_writable(self) -> None:
        if self.too_new:
            raise ReadOnlyError(self.read_only_reason)
        if self._closed:
            raise ProjectError("Das Projekt ist geschlossen.")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes into one transaction and one batch of change notices."""
        self._check_writable()
        self._tx_depth += 1
        self.changes.begin()
        ok = False
        try:
            yield
            ok = True
        finally:
            self._tx_depth -= 1
            if self._tx_depth == 0:
                if ok:
                    self._conn.commit()
                else:
                    self._conn.rollback()
            self.changes.end(ok)

    def _autocommit(self) -> None:
        if self._tx_depth == 0:
            self._conn.commit()

    # --- meta ----------------------------------------------------------------------------

    def get_meta(self, key: str, default: str = "") -> str:
        """Read a project setting (municipality, AGS, CRS, disclosure threshold …)."""
        row = self._conn.execute("SELECT value FROM k360_meta WHERE key=?", (key,)).fetchone()
        return default if row is None or row[0] is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Change a project setting."""
        self._check_writable()
        self._conn.execute("INSERT OR REPLACE INTO k360_meta VALUES (?, ?)", (key, str(value)))
        if key == "disclosure_threshold":
            self.rebuild_views()
        self._autocommit()
        self.changes.emit(Change("k360_meta", "update"))

    @property
    def schema_version(self) -> int:
        """Version of our data model in this file."""
        return int(self.get_meta("schema_version", "0"))

    @property
    def disclosure_threshold(self) -> int:
        """Counts below this number are suppressed in every output."""
        value = schemacheck.parse_threshold(self.get_meta("disclosure_threshold"))
        # A damaged setting must never switch disclosure control off (``check`` names it).
        return DEFAULT_THRESHOLD if value is None else value

    # --- saving and closing -------------------------------------------------------------

    def save(self, overwrite_changed: bool = False) -> None:
        """Write the project to its file: compact checked copy, then atomic replace.

        Raises ``FileChangedError`` if the file changed on disk since it was opened or
        last saved, unless ``overwrite_changed`` (the user chose to overwrite).
        """
        if self.path is None:
            raise ReadOnlyError("Das Projekt hat noch keinen Dateinamen. Bitte „Speichern unter“.")
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason or "Die Datei ist schreibgeschützt geöffnet.")
        if not overwrite_changed and self.changed_on_disk():
            raise FileChangedError(
                f"„{self.path.name}“ wurde seit dem Öffnen außerhalb von k360desk geändert (z. B."
                " in QGIS oder von einer Kollegin). Speichern würde diese Änderungen überschreiben;"
                " bitte „Speichern unter“ wählen oder ausdrücklich überschreiben.")
        self._write_to(self.path)

    def changed_on_disk(self) -> bool:
        """Whether the document on disk differs from what was opened or last saved."""
        if self.path is None or self.disk_stamp is None or not self.path.exists():
            return False
        size, mtime, digest = self.disk_stamp
        stat = self.path.stat()
        if (stat.st_size, stat.st_mtime_ns) == (size, mtime):
            return False
        # Same bytes with a new time (copied back, touched by a sync tool) are no change.
        return stat.st_size != size or trust.stamp(self.path)[2] != digest

    def save_as(self, path: str | Path) -> None:
        """Write the project to a new file and make that the document."""
        path = Path(path).absolute()
        if path.suffix.lower() != FILE_SUFFIX:
            path = path.with_name(path.name + FILE_SUFFIX)
        if self.too_new:
            raise ReadOnlyError(self.read_only_reason)
        ondisk.refuse_locked(path)  # also when it is our own document opened read-only
        self._write_to(path)
        if self._locked and self.path is not None and self.path != path:
            workfile.release_lock(self.path)
        self.path = path
        self.read_only = False
        self.read_only_reason = ""
        self._locked = workfile.take_lock(path)
        info = workfile.read_info(self.work_path) or workfile.make_info(path, path.stem)
        info.source, info.title, info.dirty = str(path), path.stem, False
        workfile.write_info(self.work_path, info)

    def write_copy(self, path: str | Path) -> int:
        """Write a compact, checked copy without making it the document; return its size."""
        path = Path(path).absolute()
        if self.too_new:
            # Writing would change tables of a data model we do not know.
            raise ReadOnlyError(self.read_only_reason)
        ondisk.refuse_locked(path)
        self._write_to(path, as_document=False)
        return path.stat().st_size

    def _write_to(self, target: Path, as_document: bool = True) -> None:
        if as_document:
            self._conn.execute("INSERT OR REPLACE INTO k360_meta VALUES ('modified', ?)", (_now(),))
        self.update_extents()
        self._conn.commit()
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        ondisk.remove_stale_copies(target)
        try:
            tmp.unlink(missing_ok=True)
            self._conn.execute("VACUUM INTO ?", (str(tmp),))
            ondisk.verify_copy(tmp)
            _fsync(tmp)
            if as_document and target.exists():
                backups.keep_backup(target, self.get_meta("project_uuid", "projekt"), self.keep_backups)
            paths.replace_file(tmp, target)  # waits out OneDrive/virus-scanner locks
            _fsync_dir(target.parent)
            if as_document:
                self.disk_stamp = trust.remember(target)
                if self._locked:
                    workfile.refresh_lock(target)
        except (OSError, sqlite3.Error) as exc:
            tmp.unlink(missing_ok=True)
            detail = getattr(exc, "strerror", None) or ondisk.sqlite_reason(exc)
            raise ProjectError(f"„{target.name}“ konnte nicht gespeichert werden: {detail}."
                               " Die bisherige Datei ist unverändert.") from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        if as_document:
            self.modified = False
            info = workfile.read_info(self.work_path)
            if info is not None:
                info.dirty = False
                workfile.write_info(self.work_path, info)

    def close(self) -> None:
        """Close the project and discard the working copy (save first if wanted)."""
        if self._closed:
            return
        self._closed = True
        self._conn.close()
        workfile.remove_work(self.work_path)
        if self._locked and self.path is not None:
            workfile.release_lock(self.path)

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def checkpoint(self) -> Path:
        """Copy the current state to a file, so a big one-step change can be undone exactly."""
        self._conn.commit()
        target = self.work_path.with_name(f"{self.work_path.stem}-{uuid.uuid4().hex[:8]}.checkpoint")
        try:
            self._conn.execute("VACUUM INTO ?", (str(target),))
        except sqlite3.Error as exc:
            target.unlink(missing_ok=True)
            raise ProjectError(f"Der Zwischenstand für „Rückgängig“ ließ sich nicht anlegen:"
                               f" {ondisk.sqlite_reason(exc)}.") from exc
        return target

    def restore_checkpoint(self, checkpoint: Path, keep: bool = True) -> None:
        """Put the project back into the state of a checkpoint (undo of a merge or import)."""
        self._check_writable()
        self._conn.commit()
        source = safety.connect_readonly(checkpoint)
        try:
            source.backup(self._conn)
        finally:
            source.close()
            self._replaced += 1
        if not keep:
            checkpoint.unlink(missing_ok=True)
        self.rebuild_views()
        self._conn.commit()
        self.emit_everything()

    def change_stamp(self) -> tuple[int, int, int]:
        """Differs after every write to the file, by us or another program: the key of a
        cache of what was read (it may change without a real change, never the other way)."""
        version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        return int(version), self._conn.total_changes, self._replaced

    def emit_everything(self) -> None:
        """Tell listeners that any table may have changed (after a merge or a restore)."""
        self.changes.begin()
        for table in schema.OWN_TABLES:
            self.changes.emit(Change(table, "bulk"))
        self.changes.end(True)

    def connect_reader(self) -> sqlite3.Connection:
        """A separate read-only connection to the working copy, for background workers."""
        conn = safety.connect_readonly(self.work_path)
        return conn

    def check(self) -> list[str]:
        """Run the full integrity and conformance checks; return findings (empty = fine)."""
        findings = []
        result = self._conn.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            findings += [f"Integrität: {r[0]}" for r in result[:20]]
        for table, rowid, parent, _fk in self._conn.execute("PRAGMA foreign_key_check"):
            findings.append(f"Verweis ins Leere: {table} (Zeile {rowid}) → {parent}")
        app_id = self._conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id != gpkg.APPLICATION_ID:
            findings.append("GeoPackage: application_id ist nicht „GPKG“.")
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        if version != gpkg.USER_VERSION:
            findings.append(f"GeoPackage: user_version ist {version}, erwartet {gpkg.USER_VERSION}.")
        findings += self.check_geopackage()
        raw = self.get_meta("disclosure_threshold", str(DEFAULT_THRESHOLD))
        if schemacheck.parse_threshold(raw) is None:
            findings.append(f"Geheimhaltung: ungültige Schwelle „{raw[:20]}“ (erlaubt 1–99);"
                            f" es gilt {DEFAULT_THRESHOLD}.")
        return self.removed_on_open + findings

    def remove_broken_geometries(self) -> list[str]:
        """Repair geometries that cannot be used as stored: drop a third dimension, clear
        what cannot be read or lies outside the CRS (the feature stays, without geometry).
        Return German lines naming what was done."""
        from k360desk.projectfile.geomcheck import broken_geometries, repaired_blob

        broken = broken_geometries(self._conn)
        done = []
        with self.transaction():
            for item in broken:
                blob = repaired_blob(self._conn, item)
                row = self._conn.execute(f"SELECT uuid FROM {item.table} WHERE fid = ?", (item.fid,))
                self._conn.execute(f"UPDATE {item.table} SET geom = ? WHERE fid = ?", (blob, item.fid))
                action = "Geometrie repariert (2D)" if blob is not None else "Geometrie entfernt"
                self.log("update", item.table, row.fetchone()[0], f"{action}: {item.reason}")
                self.changes.emit(Change(item.table, "update", (item.fid,)))
                done.append(f"{action}: {item.label}")
        return done


# --- module helpers --------------------------------------------------------------------


def _connect(path: Path, wal: bool = True) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level="DEFERRED", check_same_thread=False)
    safety.harden(conn, attach=1)
    conn.execute("PRAGMA foreign_keys = ON")
    if wal:
        _use_wal(conn)
    return conn


def _wait_synced(received: receiving.Received) -> None:
    try:
        received.wait_synced()
    except OSError:
        pass  # the copy is complete; only whether it survives a power cut is less certain


def _use_wal(conn: sqlite3.Connection) -> None:
    # The working copy is always local (never on a share), so WAL is safe there; it lets
    # background readers run while the user edits. Saved documents are written by
    # VACUUM INTO as single files without WAL.
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")


def _migrate(conn: sqlite3.Connection, version: int) -> bool:
    """Run the missing migration steps, each in its own transaction. True if any ran."""
    ran = False
    for step in range(version + 1, schema.SCHEMA_VERSION + 1):
        try:
            conn.execute("SAVEPOINT migrate")
            schema.MIGRATIONS[step](conn)
            conn.execute("INSERT OR REPLACE INTO k360_meta VALUES ('schema_version', ?)", (str(step),))
            conn.execute("RELEASE migrate")
        except sqlite3.Error as exc:
            conn.execute("ROLLBACK TO migrate")
            conn.execute("RELEASE migrate")
            raise DamagedFileError(f"Umstellung auf Datenmodell {step} fehlgeschlagen: {exc}") from exc
        conn.commit()
        ran = ran or version > 0
    return ran


def _register_layers(conn: sqlite3.Connection, srs_id: int) -> None:
    gpkg.register_layer(conn, "districts", "Sozialräume", "Sozialräume mit Grenzen",
                        "MULTIPOLYGON", srs_id)
    gpkg.register_layer(conn, "facilities", "Einrichtungen", "Einrichtungen und Angebote",
                        "POINT", srs_id)
    # Registered attribute tables are what GDAL/QGIS list besides the layers; the rest of
    # our tables stay out of their way.
    # (indicator_values has no integer key, which GeoPackage attribute tables need, so GDAL
    # could not read it; its values reach GIS through the district_indicators layer.)
    for table, identifier in (("district_levels", "Ebenen"), ("topics", "Handlungsfelder"),
                              ("indicators", "Indikatoren"), ("providers", "Träger")):
        conn.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description)"
                     " VALUES (?, 'attributes', ?, '')", (table, identifier))


def _drop_gdal_additions(conn: sqlite3.Connection, found: safety.Inspection) -> None:
    """Remove triggers, R-trees and counters that GDAL/QGIS may have added to the file, and
    indexes or view SQL of strangers (they would run on every write or every GIS read)."""
    for trigger in found.foreign_triggers:
        conn.execute(f'DROP TRIGGER IF EXISTS "{trigger}"')
    for index in found.extra_indexes:
        conn.execute(f'DROP INDEX IF EXISTS "{index}"')
    if found.foreign_view:
        conn.execute(f'DROP VIEW IF EXISTS "{schema.LATEST_VALUES_VIEW}"')
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for name in names:
        if name.startswith("rtree_") and not any(name.endswith(s) for s in ("_node", "_parent", "_rowid")):
            conn.execute(f'DROP TABLE IF EXISTS "{name}"')
    if "gpkg_extensions" in names:
        conn.execute("DELETE FROM gpkg_extensions WHERE extension_name='gpkg_rtree_index'")
    if "gpkg_ogr_contents" in names:
        conn.execute("DROP TABLE gpkg_ogr_contents")
    # Files of 0.1 registered this table, which GDAL cannot read (no integer key).
    conn.execute("DELETE FROM gpkg_contents WHERE table_name='indicator_values'")





