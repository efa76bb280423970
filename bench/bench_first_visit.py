"""First visit of every page of the main window with the city project: longest GUI stall.

A fresh process opens the city-scale demo (550 Quartiere) and visits every page once, in
the navigation order. Measured: the longest time the GUI thread is busy without returning
to the event loop (page creation, imports on first use, the first build of maps and charts,
each event processed afterwards). Baseline: the same visit with every heavy library imported
on the GUI thread before, i.e. what the first visit costs beyond imports.

Run: ``PYTHONPATH=src python bench/bench_first_visit.py [--runs 3]`` (medians per page; the
GUI thread's CPU time within the longest stall is printed beside it).
Goal (issue 24): no GUI-thread stall over 200 ms on any first visit of a page.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

from goals import ROOT, demo_project, report

VISIT = r"""
import sys, time
from k360desk.ui.app import create_application
app = create_application(smoke=True)
from k360desk.ui.main_window import MainWindow
from k360desk.ui import pages
if sys.argv[2] == "warm":
    import geopandas, matplotlib.backends.backend_qtagg, mapclassify, reportlab  # noqa: F401
window = MainWindow()
window.documents.show_notice = lambda title, text: None
window.documents.show_error = lambda title, text: print("Fehler:", text, file=sys.stderr)
window.resize(1366, 768)
window.show()
app.processEvents()
assert window.documents.open_path(sys.argv[1])
app.processEvents()
worst = {}
for spec in pages.PAGES:
    start, cpu = time.perf_counter(), time.thread_time()
    window.show_page(spec.key)
    longest, longest_cpu = time.perf_counter() - start, time.thread_time() - cpu
    settle = time.perf_counter() + 1.5
    while time.perf_counter() < settle:
        start, cpu = time.perf_counter(), time.thread_time()
        app.processEvents()
        gap = time.perf_counter() - start
        if gap > longest:
            longest, longest_cpu = gap, time.thread_time() - cpu
        time.sleep(0.002)
    worst[spec.key] = (longest * 1000, longest_cpu * 1000)
for key, (ms, cpu_ms) in worst.items():
    print(key, f"{ms:.0f}", f"{cpu_ms:.0f}")
"""


def visit(path: Path, mode: str) -> dict[str, tuple[float, float]]:
    """Per page the longest stall in ms and the GUI thread's CPU ms within it, in a fresh
    process (the CPU time is ours; the rest of the wall time is a loaded machine)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", VISIT, str(path), mode], env=env,
                         capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines() if line.strip()]
    return {row[0]: (float(row[1]), float(row[2])) for row in rows}


def median_visit(path: Path, mode: str, runs: int) -> dict[str, tuple[float, float]]:
    """Per page the median stall and the median CPU time over ``runs`` fresh processes."""
    visits = [visit(path, mode) for _ in range(runs)]
    return {key: (statistics.median(v[key][0] for v in visits),
                  statistics.median(v[key][1] for v in visits)) for key in visits[0]}


def main() -> int:
    """Print the longest stall per page and one goal line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1, help="fresh processes per mode (median)")
    args = parser.parse_args()
    path = demo_project("city")
    cold = median_visit(path, "cold", args.runs)
    warm = median_visit(path, "warm", args.runs)
    for key, (ms, cpu_ms) in cold.items():
        print(f"  {key:<12} {ms:8.0f} ms, CPU {cpu_ms:4.0f} ms"
              f"  (Bibliotheken schon geladen: {warm.get(key, (0, 0))[0]:.0f} ms)")
    cold = {key: ms for key, (ms, _) in cold.items()}
    warm = {key: ms for key, (ms, _) in warm.items()}
    page = max(cold, key=cold.get)
    report(f"Längster Stillstand beim ersten Besuch einer Seite ({page})", cold[page], 200.0,
           baseline=max(warm.values()), baseline_label="ohne Importe")
    return 0


if __name__ == "__main__":
    sys.exit(main())
