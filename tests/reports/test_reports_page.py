"""The Berichte page: preview loads in QtPdf, save writes the PDF, printing renders pages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument

from k360desk.ui.context import ProjectContext


def _page(qtbot, project):
    from k360desk.ui.reports_page import ReportsPage

    context = ProjectContext()
    context.set_project(project)
    page = ReportsPage(context)
    qtbot.addWidget(page)
    return page


def test_profile_preview_save_and_print(qtbot, demo, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    page = _page(qtbot, demo)
    assert page.kind.currentData() == "profile" and not page.save_button.isEnabled()
    page.district.setCurrentIndex(page.district.findText("0505", Qt.MatchFlag.MatchStartsWith))
    with qtbot.waitSignal(page.preview_ready, timeout=30000):
        page.create_button.click()
    qtbot.waitUntil(lambda: page.document.status() == QPdfDocument.Status.Ready, timeout=10000)
    assert page.document.pageCount() == 2
    assert "Am Hochfeld" in page.document.getAllText(0).text()
    assert page.save_button.isEnabled() and page.print_button.isEnabled()
    target = tmp_path / "profil.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.save_button.click()
    assert target.read_bytes().startswith(b"%PDF") and "Gespeichert" in page.status.text()

    from PySide6.QtPrintSupport import QPrinter

    from k360desk.ui.reports_page import print_pdf

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "gedruckt.pdf"
    printer.setOutputFileName(str(printed))
    assert print_pdf(page.document, printer) == 2
    assert printed.stat().st_size > 10000


def test_committee_preview_and_word(qtbot, demo, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    page = _page(qtbot, demo)
    page.kind.setCurrentIndex(page.kind.findData("committee"))
    assert page.word_button.isVisibleTo(page) and page.round.count() == 2
    with qtbot.waitSignal(page.preview_ready, timeout=30000):
        page.create_button.click()
    assert "Beschlussvorschlag" in page.document.getAllText(0).text()
    target = tmp_path / "vorlage.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.word_button.click()
    qtbot.waitUntil(target.exists, timeout=30000)
    qtbot.waitUntil(lambda: "Gespeichert" in page.status.text(), timeout=30000)
