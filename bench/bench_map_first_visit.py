"""First visit of "Karten & Diagramme": how long the GUI thread is blocked (goal ≤ 0,2 s).

The demo is opened, the planner reads the overview for a moment (``--pause`` seconds), then
shows the map page. Measured: the longest gap between two ticks of a 10 ms heartbeat timer
on the GUI thread, from opening the page until the map is drawn. Baseline: the same with the
background warm-up switched off (libraries imported on the GUI thread at the first visit).
Each run is a fresh process, since a library is imported only once per process.

Run: ``PYTHONPATH=src python bench/bench_map_first_visit.py [--runs 3] [--pause 5]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL = 0.2


def one_visit(pause: float, warm: bool) -> tuple[float, float]:
    """Run inside a fresh process: the longest GUI stall in seconds and the GUI thread's
    CPU time within it (the part that is ours, not waiting for a loaded machine)."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    from k360desk.ui import warm_up

    if not warm:
        warm_up.start_soon = lambda: None
    from k360desk.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    window.documents.open_demo()
    end = time.perf_counter() + pause
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)
    longest, longest_cpu = 0.0, 0.0
    clock = QElapsedTimer()
    clock.start()
    cpu = time.thread_time()

    def tick() -> None:
        nonlocal longest, longest_cpu, cpu
        gap, now = clock.restart() / 1000, time.thread_time()
        if gap > longest:
            longest, longest_cpu = gap, now - cpu
        cpu = now

    heartbeat = QTimer(interval=10)
    heartbeat.timeout.connect(tick)
    heartbeat.start()
    QTimer.singleShot(0, lambda: window.show_page("maps"))
    deadline = time.perf_counter() + 30
    while time.perf_counter() < deadline:
        app.processEvents()
        page = window.page("maps")
        if page is not None and page.canvas.artists is not None:
            break
        time.sleep(0.002)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)
    window.documents.discard_and_close()
    return longest, longest_cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pause", type=float, default=5.0)
    parser.add_argument("--child", choices=["warm", "cold"])
    args = parser.parse_args()
    if args.child:
        print("%.4f %.4f" % one_visit(args.pause, args.child == "warm"))
        return
    results, cpu = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", K360DESK_DATA_DIR=tmp,
                   PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
        for mode in ("cold", "warm"):
            values, cpus = [], []
            for _ in range(args.runs):
                out = subprocess.run([sys.executable, __file__, "--child", mode, "--pause",
                                      str(args.pause)], env=env, capture_output=True, text=True,
                                     check=True).stdout.strip().splitlines()[-1]
                values.append(float(out.split()[0]))
                cpus.append(float(out.split()[1]))
            results[mode] = statistics.median(values)
            cpu[mode] = statistics.median(cpus)
    ratio = results["warm"] / results["cold"] if results["cold"] else float("nan")
    print(f"Erster Besuch Karten & Diagramme, längste GUI-Sperre: Median {results['warm']:.2f} s,"
          f" Ziel ≤ {GOAL:.2f} s, Ausgangswert {results['cold']:.2f} s, Verhältnis {ratio:.2f};"
          f" Rechenzeit des GUI-Threads darin {cpu['warm']:.2f} s (Ausgangswert {cpu['cold']:.2f} s)")


if __name__ == "__main__":
    main()
