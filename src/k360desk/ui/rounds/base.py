"""Shared pieces of the round workflow tabs: the tab base class and small dialogs."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QInputDialog, QLabel, QLineEdit, QWidget

from k360desk.ui.editors.form import error_style
from k360desk.ui.editors.section import show_message

log = logging.getLogger(__name__)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - Qt's name, for lupdate
    """Mark a module-level string for translation; translated where it is shown."""
    return text


# The stored status codes with their German labels; shown through ``status_label``.
ROUND_STATUS = {
    "draft": QT_TRANSLATE_NOOP("RoundStatus", "Entwurf"),
    "open": QT_TRANSLATE_NOOP("RoundStatus", "Ausschreibung offen"),
    "assessment": QT_TRANSLATE_NOOP("RoundStatus", "Bewertung"),
    "decided": QT_TRANSLATE_NOOP("RoundStatus", "entschieden"),
    "closed": QT_TRANSLATE_NOOP("RoundStatus", "abgeschlossen"),
}
APPLICATION_STATUS = {
    "draft": QT_TRANSLATE_NOOP("RoundStatus", "Entwurf"),
    "submitted": QT_TRANSLATE_NOOP("RoundStatus", "eingereicht"),
    "ineligible": QT_TRANSLATE_NOOP("RoundStatus", "nicht förderfähig"),
    "eligible": QT_TRANSLATE_NOOP("RoundStatus", "förderfähig"),
    "awarded": QT_TRANSLATE_NOOP("RoundStatus", "bewilligt"),
    "rejected": QT_TRANSLATE_NOOP("RoundStatus", "abgelehnt"),
    "withdrawn": QT_TRANSLATE_NOOP("RoundStatus", "zurückgezogen"),
}
# Shown only, never stored: an award revoked as a whole keeps "awarded" for the decision's
# history and budget logic (see ``revocations.wholly_revoked``).
REVOKED = "revoked"
APPLICATION_STATUS[REVOKED] = QT_TRANSLATE_NOOP("RoundStatus", "widerrufen")


def status_label(code: str) -> str:
    """The translated label of a round status code."""
    return QCoreApplication.translate("RoundStatus", ROUND_STATUS.get(code, code))


def application_status_label(code: str) -> str:
    """The translated label of an application status code."""
    return QCoreApplication.translate("RoundStatus", APPLICATION_STATUS.get(code, code))
NOTE_STYLE = "color: #555555;"
BANNER_STYLE = "background: #fff4e0; border: 1px solid #e0b060; padding: 4px 8px; border-radius: 3px;"


def ask_reason(parent: QWidget, title: str, prompt: str) -> str | None:
    """Ask for a reason (German dialog); None when cancelled or left empty.

    Module-level so that tests can replace it instead of clicking a modal dialog.
    """
    text, ok = QInputDialog.getText(parent, title, prompt)
    return text.strip() if ok and text.strip() else None


def name_inner_editors(root: QWidget) -> None:
    """Give the line edits inside spin and date boxes, and table corner buttons, the
    accessible name of their owner, so screen readers announce them."""
    for box in root.findChildren(QAbstractSpinBox):
        inner = box.findChild(QLineEdit)
        if inner is not None and not inner.accessibleName():
            inner.setAccessibleName(box.accessibleName() or box.toolTip())
    for button in root.findChildren(QAbstractButton, "qt_tableview_cornerbutton"):
        if not button.accessibleName():
            button.setAccessibleName(QCoreApplication.translate("RoundTab", "Alles auswählen"))


def error_label(parent: QWidget) -> QLabel:
    """A hidden red label for German error messages."""
    label = QLabel(parent)
    label.setStyleSheet(error_style(parent))
    label.setWordWrap(True)
    label.hide()
    return label


def note_label(parent: QWidget, text: str = "") -> QLabel:
    """A grey, wrapping note."""
    label = QLabel(text, parent)
    label.setStyleSheet(NOTE_STYLE)
    label.setWordWrap(True)
    return label


class RoundTab(QWidget):
    """A tab about the selected round; refreshes from change notices only while visible."""

    watch: tuple[str, ...] = ()

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.round_id: int | None = None
        self._dirty = True
        context.changed.connect(self._on_changes)
        context.project_replaced.connect(self._on_replaced)

    @property
    def project(self):
        """The open project (or None)."""
        return self.context.project

    @property
    def writable(self) -> bool:
        """Whether edits are possible now."""
        return self.project is not None and not self.project.read_only

    def set_round(self, round_id: int | None) -> None:
        """Show another round."""
        self.round_id = round_id
        self.mark_dirty()

    def mark_dirty(self) -> None:
        """Refresh now if visible, otherwise when shown."""
        self._dirty = True
        if self.isVisible():
            self._refresh_now()

    def _on_changes(self, changes) -> None:
        if {c.table for c in changes} & set(self.watch):
            self.mark_dirty()

    def _on_replaced(self) -> None:
        self.round_id = None
        self.mark_dirty()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._dirty:
            self._refresh_now()

    def _refresh_now(self) -> None:
        self._dirty = False
        try:
            self.refresh()
        except Exception as exc:  # noqa: BLE001 - a Qt event handler must not raise
            log.exception("refresh of %s failed", type(self).__name__)
            self.show_error(self.tr("Die Anzeige ließ sich nicht aktualisieren: %1").replace(
                "%1", str(exc)))

    def refresh(self) -> None:
        """Rebuild the tab's content from the store."""
        raise NotImplementedError

    def push(self, command) -> str | None:
        """Push an undo command; show and return its German error, if any."""
        self.context.push(command)
        error = getattr(command, "error", None)
        if error:
            self.show_error(error)
        return error

    def show_error(self, text: str) -> None:
        """Show a German message in the status bar and in the tab's error label."""
        label = getattr(self, "error", None)
        if isinstance(label, QLabel):
            label.setText(text)
            label.setVisible(bool(text))
        if text:
            show_message(self, text)
