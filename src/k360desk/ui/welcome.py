"""The welcome page, shown while no project is open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from k360desk.ui import settings


class WelcomePage(QWidget):
    """New project, Open, recent files, the demo and a short "first steps" text."""

    help_topic = "welcome"

    def __init__(self, documents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setAccessibleName(self.tr("Willkommen"))
        self.documents = documents

        title = QLabel(self.tr("<h1>k360desk</h1>"))
        title.setAccessibleName("k360desk")
        subtitle = QLabel(self.tr("Integrierte Sozialplanung – von Daten zu Taten"))
        font = subtitle.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        subtitle.setFont(font)

        self.new_button = self._button(self.tr("&Neues Projekt…"),
                                       self.tr("Ein leeres Projekt für eine Kommune anlegen"),
                                       documents.new_project)
        self.open_button = self._button(self.tr("Projekt ö&ffnen…"),
                                        self.tr("Eine vorhandene Projektdatei (.k360) öffnen"),
                                        documents.open_dialog)
        self.demo_button = self._button(self.tr("&Demo öffnen"),
                                        self.tr("Die erfundene „Musterstadt“ zum Ausprobieren"),
                                        documents.open_demo)

        recent_title = QLabel(self.tr("<b>Zuletzt geöffnet</b>"))
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("recent_files")
        self.recent_list.setAccessibleName(self.tr("Zuletzt geöffnete Projekte"))
        self.recent_list.setAccessibleDescription(self.tr("Eingabetaste oder Doppelklick öffnet"
                                                          " das Projekt"))
        self.recent_list.itemActivated.connect(self._open_item)
        row = self.recent_list.fontMetrics().height() + 8
        self.recent_list.setMinimumHeight(row * 4)
        self.recent_list.setMaximumHeight(row * 8 + 4)
        recent_title.setBuddy(self.recent_list)

        steps = QLabel(self.tr(
            "<h3>Erste Schritte</h3>"
            "<ol>"
            "<li><b>Projekt anlegen</b> – eines je Kommune, mit Name und Gemeindeschlüssel.</li>"
            "<li><b>Sozialräume importieren</b> – Grenzen aus einer Geodatei"
            " (Datei ▸ Importieren).</li>"
            "<li><b>Indikatorwerte einlesen</b> – aus Excel oder CSV, oder direkt einfügen.</li>"
            "<li><b>Karten und Sozialindex</b> – sehen, wo der Bedarf am größten ist.</li>"
            "<li><b>Träger und Angebote</b> – wo Bedarf auf wenig Angebot trifft.</li>"
            "<li><b>Förderrunden und Berichte</b> – Entscheidungen nachvollziehbar machen.</li>"
            "</ol>"
            "<p>Zum Ausprobieren: <b>Demo öffnen</b>. Hilfe zu jeder Ansicht mit <b>F1</b>.</p>"))
        steps.setWordWrap(True)
        steps.setTextFormat(Qt.TextFormat.RichText)
        steps.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        steps.setAccessibleName(self.tr("Erste Schritte"))

        left = QVBoxLayout()
        left.addWidget(title)
        left.addWidget(subtitle)
        left.addSpacing(16)
        for button in (self.new_button, self.open_button, self.demo_button):
            left.addWidget(button)
        left.addSpacing(12)
        left.addWidget(recent_title)
        left.addWidget(self.recent_list)
        left.addStretch(1)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        right = QVBoxLayout()
        right.addSpacing(24)
        right.addWidget(steps)
        right.addStretch(1)

        columns = QHBoxLayout()
        columns.addLayout(left, 5)
        columns.addSpacing(12)
        columns.addWidget(line)
        columns.addSpacing(12)
        columns.addLayout(right, 4)

        outer = QHBoxLayout(self)
        outer.addStretch(1)
        body = QWidget()
        body.setLayout(columns)
        body.setMaximumWidth(1000)
        outer.addWidget(body, 10)
        outer.addStretch(1)
        outer.setContentsMargins(24, 24, 24, 24)

        self.setTabOrder(self.new_button, self.open_button)
        self.setTabOrder(self.open_button, self.demo_button)
        self.setTabOrder(self.demo_button, self.recent_list)
        self.refresh_recent()

    def _button(self, text: str, description: str, slot) -> QCommandLinkButton:
        button = QCommandLinkButton(text, description)
        button.setAccessibleName(text.replace("&", ""))
        button.setAccessibleDescription(description)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def refresh_recent(self) -> None:
        """Show the recent files (missing ones greyed out, still listed)."""
        self.recent_list.clear()
        for path in settings.recent_files():
            item = QListWidgetItem(f"{Path(path).name}  —  {Path(path).parent}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            if not Path(path).exists():
                item.setText(item.text() + self.tr("  (nicht gefunden)"))
                item.setForeground(self.palette().placeholderText())
            self.recent_list.addItem(item)
        if self.recent_list.count() == 0:
            item = QListWidgetItem(self.tr("Noch keine Projekte geöffnet."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent_list.addItem(item)
        else:
            self.recent_list.setCurrentRow(0)

    def _open_item(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.documents.open_path(path)
