"""The "Projekteinstellungen" page: municipality, AGS, CRS, disclosure threshold, logo."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from k360desk.ui.commands import ReplaceLinks, SetMeta
from k360desk.ui.editors.common import on_project_replaced
from k360desk.ui.editors.form import error_style
from k360desk.ui.editors.section import show_message

LOGO = "logo"
MAX_LOGO = 5 * 1024 * 1024
_MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}


class ProjectSettingsPage(QWidget):
    """The municipality's settings stored in the project file; every change is undoable."""

    help_topic = "settings"

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.municipality = QLineEdit(self)
        self.municipality.setAccessibleName(self.tr("Name der Kommune"))
        self.ags = QLineEdit(self)
        self.ags.setAccessibleName(self.tr("Amtlicher Gemeindeschlüssel"))
        self.ags.setPlaceholderText(self.tr("8 Ziffern, z. B. 01001000"))
        self.ags.setMaxLength(12)
        self.crs = QLineEdit(self)
        self.crs.setReadOnly(True)
        self.crs.setAccessibleName(self.tr("Koordinatenbezugssystem"))
        self.crs.setToolTip(self.tr("Wird beim Anlegen festgelegt; Geodaten anderer Systeme werden "
                               "beim Import umprojiziert."))
        self.threshold = QSpinBox(self)
        self.threshold.setRange(1, 99)
        self.threshold.setAccessibleName(self.tr("Geheimhaltungsschwelle"))
        # "unter 3 Fällen", as the overview says it: "ab 3" read as the opposite.
        self.threshold.setSuffix(self.tr(" Fällen"))
        self.threshold.setToolTip(self.tr("Fallzahlen unter dieser Schwelle werden in allen "
                                     "Ausgaben unterdrückt."))
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label, editor in (("municipality", self.tr("&Kommune:"), self.municipality),
                                   ("ags", self.tr("&Gemeindeschlüssel (AGS):"), self.ags),
                                   ("crs", self.tr("&Bezugssystem:"), self.crs),
                                   ("disclosure_threshold", self.tr("G&eheimhaltung unter:"),
                                    self.threshold)):
            error = QLabel(self)
            error.setStyleSheet(error_style(self))
            error.hide()
            self.errors[key] = error
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(editor)
            box.addWidget(error)
            caption = QLabel(label, self)
            caption.setBuddy(editor)
            form.addRow(caption, box)
        self.municipality.editingFinished.connect(lambda: self._set("municipality",
                                                                    self.municipality.text()))
        self.ags.editingFinished.connect(lambda: self._set("ags", self.ags.text()))
        self.threshold.editingFinished.connect(lambda: self._set(
            "disclosure_threshold", str(self.threshold.value())))
        general = QGroupBox(self.tr("Kommune"), self)
        general.setLayout(form)

        self.logo = QLabel(self)
        self.logo.setMinimumSize(240, 100)
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo.setFrameShape(QLabel.Shape.StyledPanel)
        self.logo.setAccessibleName(self.tr("Logo für Berichte"))
        self.choose = QPushButton(self.tr("Logo &wählen …"), self)
        self.choose.setAccessibleName(self.tr("Logo für Berichte wählen"))
        self.choose.clicked.connect(self.choose_logo)
        self.remove = QPushButton(self.tr("Logo &entfernen"), self)
        self.remove.setAccessibleName(self.tr("Logo entfernen"))
        self.remove.clicked.connect(self.remove_logo)
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo)
        logo_row.addLayout(buttons)
        logo_row.addStretch(1)
        logo_box = QGroupBox(self.tr("Logo für Berichte"), self)
        logo_box.setLayout(logo_row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(general)
        layout.addWidget(logo_box)
        layout.addStretch(1)
        general.setMaximumWidth(720)
        logo_box.setMaximumWidth(720)
        context.changed.connect(self._on_changes)
        on_project_replaced(context, self, self.reload)
        self.reload()

    def reload(self) -> None:
        """Show the open project's settings."""
        project = self.context.project
        self.setEnabled(project is not None)
        if project is None:
            return
        self.municipality.setText(project.get_meta("municipality"))
        self.ags.setText(project.get_meta("ags"))
        self.crs.setText(project.get_meta("crs"))
        self.threshold.setValue(project.disclosure_threshold)
        for error in self.errors.values():
            error.hide()
        self._show_logo()
        writable = not project.too_new
        for widget in (self.municipality, self.ags, self.threshold, self.choose, self.remove):
            widget.setEnabled(writable)

    def _on_changes(self, changes) -> None:
        if {c.table for c in changes} & {"k360_meta", "assets"}:
            self.reload()

    def _check(self, key: str, value: str) -> str | None:
        if key == "municipality" and not value.strip():
            return self.tr("Bitte den Namen der Kommune angeben.")
        if key == "ags" and value and not re.fullmatch(r"\d{8}|\d{12}", value):
            return self.tr("Der AGS hat 8 Ziffern (Regionalschlüssel: 12), z. B. 01001000.")
        return None

    def _set(self, key: str, value: str) -> None:
        project = self.context.project
        if project is None or project.get_meta(key) == value:
            self.errors[key].hide()
            return
        error = self._check(key, value)
        if error is None:
            command = SetMeta(project, {key: value}, self.tr("Projekteinstellung ändern"))
            self.context.push(command)
            error = command.error
        if error:
            self.errors[key].setText(error)
            self.errors[key].show()
            show_message(self, error)
        else:
            self.errors[key].hide()

    # --- logo ----------------------------------------------------------------------------

    def _show_logo(self) -> None:
        frame = self.context.project.link_frame("assets", name=LOGO)
        if frame.empty:
            self.logo.setPixmap(QPixmap())
            self.logo.setText(self.tr("(kein Logo)"))
            self.remove.setEnabled(False)
            return
        pixmap = QPixmap()
        pixmap.loadFromData(bytes(frame.iloc[0]["data"]))
        self.logo.setPixmap(pixmap.scaled(240, 100, Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))

    def choose_logo(self) -> None:
        """Ask for an image file and store it in the project."""
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Logo wählen"), "", self.tr("Bilder (*.png *.jpg *.jpeg *.svg)"))
        if path:
            self.set_logo(Path(path))

    def set_logo(self, path: Path) -> str | None:
        """Store an image file as the report logo (one undo step); return an error or None."""
        project = self.context.project
        mime = _MIME.get(path.suffix.lower())
        error = None
        if mime is None:
            error = self.tr("Das Logo muss eine PNG-, JPEG- oder SVG-Datei sein.")
        elif path.stat().st_size > MAX_LOGO:
            error = self.tr("Das Logo ist größer als 5 MB.")
        elif mime != "image/svg+xml" and QPixmap(str(path)).isNull():
            error = self.tr("Die Datei lässt sich nicht als Bild lesen.")
        if error is None:
            command = ReplaceLinks(project, "assets", {"name": LOGO},
                                   [{"name": LOGO, "mime": mime, "data": path.read_bytes()}],
                                   self.tr("Logo ändern"))
            self.context.push(command)
            error = command.error
        if error:
            show_message(self, error)
        return error

    def remove_logo(self) -> None:
        """Remove the report logo (undoable)."""
        project = self.context.project
        if project is not None:
            self.context.push(ReplaceLinks(project, "assets", {"name": LOGO}, [],
                                           self.tr("Logo entfernen")))
