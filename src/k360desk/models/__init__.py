"""Domain types and the project store: the only code that writes SQL or touches the file."""

from k360desk.models import records
from k360desk.models.changes import Change, ChangeHub
from k360desk.models.errors import (
    DamagedFileError,
    FileTooNewError,
    ForeignFileError,
    NotAProjectError,
    ProjectError,
    ProjectLockedError,
    ReadOnlyError,
    RecordInUseError,
    UnsafeFileError,
)
from k360desk.models.project import Project
from k360desk.models.records import *  # noqa: F403
from k360desk.models.records import Record, new_uuid
from k360desk.models.store import Snapshot

__all__ = [
    "Change", "ChangeHub", "DamagedFileError", "FileTooNewError", "ForeignFileError",
    "NotAProjectError", "Project", "ProjectError", "ProjectLockedError", "ReadOnlyError",
    "RecordInUseError", "Snapshot", "UnsafeFileError", "Record", "new_uuid",
    *[cls.__name__ for cls in records.RECORD_TYPES],
]
