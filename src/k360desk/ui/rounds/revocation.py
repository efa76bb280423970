"""Widerruf and Rückforderung in the Nachsorge tab: the revocations of the round with their
claims, and a dialog that revokes an award (one undoable step)."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from k360desk.models import revocations
from k360desk.projectfile import Committee, Meeting, Project, Revocation
from k360desk.ui.commands.base import StoreCommand
from k360desk.ui.models.columns import parse_german_number
from k360desk.ui.rounds.frame_model import WARN, FrameColumn, FrameModel, frame_view


class RevokeAward(StoreCommand):
    """Revoke an award (the store sets the claim); undo removes the revocation and puts the
    yearly amounts back."""

    def __init__(self, project: Project, application_id: int, values: dict,
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(project, "Bewilligung widerrufen", parent)
        self.application_id, self.values = application_id, dict(values)
        self.amounts = project.link_frame("application_amounts", application_id=application_id)
        self.revocation_id: int | None = None

    def _redo(self) -> None:
        self.revocation_id = revocations.revoke(self.project, self.application_id, **self.values)

    def _undo(self) -> None:
        self.project.delete(Revocation, self.revocation_id)
        self.project.execute_link("application_amounts", self.amounts.to_dict("records"))


class RevokeDialog(QDialog):
    """Date, reason, first year revoked (empty = whole), recognised amount and the body."""

    def __init__(self, project: Project, awarded: list[tuple[int, str]], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bewilligung widerrufen"))
        self.application = QComboBox(self)
        for app_id, title in awarded:
            self.application.addItem(title, app_id)
        self.decided_on = QDateEdit(QDate.currentDate(), self)
        self.decided_on.setDisplayFormat("dd.MM.yyyy")
        self.decided_on.setCalendarPopup(True)
        self.reason = QLineEdit(self)
        self.from_year = QLineEdit(self)
        self.eligible = QLineEdit(self)
        self.meeting = QComboBox(self)
        self.meeting.addItem(self.tr("(Verwaltung)"), None)
        for meeting in project.all(Meeting, order_by="date"):
            committee = project.get(Committee, meeting.committee_id)
            self.meeting.addItem(f"{committee.name if committee else ''} {meeting.date}", meeting.id)
        form = QFormLayout()
        form.addRow(self.tr("Projekt:"), self.application)
        form.addRow(self.tr("Datum:"), self.decided_on)
        form.addRow(self.tr("Begründung:"), self.reason)
        form.addRow(self.tr("ab Jahr (leer = ganz):"), self.from_year)
        form.addRow(self.tr("anerkannt (€):"), self.eligible)
        form.addRow(self.tr("Sitzung (leer = Verwaltung):"), self.meeting)
        ok_cancel = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        buttons = QDialogButtonBox(ok_cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> tuple[int | None, dict] | str:
        """(application id, keyword arguments of ``revoke``) or a German message."""
        year_text = self.from_year.text().strip()
        if year_text and not year_text.isdigit():
            return self.tr("„%1“ ist kein Jahr.").replace("%1", year_text)
        eligible_text = self.eligible.text().replace("€", "").strip()
        eligible = parse_german_number(eligible_text) if eligible_text else None
        if eligible_text and eligible is None:
            return self.tr("„%1“ ist kein gültiger Betrag.").replace("%1", self.eligible.text())
        return self.application.currentData(), {
            "decided_on": self.decided_on.date().toString("yyyy-MM-dd"), "reason": self.reason.text(),
            "from_year": int(year_text) if year_text else None, "eligible": eligible,
            "meeting_id": self.meeting.currentData()}


class RevocationPage(QWidget):
    """The round's revocations with claim, repaid and open money, and the Widerruf button."""

    def __init__(self, tab, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tab = tab
        self.model = FrameModel([
            FrameColumn("title", self.tr("Projekt"), width=180),
            FrameColumn("scope_label", self.tr("Art"), width=150),
            FrameColumn("decided_on", self.tr("am"), "date", width=90),
            FrameColumn("body", self.tr("Entscheidung"), width=150),
            FrameColumn("claim", self.tr("Rückforderung"), "money", width=110),
            FrameColumn("open", self.tr("offen"), "money", width=100),
            FrameColumn("due", self.tr("fällig am"), "date", width=90),
            FrameColumn("reason", self.tr("Begründung")),
        ], self)
        self.model.colour = lambda row, key: WARN if key == "open" and (row.get("open") or 0) > 0 else None
        self.view = frame_view(self.model, self.tr("Rückforderungen"), self)
        self.revoke_button = QPushButton(self.tr("Widerrufen…"), self)
        self.revoke_button.clicked.connect(self.open_dialog)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("<b>Widerruf und Rückforderung</b>"), self), 1)
        row.addWidget(self.revoke_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)

    def refresh(self) -> None:
        """Reload the revocations of the tab's round."""
        project, round_id = self.tab.project, self.tab.round_id
        if project is None or round_id is None:
            self.revoke_button.setEnabled(False)
            return
        frame = revocations.revocations_frame(project, round_id)
        # The open money is the application's, shown on its latest revocation only.
        status = {a: revocations.claim_status(project, int(a)) for a in frame["application_id"].unique()}
        last = ~frame.duplicated("application_id", keep="last")
        frame["open"] = [status[a]["open"] / 100 if is_last else None
                         for a, is_last in zip(frame["application_id"], last, strict=True)]
        self.model.set_frame(frame)
        self.revoke_button.setEnabled(self.tab.writable and bool(self.tab._awarded_apps(project)))

    def open_dialog(self) -> None:
        """Ask for the revocation and push it as one undo step."""
        awarded = self.tab._awarded_apps(self.tab.project)
        if not awarded:
            self.tab.show_error(self.tr("Bitte zuerst ein bewilligtes Projekt wählen."))
            return
        dialog = RevokeDialog(self.tab.project, awarded, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        if isinstance(values, str):
            self.tab.show_error(values)
            return
        app_id, kwargs = values
        command = RevokeAward(self.tab.project, app_id, kwargs)
        if self.tab.push(command):
            return
        from k360desk.formats import format_date, format_money
        from k360desk.ui.editors.section import show_message

        rev = self.tab.project.get(Revocation, command.revocation_id)
        show_message(self, self.tr("Widerruf gespeichert: Rückforderung %1, fällig am %2.")
                     .replace("%1", format_money(rev.claim)).replace("%2", format_date(rev.due)))
