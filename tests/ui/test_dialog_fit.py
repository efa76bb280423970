"""Every dialog fits a 1280×720 logical screen (1366×768 at 100 %, 1920×1080 at 150 %).

A dialog may use the whole screen height bar the taskbar (≈ 680 px); it must not ask for
more, and each enabled button must be inside it at the size it opens with.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog

from tests.ui.test_english import english
from tests.ui.test_screen_fit import _scrolls

SCREEN = QSize(1280, 680)


def _problems(dialog: QDialog, name: str) -> list[str]:
    found = []
    minimum = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    if minimum.width() > SCREEN.width() or minimum.height() > SCREEN.height():
        found.append(f"{name}: Mindestgröße {minimum.width()}×{minimum.height()}")
    # Opened as Qt opens it: at its size hint, kept on the screen.
    size = dialog.size().expandedTo(minimum).boundedTo(SCREEN)
    dialog.resize(size)
    for _ in range(3):
        QApplication.processEvents()
    area = dialog.rect()
    for button in dialog.findChildren(QAbstractButton):
        if not (button.isVisible() and button.isEnabled()) or _scrolls(button, dialog):
            continue
        rect = button.rect().translated(button.mapTo(dialog, button.rect().topLeft()))
        if rect.isEmpty():  # a table's corner button beside a hidden row header
            continue
        if not area.contains(rect):
            label = button.text() or button.accessibleName() or button.objectName()
            found.append(f"{name}: Schaltfläche „{label}“ außerhalb ({rect.x()},{rect.y()}) "
                         f"bei {size.width()}×{size.height()}")
    return found


@pytest.fixture(params=["de", "en"])
def language(request, qapp):
    """German, and English, whose texts are longer."""
    if request.param == "de":
        yield "de"
        return
    yield from english.__wrapped__(qapp)


@pytest.fixture
def demo(language, window, answers, arial_metrics):
    window.documents.open_demo()
    return window.context


def _check(qtbot, dialog, name) -> list[str]:
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(3):
        QApplication.processEvents()
    found = _problems(dialog, name)
    dialog.close()
    return found


def test_every_dialog_fits_1280x680(demo, language, qtbot, tmp_path, monkeypatch, write_values_csv):
    from k360desk.ui.exchange_dialogs import BackupsDialog, MergeDialog, SendCopyDialog
    from k360desk.ui.grid_import_dialog import GridImportDialog
    from k360desk.ui.help import AboutDialog, HelpDialog
    from k360desk.ui.import_dialog import ImportDialog
    from k360desk.ui.new_project_dialog import NewProjectDialog
    from k360desk.ui.questionnaire.report_dialog import AnswersReportDialog
    from k360desk.ui.rounds import ranking
    from k360desk.ui.rounds.page import ProgrammesDialog

    problems: list[str] = []
    for kind in ("districts", "values", "facilities"):
        problems += _check(qtbot, ImportDialog(demo, kind), f"Import {kind}")
    mapping = ImportDialog(demo, "values")
    mapping.set_source(write_values_csv)
    problems += _check(qtbot, mapping, "Import values mit Zuordnung")
    problems += _check(qtbot, GridImportDialog(demo), "Zensus-Gitter")
    new_project = NewProjectDialog()
    assert (language == "de") == ("Projekt" in new_project.windowTitle())
    problems += _check(qtbot, new_project, "Neues Projekt")
    problems += _check(qtbot, SendCopyDialog(demo), "Kopie senden")
    other = tmp_path / "kollegin.k360"
    demo.project.write_copy(other)
    problems += _check(qtbot, MergeDialog(demo, other), "Zusammenführen")
    problems += _check(qtbot, BackupsDialog(demo), "Frühere Fassungen")
    problems += _check(qtbot, HelpDialog("overview"), "Hilfe")
    problems += _check(qtbot, AboutDialog(), "Über")
    problems += _check(qtbot, ProgrammesDialog(demo), "Förderprogramme")
    problems += _check(qtbot, AnswersReportDialog(SimpleNamespace(reports=[], taken=0, skipped=0)),
                       "Bericht Antworten")

    # The round dialogs are built and shown in one function: check them where they open.
    def opened(self):
        problems.extend(_problems(self, self.windowTitle()))
        return QDialog.DialogCode.Rejected
    monkeypatch.setattr(QDialog, "exec", opened)
    years = list(range(2026, 2031))
    ranking.override_dialog(None, "Bewegte Kindheit – Sport im Quartier", years,
                            dict.fromkeys(years, 25_000.0), dict.fromkeys(years, 30_000.0))
    ranking.decision_dialog(None, [(1, "Sozialausschuss, 24.06.2025", "2025-06-24")])
    assert not problems, "\n".join(problems)


@pytest.fixture
def write_values_csv(tmp_path):
    path = tmp_path / "werte.csv"
    rows = ["Gebiet;Jahr;Einwohner;Arbeitslose;SGB-II-Quote;Bemerkung zur Lieferung"]
    rows += [f"{11 + i};2024;{1000 + i};{i};{i / 10:.1f};vorläufig" for i in range(40)]
    path.write_text("\n".join(rows), encoding="utf-8")
    return path
