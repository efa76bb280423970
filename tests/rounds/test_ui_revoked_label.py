"""A wholly revoked award reads "widerrufen" in the rounds tables (applications and ranking),
derived from the revocation rows; the stored status stays "bewilligt"."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from k360desk.models import revocations  # noqa: E402
from k360desk.projectfile import Application  # noqa: E402


def _cell(model, row, header):
    from PySide6.QtCore import Qt

    col = next(c for c in range(model.columnCount())
               if model.headerData(c, Qt.Orientation.Horizontal) == header)
    return model.index(row, col).data()


def test_wholly_revoked_award_shows_widerrufen(decided_page, qtbot):
    widget, context, project, ids = decided_page
    revocations.revoke(project, ids["lesen"], "2026-09-01", "Zweck verfehlt")
    widget.tabs.setCurrentWidget(widget.applications)
    qtbot.waitUntil(lambda: widget.applications.section.model.rowCount() == 3)
    model = widget.applications.section.model
    labels = {model.value(r, "title"): _cell(model, r, "Status") for r in range(model.rowCount())}
    assert labels["Lesepaten"] == "widerrufen"
    assert labels["Nachbarschaftstreff"] != "widerrufen"
    assert project.get(Application, ids["lesen"]).status == "awarded"
    widget.tabs.setCurrentWidget(widget.ranking)
    ranking = widget.ranking.model
    qtbot.waitUntil(lambda: ranking.rowCount() == 3)
    outcome = {_cell(ranking, r, "Antrag"): _cell(ranking, r, "Ergebnis") for r in range(ranking.rowCount())}
    assert outcome["Lesepaten"] == "widerrufen"
    assert "widerrufen" not in (outcome["Nachbarschaftstreff"], outcome["Mitternachtssport"])


def test_partly_revoked_award_stays_bewilligt(decided_page, qtbot):
    widget, context, project, ids = decided_page
    revocations.revoke(project, ids["lesen"], "2026-09-01", "Gruppe aufgelöst", from_year=2027)
    widget.tabs.setCurrentWidget(widget.applications)
    model = widget.applications.section.model
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    labels = {model.value(r, "title"): _cell(model, r, "Status") for r in range(model.rowCount())}
    assert labels["Lesepaten"] == "bewilligt"
