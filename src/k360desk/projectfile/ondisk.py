"""The document on disk: stray copies of killed saves, locks of others, fsync, checks.

Helpers of ``Project`` that look at files rather than at the working copy's tables.
"""

from __future__ import annotations

import glob
import os
from datetime import datetime
from pathlib import Path

from k360desk.messages import tr
from k360desk.projectfile import gpkg, paths, safety, workfile
from k360desk.projectfile.errors import ProjectError, ProjectLockedError


def remove_stale_copies(target: Path) -> None:
    """Delete temporary copies that a save killed half-way left beside the document."""
    for stray in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        pid = stray.name[len(target.name) + 2:-4]
        if pid.isdigit() and not workfile.pid_alive(int(pid)):
            try:
                stray.unlink(missing_ok=True)
            except OSError:
                pass  # a read-only folder: the next save elsewhere is unaffected


def refuse_locked(path: Path) -> None:
    owner = workfile.read_lock(path)
    if owner:
        raise ProjectLockedError(
            tr("„{name}“ ist von {user} ({host}) geöffnet und kann nicht überschrieben werden.",
               name=path.name, user=owner.get("user", "?"), host=owner.get("host", "?")), owner)


def sqlite_reason(exc: BaseException) -> str:
    text = str(exc).lower()
    if "full" in text:
        return "der Datenträger ist voll"
    if "unable to open" in text or "readonly" in text or "read-only" in text:
        return "der Ordner fehlt oder ist schreibgeschützt"
    return str(exc)


def document_access(path: Path, temp_is_document: bool = False) -> tuple[bool, str]:
    """Whether a document must open read-only (locked, read-only or temporary folder), and why.

    ``temp_is_document``: the command line treats files in the temp folder as documents
    (scripts and CI work there); the GUI treats them as mail attachments."""
    owner = workfile.read_lock(path)
    if owner:
        return True, tr("„{name}“ ist seit {since} von {user} ({host}) geöffnet. Die Datei wird "
                        "schreibgeschützt geöffnet.", name=path.name,
                        since=german_time(owner.get("since", "")), user=owner.get("user", "?"),
                        host=owner.get("host", "?"))
    if not paths.folder_writable(path.parent):
        return True, tr("Der Ordner von „{name}“ ist schreibgeschützt (z. B. ein E-Mail-Anhang). "
                        "Änderungen bitte mit „Speichern unter“ sichern.", name=path.name)
    if not temp_is_document and paths.is_temporary_location(path):
        return True, tr("„{name}“ liegt in einem temporären Ordner (vermutlich ein geöffneter "
                        "E-Mail-Anhang). Änderungen bitte mit „Speichern unter“ an einem festen Ort sichern.",
                        name=path.name)
    return False, ""


def german_time(iso: str) -> str:
    try:
        moment = datetime.fromisoformat(iso)
        return tr("{date}, {time} Uhr", date=moment.strftime("%d.%m.%Y"), time=moment.strftime("%H:%M"))
    except (TypeError, ValueError):
        return "?"


def verify_copy(path: Path) -> None:
    conn = safety.connect_readonly(path)
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise ProjectError("Die gespeicherte Kopie ist fehlerhaft; die bisherige Datei bleibt.")
        if conn.execute("PRAGMA application_id").fetchone()[0] != gpkg.APPLICATION_ID:
            raise ProjectError("Die gespeicherte Kopie ist kein GeoPackage; die bisherige Datei bleibt.")
    finally:
        conn.close()


def fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows has no directory handles to flush; os.replace is durable there
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
