"""A damaged file: German explanation (no SQLite text), the newest kept version offered."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from k360desk.ui import document


def _saved_twice(window, answers, tmp_path):
    """A saved project with one kept earlier version."""
    path = tmp_path / "Stadt.k360"
    answers.save_path = str(path)
    window.documents.new_project()
    assert window.documents.save_as()
    window.context.project.set_meta("municipality", "Zweite Fassung")
    assert window.documents.save()
    window.documents.close_project()
    return path


def _damage(path):
    data = bytearray(path.read_bytes())
    # An interior page overwritten, as after an interrupted copy to a network share.
    for offset in range(4096 * 3, min(len(data), 4096 * 40), 4096):
        data[offset:offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


def test_damaged_file_gets_a_german_explanation_and_a_backup(window, answers, tmp_path,
                                                              monkeypatch):
    path = _saved_twice(window, answers, tmp_path)
    _damage(path)
    asked = []

    def choose(self, text, backups):
        asked.append(text)
        return backups[0]

    monkeypatch.setattr(document.DocumentController, "ask_open_backup", choose)
    assert window.documents.open_path(path)
    text = asked[0]
    assert "beschädigt" in text and "nichts verändert" in text
    for raw in ("btree", "malformed", "error code", "database", "sqlite"):
        assert raw not in text.lower()
    opened = window.context.project.path
    assert opened != path and opened.parent == path.parent and "Fassung vom" in opened.name
    assert path.read_bytes()[4096 * 3:4096 * 3 + 4] == b"\xff" * 4  # the damaged file untouched


def test_damaged_file_without_backup_says_so(window, answers, tmp_path):
    path = tmp_path / "Fremd.k360"
    answers.save_path = str(path)
    window.documents.new_project()
    assert window.documents.save_as()
    window.documents.close_project()
    _damage(path)
    assert not window.documents.open_path(path)
    title, text = answers.errors[-1]
    assert "beschädigt" in text and "keine gesicherte frühere Fassung" in text
    assert "btree" not in text and "malformed" not in text


def test_file_menu_lists_kept_versions_without_an_open_project(window, answers, tmp_path):
    path = _saved_twice(window, answers, tmp_path)
    assert window.context.project is None
    menu = window.menus.backups_menu
    menu.aboutToShow.emit()
    entries = [a for a in menu.actions() if a.text().startswith("Fassung vom")]
    assert entries and all(a.isEnabled() for a in entries)
    entries[0].trigger()
    assert window.context.project is not None
    assert window.context.project.path.parent == path.parent
    assert isinstance(menu, QMenu)
