"""The first step of opening a file: its schema checked, its pages copied into a new working
copy, and its fingerprint taken, the file read as few times and as briefly as possible.

The SHA-256 of the document (which tells a file we saved ourselves, and later whether the
document changed on disk) is computed in a thread while the pages are copied: both read the
same bytes, hashlib and the backup API release the GIL, and the copy needs no hash.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from k360desk.messages import tr
from k360desk.projectfile import safety, trust, workfile
from k360desk.projectfile.errors import DamagedFileError, NotAProjectError


class _Thread(threading.Thread):
    """A function run beside the caller; ``result()`` waits and returns or raises."""

    def __init__(self, function: Callable, *args) -> None:
        super().__init__(name="k360-open", daemon=True)
        self._call = (function, args)
        self._result: object = None
        self._error: BaseException | None = None
        self.start()

    def run(self) -> None:
        function, args = self._call
        try:
            self._result = function(*args)
        except BaseException as exc:  # raised again in the caller's thread
            self._error = exc

    def result(self) -> object:
        self.join()
        if self._error is not None:
            raise self._error
        return self._result


@dataclass
class Received:
    """A document copied into a working copy that nothing has checked beyond its schema."""

    conn: sqlite3.Connection
    work: Path
    stamp: tuple[int, int, str]
    _synced: _Thread

    def wait_synced(self) -> None:
        """Wait until the copied pages are on disk (before the project is handed out)."""
        self._synced.result()


def _sync(work: Path) -> None:
    handle = os.open(work, os.O_RDWR)  # Windows flushes only handles open for writing
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def copy_to_work(path: Path, connect: Callable[..., sqlite3.Connection]) -> Received:
    """Check the schema of ``path`` (nothing in it runs or is read), copy its pages into a new
    working copy opened by ``connect`` and take its stamp. Raises a typed error."""
    hashing = _Thread(trust.stamp, path)
    try:
        source = safety.connect_readonly(path)
    except sqlite3.Error as exc:
        raise DamagedFileError(tr("„{name}“ lässt sich nicht lesen ({reason}).", name=path.name,
                                  reason=exc)) from exc
    work = workfile.new_work_path(path.stem)
    conn = None
    try:
        try:
            safety.inspect(source, path.name, objects_only=True)
        except sqlite3.DatabaseError as exc:
            raise safety.sqlite_problem(exc, path.name) from exc
        # WAL only after the copy: the backup API cannot change the page size of a WAL
        # database, and a stranger's file may use any valid page size. No sync while
        # copying into the fresh file: an interrupted copy is thrown away, and a thread
        # puts the finished one on disk while its pages are being checked.
        conn = connect(work, wal=False)
        conn.execute("PRAGMA synchronous = OFF")
        try:
            source.backup(conn)
        except sqlite3.Error as exc:
            raise DamagedFileError(tr("„{name}“ lässt sich nicht lesen ({reason}).", name=path.name,
                                      reason=exc)) from exc
        try:
            stamp = hashing.result()
        except OSError as exc:
            raise NotAProjectError(tr("„{name}“ lässt sich nicht lesen ({reason}).", name=path.name,
                                      reason=exc.strerror)) from exc
        return Received(conn, work, stamp, _Thread(_sync, work))
    except BaseException:
        if conn is not None:
            conn.close()
        workfile.remove_work(work)
        hashing.join()
        raise
    finally:
        source.close()
