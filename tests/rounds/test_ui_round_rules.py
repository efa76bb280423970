"""The round's need rule and budget line on the "Runde & Budget" tab: stored, undoable and
locked after the decision."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from k360desk.projectfile import FundingRound  # noqa: E402
from tests.rounds.conftest import NEED_VALUES, open_round_page  # noqa: E402


@pytest.fixture
def page(small_project, qtbot):
    widget, context, ids = open_round_page(small_project, qtbot, NEED_VALUES)
    widget.tabs.setCurrentWidget(widget.setup)
    yield widget, context, small_project, ids
    context.set_project(None)


def _choose(bar, code):
    index = bar.rule.findData(code)
    bar.rule.setCurrentIndex(index)
    bar.rule.activated.emit(index)


def test_need_rule_and_budget_line_undoable(page):
    widget, context, project, ids = page
    bar = widget.setup.round_rules
    assert bar.rule.currentText() == "Wert der übergeordneten Ebene" and not bar.value.isEnabled()
    _choose(bar, "omit")
    assert project.get(FundingRound, ids["round"]).need_fallback == "omit"
    bar.value.setValue(35)
    _choose(bar, "declared")
    rnd = project.get(FundingRound, ids["round"])
    assert (rnd.need_fallback, rnd.need_declared) == ("declared", 35)
    assert bar.value.isEnabled()
    bar.line.setText("1.3610.718000")
    bar.line.editingFinished.emit()
    assert project.get(FundingRound, ids["round"]).budget_line == "1.3610.718000"
    context.undo_stack.undo()
    assert project.get(FundingRound, ids["round"]).budget_line == ""
    assert bar.line.text() == ""
    context.undo_stack.undo()
    context.undo_stack.undo()
    rnd = project.get(FundingRound, ids["round"])
    assert (rnd.need_fallback, rnd.need_declared) == ("parent", None)
    assert bar.rule.currentData() == "parent"


def test_need_rule_locked_once_decided(page):
    widget, context, project, ids = page
    project.update(FundingRound, ids["round"], status="decided")
    widget.setup.mark_dirty()
    bar = widget.setup.round_rules
    assert not bar.rule.isEnabled() and not bar.line.isReadOnly()
