"""The Blickpunkt editor under the districts table: the planners' own words on the selected
district for one period, saved while typing (a pause of a second), each pause one undo step."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from k360desk.models import commentaries
from k360desk.projectfile import District
from k360desk.ui.commands import push_command
from k360desk.ui.commands.commentary import SetCommentary
from k360desk.ui.editors.form import error_label

SAVE_AFTER_MS = 1000


def newest_period(project) -> int:
    """The newest period with indicator values (this year when there are none)."""
    from datetime import date

    known, _state = project.known_periods()
    if known is not None:
        return known[-1] if known else date.today().year
    row = project._conn.execute("SELECT max(period) FROM indicator_values").fetchone()
    return int(row[0]) if row and row[0] is not None else date.today().year


class CommentaryEditor(QWidget):
    """Edits the Blickpunkt of one district and period (Markdown subset)."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.district_id: int | None = None
        title = QLabel(self.tr("<b>Blickpunkt</b> (Kommentar der Planung, erscheint im Quartiersprofil)"),
                       self)
        self.period = QSpinBox(self)
        self.period.setRange(1900, 2200)
        self.period.setAccessibleName(self.tr("Bezugsjahr des Blickpunkts"))
        period_label = QLabel(self.tr("&Jahr:"), self)
        period_label.setBuddy(self.period)
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName(self.tr("Blickpunkt"))
        self.text.setPlaceholderText(self.tr(
            "Einige Absätze; Leerzeile trennt Absätze, „- “ beginnt einen Aufzählungspunkt, "
            "**fett**, *kursiv*."))
        self.text.setTabChangesFocus(True)
        self.error = error_label(self, self.tr("Fehlermeldung zum Blickpunkt"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_AFTER_MS)
        self._timer.timeout.connect(self.commit)
        self._loading = False
        self._shown_period = 0
        head = QHBoxLayout()
        head.addWidget(title, 1)
        head.addWidget(period_label)
        head.addWidget(self.period)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.error)
        self.text.textChanged.connect(self._typed)
        self.text.installEventFilter(self)
        self.period.valueChanged.connect(self._period_changed)
        context.changed.connect(self._on_changes)
        # Finding the newest period scans every value when the periods are not known yet
        # (50-70 ms at city scale): done when a district is first shown, not with the page.
        self._period_chosen = False
        self.show_district(None)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        """Leaving the text (Tab, a click elsewhere, Save from the menu) stores it at once."""
        if watched is self.text and event.type() == QEvent.Type.FocusOut and self._timer.isActive():
            self.commit()
        return super().eventFilter(watched, event)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Another page or a closing window must not lose the last second of typing."""
        if self._timer.isActive():
            self.commit()
        super().hideEvent(event)

    def _set_period(self, value: int) -> None:
        self.period.blockSignals(True)
        self.period.setValue(value)
        self.period.blockSignals(False)

    def show_district(self, district_id: int | None) -> None:
        """Show the Blickpunkt of another district (saving what was typed for the last one)."""
        if self._timer.isActive():
            self.commit()
        self.district_id = district_id
        if district_id is not None and not self._period_chosen and self.context.project is not None:
            self._period_chosen = True
            self._set_period(newest_period(self.context.project))
        enabled = district_id is not None and not self.context.read_only
        self.text.setEnabled(enabled)
        self.period.setEnabled(district_id is not None)
        self._load()

    def _load(self) -> None:
        project = self.context.project
        text = ""
        if project is not None and self.district_id is not None:
            text = commentaries.commentary(project, self.district_id, self.period.value())
        self._shown_period = self.period.value()
        # the store keeps the text stripped; what is being typed (a trailing space) stays
        if text != self.text.toPlainText().strip():
            self._loading = True
            self.text.setPlainText(text)
            self._loading = False
        self.error.hide()

    def _typed(self) -> None:
        if not self._loading and self.district_id is not None:
            self._timer.start()

    def _period_changed(self, _value: int) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._commit_for(self.district_id, self._shown_period)
        self._load()

    def commit(self) -> None:
        """Store what is typed now (one undo step, merged with the last while typing on)."""
        self._timer.stop()
        self._commit_for(self.district_id, self.period.value())

    def _commit_for(self, district_id: int | None, period: int) -> None:
        project = self.context.project
        if project is None or district_id is None:
            return
        text = self.text.toPlainText()
        if commentaries.commentary(project, district_id, period) == text.strip():
            return
        error = push_command(self.context, SetCommentary(project, district_id, period, text))
        self.error.setText(error or "")
        self.error.setVisible(bool(error))

    def _on_changes(self, changes) -> None:
        if self._timer.isActive() or self.context.project is None:
            return  # the user is typing; their text wins and is saved in a moment
        tables = {change.table for change in changes}
        if "districts" in tables and self.district_id is not None \
                and self.context.project.get(District, self.district_id) is None:
            self.show_district(None)
        elif tables & {"commentaries", "districts"}:
            self._load()
