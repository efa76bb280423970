"""The kept previous versions of a saved project (see ``Project.save``)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from k360desk import FILE_SUFFIX
from k360desk.models import paths


@dataclass
class Backup:
    """One kept version: where it lies and when it was saved over."""

    path: Path
    saved: datetime
    size: int


def list_backups(project_uuid: str) -> list[Backup]:
    """Kept versions of a project, newest first."""
    folder = paths.backup_dir() / project_uuid
    found = []
    for path in folder.glob(f"*{FILE_SUFFIX}"):
        stat = path.stat()
        found.append(Backup(path, datetime.fromtimestamp(stat.st_mtime), stat.st_size))
    return sorted(found, key=lambda b: b.path.name, reverse=True)


def restore_backup(backup: Backup, target: str | Path) -> Path:
    """Copy a kept version to a new file (never over the open document)."""
    target = Path(target)
    if target.exists():
        raise FileExistsError(target)
    tmp = target.with_name(f".{target.name}.tmp")
    shutil.copy2(backup.path, tmp)
    tmp.replace(target)
    return target
