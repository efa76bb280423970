"""Bescheide from the Förderrunden page: the notices of the selected round as PDF or Word
into a folder the planner chooses, written by the same function as ``round notices``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton, QWidget

from k360desk.projectfile import ProjectError
from k360desk.ui.editors.section import show_message


def choose_folder(parent: QWidget, title: str) -> str:
    """The target folder ('' when cancelled); module-level so that tests can replace it."""
    return QFileDialog.getExistingDirectory(parent, title)


class NoticesButton(QToolButton):
    """"Bescheide schreiben …" with PDF and Word as its two entries."""

    def __init__(self, context, round_id_of, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.round_id_of = round_id_of  # callable: the selected round (or None)
        self.setText(self.tr("Besc&heide schreiben …"))
        self.setAccessibleName(self.tr("Bescheide der Runde schreiben"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        self.as_pdf = menu.addAction(self.tr("als PDF …"), lambda: self.write("pdf"))
        self.as_word = menu.addAction(self.tr("als Word-Dateien (.docx) …"), lambda: self.write("docx"))
        self.setMenu(menu)

    def write(self, fmt: str) -> None:
        """Ask for a folder and write every notice of the round's decisions there."""
        from k360desk.export.pdf.notices import round_notices, write_notices

        project, round_id = self.context.project, self.round_id_of()
        if project is None or round_id is None:
            show_message(self, self.tr("Bitte zuerst eine Förderrunde wählen."))
            return
        try:
            # Asked before the folder: a planner should not pick a folder for nothing.
            if not round_notices(project, round_id):
                show_message(self, self.tr("Keine Bescheide: In dieser Runde ist noch nichts beschlossen."))
                return
        except ProjectError as exc:
            show_message(self, str(exc))
            return
        folder = choose_folder(self, self.tr("Ordner für die Bescheide wählen"))
        if not folder:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            files = write_notices(project, round_id, folder, fmt=fmt)
        except ProjectError as exc:
            show_message(self, str(exc))
            return
        except OSError as exc:
            show_message(self, self.tr("Ordner „%1“ lässt sich nicht beschreiben: %2")
                         .replace("%1", folder).replace("%2", str(exc.strerror)))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        text = (self.tr("1 Bescheid geschrieben nach %2.") if len(files) == 1
                else self.tr("%1 Bescheide geschrieben nach %2."))
        show_message(self, text.replace("%1", str(len(files))).replace("%2", folder))
