"""The scoring grid: one rater's scores per application and criterion, with what is still
missing and where raters disagree."""

from __future__ import annotations

import textwrap
from typing import Any

import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from k360desk.analysis import scoring
from k360desk.models import rounds as store
from k360desk.ui.column_fit import KEY, fit_columns
from k360desk.ui.models import german_locale
from k360desk.ui.models.columns import parse_german_number
from k360desk.ui.rounds import base
from k360desk.ui.rounds.commands import SetLinkRows
from k360desk.ui.rounds.frame_model import BAD, INK, WARN

Index = QModelIndex | QPersistentModelIndex


class ScoreGridModel(QAbstractTableModel):
    """Applications × rated criteria for one rater; edits go to ``committer``."""

    message = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.apps = pd.DataFrame(columns=["id", "title"])
        self.criteria = pd.DataFrame(columns=["id", "name", "scale_min", "scale_max"])
        self.mine: dict[tuple[int, int], float] = {}
        self.others: dict[tuple[int, int], list[tuple[str, float]]] = {}
        self.flags_: set[tuple[int, int]] = set()
        self.rater = ""
        self.editable = True
        self.committer = None

    def load(
        self,
        apps: pd.DataFrame,
        criteria: pd.DataFrame,
        scores: pd.DataFrame,
        rater: str,
        disagreement: pd.DataFrame,
    ) -> None:
        """Fill the grid for ``rater``."""
        self.beginResetModel()
        self.apps = apps.reset_index(drop=True)
        self.criteria = criteria[criteria["derived"].isna()].reset_index(drop=True)
        self.rater = rater
        valid = scores.dropna(subset=["score"])
        self.mine = {
            (int(r.application_id), int(r.criterion_id)): float(r.score)
            for r in valid[valid["rater"] == rater].itertuples(index=False)
        }
        self.others = {}
        for r in valid.itertuples(index=False):
            self.others.setdefault((int(r.application_id), int(r.criterion_id)), []).append(
                (str(r.rater), float(r.score))
            )
        self.flags_ = {
            (int(r.application_id), int(r.criterion_id))
            for r in disagreement[disagreement["flag"]].itertuples(index=False)
        }
        self.endResetModel()

    def key(self, index: Index) -> tuple[int, int]:
        """(application id, criterion id) of a cell."""
        return int(self.apps.at[index.row(), "id"]), int(self.criteria.at[index.column(), "id"])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.apps)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.criteria)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        key = self.key(index)
        value = self.mine.get(key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if value is None:
                return "" if role == Qt.ItemDataRole.EditRole else "–"
            return german_locale().toString(value, "f", 1 if value % 1 else 0)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            colour = WARN if value is None else BAD if key in self.flags_ else None
            if colour is None:
                return None
            return QBrush(colour if role == Qt.ItemDataRole.BackgroundRole else INK)
        if role == Qt.ItemDataRole.ToolTipRole:
            all_scores = self.others.get(key, [])
            text = ", ".join(f"{r}: {german_locale().toString(s, 'f', 1)}" for r, s in sorted(all_scores))
            head = self.tr("Noch nicht bewertet.") if value is None else ""
            if key in self.flags_:
                head = self.tr("Deutliche Abweichung zwischen den Bewertenden.")
            return "\n".join(t for t in (head, text) if t) or None
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Vertical:
            return str(self.apps.at[section, "title"])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            c = self.criteria.iloc[section]
            locale = german_locale()
            return (
                self.tr("%1\n(%2–%3, Gewicht %4)")
                # Long criterion names on short lines: four criteria share 580 px at 1280.
                .replace("%1", "\n".join(textwrap.wrap(str(c["name"]), 18)) or str(c["name"]))
                .replace("%2", locale.toString(float(c["scale_min"]), "f", 0))
                .replace("%3", locale.toString(float(c["scale_max"]), "f", 0))
                .replace("%4", locale.toString(float(c["weight"]), "f", 1))
            )
        return str(self.apps.at[section, "title"])

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and self.rater and self.committer is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or self.committer is None:
            return False
        text = str(value).strip()
        crit = self.criteria.iloc[index.column()]
        number = parse_german_number(text) if text else None
        if text and number is None:
            self.message.emit(self.tr("„%1“ ist keine Zahl.").replace("%1", text))
            return False
        if number is not None and not crit["scale_min"] <= number <= crit["scale_max"]:
            locale = german_locale()
            self.message.emit(
                self.tr("Die Skala von „%1“ reicht von %2 bis %3.")
                .replace("%1", str(crit["name"]))
                .replace("%2", locale.toString(float(crit["scale_min"]), "f", 0))
                .replace("%3", locale.toString(float(crit["scale_max"]), "f", 0))
            )
            return False
        app_id, crit_id = self.key(index)
        return self.committer(app_id, crit_id, number)


class ScoringTab(base.RoundTab):
    """Choose a rater, enter scores; see who has not scored what and where raters differ."""

    watch = ("scores", "criteria", "applications")

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.rater = QComboBox(self)
        self.rater.setEditable(True)
        self.rater.setMinimumWidth(200)
        self.rater.setAccessibleName(self.tr("Bewertende Person"))
        self.rater.lineEdit().setPlaceholderText(self.tr("Name der bewertenden Person"))
        self.rater.lineEdit().setAccessibleName(self.tr("Bewertende Person"))
        self.rater.currentTextChanged.connect(lambda _t: self._fill_grid())
        self.model = ScoreGridModel(self)
        self.model.committer = self._commit
        self.model.message.connect(self.show_error)
        self.grid = QTableView(self)
        self.grid.setModel(self.model)
        self.grid.setAccessibleName(self.tr("Bewertungen"))
        self.grid.setCornerButtonEnabled(False)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setMinimumWidth(200)
        # Long titles are elided (full text as tooltip) so the criteria keep the room.
        self.grid.verticalHeader().setMaximumWidth(340)
        self.grid.verticalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        # Every criterion is a value column: none may be hidden for room.
        fit_columns(self.grid, "scores", lambda _column: KEY)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.selectionModel().currentChanged.connect(self._on_current)
        self.comment = QLineEdit(self)
        self.comment.setPlaceholderText(self.tr("Kommentar zur gewählten Bewertung"))
        self.comment.setAccessibleName(self.tr("Kommentar"))
        self.save_comment = QPushButton(self.tr("Kommentar speichern"), self)
        self.save_comment.clicked.connect(self._commit_comment)
        self.missing = QLabel(self)
        self.missing.setWordWrap(True)
        self.legend = base.note_label(
            self,
            self.tr(
                "Orange: noch nicht bewertet. Rot: die Bewertenden liegen um mindestens 40 % der Skala "
                "auseinander (Tooltip zeigt alle Bewertungen). Das Kriterium „Bedarf“ wird aus Daten "
                "berechnet und hier nicht bewertet."
            ),
        )
        self.error = base.error_label(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Bewertende Person:"), self))
        top.addWidget(self.rater)
        top.addStretch(1)
        comment_row = QHBoxLayout()
        comment_row.addWidget(self.comment, 1)
        comment_row.addWidget(self.save_comment)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.grid, 1)
        layout.addLayout(comment_row)
        layout.addWidget(self.missing)
        layout.addWidget(self.legend)
        layout.addWidget(self.error)
        self._data = None

    def refresh(self) -> None:
        """Reload raters, grid and the missing-scores summary."""
        self.error.hide()
        if self.project is None or self.round_id is None:
            return
        self._data = store.round_data(self.project, self.round_id)
        raters = sorted(self._data.scores["rater"].dropna().unique().tolist())
        current = self.rater.currentText()
        self.rater.blockSignals(True)
        self.rater.clear()
        self.rater.addItems(raters)
        self.rater.setEditText(current or (raters[0] if raters else ""))
        self.rater.blockSignals(False)
        self._fill_grid()

    def _fill_grid(self) -> None:
        data = self._data
        if data is None:
            return
        rater = self.rater.currentText().strip()
        self.model.editable = self.writable and data.round.status in ("open", "assessment")
        spread = scoring.disagreement(data.scores, data.criteria)
        self.model.load(data.applications[["id", "title"]], data.criteria, data.scores, rater, spread)
        raters = sorted(set(data.scores["rater"].dropna()) | ({rater} if rater else set()))
        missing = scoring.missing_scores(data.applications, data.criteria, data.scores, raters)
        per_rater = missing.groupby("rater").size() if len(missing) else pd.Series(dtype=int)
        parts = [f"{r}: {int(per_rater.get(r, 0))}" for r in raters]
        flagged = int(spread["flag"].sum()) if len(spread) else 0
        text = self.tr("Fehlende Bewertungen – %1.").replace(
            "%1", ", ".join(parts) or self.tr("keine Bewertenden")
        )
        if flagged:
            text += " " + self.tr("%1 deutliche Abweichungen.").replace("%1", str(flagged))
        if not self.model.editable and self.writable:
            text += " " + self.tr(
                "Bewerten ist nur in den Status „Ausschreibung offen“ und „Bewertung“ möglich."
            )
        self.missing.setText(text)

    def _commit(self, app_id: int, crit_id: int, score: float | None) -> bool:
        rater = self.rater.currentText().strip()
        if not rater:
            self.show_error(self.tr("Bitte zuerst den Namen der bewertenden Person eingeben."))
            return False
        row = {
            "application_id": app_id,
            "criterion_id": crit_id,
            "rater": rater,
            "score": score,
            "comment": self._comment_of(app_id, crit_id, rater),
        }
        if score is None:
            row["_delete"] = True
        failed = self.push(
            SetLinkRows(
                self.project,
                "scores",
                ("application_id", "criterion_id", "rater"),
                [row],
                self.tr("Bewertung ändern"),
            )
        )
        if not failed and score is not None and self.round_id is not None:
            store.fix_need_run(self.project, self.round_id)  # scoring started: need run frozen
        return not failed

    def _comment_of(self, app_id: int, crit_id: int, rater: str) -> str:
        scores = self._data.scores if self._data is not None else pd.DataFrame()
        hit = (
            scores[
                (scores["application_id"] == app_id)
                & (scores["criterion_id"] == crit_id)
                & (scores["rater"] == rater)
            ]
            if len(scores)
            else scores
        )
        return str(hit["comment"].iloc[0]) if len(hit) else ""

    def _on_current(self, current: QModelIndex, _previous=None) -> None:
        if not current.isValid():
            return
        app_id, crit_id = self.model.key(current)
        self.comment.setText(self._comment_of(app_id, crit_id, self.rater.currentText().strip()))

    def _commit_comment(self) -> None:
        index = self.grid.currentIndex()
        if not index.isValid():
            return
        app_id, crit_id = self.model.key(index)
        rater = self.rater.currentText().strip()
        score = self.model.mine.get((app_id, crit_id))
        if not rater or score is None:
            self.show_error(self.tr("Ein Kommentar gehört zu einer Bewertung: bitte zuerst bewerten."))
            return
        self.push(
            SetLinkRows(
                self.project,
                "scores",
                ("application_id", "criterion_id", "rater"),
                [
                    {
                        "application_id": app_id,
                        "criterion_id": crit_id,
                        "rater": rater,
                        "score": score,
                        "comment": self.comment.text(),
                    }
                ],
                self.tr("Kommentar ändern"),
            )
        )
