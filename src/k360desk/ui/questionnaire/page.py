"""The "Trägerabfrage" page: designer, statements per district, goals."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from k360desk.ui.questionnaire.designer import QuestionnaireDesigner
from k360desk.ui.questionnaire.goals import GoalsEditor
from k360desk.ui.questionnaire.statements_view import StatementsView


class VoicePage(QWidget):
    """Questionnaires and their round trip, what providers say per district, and goals."""

    help_topic = "voice"

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.tabs = QTabWidget(self)
        self.designer = QuestionnaireDesigner(context, self.tabs)
        self.statements = StatementsView(context, self.tabs)
        self.goals = GoalsEditor(context, self.tabs)
        self.tabs.addTab(self.designer, self.tr("&Fragebogen"))
        self.tabs.addTab(self.statements, self.tr("&Einschätzungen je Sozialraum"))
        self.tabs.addTab(self.goals, self.tr("&Zielwerte"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
