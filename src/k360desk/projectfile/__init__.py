"""The project file as a document: schema and migrations, GeoPackage tables, untrusted-file
checks, working copy, save, locks, backups, merge, and the typed records of its tables.
Bottom floor: imports nothing of k360desk but itself (and ``k360desk.FILE_SUFFIX``)."""

from k360desk.projectfile import records
from k360desk.projectfile.changes import Change, ChangeHub
from k360desk.projectfile.errors import (
    DamagedFileError,
    FileChangedError,
    FileTooNewError,
    ForeignFileError,
    NotAProjectError,
    ProjectError,
    ProjectLockedError,
    ReadOnlyError,
    RecordInUseError,
    UnsafeFileError,
)
from k360desk.projectfile.project import Project
from k360desk.projectfile.records import *  # noqa: F403
from k360desk.projectfile.records import Record, new_uuid
from k360desk.projectfile.store import Snapshot

__all__ = [
    "Change", "ChangeHub", "DamagedFileError", "FileChangedError", "FileTooNewError", "ForeignFileError",
    "NotAProjectError", "Project", "ProjectError", "ProjectLockedError", "ReadOnlyError",
    "RecordInUseError", "Snapshot", "UnsafeFileError", "Record", "new_uuid",
    *[cls.__name__ for cls in records.RECORD_TYPES],
]
