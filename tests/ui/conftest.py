"""Fixtures for the application shell: a real main window whose questions are answered here."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PySide6.QtWidgets import QMessageBox

from k360desk.ui import document
from k360desk.ui.new_project_dialog import NewProjectSpec


@dataclass
class Answers:
    """What the patched dialogs answer, and what they were asked."""

    new_project: NewProjectSpec | None = NewProjectSpec("Testdorf", "01001000", 25832)
    open_path: str | None = None
    save_path: str | None = None
    save_changes: str = document.CANCEL
    recover: str = "later"
    overwrite_changed: str = "cancel"
    errors: list[tuple[str, str]] = field(default_factory=list)
    notices: list[tuple[str, str]] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)


@pytest.fixture
def answers(monkeypatch) -> Answers:
    """Replace every question of the document lifecycle; fail on any other modal box."""
    given = Answers()
    controller = document.DocumentController

    def record(name, value):
        def ask(self, *args):
            given.asked.append(name)
            return value() if callable(value) else value
        return ask

    monkeypatch.setattr(controller, "ask_new_project", record("new", lambda: given.new_project))
    monkeypatch.setattr(controller, "ask_open_path", record("open", lambda: given.open_path))
    monkeypatch.setattr(controller, "ask_save_path", record("save_as", lambda: given.save_path))
    monkeypatch.setattr(controller, "ask_save_changes",
                        record("save_changes", lambda: given.save_changes))
    monkeypatch.setattr(controller, "ask_recover", record("recover", lambda: given.recover))
    monkeypatch.setattr(controller, "ask_overwrite_changed",
                        record("overwrite_changed", lambda: given.overwrite_changed), raising=False)
    monkeypatch.setattr(controller, "show_error",
                        lambda self, title, text: given.errors.append((title, text)))
    monkeypatch.setattr(controller, "show_notice",
                        lambda self, title, text: given.notices.append((title, text)))

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: unexpected(None, self.text()))
    return given


@pytest.fixture
def window(qtbot, answers):
    """The real main window, shown offscreen, with no project open."""
    from k360desk.ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.documents.discard_and_close()


@pytest.fixture
def arial_metrics(qapp):
    """Liberation Sans 9 pt, what Windows shows with Arial/Segoe UI at 100 % (office screens)."""
    from PySide6.QtGui import QFont

    before = qapp.font()
    qapp.setFont(QFont("Liberation Sans", 9))
    yield
    qapp.setFont(before)
