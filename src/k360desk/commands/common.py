"""Helpers shared by the sub-command modules."""

from __future__ import annotations

from pathlib import Path

from k360desk.cli import CommandError


def open_project(path: str, read_only: bool = False):
    """Open a project for a command, turning store errors into one-line messages.

    A project in the temp folder is a document here: scripts and CI work there, and the
    mail-attachment guard belongs to the GUI, which offers "Speichern unter".
    """
    from k360desk.projectfile import Project, ProjectError

    try:
        return Project.open(Path(path), read_only=read_only, temp_is_document=True)
    except ProjectError as exc:
        raise CommandError(str(exc)) from exc


def parse_epsg(text: str) -> int:
    """Accept ``EPSG:25832`` or ``25832`` for a projected or geographic CRS that PROJ knows."""
    value = text.upper().removeprefix("EPSG:")
    if not value.isdigit():
        raise CommandError(f"Ungültiges Koordinatenbezugssystem „{text}“ (Beispiel: EPSG:25832).")
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        CRS.from_epsg(int(value))
    except CRSError as exc:
        raise CommandError(f"Das Koordinatenbezugssystem EPSG:{value} ist unbekannt"
                           " (Beispiel: EPSG:25832).") from exc
    return int(value)


def target_file(text: str, force: bool) -> Path:
    """A new project file to write: suffix added, folder must exist, no silent overwrite."""
    from k360desk import FILE_SUFFIX

    target = Path(text)
    if target.suffix.lower() != FILE_SUFFIX:
        target = target.with_name(target.name + FILE_SUFFIX)
    if not target.parent.is_dir():
        raise CommandError(f"Den Ordner „{target.parent}“ gibt es nicht.")
    if target.exists() and not force:
        raise CommandError(f"„{target}“ gibt es schon (mit --force überschreiben).")
    return target


def de_number(value: float, decimals: int = 0) -> str:
    """Format a number the German way for console output (1.234,5)."""
    from k360desk.formats import format_number

    return format_number(value, decimals)
