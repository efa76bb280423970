"""The "Förderrunden" workflow page: rounds on top, the selected round's steps as tabs.

Tabs: round and budget (status with guards), criteria catalogue, applications, scoring,
ranking and allocation (trial, overrides, decision), after the decision (payments, usage
reports, reviews) and where the money goes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from k360desk.models import rounds as store
from k360desk.projectfile import Committee, DecisionRule, FundingRound, Programme, Project
from k360desk.ui.editors.common import names, page_layout, splitter, unique_name
from k360desk.ui.editors.section import RecordSection
from k360desk.ui.models import Column
from k360desk.ui.rounds import base
from k360desk.ui.rounds.commands import SetLinkRows, SetRoundStatus
from k360desk.ui.rounds.frame_model import format_cell, money_text


def _new_round(project: Project) -> FundingRound:
    from datetime import date

    year = date.today().year + 1
    programmes = project.all(Programme)
    return FundingRound(
        name=unique_name(project, FundingRound, f"Förderrunde {year}"),
        programme_id=programmes[0].id if programmes else None,
        first_year=year,
        last_year=year + 2,
    )


def _rounds_frame(project: Project):
    return project.frame(FundingRound).sort_values(["first_year", "name"])


class RoundWorkflowPage(QWidget):
    """Rounds list and the workflow of the selected round."""

    help_topic = "rounds"

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        status_pairs = [(code, base.status_label(code)) for code in store.STATUSES]
        columns = [
            Column("name", self.tr("Förderrunde"), required=True, width=200),
            Column("programme_id", self.tr("Förderprogramm"), "choice", choices="programmes", width=180),
            Column("first_year", self.tr("von"), "int", width=60, required=True),
            Column("last_year", self.tr("bis"), "int", width=60, required=True),
            Column("deadline", self.tr("Antragsfrist"), "date", width=100),
            Column("status", self.tr("Status"), "choice", choices="status", editable=False, width=140),
            Column("notes", self.tr("Bemerkungen"), multiline=True),
        ]
        self.rounds = RecordSection(
            context,
            FundingRound,
            columns,
            self.tr("Förderrunden"),
            loader=_rounds_frame,
            new_record=_new_round,
            form=False,
            choices={
                "programmes": (names(Programme), ("programmes",)),
                "status": (lambda p: status_pairs, ()),
            },
            parent=self,
        )
        self.tabs = QTabWidget(self)
        # A tab is built when it is first shown or asked for (``page.ranking``): all seven
        # at once took half of the page's first visit at city scale.
        self._tabs: dict[str, QWidget] = {}
        self._round_id: int | None = None
        for _name, title in self._tab_titles():
            holder = QWidget(self)
            holder.setAccessibleName(title.replace("&&", "&"))
            self.tabs.addTab(holder, title)
        self.tabs.currentChanged.connect(self._build_shown_tab)
        self.placeholder = base.note_label(
            self, self.tr("Wählen Sie oben eine Förderrunde aus oder legen Sie mit „Neu“ eine an.")
        )
        lower = QWidget(self)
        lay = QVBoxLayout(lower)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.placeholder)
        lay.addWidget(self.tabs, 1)
        programmes = QPushButton(self.tr("Förder&programme verwalten …"), self)
        programmes.setAccessibleName(self.tr("Förderprogramme verwalten"))
        programmes.clicked.connect(self._edit_programmes)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.rounds, 1)
        from k360desk.ui.rounds.books import WorkbooksButton
        from k360desk.ui.rounds.notices import NoticesButton

        self.workbooks = WorkbooksButton(context, self._selected_round, self)
        self.notices = NoticesButton(context, self._selected_round, self)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.workbooks)
        row.addWidget(self.notices)
        row.addWidget(programmes)
        top_layout.addLayout(row)
        body = splitter(Qt.Orientation.Vertical, [top, lower], [150, 700], self)
        page_layout(self, body)
        self.setAccessibleName(self.tr("Förderrunden"))
        base.name_inner_editors(self)
        self._build_shown_tab(self.tabs.currentIndex())
        self.rounds.selection_changed.connect(self._on_selected)
        self._on_selected(self.rounds.selected_ids())
        if self.rounds.model.rowCount() and not self.rounds.selected_ids():
            self.rounds.select_ids([self.rounds.model.record_id(self.rounds.model.rowCount() - 1)])

    # --- tabs, built when first needed ---------------------------------------------------

    TAB_NAMES = ("setup", "criteria", "applications", "scoring", "ranking", "aftercare", "money")

    def _tab_titles(self) -> list[tuple[str, str]]:
        return list(zip(self.TAB_NAMES, (
            self.tr("Runde && Budget"), self.tr("Kriterien"), self.tr("Anträge"),
            self.tr("Bewertung"), self.tr("Rangliste && Vergabe"), self.tr("Nach der Bewilligung"),
            self.tr("Wohin fließt das Geld?")), strict=True))

    def _tab_class(self, name: str):
        from k360desk.ui.rounds.aftercare import AftercareTab, MoneyTab
        from k360desk.ui.rounds.catalogue import ApplicationsTab, CriteriaTab
        from k360desk.ui.rounds.ranking import RankingTab
        from k360desk.ui.rounds.scoring import ScoringTab

        return {"setup": SetupTab, "criteria": CriteriaTab, "applications": ApplicationsTab,
                "scoring": ScoringTab, "ranking": RankingTab, "aftercare": AftercareTab,
                "money": MoneyTab}[name]

    def tab(self, name: str) -> QWidget:
        """The workflow tab ``name`` (one of ``TAB_NAMES``), built now if not yet."""
        built = self._tabs.get(name)
        if built is not None:
            return built
        from k360desk.ui.access_keys import make_unique
        from k360desk.ui.column_fit import fit_all_tables

        index = self.TAB_NAMES.index(name)
        widget = self._tab_class(name)(self.context, self)
        self._tabs[name] = widget
        holder, title = self.tabs.widget(index), self.tabs.tabText(index)
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, title)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        holder.deleteLater()
        widget.set_round(self._round_id)
        base.name_inner_editors(widget)
        fit_all_tables(widget)
        make_unique(self)
        return widget

    def built_tabs(self) -> list[QWidget]:
        """The tabs built so far, in their order."""
        return [self._tabs[name] for name in self.TAB_NAMES if name in self._tabs]

    @property
    def tab_list(self) -> list[QWidget]:
        """Every workflow tab (builds those not built yet)."""
        return [self.tab(name) for name in self.TAB_NAMES]

    setup = property(lambda self: self.tab("setup"))
    criteria = property(lambda self: self.tab("criteria"))
    applications = property(lambda self: self.tab("applications"))
    scoring = property(lambda self: self.tab("scoring"))
    ranking = property(lambda self: self.tab("ranking"))
    aftercare = property(lambda self: self.tab("aftercare"))
    money = property(lambda self: self.tab("money"))

    def _build_shown_tab(self, index: int) -> None:
        if 0 <= index < len(self.TAB_NAMES):
            self.tab(self.TAB_NAMES[index])

    def _on_selected(self, ids: list[int]) -> None:
        round_id = ids[0] if len(ids) == 1 else None
        self._round_id = round_id
        self.tabs.setVisible(round_id is not None)
        self.placeholder.setVisible(round_id is None)
        for tab in self.built_tabs():
            if tab.round_id != round_id:
                tab.set_round(round_id)

    def _selected_round(self) -> int | None:
        ids = self.rounds.selected_ids()
        return ids[0] if len(ids) == 1 else None

    def _edit_programmes(self) -> None:
        ProgrammesDialog(self.context, self).exec()

    def select_round(self, round_id: int) -> None:
        """Select a round by id (used by other pages and tests)."""
        self.rounds.select_ids([round_id])


class ProgrammesDialog(QDialog):
    """The funding programmes (rarely edited, so kept out of the round workflow)."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Förderprogramme"))
        self.section = RecordSection(
            context, Programme,
            [Column("name", self.tr("Förderprogramm"), required=True, width=240),
             Column("funder", self.tr("Fördergeber"), width=180),
             Column("max_years", self.tr("Höchstdauer (Jahre)"), "int", width=130),
             Column("description", self.tr("Beschreibung"), multiline=True)],
            self.tr("Förderprogramme"), form=False,
            new_record=lambda p: Programme(name=unique_name(p, Programme, self.tr("Neues Programm"))),
            parent=self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.section, 1)
        layout.addWidget(buttons)
        self.resize(900, 420)


class SetupTab(base.RoundTab):
    """Status with its guards, and the budget per year with earlier commitments."""

    watch = ("funding_rounds", "round_budgets", "criteria", "applications", "application_amounts", "scores")

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.back = QPushButton(self)
        self.forward = QPushButton(self)
        self.back.clicked.connect(self._step_back)
        self.forward.clicked.connect(self._step_forward)
        self.guards = base.note_label(self)
        self.error = base.error_label(self)
        self.budget = QTableWidget(0, 4, self)
        self.budget.setHorizontalHeaderLabels(
            [
                self.tr("Jahr"),
                self.tr("Budget (€)"),
                self.tr("durch frühere Runden gebunden"),
                self.tr("frei für diese Runde"),
            ]
        )
        self.budget.verticalHeader().hide()
        self.budget.horizontalHeader().setStretchLastSection(False)
        self.budget.setAccessibleName(self.tr("Budget je Jahr"))
        for col, width in enumerate((70, 130, 220, 160)):
            self.budget.setColumnWidth(col, width)
        self.budget.itemChanged.connect(self._budget_edited)
        self._loading = False
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.back)
        row.addWidget(self.forward)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.guards)
        layout.addWidget(self.error)
        from k360desk.ui.rounds.round_rules import RoundRulesBar

        self.round_rules = RoundRulesBar(self, self)
        layout.addWidget(self.round_rules)
        layout.addWidget(QLabel(self.tr("<b>Budget je Jahr</b> (Doppelklick zum Ändern)"), self))
        layout.addWidget(self.budget, 1)
        self.rules = RecordSection(
            context, DecisionRule, [
                Column("max_amount", self.tr("bis Gesamtbetrag (€)"), "number", decimals=0, width=150,
                       description=self.tr("Leer = ohne Obergrenze")),
                Column("committee_id", self.tr("entscheidet"), "choice", choices="committees", width=220),
                Column("notes", self.tr("Bemerkungen")),
            ], self.tr("Wer entscheidet? (Regeln des Förderprogramms)"), loader=self._rules,
            new_record=self._new_rule, form=False, watch=("funding_rounds", "committees"),
            choices={"committees": (names(Committee), ("committees",))}, parent=self)
        self.rules_note = base.note_label(self, self.tr(
            "Die Regel mit der kleinsten passenden Obergrenze bestimmt das Gremium; ohne Regeln "
            "entscheidet die Sitzung, in der der Beschluss erfasst wird."))
        layout.addWidget(self.rules, 1)
        layout.addWidget(self.rules_note)

    def _programme_id(self) -> int | None:
        rnd = self.project.get(FundingRound, self.round_id) if self.round_id else None
        return rnd.programme_id if rnd else None

    def _rules(self, project: Project):
        frame = project.frame(DecisionRule)
        programme = self._programme_id() if self.round_id else None
        return frame[frame["programme_id"] == programme] if programme else frame.iloc[0:0]

    def _new_rule(self, project: Project) -> DecisionRule:
        return DecisionRule(programme_id=self._programme_id())

    def refresh(self) -> None:
        """Show status, next/previous steps with their guards, and the budget."""
        self.error.hide()
        if self.project is None or self.round_id is None:
            return
        rnd = self.project.get(FundingRound, self.round_id)
        if rnd is None:
            return
        i = store.STATUSES.index(rnd.status)
        frozen = store.criteria_frozen(self.project, self.round_id)
        self.status.setText(
            self.tr("Status: <b>%1</b>%2")
            .replace("%1", base.status_label(rnd.status))
            .replace("%2", self.tr(" – Kriterienkatalog eingefroren") if frozen else "")
        )
        self.back.setVisible(i > 0)
        self.forward.setVisible(i < len(store.STATUSES) - 1)
        problems: list[str] = []
        if i > 0:
            self.back.setText(
                self.tr("◀ zurück zu „%1“").replace("%1", base.status_label(store.STATUSES[i - 1]))
            )
            self.back.setEnabled(self.writable)
        if i < len(store.STATUSES) - 1:
            nxt = store.STATUSES[i + 1]
            self.forward.setText(self.tr("weiter: „%1“ ▶").replace("%1", base.status_label(nxt)))
            problems = store.check_transition(self.project, self.round_id, nxt)
            self.forward.setEnabled(self.writable and not problems)
        self.guards.setText(self.tr("Noch nicht möglich: ") + " ".join(problems) if problems else "")
        self.guards.setVisible(bool(problems))
        self._fill_budget(rnd)
        self.round_rules.load(rnd, self.writable)
        self.rules.reload_all()
        self.rules.setEnabled(rnd.programme_id is not None)

    def _fill_budget(self, rnd: FundingRound) -> None:
        budgets = self.project.link_frame("round_budgets", round_id=rnd.id).set_index("year")["amount"]
        earlier = store.commitments(self.project, rnd.id)
        years = list(range(rnd.first_year, rnd.last_year + 1))
        self._loading = True
        self.budget.setRowCount(len(years))
        for row, year in enumerate(years):
            amount = float(budgets.get(year, 0.0))
            bound = float(earlier.get(year, 0.0))
            cells = [
                str(year),
                money_text(amount, unit=False),
                format_cell("money", bound),
                format_cell("money", amount - bound),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                flags = item.flags() & ~Qt.ItemFlag.ItemIsEditable
                if col == 1 and self.writable:
                    flags |= Qt.ItemFlag.ItemIsEditable
                item.setFlags(flags)
                item.setData(Qt.ItemDataRole.UserRole, year)
                self.budget.setItem(row, col, item)
        self._loading = False

    def _budget_edited(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() != 1 or self.round_id is None:
            return
        from k360desk.ui.models.columns import parse_german_number

        text = item.text().replace("€", "").strip()
        value = parse_german_number(text) if text else 0.0
        if value is None or value < 0:
            self.show_error(self.tr("„%1“ ist kein gültiger Betrag.").replace("%1", item.text()))
            self.mark_dirty()
            return
        year = item.data(Qt.ItemDataRole.UserRole)
        self.push(
            SetLinkRows(
                self.project,
                "round_budgets",
                ("round_id", "year"),
                [{"round_id": self.round_id, "year": year, "amount": value}],
                self.tr("Budget %1 ändern").replace("%1", str(year)),
            )
        )

    def _step_forward(self) -> None:
        rnd = self.project.get(FundingRound, self.round_id)
        nxt = store.STATUSES[store.STATUSES.index(rnd.status) + 1]
        problems = store.check_transition(self.project, self.round_id, nxt)
        if problems:
            # Only recorded decisions decide a round: the button explains, it never sets the status.
            self.show_error(" ".join(problems) + (
                " " + self.tr("Den Beschluss erfassen Sie unter „Rangliste & Vergabe“.")
                if nxt == "decided" else ""))
            return
        self.push(SetRoundStatus(self.project, self.round_id, nxt))

    def _step_back(self) -> None:
        rnd = self.project.get(FundingRound, self.round_id)
        prev = store.STATUSES[store.STATUSES.index(rnd.status) - 1]
        reason = base.ask_reason(
            self,
            self.tr("Schritt zurück"),
            self.tr("Warum geht die Runde zurück zu „%1“? (wird protokolliert)").replace(
                "%1", base.status_label(prev)
            ),
        )
        if reason:
            self.push(SetRoundStatus(self.project, self.round_id, prev, reason))
