"""The "Förderrunden" page: programmes, funding rounds with budgets, criteria, applications.

Plain records only; the funding-round workflow (assessment, decision) builds on this page.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QTabWidget, QWidget

from k360desk.models import (
    Application,
    Criterion,
    District,
    FundingRound,
    Programme,
    Project,
    Provider,
    Topic,
)
from k360desk.ui.editors.common import (
    fixed,
    names,
    on_project_replaced,
    page_layout,
    splitter,
    unique_name,
)
from k360desk.ui.editors.links import LinkEditor, next_year
from k360desk.ui.editors.section import RecordSection
from k360desk.ui.models import Column


def _districts(project: Project):
    frame = project.frame(District).sort_values("code")
    return [(int(i), f"{c} {n}") for i, c, n in
            zip(frame["id"], frame["code"], frame["name"], strict=True)]


class RoundsPage(QWidget):
    """Programmes and rounds (with budgets), criteria, applications with districts and amounts."""

    help_topic = "rounds"

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        year = QDate.currentDate().year()
        self.programmes = RecordSection(
            context, Programme,
            [Column("name", self.tr("Förderprogramm"), required=True, width=240),
             Column("funder", self.tr("Fördergeber"), width=180),
             Column("max_years", self.tr("Höchstdauer (Jahre)"), "int", width=130),
             Column("description", self.tr("Beschreibung"), multiline=True)],
            self.tr("Förderprogramme"), form=False,
            new_record=lambda p: Programme(
                name=unique_name(p, Programme, self.tr("Neues Programm"))),
            parent=self)
        statuses = [("draft", self.tr("Entwurf")), ("open", self.tr("offen")),
                    ("assessment", self.tr("Bewertung")), ("decided", self.tr("entschieden")),
                    ("closed", self.tr("abgeschlossen"))]
        self.rounds = RecordSection(
            context, FundingRound,
            [Column("name", self.tr("Förderrunde"), required=True, width=220),
             Column("programme_id", self.tr("Programm"), "choice", choices="programmes", width=180),
             Column("first_year", self.tr("Von"), "int", width=60),
             Column("last_year", self.tr("Bis"), "int", width=60),
             Column("deadline", self.tr("Frist"), "date", width=90),
             Column("status", self.tr("Status"), "choice", choices="statuses", required=True,
                    width=110),
             Column("notes", self.tr("Bemerkungen"), multiline=True, in_table=False)],
            self.tr("Förderrunden"), watch=("programmes",),
            new_record=lambda p: FundingRound(
                name=unique_name(p, FundingRound, self.tr("Neue Förderrunde")),
                programme_id=self.programmes.current_id(), first_year=year + 1,
                last_year=year + 1),
            choices={"programmes": (names(Programme), ("programmes",)),
                     "statuses": (fixed(statuses), ())},
            parent=self)
        self.budgets = LinkEditor(
            context, "round_budgets", "round_id",
            [Column("year", self.tr("Jahr"), "int", width=70),
             Column("amount", self.tr("Budget (€)"), "number", decimals=2)],
            self.tr("Budget je Jahr"),
            new_row=lambda rows: {"year": next_year(rows, year + 1), "amount": 0.0}, parent=self)
        self.rounds.form.layout().insertWidget(1, self.budgets)
        self.rounds.selection_changed.connect(self._on_round)

        self.criteria = RecordSection(
            context, Criterion,
            [Column("name", self.tr("Kriterium"), required=True, width=220),
             Column("round_id", self.tr("Förderrunde"), "choice", choices="rounds", required=True,
                    width=180),
             Column("weight", self.tr("Gewicht"), "number", decimals=2, width=80),
             Column("scale_min", self.tr("Skala von"), "number", decimals=0, width=80),
             Column("scale_max", self.tr("Skala bis"), "number", decimals=0, width=80),
             Column("derived", self.tr("Aus Daten"), "choice", choices="derived", width=140),
             Column("description", self.tr("Beschreibung"), multiline=True, in_table=False)],
            self.tr("Kriterien"), form=False, new_record=self._new_criterion,
            watch=("funding_rounds",),
            choices={"rounds": (names(FundingRound), ("funding_rounds",)),
                     "derived": (fixed([("need", self.tr("Bedarf der Sozialräume"))]), ())},
            parent=self)
        app_statuses = [("draft", self.tr("Entwurf")), ("submitted", self.tr("eingereicht")),
                        ("ineligible", self.tr("nicht förderfähig")),
                        ("eligible", self.tr("förderfähig")),
                        ("awarded", self.tr("bewilligt")), ("rejected", self.tr("abgelehnt")),
                        ("withdrawn", self.tr("zurückgezogen"))]
        self.applications = RecordSection(
            context, Application,
            [Column("title", self.tr("Titel"), required=True, width=240),
             Column("round_id", self.tr("Förderrunde"), "choice", choices="rounds", required=True,
                    width=160),
             Column("provider_id", self.tr("Träger"), "choice", choices="providers", width=170),
             Column("topic_id", self.tr("Handlungsfeld"), "choice", choices="topics",
                    in_table=False),
             Column("start_year", self.tr("Beginn"), "int", width=60),
             Column("duration", self.tr("Jahre"), "int", width=50),
             Column("status", self.tr("Status"), "choice", choices="statuses", required=True,
                    width=110),
             Column("submitted", self.tr("Eingereicht am"), "date", in_table=False),
             Column("summary", self.tr("Kurzbeschreibung"), multiline=True, in_table=False),
             Column("conditions", self.tr("Auflagen"), multiline=True, in_table=False)],
            self.tr("Anträge"), new_record=self._new_application,
            watch=("funding_rounds", "providers", "topics"),
            choices={"rounds": (names(FundingRound), ("funding_rounds",)),
                     "providers": (names(Provider), ("providers",)),
                     "topics": (names(Topic), ("topics",)),
                     "statuses": (fixed(app_statuses), ())},
            parent=self)
        self.app_districts = LinkEditor(
            context, "application_districts", "application_id",
            [Column("district_id", self.tr("Sozialraum"), "choice", choices="districts", width=200),
             Column("share", self.tr("Anteil (0–1)"), "number", decimals=2)],
            self.tr("Versorgte Sozialräume"), new_row=self._new_district_row, parent=self)
        self.amounts = LinkEditor(
            context, "application_amounts", "application_id",
            [Column("year", self.tr("Jahr"), "int", width=60),
             Column("requested", self.tr("Beantragt (€)"), "number", decimals=2, width=120),
             Column("awarded", self.tr("Bewilligt (€)"), "number", decimals=2, width=120),
             Column("override_reason", self.tr("Begründung"))],
            self.tr("Beträge je Jahr"),
            new_row=lambda rows: {"year": next_year(rows, year + 1), "requested": 0.0},
            parent=self)
        self.scores = LinkEditor(
            context, "scores", "application_id",
            [Column("criterion_id", self.tr("Kriterium"), "choice", choices="criteria", width=180),
             Column("rater", self.tr("Bewertet von"), width=120),
             Column("score", self.tr("Punkte"), "number", decimals=1, width=70),
             Column("comment", self.tr("Kommentar"))],
            self.tr("Bewertungen"), new_row=self._new_score, parent=self)
        form_layout = self.applications.form.layout()
        for i, editor in enumerate((self.app_districts, self.amounts, self.scores)):
            form_layout.insertWidget(1 + i, editor)
        self.applications.selection_changed.connect(self._on_application)
        context.changed.connect(self._on_changes)
        on_project_replaced(context, self, self._fill_link_choices)
        self._fill_link_choices()

        top = splitter(Qt.Orientation.Vertical, [self.programmes, self.rounds], [180, 520], self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(top, self.tr("&Programme und Runden"))
        self.tabs.addTab(self.criteria, self.tr("&Kriterien"))
        self.tabs.addTab(self.applications, self.tr("&Anträge"))
        self.tabs.setAccessibleName(self.tr("Förderrunden"))
        page_layout(self, self.tabs)

    # --- links ---------------------------------------------------------------------------

    def _fill_link_choices(self) -> None:
        project = self.context.project
        if project is None:
            return
        self.app_districts.set_choices("districts", _districts(project))
        self.scores.set_choices("criteria", names(Criterion)(project))

    def _on_changes(self, changes) -> None:
        if {c.table for c in changes} & {"districts", "criteria"}:
            self._fill_link_choices()

    def _on_round(self, ids: list[int]) -> None:
        self.budgets.set_key(ids[0] if len(ids) == 1 else None)
        chosen = set(ids)
        for section in (self.criteria, self.applications):
            section.proxy.set_field_filter("round_id", (lambda v: v in chosen) if chosen else None)

    def _on_application(self, ids: list[int]) -> None:
        key = ids[0] if len(ids) == 1 else None
        for editor in (self.app_districts, self.amounts, self.scores):
            editor.set_key(key)

    def _round_for_new(self, project: Project) -> int:
        chosen = self.rounds.current_id()
        if chosen is not None:
            return chosen
        rounds = project.all(FundingRound)
        if not rounds:
            raise ValueError(self.tr("Legen Sie zuerst eine Förderrunde an."))
        return rounds[-1].id

    def _new_criterion(self, project: Project) -> Criterion:
        return Criterion(round_id=self._round_for_new(project), name=self.tr("Neues Kriterium"))

    def _new_application(self, project: Project) -> Application:
        round_id = self._round_for_new(project)
        first = project.get(FundingRound, round_id).first_year or QDate.currentDate().year()
        return Application(round_id=round_id, title=self.tr("Neuer Antrag"), start_year=first)

    def _new_district_row(self, rows):
        used = {r.get("district_id") for r in rows}
        free = [i for i, _label in _districts(self.context.project) if i not in used]
        if not free:
            raise ValueError(self.tr("Alle Sozialräume sind schon zugeordnet."))
        return {"district_id": free[0], "share": 1.0}

    def _new_score(self, rows):
        application = self.context.project.get(Application, self.scores.key_value)
        criteria = self.context.project.all(Criterion, round_id=application.round_id)
        used = {(r.get("criterion_id"), r.get("rater")) for r in rows}
        for criterion in criteria:
            if (criterion.id, "") not in used:
                return {"criterion_id": criterion.id, "rater": "", "score": None, "comment": ""}
        raise ValueError(self.tr("Für diese Runde gibt es kein weiteres Kriterium zu bewerten."))
