"""Bescheide from the Förderrunden page: PDF or Word into a chosen folder, through the same
function as ``round notices``; the folder is named afterwards."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from k360desk.models import aftercare, revocations  # noqa: E402
from tests.rounds.conftest import NEED_VALUES, open_round_page  # noqa: E402


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_bescheide_written_from_the_page(decided_page, tmp_path, monkeypatch, fmt):
    from k360desk.ui.rounds import notices

    widget, context, project, ids = decided_page
    aftercare.record_payment(project, ids["lesen"], 2026, 20_000)
    revocations.revoke(project, ids["lesen"], "2026-09-01", "Gruppe aufgelöst", from_year=2027,
                       eligible=15_000)
    button = widget.notices
    assert button.text().replace("&", "") == "Bescheide schreiben …"
    messages = []
    monkeypatch.setattr(notices, "show_message", lambda parent, text: messages.append(text))
    monkeypatch.setattr(notices, "choose_folder", lambda parent, title: str(tmp_path / "out"))
    action = button.as_pdf if fmt == "pdf" else button.as_word
    action.trigger()
    files = sorted((tmp_path / "out").glob(f"*.{fmt}"))
    assert any("Widerrufsbescheid" in f.name for f in files)
    assert any("Bewilligungsbescheid" in f.name for f in files)
    assert messages == [f"{len(files)} Bescheide geschrieben nach {tmp_path / 'out'}."]


def test_no_bescheide_before_the_decision(small_project, qtbot, tmp_path, monkeypatch):
    from k360desk.ui.rounds import notices

    widget, context, ids = open_round_page(small_project, qtbot, NEED_VALUES)
    try:
        messages = []
        monkeypatch.setattr(notices, "show_message", lambda parent, text: messages.append(text))
        monkeypatch.setattr(notices, "choose_folder", lambda parent, title: str(tmp_path / "out"))
        widget.notices.as_pdf.trigger()
        assert messages == ["Keine Bescheide: In dieser Runde ist noch nichts beschlossen."]
        assert not list(tmp_path.glob("out/*"))
    finally:
        context.set_project(None)
