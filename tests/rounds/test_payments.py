"""D9: payments are checked against the award, the funded years and the unspent money,
in the model and in the Nachsorge tab's table."""

from __future__ import annotations

import pytest

from k360desk.figures import rounds as figures_rounds
from k360desk.models import aftercare
from k360desk.models import rounds as store
from k360desk.projectfile import Payment
from tests.rounds.conftest import NEED_VALUES, add_need, score


def _decided(project, ids):
    rid = ids["round"]
    store.copy_criteria(project, ids["old_round"], rid)
    add_need(project, ids, NEED_VALUES)
    score(project, ids, "Ann", {"lesen": 5, "treff": 4, "sport": 3})
    store.set_status(project, rid, "open")
    store.set_status(project, rid, "assessment")
    for meeting in ("panel_meeting", "meeting"):
        ranking, amounts, _, _ = figures_rounds.ranking_for_round(project, rid)
        store.record_decision(project, rid, amounts, ranking, ids[meeting])
    return rid


def test_payments_are_checked(round_project):
    project, ids = round_project
    _decided(project, ids)  # Lesepaten 20.000 € in 2026 and 2027; Treff rejected
    with pytest.raises(store.RoundError, match="nicht bewilligt"):
        aftercare.record_payment(project, ids["treff"], 2026, 1_000)
    with pytest.raises(store.RoundError, match="größer als 0"):
        aftercare.record_payment(project, ids["lesen"], 2026, -500)
    with pytest.raises(store.RoundError, match="2028 ist „Lesepaten“ nichts bewilligt"):
        aftercare.record_payment(project, ids["lesen"], 2028, 500)
    aftercare.record_payment(project, ids["lesen"], 2026, 15_000.10)
    with pytest.raises(store.RoundError, match="über der Bewilligung.*15.000,10 €"):
        aftercare.record_payment(project, ids["lesen"], 2026, 5_000)
    aftercare.record_payment(project, ids["lesen"], 2026, 4_999.90)  # exactly the award, in cents
    with pytest.raises(store.RoundError, match="Rückzahlung über dem nicht verbrauchten Geld"):
        aftercare.record_repayment(project, ids["lesen"], 2026, 20_000.01)
    project._conn.execute("INSERT INTO usage_reports (uuid, application_id, year, unspent) "
                          "VALUES ('u1', ?, 2026, 150000)", (ids["lesen"],))
    with pytest.raises(store.RoundError, match="laut Verwendungsnachweis 1.500 €"):
        aftercare.record_repayment(project, ids["lesen"], 2026, 2_000)
    aftercare.record_repayment(project, ids["lesen"], 2026, 1_500)


def test_aftercare_table_refuses_a_payment_above_the_award(small_project, qtbot):
    pytest.importorskip("PySide6")
    from tests.rounds.conftest import open_round_page

    widget, context, ids = open_round_page(small_project, qtbot, NEED_VALUES)
    try:
        project = small_project
        # the page built the round; decide it like the model test
        rid = ids["round"]
        store.copy_criteria(project, ids["old_round"], rid)
        score(project, ids, "Ann", {"lesen": 5, "treff": 4, "sport": 3})
        store.set_status(project, rid, "open")
        store.set_status(project, rid, "assessment")
        for meeting in ("panel_meeting", "meeting"):
            ranking, amounts, _, _ = figures_rounds.ranking_for_round(project, rid)
            store.record_decision(project, rid, amounts, ranking, ids[meeting])
        after = widget.aftercare
        widget.tabs.setCurrentWidget(after)
        pay_id = project.add(Payment(application_id=ids["lesen"], year=2026, amount=0.0))
        section = after.payments
        error = section._commit_field(pay_id, "amount", 25_000.0)
        assert error and "über der Bewilligung" in error
        assert project.get(Payment, pay_id).amount == 0
        assert section._commit_field(pay_id, "amount", 20_000.0) is None
        assert project.get(Payment, pay_id).amount == 20_000
        assert "nicht bewilligt" in section._commit_field(pay_id, "application_id", ids["treff"])
    finally:
        context.set_project(None)


def test_aftercare_sections_read_when_their_tab_is_shown(small_project, qtbot, monkeypatch):
    """The first visit of "Förderrunden" shows the rounds list; payments, usage reports and
    reviews (hidden tabs) are read the first time they are shown."""
    pytest.importorskip("PySide6")
    from k360desk.ui.editors.section import RecordSection
    from tests.rounds.conftest import open_round_page

    read = []
    real = RecordSection.reload_all

    def spy(self):
        read.append(self.cls.table)
        real(self)

    monkeypatch.setattr(RecordSection, "reload_all", spy)
    widget, context, _ids = open_round_page(small_project, qtbot, NEED_VALUES)
    try:
        qtbot.wait(20)
        assert not {"payments", "usage_reports", "reviews"} & set(read)
        after = widget.aftercare
        widget.tabs.setCurrentWidget(after)
        after.inner.setCurrentWidget(after.payments)
        assert "payments" in read
        assert "reviews" not in read
    finally:
        context.set_project(None)
