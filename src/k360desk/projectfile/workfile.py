"""Working copies and locks: the mechanics behind Office-like document semantics.

Opening copies the project into a local working file; every edit commits there at once.
A small JSON sidecar beside the working file says which document it belongs to and
whether it holds unsaved work, so a crash leaves something to recover. A lock file
beside the document tells other instances (and users on a network share) who has it.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from k360desk.projectfile import paths

WORK_SUFFIX = ".k360work"


@dataclass
class WorkInfo:
    """What the sidecar of a working copy records."""

    source: str | None
    title: str
    pid: int
    host: str
    user: str
    opened: str
    dirty: bool = False


def new_work_path(title: str) -> Path:
    """Return a fresh, unused working-file path for a document title."""
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in title)[:40] or "projekt"
    return paths.work_dir() / f"{safe}-{uuid.uuid4().hex[:12]}{WORK_SUFFIX}"


def sidecar(work: Path) -> Path:
    """The JSON file describing a working copy."""
    return work.with_suffix(".json")


def write_info(work: Path, info: WorkInfo) -> None:
    """Write the sidecar atomically."""
    target = sidecar(work)
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(asdict(info), ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, target)


def read_info(work: Path) -> WorkInfo | None:
    """Read a sidecar; None if it is missing or unreadable."""
    try:
        data = json.loads(sidecar(work).read_text(encoding="utf-8"))
        return WorkInfo(**data)
    except (OSError, ValueError, TypeError):
        return None


def make_info(source: Path | None, title: str) -> WorkInfo:
    """Describe a working copy opened now by this process."""
    return WorkInfo(
        source=str(source) if source else None,
        title=title,
        pid=os.getpid(),
        host=socket.gethostname(),
        user=paths.user_name(),
        opened=datetime.now().isoformat(timespec="seconds"),
    )


def remove_work(work: Path) -> None:
    """Delete a working copy and everything SQLite or we put beside it (incl. checkpoints)."""
    for candidate in (work, sidecar(work), Path(str(work) + "-journal"), Path(str(work) + "-wal"),
                      Path(str(work) + "-shm"), *work.parent.glob(f"{work.stem}-*.checkpoint")):
        try:
            candidate.unlink()
        except FileNotFoundError:
            pass


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine."""
    if not 0 < pid < 2**31:
        return False
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFO
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class Leftover:
    """A working copy left behind by a process that ended without closing it."""

    work: Path
    info: WorkInfo


ORPHAN_HOURS = 1  # nothing of ours is half-written for that long
TEMP_PREFIXES = ("k360-copy-", "k360book")


def sweep() -> int:
    """Remove what killed processes left behind: working copies that never got their
    sidecar, sidecars and checkpoints without a working copy, half-written sidecars, and
    our folders in the system temp folder. Returns how many were removed."""
    import shutil
    import tempfile

    cutoff = time.time() - ORPHAN_HOURS * 3600
    removed = 0

    def old(path: Path) -> bool:
        try:
            return path.stat().st_mtime < cutoff
        except OSError:
            return False

    folder = paths.work_dir()
    for work in folder.glob(f"*{WORK_SUFFIX}"):
        if not sidecar(work).exists() and old(work):
            remove_work(work)
            removed += 1
    for stray in (*folder.glob("*.json"), *folder.glob("*.checkpoint"), *folder.glob("*.json.tmp")):
        if stray.name.endswith(".json.tmp"):
            orphan = old(stray)
        elif stray.suffix == ".json":
            orphan = not stray.with_suffix(WORK_SUFFIX).exists()
        else:  # "<work stem>-<8 hex>.checkpoint"
            orphan = not (folder / (stray.stem.rsplit("-", 1)[0] + WORK_SUFFIX)).exists()
        if orphan:
            stray.unlink(missing_ok=True)
            removed += 1
    temp = Path(tempfile.gettempdir())
    for prefix in TEMP_PREFIXES:
        for stray in temp.glob(f"{prefix}*"):
            if stray.is_dir() and time.time() - stray.stat().st_mtime > 24 * 3600:
                shutil.rmtree(stray, ignore_errors=True)
                removed += 1
    return removed


def leftovers() -> list[Leftover]:
    """Working copies with unsaved work whose process is gone (after a crash)."""
    try:
        sweep()
    except OSError:
        pass  # tidying up must never stop the start
    found = []
    host = socket.gethostname()
    for work in sorted(paths.work_dir().glob(f"*{WORK_SUFFIX}")):
        info = read_info(work)
        if info is None:
            continue
        if info.host == host and pid_alive(info.pid) and info.pid != os.getpid():
            continue
        if info.pid == os.getpid():
            continue
        if info.dirty:
            found.append(Leftover(work, info))
        else:
            remove_work(work)
    return found


# --- locks beside the document ------------------------------------------------------

def lock_path(document: Path) -> Path:
    """The lock file of a document, in the style Office uses (``~$name``)."""
    return document.with_name("~$" + document.name)


# A lock from another PC that was not refreshed for this long is left over from a crash
# or a PC switched off with the file open (the holder refreshes it while working).
STALE_LOCK_HOURS = 12


def _lock_owner(document: Path) -> tuple[dict | None, float]:
    """The parsed lock and its age in hours; an unreadable lock counts as none."""
    path = lock_path(document)
    try:
        with open(paths.long_path(path), encoding="utf-8") as handle:
            owner = json.loads(handle.read(64 * 1024))
        age = (time.time() - os.stat(paths.long_path(path)).st_mtime) / 3600
    except (OSError, ValueError, UnicodeDecodeError):
        return None, 0.0
    # Only a lock as we write it names an owner; anything else (cut short by a crash,
    # written by another program) cannot keep anyone out.
    if not isinstance(owner, dict) or not isinstance(owner.get("host"), str) \
            or not isinstance(owner.get("pid"), int) or not 0 < owner["pid"] < 2**31:
        return None, 0.0
    owner["user"] = str(owner.get("user", "?"))[:100]
    owner["host"] = owner["host"][:100]
    return owner, age


def read_lock(document: Path) -> dict | None:
    """Return who holds the document's lock, or None when it is free or stale."""
    owner, age = _lock_owner(document)
    if owner is None:
        return None
    here = owner["host"] == socket.gethostname()
    if here and (owner["pid"] == os.getpid() or not pid_alive(owner["pid"])):
        return None  # ours, or left by a crashed process on this machine
    if not here and age > STALE_LOCK_HOURS:
        return None
    return owner


def stale_lock(document: Path) -> dict | None:
    """The owner of a lock from another PC that is too old to be honoured, if any."""
    owner, age = _lock_owner(document)
    if owner is None or owner["host"] == socket.gethostname() or age <= STALE_LOCK_HOURS:
        return None
    return owner


def refresh_lock(document: Path) -> None:
    """Show other PCs that our lock is alive (it would count as stale after a while)."""
    owner, _age = _lock_owner(document)
    if owner is not None and owner["pid"] == os.getpid() and owner["host"] == socket.gethostname():
        try:
            os.utime(paths.long_path(lock_path(document)))
        except OSError:
            pass


def take_lock(document: Path) -> bool:
    """Write our lock beside the document; False if the folder does not allow it."""
    owner = {
        "user": paths.user_name(),
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": datetime.now().isoformat(timespec="seconds"),
    }
    path = lock_path(document)
    try:
        if path.exists() and read_lock(document) is None:
            # A stale lock (or our own) is removed first; Windows also refuses to overwrite
            # the hidden file.
            os.unlink(paths.long_path(path))
        # Exclusive creation: of two instances opening at the same moment only one wins.
        with open(paths.long_path(path), "x", encoding="utf-8") as handle:
            handle.write(json.dumps(owner, ensure_ascii=False))
    except OSError:
        return False
    if sys.platform == "win32":
        import ctypes

        ctypes.windll.kernel32.SetFileAttributesW(paths.long_path(path), 0x02)  # hidden
    return True


def release_lock(document: Path) -> None:
    """Remove our lock if it is still ours."""
    path = lock_path(document)
    try:
        with open(paths.long_path(path), encoding="utf-8") as handle:
            owner = json.loads(handle.read())
        if owner.get("pid") == os.getpid() and owner.get("host") == socket.gethostname():
            os.unlink(paths.long_path(path))
    except (OSError, ValueError, AttributeError):
        pass
