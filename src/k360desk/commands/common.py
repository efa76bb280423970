"""Helpers shared by the sub-command modules."""

from __future__ import annotations

from pathlib import Path

from k360desk.cli import CommandError


def open_project(path: str, read_only: bool = False):
    """Open a project for a command, turning store errors into one-line messages."""
    from k360desk.models import Project, ProjectError

    try:
        return Project.open(Path(path), read_only=read_only)
    except ProjectError as exc:
        raise CommandError(str(exc)) from exc


def parse_epsg(text: str) -> int:
    """Accept ``EPSG:25832`` or ``25832``."""
    value = text.upper().removeprefix("EPSG:")
    if not value.isdigit():
        raise CommandError(f"Ungültiges Koordinatenbezugssystem „{text}“ (Beispiel: EPSG:25832).")
    return int(value)


def de_number(value: float, decimals: int = 0) -> str:
    """Format a number the German way for console output (1.234,5)."""
    from k360desk.formats import format_number

    return format_number(value, decimals)
