"""The exchange dialogs: send a copy, merge as one undo step, restore a kept version."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from k360desk.projectfile import District, Project, Provider
from k360desk.ui.context import ProjectContext
from k360desk.ui.exchange_dialogs import BackupsDialog, MergeDialog, SendCopyDialog


def _context(qtbot, project):
    context = ProjectContext()
    context.set_project(project)
    return context


def test_send_copy_dialog_writes_checked_minimised_copy(qtbot, small_project, tmp_path):
    small_project.add(Provider(name="DRK", email="x@drk.example"))
    context = _context(qtbot, small_project)
    dialog = SendCopyDialog(context)
    qtbot.addWidget(dialog)
    target = tmp_path / "für-kollegin.k360"
    dialog.target.setText(str(target))
    dialog.minimise.setChecked(True)
    dialog.write()
    qtbot.waitUntil(lambda: dialog.result_path is not None, timeout=20000)
    assert "Kopie geschrieben" in dialog.status.text() and "KB" in dialog.status.text()
    assert dialog.show_button.isEnabled()
    from PySide6.QtWidgets import QDialogButtonBox

    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Schließen"
    with Project.open(target) as copy:
        assert copy.find(Provider, name="DRK").email == ""


def test_merge_dialog_applies_checked_items_as_one_undo_step(qtbot, small_project, tmp_path):
    other_path = tmp_path / "gis-team.k360"
    shutil.copy(small_project.path, other_path)
    with Project.open(other_path) as other:
        other.update(District, other.find(District, code="23").id, name="Hafenkante")
        other.add(Provider(name="Neuer Träger"))
        other.save()
    context = _context(qtbot, small_project)
    dialog = MergeDialog(context, other_path)
    qtbot.addWidget(dialog)
    assert dialog.tree.topLevelItemCount() == 2
    # Untick the new provider: only the renamed district is taken over.
    for row in range(dialog.tree.topLevelItemCount()):
        item = dialog.tree.topLevelItem(row)
        assert item.text(2) in ("Sozialraum", "Träger")  # never the SQL table name
        if item.text(2) == "Träger":
            item.setCheckState(0, Qt.CheckState.Unchecked)
    seen = []
    context.changed.connect(lambda changes: seen.extend(c.table for c in changes))
    dialog.apply()
    assert small_project.find(District, code="23").name == "Hafenkante"
    assert small_project.find(Provider, name="Neuer Träger") is None
    assert "districts" in seen
    assert context.undo_stack.count() == 1
    context.undo_stack.undo()
    assert small_project.find(District, code="23").name == "Quartier 23"
    context.undo_stack.redo()
    assert small_project.find(District, code="23").name == "Hafenkante"


def test_backups_dialog_lists_versions(qtbot, small_project):
    small_project.add(Provider(name="Zweite"))
    small_project.save()
    context = _context(qtbot, small_project)
    dialog = BackupsDialog(context)
    qtbot.addWidget(dialog)
    # building the project saved once more than the test does: two kept versions
    assert len(dialog.backups) == 2 and dialog.list.count() == 2
    assert "KB" in dialog.list.item(0).text()


def test_send_copy_target_label_has_a_working_access_key(qtbot, small_project):
    from PySide6.QtWidgets import QLabel

    dialog = SendCopyDialog(_context(qtbot, small_project))
    qtbot.addWidget(dialog)
    labels = [w for w in dialog.findChildren(QLabel) if w.buddy() is dialog.target]
    assert labels and labels[0].text() == "&Ziel:"
