"""Indicator switch on "Karten & Diagramme" as the planner sees it, through the real widgets.

Each switch chooses another indicator in the page's combo box and waits until the map and
the chart beside it are rendered and painted. The blocks project (15,000 districts) hides
26 % of the SGB-II values by disclosure control. Baseline: what a plain script would do
per switch, a fresh ``GeoDataFrame.plot`` (suppressed hatched) plus a bar chart with
``ax.bar``, both rendered at the same size.

Run: ``PYTHONPATH=src python bench/bench_map_page.py [--quick]``
Goals (issue 24): ≤ 100 ms at 550 districts, ≤ 500 ms at 15,000 with a quarter suppressed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from goals import demo_project, report

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SCALES = {"city": ("Stadt, 550 Sozialräume", 100.0), "blocks": ("Blöcke, 15.000 Flächen", 500.0)}


def _idle(app, page) -> None:
    """Process events until nothing of the switch is pending, then paint synchronously."""
    canvases = (page.canvas, page.charts.canvas)
    while (page._update.isActive() or page._chart_update.isActive()
           or getattr(page, "_loading", None) is not None
           or getattr(page, "_periods_task", None) is not None
           or any(getattr(c, "_draw_pending", False) for c in canvases)):
        app.processEvents()
    page.repaint()


def _keys(project, scale: str) -> list[str]:
    indicators = project.indicators_frame()
    if scale == "blocks":
        return ["sgb2_quote", "einwohner", "sgb2", "einw_u18"]
    shares = indicators[indicators["kind"].isin(["share", "rate"])]
    return list(shares["key"])[:8]


def bench_page(path, scale: str, repeats: int,
               profile: str | None = None) -> tuple[float, float, list[str], object]:
    """Median ms (wall clock, CPU) of a switch on the real page; the keys; the open project.

    With ``profile`` the timed switches run under cProfile and the statistics go to that file.
    """
    from k360desk.projectfile import Project
    from k360desk.ui.app import create_application
    from k360desk.ui.context import ProjectContext
    from k360desk.ui.map_view import MapPage

    app = create_application(smoke=True)
    project = Project.open(path, read_only=True)
    context = ProjectContext()
    context.set_project(project)
    page = MapPage(context)
    page.resize(1300, 760)
    page.show()
    keys = _keys(project, scale)
    for key in keys:  # the first visit of each indicator reads and caches its table
        page.indicator.setCurrentIndex(page.indicator.findData(key))
        _idle(app, page)
    times, cpu = [], []
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    for i in range(repeats):
        index = page.indicator.findData(keys[(i + 1) % len(keys)])
        start, start_cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        page.indicator.setCurrentIndex(index)
        _idle(app, page)
        if profiler:
            profiler.disable()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        deadline = time.perf_counter() + 0.2  # later label placement must not count twice
        while time.perf_counter() < deadline:
            app.processEvents()
        _idle(app, page)
    if profiler:
        profiler.dump_stats(profile)
    page.close()
    page.deleteLater()
    app.processEvents()
    return statistics.median(times), statistics.median(cpu), keys, project


def bench_naive(project, keys: list[str], repeats: int) -> float:
    """Median ms of a fresh GeoDataFrame.plot map and an ax.bar chart per switch."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from k360desk.export.map_data import indicator_map_spec

    period = project.periods()[-1]
    specs = [indicator_map_spec(project, key, period) for key in keys]
    districts = project.districts_frame()
    times = []
    for i in range(repeats):
        spec = specs[i % len(specs)]
        frame = districts.loc[list(spec.base.ids)].copy()
        frame["value"] = spec.values
        hidden = np.asarray(spec.suppressed_mask())
        start = time.perf_counter()
        fig = Figure(figsize=(13, 7.6), dpi=100)
        canvas = FigureCanvasAgg(fig)
        ax_map, ax_bar = fig.subplots(1, 2, width_ratios=[2, 1])
        ax_map.set_axis_off()
        frame.plot(column="value", scheme="quantiles", k=5, cmap="YlOrRd", ax=ax_map,
                   legend=True, edgecolor="white", linewidth=0.5,
                   missing_kwds={"color": "#e3e3e3"})
        if hidden.any():
            frame[hidden].plot(ax=ax_map, facecolor="none", edgecolor="#8c8c8c", hatch="////",
                               linewidth=0)
        values = np.sort(np.nan_to_num(frame["value"].to_numpy(dtype=float)))[::-1]
        ax_bar.bar(np.arange(len(values)), values, width=1.0, color="#6b8fb5")
        canvas.draw()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Print one line per scale: median switch, goal, met, baseline ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="weniger Wiederholungen")
    parser.add_argument("--scale", choices=sorted(SCALES), action="append",
                        help="nur diese Größe (mehrfach möglich)")
    parser.add_argument("--profile", metavar="DATEI",
                        help="Wechsel unter cProfile, Statistik nach DATEI.<Größe>")
    args = parser.parse_args(argv)
    for scale in args.scale or list(SCALES):
        label, goal = SCALES[scale]
        path = demo_project(scale)
        repeats = (5 if args.quick else 15) if scale == "city" else (3 if args.quick else 7)
        median, cpu, keys, project = bench_page(
            path, scale, repeats, f"{args.profile}.{scale}" if args.profile else None)
        naive = bench_naive(project, keys, 1 if scale == "blocks" or args.quick else 3)
        project.close()
        report(f"Indikatorwechsel Karte + Diagramm ({label})", median, goal,
               baseline=naive, baseline_label="GeoDataFrame.plot + ax.bar",
               note=f"Rechenzeit {cpu:.0f} ms (Wanduhr zählt Warten auf die CPU mit)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
