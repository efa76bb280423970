"""D8: money is kept as INTEGER cents in the file (schema step 5), read back as the same euros
everywhere, and an old file's REAL amounts are rounded half up to cents by the migration."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from k360desk.cli import main
from k360desk.models import rounds as store
from k360desk.money import format_money, from_cents
from k360desk.projectfile import DecisionRule, FundingRound, Payment, Project, ProjectError, schema
from tests.rounds.conftest import build_round

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MONEY = {"decision_rules": ["max_amount"], "round_budgets": ["amount"],
         "application_amounts": ["requested", "awarded"], "payments": ["amount"],
         "usage_reports": ["unspent"]}


def _types(path: Path) -> dict[str, set[str]]:
    with sqlite3.connect(path) as conn:
        return {f"{t}.{c}": {r[0] for r in conn.execute(f"SELECT DISTINCT typeof({c}) FROM {t}")}
                for t, cols in MONEY.items() for c in cols}


def test_old_file_migrates_to_integer_cents_half_up_and_stays_a_geopackage(tmp_path):
    path = tmp_path / "v4.k360"
    shutil.copy(FIXTURES / "schema_v4.k360", path)
    assert "real" in _types(path)["application_amounts.requested"]
    with Project.open(path) as project:
        assert project.schema_version == schema.SCHEMA_VERSION >= 5
        raw = project._conn.execute(
            "SELECT year, requested, awarded FROM application_amounts ORDER BY year").fetchall()
        # 10.000,40 stays, 15.000,005 (an old float) goes half up to 15.000,01
        assert raw == [(2026, 1_000_040, 1_000_040), (2027, 1_500_001, 1_500_001)]
        assert project.find(DecisionRule, programme_id=1).max_amount == 100_000.5
        assert project.find(Payment, application_id=1).amount == 5_000.1
        amounts = project.link_frame("application_amounts")
        assert amounts["requested"].tolist() == [10_000.4, 15_000.01]
        assert project.check_geopackage() == []
        project.save()
    types = _types(path)
    assert all(found <= {"integer", "null"} for found in types.values()), types
    with Project.open(path) as again:
        assert not again.modified
        frame = store.rounds_frame(again)
        assert frame.loc[0, "budget"] == 60_000 and frame.loc[0, "awarded"] == 25_000.41
    pyogrio = pytest.importorskip("pyogrio")
    layers = {name for name, _ in pyogrio.list_layers(path)}
    assert {"districts", "facilities"} <= layers


def test_the_file_refuses_money_that_is_not_whole_cents(round_project):
    project, ids = round_project
    with pytest.raises(sqlite3.IntegrityError):
        project._conn.execute("UPDATE round_budgets SET amount = 10.5 WHERE round_id=?", (ids["round"],))
    with pytest.raises(ProjectError):
        project.add(DecisionRule(programme_id=ids["programme"], max_amount=-1))


def test_three_budgets_show_their_exact_sum_in_the_cli(round_file, capsys):
    path, ids = round_file
    with Project.open(path) as project:
        project.execute_link("round_budgets", [
            {"round_id": ids["round"], "year": y, "amount": a}
            for y, a in ((2026, 10_000), (2027, 15_000), (2028, 5_000))])
        project.save()
    assert main(["round", "list", str(path)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "Runde 2026" in x)
    assert "30.000 €" in line and "30.001" not in line


def test_cents_survive_an_edit_in_the_table_and_a_save_and_reopen(small_project, qtbot):
    pytest.importorskip("PySide6")
    from tests.rounds.conftest import NEED_VALUES, open_round_page

    widget, context, ids = open_round_page(small_project, qtbot, NEED_VALUES)
    try:
        tab = widget.applications
        widget.tabs.setCurrentWidget(tab)
        tab.section.select_ids([ids["sport"]])
        tab.amounts.item(0, 1).setText("10.000,07")
        assert tab.amounts.item(0, 1).text() == "10.000,07"
        small_project.save()
        path = small_project.path
    finally:
        context.set_project(None)
    small_project.close()
    with Project.open(path) as again:
        raw = again._conn.execute("SELECT requested FROM application_amounts WHERE application_id=?",
                                  (ids["sport"],)).fetchone()[0]
        assert raw == 1_000_007
        assert again.link_frame("application_amounts", application_id=ids["sport"])[
            "requested"].tolist() == [10_000.07]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(min_value=0, max_value=10**11), min_size=1, max_size=5))
def test_sums_in_cents_are_exact_through_the_store(round_project, cents):
    project, ids = round_project
    project.delete_link("round_budgets", round_id=ids["round"])
    project.execute_link("round_budgets", [
        {"round_id": ids["round"], "year": 2026 + i, "amount": from_cents(c)} for i, c in enumerate(cents)])
    frame = store.rounds_frame(project).set_index("id")
    total = frame.loc[ids["round"], "budget"]
    assert project._conn.execute("SELECT sum(amount) FROM round_budgets WHERE round_id=?",
                                 (ids["round"],)).fetchone()[0] == sum(cents)
    assert format_money(total) == format_money(from_cents(sum(cents)))


def test_merge_shows_money_of_both_copies_in_euros(tmp_path, small_project):
    from k360desk.projectfile.merge import plan_merge

    ids = build_round(small_project)
    small_project.save()
    other = tmp_path / "kopie.k360"
    shutil.copy(small_project.path, other)
    small_project.update(FundingRound, ids["round"], notes="hier")
    small_project.execute_link("round_budgets",
                               [{"round_id": ids["round"], "year": 2026, "amount": 100_000.5}])
    with Project.open(other) as theirs:
        theirs.execute_link("round_budgets", [{"round_id": ids["round"], "year": 2026, "amount": 90_000}])
        theirs.save()
        plan = plan_merge(small_project, theirs)
    budget = [i for i in plan.items if i.table == "round_budgets"]
    assert budget and "100.000,50 €" in budget[0].sides() and "90.000 €" in budget[0].sides()
