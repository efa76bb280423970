"""The user's preferences (``QSettings``), each declared once with type, default and purpose.

The municipality's settings live in the project file (``Project.get_meta``); here are only
the planner's own preferences on this PC. They are kept in an INI file in the local data
folder (not the registry), so tests and portable installs get their own, and nothing in
them can run code: values are plain strings, numbers and lists of strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from k360desk.projectfile import paths

SETTINGS_VERSION = 1
SETTINGS_FILE = "einstellungen.ini"
MAX_RECENT = 8


@dataclass(frozen=True)
class Setting:
    """One preference: its key in the INI file, Python type, default and a description."""

    key: str
    type: type
    default: Any
    description: str


LANGUAGE = Setting("ui/language", str, "de", "Sprache der Oberfläche: de oder en")
RECENT_FILES = Setting("document/recent_files", list, [], "Zuletzt geöffnete Projektdateien")
LAST_FOLDER = Setting("document/last_folder", str, "", "Ordner des letzten Öffnen/Speichern")
WINDOW_GEOMETRY = Setting("window/geometry", QByteArray, None, "Lage und Größe des Hauptfensters")
WINDOW_STATE = Setting("window/state", QByteArray, None, "Anordnung der Leisten des Hauptfensters")
LAST_PAGE = Setting("window/last_page", str, "overview", "Zuletzt gezeigte Seite")
OFFER_RECOVERY = Setting("document/offer_recovery", bool, True,
                         "Nach einem Absturz ungesicherte Arbeit anbieten")

ALL = (LANGUAGE, RECENT_FILES, LAST_FOLDER, WINDOW_GEOMETRY, WINDOW_STATE, LAST_PAGE,
       OFFER_RECOVERY)


def settings_path():
    """The INI file of the preferences (also used for splitter sizes, see ``ui/layout.py``)."""
    return paths.data_dir() / SETTINGS_FILE


def _store() -> QSettings:
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


def get(setting: Setting) -> Any:
    """Read a preference, converted to its declared type; the default if missing or bad."""
    raw = _store().value(setting.key)
    if raw is None:
        return list(setting.default) if isinstance(setting.default, list) else setting.default
    try:
        if setting.type is bool:
            return raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
        if setting.type is list:
            if isinstance(raw, str):
                return [raw] if raw else []
            return [str(item) for item in raw]
        if setting.type is QByteArray:
            return raw if isinstance(raw, QByteArray) else setting.default
        return setting.type(raw)
    except (TypeError, ValueError):
        return setting.default


def put(setting: Setting, value: Any) -> None:
    """Store a preference."""
    store = _store()
    store.setValue(setting.key, value)
    store.sync()


def upgrade() -> None:
    """Bring stored preferences to ``SETTINGS_VERSION`` (steps are appended, never edited)."""
    store = _store()
    version = int(store.value("settings_version", 0) or 0)
    # Version 1 is the first; later steps go here, e.g. ``if version < 2: rename a key``.
    if version < SETTINGS_VERSION:
        store.setValue("settings_version", SETTINGS_VERSION)
        store.sync()


def recent_files() -> list[str]:
    """The recently opened project files, newest first."""
    return get(RECENT_FILES)[:MAX_RECENT]


def add_recent_file(path: str) -> None:
    """Put a file at the top of the recent files."""
    files = [f for f in get(RECENT_FILES) if f != path]
    put(RECENT_FILES, [path, *files][:MAX_RECENT])


def remove_recent_file(path: str) -> None:
    """Forget a recent file (e.g. when it no longer exists)."""
    put(RECENT_FILES, [f for f in get(RECENT_FILES) if f != path])
