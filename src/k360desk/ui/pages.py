"""The registry of pages in the main window's navigation.

A page is a ``QWidget`` created by ``factory(context, parent)``. Pages are imported lazily,
when first shown, so heavy modules stay out of the startup path. To add a page, add one
``PageSpec`` line to ``PAGES`` (or call ``register_page`` from your module).

Optional page protocol (the main window uses what a page offers):
- ``help_topic: str`` — name of the help file (default: the page key);
- ``cut()``, ``copy()``, ``paste()`` on the focused widget or one of its parents — the
  Bearbeiten menu forwards to the nearest one;
- ``can_close() -> bool`` — asked before the project is closed (e.g. an open form);
- a signal ``navigate(str)`` — the main window shows the page with that key.

Keys the main window owns (a second shortcut on the same keys makes both dead): Strg+N, O, S,
Umschalt+S, W, Q, Z, Y, Strg+1 … 9, F1. For "new record" in a table use Einfg (Insert).
Strg+C/V/X belong to the focused widget; the Bearbeiten menu forwards to it.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - Qt's name, for lupdate
    """Mark a module-level string for translation; translated where it is shown."""
    return text


log = logging.getLogger(__name__)
CONTEXT = "pages"


@dataclass(frozen=True)
class PageSpec:
    """One page: key, German title (translated when shown), icon and where the class lives."""

    key: str
    title: str
    icon: str
    """Name of a line icon in ``ui/icons.py`` (unknown names get a neutral one)."""
    factory: str | Callable[..., QWidget]
    """``"package.module:Class"`` (imported when first shown) or a callable."""
    description: str = ""

    def translated_title(self) -> str:
        """The title in the current UI language."""
        return QCoreApplication.translate(CONTEXT, self.title)

    def translated_description(self) -> str:
        """The description (accessible description, tooltip) in the current UI language."""
        return QCoreApplication.translate(CONTEXT, self.description) if self.description else ""


PAGES: list[PageSpec] = [
    PageSpec("overview", QT_TRANSLATE_NOOP("pages", "Übersicht"), "overview",
             "k360desk.ui.overview:OverviewPage",
             QT_TRANSLATE_NOOP("pages", "Zusammenfassung des Projekts")),
    PageSpec("districts", QT_TRANSLATE_NOOP("pages", "Sozialräume"), "districts",
             "k360desk.ui.editors.districts:DistrictsPage",
             QT_TRANSLATE_NOOP("pages", "Ebenen und Sozialräume bearbeiten")),
    PageSpec("indicators", QT_TRANSLATE_NOOP("pages", "Indikatoren"), "indicators",
             "k360desk.ui.editors.indicators:IndicatorsPage",
             QT_TRANSLATE_NOOP("pages", "Handlungsfelder, Indikatoren und ihre Werte")),
    PageSpec("maps", QT_TRANSLATE_NOOP("pages", "Karten & Diagramme"), "maps",
             "k360desk.ui.map_view:MapPage",
             QT_TRANSLATE_NOOP("pages", "Themenkarten und Diagramme der Indikatoren")),
    PageSpec("index", QT_TRANSLATE_NOOP("pages", "Sozialindex"), "maps",
             "k360desk.ui.analysis.index_page:IndexPage",
             QT_TRANSLATE_NOOP("pages", "Status- und Dynamikindex berechnen, speichern, vergleichen")),
    PageSpec("coverage", QT_TRANSLATE_NOOP("pages", "Versorgung"), "providers",
             "k360desk.ui.analysis.coverage_page:CoveragePage",
             QT_TRANSLATE_NOOP("pages", "Plätze je 1.000 der Zielbevölkerung gegen einen Richtwert")),
    PageSpec("providers", QT_TRANSLATE_NOOP("pages", "Träger & Angebote"), "providers",
             "k360desk.ui.editors.providers:ProvidersPage",
             QT_TRANSLATE_NOOP("pages", "Träger, Einrichtungen und Angebote")),
    PageSpec("rounds", QT_TRANSLATE_NOOP("pages", "Förderrunden"), "rounds",
             "k360desk.ui.rounds.page:RoundWorkflowPage",
             QT_TRANSLATE_NOOP("pages", "Förderprogramme, Förderrunden, Kriterien und Anträge")),
    PageSpec("voice", QT_TRANSLATE_NOOP("pages", "Trägerabfrage"), "voice",
             "k360desk.ui.questionnaire.page:VoicePage",
             QT_TRANSLATE_NOOP("pages", "Fragebögen der Träger, Einschätzungen je Sozialraum, Zielwerte")),
    PageSpec("committees", QT_TRANSLATE_NOOP("pages", "Gremien"), "committees",
             "k360desk.ui.editors.committees:CommitteesPage",
             QT_TRANSLATE_NOOP("pages", "Gremien, Sitzungen und Tagesordnungspunkte")),
    PageSpec("reports", QT_TRANSLATE_NOOP("pages", "Berichte"), "reports",
             "k360desk.ui.reports_page:ReportsPage",
             QT_TRANSLATE_NOOP("pages", "Quartiersprofile und Vorlagen als PDF")),
    PageSpec("settings", QT_TRANSLATE_NOOP("pages", "Projekteinstellungen"), "settings",
             "k360desk.ui.editors.settings:ProjectSettingsPage",
             QT_TRANSLATE_NOOP("pages", "Kommune, Koordinatensystem, Geheimhaltung, Logo")),
]


def register_page(spec: PageSpec, before: str | None = None) -> None:
    """Add (or replace) a page; ``before`` is the key of the page it goes in front of."""
    for index, existing in enumerate(PAGES):
        if existing.key == spec.key:
            PAGES[index] = spec
            return
    keys = [p.key for p in PAGES]
    PAGES.insert(keys.index(before) if before in keys else len(PAGES), spec)


def page_spec(key: str) -> PageSpec:
    """The page with this key."""
    for spec in PAGES:
        if spec.key == key:
            return spec
    raise KeyError(key)


def _resolve(spec: PageSpec) -> Callable[..., QWidget] | None:
    if callable(spec.factory):
        return spec.factory
    module_name, _, attr = spec.factory.partition(":")
    from k360desk.ui import warm_up

    # Page modules import pandas, matplotlib or geopandas; never beside the warm-up thread.
    warm_up.wait()
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        # Only a module that is not there yet gets the placeholder; a broken import of an
        # existing module is a bug and must surface.
        missing = getattr(exc, "name", None)
        if missing and (module_name == missing or module_name.startswith(missing + ".")):
            log.info("page %s not available yet: %s", spec.key, exc)
            return None
        raise
    return getattr(module, attr, None)


def is_available(spec: PageSpec) -> bool:
    """Whether the page's module exists (without importing it)."""
    if callable(spec.factory):
        return True
    import importlib.util

    module_name = spec.factory.partition(":")[0]
    try:
        return importlib.util.find_spec(module_name) is not None
    except ModuleNotFoundError:
        return False


def create_page(spec: PageSpec, context, parent: QWidget | None = None) -> QWidget:
    """Create a page; a calm placeholder if its module does not exist yet."""
    factory = _resolve(spec)
    if factory is None:
        return PlaceholderPage(spec, parent)
    page = factory(context, parent)
    page.setObjectName(f"page_{spec.key}")
    from k360desk.ui.access_keys import make_unique

    make_unique(page)
    from k360desk.ui.column_fit import fit_all_tables

    fit_all_tables(page)
    if not page.accessibleName():
        page.setAccessibleName(spec.translated_title())
    return page


class PlaceholderPage(QWidget):
    """Shown for a page whose module is not part of this version yet."""

    def __init__(self, spec: PageSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.help_topic = spec.key
        layout = QVBoxLayout(self)
        title = QLabel(f"<h2>{spec.translated_title()}</h2>")
        text = QLabel(self.tr("Dieser Bereich kommt in einer späteren Version."))
        for label in (title, text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addStretch(2)
        self.setAccessibleName(spec.translated_title())
        self.setAccessibleDescription(text.text())
