"""The Verwendungsnachweis in the Nachsorge: per funded project and year the Sachbericht, the
numeric proof (planned vs spent per cost type) and the audit, saved through the same model
functions as ``round proof`` as one undo step; the PDF is the one the CLI writes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from k360desk.models import aftercare, usage_proof
from k360desk.money import format_cents, format_money, parse_cents
from k360desk.projectfile import Project, ProjectError, Revocation, UsageReport
from k360desk.ui.commands.base import StoreCommand
from k360desk.ui.rounds.base import QT_TRANSLATE_NOOP

PLANNED, SPENT, DIFFERENCE = 1, 2, 3


def choose_pdf(parent: QWidget, name: str) -> str:
    """Where to save the PDF ('' when cancelled); module-level so that tests can replace it."""
    title = QCoreApplication.translate("ProofPage", "Verwendungsnachweis als PDF speichern")
    kind = QCoreApplication.translate("ProofPage", "PDF-Dokument (*.pdf)")
    path, _ = QFileDialog.getSaveFileName(parent, title, name, kind)
    return path


class SaveProof(StoreCommand):
    """Sachbericht, lines and audit of one report; undo puts the report, its lines and its
    Rückforderung back as they were (or removes a report the save created)."""

    def __init__(self, project: Project, application_id: int, year: int, values: dict) -> None:
        super().__init__(project, QCoreApplication.translate("ProofPage", "Verwendungsnachweis %1 speichern")
                         .replace("%1", str(year)))
        self.application_id, self.year, self.values = application_id, int(year), dict(values)
        self.before: dict | None = None

    def _snapshot(self) -> dict:
        report = self.project.find(UsageReport, application_id=self.application_id, year=self.year)
        if report is None:
            return {"report": None}
        return {"report": report,
                "lines": self.project.link_frame("proof_lines", usage_report_id=report.id).to_dict("records"),
                "claims": self.project.all(Revocation, usage_report_id=report.id)}

    def _redo(self) -> None:
        if self.before is None:
            self.before = self._snapshot()
        values = self.values
        report_id = usage_proof.set_proof(self.project, self.application_id, self.year,
                                          narrative=values["narrative"], lines=values["lines"])
        if values["audit"]:
            usage_proof.audit(self.project, report_id, values["audit"], values["note"], values["audited_on"],
                              values["eligible"])

    def _undo(self) -> None:
        now = self.project.find(UsageReport, application_id=self.application_id, year=self.year)
        old = self.before["report"]
        if now is not None:
            # A claim outlives its report in the store (the link is set to NULL): remove it first.
            for claim in self.project.all(Revocation, usage_report_id=now.id):
                self.project.delete(Revocation, claim.id)
        if old is None:
            if now is not None:
                self.project.delete(UsageReport, now.id)  # its lines follow by cascade
            return
        for claim in self.before["claims"]:
            claim.id = None
            self.project.add(claim)
        self.project.delete_link("proof_lines", usage_report_id=old.id)
        self.project.execute_link("proof_lines", self.before["lines"])
        fields = {k: getattr(old, k) for k in ("narrative", "received", "audit", "audit_note", "audited_on",
                                               "unspent")}
        self.project.update(UsageReport, old.id, **fields)


class ProofPage(QWidget):
    """Choose project and year; edit Sachbericht, cost lines and audit; save; write the PDF."""

    AUDITS = {"": QT_TRANSLATE_NOOP("ProofPage", "nicht geprüft"),
              "clean": QT_TRANSLATE_NOOP("ProofPage", "geprüft ohne Beanstandung"),
              "recovery": QT_TRANSLATE_NOOP("ProofPage", "geprüft mit Rückforderung")}

    def __init__(self, tab, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tab = tab
        self._loading = False
        self.application = QComboBox(self)
        self.application.setAccessibleName(self.tr("Projekt des Verwendungsnachweises"))
        self.year = QComboBox(self)
        self.year.setAccessibleName(self.tr("Förderjahr des Verwendungsnachweises"))
        self.application.currentIndexChanged.connect(self._fill_years)
        self.year.currentIndexChanged.connect(self.load)
        self.narrative = QPlainTextEdit(self)
        self.narrative.setAccessibleName(self.tr("Sachbericht"))
        self.narrative.setTabChangesFocus(True)
        self.lines = QTableWidget(0, 4, self)
        self.lines.setHorizontalHeaderLabels(
            [self.tr("Kostenart"), self.tr("geplant (€)"), self.tr("ausgegeben (€)"), self.tr("Abweichung")])
        self.lines.setAccessibleName(self.tr("Zahlenmäßiger Nachweis je Kostenart"))
        self.lines.verticalHeader().hide()
        self.lines.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((150, 120, 120)):
            self.lines.setColumnWidth(col, width)
        self.lines.itemChanged.connect(self._line_edited)
        self.audit = QComboBox(self)
        for code, label in self.AUDITS.items():
            self.audit.addItem(QCoreApplication.translate("ProofPage", label), code)
        self.audit.setAccessibleName(self.tr("Prüfergebnis"))
        self.note = QLineEdit(self)
        self.note.setAccessibleName(self.tr("Prüfvermerk"))
        self.audited_on = QDateEdit(QDate.currentDate(), self)
        self.audited_on.setDisplayFormat("dd.MM.yyyy")
        self.audited_on.setCalendarPopup(True)
        self.audited_on.setAccessibleName(self.tr("Datum der Prüfung"))
        self.eligible = QLineEdit(self)
        self.eligible.setPlaceholderText(self.tr("leer = Ausgaben bis zur Jahresrate"))
        self.eligible.setAccessibleName(self.tr("anerkannter Betrag"))
        self.totals = QLabel(self)
        self.totals.setAccessibleName(self.tr("Summe des zahlenmäßigen Nachweises"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Nachweis &speichern"), self)
        self.save_button.clicked.connect(self.save)
        self.pdf_button = QPushButton(self.tr("Als P&DF …"), self)
        self.pdf_button.clicked.connect(self.write_pdf)
        choose = QHBoxLayout()
        choose.addWidget(QLabel(self.tr("Projekt:"), self))
        choose.addWidget(self.application, 2)
        choose.addWidget(QLabel(self.tr("Jahr:"), self))
        choose.addWidget(self.year)
        choose.addStretch(1)
        choose.addWidget(self.save_button)
        choose.addWidget(self.pdf_button)
        audit = QFormLayout()
        audit.addRow(self.tr("Prüfung:"), self.audit)
        audit.addRow(self.tr("Prüfvermerk:"), self.note)
        audit.addRow(self.tr("geprüft am:"), self.audited_on)
        audit.addRow(self.tr("anerkannt (€):"), self.eligible)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("<b>Sachbericht</b>"), self))
        left.addWidget(self.narrative, 1)
        left.addLayout(audit)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("<b>Zahlenmäßiger Nachweis</b>"), self))
        right.addWidget(self.lines, 1)
        right.addWidget(self.totals)
        right.addWidget(self.summary)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addLayout(body, 1)

    # --- choosing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the funded projects of the tab's round and the chosen report."""
        project = self.tab.project
        keep = self.application.currentData()
        self._loading = True
        self.application.clear()
        if project is not None and self.tab.round_id is not None:
            for app_id, title in self._projects(project):
                self.application.addItem(title, app_id)
        self._loading = False
        index = self.application.findData(keep)
        self.application.setCurrentIndex(index if index >= 0 else 0)
        self._fill_years()

    def _projects(self, project: Project) -> list[tuple[int, str]]:
        funded = aftercare.awarded_frame(project, self.tab.round_id)
        pairs = dict(zip(funded["application_id"].astype(int), funded["title"], strict=True))
        for app_id, title in self.tab._awarded_apps(project):
            pairs.setdefault(int(app_id), title)  # revoked awards keep their earlier reports
        return sorted(pairs.items(), key=lambda p: p[1])

    def _years(self, project: Project, app_id: int) -> list[int]:
        funded = aftercare.awarded_frame(project, self.tab.round_id)
        years = set(funded.loc[funded["application_id"] == app_id, "year"].astype(int))
        years |= {int(r.year) for r in project.all(UsageReport, application_id=app_id)}
        return sorted(years)

    def _fill_years(self) -> None:
        if self._loading:
            return
        keep = self.year.currentData()
        app_id = self.application.currentData()
        self._loading = True
        self.year.clear()
        if app_id is not None:
            for year in self._years(self.tab.project, app_id):
                self.year.addItem(str(year), year)
        self._loading = False
        index = self.year.findData(keep)
        self.year.setCurrentIndex(index if index >= 0 else max(0, self.year.count() - 1))
        self.load()

    # --- showing ----------------------------------------------------------------------------

    def load(self) -> None:
        """Show the stored report of the chosen project and year (empty when none yet)."""
        if self._loading:
            return
        project, app_id, year = self.tab.project, self.application.currentData(), self.year.currentData()
        ready = project is not None and app_id is not None and year is not None
        for widget in (self.narrative, self.lines, self.audit, self.note, self.audited_on, self.eligible,
                       self.save_button):
            widget.setEnabled(ready and self.tab.writable)
        report = project.find(UsageReport, application_id=app_id, year=year) if ready else None
        self.pdf_button.setEnabled(report is not None)
        self._loading = True
        self.narrative.setPlainText(report.narrative if report else "")
        self.audit.setCurrentIndex(max(0, self.audit.findData(report.audit if report else "")))
        self.note.setText(report.audit_note if report else "")
        if report and report.audited_on:
            self.audited_on.setDate(QDate.fromString(report.audited_on, "yyyy-MM-dd"))
        self.eligible.clear()
        self._fill_lines(project, report)
        self._loading = False
        self._show_summary(project, report)

    def _fill_lines(self, project: Project | None, report: UsageReport | None) -> None:
        if project is None:
            self.lines.setRowCount(0)
            self.totals.clear()
            return
        frame = (usage_proof.proof_lines(project, report.id) if report is not None else
                 [(c.name, 0.0, 0.0) for c in usage_proof.cost_types(project)])
        rows = ([(r.cost_type, r.planned, r.spent) for r in frame.itertuples(index=False)]
                if report is not None else frame)
        self.lines.setRowCount(len(rows))
        for row, (name, planned, spent) in enumerate(rows):
            cells = [name, format_money(planned).replace(" €", ""), format_money(spent).replace(" €", ""), ""]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                flags = item.flags() & ~Qt.ItemFlag.ItemIsEditable
                if col in (PLANNED, SPENT):
                    flags |= Qt.ItemFlag.ItemIsEditable
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                elif col == DIFFERENCE:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setFlags(flags)
                self.lines.setItem(row, col, item)
            self._difference(row)
        self._show_totals()

    def _show_totals(self) -> None:
        """The sums as typed, before saving: what the planner compares with the award."""
        sums = [0, 0]
        for row in range(self.lines.rowCount()):
            for i, col in enumerate((PLANNED, SPENT)):
                cents = self._cents(row, col)
                if cents is None:
                    self.totals.setText(self.tr("Summe: bitte die Beträge prüfen."))
                    return
                sums[i] += cents
        self.totals.setText(self.tr("Summe: geplant %1 – ausgegeben %2 – Abweichung %3")
                            .replace("%1", format_cents(sums[0])).replace("%2", format_cents(sums[1]))
                            .replace("%3", _signed(format_cents(sums[1] - sums[0]))))

    def _difference(self, row: int) -> None:
        figures = [self._cents(row, col) for col in (PLANNED, SPENT)]
        item = self.lines.item(row, DIFFERENCE)
        if item is None:
            return
        was = self._loading
        self._loading = True
        item.setText("" if None in figures else _signed(format_cents(figures[1] - figures[0])))
        self._loading = was

    def _cents(self, row: int, col: int) -> int | None:
        item = self.lines.item(row, col)
        text = item.text().strip() if item is not None else ""
        if not text:
            return 0
        try:
            return parse_cents(text)
        except ValueError:
            return None

    def _line_edited(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() not in (PLANNED, SPENT):
            return
        if self._cents(item.row(), item.column()) is None:
            self.tab.show_error(self.tr("„%1“ ist kein gültiger Betrag.").replace("%1", item.text()))
        self._difference(item.row())
        self._show_totals()

    def _show_summary(self, project: Project | None, report: UsageReport | None) -> None:
        if project is None or report is None:
            self.summary.setText(self.tr("Noch kein Verwendungsnachweis gespeichert."))
            return
        info = usage_proof.proof_summary(project, report.id)
        text = (self.tr("Ausgezahlt: %1 – nachgewiesen: %2 – %3")
                .replace("%1", format_cents(info["paid"])).replace("%2", format_cents(info["spent"]))
                .replace("%3", QCoreApplication.translate("ProofPage", self.AUDITS.get(report.audit, ""))))
        if info["claim"]:
            text += " – " + self.tr("Rückforderung: %1").replace("%1", format_cents(info["claim"]))
        self.summary.setText(text)

    # --- saving and output ------------------------------------------------------------------

    def values(self) -> dict | str:
        """The inputs as arguments of the model functions, or a German message."""
        lines = {}
        for row in range(self.lines.rowCount()):
            name = self.lines.item(row, 0).text()
            figures = [self._cents(row, col) for col in (PLANNED, SPENT)]
            for col, cents in zip((PLANNED, SPENT), figures, strict=True):
                if cents is None:
                    return self.tr("%1: „%2“ ist kein gültiger Betrag.").replace("%1", name).replace(
                        "%2", self.lines.item(row, col).text())
            lines[name] = (figures[0] / 100, figures[1] / 100)
        eligible_text = self.eligible.text().strip()
        eligible = None
        if eligible_text:
            try:
                eligible = parse_cents(eligible_text) / 100
            except ValueError:
                return self.tr("„%1“ ist kein gültiger Betrag.").replace("%1", eligible_text)
        return {"narrative": self.narrative.toPlainText(), "lines": lines, "audit": self.audit.currentData(),
                "note": self.note.text(), "audited_on": self.audited_on.date().toString("yyyy-MM-dd"),
                "eligible": eligible}

    def save(self) -> None:
        """Store Sachbericht, lines and audit as one undo step; refusals as German messages."""
        app_id, year = self.application.currentData(), self.year.currentData()
        if app_id is None or year is None:
            self.tab.show_error(self.tr("Bitte zuerst ein gefördertes Projekt und ein Jahr wählen."))
            return
        values = self.values()
        if isinstance(values, str):
            self.tab.show_error(values)
            return
        self.tab.push(SaveProof(self.tab.project, app_id, year, values))

    def write_pdf(self) -> None:
        """Write the stored report as the PDF ``round proof -o`` writes."""
        from k360desk.export.pdf.usage_proof import write_proof_pdf

        project, app_id, year = self.tab.project, self.application.currentData(), self.year.currentData()
        report = project.find(UsageReport, application_id=app_id, year=year) if project and app_id else None
        if report is None:
            self.tab.show_error(self.tr("Bitte den Verwendungsnachweis zuerst speichern."))
            return
        path = choose_pdf(self, self.tr("Verwendungsnachweis %1.pdf").replace("%1", str(year)))
        if not path:
            return
        try:
            write_proof_pdf(project, report.id, path)
        except ProjectError as exc:
            self.tab.show_error(str(exc))
            return
        except OSError as exc:
            self.tab.show_error(self.tr("„%1“ lässt sich nicht schreiben: %2").replace("%1", path)
                                .replace("%2", str(exc.strerror)))
            return
        self.tab.show_error("")
        from k360desk.ui.editors.section import show_message

        show_message(self, self.tr("Verwendungsnachweis geschrieben: %1").replace("%1", path))


def _signed(text: str) -> str:
    # The typographic minus, as the printed proof shows it.
    return text.replace("-", "\u2212", 1) if text.startswith("-") else text
