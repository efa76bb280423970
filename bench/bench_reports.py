"""Report benchmark at city scale: prints medians, checks nothing.

The city-scale demo (550 Quartiere, 120 indicators × 15 years, 4,000 facilities) is built
once and cached in the temp folder together with a stored social index run. Measured:

- one district profile (two pages) from the open project, warm (the app has its modules loaded);
- the locator map of one profile: reportlab vector drawing (our renderer) against matplotlib
  ``savefig`` to PNG of the same map, and the ratio;
- the profile book of all 550 Quartiere with two worker processes: seconds, pages, megabytes.

Goals (issue 24): profile ≤ 0,3 s warm, book of 550 profiles ≤ 15 s on two cores (issue 7:
book size ≤ 40 MB).
Run: ``PYTHONPATH=src python bench/bench_reports.py [--runs 5] [--skip-book]``
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from goals import report, work_folder  # noqa: E402

CACHE = work_folder("reports-city.k360")


def city() -> Path:
    """The cached city-scale demo with a stored index run (built on first use)."""
    if CACHE.exists():
        return CACHE
    from k360desk.cli import main
    from k360desk.demo import write_demo

    started = time.perf_counter()
    partial = CACHE.with_suffix(".building.k360")
    write_demo(partial, scale="city")
    # The index command prints its 550-row result table; the bench shows only its figures.
    arguments = ["index", str(partial), "--preset", "berlin-mss", "--period", "2024",
                 "--status", "alo_quote,sgb2_quote,kinderarmut,altersarmut",
                 "--population", "einwohner", "--store"]
    with contextlib.redirect_stdout(io.StringIO()):
        done = main(arguments) == 0
    assert done
    partial.replace(CACHE)
    print(f"city-scale demo built and cached in {time.perf_counter() - started:.0f} s: {CACHE}")
    return CACHE


def bench_profile(project, codes: list[str], runs: int) -> tuple[list[float], list[float], float]:
    """Seconds per single profile (load, lay out, write to memory): wall clock and CPU, and
    the first profile after opening (imports, fonts, the data all profiles share)."""
    from k360desk.export.pdf.profile import write_profile

    # The first profile after opening also reads what all profiles share: the baseline.
    started = time.perf_counter()
    write_profile(project, codes[0], io.BytesIO())
    first = time.perf_counter() - started
    times, cpu = [], []
    for i in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        write_profile(project, codes[(i + 1) % len(codes)], io.BytesIO())
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return times, cpu, first


def _cpu_with_workers() -> float:
    """CPU seconds of this process and of its finished worker processes."""
    try:
        import resource
    except ImportError:  # Windows: this process only
        return time.process_time()
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bench_locator(project, n: int) -> tuple[list[float], list[float]]:
    """Seconds per locator map: reportlab (one page each, base as a reused form) vs matplotlib PNG."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from k360desk.analysis.mapspec import build_category_spec
    from k360desk.export.map_render import draw_map
    from k360desk.export.pdf.map_flowable import LocatorMap
    from k360desk.export.pdf.profile_data import ProfileData

    data = ProfileData.load(project, None)
    data.load_bases(project)
    level = max(data.bases, key=lambda lv: len(data.bases[lv].ids))
    base = data.bases[level]
    ids = [int(i) for i in base.ids[:n]]

    ours = []
    canvas = Canvas(io.BytesIO())
    for district_id in ids:
        started = time.perf_counter()
        flowable = LocatorMap(base, district_id, 62 * mm, 56 * mm, data.outlines.get(level))
        flowable.drawOn(canvas, 100, 100)
        canvas.showPage()
        ours.append(time.perf_counter() - started)
    canvas.save()

    import numpy as np
    import pandas as pd

    theirs = []
    for district_id in ids:
        started = time.perf_counter()
        cats = pd.Series(np.where(base.ids == district_id, "x", "o"), index=base.ids)
        spec = build_category_spec(
            base,
            cats,
            title="",
            legend_title="",
            order=["o", "x"],
            colors={"o": "#e4e4e4", "x": "#2b4c6f"},
            label_mode="none",
        )
        fig = Figure(figsize=(62 / 25.4, 56 / 25.4))
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0, 0, 1, 1))
        draw_map(ax, spec, decorations=False)
        fig.savefig(io.BytesIO(), format="png", dpi=200)
        theirs.append(time.perf_counter() - started)
    return ours, theirs


def bench_book(project, workers: int) -> tuple[float, int, int, int, float]:
    """Seconds, pages, profiles, bytes and CPU seconds (with the workers') of the book of all
    districts of the finest level."""
    from k360desk.export.pdf.book import select_districts, write_book

    frame = project.districts_frame()
    level = frame.loc[frame["level_rank"] == frame["level_rank"].max(), "level"].iloc[0]
    ids = select_districts(project, level=level)
    out = Path(tempfile.gettempdir()) / "k360desk-bench-book.pdf"
    cpu = _cpu_with_workers()
    result = write_book(project, out, ids, workers=workers)
    return result.seconds, result.pages, result.profiles, result.size, _cpu_with_workers() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--maps", type=int, default=30, help="locator maps per renderer")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-book", action="store_true")
    args = parser.parse_args()

    from k360desk.projectfile import Project

    project = Project.open(city(), read_only=True)
    try:
        frame = project.districts_frame()
        codes = list(frame.loc[frame["level_rank"] == frame["level_rank"].max(), "code"].iloc[::97])
        times, cpu, first = bench_profile(project, codes, args.runs)
        report("Quartiersprofil (2 Seiten, Stadt, warm)", statistics.median(times), 0.3, unit="s",
               baseline=first, baseline_label="erstes Profil nach dem Öffnen",
               note=f"CPU {statistics.median(cpu):.2f} s")
        ours, theirs = bench_locator(project, args.maps)
        mo, mt = statistics.median(ours), statistics.median(theirs)
        print(
            f"locator map, reportlab vector: median {mo * 1000:.1f} ms (first map, which writes the "
            f"shared city base once per document: {ours[0] * 1000:.1f} ms); matplotlib savefig PNG: "
            f"median {mt * 1000:.1f} ms; ratio of medians matplotlib/reportlab {mt / mo:.0f}×, "
            f"of totals {sum(theirs) / sum(ours):.0f}× ({len(ours)} maps each)"
        )
        if not args.skip_book:
            seconds, pages, profiles, size, cpu = bench_book(project, args.workers)
            # Baseline: every profile printed on its own, one after the other (the warm median
            # above times the number of profiles).
            report(f"Profilbuch aller Quartiere ({pages} Seiten, {size / 1024**2:.1f} MB,"
                   f" {args.workers} Prozesse)", seconds, 15.0, unit="s",
                   baseline=statistics.median(times) * profiles,
                   baseline_label="Einzelprofile nacheinander (Median × Anzahl)",
                   note=f"CPU aller Prozesse {cpu:.1f} s")
    finally:
        project.close()


if __name__ == "__main__":
    main()
