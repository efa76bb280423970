"""D7, D8: money is exact in cents and shown with its cents; the ranking key is the
displayed score, so "61,1" never ranks above "61,2"."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from k360desk.analysis import ranking
from k360desk.cli import main
from k360desk.formats import format_money, from_cents, to_cents
from k360desk.projectfile import Project


def test_ranking_key_is_the_displayed_total():
    apps = pd.DataFrame({"id": [1, 2], "title": ["A", "B"], "submitted": ["2025-10-01", "2025-10-02"]})
    # 61,15 is stored as 61,1499… and shown as "61,1"; 61,18 is shown as "61,2"
    totals = pd.DataFrame({"total": [61.15, 61.18], "complete": [True, True], "missing": ["", ""]},
                          index=pd.Index([1, 2], name="application_id"))
    need = pd.DataFrame({"need": [90.0, 10.0]}, index=pd.Index([1, 2], name="application_id"))
    amounts = pd.DataFrame({"application_id": [1, 2], "year": [2026, 2026], "requested": [1.0, 1.0]})
    checks = pd.DataFrame({"eligible": [True, True], "reasons": ["", ""]},
                          index=pd.Index([1, 2], name="application_id"))
    ranked = ranking.rank(apps, totals, need, amounts, checks)
    assert ranked["title"].tolist() == ["B", "A"]
    assert (ranked["tie"] == "").all()


def test_cents_are_shown_and_sums_are_exact():
    assert format_money(10_000.4) == "10.000,40 €"
    assert format_money(10_000.4 + 15_000.4 + 5_000.4) == "30.001,20 €"
    assert format_money(30_000) == "30.000 €"


def test_cli_ranking_shows_the_requested_sum_with_cents(round_file, capsys):
    path, ids = round_file
    with Project.open(path) as project:
        project._conn.execute("UPDATE application_amounts SET requested = 1000040 + (year - 2026) * 500000 "
                              "WHERE application_id=?", (ids["treff"],))
        project._conn.commit()
        project.save()
    assert main(["round", "ranking", str(path), "Runde 2026"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "Nachbarschaftstreff" in x)
    assert "45.001,20 €" in line  # 10.000,40 + 15.000,40 + 20.000,40


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=30))
def test_sums_in_cents_are_exact(cents):
    euros = [from_cents(c) for c in cents]
    assert sum(to_cents(e) for e in euros) == sum(cents)
    digits = format_money(from_cents(sum(cents))).removesuffix(" €").replace(".", "").replace(",", "")
    total = sum(cents)
    # cents shown exactly when there are any, else whole euros
    assert int(digits) == (total if total % 100 else total // 100)


def test_amount_typed_with_cents_keeps_them_and_is_locked_after_the_decision(small_project, qtbot):
    import pytest

    pytest.importorskip("PySide6")
    from k360desk.projectfile import Application, FundingRound
    from tests.rounds.conftest import NEED_VALUES, open_round_page

    widget, context, ids = open_round_page(small_project, qtbot, NEED_VALUES)
    try:
        tab = widget.applications
        widget.tabs.setCurrentWidget(tab)
        tab.section.select_ids([ids["sport"]])
        item = tab.amounts.item(0, 1)
        item.setText("10.000,40")
        stored = small_project.link_frame("application_amounts", application_id=ids["sport"])
        assert stored["requested"].tolist() == [10_000.4]
        assert tab.amounts.item(0, 1).text() == "10.000,40"
        small_project.update(Application, ids["sport"], status="awarded")
        small_project.update(FundingRound, ids["round"], status="decided")
        tab.section.select_ids([ids["lesen"]])
        tab.section.select_ids([ids["sport"]])
        from PySide6.QtCore import Qt

        assert not tab.amounts.item(0, 1).flags() & Qt.ItemFlag.ItemIsEditable
    finally:
        context.set_project(None)


def test_money_typed_the_german_way():
    from k360desk.formats import parse_money

    assert parse_money("45.000") == 45_000 and parse_money("19.500,50 €") == 19_500.5
    assert parse_money("1.234.567") == 1_234_567 and parse_money("12,345") == 12.35
