"""Typed errors of the project store. Each carries a German message for the user."""

from __future__ import annotations


class ProjectError(Exception):
    """Base class: something is wrong with a project file or an operation on it."""


class NotAProjectError(ProjectError):
    """The file is not a SQLite database, is empty or cannot be read at all."""


class DamagedFileError(ProjectError):
    """The file is a SQLite database but damaged or inconsistent."""


class ForeignFileError(ProjectError):
    """The file is a valid database or GeoPackage, but not a k360desk project."""


class UnsafeFileError(ProjectError):
    """The file contains content that could run code or exhaust resources."""


class FileTooNewError(ProjectError):
    """The file was written by a newer version of k360desk."""

    def __init__(self, message: str, version: int) -> None:
        super().__init__(message)
        self.version = version


class ProjectLockedError(ProjectError):
    """Another instance or user has the file open."""

    def __init__(self, message: str, owner: dict) -> None:
        super().__init__(message)
        self.owner = owner


class FileChangedError(ProjectError):
    """The document changed on disk since it was opened or saved (e.g. edited in QGIS)."""


class ReadOnlyError(ProjectError):
    """The project was opened read-only; changes must go to a new file."""


class RecordInUseError(ProjectError):
    """A record cannot be deleted because other records depend on it."""
