"""Values grid benchmark: the 550 × 15 grid of one indicator at city scale. Prints medians.

Measures (1) reading one indicator's values and filling the grid model (``set_rows``), (2)
sorting a period column, (3) filtering districts, (4) ``data()`` calls and time per repaint
of a full-HD viewport (beside a C++ model as reference), (5) scrolling by a page and by one
wheel notch; then (6) the facilities table with 4,000 records (reload, sort by a linked
record, filter). The project is the demo generator's city scale
(``create_demo(scale="city")``) when that works, else 550 districts × 15 periods × 20
indicators synthesised here.

Run: ``PYTHONPATH=src QT_QPA_PLATFORM=offscreen python bench/bench_grid.py [--runs 7]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DISTRICTS, PERIODS, INDICATORS = 550, 15, 20


def synthetic_project():
    """550 districts, 15 periods, 20 indicators (165,000 values), built in code."""
    import numpy as np

    from k360desk.projectfile import District, Indicator, Project

    project = Project.create("Bench-Stadt")
    districts = [District(code=f"{i + 1:04d}", name=f"Planungsraum {i + 1}")
                 for i in range(DISTRICTS)]
    ids = project.add_many(districts)
    indicators = [Indicator(key=f"ind_{k:03d}", name=f"Indikator {k}") for k in range(INDICATORS)]
    ind_ids = project.add_many(indicators)
    rng = np.random.default_rng(1)
    rows = [{"indicator_id": i, "district_id": d, "period": 2010 + p,
             "value": float(rng.integers(0, 5000)), "status": "final"}
            for i in ind_ids for d in ids for p in range(PERIODS)]
    project.set_values(rows)
    return project, "synthetisch (550 × 15 × 20)"


def city_project():
    """The demo generator's city scale, or the synthetic project when that fails."""
    try:
        from k360desk.demo import create_demo

        return create_demo(scale="city"), "Demo-Generator, scale=city"
    except Exception as exc:  # noqa: BLE001 - a broken generator must not stop the bench
        print(f"create_demo(scale='city') nicht verfügbar ({type(exc).__name__}: {exc});"
              " nehme synthetisches Projekt")
        return synthetic_project()


def median_ms(fn, runs: int) -> float:
    """Median wall time of ``fn()`` in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--synthetic", action="store_true", help="skip the demo generator")
    args = parser.parse_args()

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    start = time.perf_counter()
    project, origin = synthetic_project() if args.synthetic else city_project()
    print(f"Projekt: {origin}, {project.count('districts')} Sozialräume, "
          f"{project.count('indicator_values')} Werte, aufgebaut in "
          f"{time.perf_counter() - start:.1f} s")

    from k360desk.projectfile import District, Indicator
    from k360desk.ui.context import ProjectContext
    from k360desk.ui.editors.values_grid import ValuesGrid
    from k360desk.ui.models.grid import FIXED

    context = ProjectContext()
    context.set_project(project)
    grid = ValuesGrid(context)
    grid.resize(1920, 1080)
    grid.show()
    app.processEvents()
    keys = {i.key: i.id for i in project.all(Indicator)}
    counts = project.values_frame().groupby("indicator").size()
    key = counts.idxmax()
    grid.set_indicator(keys[key])
    app.processEvents()
    model, proxy, view = grid.model, grid.proxy, grid.table
    print(f"Indikator „{key}“: {model.rowCount()} Zeilen × {len(model.periods)} Jahre")

    ind = project.get(Indicator, keys[key])
    periods = project.periods()

    def read():
        return (project.frame(District).sort_values("code"),
                project.values_frame(indicators=[ind.key]))

    districts, values = read()

    def fill():
        model.indicator_id = None  # force a full reset, as when another indicator is chosen
        model.set_rows(districts, periods, values, ind.id, ind.decimals)

    results = {
        "Werte lesen (1 Abfrage + Sozialräume)": median_ms(read, args.runs),
        "set_rows (Modell neu füllen)": median_ms(fill, args.runs),
        "reload gesamt (lesen + füllen)": median_ms(grid.reload, args.runs),
    }
    order = [Qt.SortOrder.AscendingOrder]

    def sort():
        order[0] = (Qt.SortOrder.DescendingOrder if order[0] == Qt.SortOrder.AscendingOrder
                    else Qt.SortOrder.AscendingOrder)
        view.sortByColumn(FIXED + len(model.periods) - 1, order[0])

    results["Sortieren nach einem Jahr"] = median_ms(sort, args.runs)
    flip = [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder]
    results["Sortieren nach Schlüssel"] = median_ms(
        lambda: view.sortByColumn(0, flip.append(flip.pop(0)) or flip[0]), args.runs)
    texts = ["12", "", "planungsraum 5", ""]
    results["Filtern (Sozialräume)"] = median_ms(
        lambda: proxy.setFilterFixedString(texts.append(texts.pop(0)) or texts[0]), args.runs)
    proxy.setFilterFixedString("")
    app.processEvents()

    calls, paint = [], []
    for _ in range(args.runs):
        model.data_calls = 0
        start = time.perf_counter()
        view.viewport().repaint()
        paint.append((time.perf_counter() - start) * 1000)
        calls.append(model.data_calls)
    results["Neuzeichnen des sichtbaren Bereichs"] = statistics.median(paint)
    bar = view.verticalScrollBar()

    def scroll():
        bar.setValue((bar.value() + bar.pageStep()) % max(bar.maximum(), 1))
        view.viewport().repaint()

    results["Blättern um eine Seite (inkl. Zeichnen)"] = median_ms(scroll, args.runs)
    bar.setValue(0)
    app.processEvents()
    wheel_calls = []

    def wheel():
        model.data_calls = 0
        bar.setValue(bar.value() + 3)  # one wheel notch: Qt scrolls and paints the new rows
        app.processEvents()
        wheel_calls.append(model.data_calls)

    results["Mausrad um 3 Zeilen (inkl. Zeichnen)"] = median_ms(wheel, args.runs)
    first = view.rowAt(0)
    last = view.rowAt(view.viewport().height() - 1)
    visible_rows = (last if last >= 0 else model.rowCount() - 1) - first + 1
    visible_cells = visible_rows * model.columnCount()

    results["zum Vergleich: C++-Modell, gleiche Texte"] = baseline_repaint(model, args.runs)
    for name, value in results.items():
        print(f"{name:42s} {value:8.1f} ms (Median aus {args.runs})")
    print(f"{'data()-Aufrufe je Neuzeichnen':42s} {statistics.median(calls):8.0f}"
          f"   für {visible_rows} sichtbare Zeilen × {model.columnCount()} Spalten"
          f" = {visible_cells} Zellen ({statistics.median(calls) / visible_cells:.1f} je Zelle)")
    print(f"{'data()-Aufrufe je Mausrad-Schritt':42s} {statistics.median(wheel_calls):8.0f}")
    bench_facilities(context, project, args.runs)
    context.set_project(None)
    project.close()
    return 0


def baseline_repaint(model, runs: int) -> float:
    """Repaint time of a QStandardItemModel with the same texts (no Python in data())."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    plain = QStandardItemModel(model.rowCount(), model.columnCount())
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            plain.setItem(r, c, QStandardItem(model.index(r, c).data() or ""))
    view = QTableView()
    view.setModel(plain)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.resize(1920, 1080)
    view.show()
    QApplication.instance().processEvents()
    result = median_ms(view.viewport().repaint, runs)
    view.close()
    return result


def bench_facilities(context, project, runs: int) -> None:
    """Reload, sort and filter the facilities table at city scale (4,000 records)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from k360desk.projectfile import Facility, FacilityType, Provider
    from k360desk.ui.editors.providers import ProvidersPage

    if project.count("facilities") < 4000:
        providers = project.add_many([Provider(name=f"Träger {i}") for i in range(800)])
        types = project.add_many([FacilityType(name=f"Einrichtungsart {i}") for i in range(30)])
        project.add_many([Facility(name=f"Einrichtung {i}", provider_id=providers[i % 800],
                                   type_id=types[i % 30], capacity=float(i % 120),
                                   opened="2020-01-01") for i in range(4000)])
    app = QApplication.instance()
    start = time.perf_counter()
    page = ProvidersPage(context)
    page.resize(1920, 1080)
    page.show()
    app.processEvents()
    built = (time.perf_counter() - start) * 1000
    section = page.facilities
    order = [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder]
    words = ["einrichtung 12", ""]
    results = {
        "Seite aufbauen und zeigen": built,
        "reload (gleiche Datensätze)": median_ms(section.reload, runs),
        "Sortieren nach Träger (Auswahlspalte)": median_ms(
            lambda: section.table.sortByColumn(1, order.append(order.pop(0)) or order[0]), runs),
        "Sortieren nach Plätzen (Zahl)": median_ms(
            lambda: section.table.sortByColumn(section.model.column_of("capacity"),
                                               order.append(order.pop(0)) or order[0]), runs),
        "Filtern (Suchtext)": median_ms(
            lambda: section.filter.setText(words.append(words.pop(0)) or words[0]), runs),
    }
    print(f"Einrichtungen: {section.model.rowCount()} Datensätze")
    for name, value in results.items():
        print(f"{name:42s} {value:8.1f} ms (Median aus {runs})")


if __name__ == "__main__":
    sys.exit(main())
