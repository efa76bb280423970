"""The "Übersicht" page: what the open project holds, at a glance."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget
from shiboken6 import isValid

from k360desk.projectfile.summary import periods
from k360desk.ui.context import ProjectContext
from k360desk.ui.pages import QT_TRANSLATE_NOOP
from k360desk.ui.tasks import run_task

# Record counts shown, grouped as the navigation is (table, label).
COUNT_GROUPS = (
    (QT_TRANSLATE_NOOP("OverviewPage", "Sozialräume und Indikatoren"), (
        ("district_levels", QT_TRANSLATE_NOOP("OverviewPage", "Ebenen")),
        ("districts", QT_TRANSLATE_NOOP("OverviewPage", "Sozialräume")),
        ("topics", QT_TRANSLATE_NOOP("OverviewPage", "Handlungsfelder")),
        ("indicators", QT_TRANSLATE_NOOP("OverviewPage", "Indikatoren")),
        ("indicator_values", QT_TRANSLATE_NOOP("OverviewPage", "Indikatorwerte")),
    )),
    (QT_TRANSLATE_NOOP("OverviewPage", "Angebote"), (
        ("providers", QT_TRANSLATE_NOOP("OverviewPage", "Träger")),
        ("facility_types", QT_TRANSLATE_NOOP("OverviewPage", "Einrichtungsarten")),
        ("facilities", QT_TRANSLATE_NOOP("OverviewPage", "Einrichtungen")),
    )),
    (QT_TRANSLATE_NOOP("OverviewPage", "Förderung und Gremien"), (
        ("programmes", QT_TRANSLATE_NOOP("OverviewPage", "Förderprogramme")),
        ("funding_rounds", QT_TRANSLATE_NOOP("OverviewPage", "Förderrunden")),
        ("applications", QT_TRANSLATE_NOOP("OverviewPage", "Anträge")),
        ("committees", QT_TRANSLATE_NOOP("OverviewPage", "Gremien")),
        ("meetings", QT_TRANSLATE_NOOP("OverviewPage", "Sitzungen")),
    )),
)


def _value_label() -> QLabel:
    label = QLabel()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


class OverviewPage(QWidget):
    """Municipality, reference system, periods, record counts and when it was last saved."""

    help_topic = "overview"
    navigate = Signal(str)
    """Ask the main window to show another page (by key)."""

    def __init__(self, context: ProjectContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName(self.tr("Übersicht"))
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setAccessibleName(self.tr("Kommune"))

        project_box = QGroupBox(self.tr("Projekt"))
        form = QFormLayout(project_box)
        self.fields: dict[str, QLabel] = {}
        for key, label in (("municipality", self.tr("Kommune:")),
                           ("ags", self.tr("Gemeindeschlüssel:")),
                           ("crs", self.tr("Bezugssystem:")),
                           ("threshold", self.tr("Geheimhaltung:")),
                           ("periods", self.tr("Bezugsjahre:")),
                           ("file", self.tr("Datei:")),
                           ("saved", self.tr("Zuletzt gespeichert:"))):
            value = _value_label()
            value.setAccessibleName(label.rstrip(":"))
            value.setWordWrap(key == "file")
            form.addRow(label, value)
            self.fields[key] = value

        counts = QGridLayout()
        self.counts: dict[str, QLabel] = {}
        for column, (group_title, entries) in enumerate(COUNT_GROUPS):
            box = QGroupBox(self.tr(group_title))
            box_form = QFormLayout(box)
            for table, label in entries:
                value = _value_label()
                value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                value.setAccessibleName(self.tr(label))
                box_form.addRow(self.tr(label) + ":", value)
                self.counts[table] = value
            counts.addWidget(box, 0, column)

        self.next_box = QGroupBox(self.tr("Nächste Schritte"))
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        self.next_label.setTextFormat(Qt.TextFormat.RichText)
        self.next_label.setAccessibleName(self.tr("Nächste Schritte"))
        self.next_label.linkActivated.connect(self._on_link)
        QVBoxLayout(self.next_box).addWidget(self.next_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.heading)
        layout.addWidget(project_box)
        layout.addLayout(counts)
        layout.addWidget(self.next_box)
        layout.addStretch(1)

        # Many change notices in a row (a paste, an import) refresh once.
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh)
        context.changed.connect(lambda _changes: self._timer.start())
        context.project_replaced.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Read the summary from the project."""
        project = self.context.project
        if project is None:
            return
        locale = QLocale()
        name = project.get_meta("municipality", self.tr("Unbenannt"))
        self.heading.setText(f"<h2>{_escape(name)}</h2>")
        self.fields["municipality"].setText(name)
        self.fields["ags"].setText(project.get_meta("ags") or self.tr("nicht angegeben"))
        self.fields["crs"].setText(project.get_meta("crs"))
        self.fields["threshold"].setText(self.tr("Fallzahlen unter %1 werden unterdrückt").replace(
            "%1", locale.toString(project.disclosure_threshold)))
        # Distinct periods need a full scan of the values (a second at city scale): read them
        # on a worker's own connection and fill the line in when they arrive.
        known, epoch = project.known_periods()
        if known is not None:
            self._show_periods(project, known)
        else:
            if self.fields["periods"].text() == "":
                self.fields["periods"].setText(self.tr("wird ermittelt …"))
            run_task(self, self.tr("Bezugsjahre"), _read_periods(project),
                     lambda found, shown=project, at=epoch: self._show_periods(shown, found, at),
                     on_error=lambda _exc: None, key=f"overview-periods-{id(self)}", quiet=True)
        self.fields["file"].setText(str(project.path) if project.path
                                    else self.tr("noch nicht gespeichert"))
        saved = project.get_meta("modified")
        self.fields["saved"].setText(_german_datetime(saved) if project.path and saved
                                     else self.tr("–"))
        counts = project.counts()
        for table, label in self.counts.items():
            label.setText(locale.toString(counts.get(table, 0)))
        self._show_next_steps(project, counts)

    def _show_periods(self, project, periods: list[int], epoch: int | None = None) -> None:
        if not isValid(self) or project is not self.context.project:
            return  # the page or the project went away while they were read
        if epoch is not None:
            # The map page needs them too: its first visit then costs no scan.
            project.adopt_periods(periods, epoch)
        locale = QLocale()
        if not periods:
            period_text = self.tr("noch keine Werte")
        elif len(periods) == 1:
            period_text = str(periods[0])
        else:
            period_text = self.tr("%1 bis %2 (%3 Jahre)").replace("%1", str(periods[0])).replace(
                "%2", str(periods[-1])).replace("%3", locale.toString(len(periods)))
        self.fields["periods"].setText(period_text)

    def _show_next_steps(self, project, counts: dict[str, int]) -> None:
        steps = []
        if not counts.get("districts"):
            steps.append(self.tr("Sozialräume anlegen oder mit <i>Datei ▸ Importieren ▸"
                                 " Sozialräume</i> aus einer Geodatei einlesen"
                                 " (<a href=\"districts\">Sozialräume</a>)."))
        if not counts.get("indicators"):
            steps.append(self.tr("Indikatoren festlegen (<a href=\"indicators\">Indikatoren</a>)."))
        elif not counts.get("indicator_values"):
            steps.append(self.tr("Indikatorwerte einlesen oder aus Excel einfügen"
                                 " (<a href=\"indicators\">Indikatoren</a>)."))
        if counts.get("indicator_values"):
            steps.append(self.tr("Bedarfe auf der Karte ansehen"
                                 " (<a href=\"maps\">Karten &amp; Diagramme</a>)."))
        if not counts.get("facilities"):
            steps.append(self.tr("Träger und Einrichtungen erfassen"
                                 " (<a href=\"providers\">Träger &amp; Angebote</a>)."))
        if project.path is None:
            steps.append(self.tr("Das Projekt ist noch nicht gespeichert: <i>Datei ▸ Speichern"
                                 " unter…</i> (Strg+Umschalt+S)."))
        self.next_label.setText("<ul style=\"margin-left: 0px; -qt-list-indent: 1;\">"
                                + "".join(f"<li>{step}</li>" for step in steps) + "</ul>")
        self.next_box.setVisible(bool(steps))

    def _on_link(self, key: str) -> None:
        self.navigate.emit(key)


def _read_periods(project):
    """The work of reading the periods, on the worker's own read connection."""
    def work(_progress) -> list[int]:
        conn = project.connect_reader()
        try:
            return periods(conn)
        finally:
            conn.close()
    return work


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _german_datetime(iso: str) -> str:
    try:
        return QLocale().toString(datetime.fromisoformat(iso), "dd.MM.yyyy, HH:mm")
    except (ValueError, TypeError):
        return iso
