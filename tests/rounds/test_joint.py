"""Joint applications (one lead, further providers) and the cost plan of an application:
requested ≤ total − own share − other funding, in the form, the amounts table and the Vorlage."""

from __future__ import annotations

import pytest

from k360desk.models import joint
from k360desk.models import rounds as store
from k360desk.projectfile import Application, Project, Provider


def test_cost_check_messages_are_german_and_in_cents():
    assert joint.cost_problems(None, None, None, 50_000) == []
    assert joint.cost_problems(100_000, 20_000, 30_000, 50_000) == []
    [msg] = joint.cost_problems(100_000, 20_000, 30_000.01, 50_000)
    assert "Beantragt sind 50.000 €" in msg and "= 49.999,99 €" in msg
    [msg] = joint.cost_problems(40_000, 30_000, 20_000, 0)
    assert "mehr als die Gesamtkosten (40.000 €)" in msg
    assert joint.cost_problems(None, 5_000, None, 1) == [
        "Eigenanteil und weitere Förderung brauchen die Gesamtkosten des Projekts."]


def test_cost_plan_and_partners_are_stored_and_refused_when_they_do_not_add_up(round_project):
    project, ids = round_project
    app = ids["lesen"]  # requests 40.000 € over two years
    with pytest.raises(store.RoundError, match="Beantragt sind 40.000 €"):
        joint.set_cost_plan(project, app, 50_000, 5_000, 5_000.01)
    assert project.get(Application, app).total_costs is None
    joint.set_cost_plan(project, app, 50_000.5, 5_000, 5_000)
    stored = project._conn.execute("SELECT total_costs, own_share, other_funding FROM applications "
                                   "WHERE id=?", (app,)).fetchone()
    assert stored == (5_000_050, 500_000, 500_000)
    caritas = project.find(Provider, name="Caritas Sozialdienst").id
    lead = project.get(Application, app).provider_id
    with pytest.raises(store.RoundError, match="federführende Träger"):
        joint.set_partners(project, app, [lead])
    joint.set_partners(project, app, [caritas])
    assert [p.name for p in joint.partners(project, app)] == ["Caritas Sozialdienst"]
    assert joint.providers_text(project, app) == "AWO Kreisverband (federführend), Caritas Sozialdienst"


def test_the_vorlage_names_the_partners_and_the_cost_plan(round_file, tmp_path):
    from k360desk.export.pdf.committee import write_committee_pdf
    from tests.reports.conftest import pdf_text

    path, ids = round_file
    with Project.open(path) as project:
        caritas = project.find(Provider, name="Caritas Sozialdienst").id
        joint.set_partners(project, ids["lesen"], [caritas])
        joint.set_cost_plan(project, ids["lesen"], 60_000, 12_000, 8_000)
        out = tmp_path / "vorlage.pdf"
        write_committee_pdf(project, ids["round"], out)
    text = " ".join(" ".join(pdf_text(out)).split())
    assert "Verbundanträge: „Lesepaten“ (AWO Kreisverband federführend mit Caritas Sozialdienst)" in text
    assert ("„Lesepaten“: Gesamtkosten 60.000 €, Eigenanteil 12.000 €, weitere Förderung 8.000 €, "
            "beantragt 40.000 €") in text


def test_the_form_refuses_a_cost_plan_below_the_request_and_the_partner_list_joins(small_project, qtbot):
    pytest.importorskip("PySide6")
    from PySide6.QtCore import Qt

    from tests.rounds.conftest import NEED_VALUES, open_round_page

    widget, context, ids = open_round_page(small_project, qtbot, NEED_VALUES)
    try:
        tab = widget.applications
        widget.tabs.setCurrentWidget(tab)
        tab.section.select_ids([ids["sport"]])  # requests 30.000 €
        form = tab.section.form
        editor = form.editors["total_costs"]
        editor.setText("20.000")
        editor.editingFinished.emit()
        assert "Beantragt sind 30.000 €" in form.errors["total_costs"].text()
        assert small_project.get(Application, ids["sport"]).total_costs is None
        editor.setText("45.000,50")
        editor.editingFinished.emit()
        assert small_project.get(Application, ids["sport"]).total_costs == 45_000.5
        # a larger request than the plan allows is refused in the amounts table
        tab.amounts.item(0, 1).setText("50.000")
        assert small_project.link_frame("application_amounts", application_id=ids["sport"])[
            "requested"].tolist() == [30_000]
        awo = small_project.find(Provider, name="AWO Kreisverband").id
        item = next(tab.partners.item(i) for i in range(tab.partners.count())
                    if tab.partners.item(i).data(Qt.ItemDataRole.UserRole) == awo)
        item.setCheckState(Qt.CheckState.Checked)
        assert [p.name for p in joint.partners(small_project, ids["sport"])] == ["AWO Kreisverband"]
        context.undo_stack.undo()
        assert joint.partners(small_project, ids["sport"]) == []
    finally:
        context.set_project(None)
