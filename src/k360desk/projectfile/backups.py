"""The kept previous versions of a saved project (see ``Project.save``).

Like Anki's collection backups, history thins out with age: the last few saves are
all kept, then the newest version of each of the last days, then of each of the last
weeks. A planner can go back to "this morning", "last Tuesday" or "a month ago".
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from k360desk import FILE_SUFFIX
from k360desk.projectfile import paths

RECENT = 5  # the last saves, all kept (the user's preference may change it)
DAILY = 7  # then one per calendar day for this many days
WEEKLY = 8  # then one per ISO week for this many weeks
TIER_LABELS = {"recent": "letzte Speicherung", "daily": "Tagesstand", "weekly": "Wochenstand"}


@dataclass
class Backup:
    """One kept version: where it lies, when it was saved over, and why it is kept."""

    path: Path
    saved: datetime
    size: int
    tier: str = ""


def assign_tiers(found: list[Backup], recent: int = RECENT) -> list[Backup]:
    """Mark which versions the tiers keep (``tier``); the rest get an empty tier."""
    days: set = set()
    weeks: set = set()
    for number, backup in enumerate(found):  # newest first
        day = backup.saved.date()
        week = day.isocalendar()[:2]
        if number < max(recent, 0):
            backup.tier = "recent"
        elif day not in days and len(days) < DAILY:
            backup.tier = "daily"
        elif week not in weeks and len(weeks) < WEEKLY:
            backup.tier = "weekly"
        else:
            backup.tier = ""
        # A day or week already covered by a newer kept version needs no second one.
        if backup.tier:
            days.add(day)
            weeks.add(week)
    return found


def backup_folder(project_uuid: str, document: Path) -> Path:
    """Where the kept versions of one document live.

    Copies and "Save As" files of a project share its UUID, so the folder also names the
    document's path: each file keeps its own history.
    """
    return paths.backup_dir() / f"{project_uuid}-{_path_digest(document)}"


def _path_digest(document: Path) -> str:
    where = os.path.normcase(str(Path(document).absolute()))
    return hashlib.sha1(where.encode("utf-8")).hexdigest()[:10]


def backups_of_document(document: Path) -> list[Backup]:
    """Kept versions of a document found by its path alone, newest first.

    For a file too damaged to read its project UUID: the folder name ends in the path digest.
    """
    found = []
    for folder in paths.backup_dir().glob(f"*-{_path_digest(document)}"):
        for path in folder.glob(f"*{FILE_SUFFIX}"):
            stat = path.stat()
            found.append(Backup(path, datetime.fromtimestamp(stat.st_mtime), stat.st_size))
    return sorted(found, key=lambda b: (b.saved, b.path.name), reverse=True)


def list_backups(project_uuid: str, document: Path) -> list[Backup]:
    """Kept versions of a document, newest first."""
    found = []
    for path in backup_folder(project_uuid, document).glob(f"*{FILE_SUFFIX}"):
        stat = path.stat()
        found.append(Backup(path, datetime.fromtimestamp(stat.st_mtime), stat.st_size))
    return assign_tiers(sorted(found, key=lambda b: (b.saved, b.path.name), reverse=True))


def keep_backup(document: Path, project_uuid: str, keep: int = RECENT) -> None:
    """Copy the current file of a document among its kept versions; prune what no tier keeps."""
    folder = backup_folder(project_uuid, document)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    shutil.copy2(document, folder / f"{document.stem}-{stamp}{FILE_SUFFIX}")
    os.utime(folder / f"{document.stem}-{stamp}{FILE_SUFFIX}")  # the time it was replaced
    for old in assign_tiers(list_backups(project_uuid, document), keep):
        if not old.tier:
            old.path.unlink(missing_ok=True)


def restore_backup(backup: Backup, target: str | Path) -> Path:
    """Copy a kept version to a new file (never over the open document)."""
    target = Path(target)
    if target.exists():
        raise FileExistsError(target)
    tmp = target.with_name(f".{target.name}.tmp")
    shutil.copy2(backup.path, tmp)
    tmp.replace(target)
    return target
