"""Translations of the user interface.

German is the source language: every user-visible string is written in German in the code
(``self.tr("Öffnen…")``, ``QCoreApplication.translate(context, …)``, ``QT_TRANSLATE_NOOP``
for module-level labels). English comes from ``resources/translations/k360desk_en.ts``,
compiled to ``.qm`` with ``pyside6-lrelease`` (``scripts/update_translations.py``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTranslator

LANGUAGES = ("de", "en")
SOURCE_LANGUAGE = "de"


def translations_dir() -> Path:
    """Folder of our ``.ts`` and ``.qm`` files (package data, also in the frozen bundle)."""
    return Path(__file__).resolve().parent.parent / "resources" / "translations"


def qm_path(lang: str) -> Path:
    """The compiled translation for a language."""
    return translations_dir() / f"k360desk_{lang}.qm"


def load_translator(parent: QObject, lang: str) -> QTranslator | None:
    """Our translator for ``lang``; None for German (the source) or when it is missing."""
    if lang == SOURCE_LANGUAGE:
        return None
    translator = QTranslator(parent)
    if translator.load(str(qm_path(lang))):
        return translator
    return None
