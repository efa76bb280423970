"""A damaged project file: a German explanation instead of SQLite's text, and a way back.

SQLite reports damage as "database disk image is malformed" or "btreeInitPage() returns
error code 11" — words no planner can act on. The raw text goes to the log; the planner
reads what happened, that nothing was changed, and gets the newest kept version offered
(written to a new file beside the damaged one, which stays untouched for IT).
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale

from k360desk.projectfile import DamagedFileError, NotAProjectError
from k360desk.projectfile.backups import Backup, backups_of_document, restore_backup

log = logging.getLogger(__name__)


def is_damage(exc: BaseException) -> bool:
    """Whether opening failed because the file's content is broken (not access or version)."""
    return isinstance(exc, (DamagedFileError, NotAProjectError, sqlite3.DatabaseError))


def explanation(path: Path, backups: list[Backup]) -> str:
    """What the planner reads about a damaged file (no SQLite wording)."""
    text = QCoreApplication.translate(
        "damaged", "„%1“ ist beschädigt und lässt sich nicht öffnen. Das kommt vor, wenn das "
               "Speichern oder die Übertragung (E-Mail, Netzlaufwerk, USB-Stick) unterbrochen "
               "wurde. An der Datei wurde nichts verändert.").replace("%1", path.name)
    if backups:
        return text
    return text + "\n\n" + QCoreApplication.translate("damaged",
        "Auf diesem PC gibt es keine gesicherte frühere Fassung dieser Datei. Bitten Sie, wer "
        "Ihnen die Datei gegeben hat, um eine neue Kopie.")


def backup_label(backup: Backup) -> str:
    """"gespeichert am 02.12.2026 10:15" in the UI language's format."""
    return QLocale().toString(backup.saved, "dd.MM.yyyy HH:mm")


def restored_path(path: Path, backup: Backup) -> Path:
    """A free file name beside the damaged file for the restored version."""
    stamp = backup.saved.strftime("%Y-%m-%d %H-%M")
    base = QCoreApplication.translate("damaged", "%1 (Fassung vom %2)")
    base = base.replace("%1", path.stem).replace("%2", stamp)
    candidate = path.with_name(base + path.suffix)
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{base} {n}{path.suffix}")
        n += 1
    return candidate


def restore_beside(path: Path, backup: Backup) -> Path:
    """Write a kept version next to the damaged file (or in the backup's own folder when the
    damaged file lies somewhere read-only, e.g. an email attachment)."""
    try:
        return restore_backup(backup, restored_path(path, backup))
    except OSError:
        log.info("cannot write beside %s; restoring into the data folder", path)
        return restore_backup(backup, restored_path(backup.path.parent / path.name, backup))


def find_backups(path: Path) -> list[Backup]:
    """Kept versions of this document, newest first (none when the folder is unreadable)."""
    try:
        return backups_of_document(path)
    except OSError:
        return []
