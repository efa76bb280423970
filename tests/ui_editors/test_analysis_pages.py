"""The index and coverage pages driven like a planner: keyboard, background run, undo."""

from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import Qt

from tests.analysis.mss_city import MEAN, POP_SD, build_mss_city


@pytest.fixture(autouse=True)
def german():
    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def mss_context(tmp_path, qtbot):
    from k360desk.projectfile import Project
    from k360desk.ui.context import ProjectContext

    project = Project.open(build_mss_city(tmp_path / "mss.k360"))
    ctx = ProjectContext()
    ctx.set_project(project)
    yield ctx
    ctx.set_project(None)
    project.close()


def _check(widget, keys):
    for i in range(widget.count()):
        item = widget.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in keys
                           else Qt.CheckState.Unchecked)


def _column(model, header):
    return dict(zip(model.column_texts("Code"), model.column_texts(header), strict=True))


def _f5(page, qtbot):
    page.show()
    page.activateWindow()
    page.run_button.setFocus()
    qtbot.waitUntil(page.run_button.hasFocus)
    qtbot.keyClick(page.run_button, Qt.Key.Key_F5)


def _run(page, qtbot):
    _f5(page, qtbot)
    assert page.task is not None, page.message.text()
    qtbot.waitUntil(lambda: page.task.finished and page.run_button.isEnabled(), timeout=10000)


def test_index_page_runs_the_preset_stores_undoes_and_compares(qtbot, mss_context):
    from k360desk.figures.indices import runs_frame
    from k360desk.ui.analysis.index_page import IndexPage

    page = IndexPage(mss_context)
    qtbot.addWidget(page)
    page.show()
    assert page.definition.currentData() == "berlin-mss"
    assert page.sd.currentData() == "population" and page.min_at.currentData() == "period"
    _check(page.status_list, {"s1"})
    _check(page.dynamics_list, {"d1"})
    page.source.setCurrentIndex(page.source.findData("indicator"))
    page.population.setCurrentIndex(page.population.findData("ew"))
    assert page.period.value() == 2021
    _run(page, qtbot)
    status = _column(page.model, "Statusklasse")
    assert status["02"] == "hoch" and status["08"] == "niedrig" and status["07"] == ""
    index = dict(zip(page.model.column_texts("Code"),
                     page.model.frame["Statusindex"], strict=True))
    assert index["02"] == pytest.approx((2 - MEAN) / POP_SD, abs=1e-3)
    assert "z s1" in list(page.model.frame.columns)  # the components are shown
    assert "7 von 8 Sozialräumen im Index" in page.message.text()

    page.run_name.setText("MSS 2021")
    qtbot.mouseClick(page.store_button, Qt.MouseButton.LeftButton)
    assert runs_frame(mss_context.project)["name"].tolist() == ["MSS 2021"]
    mss_context.undo_stack.undo()
    assert runs_frame(mss_context.project).empty
    mss_context.undo_stack.redo()
    assert runs_frame(mss_context.project)["name"].tolist() == ["MSS 2021"]

    assert page.status_cuts.text() == "-1; 1; 1,5" and page.dynamics_cuts.text() == "-1; 1"
    page.exclusions.setText("01=Sondergebiet")
    page.status_cuts.setText("-1; 1; 1,2")
    _run(page, qtbot)
    reasons = _column(page.model, "Grund")
    assert reasons["01"] == "ausgeschlossen: Sondergebiet"
    page.status_cuts.setText("-1; eins")
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    assert "keine Zahlen" in page.message.text()
    page.exclusions.setText("")
    page.status_cuts.setText("-1; 1; 1,5")

    page.sd.setCurrentIndex(page.sd.findData("sample"))
    _run(page, qtbot)
    assert _column(page.model, "Statusklasse")["02"] == "mittel"
    page.run_name.setText("Stichprobe")
    qtbot.mouseClick(page.store_button, Qt.MouseButton.LeftButton)
    page.run_a.setCurrentIndex(page.run_a.findText("MSS 2021 (2021)"))
    page.run_b.setCurrentIndex(page.run_b.findText("Stichprobe (2021)"))
    qtbot.mouseClick(page.compare_button, Qt.MouseButton.LeftButton)
    assert page.compare_model.column_texts("Code") == ["02"]
    assert "population → sample" in page.compare_notes.text()


def test_index_page_saves_a_definition_with_undo(qtbot, mss_context):
    from k360desk.figures.indices import definitions_frame
    from k360desk.ui.analysis.index_page import IndexPage

    page = IndexPage(mss_context)
    qtbot.addWidget(page)
    _check(page.status_list, {"s1"})
    page.population.setCurrentIndex(page.population.findData("ew"))
    page.min_population.setValue(500)
    page.run_name.setText("Unsere Variante")
    qtbot.mouseClick(page.save_definition_button, Qt.MouseButton.LeftButton)
    assert "Unsere Variante" in definitions_frame(mss_context.project)["name"].tolist()
    assert page.definition.currentData() == "Unsere Variante"
    mss_context.undo_stack.undo()
    assert "Unsere Variante" not in definitions_frame(mss_context.project)["name"].tolist()
    names = [page.definition.itemData(i) for i in range(page.definition.count())]
    assert names == ["berlin-mss"]  # the choice follows the undo


def test_index_page_says_what_is_missing(qtbot, mss_context):
    from k360desk.ui.analysis.index_page import IndexPage

    page = IndexPage(mss_context)
    qtbot.addWidget(page)
    _check(page.status_list, {"s1"})
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    assert "Einwohnerzahl" in page.message.text() and page.task is None


def test_coverage_page_table_map_and_export(qtbot, context, tmp_path):
    from k360desk.projectfile import Facility, FacilityType
    from k360desk.ui.analysis.coverage_page import CoveragePage

    project = context.project
    kita = project.add(FacilityType(name="Kita"))
    ids = dict(zip(project.districts_frame()["code"], project.districts_frame()["id"],
                   strict=True))
    project.add(Facility(name="Kita Nord", type_id=kita, capacity=55, district_id=ids["11"]))
    page = CoveragePage(context)
    qtbot.addWidget(page)
    page.facility_type.setCurrentText("Kita")
    page.target.setCurrentIndex(page.target.findData("einwohner"))
    page.guide.setValue(20)
    page.period.setValue(2023)
    _f5(page, qtbot)
    assert _column(page.model, "Plätze je 1.000")["11"] == "50,0", page.message.text()
    assert _column(page.model, "Versorgung %")["11"] == "250,0"
    assert page.canvas.spec is not None  # the map is drawn
    out = page.export(str(tmp_path / "v.csv"))
    frame = pd.read_csv(out, sep=";", decimal=",", encoding="utf-8-sig", dtype={"Code": str})
    assert frame.set_index("Code").loc["11", "Versorgung %"] == pytest.approx(250)


def test_coverage_map_says_why_it_is_empty(qtbot, mss_context):
    from k360desk.projectfile import Facility, FacilityType
    from k360desk.ui.analysis.coverage_page import CoveragePage

    project = mss_context.project
    kita = project.add(FacilityType(name="Kita"))
    project.add(Facility(name="Kita A", type_id=kita, capacity=40,
                         district_id=int(project.districts_frame()["id"].iloc[0])))
    page = CoveragePage(mss_context)
    qtbot.addWidget(page)
    page.target.setCurrentIndex(page.target.findData("ew"))
    page.compute()
    assert page.canvas.spec is None and len(page.model.frame) == 8
    texts = [t.get_text() for t in page.canvas.ax.texts]
    assert any("keine Grenzen erfasst" in t for t in texts)
