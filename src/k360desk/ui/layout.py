"""Layout helpers for small office screens: splitters that remember what the planner set.

A planner on a 1366×768 laptop drags a side panel narrower once; every later start and every
later page of the same kind should keep that. The sizes are the user's preference, so they
live in ``QSettings`` (one key per splitter name), never in the project file.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter

from k360desk.ui import settings

GROUP = "splitters"


def _store() -> QSettings:
    return QSettings(str(settings.settings_path()), QSettings.Format.IniFormat)


def remember_splitter(splitter: QSplitter, name: str) -> None:
    """Restore the splitter's sizes saved under ``name`` and save them whenever they move."""
    key = f"{GROUP}/{name}"
    splitter.setObjectName(splitter.objectName() or f"splitter_{name}")
    saved = _store().value(key)
    if isinstance(saved, QByteArray) and not saved.isEmpty():
        splitter.restoreState(saved)

    def save(*_args) -> None:
        store = _store()
        store.setValue(key, splitter.saveState())
        store.sync()

    splitter.splitterMoved.connect(save)
