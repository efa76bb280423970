"""Ranking and allocation proposal: rule choice, trial, overrides with reasons, the budget per
year, the explanation of each rank and the recorded committee decision."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from k360desk.models import rounds as store
from k360desk.projectfile import Committee, FundingRound, Meeting
from k360desk.ui.column_fit import KEY
from k360desk.ui.editors.common import splitter
from k360desk.ui.models import german_locale
from k360desk.ui.rounds import base
from k360desk.ui.rounds.commands import RecordDecision, SaveTrial, SetOverride
from k360desk.ui.rounds.frame_model import (
    BAD,
    GOOD,
    MUTED,
    WARN,
    FrameColumn,
    FrameModel,
    frame_view,
    money_text,
)
from k360desk.ui.wrap_bar import WrapBar

_OUTCOME_COLOURS = {"funded": GOOD, "partial": WARN, "override": WARN, "ineligible": MUTED}


@dataclass
class OverrideInput:
    """What the override dialog returns: amount per year (None = back to the proposal)."""

    amounts: dict[int, float | None]
    reason: str


@dataclass
class DecisionInput:
    """What the decision dialog returns."""

    meeting_id: int | None  # None: the administration decides (no meeting)
    date: str
    application_ids: list[int] | None
    over_commitment: str = ""
    accept_missing: str = ""


def override_dialog(
    parent: QWidget, title: str, years: list[int], proposed: dict[int, float], requested: dict[int, float]
) -> OverrideInput | None:
    """Ask for amounts per year and a reason. Module-level so tests can replace it."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("RoundDialogs", "Betrag manuell festlegen"))
    form = QFormLayout(dialog)
    form.addRow(QLabel(QCoreApplication.translate("RoundDialogs", "<b>%1</b>").replace("%1", title), dialog))
    spins = {}
    for year in years:
        spin = QDoubleSpinBox(dialog)
        spin.setLocale(german_locale())
        spin.setRange(0, 1e9)
        spin.setDecimals(2)  # cents are money too
        spin.setGroupSeparatorShown(True)
        spin.setSuffix(" €")
        spin.setValue(proposed.get(year, 0.0))
        spin.setToolTip(
            QCoreApplication.translate("RoundDialogs", "beantragt: %1 €").replace(
                "%1", money_text(requested.get(year, 0.0), unit=False)
            )
        )
        spins[year] = spin
        form.addRow(str(year), spin)
    reason = QLineEdit(dialog)
    reason.setPlaceholderText(
        QCoreApplication.translate("RoundDialogs", "z. B. Beschluss der Vorberatung, Auflage …")
    )
    form.addRow(QCoreApplication.translate("RoundDialogs", "Begründung:"), reason)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Reset,
        dialog,
    )
    buttons.button(QDialogButtonBox.StandardButton.Reset).setText(
        QCoreApplication.translate("RoundDialogs", "Zurück zum Vorschlag")
    )
    result: dict = {}
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    buttons.button(QDialogButtonBox.StandardButton.Reset).clicked.connect(
        lambda: (result.update(reset=True), dialog.accept())
    )
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    if result.get("reset"):
        return OverrideInput(dict.fromkeys(years), "")
    return OverrideInput({y: s.value() for y, s in spins.items()}, reason.text().strip())


def decision_dialog(parent: QWidget, meetings: list[tuple[int, str, str]]) -> DecisionInput | None:
    """Ask for the meeting and the date of the decision. Module-level so tests can replace it."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("RoundDialogs", "Beschluss festhalten"))
    form = QFormLayout(dialog)
    combo = QComboBox(dialog)
    for meeting_id, label, _date in meetings:
        combo.addItem(label, meeting_id)
    date = QDateEdit(dialog)
    date.setCalendarPopup(True)
    date.setDisplayFormat("dd.MM.yyyy")

    def sync() -> None:
        index = combo.currentIndex()
        chosen = meetings[index][2] if 0 <= index < len(meetings) else ""
        date.setDate(QDate.fromString(chosen[:10], Qt.DateFormat.ISODate) if chosen else QDate.currentDate())

    combo.currentIndexChanged.connect(lambda _i: sync())
    sync()
    # The administration decides what the rules give it, without a meeting.
    combo.addItem(QCoreApplication.translate("RoundDialogs", "Verwaltung (ohne Sitzung)"), None)
    over = QLineEdit(dialog)
    over.setPlaceholderText(
        QCoreApplication.translate("RoundDialogs", "nur wenn das Budget überschritten wird"))
    accept = QLineEdit(dialog)
    accept.setPlaceholderText(QCoreApplication.translate("RoundDialogs", "nur wenn Bewertungen fehlen"))
    form.addRow(QCoreApplication.translate("RoundDialogs", "Sitzung:"), combo)
    form.addRow(QCoreApplication.translate("RoundDialogs", "Datum des Beschlusses:"), date)
    form.addRow(QCoreApplication.translate("RoundDialogs", "Überschreitung erklärt, weil:"), over)
    form.addRow(QCoreApplication.translate("RoundDialogs", "Fehlende Bewertungen akzeptiert, weil:"), accept)
    form.addRow(
        QLabel(
            QCoreApplication.translate(
                "RoundDialogs",
                "Die Sitzung entscheidet über die Anträge, die ihr Gremium nach den "
                "Entscheidungsregeln des Programms zu entscheiden hat. Bewilligungen werden "
                "damit zu Jahresraten (Verpflichtungen); Ablehnungen behalten ihre Begründung.",
            ),
            dialog,
        )
    )
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return DecisionInput(
        combo.currentData(), date.date().toString(Qt.DateFormat.ISODate), None,
        over.text().strip(), accept.text().strip(),
    )


class RankingTab(base.RoundTab):
    """The ranking with allocation proposal, budget per year and decision."""

    watch = (
        "scores",
        "criteria",
        "applications",
        "application_amounts",
        "application_districts",
        "round_budgets",
        "funding_rounds",
        "index_results",
        "index_runs",
        "decision_rules",
        "revocations",
    )

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.rule = QComboBox(self)
        self.rule.addItem(self.tr("Vollförderung in Rangfolge"), "full")
        self.rule.addItem(self.tr("Teilförderung bis Mindestanteil"), "partial")
        self.rule.setAccessibleName(self.tr("Vergaberegel"))
        self.min_share = QDoubleSpinBox(self)
        self.min_share.setLocale(german_locale())
        self.min_share.setRange(1, 100)
        self.min_share.setDecimals(0)
        self.min_share.setSuffix(" %")
        self.min_share.setValue(50)
        self.min_share.setAccessibleName(self.tr("Mindestanteil"))
        self.min_share.lineEdit().setAccessibleName(self.tr("Mindestanteil"))
        self.rule.currentIndexChanged.connect(lambda _i: self._recompute())
        self.min_share.valueChanged.connect(lambda _v: self._recompute())
        self.trial = QPushButton(self.tr("Probelauf festhalten"), self)
        self.trial.setToolTip(self.tr("Regel an der Runde speichern und den Probelauf protokollieren"))
        self.trial.clicked.connect(self._save_trial)
        self.override = QPushButton(self.tr("Betrag ändern …"), self)
        self.override.clicked.connect(self._override)
        self.decide = QPushButton(self.tr("Beschluss festhalten …"), self)
        self.decide.clicked.connect(self._decide)
        self.mode = QLabel(self)
        # The mode text can be long; wrapped, it never widens the window beyond the screen.
        self.mode.setWordWrap(True)
        self.columns = [
            FrameColumn("rank", self.tr("Rang"), "int", width=45),
            FrameColumn("title", self.tr("Antrag"), width=170, priority=KEY),
            FrameColumn("provider", self.tr("Träger"), width=130),
            FrameColumn("total", self.tr("Punkte"), "number", 1, width=60, priority=KEY),
            FrameColumn("need", self.tr("Bedarf"), "number", 1, width=60),
            FrameColumn("requested", self.tr("beantragt"), "money", width=95),
            FrameColumn("proposed", self.tr("Vorschlag"), "money", width=95, priority=KEY),
            FrameColumn("share", self.tr("Anteil"), "percent", 0, width=60),
            FrameColumn("outcome_label", self.tr("Ergebnis"), width=125),
            FrameColumn("reason", self.tr("Begründung")),
        ]
        self.model = FrameModel(self.columns, self)
        self.model.colour = self._colour
        self.model.tip = self._tip
        self.table = frame_view(self.model, self.tr("Rangliste"), self)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._explain())
        self.budget_model = FrameModel(
            [
                FrameColumn("year", self.tr("Jahr"), "int", width=45),
                FrameColumn("budget", self.tr("Budget"), "money", width=85, priority=KEY),
                FrameColumn("committed", self.tr("gebunden"), "money", width=75),
                FrameColumn("overrides", self.tr("manuell"), "money", width=65),
                FrameColumn("allocated", self.tr("vergeben"), "money", width=75),
                FrameColumn("remaining", self.tr("frei"), "money", width=100, priority=KEY),
            ],
            self,
        )
        self.budget_model.colour = lambda row, key: (
            BAD if key == "remaining" and row["remaining"] < 0 else None
        )
        self.budget = frame_view(self.budget_model, self.tr("Budget je Jahr"), self)
        self.explain = QPlainTextEdit(self)
        self.explain.setReadOnly(True)
        self.explain.setAccessibleName(self.tr("Nachvollziehbarkeit"))
        self.notes = base.note_label(self)
        self.error = base.error_label(self)
        # One row that wraps: at 1280 px (1366×768) the decision buttons move to a second
        # line instead of off the screen.
        controls = WrapBar(self)
        controls.add(QLabel(self.tr("Regel:"), self), self.rule)
        controls.add(QLabel(self.tr("Mindestanteil:"), self), self.min_share)
        controls.add(self.trial)
        controls.add(self.override)
        controls.add(self.decide)
        right = QWidget(self)
        lay = QVBoxLayout(right)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(self.tr("<b>Budget je Jahr</b>"), self))
        lay.addWidget(self.budget, 1)
        lay.addWidget(QLabel(self.tr("<b>Wie kam das zustande?</b>"), self))
        lay.addWidget(self.explain, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(controls)
        layout.addWidget(self.mode)
        layout.addWidget(splitter(Qt.Orientation.Horizontal, [self.table, right], [800, 480], self), 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.error)
        self.ranking = None
        self.amounts = None
        self.trace = None
        self._loading = False

    # --- computing -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Load the round's rule and recompute."""
        self.error.hide()
        if self.project is None or self.round_id is None:
            return
        rnd = self.project.get(FundingRound, self.round_id)
        self._loading = True
        self.rule.setCurrentIndex(max(0, self.rule.findData(rnd.allocation_rule)))
        if rnd.min_share < 1:
            self.min_share.setValue(rnd.min_share * 100)
        self._loading = False
        self._recompute()

    def _recompute(self) -> None:
        if self._loading or self.project is None or self.round_id is None:
            return
        from k360desk.figures.rounds import ranking_for_round

        self.min_share.setEnabled(self.rule.currentData() == "partial")
        try:
            self.ranking, self.amounts, budget, self.trace = ranking_for_round(
                self.project,
                self.round_id,
                rule=self.rule.currentData(),
                min_share=self.min_share.value() / 100,
            )
        except ValueError as exc:
            self.show_error(str(exc))
            return
        selected = self._selected_app()
        from k360desk.models.revocations import wholly_revoked

        revoked = self.ranking["application_id"].isin(wholly_revoked(self.project, self.round_id))
        if revoked.any():
            self.ranking = self.ranking.copy()
            self.ranking.loc[revoked, "outcome_label"] = base.application_status_label(base.REVOKED)
        self.model.set_frame(self.ranking)
        self.budget_model.set_frame(budget)
        rnd = self.project.get(FundingRound, self.round_id)
        decided = rnd.status in store.DECIDED
        self.mode.setText(
            self.tr("<b>Beschlossen</b> – es gilt, was bewilligt wurde.")
            if decided
            else self.tr("<i>Probelauf</i> – nichts ist festgelegt, bis der Beschluss erfasst ist.")
        )
        for widget in (self.rule, self.min_share, self.trial, self.override):
            widget.setEnabled(
                self.writable
                and not decided
                and (widget is not self.min_share or self.rule.currentData() == "partial")
            )
        self.decide.setEnabled(self.writable and rnd.status == "assessment")
        notes = [
            self.tr("Reihenfolge bei Gleichstand: %1.").replace("%1", self.trace.parameters["tie_break"])
        ]
        if self.trace.parameters.get("need_source"):
            notes.append(self.trace.parameters["need_source"])
        incomplete = int((self.ranking["missing"] != "").sum())
        if incomplete:
            notes.append(
                self.tr(
                    "%1 Anträge sind unvollständig bewertet: fehlende Kriterien zählen 0 Punkte, "
                    "sie stehen hinter den vollständigen, und beschlossen werden kann erst, "
                    "wenn alle förderfähigen Anträge vollständig sind."
                ).replace("%1", str(incomplete))
            )
        unscored = self.ranking[self.ranking["unscored"].astype(bool)] if "unscored" in self.ranking else []
        if len(unscored):
            notes.append(self.tr("Bewertung fehlt (Beschluss nur mit akzeptierter Begründung): %1").replace(
                "%1", "; ".join(f"{r.title} ({r.unscored})" for r in unscored.itertuples(index=False))))
        late = self.ranking[self.ranking["late"].astype(bool)] if "late" in self.ranking else []
        if len(late):
            notes.append(self.tr("Verspätet eingegangen: %1").replace(
                "%1", "; ".join(f"{r.title} ({r.late})" for r in late.itertuples(index=False))))
        self.notes.setText(" ".join(notes))
        if selected is not None:
            self._select_app(selected)
        self._explain()

    def _colour(self, row: dict, key: str):
        if key in ("outcome_label", "proposed"):
            return _OUTCOME_COLOURS.get(row.get("outcome"))
        if key == "total" and row.get("missing"):
            return WARN
        return None

    def _tip(self, row: dict, key: str) -> str | None:
        if key == "rank" and row.get("tie"):
            return row["tie"]
        if key == "total" and row.get("missing"):
            return self.tr("unvollständig: es fehlt %1").replace("%1", row["missing"])
        if key == "need" and row.get("need_note"):
            return row["need_note"]
        if key in ("reason", "outcome_label"):
            return row.get("reason") or (row.get("reasons") or None)
        return None

    def _selected_app(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or self.ranking is None or index.row() >= len(self.model.frame):
            return None
        return int(self.model.row(index.row())["application_id"])

    def _select_app(self, app_id: int) -> None:
        for row in range(self.model.rowCount()):
            if int(self.model.row(row)["application_id"]) == app_id:
                self.table.selectRow(row)
                return

    def _explain(self) -> None:
        app_id = self._selected_app()
        if app_id is None or self.trace is None:
            self.explain.setPlainText(
                self.tr("Antrag in der Rangliste wählen, um Punkte, Bedarf und Vergabe nachzuvollziehen.")
            )
            return
        row = self.ranking[self.ranking["application_id"] == app_id].iloc[0]
        lines = self.trace.explain(app_id)
        if row["reason"]:
            lines.append(
                self.tr("Ergebnis: %1 – %2").replace("%1", row["outcome_label"]).replace("%2", row["reason"])
            )
        self.explain.setPlainText("\n".join(lines))

    # --- actions -------------------------------------------------------------------------

    def _save_trial(self) -> None:
        self.push(
            SaveTrial(
                self.project,
                self.round_id,
                self.rule.currentData(),
                self.min_share.value() / 100 if self.rule.currentData() == "partial" else 1.0,
                self.ranking,
            )
        )

    def _override(self) -> None:
        app_id = self._selected_app()
        if app_id is None:
            self.show_error(self.tr("Bitte zuerst einen Antrag in der Rangliste wählen."))
            return
        mine = self.amounts[self.amounts["application_id"] == app_id]
        line = self.ranking.loc[self.ranking["application_id"] == app_id].iloc[0]
        title = line["title"]
        if not bool(line["eligible"]):
            self.show_error(
                self.tr("„%1“ ist nicht förderfähig; ein Betrag lässt sich nicht manuell "
                        "festlegen. Gründe: %2").replace("%1", str(title)).replace(
                            "%2", str(line["reasons"]))
            )
            return
        answer = override_dialog(
            self,
            title,
            [int(y) for y in mine["year"]],
            dict(zip(mine["year"], mine["proposed"], strict=True)),
            dict(zip(mine["year"], mine["requested"], strict=True)),
        )
        if answer is None:
            return
        if any(v is not None for v in answer.amounts.values()) and not answer.reason:
            self.show_error(self.tr("Eine manuelle Änderung braucht eine Begründung."))
            return
        self.push(SetOverride(self.project, app_id, answer.amounts, answer.reason))

    def _meetings(self) -> list[tuple[int, str, str]]:
        committees = {c.id: c.name for c in self.project.all(Committee)}
        return [
            (m.id, f"{committees.get(m.committee_id, '?')} – {_german_date(m.date)}", m.date)
            for m in self.project.all(Meeting, order_by="date DESC")
        ]

    def _decide(self) -> None:
        problem = store.incomplete_problem(self.ranking) if self.ranking is not None else ""
        if problem:
            self.show_error(problem)
            return
        answer = decision_dialog(self, self._meetings())
        if answer is None:
            return
        # The model picks the applications this meeting's committee decides (decision rules).
        app_ids = None
        from k360desk import messages
        from k360desk.figures.rounds import ranking_for_round

        # The file keeps German reasons and notes, whatever language the table shows.
        with messages.using("de"):
            ranking, amounts, _budget, _trace = ranking_for_round(
                self.project, self.round_id, rule=self.rule.currentData(),
                min_share=self.min_share.value() / 100)
        self.push(
            RecordDecision(
                self.project,
                self.round_id,
                amounts,
                ranking,
                answer.meeting_id,
                answer.date,
                app_ids,
                over_commitment=answer.over_commitment,
                accept_missing=answer.accept_missing,
            )
        )


def _german_date(value: str | None) -> str:
    if not value:
        return ""
    parts = str(value)[:10].split("-")
    return f"{parts[2]}.{parts[1]}.{parts[0]}" if len(parts) == 3 else str(value)
