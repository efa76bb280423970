"""The Datei menu's exchange entries: send a copy, take over changes, earlier versions.

The dialogs live in ``exchange_dialogs.py``; this module only asks for what they need and
opens them, so the main window stays an assembler.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog

from k360desk.projectfile import ProjectError


def send_copy(window) -> None:
    """Write a checked copy to send by email."""
    from k360desk.ui.exchange_dialogs import SendCopyDialog

    SendCopyDialog(window.context, window).exec()


def merge_copy(window) -> None:
    """Pick a colleague's copy and take over chosen changes as one undo step."""
    from k360desk.ui.exchange_dialogs import MergeDialog

    documents = window.documents
    path, _ = QFileDialog.getOpenFileName(
        window, QCoreApplication.translate("exchange_actions", "Kopie zum Übernehmen wählen"),
        documents._start_folder(),
        QCoreApplication.translate("exchange_actions", "k360desk-Projekte (*.k360)"))
    if not path:
        return
    try:
        dialog = MergeDialog(window.context, path, window)
    except (ProjectError, OSError) as exc:
        documents.show_error(QCoreApplication.translate("exchange_actions",
                                                        "Änderungen übernehmen"), str(exc))
        return
    dialog.exec()


def show_backups(window) -> None:
    """List the kept earlier versions; offer to open one written to a new file."""
    from k360desk.ui.exchange_dialogs import BackupsDialog

    dialog = BackupsDialog(window.context, window)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.restored is not None:
        window.documents.open_path(dialog.restored)
