"""Files this user saved with k360desk, so reopening them skips the slow content checks.

Every file from elsewhere gets the full untrusted-file checks on open. A document we wrote
ourselves was checked when it was written; if its size, time and SHA-256 are still what we
recorded, the expensive full-content scan is not repeated (the schema checks always run).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from k360desk.projectfile import paths

MAX_ENTRIES = 200


def _registry() -> Path:
    return paths.data_dir() / "saved-files.json"


def _load() -> dict[str, list]:
    try:
        data = json.loads(_registry().read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _key(path: Path) -> str:
    return os.path.normcase(str(Path(path).absolute()))


def stamp(path: Path) -> tuple[int, int, str]:
    """Size, modification time and SHA-256 of a file, to notice later changes."""
    stat = Path(path).stat()
    return stat.st_size, stat.st_mtime_ns, _digest(path)


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def remember(path: Path) -> tuple[int, int, str]:
    """Record a file we have just written and checked; return its stamp."""
    current = stamp(path)
    entries = _load()
    entries.pop(_key(path), None)
    entries[_key(path)] = list(current)
    while len(entries) > MAX_ENTRIES:
        entries.pop(next(iter(entries)))
    tmp = _registry().with_suffix(".tmp")
    try:
        tmp.write_text(json.dumps(entries), encoding="utf-8")
        os.replace(tmp, _registry())
    except OSError:
        pass  # only a speed-up: without it the next open checks everything
    return current


def is_known(path: Path, current: tuple[int, int, str] | None = None) -> bool:
    """Whether the file is exactly as we last saved it (``current``: its stamp, if known)."""
    entry = _load().get(_key(path))
    if not entry:
        return False
    if current is None:
        stat = Path(path).stat()
        if [stat.st_size, stat.st_mtime_ns] != entry[:2]:
            return False
        return _digest(path) == entry[2]
    return list(current) == entry[:3]
