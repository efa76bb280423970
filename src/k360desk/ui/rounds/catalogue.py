"""Criteria catalogue and applications (districts with shares, amounts per year) of a round."""

from __future__ import annotations

from typing import Any

import pandas as pd
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from k360desk.models import rounds as store
from k360desk.projectfile import Application, Criterion, FundingRound, Project, Provider, Topic
from k360desk.ui.column_fit import KEY
from k360desk.ui.commands import Macro
from k360desk.ui.editors.common import names, splitter
from k360desk.ui.editors.section import RecordSection
from k360desk.ui.models import Column, german_locale
from k360desk.ui.models.columns import parse_german_number
from k360desk.ui.rounds import base
from k360desk.ui.rounds.commands import (
    AddCriterion,
    ChangeCriterion,
    CopyCriteria,
    DeleteCriterion,
    SetLinkRows,
    SetNeedRun,
)
from k360desk.ui.rounds.frame_model import money_text

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class CriteriaSection(RecordSection):
    """The criteria table; once the catalogue is frozen every change asks for a reason."""

    def __init__(self, tab: CriteriaTab, columns: list[Column]) -> None:
        self.tab = tab
        super().__init__(
            tab.context,
            Criterion,
            columns,
            QCoreApplication.translate("CriteriaSection", "Kriterienkatalog"),
            loader=self._load,
            new_record=self._new,
            form=True,
            choices={
                "derived": (
                    lambda p: [
                        (
                            "need",
                            QCoreApplication.translate(
                                "CriteriaSection", "Bedarf der Sozialräume (Sozialindex)"
                            ),
                        )
                    ],
                    (),
                )
            },
            parent=tab,
        )

    def _load(self, project: Project) -> pd.DataFrame:
        round_id = getattr(self.tab, "round_id", None)
        frame = project.frame(Criterion)
        if not round_id:
            return frame.iloc[0:0]
        return frame[frame["round_id"] == round_id].reset_index(drop=True).sort_values(["sort", "id"])

    def _new(self, project: Project) -> Criterion:
        count = project._conn.execute(
            "SELECT count(*) FROM criteria WHERE round_id=?", (self.tab.round_id,)
        ).fetchone()[0]
        return Criterion(round_id=self.tab.round_id, name=self.tr("Neues Kriterium"), sort=count)

    def _reason(self) -> str | None:
        """'' when not frozen, the reason when given, None when cancelled."""
        if not store.criteria_frozen(self.project, self.tab.round_id):
            return ""
        return base.ask_reason(
            self,
            self.tr("Kriterienkatalog eingefroren"),
            self.tr("Die Bewertung hat begonnen. Begründung für die Änderung (wird protokolliert):"),
        )

    def _commit_field(self, record_id: int, field: str, value: Any) -> str | None:
        if self.project is None:
            return self.tr("Kein Projekt geöffnet.")
        reason = self._reason()
        if reason is None:
            return self.tr("Ohne Begründung bleibt der Kriterienkatalog unverändert.")
        command = ChangeCriterion(self.project, record_id, {field: value}, reason)
        self.context.push(command)
        return command.error

    def add(self) -> None:
        """Add a criterion (asking for a reason once frozen)."""
        if self.project is None or self.project.read_only or self.tab.round_id is None:
            return
        reason = self._reason()
        if reason is None:
            return
        command = AddCriterion(self.project, self._new(self.project), reason)
        self.context.push(command)
        if command.error:
            self._show_error(command.error)
        else:
            self.select_ids([command.record_id])

    def delete_selected(self) -> None:
        """Delete the selected criteria (asking for a reason once frozen)."""
        ids = self.selected_ids()
        if not ids or self.project is None:
            return
        reason = self._reason()
        if reason is None:
            return
        command = Macro(self.tr("Kriterien löschen"))
        for criterion_id in ids:
            DeleteCriterion(self.project, criterion_id, reason, parent=command)
        self.context.push(command)
        if command.error:
            self._show_error(command.error)


class CriteriaTab(base.RoundTab):
    """Weighted criteria with scale and description; copy a catalogue from another round."""

    watch = ("criteria", "funding_rounds", "scores", "index_runs")

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        columns = [
            Column("name", self.tr("Kriterium"), required=True, width=220),
            Column(
                "weight",
                self.tr("Gewicht"),
                "number",
                decimals=1,
                width=70,
                validator=lambda v: (
                    None if v is None or v >= 0 else self.tr("Das Gewicht darf nicht negativ sein.")
                ),
            ),
            Column("scale_min", self.tr("Skala von"), "number", decimals=0, width=75),
            Column("scale_max", self.tr("Skala bis"), "number", decimals=0, width=75),
            Column(
                "derived",
                self.tr("aus Daten"),
                "choice",
                choices="derived",
                width=200,
                description=self.tr(
                    "Leer = Bewertung durch Personen; „Bedarf“ = gewichteter "
                    "Bedarf der Sozialräume des Antrags"
                ),
            ),
            Column("sort", self.tr("Reihenfolge"), "int", width=80),
            Column("description", self.tr("Beschreibung"), multiline=True),
        ]
        self.banner = QLabel(self)
        self.banner.setStyleSheet(base.BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.source = QComboBox(self)
        self.source.setAccessibleName(self.tr("Runde, aus der übernommen wird"))
        self.copy = QPushButton(self.tr("Katalog übernehmen"), self)
        self.copy.clicked.connect(self._copy)
        self.need_run = QComboBox(self)
        self.need_run.setAccessibleName(self.tr("Sozialindex-Lauf für den Bedarf"))
        self.use_run = QPushButton(self.tr("Lauf festlegen"), self)
        self.use_run.setToolTip(self.tr(
            "Aus diesem Lauf des Sozialindex kommen die Bedarfswerte der Runde. Mit Beginn der "
            "Bewertung wird der neueste Lauf festgelegt; danach nur mit Begründung änderbar."))
        self.use_run.clicked.connect(self._use_run)
        self.section = CriteriaSection(self, columns)
        self.weights = base.note_label(self)
        self.error = base.error_label(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Kriterienkatalog übernehmen aus:"), self))
        row.addWidget(self.source, 1)
        row.addWidget(self.copy)
        runs = QHBoxLayout()
        runs.addWidget(QLabel(self.tr("Bedarf aus Sozialindex-Lauf:"), self))
        runs.addWidget(self.need_run, 1)
        runs.addWidget(self.use_run)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(row)
        layout.addLayout(runs)
        layout.addWidget(self.section, 1)
        layout.addWidget(self.weights)
        layout.addWidget(self.error)

    def refresh(self) -> None:
        """Reload the catalogue, the frozen banner and the rounds to copy from."""
        self.error.hide()
        self.section.reload_all()
        if self.project is None or self.round_id is None:
            return
        frozen = store.criteria_frozen(self.project, self.round_id)
        self.banner.setText(
            self.tr(
                "Der Kriterienkatalog ist eingefroren, weil die Bewertung begonnen hat. Änderungen "
                "sind nur mit Begründung möglich und werden protokolliert."
            )
        )
        self.banner.setVisible(frozen)
        self.source.clear()
        for rnd in self.project.all(FundingRound, order_by="first_year, name"):
            if rnd.id != self.round_id:
                self.source.addItem(rnd.name, rnd.id)
        self.copy.setEnabled(self.writable and self.source.count() > 0)
        rnd = self.project.get(FundingRound, self.round_id)
        self.need_run.clear()
        if rnd.need_run_id is None:
            self.need_run.addItem(self.tr("noch nicht festgelegt (neuester Lauf gilt)"), None)
        for run_id, label in store.run_choices(self.project):
            self.need_run.addItem(label, run_id)
        self.need_run.setCurrentIndex(max(self.need_run.findData(rnd.need_run_id), 0))
        self.use_run.setEnabled(self.writable and rnd.status not in store.DECIDED
                                and self.need_run.count() > 0)
        frame = self.section.model
        total = sum(float(frame.value(r, "weight") or 0) for r in range(frame.rowCount()))
        self.weights.setText(
            self.tr(
                "Summe der Gewichte: %1. Die Gesamtpunktzahl ist die gewichtete Summe, umgerechnet auf 0–100."
            ).replace("%1", german_locale().toString(float(total), "f", 1))
        )

    def _copy(self) -> None:
        source = self.source.currentData()
        if source is None:
            return
        reason = ""
        if store.criteria_frozen(self.project, self.round_id):
            reason = base.ask_reason(
                self, self.tr("Kriterienkatalog eingefroren"), self.tr("Begründung für die Übernahme:")
            )
            if reason is None:
                return
        self.push(CopyCriteria(self.project, source, self.round_id, reason))


    def _use_run(self) -> None:
        run_id = self.need_run.currentData()
        rnd = self.project.get(FundingRound, self.round_id)
        if run_id is None or run_id == rnd.need_run_id:
            return
        reason = ""
        if store.criteria_frozen(self.project, self.round_id):
            reason = base.ask_reason(
                self, self.tr("Kriterienkatalog eingefroren"),
                self.tr("Begründung für den anderen Sozialindex-Lauf:"))
            if reason is None:
                return
        self.push(SetNeedRun(self.project, self.round_id, run_id, reason))


# --- applications --------------------------------------------------------------------------


def _providers(project: Project):
    return [(int(p.id), p.name + (f" ({p.umbrella})" if p.umbrella else "")) for p in project.all(Provider)]


class ApplicationsTab(base.RoundTab):
    """Applications with form, districts served with shares, amounts per year and checks."""

    watch = ("applications", "application_districts", "application_amounts", "funding_rounds", "programmes",
             "revocations")

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        status = [(code, base.application_status_label(code))
                  for code in (*store.APPLICATION_STATUS_LABELS, base.REVOKED)]
        columns = [
            Column("title", self.tr("Titel"), required=True, width=220),
            Column("provider_id", self.tr("Träger"), "choice", choices="providers", width=200),
            Column("topic_id", self.tr("Handlungsfeld"), "choice", choices="topics", width=160),
            Column("start_year", self.tr("Beginn"), "int", width=60, required=True),
            Column(
                "duration",
                self.tr("Jahre"),
                "int",
                width=50,
                validator=lambda v: (
                    None if v is not None and 1 <= v <= 5 else self.tr("Die Laufzeit beträgt 1 bis 5 Jahre.")
                ),
            ),
            Column("status", self.tr("Status"), "choice", choices="status", required=True, width=120,
                   priority=KEY),
            Column("submitted", self.tr("Eingang"), "date", width=95),
            Column("summary", self.tr("Kurzbeschreibung"), multiline=True, in_table=False),
            Column("conditions", self.tr("Auflagen"), multiline=True, in_table=False),
            Column("reason", self.tr("Begründung"), multiline=True, in_table=False),
            Column("total_costs", self.tr("Gesamtkosten (€)"), "number", decimals=2, in_table=False),
            Column("own_share", self.tr("Eigenanteil (€)"), "number", decimals=2, in_table=False),
            Column("other_funding", self.tr("weitere Förderung (€)"), "number", decimals=2, in_table=False),
        ]
        self.section = RecordSection(
            context,
            Application,
            columns,
            self.tr("Anträge"),
            loader=self._load,
            new_record=self._new,
            watch=("providers", "topics"),
            choices={
                "providers": (_providers, ("providers",)),
                "topics": (names(Topic), ("topics",)),
                "status": (lambda p: status, ()),
            },
            check=self._check_status,
            parent=self,
        )
        self.section.selection_changed.connect(lambda ids: self._fill_details())
        self.districts = QTableWidget(0, 3, self)
        self.districts.setHorizontalHeaderLabels(
            [self.tr("Schlüssel"), self.tr("Sozialraum"), self.tr("Anteil (%)")]
        )
        self.districts.setAccessibleName(self.tr("Sozialräume des Antrags mit Anteilen"))
        self.amounts = QTableWidget(0, 3, self)
        self.amounts.setHorizontalHeaderLabels(
            [self.tr("Jahr"), self.tr("beantragt (€)"), self.tr("bewilligt (€)")]
        )
        self.amounts.setAccessibleName(self.tr("Beträge je Jahr"))
        for table in (self.districts, self.amounts):
            table.verticalHeader().hide()
            table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
            table.horizontalHeader().setStretchLastSection(True)
        self.districts.itemChanged.connect(self._share_edited)
        self.amounts.itemChanged.connect(self._amount_edited)
        # Further providers of a joint application; the lead is the form's Träger.
        self.partners = QListWidget(self)
        self.partners.setAccessibleName(self.tr("Verbundpartner (weitere Träger)"))
        self.partners.itemChanged.connect(self._partner_edited)
        self.check = QLabel(self)
        self.check.setWordWrap(True)
        self.error = base.error_label(self)
        self._loading = False
        details = QWidget(self)
        lay = QVBoxLayout(details)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(self.tr("<b>Sozialräume und Anteile</b> (Anteile ergeben 100 %)"), self))
        lay.addWidget(self.districts, 2)
        lay.addWidget(QLabel(self.tr("<b>Beträge je Jahr</b>"), self))
        lay.addWidget(self.amounts, 1)
        lay.addWidget(QLabel(self.tr("<b>Verbundpartner</b> (weitere Träger)"), self))
        lay.addWidget(self.partners, 1)
        lay.addWidget(self.check)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter(Qt.Orientation.Horizontal, [self.section, details], [820, 360], self), 1)
        layout.addWidget(self.error)

    def _load(self, project: Project) -> pd.DataFrame:
        from k360desk.models.revocations import wholly_revoked

        # Only the chosen round's rows are read; no round (the first visit): no rows, the
        # columns only (ids start at 1).
        if not self.round_id:
            return project.frame(Application, id=0)
        frame = project.frame(Application, round_id=int(self.round_id))
        revoked = wholly_revoked(project, self.round_id)
        frame.loc[frame["id"].isin(revoked), "status"] = base.REVOKED
        return frame

    def _new(self, project: Project) -> Application:
        rnd = project.get(FundingRound, self.round_id)
        from datetime import date

        return Application(
            round_id=self.round_id,
            title=self.tr("Neuer Antrag"),
            start_year=rnd.first_year if rnd else date.today().year,
            submitted=date.today().isoformat(),
        )

    def refresh(self) -> None:
        """Reload applications and the details of the selected one."""
        self.error.hide()
        self.section.reload_all()
        self._fill_details()

    def _fill_details(self) -> None:
        app_id = self.section.current_id()
        self._loading = True
        self.districts.setRowCount(0)
        self.amounts.setRowCount(0)
        self.partners.clear()
        self.check.setText("")
        if self.project is None or app_id is None or len(self.section.selected_ids()) != 1:
            self._loading = False
            return
        app = self.project.get(Application, app_id)
        locale = german_locale()
        shares = self.project.link_frame("application_districts", application_id=app_id).set_index(
            "district_id"
        )["share"]
        districts = self.project.districts_frame()
        districts["_share"] = districts.index.map(shares).fillna(0.0)
        districts = districts.sort_values(["_share", "code"], ascending=[False, True])
        self.districts.setRowCount(len(districts))
        for row, (district_id, d) in enumerate(districts.iterrows()):
            share = shares.get(district_id)
            items = [
                QTableWidgetItem(str(d["code"])),
                QTableWidgetItem(str(d["name"])),
                QTableWidgetItem("" if share is None else locale.toString(share * 100, "f", 1)),
            ]
            for col, item in enumerate(items):
                item.setData(Qt.ItemDataRole.UserRole, int(district_id))
                if col < 2 or not self.writable:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if col == 2:
                    item.setTextAlignment(_RIGHT)
                if share is not None:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.districts.setItem(row, col, item)
        money = self.project.link_frame("application_amounts", application_id=app_id).set_index("year")
        rnd_decided = self.project.get(FundingRound, self.round_id).status in store.DECIDED
        years = sorted(set(range(app.start_year, app.start_year + app.duration)) | set(money.index))
        self.amounts.setRowCount(len(years))
        for row, year in enumerate(years):
            requested = money["requested"].get(year)
            awarded = money["awarded"].get(year)
            items = [
                QTableWidgetItem(str(year)),
                QTableWidgetItem("" if requested is None else money_text(requested, unit=False)),
                QTableWidgetItem(
                    "" if awarded is None or awarded != awarded else money_text(awarded, unit=False)
                ),
            ]
            # Requested amounts are the application's; after a decision they stay as decided.
            locked = app.status in ("awarded", "rejected") or rnd_decided
            for col, item in enumerate(items):
                item.setData(Qt.ItemDataRole.UserRole, int(year))
                item.setTextAlignment(_RIGHT)
                if col != 1 or not self.writable or locked:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.amounts.setItem(row, col, item)
        self._fill_partners(app)
        self._loading = False
        self._show_check(app_id)

    def _fill_partners(self, app: Application) -> None:
        from k360desk.models.joint import partners

        joined = {p.id for p in partners(self.project, app.id)}
        for provider_id, label in _providers(self.project):
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, provider_id)
            lead = provider_id == app.provider_id
            if lead:
                item.setText(self.tr("%1 (federführend)").replace("%1", label))
            enabled = Qt.ItemFlag.ItemIsEnabled if self.writable and not lead else Qt.ItemFlag.NoItemFlags
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable | enabled)
            checked = provider_id in joined or lead
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.partners.addItem(item)

    def _partner_edited(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        app_id = self.section.current_id()
        row = {"application_id": app_id, "provider_id": item.data(Qt.ItemDataRole.UserRole)}
        if item.checkState() != Qt.CheckState.Checked:
            row["_delete"] = True
        self.push(SetLinkRows(self.project, "application_partners", ("application_id", "provider_id"),
                              [row], self.tr("Verbundpartner ändern")))

    def _check_status(self, project: Project, record_id: int, field: str, value) -> str | None:
        """Bewilligt and abgelehnt come only from a recorded decision, never from a typed status;
        the cost plan must leave room for the requested amount."""
        from k360desk.models.joint import COST_FIELDS, application_cost_problems

        if field == "status" and value in ("awarded", "rejected", base.REVOKED):
            return self.tr("Bewilligt oder abgelehnt wird ein Antrag nur durch einen festgehaltenen "
                           "Beschluss (Rangliste & Vergabe).")
        if field in COST_FIELDS:
            return " ".join(application_cost_problems(project, record_id, **{field: value})) or None
        return None

    def _show_check(self, app_id: int) -> None:
        from k360desk.analysis.ranking import eligibility

        data = store.round_data(self.project, self.round_id)
        checks = eligibility(
            data.applications[data.applications["id"] == app_id],
            data.amounts,
            data.districts,
            data.round.first_year,
            data.round.last_year,
            data.max_years,
        )
        if checks.empty:
            return
        if checks.iloc[0]["eligible"]:
            self.check.setText(self.tr("✔ Formal förderfähig."))
            self.check.setStyleSheet("color: #1b5e20;")
        else:
            self.check.setText(self.tr("✘ Nicht förderfähig: ") + checks.iloc[0]["reasons"])
            self.check.setStyleSheet("color: #b00020;")

    def _share_edited(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() != 2:
            return
        app_id = self.section.current_id()
        text = item.text().replace("%", "").strip()
        value = parse_german_number(text) if text else 0.0
        if value is None or not 0 <= value <= 100:
            self.show_error(self.tr("Der Anteil muss zwischen 0 und 100 % liegen."))
            self._fill_details()
            return
        district_id = item.data(Qt.ItemDataRole.UserRole)
        row = {"application_id": app_id, "district_id": district_id, "share": value / 100}
        if value == 0:
            row["_delete"] = True
        self.push(
            SetLinkRows(
                self.project,
                "application_districts",
                ("application_id", "district_id"),
                [row],
                self.tr("Anteil ändern"),
            )
        )

    def _amount_edited(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() != 1:
            return
        app_id = self.section.current_id()
        text = item.text().replace("€", "").strip()
        value = parse_german_number(text) if text else 0.0
        if value is None or value < 0:
            self.show_error(self.tr("„%1“ ist kein gültiger Betrag.").replace("%1", item.text()))
            self._fill_details()
            return
        from k360desk.formats import from_cents, to_cents
        from k360desk.models.joint import application_cost_problems

        value = from_cents(to_cents(value))  # whole cents, never whole euros
        year = item.data(Qt.ItemDataRole.UserRole)
        old = self.project.link_frame("application_amounts", application_id=app_id, year=year)
        others = self.project.link_frame("application_amounts", application_id=app_id)
        requested = float(others.loc[others["year"] != year, "requested"].sum()) + value
        problems = application_cost_problems(self.project, app_id, requested=requested)
        if problems:
            self.show_error(" ".join(problems))
            self._fill_details()
            return
        awarded = None if old.empty or old["awarded"].isna().iloc[0] else float(old["awarded"].iloc[0])
        reason = "" if old.empty else str(old["override_reason"].iloc[0])
        self.push(
            SetLinkRows(
                self.project,
                "application_amounts",
                ("application_id", "year"),
                [
                    {
                        "application_id": app_id,
                        "year": year,
                        "requested": value,
                        "awarded": awarded,
                        "override_reason": reason,
                    }
                ],
                self.tr("Beantragten Betrag ändern"),
            )
        )
