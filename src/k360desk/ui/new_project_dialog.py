"""The "Neues Projekt" dialog: municipality name, AGS and coordinate reference system."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

AGS_PATTERN = re.compile(r"^\d{8}$|^\d{12}$|^$")


@dataclass(frozen=True)
class NewProjectSpec:
    """What a new project starts with."""

    name: str
    ags: str
    crs: int


class NewProjectDialog(QDialog):
    """Ask for what a new project needs; OK only when the input is valid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Neues Projekt"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance('x') * 90)
        intro = QLabel(self.tr("Ein Projekt gehört zu einer Kommune. Name und Bezugssystem"
                               " lassen sich später in den Projekteinstellungen ändern."))
        intro.setWordWrap(True)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("z. B. Musterstadt"))
        self.name_edit.setAccessibleName(self.tr("Name der Kommune"))
        self.ags_edit = QLineEdit()
        self.ags_edit.setPlaceholderText(self.tr("8 Ziffern, z. B. 01001000"))
        self.ags_edit.setAccessibleName(self.tr("Amtlicher Gemeindeschlüssel"))
        self.ags_edit.setAccessibleDescription(self.tr("Freiwillig; 8 oder 12 Ziffern"))
        self.crs_combo = QComboBox()
        self.crs_combo.addItem(self.tr("ETRS89 / UTM 32N – EPSG:25832 (Regelfall)"), 25832)
        self.crs_combo.addItem(self.tr("ETRS89 / UTM 33N – EPSG:25833 (östliche Länder)"), 25833)
        self.crs_combo.setToolTip(self.tr("Das Bezugssystem Ihres Vermessungs- oder GIS-Amts;"
                                          " UTM 33N nutzen vor allem Berlin, Brandenburg,"
                                          " Mecklenburg-Vorpommern, Sachsen und Thüringen."))
        self.crs_combo.setAccessibleName(self.tr("Koordinatenbezugssystem"))
        self.crs_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Hinweis zur Eingabe"))

        form = QFormLayout()
        name_label = QLabel(self.tr("&Name der Kommune:"))
        name_label.setBuddy(self.name_edit)
        ags_label = QLabel(self.tr("&Gemeindeschlüssel (AGS):"))
        ags_label.setBuddy(self.ags_edit)
        crs_label = QLabel(self.tr("&Bezugssystem:"))
        crs_label.setBuddy(self.crs_combo)
        form.addRow(name_label, self.name_edit)
        form.addRow(ags_label, self.ags_edit)
        form.addRow(crs_label, self.crs_combo)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Anlegen"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Abbrechen"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._validate)
        self.ags_edit.textChanged.connect(self._validate)
        self._validate()

    def _problem(self) -> str:
        if not self.name_edit.text().strip():
            return self.tr("Bitte den Namen der Kommune eingeben.")
        if not AGS_PATTERN.match(self.ags_edit.text().strip()):
            return self.tr("Der Gemeindeschlüssel hat 8 Ziffern (oder 12 als Regionalschlüssel).")
        return ""

    def _validate(self) -> None:
        problem = self._problem()
        # Only complain about the AGS once something was typed there.
        self.message.setText(problem if self.ags_edit.text() else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def spec(self) -> NewProjectSpec:
        """The entered values."""
        return NewProjectSpec(self.name_edit.text().strip(), self.ags_edit.text().strip(),
                              int(self.crs_combo.currentData()))
