"""Exchange by email: send a checked copy, merge a colleague's copy, restore a kept version."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from k360desk.ui.commands.checkpoint import CheckpointCommand
from k360desk.ui.context import ProjectContext
from k360desk.ui.tasks import run_task


def _size_text(size: int) -> str:
    locale = QLocale()
    if size >= 1024 * 1024:
        return locale.toString(size / 1024 / 1024, "f", 1) + " MB"
    return locale.toString(size / 1024, "f", 0) + " KB"


class SendCopyDialog(QDialog):
    """Write a compact, checked copy (optionally minimised and simplified) to send by email."""

    def __init__(self, context: ProjectContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Kopie zum Versenden"))
        self.result_path: Path | None = None
        project = context.project
        stem = project.path.stem if project and project.path else "projekt"
        folder = project.path.parent if project and project.path else Path.home()
        self.target = QLineEdit(str(folder / f"{stem}-kopie.k360"))
        self.target.setAccessibleName(self.tr("Zieldatei"))
        browse = QPushButton(self.tr("&Durchsuchen …"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.target, 1)
        row.addWidget(browse)
        self.minimise = QCheckBox(self.tr("Persönliche &Kontaktdaten der Träger weglassen"))
        self.minimise.setToolTip(self.tr("Ansprechpersonen, E-Mail-Adressen und Telefonnummern"
                                         " werden in der Kopie geleert."))
        self.simplify = QCheckBox(self.tr("Grenzen &vereinfachen (kleinere Datei)"))
        self.tolerance = QDoubleSpinBox()
        self.tolerance.setRange(0.5, 500)
        self.tolerance.setValue(5)
        self.tolerance.setSuffix(" m")
        self.tolerance.setEnabled(False)
        self.tolerance.setAccessibleName(self.tr("Toleranz der Vereinfachung in Metern"))
        self.simplify.toggled.connect(self.tolerance.setEnabled)
        self.status = QLabel(self.tr("Die Kopie wird geprüft, bevor sie geschrieben wird."))
        self.status.setWordWrap(True)
        form = QFormLayout()
        # A text label, not a string: with a layout as field Qt shows the "&" literally.
        target_label = QLabel(self.tr("&Ziel:"))
        target_label.setBuddy(self.target)
        form.addRow(target_label, row)
        form.addRow("", self.minimise)
        form.addRow("", self.simplify)
        form.addRow(self.tr("&Toleranz:"), self.tolerance)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.write_button = self.buttons.addButton(self.tr("Kopie &schreiben"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.show_button = self.buttons.addButton(self.tr("Im &Ordner zeigen"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.mail_button = self.buttons.addButton(self.tr("&E-Mail erstellen"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        for button in (self.show_button, self.mail_button):
            button.setEnabled(False)
        self.write_button.clicked.connect(self.write)
        self.show_button.clicked.connect(self._show_in_folder)
        self.mail_button.clicked.connect(self._compose_mail)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(560, 0)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Kopie speichern unter"), self.target.text(),
                                              self.tr("k360desk-Projekt (*.k360)"))
        if path:
            self.target.setText(path)

    def write(self) -> None:
        """Write the copy in the background; show its size when done."""
        from k360desk.io.exchange import send_copy

        target = Path(self.target.text()).expanduser()
        project = self.context.project
        if project is None:
            return
        if target.suffix.lower() != ".k360":
            target = target.with_name(target.name + ".k360")
        if project.path is not None and target.absolute() == project.path.absolute():
            QMessageBox.warning(self, self.windowTitle(),
                                self.tr("Die Kopie darf die Projektdatei nicht überschreiben."))
            return
        minimise = self.minimise.isChecked()
        tolerance = self.tolerance.value() if self.simplify.isChecked() else None
        self.write_button.setEnabled(False)

        def done(result) -> None:
            self.result_path = result.path
            self.status.setText(self.tr("Kopie geschrieben: %1 (%2).").replace("%1", str(result.path))
                                .replace("%2", _size_text(result.size)))
            self.show_button.setEnabled(True)
            from k360desk.io.mail import can_compose_mail

            self.mail_button.setEnabled(can_compose_mail())
            self.write_button.setEnabled(True)
            # Written: nothing is cancelled any more, the dialog is only closed.
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Schließen"))

        def failed(exc: BaseException) -> None:
            self.write_button.setEnabled(True)
            QMessageBox.warning(self, self.windowTitle(), str(exc))

        run_task(self, self.tr("Kopie wird geschrieben …"),
                 lambda progress: send_copy(project, target, minimise, tolerance, progress),
                 done, failed, on_cancel=lambda: self.write_button.setEnabled(True))

    def _show_in_folder(self) -> None:
        from k360desk.io.mail import show_in_file_manager

        if self.result_path:
            show_in_file_manager(self.result_path)

    def _compose_mail(self) -> None:
        from k360desk.io.mail import compose_mail, default_subject

        if not self.result_path or self.context.project is None:
            return
        subject = default_subject(self.context.project.get_meta("municipality"), self.result_path.name)
        path = self.result_path
        run_task(self, self.tr("E-Mail wird erstellt …"), lambda _p: compose_mail(path, subject),
                 lambda ok: None if ok else QMessageBox.information(
                     self, self.windowTitle(),
                     self.tr("Es wurde kein E-Mail-Programm gefunden. Bitte die Datei aus dem Ordner"
                             " selbst anhängen.")))


class MergeDialog(QDialog):
    """Show what differs from another copy and take over the chosen items as one undo step."""

    def __init__(self, context: ProjectContext, other_path: str | Path,
                 parent: QWidget | None = None) -> None:
        from k360desk.projectfile import Project
        from k360desk.projectfile.merge import KIND_LABELS, plan_merge
        from k360desk.projectfile.store import table_label

        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Änderungen übernehmen"))
        self._other = Project.open(other_path, read_only=True)
        try:
            self.plan = plan_merge(context.project, self._other)
        except BaseException:
            self._other.close()
            raise
        info = QLabel()
        info.setWordWrap(True)
        if not self.plan.items:
            info.setText(self.tr("Keine Unterschiede – es gibt nichts zu übernehmen."))
        else:
            info.setText(self.tr("Angehakte Einträge werden aus „%1“ übernommen. Konflikte (beide"
                                 " Seiten geändert) behalten zunächst die eigene Fassung.")
                         .replace("%1", Path(other_path).name))
        if not self.plan.same_project:
            info.setText(info.text() + "\n" + self.tr("Achtung: Die Datei stammt aus einem anderen"
                                                     " Projekt."))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Übernehmen"), self.tr("Art"), self.tr("Bereich"),
                                   self.tr("Eintrag"), self.tr("Felder")])
        self.tree.setAccessibleName(self.tr("Unterschiede"))
        self.tree.setRootIsDecorated(False)
        for index, item in enumerate(self.plan.items):
            # Planners know "Sozialraum", not the SQL table "districts".
            # Both values (or who deleted), so no change is taken or dropped unseen.
            sides = " – ".join(t for t in (item.sides(), item.dependents) if t)
            row = QTreeWidgetItem(["", KIND_LABELS[item.kind], table_label(item.table), item.label,
                                   sides])
            row.setCheckState(0, Qt.CheckState.Checked if item.take_theirs else Qt.CheckState.Unchecked)
            row.setData(0, Qt.ItemDataRole.UserRole, index)
            self.tree.addTopLevelItem(row)
        for column in range(5):
            self.tree.resizeColumnToContents(column)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        apply = buttons.addButton(self.tr("&Übernehmen"), QDialogButtonBox.ButtonRole.AcceptRole)
        apply.setEnabled(bool(self.plan.items))
        apply.clicked.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(820, 480)

    def apply(self) -> None:
        """Apply the checked items as one undoable step."""
        from k360desk.projectfile.merge import apply_merge

        for row in range(self.tree.topLevelItemCount()):
            widget_item = self.tree.topLevelItem(row)
            item = self.plan.items[widget_item.data(0, Qt.ItemDataRole.UserRole)]
            item.take_theirs = widget_item.checkState(0) == Qt.CheckState.Checked
        plan = self.plan
        command = CheckpointCommand(self.context.project, self.tr("Änderungen übernehmen"),
                                    lambda project: apply_merge(project, plan))
        self.context.push(command)
        if command.error:
            QMessageBox.warning(self, self.windowTitle(), command.error)
            return
        self.accept()

    def done(self, result: int) -> None:  # noqa: D401 - Qt API
        """Close the other copy whichever way the dialog ends."""
        self._other.close()
        super().done(result)


class BackupsDialog(QDialog):
    """List the kept previous versions and write one to a new file."""

    def __init__(self, context: ProjectContext, parent: QWidget | None = None) -> None:
        from k360desk.projectfile.backups import list_backups

        super().__init__(parent)
        self.context = context
        self.restored: Path | None = None
        self.setWindowTitle(self.tr("Frühere Fassungen"))
        project = context.project
        self.backups = (list_backups(project.get_meta("project_uuid"), project.path)
                        if project is not None and project.path is not None else [])
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Gesicherte Fassungen"))
        locale = QLocale()
        for backup in self.backups:
            text = self.tr("%1 – %2").replace(
                "%1", locale.toString(backup.saved, "dd.MM.yyyy HH:mm:ss")).replace(
                "%2", _size_text(backup.size))
            QListWidgetItem(text, self.list)
        if not self.backups:
            QListWidgetItem(self.tr("Noch keine früheren Fassungen gesichert."), self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        restore = buttons.addButton(self.tr("Als neue Datei &wiederherstellen …"),
                                    QDialogButtonBox.ButtonRole.ActionRole)
        restore.setEnabled(bool(self.backups))
        restore.clicked.connect(self._restore)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Beim Speichern wird die vorherige Fassung aufbewahrt.")))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(480, 360)

    def _restore(self) -> None:
        from k360desk.projectfile.backups import restore_backup

        row = self.list.currentRow()
        if not 0 <= row < len(self.backups):
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Fassung speichern unter"), "",
                                              self.tr("k360desk-Projekt (*.k360)"))
        if not path:
            return
        try:
            self.restored = restore_backup(self.backups[row], path)
        except FileExistsError:
            QMessageBox.warning(self, self.windowTitle(), self.tr("Die Datei gibt es schon."))
            return
        self.accept()
