"""First visit of every page of the main window with the city project: longest GUI stall.

A fresh process opens the city-scale demo (550 Quartiere) and visits every page once, in
the navigation order. Measured: the longest time the GUI thread is busy without returning
to the event loop (page creation, imports on first use, the first build of maps and charts,
each event processed afterwards). Baseline: the same visit with every heavy library imported
on the GUI thread before, i.e. what the first visit costs beyond imports.

Run: ``PYTHONPATH=src python bench/bench_first_visit.py``
Goal (issue 24): no GUI-thread stall over 200 ms on any first visit of a page.
"""

from __future__ import annotations

import os
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
    start = time.perf_counter()
    window.show_page(spec.key)
    longest = time.perf_counter() - start
    settle = time.perf_counter() + 1.5
    while time.perf_counter() < settle:
        start = time.perf_counter()
        app.processEvents()
        longest = max(longest, time.perf_counter() - start)
        time.sleep(0.002)
    worst[spec.key] = longest * 1000
for key, ms in worst.items():
    print(key, f"{ms:.0f}")
"""


def visit(path: Path, mode: str) -> dict[str, float]:
    """Per page the longest stall in ms, in a fresh process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", VISIT, str(path), mode], env=env,
                         capture_output=True, text=True, check=True).stdout
    return {line.split()[0]: float(line.split()[1]) for line in out.splitlines() if line.strip()}


def main() -> int:
    """Print the longest stall per page and one goal line."""
    path = demo_project("city")
    cold = visit(path, "cold")
    warm = visit(path, "warm")
    for key, ms in cold.items():
        print(f"  {key:<12} {ms:8.0f} ms  (Bibliotheken schon geladen: {warm.get(key, 0):.0f} ms)")
    page = max(cold, key=cold.get)
    report(f"Längster Stillstand beim ersten Besuch einer Seite ({page})", cold[page], 200.0,
           baseline=max(warm.values()), baseline_label="ohne Importe")
    return 0


if __name__ == "__main__":
    sys.exit(main())
