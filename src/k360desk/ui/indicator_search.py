"""Type-ahead search for an indicator chooser: name, unit and source in one line.

A city project has well over a hundred indicators; scrolling a combo box of 137 entries to
find "SGB-II-Quote" is slow by mouse and impossible by screen reader. The search field sits
above the chooser, finds any part of name, unit or source ("quote", "%", "Bundesagentur")
and sets the chooser, which stays the one place the page reads its choice from. The chooser
is a combo box, or a check list (the index components), where choosing ticks the entry.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QListWidget, QWidget

KEY_ROLE = Qt.ItemDataRole.UserRole


def entry_text(name: str, unit: str | None, source: str | None) -> str:
    """"Arbeitslosenquote [%] – Bundesagentur für Arbeit"."""
    text = name
    if unit:
        text += f" [{unit}]"
    if source:
        text += f" – {source}"
    return text


class IndicatorSearch(QLineEdit):
    """A search field that chooses an entry of ``combo`` by its data (the indicator key)."""

    def __init__(self, combo: QComboBox | QListWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = combo
        self.setPlaceholderText(self.tr("Suchen: Name, Einheit, Quelle …"))
        self.setClearButtonEnabled(True)
        self.setAccessibleName(self.tr("Indikator suchen"))
        self.setAccessibleDescription(self.tr(
            "Teil von Name, Einheit oder Quelle eingeben, mit Pfeiltasten wählen, Eingabetaste übernimmt"))
        self.entries = QStandardItemModel(self)
        self.completer_ = QCompleter(self.entries, self)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer_.setMaxVisibleItems(12)
        self.setCompleter(self.completer_)
        self.completer_.activated[QModelIndex].connect(self._chosen)

    def set_indicators(self, rows: list[tuple[object, str, str | None, str | None]]) -> None:
        """(data in the chooser, name, unit, source) of every indicator the chooser offers."""
        self.entries.clear()
        for key, name, unit, source in rows:
            item = QStandardItem(entry_text(name, unit, source))
            item.setData(key, KEY_ROLE)
            self.entries.appendRow(item)

    def choose(self, key) -> bool:
        """Set the chooser to ``key``; False when it does not offer it."""
        if isinstance(self.combo, QListWidget):
            return self._tick(key)
        index = self.combo.findData(key)
        if index < 0:
            return False
        self.combo.setCurrentIndex(index)
        return True

    def _tick(self, key) -> bool:
        for row in range(self.combo.count()):
            item = self.combo.item(row)
            if item.data(KEY_ROLE) == key:
                self.combo.setCurrentItem(item)
                self.combo.scrollToItem(item)
                # Searching for a component means adding it; unticking stays in the list.
                if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                    item.setCheckState(Qt.CheckState.Checked)
                return True
        return False

    def _chosen(self, index: QModelIndex) -> None:
        if self.choose(index.data(KEY_ROLE)):
            if isinstance(self.combo, QComboBox):
                # A record form writes on "activated" (a user's choice), as if picked by mouse.
                self.combo.activated.emit(self.combo.currentIndex())
            # Cleared after the completer has written its text, so the field is ready again.
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self, self.clear)
