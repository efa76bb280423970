"""The Trägerabfrage page and the committees history open in the real main window."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from tests.ui.conftest import answers, window  # noqa: E402,F401 - fixtures


def test_voice_page_in_the_main_window(window, qtbot):  # noqa: F811
    window.documents.open_demo()
    page = window.show_page("voice")
    assert page is not None and type(page).__name__ == "VoicePage"
    assert page.designer.questions.proxy.rowCount() == 4
    page.tabs.setCurrentWidget(page.statements)
    assert "Einschätzungen der Träger" in page.statements.html()
    assert page.goals.section.model.rowCount() == 3
    committees = window.show_page("committees")
    assert committees.history.model.rowCount() > 0
