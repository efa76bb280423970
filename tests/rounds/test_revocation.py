"""Widerruf and Rückforderung as a workflow: revoke wholly or from a year on, later
commitments dropped, claim = paid − eligible with a due date, repayments never above the
claim, history kept; CLI ``round revoke`` and ``round claim``."""

from __future__ import annotations

import pytest

from k360desk.cli import main
from k360desk.models import aftercare, decisions, revocations
from k360desk.models import rounds as store
from k360desk.projectfile import Project, Revocation
from tests.rounds.test_cli_after import _decide


def test_partial_revocation_claim_and_repayments_through_the_cli(round_file, capsys):
    path, ids = round_file
    _decide(path, ids, capsys)  # Lesepaten: 20.000 € in 2026 and 2027
    base = ["round", "revoke", str(path), "Runde 2026"]
    assert main(["round", "pay", str(path), "Runde 2026", "Lesepaten", "2026", "20.000"]) == 0
    assert main([*base, "Nachbarschaftstreff", "--date", "2026-09-01", "--reason", "x"]) == 1
    assert "nicht bewilligt" in capsys.readouterr().err
    assert main([*base, "Lesepaten", "--date", "2026-09-01", "--reason", "Gruppe aufgelöst",
                 "--from-year", "2027", "--eligible", "15.000"]) == 0
    out = capsys.readouterr().out
    assert ("Widerruf (ab 2027) gespeichert: „Lesepaten“, entfallen 20.000 €; Rückforderung 5.000 €, "
            "fällig am 01.10.2026.") in out
    # the dropped year takes no more payments; the budget is free again
    assert main(["round", "pay", str(path), "Runde 2026", "Lesepaten", "2027", "1.000"]) == 1
    assert "nichts bewilligt" in capsys.readouterr().err
    claim = ["round", "claim", str(path), "Runde 2026", "Lesepaten"]
    assert main(claim) == 0
    assert ("„Lesepaten“: gefordert 5.000 €, zurückgezahlt 0 €, offen 5.000 €, fällig am 01.10.2026"
            in capsys.readouterr().out)
    assert main([*claim, "--received", "5.000,01", "--date", "2026-09-20"]) == 1
    assert "Rückzahlung über der Rückforderung: gefordert 5.000 €" in capsys.readouterr().err
    assert main([*claim, "--received", "3.000,50", "--date", "2026-09-20"]) == 0
    assert "offen 1.999,50 €" in capsys.readouterr().out
    with Project.open(path, read_only=True) as project:
        amounts = project.link_frame("application_amounts", application_id=ids["lesen"]).set_index("year")
        assert amounts.at[2026, "awarded"] == 20_000 and amounts.at[2027, "awarded"] == 0
        history = decisions.award_history(project, ids["lesen"])
        text = " ".join(history["details"])
        assert "Widerruf teilweise vom 01.09.2026 (Verwaltung): entfallen 2027: 20.000 €" in text
        assert "Begründung: Gruppe aufgelöst" in text
        budget = aftercare.budget_view(project, ids["round"]).set_index("year")
        assert budget.at[2027, "awarded"] == 0


def test_whole_revocation_by_a_meeting_claims_everything_paid(round_project):
    from tests.rounds.test_payments import _decided

    project, ids = round_project
    rid = _decided(project, ids)
    aftercare.record_payment(project, ids["lesen"], 2026, 12_345.67)
    with pytest.raises(store.RoundError, match="Begründung"):
        revocations.revoke(project, ids["lesen"], "2026-05-01", " ")
    rev_id = revocations.revoke(project, ids["lesen"], "2026-05-01", "Zweck verfehlt",
                                meeting_id=ids["meeting"], due="2026-06-15")
    rev = project.get(Revocation, rev_id)
    assert rev.scope == "whole" and rev.from_year == 2026
    assert rev.claim == 12_345.67 and rev.eligible == 0 and rev.revoked_amount == 40_000
    assert rev.body == "Sozialausschuss, Sitzung vom 10.03.2026"
    assert project.link_frame("application_amounts", application_id=ids["lesen"])["awarded"].sum() == 0
    status = revocations.claim_status(project, ids["lesen"])
    assert status == {"claimed": 1_234_567, "repaid": 0, "open": 1_234_567, "due": "2026-06-15",
                      "overdue": status["overdue"], "revocations": 1}
    with pytest.raises(store.RoundError, match="keine Jahresraten mehr"):
        revocations.revoke(project, ids["lesen"], "2026-06-01", "nochmal")
    frame = revocations.revocations_frame(project, rid)
    assert frame["scope_label"].tolist() == ["Widerruf ganz"] and frame["claim"].tolist() == [12_345.67]


def test_the_nachsorge_tab_revokes_in_one_undoable_step(small_project, qtbot, monkeypatch):
    pytest.importorskip("PySide6")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog

    from k360desk.figures import rounds as figures_rounds
    from k360desk.ui.rounds.revocation import RevokeDialog
    from tests.rounds.conftest import NEED_VALUES, open_round_page, score

    widget, context, ids = open_round_page(small_project, qtbot, NEED_VALUES)
    try:
        project, rid = small_project, ids["round"]
        store.copy_criteria(project, ids["old_round"], rid)
        score(project, ids, "Ann", {"lesen": 5, "treff": 4, "sport": 3})
        store.set_status(project, rid, "open")
        store.set_status(project, rid, "assessment")
        for meeting in ("panel_meeting", "meeting"):
            ranking, amounts, _, _ = figures_rounds.ranking_for_round(project, rid)
            store.record_decision(project, rid, amounts, ranking, ids[meeting])
        aftercare.record_payment(project, ids["lesen"], 2026, 8_000)
        after = widget.aftercare
        widget.tabs.setCurrentWidget(after)
        page = after.revocations
        assert page.revoke_button.isEnabled()

        def fill(dialog):
            dialog.application.setCurrentIndex(dialog.application.findData(ids["lesen"]))
            dialog.reason.setText("Träger insolvent")
            dialog.from_year.setText("2027")
            dialog.eligible.setText("6.000,50")
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(RevokeDialog, "exec", fill)
        page.open_dialog()
        rev = project.find(Revocation, application_id=ids["lesen"])
        assert rev.claim == 1_999.5 and rev.scope == "partial"
        model = page.model
        row = {model.headerData(c, Qt.Orientation.Horizontal): model.index(0, c).data()
               for c in range(model.columnCount())}
        assert row["Projekt"] == "Lesepaten" and row["Art"] == "Widerruf teilweise"
        assert "1.999,50" in row["Rückforderung"] and "1.999,50" in row["offen"]
        amounts = project.link_frame("application_amounts", application_id=ids["lesen"]).set_index("year")
        assert amounts.at[2027, "awarded"] == 0
        context.undo_stack.undo()
        assert project.find(Revocation, application_id=ids["lesen"]) is None
        amounts = project.link_frame("application_amounts", application_id=ids["lesen"]).set_index("year")
        assert amounts.at[2027, "awarded"] == 20_000
        assert model.rowCount() == 0
    finally:
        context.set_project(None)
