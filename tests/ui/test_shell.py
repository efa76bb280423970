"""The application shell driven as a planner would: start, new, save as, reopen, close."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from k360desk.projectfile import Project
from k360desk.ui import document, settings


class SetMeta(QUndoCommand):
    """A minimal undoable edit for the shell's tests (the editors have the real ones)."""

    def __init__(self, project: Project, key: str, value: str) -> None:
        super().__init__(f"{key} ändern")
        self.project, self.key, self.value = project, key, value
        self.old = project.get_meta(key)

    def redo(self) -> None:
        self.project.set_meta(self.key, self.value)

    def undo(self) -> None:
        self.project.set_meta(self.key, self.old)


def edit(window, key="ags", value="01002000"):
    window.context.push(SetMeta(window.context.project, key, value))


def test_starts_on_the_welcome_page(window):
    assert window.central.currentWidget() is window.welcome
    assert window.windowTitle() == "k360desk"
    assert window.current_page_key() == "welcome"
    assert not any(a.isEnabled() for a in window.menus._project_actions)


def test_demo_opens_untitled_on_the_overview(window, answers, qtbot):
    assert window.documents.open_demo()
    project = window.context.project
    assert project.get_meta("municipality") == "Musterstadt"
    assert project.path is None
    assert window.central.currentWidget() is window.workspace
    assert window.current_page_key() == "overview"
    assert window.windowTitle() == "Musterstadt[*] – k360desk"
    assert not window.isWindowModified()
    overview = window.page("overview")
    assert overview.fields["municipality"].text() == "Musterstadt"
    qtbot.waitUntil(lambda: "bis" in overview.fields["periods"].text(), timeout=5000)
    # An untitled project goes to Save As.
    answers.save_path = None
    assert not window.documents.save()
    assert answers.asked == ["save_as"]


def test_new_project_asks_for_name_ags_and_crs(window, answers):
    answers.new_project = document.NewProjectSpec("Ostheim", "12054000", 25833)
    assert window.documents.new_project()
    project = window.context.project
    assert project.get_meta("municipality") == "Ostheim"
    assert project.get_meta("ags") == "12054000"
    assert project.get_meta("crs") == "EPSG:25833"
    assert "Ostheim" in window.windowTitle()


def test_new_project_cancelled_keeps_the_welcome_page(window, answers):
    answers.new_project = None
    assert not window.documents.new_project()
    assert window.context.project is None
    assert window.central.currentWidget() is window.welcome


def test_save_as_reopen_and_recent_files(window, answers, tmp_path):
    window.documents.new_project()
    edit(window, "ags", "01003000")
    answers.save_path = str(tmp_path / "testdorf")
    assert window.documents.save_as()
    target = tmp_path / "testdorf.k360"
    assert target.exists()
    assert window.windowTitle() == "testdorf.k360[*] – k360desk"
    assert not window.isWindowModified()
    assert window.save_label.text() == "Gespeichert"
    assert settings.recent_files()[0] == str(target)

    assert window.documents.close_project()
    assert window.central.currentWidget() is window.welcome
    assert window.welcome.recent_list.item(0).data(0x0100) == str(target)
    assert window.documents.open_path(target)
    assert window.context.project.get_meta("ags") == "01003000"
    assert not window.isWindowModified()
    assert answers.errors == []


def test_modified_marker_follows_undo_and_save(window, answers, tmp_path):
    window.documents.new_project()
    answers.save_path = str(tmp_path / "a.k360")
    window.documents.save_as()
    assert not window.isWindowModified()
    edit(window)
    assert window.isWindowModified()
    assert window.save_label.text() == "Ungespeicherte Änderungen"
    window.context.undo_stack.undo()
    assert not window.isWindowModified()
    window.context.undo_stack.redo()
    assert window.isWindowModified()
    assert window.documents.save()
    assert not window.isWindowModified()
    assert answers.asked == ["new", "save_as"]  # Save did not ask again


def test_change_outside_the_undo_stack_marks_modified(window, qtbot, answers, tmp_path):
    window.documents.new_project()
    answers.save_path = str(tmp_path / "b.k360")
    window.documents.save_as()
    window.context.project.set_meta("ags", "09162000")  # e.g. a writer without a command
    qtbot.waitUntil(window.isWindowModified, timeout=1000)
    assert window.context.undo_stack.isClean()


def test_unsaved_changes_prompt_on_quit(window, answers, tmp_path):
    window.documents.new_project()
    edit(window)
    answers.save_changes = document.CANCEL
    assert not window.close()
    assert window.context.project is not None
    assert answers.asked[-1] == "save_changes"

    answers.save_changes = document.SAVE
    answers.save_path = None  # the Save As dialog is cancelled too: stay open
    assert not window.close()
    assert window.context.project is not None

    answers.save_path = str(tmp_path / "beim-beenden.k360")
    assert window.close()
    assert (tmp_path / "beim-beenden.k360").exists()
    reopened = Project.open(tmp_path / "beim-beenden.k360", read_only=True)
    assert reopened.get_meta("ags") == "01002000"
    reopened.close()


def test_discard_closes_without_saving(window, answers, tmp_path):
    window.documents.new_project()
    answers.save_path = str(tmp_path / "c.k360")
    window.documents.save_as()
    before = (tmp_path / "c.k360").read_bytes()
    edit(window)
    answers.save_changes = document.DISCARD
    assert window.documents.close_project()
    assert (tmp_path / "c.k360").read_bytes() == before


def test_no_prompt_without_changes(window, answers):
    window.documents.open_demo()
    assert window.documents.close_project()
    assert "save_changes" not in answers.asked


def test_damaged_file_is_reported_and_left_untouched(window, answers, tmp_path):
    window.documents.open_demo()
    damaged = tmp_path / "kaputt.k360"
    content = b"SQLite format 3\x00" + bytes(range(256)) * 40
    damaged.write_bytes(content)
    assert not window.documents.open_path(damaged)
    assert len(answers.errors) == 1
    title, text = answers.errors[0]
    assert title == "Projekt öffnen"
    assert "kaputt.k360" in text
    assert damaged.read_bytes() == content
    # The project that was open stays open.
    assert window.context.project.get_meta("municipality") == "Musterstadt"


def test_missing_recent_file_is_reported_and_forgotten(window, answers, tmp_path):
    gone = str(tmp_path / "weg.k360")
    settings.add_recent_file(gone)
    assert not window.documents.open_path(gone)
    assert "gibt es nicht" in answers.errors[0][1]
    assert gone not in settings.recent_files()


def test_read_only_notice_and_save_goes_to_save_as(window, answers, tmp_path):
    path = tmp_path / "fremd.k360"
    Project.create("Fremdstadt", path).close()
    from k360desk.projectfile import workfile

    # Someone else holds the lock: the file opens read-only with a notice.
    workfile.lock_path(path).write_text('{"user": "kollegin", "host": "anderer-pc", "pid": 1,'
                                        ' "since": "2026-11-20T09:00:00"}', encoding="utf-8")
    assert window.documents.open_path(path)
    assert window.context.project.read_only
    assert answers.notices and "kollegin" in answers.notices[0][1]
    assert "schreibgeschützt" in window.windowTitle()
    answers.save_path = None
    assert not window.documents.save()
    assert answers.asked[-1] == "save_as"


def test_overview_suggests_next_steps_and_links_to_pages(window, answers):
    window.documents.new_project()
    overview = window.page("overview")
    assert "Sozialräume anlegen" in overview.next_label.text()
    assert window.save_label.text() == "Nicht gespeichert"
    overview.next_label.linkActivated.emit("districts")
    assert window.current_page_key() == "districts"


def test_exchange_entries_open_their_dialogs(window, answers, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from k360desk.ui import exchange_dialogs

    shown = []
    monkeypatch.setattr(QDialog, "exec", lambda self: shown.append(type(self).__name__) or 0)
    window.documents.open_demo()
    actions = {a.text(): a for a in window.menuBar().actions()[0].menu().actions()}
    assert actions["Kopie zum &Versenden…"].isEnabled()
    actions["Kopie zum &Versenden…"].trigger()
    # The kept versions are a submenu now; "all versions" opens the dialog.
    backups = actions["F&rühere Fassungen"].menu()
    backups.aboutToShow.emit()
    {a.text(): a for a in backups.actions()}["&Alle Fassungen dieses Projekts …"].trigger()
    assert shown == [exchange_dialogs.SendCopyDialog.__name__,
                     exchange_dialogs.BackupsDialog.__name__]


def test_dropping_a_project_file_opens_it(window, answers, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    path = tmp_path / "gezogen.k360"
    Project.create("Ziehstadt", path).close()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.context.project.get_meta("municipality") == "Ziehstadt"


def test_import_entries_open_the_import_assistant(window, answers):
    from k360desk.ui.grid_import_dialog import GridImportDialog
    from k360desk.ui.import_dialog import ImportDialog

    window.documents.open_demo()
    file_menu = window.menuBar().actions()[0].menu()
    import_menu = next(a.menu() for a in file_menu.actions() if a.text() == "&Importieren")
    actions = import_menu.actions()
    for action, kind in zip(actions[:3], ("districts", "values", "facilities"), strict=True):
        assert action.isEnabled()
        action.trigger()
        dialog = window.findChildren(ImportDialog)[-1]
        assert dialog.kind == kind
        dialog.reject()
    assert actions[3].text() == "&Zensus-Gitterzellen…" and actions[3].isEnabled()
    actions[3].trigger()
    dialog = window.findChildren(GridImportDialog)[-1]
    assert dialog.level.count() >= 2  # "alle Ebenen" and the demo's levels
    dialog.reject()


def test_cancelled_new_project_keeps_the_open_one(window, answers):
    window.documents.open_demo()
    edit(window)
    answers.new_project = None
    assert not window.documents.new_project()
    assert window.context.project.get_meta("municipality") == "Musterstadt"
    assert "save_changes" not in answers.asked
    answers.new_project = document.NewProjectSpec("Neustadt", "", 25832)
    answers.save_changes = document.DISCARD
    assert window.documents.new_project()
    assert window.context.project.get_meta("municipality") == "Neustadt"
    assert not window.isWindowModified()


def test_language_menu_marks_the_language_shown(window):
    actions = window.menus.language_actions
    assert actions["de"].isChecked() and not actions["en"].isChecked()


def test_status_bar_keeps_selection_and_save_state_apart(window, answers):
    window.documents.open_demo()
    window.context.select_districts([window.context.project.districts_frame().index[0]])
    assert window.selection_label.text().startswith("Sozialraum:")
    assert window.save_label.text() == "Nicht gespeichert"
    assert window.selection_label.contentsMargins().right() >= 8


def test_save_asks_before_overwriting_a_file_changed_elsewhere(window, answers, tmp_path):
    """#20 D11: QGIS edited the file while it was open; Save asks, Cancel keeps their edit."""
    import sqlite3

    window.documents.new_project()
    answers.save_path = str(tmp_path / "q.k360")
    window.documents.save_as()
    edit(window)
    conn = sqlite3.connect(answers.save_path)
    conn.execute("UPDATE k360_meta SET value='In QGIS' WHERE key='municipality'")
    conn.commit()
    conn.close()
    answers.overwrite_changed = "cancel"
    assert not window.documents.save()
    assert answers.asked[-1] == "overwrite_changed" and window.isWindowModified()
    with Project.open(answers.save_path, read_only=True) as theirs:
        assert theirs.get_meta("municipality") == "In QGIS"
    answers.overwrite_changed = "overwrite"
    assert window.documents.save()
    assert not window.isWindowModified()
    with Project.open(answers.save_path, read_only=True) as ours:
        assert ours.get_meta("ags") == "01002000"
