"""The English interface is English: command line, every page and tab, messages."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTabWidget,
)

from k360desk.ui import pages

# Words of German UI text that are no place names and no demo data.
GERMAN = re.compile(
    r"\b(und|oder|nicht|keine?|mit|für|Sozialr(a|ä)um\w*|Indikator(en)?|Förder\w*|Träger\w*|"
    r"Einrichtung\w*|Jahr(e)?|Wert(e)?|Datei|Speichern|Löschen|Neu|Bitte|wählen|Quelle|"
    r"Gesamtstadt|Klassen?|Ebene|Bezugsjahr|Antr(a|ä)g\w*|Bewertung\w*|Rangliste|Budget je|"
    r"Sitzung\w*|Gremi\w*|Bericht\w*|Einstellungen|Übersicht|Beschluss\w*|Zielwert\w*|"
    r"Fragebogen|Einschätzung\w*|Vorschau|Zeile|Spalte|Betrag|beantragt|bewilligt|frei)\b")


@pytest.fixture
def english(qapp):
    from k360desk.ui.app import install_translators

    translators = install_translators(qapp, "en")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))


def _chrome(root) -> list[str]:
    """Texts of the interface itself (not of the data shown in tables and maps)."""
    texts = []
    for button in root.findChildren(QAbstractButton):
        if button.isVisible():
            texts += [button.text(), button.toolTip(), button.accessibleName()]
    for label in root.findChildren(QLabel):
        if label.isVisible() and label.buddy() is not None:
            texts.append(label.text())
    for box in root.findChildren(QGroupBox):
        if box.isVisible():
            texts.append(box.title())
    for edit in root.findChildren(QLineEdit):
        if edit.isVisible():
            texts += [edit.placeholderText(), edit.accessibleName()]
    for tabs in root.findChildren(QTabWidget):
        if tabs.isVisible():
            texts += [tabs.tabText(i) for i in range(tabs.count())]
    for header in root.findChildren(QHeaderView):
        if header.isVisible() and header.orientation().name == "Horizontal" and header.model():
            model = header.model()
            # "Criterion name\n(0–5, weight 2,0)": the first line is data, the rest is ours.
            texts += [str(model.headerData(c, header.orientation()) or "").split("\n")[-1]
                      for c in range(model.columnCount())]
    return [t.replace("&", "") for t in texts if t]


def test_no_german_in_the_english_interface(english, window, answers):
    window.documents.open_demo()
    found = []
    for spec in pages.PAGES:
        page = window.show_page(spec.key)
        tabs = [t for t in page.findChildren(QTabWidget) if t.isVisibleTo(page)]
        views = [(None, -1)] + [(t, i) for t in tabs for i in range(t.count())]
        for tab_widget, index in views:
            if tab_widget is not None:
                tab_widget.setCurrentIndex(index)
                QApplication.processEvents()
            found += [f"{spec.key}: {text}" for text in _chrome(page) if GERMAN.search(text)]
    found += [f"Menü: {a.text()}" for m in window.menuBar().actions() for a in m.menu().actions()
              if GERMAN.search(a.text().replace("&", ""))]
    assert not found, "\n".join(dict.fromkeys(found))
