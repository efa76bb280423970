"""The goals editor: target values per indicator, district and year, with progress as a traffic light."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QLabel, QStyledItemDelegate, QVBoxLayout, QWidget

from k360desk.projectfile import Goal, Indicator, Project
from k360desk.ui.column_fit import KEY
from k360desk.ui.editors.common import fixed
from k360desk.ui.editors.section import RecordSection
from k360desk.ui.models import Column
from k360desk.ui.models.columns import RAW_ROLE

_PROGRESS_FIELDS = ("baseline", "latest", "progress", "status")


def _status_choices() -> list[tuple[str, str]]:
    from PySide6.QtCore import QCoreApplication

    return [("reached", QCoreApplication.translate("voice", "erreicht")),
            ("on_track", QCoreApplication.translate("voice", "auf Kurs")),
            ("behind", QCoreApplication.translate("voice", "im Verzug")),
            ("off_track", QCoreApplication.translate("voice", "nicht auf Kurs")),
            ("no_data", QCoreApplication.translate("voice", "noch keine Werte"))]


def _indicators(project: Project):
    frame = project.indicators_frame()
    return [(int(i), str(n)) for i, n in zip(frame["id"], frame["name"], strict=True)]


def _districts(project: Project):
    frame = project.districts_frame()
    return [(int(i), f"{c} {n}") for i, c, n in zip(frame["id"], frame["code"], frame["name"],
                                                    strict=True)]


def load_goals(project: Project):
    """Goals with their progress columns (baseline, latest, progress, status)."""
    from k360desk.figures.questionnaire import goal_progress

    frame = project.frame(Goal)
    progress = goal_progress(project).set_index("goal_id")
    for field in _PROGRESS_FIELDS:
        frame[field] = frame["id"].map(progress[field]) if len(progress) else None
    return frame


class TrafficLightDelegate(QStyledItemDelegate):
    """Paints a coloured dot before the status text of a goal."""

    def paint(self, painter: QPainter, option, index) -> None:
        from k360desk.figures.questionnaire import STATUS_COLORS

        status = index.data(RAW_ROLE)
        super().paint(painter, option, index)
        if status not in STATUS_COLORS:
            return
        size = min(option.rect.height() - 8, 12)
        rect = QRectF(option.rect.right() - size - 6, option.rect.center().y() - size / 2, size, size)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#555555"), 0.8))
        painter.setBrush(QBrush(QColor(STATUS_COLORS[status])))
        painter.drawEllipse(rect)
        painter.restore()


class GoalsEditor(QWidget):
    """Wirkungsziele: target values for indicators per district and year, and how far they are."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        # Progress needs every goal's value series (about a second at city scale); the tab is
        # hidden when the page opens, so it is computed on the first time the tab is shown.
        self._progress_wanted = False
        self.section = RecordSection(
            context, Goal,
            [Column("indicator_id", self.tr("Indikator"), "choice", choices="indicators",
                    required=True, width=260),
             Column("district_id", self.tr("Sozialraum (leer = Gesamtstadt)"), "choice",
                    choices="districts", width=200),
             Column("period", self.tr("Zieljahr"), "int", required=True, width=70),
             Column("target", self.tr("Zielwert"), "number", required=True, width=80,
                    priority=KEY),
             Column("baseline", self.tr("Ausgangswert"), "number", editable=False, width=95,
                    in_form=False),
             Column("latest", self.tr("Aktuell"), "number", editable=False, width=80, in_form=False),
             Column("progress", self.tr("Fortschritt %"), "number", editable=False, decimals=0,
                    width=95, in_form=False,
                    description=self.tr("Anteil des Wegs vom ersten Wert zum Zielwert")),
             Column("status", self.tr("Stand"), "choice", choices="status", editable=False,
                    width=130, in_form=False),
             Column("notes", self.tr("Bemerkungen"), multiline=True)],
            self.tr("Zielwerte (Wirkungsziele)"), loader=self._load, form=False,
            new_record=self._new_goal, watch=("indicator_values", "indicators", "districts"),
            choices={"indicators": (_indicators, ("indicators",)),
                     "districts": (_districts, ("districts",)),
                     "status": (fixed(_status_choices()), ())},
            parent=self)
        column = [c.field for c in self.section.model.columns].index("status")
        self.section.table.setItemDelegateForColumn(column, TrafficLightDelegate(self.section.table))
        hint = QLabel(self.tr("Fortschritt: vom ersten vorliegenden Wert zum Zielwert. „Auf Kurs“ "
                              "heißt: mindestens so weit wie bei gleichmäßigem Verlauf bis zum "
                              "Zieljahr zu erwarten. Geheim gehaltene Werte zählen nicht."), self)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.section, 1)
        layout.addWidget(hint)

    def _load(self, project: Project):
        if self._progress_wanted:
            return load_goals(project)
        frame = project.frame(Goal)
        for field in _PROGRESS_FIELDS:
            frame[field] = None
        return frame

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._progress_wanted:
            self._progress_wanted = True
            self.section.reload()

    def _new_goal(self, project: Project) -> Goal:
        from datetime import date

        first = project.all(Indicator)
        if not first:
            raise ValueError(self.tr("Legen Sie zuerst Indikatoren an."))
        selected = self.context.selected_districts
        return Goal(indicator_id=first[0].id, district_id=selected[0] if selected else None,
                    period=date.today().year + 5, target=0.0)
