"""F1 help for each view and the About dialog (versions and licences)."""

from __future__ import annotations

import platform
import sqlite3
import sys
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from k360desk import __version__

# Libraries shipped with k360desk: distribution name, shown name, licence.
LIBRARIES = (
    ("PySide6-Essentials", "Qt for Python (PySide6)", "LGPL-3.0"),
    ("pandas", "pandas", "BSD-3-Clause"),
    ("numpy", "NumPy", "BSD-3-Clause"),
    ("geopandas", "GeoPandas", "BSD-3-Clause"),
    ("shapely", "Shapely (GEOS)", "BSD-3-Clause (GEOS: LGPL-2.1)"),
    ("pyproj", "pyproj (PROJ)", "MIT"),
    ("pyogrio", "pyogrio (GDAL)", "MIT"),
    ("matplotlib", "Matplotlib", "PSF-basiert (Matplotlib License)"),
    ("jenkspy", "jenkspy", "MIT"),
    ("reportlab", "ReportLab", "BSD-3-Clause"),
    ("openpyxl", "openpyxl", "MIT"),
    ("python-docx", "python-docx", "MIT"),
    ("sqlite-utils", "sqlite-utils", "Apache-2.0"),
)


def help_dir() -> Path:
    """Folder of the help pages (package data)."""
    return Path(__file__).resolve().parent.parent / "resources" / "help"


def help_file(topic: str) -> Path:
    """The help page for a topic in the UI language, falling back to German, then the start."""
    lang = "en" if QLocale().language() == QLocale.Language.English else "de"
    for candidate in (help_dir() / lang / f"{topic}.html", help_dir() / "de" / f"{topic}.html",
                      help_dir() / lang / "welcome.html", help_dir() / "de" / "welcome.html"):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(topic)


class HelpDialog(QDialog):
    """A small, non-modal help window with links between the topics."""

    def __init__(self, topic: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hilfe – k360desk"))
        self.resize(720, 600)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setAccessibleName(self.tr("Hilfetext"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Schließen"))
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.show_topic(topic)

    def show_topic(self, topic: str) -> None:
        """Load the page of a topic."""
        from PySide6.QtCore import QUrl

        path = help_file(topic)
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(path)))
        self.topic = topic


_open_help: HelpDialog | None = None


def show_help(topic: str, parent: QWidget | None = None) -> HelpDialog:
    """Show help for a topic, reusing the open help window."""
    global _open_help
    if _open_help is None or _open_help.parent() is not parent:
        _open_help = HelpDialog(topic, parent)
    else:
        _open_help.show_topic(topic)
    _open_help.show()
    _open_help.raise_()
    _open_help.activateWindow()
    return _open_help


def versions() -> list[tuple[str, str, str]]:
    """(component, version, licence) of k360desk and what it is built on."""
    rows = [
        ("k360desk", __version__, "proprietär"),
        ("Python", platform.python_version(), "PSF-2.0"),
        ("Qt", qVersion(), "LGPL-3.0"),
        ("SQLite", sqlite3.sqlite_version, "Public Domain"),
    ]
    for dist, name, licence in LIBRARIES:
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            version = "–"
        rows.append((name, version, licence))
    gdal = sys.modules.get("pyogrio")
    if gdal is not None:
        rows.append(("GDAL", getattr(gdal, "__gdal_version_string__", "–"), "MIT"))
    return rows


class AboutDialog(QDialog):
    """Über k360desk: purpose, versions and licences of the components."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Über k360desk"))
        self.resize(640, 520)
        try:
            import pyogrio  # noqa: F401 - only to report the GDAL version (not at startup)
        except ImportError:
            pass
        intro = QLabel(self.tr(
            "<h2>k360desk %1</h2><p>Integrierte Sozialplanung für Kommunen: Monitoring,"
            " Sozialatlas, Förderentscheidungen und Berichte – offline auf dem eigenen PC.</p>"
        ).replace("%1", __version__))
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        rows = versions()
        table = QTableWidget(len(rows), 3)
        table.setHorizontalHeaderLabels([self.tr("Komponente"), self.tr("Version"),
                                         self.tr("Lizenz")])
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                table.setItem(row, column, QTableWidgetItem(value))
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.horizontalHeader().setStretchLastSection(True)
        table.resizeColumnsToContents()
        table.setAccessibleName(self.tr("Versionen und Lizenzen"))

        notes = QTextBrowser()
        notes.setAccessibleName(self.tr("Lizenzhinweise"))
        notes.setHtml(self.tr(
            "<p>Qt und PySide6 werden unter der GNU Lesser General Public License v3 genutzt und"
            " dynamisch eingebunden; sie lassen sich gegen eigene Fassungen austauschen.</p>"
            "<p>Die übrigen Bibliotheken stehen unter freien Lizenzen (BSD, MIT, Apache, PSF);"
            " ihre Lizenztexte liegen im Installationsordner unter <i>licenses</i>.</p>"
            "<p>Kartengrundlagen und Daten des Demo-Projekts „Musterstadt“ sind erfunden.</p>"))
        tabs = QTabWidget()
        tabs.addTab(table, self.tr("&Versionen"))
        tabs.addTab(notes, self.tr("&Lizenzen"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Schließen"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)
