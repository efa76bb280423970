"""The "Indikatoren" page: topics, indicator definitions (table + form) and the values grid."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QWidget

from k360desk.projectfile import Indicator, Project, Topic
from k360desk.ui.column_fit import KEY
from k360desk.ui.editors.common import fixed, names, page_layout, splitter, unique_name
from k360desk.ui.editors.section import RecordSection
from k360desk.ui.editors.values_grid import ValuesGrid
from k360desk.ui.models import Column

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


def _indicator_choices(project: Project):
    frame = project.frame(Indicator)
    return [(int(i), f"{n} ({k})") for i, n, k in
            zip(frame["id"], frame["name"], frame["key"], strict=True)]


def _new_indicator(project: Project) -> Indicator:
    keys = set(project.frame(Indicator)["key"].astype(str))
    n = 1
    while f"indikator_{n}" in keys:
        n += 1
    return Indicator(key=f"indikator_{n}", name=unique_name(project, Indicator, "Neuer Indikator"))


class IndicatorsPage(QWidget):
    """Topics and indicator definitions on one tab, the values grid on the other."""

    help_topic = "indicators"

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

        def check_key(value) -> str | None:
            if not value or not _KEY.match(str(value)):
                return self.tr("Der Schlüssel besteht aus Kleinbuchstaben, Ziffern und _ und "
                               "beginnt mit einem Buchstaben (z. B. alo_quote).")
            return None

        def check_decimals(value) -> str | None:
            if value is None or not 0 <= int(value) <= 6:
                return self.tr("Nachkommastellen: 0 bis 6.")
            return None

        def check_scale(value) -> str | None:
            if value is None or float(value) <= 0:
                return self.tr("Der Faktor muss größer als 0 sein (z. B. 100 für Prozent).")
            return None

        topic_columns = [
            Column("name", self.tr("Handlungsfeld"), required=True, width=260),
            Column("sort", self.tr("Reihenfolge"), "int", width=90),
            Column("description", self.tr("Beschreibung"), multiline=True),
        ]
        self.topics = RecordSection(
            context, Topic, topic_columns, self.tr("Handlungsfelder"), form=False,
            new_record=lambda p: Topic(name=unique_name(p, Topic, self.tr("Neues Handlungsfeld"))),
            parent=self)
        kinds = [("count", self.tr("Anzahl")), ("share", self.tr("Anteil")),
                 ("rate", self.tr("Quote/Rate")), ("mean", self.tr("Mittelwert"))]
        polarities = [(1, self.tr("höher = mehr Bedarf")), (-1, self.tr("höher = weniger Bedarf")),
                      (0, self.tr("neutral"))]
        indicator_columns = [
            Column("key", self.tr("Schlüssel"), required=True, validator=check_key, width=130,
                   description=self.tr("Kurzname für Formeln und Exporte, z. B. alo_quote")),
            Column("name", self.tr("Name"), required=True, width=240),
            Column("unit", self.tr("Einheit"), width=80, priority=KEY),
            Column("topic_id", self.tr("Handlungsfeld"), "choice", choices="topics", width=170),
            Column("kind", self.tr("Art"), "choice", choices="kinds", required=True, width=100),
            Column("polarity", self.tr("Richtung"), "choice", choices="polarities", required=True,
                   width=150,
                   description=self.tr("Bedeutet ein höherer Wert mehr oder weniger Bedarf?")),
            Column("numerator_id", self.tr("Zähler"), "choice", choices="indicators",
                   in_table=False,
                   description=self.tr("Für berechnete Indikatoren: der Zähler")),
            Column("denominator_id", self.tr("Nenner"), "choice", choices="indicators",
                   in_table=False, description=self.tr("Für berechnete Indikatoren: der Nenner")),
            Column("scale", self.tr("Faktor"), "number", decimals=0, validator=check_scale,
                   in_table=False, description=self.tr("100 = Prozent, 1000 = Promille")),
            Column("decimals", self.tr("Nachkommastellen"), "int", validator=check_decimals,
                   in_table=False),
            Column("disclosure", self.tr("Geheimhaltung"), "bool", width=110,
                   description=self.tr("Kleine Fallzahlen dieses Indikators werden unterdrückt")),
            Column("source", self.tr("Quelle"), in_table=False),
            Column("description", self.tr("Beschreibung"), multiline=True, in_table=False),
            Column("sort", self.tr("Reihenfolge"), "int", in_table=False),
        ]
        self.indicators = RecordSection(
            context, Indicator, indicator_columns, self.tr("Indikatoren"),
            new_record=_new_indicator, watch=("topics",),
            choices={"topics": (names(Topic), ("topics",)),
                     "kinds": (fixed(kinds), ()), "polarities": (fixed(polarities), ()),
                     "indicators": (_indicator_choices, ("indicators",))},
            parent=self,
            empty_hint=self.tr("Noch keine Indikatoren.\nWerte einlesen mit Datei ▸ Importieren ▸ "
                               "Indikatorwerte … (legt die Indikatoren an) oder mit „Neu“."))
        definitions = splitter(Qt.Orientation.Vertical, [self.topics, self.indicators],
                               [170, 560], self)
        self.grid = ValuesGrid(context, self, load_when_shown=True)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(definitions, self.tr("&Definitionen"))
        self.tabs.addTab(self.grid, self.tr("&Werte"))
        self.tabs.setAccessibleName(self.tr("Indikatoren: Definitionen und Werte"))
        self.indicators.selection_changed.connect(self._on_indicator_selected)
        page_layout(self, self.tabs)

    def _on_indicator_selected(self, ids: list[int]) -> None:
        if len(ids) == 1:
            self.grid.set_indicator(ids[0])

    def copy(self) -> None:
        """Copy the selected grid cells (Bearbeiten → Kopieren)."""
        if self.tabs.currentWidget() is self.grid:
            self.grid.copy()

    def paste(self) -> None:
        """Paste into the grid (Bearbeiten → Einfügen)."""
        if self.tabs.currentWidget() is self.grid:
            self.grid.paste()
