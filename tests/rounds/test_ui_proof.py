"""The Verwendungsnachweis tab in the Nachsorge: Sachbericht, cost lines typed the German way
with their difference, audit with refusal and Rückforderung, one undo step per save, and the
PDF as ``round proof`` writes it."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from k360desk.models import aftercare  # noqa: E402
from k360desk.projectfile import Revocation, UsageReport  # noqa: E402


def _type(page, row_name, col, text):
    table = page.lines
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == row_name)
    table.item(row, col).setText(text)
    return row


def test_proof_saved_audited_undone_and_printed(decided_page, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QDate

    from k360desk.ui.rounds import proof
    from tests.reports.conftest import pdf_text

    widget, context, project, ids = decided_page
    aftercare.record_payment(project, ids["lesen"], 2026, 20_000)
    after = widget.aftercare
    widget.tabs.setCurrentWidget(after)
    page = after.proof
    after.inner.setCurrentWidget(page)
    assert after.inner.tabText(after.inner.indexOf(page)) == "Verwendungsnachweis"
    page.application.setCurrentIndex(page.application.findData(ids["lesen"]))
    page.year.setCurrentIndex(page.year.findData(2026))
    assert page.save_button.isEnabled() and not page.pdf_button.isEnabled()
    page.narrative.setPlainText("Der Leseclub traf sich wöchentlich.")
    row = _type(page, "Personal", proof.PLANNED, "15.000")
    _type(page, "Personal", proof.SPENT, "12.345,67")
    _type(page, "Sachkosten", proof.PLANNED, "5.000")
    _type(page, "Sachkosten", proof.SPENT, "2.000")
    assert page.lines.item(row, proof.DIFFERENCE).text() == "\u22122.654,33 €"
    assert page.totals.text() == ("Summe: geplant 20.000 € – ausgegeben 14.345,67 € – "
                                  "Abweichung \u22125.654,33 €")
    # refused: the proof does not cover what was paid
    page.audit.setCurrentIndex(page.audit.findData("clean"))
    steps = context.undo_stack.count()
    page.save()
    assert "Ohne Beanstandung geht nicht" in after.error.text()
    assert context.undo_stack.count() == steps
    assert project.find(UsageReport, application_id=ids["lesen"], year=2026) is None
    # a typing error is named, nothing is stored
    _type(page, "Miete", proof.SPENT, "zwölf")
    page.save()
    assert "Miete: „zwölf“ ist kein gültiger Betrag." in after.error.text()
    _type(page, "Miete", proof.SPENT, "")
    page.audit.setCurrentIndex(page.audit.findData("recovery"))
    page.note.setText("Personalstelle zeitweise unbesetzt")
    page.audited_on.setDate(QDate(2027, 7, 1))
    page.save()
    assert context.undo_stack.count() == steps + 1
    report = project.find(UsageReport, application_id=ids["lesen"], year=2026)
    assert report.narrative == "Der Leseclub traf sich wöchentlich." and report.audit == "recovery"
    claim = project.find(Revocation, usage_report_id=report.id)
    assert claim.claim == 5_654.33 and claim.scope == "proof"
    assert "Rückforderung: 5.654,33 €" in page.summary.text()
    assert page.pdf_button.isEnabled()
    target = tmp_path / "nachweis.pdf"
    monkeypatch.setattr(proof, "choose_pdf", lambda parent, name: str(target))
    page.write_pdf()
    text = " ".join(" ".join(pdf_text(target)).split())
    assert "Verwendungsnachweis 2026" in text and "Der Leseclub traf sich wöchentlich." in text
    assert "12.345,67 €" in text and "Rückforderung: 5.654,33 €" in text
    context.undo_stack.undo()
    assert project.find(UsageReport, application_id=ids["lesen"], year=2026) is None
    assert project.find(Revocation, application_id=ids["lesen"]) is None
    context.undo_stack.redo()
    report = project.find(UsageReport, application_id=ids["lesen"], year=2026)
    assert report.audit == "recovery"
    assert project.find(Revocation, usage_report_id=report.id).claim == 5_654.33


def test_second_save_is_undone_to_the_first(decided_page, qtbot):
    from k360desk.ui.rounds import proof

    widget, context, project, ids = decided_page
    after = widget.aftercare
    widget.tabs.setCurrentWidget(after)
    page = after.proof
    page.application.setCurrentIndex(page.application.findData(ids["lesen"]))
    page.year.setCurrentIndex(page.year.findData(2027))
    page.narrative.setPlainText("erste Fassung")
    _type(page, "Miete", proof.PLANNED, "1.200,50")
    page.save()
    page.narrative.setPlainText("zweite Fassung")
    _type(page, "Miete", proof.PLANNED, "1.300")
    page.save()
    report = project.find(UsageReport, application_id=ids["lesen"], year=2027)
    assert report.narrative == "zweite Fassung"
    context.undo_stack.undo()
    report = project.find(UsageReport, application_id=ids["lesen"], year=2027)
    assert report.narrative == "erste Fassung"
    lines = project.link_frame("proof_lines", usage_report_id=report.id)
    assert 1_200.5 in lines["planned"].tolist()
    assert page.narrative.toPlainText() == "erste Fassung"
