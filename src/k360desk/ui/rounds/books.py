"""The round's Excel workbooks in the UI: one menu button for score sheets and the
application form, out and back in; each import is one undo step and ends with its report."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from k360desk.models import round_books
from k360desk.projectfile import ProjectError
from k360desk.ui.commands.base import StoreCommand
from k360desk.ui.editors.section import show_message

# --- dialogs, module-level so that tests can replace them ------------------------------------


def choose_folder(parent: QWidget, title: str) -> str:
    """A folder chosen by the planner ('' when cancelled)."""
    return QFileDialog.getExistingDirectory(parent, title)


def choose_files(parent: QWidget, title: str) -> list[str]:
    """Workbooks chosen by the planner (empty when cancelled)."""
    files, _ = QFileDialog.getOpenFileNames(
        parent, title, "", QCoreApplication.translate("WorkbooksButton", "Excel-Arbeitsmappen (*.xlsx)"))
    return files


def choose_target(parent: QWidget, title: str, name: str) -> str:
    """Where to save a workbook ('' when cancelled)."""
    kind = QCoreApplication.translate("WorkbooksButton", "Excel-Arbeitsmappe (*.xlsx)")
    path, _ = QFileDialog.getSaveFileName(parent, title, name, kind)
    return path


def ask_raters(parent: QWidget, known: list[str]) -> list[str] | None:
    """Names of the raters to write sheets for (comma separated); None when cancelled."""
    text, ok = QInputDialog.getText(
        parent, QCoreApplication.translate("WorkbooksButton", "Bewertungsbögen ausgeben"),
        QCoreApplication.translate("WorkbooksButton", "Bewertende Personen (durch Komma getrennt):"),
        text=", ".join(known))
    if not ok:
        return None
    return [n.strip() for n in text.split(",") if n.strip()]


# --- undo commands ---------------------------------------------------------------------------


class _WorkbookImport(StoreCommand):
    """Read returned workbooks once; redo re-applies, undo takes the batch back exactly. An
    import that changed nothing leaves no empty undo step."""

    def __init__(self, project, round_id: int, files: list[str], text: str) -> None:
        super().__init__(project, text)
        self.round_id, self.files = round_id, files
        self.result = None
        self.unchanged = False

    def _read(self):
        raise NotImplementedError

    def _changed(self) -> bool:
        raise NotImplementedError

    def _redo(self) -> None:
        if self.result is None:
            self.result = self._read()
            if not self._changed():
                self.unchanged = True
                self.setObsolete(True)
        else:
            self._reapply()

    def _reapply(self) -> None:
        raise NotImplementedError


class ImportScoreSheets(_WorkbookImport):
    """Read returned score sheets; undo takes every score of the batch back exactly."""

    def _read(self):
        from k360desk.io.scoresheets import import_scoresheets

        return import_scoresheets(self.project, self.round_id, self.files)

    def _changed(self) -> bool:
        return bool(self.result.changes.written)

    def _reapply(self) -> None:
        round_books.reapply_scores(self.project, self.result.changes)

    def _undo(self) -> None:
        round_books.revert_scores(self.project, self.result.changes)


class ImportApplicationForms(_WorkbookImport):
    """Read returned application forms; undo deletes the applications the batch created."""

    def _read(self):
        from k360desk.io.application_form import import_application_forms

        return import_application_forms(self.project, self.round_id, self.files)

    def _changed(self) -> bool:
        return bool(self.result.changes.ids)

    def _reapply(self) -> None:
        round_books.reapply_applications(self.project, self.result.changes)

    def _undo(self) -> None:
        round_books.revert_applications(self.project, self.result.changes)


# --- the menu button -------------------------------------------------------------------------


class ReportDialog(QDialog):
    """The German report of an import, to read and copy."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QPlainTextEdit(text, self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)


class WorkbooksButton(QToolButton):
    """"Excel-Arbeitsmappen" with score sheets and application forms out and in."""

    def __init__(self, context, round_id_of, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.round_id_of = round_id_of  # callable: the selected round (or None)
        self.setText(self.tr("E&xcel-Arbeitsmappen"))
        self.setAccessibleName(self.tr("Excel-Arbeitsmappen der Runde"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        self.export_scores = menu.addAction(self.tr("Bewertungsbögen ausgeben …"), self.ask_export_scores)
        self.import_scores = menu.addAction(self.tr("Bewertungsbögen einlesen …"), self.ask_import_scores)
        menu.addSeparator()
        self.export_form = menu.addAction(self.tr("Antragsformular ausgeben …"), self.ask_export_form)
        self.import_forms = menu.addAction(self.tr("Antragsformulare einlesen …"), self.ask_import_forms)
        self.setMenu(menu)
        self.report_dialog: ReportDialog | None = None

    @property
    def project(self):
        """The open project (or None)."""
        return self.context.project

    def _ready(self, write: bool) -> int | None:
        round_id = self.round_id_of()
        if self.project is None or round_id is None:
            show_message(self, self.tr("Bitte zuerst eine Förderrunde wählen."))
            return None
        if write and self.project.read_only:
            show_message(self, self.tr("Das Projekt ist schreibgeschützt."))
            return None
        return round_id

    def ask_export_scores(self) -> None:
        """Ask for raters and a folder, then write one score sheet per rater."""
        from k360desk.io.scoresheets import export_scoresheets, round_raters

        round_id = self._ready(False)
        if round_id is None:
            return
        raters = ask_raters(self, round_raters(self.project, round_id))
        if raters is None:
            return
        folder = choose_folder(self, self.tr("Ordner für die Bewertungsbögen wählen"))
        if folder:
            self._write(lambda: export_scoresheets(self.project, round_id, folder, raters),
                        lambda files: self.tr("%1 Bewertungsbögen geschrieben nach %2.")
                        .replace("%1", str(len(files))).replace("%2", folder))

    def ask_export_form(self) -> None:
        """Ask for a file name, then write the round's application form."""
        from k360desk.io.application_form import export_application_form

        round_id = self._ready(False)
        if round_id is None:
            return
        target = choose_target(self, self.tr("Antragsformular speichern"), self.tr("Antragsformular.xlsx"))
        if target:
            self._write(lambda: export_application_form(self.project, round_id, target),
                        lambda path: self.tr("Antragsformular geschrieben: %1").replace("%1", str(path)))

    def ask_import_scores(self) -> None:
        """Choose returned score sheets and read them in one undoable step."""
        round_id = self._ready(True)
        files = choose_files(self, self.tr("Ausgefüllte Bewertungsbögen wählen")) if round_id else []
        if files:
            self._import(ImportScoreSheets(self.project, round_id, files, self.tr(
                "Bewertungen aus %1 Dateien einlesen").replace("%1", str(len(files)))),
                self.tr("Bewertungsbögen einlesen"))

    def ask_import_forms(self) -> None:
        """Choose returned application forms and read them in one undoable step."""
        round_id = self._ready(True)
        files = choose_files(self, self.tr("Ausgefüllte Antragsformulare wählen")) if round_id else []
        if files:
            self._import(ImportApplicationForms(self.project, round_id, files, self.tr(
                "Anträge aus %1 Dateien einlesen").replace("%1", str(len(files)))),
                self.tr("Antragsformulare einlesen"))

    def _write(self, work, message) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = work()
        except ProjectError as exc:
            show_message(self, str(exc))
            return
        except OSError as exc:
            show_message(self, self.tr("Schreiben nicht möglich: %1").replace("%1", str(exc.strerror)))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        show_message(self, message(result))

    def _import(self, command, title: str) -> None:
        # A round's workbooks are small (dozens of rows): read on the GUI thread, one step.
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.context.push(command)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if command.error:
            show_message(self, command.error)
            return
        text = command.result.text()
        # An obsolete command is deleted by the stack: only its Python attributes are read.
        if command.unchanged:
            text += "\n\n" + (self.tr("Nichts geändert.") if command.result.skipped
                               else self.tr("Nichts geändert: alles unverändert."))
        dialog = ReportDialog(title, text, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.report_dialog = dialog
        dialog.open()
