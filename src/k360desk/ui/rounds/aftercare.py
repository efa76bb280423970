"""After the decision: budget view, payments, usage reports, reviews due; and where the
money goes (by district, field of action, umbrella association and need class)."""

from __future__ import annotations

from datetime import date

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from k360desk.models import aftercare
from k360desk.projectfile import Application, FundingRound, Payment, Project, Review, UsageReport
from k360desk.ui.editors.common import fixed, splitter
from k360desk.ui.editors.section import RecordSection
from k360desk.ui.models import Column
from k360desk.ui.rounds import base
from k360desk.ui.rounds.frame_model import BAD, WARN, FrameColumn, FrameModel, frame_view


class AftercareTab(base.RoundTab):
    """Budget per year with payments, repayments and outstanding amounts; records after the
    decision: payments, usage reports (Verwendungsnachweise) and yearly review talks."""

    watch = (
        "payments",
        "usage_reports",
        "reviews",
        "applications",
        "application_amounts",
        "funding_rounds",
        "round_budgets",
        "revocations",
        "proof_lines",
        "cost_types",
    )

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.budget_model = FrameModel(
            [
                FrameColumn("year", self.tr("Jahr"), "int", width=55),
                FrameColumn("budget", self.tr("Budget"), "money", width=100),
                FrameColumn("committed", self.tr("früher gebunden"), "money", width=110),
                FrameColumn("awarded", self.tr("bewilligt"), "money", width=100),
                FrameColumn("paid", self.tr("ausgezahlt"), "money", width=100),
                FrameColumn("repaid", self.tr("zurückgezahlt"), "money", width=100),
                FrameColumn("outstanding", self.tr("noch auszuzahlen"), "money", width=120),
                FrameColumn("free", self.tr("frei"), "money"),
            ],
            self,
        )
        self.budget = frame_view(self.budget_model, self.tr("Budget je Jahr"), self)
        self.due_model = FrameModel(
            [
                FrameColumn("title", self.tr("Projekt"), width=200),
                FrameColumn("provider", self.tr("Träger"), width=170),
                FrameColumn("year", self.tr("Förderjahr"), "int", width=80),
                FrameColumn("last_date", self.tr("Gespräch am"), "date", width=100),
                FrameColumn("last_outcome", self.tr("Ergebnis"), width=100),
                FrameColumn("status", self.tr("Stand")),
            ],
            self,
        )
        self.due_model.colour = lambda row, key: WARN if row.get("due") and key == "status" else None
        self.due = frame_view(self.due_model, self.tr("Jahresgespräche"), self)
        self.reports_model = FrameModel(
            [
                FrameColumn("title", self.tr("Projekt"), width=200),
                FrameColumn("year", self.tr("Förderjahr"), "int", width=80),
                FrameColumn("due", self.tr("fällig am"), "date", width=90),
                FrameColumn("received", self.tr("eingegangen"), "date", width=95),
                FrameColumn("unspent", self.tr("nicht verbraucht"), "money", width=110),
                FrameColumn("repaid", self.tr("zurückgezahlt"), "money", width=100),
                FrameColumn("open_repayment", self.tr("Rückforderung offen"), "money"),
            ],
            self,
        )
        self.reports_model.colour = lambda row, key: (
            BAD
            if row.get("overdue") and key == "due"
            else (WARN if key == "open_repayment" and row.get("open_repayment", 0) > 0 else None)
        )
        self.reports_view = frame_view(self.reports_model, self.tr("Verwendungsnachweise"), self)
        self.create_reports = QPushButton(self.tr("Verwendungsnachweise anlegen"), self)
        self.create_reports.setToolTip(
            self.tr("Je bewilligtem Projekt und Förderjahr einen Nachweis, fällig am 30.06. des Folgejahres")
        )
        self.create_reports.clicked.connect(self._create_reports)

        apps = ("apps", (self._awarded_apps, ("applications",)))
        self.payments = RecordSection(
            context,
            Payment,
            [
                Column(
                    "application_id", self.tr("Projekt"), "choice", choices="apps", required=True, width=200
                ),
                Column("year", self.tr("Jahr"), "int", width=60),
                Column("amount", self.tr("Betrag (€)"), "number", decimals=2, width=100),
                Column("paid_on", self.tr("am"), "date", width=95),
                Column("kind", self.tr("Art"), "choice", choices="kind", required=True, width=110),
                Column("notes", self.tr("Bemerkungen")),
            ],
            self.tr("Zahlungen und Rückzahlungen"),
            loader=self._rows(Payment),
            new_record=self._new_payment,
            form=False,
            check=self._check_payment,
            choices={
                "apps": apps[1],
                "kind": (
                    fixed([("payment", self.tr("Auszahlung")), ("repayment", self.tr("Rückzahlung"))]),
                    (),
                ),
            },
            parent=self,
            load_when_shown=True,
        )
        self.reports = RecordSection(
            context,
            UsageReport,
            [
                Column(
                    "application_id", self.tr("Projekt"), "choice", choices="apps", required=True, width=200
                ),
                Column("year", self.tr("Förderjahr"), "int", width=80),
                Column("due", self.tr("fällig am"), "date", width=95),
                Column("received", self.tr("eingegangen"), "date", width=95),
                Column("unspent", self.tr("nicht verbraucht (€)"), "number", decimals=2, width=120),
                Column("notes", self.tr("Bemerkungen")),
            ],
            self.tr("Verwendungsnachweise bearbeiten"),
            loader=self._rows(UsageReport),
            new_record=lambda p: UsageReport(application_id=self._first_app(), year=date.today().year),
            form=False,
            choices={"apps": apps[1]},
            parent=self,
            load_when_shown=True,
        )
        self.reviews = RecordSection(
            context,
            Review,
            [
                Column(
                    "application_id", self.tr("Projekt"), "choice", choices="apps", required=True, width=200
                ),
                Column("date", self.tr("Datum"), "date", width=95),
                Column("outcome", self.tr("Ergebnis"), "choice", choices="outcome", width=120),
                Column("notes", self.tr("Notizen"), multiline=True),
            ],
            self.tr("Jahresgespräche erfassen"),
            loader=self._rows(Review),
            new_record=lambda p: Review(application_id=self._first_app(), date=date.today().isoformat()),
            form=True,
            choices={
                "apps": apps[1],
                "outcome": (
                    fixed(
                        [
                            ("continue", self.tr("fortsetzen")),
                            ("adjust", self.tr("anpassen")),
                            ("end", self.tr("beenden")),
                        ]
                    ),
                    (),
                ),
            },
            parent=self,
            load_when_shown=True,
        )
        # The section commits every field itself; "beenden" must also drop the later
        # commitments in the same undo step, so its committer is routed through review_end.
        from k360desk.ui.rounds.review_end import commit_review

        section_commit = self.reviews._commit_field
        self.reviews._commit_field = lambda rid, field, value: commit_review(
            self, section_commit, rid, field, value)
        self.reviews.model.committer = self.reviews._commit_field
        if self.reviews.form is not None:
            self.reviews.form.committer = self.reviews._commit_field
        self.error = base.error_label(self)
        inner = QTabWidget(self)
        budget_page = QWidget(self)
        lay = QVBoxLayout(budget_page)
        lay.addWidget(self.budget)
        inner.addTab(budget_page, self.tr("Budget"))
        inner.addTab(self.payments, self.tr("Zahlungen"))
        reports_page = QWidget(self)
        lay = QVBoxLayout(reports_page)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("<b>Verwendungsnachweise</b> – rot: überfällig"), self), 1)
        row.addWidget(self.create_reports)
        lay.addLayout(row)
        lay.addWidget(
            splitter(Qt.Orientation.Vertical, [self.reports_view, self.reports], [250, 250], reports_page), 1
        )
        inner.addTab(reports_page, self.tr("Verwendungsnachweise"))
        reviews_page = QWidget(self)
        lay = QVBoxLayout(reviews_page)
        lay.addWidget(QLabel(self.tr("<b>Jahresgespräche je Förderjahr</b> – orange: fällig"), self))
        lay.addWidget(
            splitter(Qt.Orientation.Vertical, [self.due, self.reviews], [250, 250], reviews_page), 1
        )
        inner.addTab(reviews_page, self.tr("Jahresgespräche"))
        from k360desk.ui.rounds.revocation import RevocationPage

        self.revocations = RevocationPage(self, self)
        inner.addTab(self.revocations, self.tr("Widerruf"))
        from k360desk.ui.rounds.proof import ProofPage

        self.proof = ProofPage(self, self)
        inner.addTab(self.proof, self.tr("Verwendungsnachweis"))
        self.inner = inner
        layout = QVBoxLayout(self)
        layout.addWidget(inner, 1)
        layout.addWidget(self.error)

    def _app_ids(self, project: Project) -> set[int]:
        if self.round_id is None:
            return set()
        return {a.id for a in project.all(Application, order_by="id", round_id=self.round_id)}

    def _awarded_apps(self, project: Project):
        if self.round_id is None:
            return []
        return [
            (a.id, a.title)
            for a in project.all(Application, order_by="title", round_id=self.round_id)
            if a.status == "awarded"
        ]

    def _first_app(self) -> int | None:
        pairs = self._awarded_apps(self.project)
        return pairs[0][0] if pairs else None

    def _rows(self, cls):
        def load(project: Project) -> pd.DataFrame:
            frame = project.frame(cls)
            return frame[frame["application_id"].isin(self._app_ids(project))]

        return load

    @staticmethod
    def _check_payment(project: Project, record_id: int, field: str, value) -> str | None:
        """Refuse payments to rejected applications, above the award, negative ones and
        repayments above the unspent money (the rules live in the model)."""
        current = project.get(Payment, record_id)
        if current is None or field not in ("application_id", "year", "amount", "kind"):
            return None
        fields = {"application_id": current.application_id, "year": current.year,
                  "amount": current.amount, "kind": current.kind, field: value}
        if field != "amount" and not fields["amount"]:
            return None  # a new row: checked once its amount is typed
        return aftercare.payment_problem(project, fields["application_id"], int(fields["year"] or 0),
                                         fields["amount"], fields["kind"], payment_id=record_id)

    def _new_payment(self, project: Project) -> Payment:
        return Payment(application_id=self._first_app(), year=date.today().year)

    def refresh(self) -> None:
        """Reload the budget view, the reports, the reviews due and the record sections."""
        self.error.hide()
        for section in (self.payments, self.reports, self.reviews):
            section.reload_all_when_shown()
        if self.project is None or self.round_id is None:
            return
        self.budget_model.set_frame(aftercare.budget_view(self.project, self.round_id))
        self.reports_model.set_frame(aftercare.usage_reports_frame(self.project, self.round_id))
        due = aftercare.reviews_due(self.project, self.round_id)
        due["status"] = due["due"].map({True: self.tr("fällig"), False: self.tr("geführt")})
        from k360desk.ui.rounds.review_end import ended_projects

        for app_id, (_on, years) in ended_projects(self.project, self._app_ids(self.project)).items():
            text = self.tr("beendet") + (
                self.tr(" – Jahresraten %1 entfallen").replace("%1", ", ".join(map(str, years)))
                if years else "")
            due.loc[due["application_id"] == app_id, "status"] = text
        self.due_model.set_frame(due)
        self.revocations.refresh()
        self.proof.refresh()
        has_awards = bool(self._awarded_apps(self.project))
        for button in (
            self.create_reports,
            self.payments.add_button,
            self.reports.add_button,
            self.reviews.add_button,
        ):
            button.setEnabled(self.writable and has_awards)

    def _create_reports(self) -> None:
        from k360desk.ui.commands import AddRecord, Macro

        funded = aftercare.awarded_frame(self.project, self.round_id)
        existing = set(
            zip(*[self.project.frame(UsageReport)[c] for c in ("application_id", "year")], strict=True)
        )
        macro = Macro(self.tr("Verwendungsnachweise anlegen"))
        n = 0
        for r in funded.itertuples(index=False):
            if (r.application_id, r.year) in existing:
                continue
            AddRecord(
                self.project,
                UsageReport(
                    application_id=int(r.application_id),
                    year=int(r.year),
                    due=f"{int(r.year) + 1}-{aftercare.USAGE_REPORT_DUE}",
                ),
                parent=macro,
            )
            n += 1
        if n:
            self.push(macro)
        else:
            self.show_error(self.tr("Alle Verwendungsnachweise sind schon angelegt."))


class MoneyTab(base.RoundTab):
    """Where the money goes: tables by district, need class, field of action and umbrella."""

    watch = (
        "applications",
        "application_amounts",
        "application_districts",
        "funding_rounds",
        "index_results",
        "index_runs",
        "indicator_values",
    )

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.basis = QLabel(self)
        self.by_class = FrameModel(
            [
                FrameColumn("need_class", self.tr("Klasse (Sozialindex)"), width=150),
                FrameColumn("districts", self.tr("Sozialräume"), "int", width=90),
                FrameColumn("population", self.tr("Einwohner"), "number", 0, width=90),
                FrameColumn("amount", self.tr("Förderung"), "money", width=110),
                FrameColumn("share", self.tr("Anteil"), "percent", 1, width=70),
                FrameColumn("per_inhabitant", self.tr("je Einwohner"), "number", 2),
            ],
            self,
        )
        self.by_district = FrameModel(
            [
                FrameColumn("code", self.tr("Schlüssel"), width=70),
                FrameColumn("name", self.tr("Sozialraum"), width=170),
                FrameColumn("need_class", self.tr("Klasse"), width=90),
                FrameColumn("need", self.tr("Bedarf"), "number", 1, width=60),
                FrameColumn("amount", self.tr("Förderung"), "money", width=100),
                FrameColumn("per_inhabitant", self.tr("€ je Einw."), "number", 2),
            ],
            self,
        )
        self.by_topic = FrameModel(
            [
                FrameColumn("topic", self.tr("Handlungsfeld"), width=200),
                FrameColumn("projects", self.tr("Projekte"), "int", width=70),
                FrameColumn("amount", self.tr("Förderung"), "money", width=110),
                FrameColumn("share", self.tr("Anteil"), "percent", 1),
            ],
            self,
        )
        self.by_umbrella = FrameModel(
            [
                FrameColumn("umbrella", self.tr("Spitzenverband"), width=200),
                FrameColumn("projects", self.tr("Projekte"), "int", width=70),
                FrameColumn("amount", self.tr("Förderung"), "money", width=110),
                FrameColumn("share", self.tr("Anteil"), "percent", 1),
            ],
            self,
        )
        views = [
            self._titled(
                self.tr("Nach Bedarfsklasse – erreicht das Geld die Sozialräume mit dem größten Bedarf?"),
                self.by_class,
            ),
            self._titled(self.tr("Nach Sozialraum"), self.by_district),
            self._titled(self.tr("Nach Handlungsfeld"), self.by_topic),
            self._titled(self.tr("Nach Spitzenverband"), self.by_umbrella),
        ]
        self.notes = base.note_label(self)
        left = splitter(Qt.Orientation.Vertical, views[:2], [200, 400], self)
        right = splitter(Qt.Orientation.Vertical, views[2:], [300, 300], self)
        self.inner = QTabWidget(self)
        self.inner.addTab(splitter(Qt.Orientation.Horizontal, [left, right], [620, 480], self),
                          self.tr("Tabellen"))
        self.chart_box = QWidget(self)
        QVBoxLayout(self.chart_box).setContentsMargins(0, 0, 0, 0)
        self.canvas = None
        self.inner.addTab(self.chart_box, self.tr("Diagramm: Förderung je Einwohner"))
        self.inner.currentChanged.connect(lambda _i: self._draw_chart())
        layout = QVBoxLayout(self)
        layout.addWidget(self.basis)
        layout.addWidget(self.inner, 1)
        layout.addWidget(self.notes)
        self.flows = None

    def _titled(self, title: str, model: FrameModel) -> QWidget:
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        label = QLabel(f"<b>{title}</b>", box)
        label.setWordWrap(True)
        lay.addWidget(label)
        lay.addWidget(frame_view(model, title, box), 1)
        return box

    def refresh(self) -> None:
        """Recompute the money flows of the selected round."""
        if self.project is None or self.round_id is None:
            return
        from k360desk.figures.rounds import money_flows

        flows = money_flows(self.project, self.round_id)
        rnd = self.project.get(FundingRound, self.round_id)
        self.basis.setText(self.tr("Grundlage: %1 (%2)").replace("%1", flows.basis).replace("%2", rnd.name))
        self.by_class.set_frame(flows.by_class)
        self.by_district.set_frame(flows.by_district)
        self.by_topic.set_frame(flows.by_topic)
        self.by_umbrella.set_frame(flows.by_umbrella)
        self.notes.setText(" ".join(flows.notes))
        self.flows = flows
        self._draw_chart()

    def _draw_chart(self) -> None:
        """Draw the funding-per-inhabitant chart when its tab is shown (matplotlib is heavy)."""
        if self.flows is None or self.inner.currentWidget() is not self.chart_box:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        from k360desk.export.chart_data import money_chart_spec
        from k360desk.export.charts import draw_chart

        if self.canvas is None:
            self.canvas = FigureCanvasQTAgg(Figure(layout="constrained"))
            self.canvas.setAccessibleName(self.tr("Diagramm: Förderung je Einwohner"))
            self.chart_box.layout().addWidget(self.canvas)
        figure = self.canvas.figure
        figure.clear()
        if self.flows.by_district["population"].notna().any():
            draw_chart(figure.add_subplot(), money_chart_spec(self.flows))
        else:
            figure.text(0.5, 0.5, self.tr("Ohne Einwohnerzahlen kein Diagramm."), ha="center")
        self.canvas.draw_idle()
