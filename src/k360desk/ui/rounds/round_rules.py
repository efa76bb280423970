"""The round's need rule and budget line on the "Runde & Budget" tab, each change undoable."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from k360desk.models.round_rules import configure_round
from k360desk.projectfile import FundingRound, Project
from k360desk.ui.commands.base import StoreCommand


class ConfigureRound(StoreCommand):
    """Change the round's need rule, declared need value or budget line."""

    def __init__(self, project: Project, round_id: int, values: dict[str, Any], text: str) -> None:
        super().__init__(project, text)
        self.round_id, self.values = round_id, dict(values)
        self.old: dict[str, Any] | None = None

    def _redo(self) -> None:
        old = configure_round(self.project, self.round_id, **self.values)
        if self.old is None:
            self.old = old

    def _undo(self) -> None:
        self.project.update(FundingRound, self.round_id, **self.old)


class RoundRulesBar(QWidget):
    """One row: what a district without need value counts, the declared value, budget line."""

    def __init__(self, tab, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tab = tab  # the RoundTab: project, round, push and error display
        self.rule = QComboBox(self)
        for code, text in (
            ("parent", self.tr("Wert der übergeordneten Ebene")),
            ("declared", self.tr("festgelegter Wert")),
            ("omit", self.tr("Bedarf entfällt, Gewichte neu verteilt")),
            ("block", self.tr("kein Beschluss möglich")),
        ):
            self.rule.addItem(text, code)
        self.rule.setAccessibleName(self.tr("Bedarf für Sozialräume ohne Wert"))
        self.rule.setToolTip(self.tr(
            "Wie ein Antrag für einen Sozialraum ohne Bedarfswert (nicht im Index oder ganzer "
            "Stadtbezirk) bewertet wird; die Regel steht in der Herleitung der Rangliste."))
        self.rule.activated.connect(self._rule_chosen)
        self.value = QDoubleSpinBox(self)
        self.value.setLocale(QLocale(QLocale.Language.German, QLocale.Country.Germany))
        self.value.setRange(0, 100)
        self.value.setDecimals(1)
        self.value.setValue(50)
        self.value.setAccessibleName(self.tr("Festgelegter Bedarfswert"))
        self.value.editingFinished.connect(self._value_done)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(self.tr("z. B. 1.3610.718000"))
        self.line.setAccessibleName(self.tr("Haushaltsstelle"))
        self.line.setMinimumWidth(150)
        self.line.editingFinished.connect(self._line_done)
        self.rule_label = QLabel(self.tr("Ohne &Bedarfswert:"), self)
        self.rule_label.setBuddy(self.rule)
        self.value_label = QLabel(self.tr("&Wert:"), self)
        self.value_label.setBuddy(self.value)
        self.line_label = QLabel(self.tr("&Haushaltsstelle:"), self)
        self.line_label.setBuddy(self.line)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.rule_label, self.rule, self.value_label, self.value, self.line_label):
            row.addWidget(widget)
        row.addWidget(self.line, 1)
        self._round: FundingRound | None = None

    def load(self, rnd: FundingRound, writable: bool) -> None:
        """Show the round's rules; the need rule is locked once the round is decided."""
        self._round = rnd
        self.rule.setCurrentIndex(max(0, self.rule.findData(rnd.need_fallback)))
        if rnd.need_declared is not None:
            self.value.setValue(float(rnd.need_declared))
        decided = rnd.status in ("decided", "closed")
        self.rule.setEnabled(writable and not decided)
        self.value.setEnabled(writable and not decided and rnd.need_fallback == "declared")
        self.line.setText(rnd.budget_line or "")
        self.line.setReadOnly(not writable)

    def _push(self, values: dict[str, Any], text: str) -> None:
        if self._round is None or self.tab.project is None:
            return
        current = self.tab.project.get(FundingRound, self._round.id)
        if all(getattr(current, k) == v for k, v in values.items()):
            return
        self.tab.push(ConfigureRound(self.tab.project, current.id, values, text))

    def _rule_chosen(self, index: int) -> None:
        code = self.rule.itemData(index)
        values: dict[str, Any] = {"need_fallback": code}
        if code == "declared":
            values["need_declared"] = float(self.value.value())
        self._push(values, self.tr("Bedarfsregel ändern"))

    def _value_done(self) -> None:
        if self._round is not None and self.rule.currentData() == "declared":
            self._push({"need_declared": float(self.value.value())}, self.tr("Bedarfswert ändern"))

    def _line_done(self) -> None:
        if not self.line.isReadOnly():
            self._push({"budget_line": self.line.text().strip()}, self.tr("Haushaltsstelle ändern"))
