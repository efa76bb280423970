"""The questionnaire designer: questionnaires, their questions in order, export and import."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from k360desk.projectfile import Project, Question, Questionnaire
from k360desk.ui.editors.common import fixed, splitter, unique_name
from k360desk.ui.editors.section import RecordSection, show_message
from k360desk.ui.models import Column


def qtype_choices() -> list[tuple[str, str]]:
    """(stored answer type, German label) for the designer."""
    from PySide6.QtCore import QCoreApplication

    return [("text", QCoreApplication.translate("voice", "Freitext")),
            ("rating", QCoreApplication.translate("voice", "Bewertung 1–5")),
            ("yesno", QCoreApplication.translate("voice", "ja/nein")),
            ("number", QCoreApplication.translate("voice", "Zahl"))]


class QuestionnaireDesigner(QWidget):
    """Questionnaires (left), the chosen one's questions (right), export and import below."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.task = None
        self.last_result = None
        self.questionnaires = RecordSection(
            context, Questionnaire,
            [Column("name", self.tr("Trägerabfrage"), required=True, width=170),
             Column("period", self.tr("Jahr"), "int", required=True, width=60),
             Column("notes", self.tr("Hinweise für die Träger"), multiline=True)],
            self.tr("Trägerabfragen"), form=False, new_record=self._new_questionnaire, parent=self)
        self.questions = RecordSection(
            context, Question,
            [Column("number", self.tr("Nr."), "int", editable=False, width=50),
             Column("text", self.tr("Frage"), required=True, width=560, multiline=True),
             Column("qtype", self.tr("Antwortart"), "choice", choices="qtypes", required=True,
                    width=130),
             Column("per_district", self.tr("je Sozialraum"), "bool", width=100,
                    description=self.tr("Die Frage wird für jeden Sozialraum gestellt, in dem der "
                                        "Träger Einrichtungen hat.")),
             Column("questionnaire_id", self.tr("Trägerabfrage"), "int", editable=False,
                    in_table=False, in_form=False)],
            self.tr("Fragen"), form=False, new_record=self._new_question,
            choices={"qtypes": (fixed(qtype_choices()), ())}, parent=self)
        self.questions.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        # The question text takes what is left, so answer type and "je Sozialraum" stay in
        # view on a 1280 px screen instead of behind a horizontal scroll bar.
        header = self.questions.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.up = QPushButton(self.tr("Nach &oben"), self)
        self.down = QPushButton(self.tr("Nach &unten"), self)
        self.up.setToolTip(self.tr("Gewählte Frage eine Stelle nach oben schieben"))
        self.down.setToolTip(self.tr("Gewählte Frage eine Stelle nach unten schieben"))
        self.up.clicked.connect(lambda: self.move(-1))
        self.down.clicked.connect(lambda: self.move(1))
        for button in (self.up, self.down):
            self.questions.filters_layout.addWidget(button)
        self.questions.filters_layout.addStretch(1)

        self.export_button = QPushButton(self.tr("Fragebögen &ausgeben …"), self)
        self.export_button.setToolTip(self.tr("Je Träger eine geschützte Excel-Datei in einen Ordner "
                                              "schreiben, zum Versand per E-Mail"))
        self.import_button = QPushButton(self.tr("Antworten &einlesen …"), self)
        self.import_button.setToolTip(self.tr("Ausgefüllte Fragebögen (mehrere auf einmal) einlesen"))
        self.export_button.clicked.connect(self.ask_export)
        self.import_button.clicked.connect(self.ask_import)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.export_button)
        bar.addWidget(self.import_button)

        body = splitter(Qt.Orientation.Horizontal, [self.questionnaires, self.questions], [420, 760], self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(body, 1)
        layout.addLayout(bar)
        self.questionnaires.selection_changed.connect(self._on_questionnaire)
        self.questions.selection_changed.connect(lambda _ids: self._update_buttons())
        context.changed.connect(self._on_changes)
        context.project_replaced.connect(self._select_first)
        self._select_first()

    # --- state ---------------------------------------------------------------------------

    @property
    def project(self) -> Project | None:
        """The open project."""
        return self.context.project

    def current_questionnaire(self) -> int | None:
        """Id of the chosen questionnaire."""
        return self.questionnaires.current_id()

    def _select_first(self) -> None:
        if self.project is not None and self.current_questionnaire() is None:
            first = self.project.all(Questionnaire, order_by="period DESC, name")
            if first:
                self.questionnaires.select_ids([first[0].id])
        self._on_questionnaire(self.questionnaires.selected_ids())

    def _on_questionnaire(self, ids: list[int]) -> None:
        chosen = ids[0] if ids else None
        self.questions.proxy.set_field_filter("questionnaire_id", lambda v: v == chosen)
        self._update_buttons()

    def _on_changes(self, changes) -> None:
        if {c.table for c in changes} & {"statements", "questions", "questionnaires", "providers"}:
            self._update_buttons()

    def _update_buttons(self) -> None:
        project, qid = self.project, self.current_questionnaire()
        writable = project is not None and not project.read_only
        has_questions = bool(qid and project is not None
                             and project.find(Question, questionnaire_id=qid) is not None)
        self.export_button.setEnabled(has_questions)
        self.import_button.setEnabled(writable)
        one = len(self.questions.selected_ids()) == 1 and writable
        self.up.setEnabled(one)
        self.down.setEnabled(one)
        if project is None or qid is None:
            self.status.setText(self.tr("Legen Sie eine Trägerabfrage an und wählen Sie sie aus."))
            return
        row = project._conn.execute(
            "SELECT count(*), count(DISTINCT s.provider_id) FROM statements s"
            " JOIN questions q ON q.id = s.question_id WHERE q.questionnaire_id=?", (qid,)).fetchone()
        questions = len(project.all(Question, questionnaire_id=qid))
        self.status.setText(self.tr("%1 Fragen; %2 Antworten von %3 Trägern eingelesen.")
                            .replace("%1", str(questions)).replace("%2", str(row[0]))
                            .replace("%3", str(row[1])))

    # --- records -------------------------------------------------------------------------

    def _new_questionnaire(self, project: Project) -> Questionnaire:
        from datetime import date

        year = date.today().year
        return Questionnaire(name=unique_name(project, Questionnaire,
                                              self.tr("Trägerabfrage %1").replace("%1", str(year))),
                             period=year)

    def _new_question(self, project: Project) -> Question:
        from k360desk.models.questionnaire import next_question_number

        qid = self.current_questionnaire()
        if qid is None:
            raise ValueError(self.tr("Wählen Sie zuerst eine Trägerabfrage (links)."))
        return Question(questionnaire_id=qid, number=next_question_number(project, qid),
                        text=self.tr("Neue Frage"), qtype="rating", per_district=1)

    def move(self, step: int) -> None:
        """Move the chosen question up (−1) or down (+1), as one undo step."""
        from k360desk.ui.questionnaire.commands import move_question

        ids, qid = self.questions.selected_ids(), self.current_questionnaire()
        if len(ids) != 1 or qid is None or self.project is None:
            return
        command = move_question(self.project, qid, ids[0], step)
        if command is not None:
            self.context.push(command)
            self.questions.select_ids(ids)

    # --- export and import ---------------------------------------------------------------

    def ask_export(self) -> None:
        """Choose a folder and write one workbook per provider there."""
        folder = QFileDialog.getExistingDirectory(self, self.tr("Ordner für die Fragebögen wählen"))
        if folder:
            self.start_export(folder)

    def start_export(self, folder: str) -> None:
        """Write the workbooks into ``folder`` in the background."""
        from k360desk.io.questionnaire import export_workbooks
        from k360desk.ui.tasks import run_task

        project, qid = self.project, self.current_questionnaire()
        if project is None or qid is None:
            return
        self.task = run_task(self, self.tr("Fragebögen ausgeben"),
                             lambda progress: export_workbooks(project, qid, folder, progress),
                             lambda files: self._exported(folder, files), key="voice-export")

    def _exported(self, folder: str, files) -> None:
        text = self.tr("%1 Fragebögen geschrieben nach %2.").replace("%1", str(len(files))) \
            .replace("%2", folder)
        self.status.setText(text)
        show_message(self, text)

    def ask_import(self) -> None:
        """Choose returned workbooks and import them in one go."""
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Ausgefüllte Fragebögen wählen"), "",
            self.tr("Excel-Arbeitsmappen (*.xlsx)"))
        if files:
            self.start_import(files)

    def start_import(self, files: list[str]) -> None:
        """Import ``files`` in the background; then push one undo step and show the report."""
        from k360desk.io.questionnaire import import_workbooks
        from k360desk.ui.tasks import run_task

        project = self.project
        if project is None or project.read_only:
            return
        self.task = run_task(self, self.tr("Antworten einlesen"),
                             lambda progress: import_workbooks(project, files, progress),
                             self._imported, key="voice-import")

    def _imported(self, result) -> None:
        from k360desk.ui.questionnaire.commands import ImportAnswers
        from k360desk.ui.questionnaire.report_dialog import AnswersReportDialog

        self.last_result = result
        if result.changes is not None and not result.changes.empty:
            self.context.push(ImportAnswers(self.project, result, self.tr(
                "Antworten aus %1 Dateien einlesen").replace("%1", str(len(result.reports)))))
        dialog = AnswersReportDialog(result, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.report_dialog = dialog
        dialog.open()
