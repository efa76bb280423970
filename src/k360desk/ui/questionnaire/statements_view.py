"""Statements per district beside the numbers: closed questions summarised, free text quoted,
the district's goals with a traffic light. Follows the project's district selection."""

from __future__ import annotations

import html

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from k360desk.projectfile import Project
from k360desk.ui.wrap_bar import WrapBar

_TABLES = {"statements", "questions", "questionnaires", "providers", "districts", "goals",
           "indicator_values", "k360_meta"}


class StatementsView(QWidget):
    """What the providers say about one district, and how its goals stand."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.district = QComboBox(self)
        self.district.setAccessibleName(self.tr("Sozialraum"))
        self.district.setMinimumContentsLength(24)
        self.period = QComboBox(self)
        self.period.setAccessibleName(self.tr("Jahr der Trägerabfrage"))
        self.anonymous = QCheckBox(self.tr("Träger in Zitaten &anonymisieren"), self)
        self.anonymous.setToolTip(self.tr("Projekteinstellung: gilt auch für Quartiersprofile"))
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        self.text.setAccessibleName(self.tr("Einschätzungen zum Sozialraum"))
        bar = WrapBar(self)
        for label, widget in ((self.tr("&Sozialraum:"), self.district),
                              (self.tr("&Jahr:"), self.period)):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            bar.add(caption, widget)
        bar.add(self.anonymous)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(bar)
        layout.addWidget(self.text, 1)
        self._stale = False
        self._refresh = QTimer(self, singleShot=True, interval=0)
        self._refresh.timeout.connect(self.render)
        self.district.currentIndexChanged.connect(self._on_district_chosen)
        self.period.currentIndexChanged.connect(self._refresh.start)
        self.anonymous.toggled.connect(self._set_anonymous)
        context.changed.connect(self._on_changes)
        context.project_replaced.connect(self.reload)
        context.selection_changed.connect(self._on_selection)
        self.reload()

    @property
    def project(self) -> Project | None:
        """The open project."""
        return self.context.project

    def reload(self) -> None:
        """Fill the choosers from the project and show the selected district."""
        from k360desk.figures.questionnaire import anonymous_default

        for widget in (self.district, self.period, self.anonymous):
            widget.blockSignals(True)
        keep = self.district.currentData()
        self.district.clear()
        self.period.clear()
        project = self.project
        if project is not None:
            districts = project.districts_frame()
            for i, code, name, level in zip(districts.index, districts["code"], districts["name"],
                                            districts["level"], strict=True):
                self.district.addItem(f"{code} {name}  ({level})", int(i))
            periods = [int(r[0]) for r in project._conn.execute(
                "SELECT DISTINCT period FROM questionnaires ORDER BY period DESC")]
            for period in periods:
                self.period.addItem(str(period), period)
            self.anonymous.setChecked(anonymous_default(project))
            self.anonymous.setEnabled(not project.read_only)
            selected = self.context.selected_districts
            want = selected[0] if selected else keep
            index = self.district.findData(want) if want is not None else -1
            self.district.setCurrentIndex(max(index, 0))
        for widget in (self.district, self.period, self.anonymous):
            widget.blockSignals(False)
        self._refresh.start()

    def _on_changes(self, changes) -> None:
        tables = {c.table for c in changes}
        if tables & {"districts", "questionnaires", "k360_meta"}:
            self.reload()
        elif tables & _TABLES:
            self._refresh.start()

    def _on_selection(self, ids) -> None:
        if ids:
            index = self.district.findData(int(ids[0]))
            if index >= 0 and index != self.district.currentIndex():
                self.district.setCurrentIndex(index)

    def _on_district_chosen(self) -> None:
        district = self.district.currentData()
        if district is not None and tuple(self.context.selected_districts[:1]) != (district,):
            self.context.select_districts((district,))
        self._refresh.start()

    def _set_anonymous(self, checked: bool) -> None:
        from k360desk.models.questionnaire import ANONYMOUS_KEY
        from k360desk.ui.commands import SetMeta

        if self.project is None or self.project.read_only:
            return
        self.context.push(SetMeta(self.project, {ANONYMOUS_KEY: "1" if checked else "0"},
                                  self.tr("Zitate anonymisieren")))

    def render(self) -> None:
        """Write the district's statements and goals into the text view."""
        # The text computes goal progress (hundreds of ms at city scale); a hidden tab
        # renders when it is shown.
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.text.setHtml(self.html())

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self._refresh.start()

    def html(self) -> str:
        """The German HTML shown for the current district."""
        from k360desk.figures.questionnaire import (
            STATUS_COLORS,
            district_summary,
            goal_progress,
            goal_text,
            statements_for_district,
        )

        project, district = self.project, self.district.currentData()
        if project is None or district is None:
            return "<p>" + html.escape(self.tr("Kein Sozialraum gewählt.")) + "</p>"
        period = self.period.currentData()
        esc = html.escape
        name = self.district.currentText().split("  (")[0]
        parts = [f"<h2>{esc(name)}</h2>"]
        summary = district_summary(project, district, period)
        quotes = statements_for_district(project, district, period)
        heading = self.tr("Einschätzungen der Träger")
        parts.append(f"<h3>{esc(heading)}{' ' + str(period) if period else ''}</h3>")
        if summary.empty and quotes.empty:
            none = self.tr("Zu diesem Sozialraum liegen keine Antworten vor.")
            parts.append(f"<p><i>{esc(none)}</i></p>")
        if not summary.empty:
            parts.append("<table cellspacing='0' cellpadding='4' border='0'>")
            for row in summary.itertuples():
                style = "" if row.shown else " style='color:#777777'"
                parts.append(f"<tr><td>{row.question_number}.</td><td>{esc(row.question)}</td>"
                             f"<td{style}><b>{esc(row.text)}</b></td></tr>")
            parts.append("</table>")
        for number, group in quotes.groupby("question_number", sort=True):
            parts.append(f"<p><b>{number}. {esc(str(group['question'].iloc[0]))}</b></p><ul>")
            parts += [f"<li>{esc(q)}</li>" for q in group["quote"]]
            parts.append("</ul>")
        goals = goal_progress(project, district)
        goals_heading = self.tr("Zielwerte")
        parts.append(f"<h3>{esc(goals_heading)}</h3>")
        if goals.empty:
            no_goals = self.tr("Für diesen Sozialraum sind keine Zielwerte gesetzt.")
            parts.append(f"<p><i>{esc(no_goals)}</i></p>")
        for _, goal in goals.iterrows():
            color = STATUS_COLORS[goal["status"]]
            parts.append(f"<p><span style='color:{color}; font-size:large'>●</span> "
                         f"{esc(goal_text(goal))}</p>")
        return "\n".join(parts)

    def sizeHint(self):  # noqa: N802 - Qt's name
        """Room for a few quotes."""
        hint = super().sizeHint()
        hint.setWidth(max(hint.width(), 640))
        return hint



