"""The "Gremien" page: committees, their meetings and the agenda items of a meeting."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QTabWidget, QWidget

from k360desk.projectfile import AgendaItem, Committee, FundingRound, Meeting, Project
from k360desk.ui.editors.common import names, page_layout, splitter, unique_name
from k360desk.ui.editors.section import RecordSection
from k360desk.ui.models import Column
from k360desk.ui.models.columns import format_date


def _meetings(project: Project):
    frame = project.frame(Meeting)
    committees = dict(names(Committee)(project))
    return [(int(i), f"{committees.get(c, '')} – {format_date(d)}") for i, c, d in
            zip(frame["id"], frame["committee_id"], frame["date"], strict=True)]


class CommitteesPage(QWidget):
    """Committees, meetings (filtered by the chosen committee) and agenda items."""

    help_topic = "committees"

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.committees = RecordSection(
            context, Committee,
            [Column("name", self.tr("Gremium"), required=True, width=260),
             Column("kind", self.tr("Art"), width=160),
             Column("notes", self.tr("Bemerkungen"), multiline=True)],
            self.tr("Gremien"), form=False,
            new_record=lambda p: Committee(
                name=unique_name(p, Committee, self.tr("Neues Gremium"))),
            parent=self)
        self.meetings = RecordSection(
            context, Meeting,
            [Column("date", self.tr("Datum"), "date", required=True, width=100),
             Column("committee_id", self.tr("Gremium"), "choice", choices="committees",
                    required=True, width=220),
             Column("location", self.tr("Ort"), width=160),
             Column("notes", self.tr("Bemerkungen"), multiline=True)],
            self.tr("Sitzungen"), new_record=self._new_meeting, watch=("committees",), form=False,
            choices={"committees": (names(Committee), ("committees",))}, parent=self)
        self.items = RecordSection(
            context, AgendaItem,
            [Column("number", self.tr("TOP"), width=60),
             Column("title", self.tr("Titel"), required=True, width=300),
             Column("meeting_id", self.tr("Sitzung"), "choice", choices="meetings", required=True,
                    width=220),
             Column("round_id", self.tr("Förderrunde"), "choice", choices="rounds", width=180),
             Column("document", self.tr("Vorlage"), width=140),
             Column("decision", self.tr("Beschluss"), multiline=True, in_table=False)],
            self.tr("Tagesordnungspunkte"), new_record=self._new_item,
            watch=("meetings", "funding_rounds"),
            choices={"meetings": (_meetings, ("meetings", "committees")),
                     "rounds": (names(FundingRound), ("funding_rounds",))},
            parent=self)
        self.committees.selection_changed.connect(self._on_committee)
        self.meetings.selection_changed.connect(self._on_meeting)
        top = splitter(Qt.Orientation.Horizontal, [self.committees, self.meetings], [500, 700],
                       self)
        body = splitter(Qt.Orientation.Vertical, [top, self.items], [330, 400], self)
        # What went to which meeting, per committee or funding round (read-only history).
        from k360desk.ui.questionnaire.history import MeetingHistory

        self.tabs = QTabWidget(self)
        self.history = MeetingHistory(context, self.tabs)
        self.tabs.addTab(body, self.tr("&Bearbeiten"))
        self.tabs.addTab(self.history, self.tr("&Verlauf"))
        page_layout(self, self.tabs)

    def _on_committee(self, ids: list[int]) -> None:
        chosen = set(ids)
        self.meetings.proxy.set_field_filter(
            "committee_id", (lambda v: v in chosen) if chosen else None)

    def _on_meeting(self, ids: list[int]) -> None:
        chosen = set(ids)
        self.items.proxy.set_field_filter("meeting_id", (lambda v: v in chosen) if chosen else None)

    def _new_meeting(self, project: Project) -> Meeting:
        committee = self.committees.current_id()
        if committee is None:
            first = project.all(Committee)
            if not first:
                raise ValueError(self.tr("Legen Sie zuerst ein Gremium an."))
            committee = first[0].id
        return Meeting(committee_id=committee,
                       date=QDate.currentDate().toString(Qt.DateFormat.ISODate))

    def _new_item(self, project: Project) -> AgendaItem:
        meeting = self.meetings.current_id()
        if meeting is None:
            first = project.all(Meeting, order_by="date DESC")
            if not first:
                raise ValueError(self.tr("Legen Sie zuerst eine Sitzung an."))
            meeting = first[0].id
        count = len(project.all(AgendaItem, meeting_id=meeting)) if meeting else 0
        return AgendaItem(meeting_id=meeting, number=str(count + 1), title=self.tr("Neuer Punkt"))
