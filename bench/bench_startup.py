"""Startup benchmarks of the GUI: prints medians, checks nothing.

1. Cold start to a usable main window with the demo: ``python -m k360desk --demo --smoke`` in
   fresh processes (goal ≤ 0,6 s, issue 24). The first run builds the cached demo and is shown apart.
2. Opening a city-scale project (550 districts, ~1 M values) in a running application until
   the overview is drawn (goal ≤ 0,6 s with the full checks of a received file). Needs the
   demo generator (``k360desk demo --scale city``); without it this part is skipped.
3. Which heavy libraries the startup path imports (there should be none).

Run: ``PYTHONPATH=src python bench/bench_startup.py [--runs 5]``
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from goals import report  # noqa: E402

HEAVY = ("pandas", "numpy", "geopandas", "shapely", "matplotlib", "reportlab", "mapclassify",
         "scipy", "pyogrio", "openpyxl")


def _env(data: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env["K360DESK_DATA_DIR"] = str(data)
    env["QT_QPA_PLATFORM"] = "offscreen"
    # An installed app starts from compiled bytecode; a shell that forbids writing it would
    # add the compiling of every module (~0,9 s) to each start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def smoke_once(data: Path) -> tuple[float, float]:
    """One fresh process; returns (wall-clock seconds, reported seconds)."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "k360desk", "--demo", "--smoke"],
                            env=_env(data), capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    match = re.search(r"nach (\d+),(\d+) s", result.stdout)
    reported = float(f"{match.group(1)}.{match.group(2)}") if match else float("nan")
    return wall, reported


def bench_cold_start(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        first_wall, first_reported = smoke_once(data)
        print(f"Erster Start (baut das Demo-Projekt): {first_wall:.2f} s"
              f" (gemeldet {first_reported:.2f} s)")
        walls, reported = [], []
        for _ in range(runs):
            wall, rep = smoke_once(data)
            walls.append(wall)
            reported.append(rep)
        # Baseline: a start that loads every library of the app before its window.
        naive = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import PySide6.QtWidgets, pandas, geopandas,"
                            " matplotlib.backends.backend_qtagg, reportlab.platypus"],
                           env=_env(data), check=True)
            naive.append(time.perf_counter() - start)
        report(f"Kaltstart bis Hauptfenster mit Demo (Median aus {runs}, Prozess gesamt"
               f" {statistics.median(walls):.2f} s)", statistics.median(reported), 0.6, unit="s",
               baseline=statistics.median(naive), baseline_label="nur alle Bibliotheken laden")


def heavy_imports() -> None:
    code = ("import sys, k360desk.cli, k360desk.ui.app, k360desk.ui.main_window;"
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([sys.executable, "-c", code], env=_env(Path(tmp)),
                             capture_output=True, text=True, check=True).stdout.strip()
    print(f"Schwere Bibliotheken im Startpfad: {out or 'keine'}")


CITY_OPEN = """
import statistics, sys, time
from k360desk.ui.app import create_application
app = create_application(smoke=True)
from k360desk.ui.main_window import MainWindow
window = MainWindow()
# Notices (e.g. "file in a temporary folder, opened read-only") must not block the run.
window.documents.show_notice = lambda title, text: print("Hinweis:", text, file=sys.stderr)
window.documents.show_error = lambda title, text: print("Fehler:", text, file=sys.stderr)
window.show()
app.processEvents()
times = []
for _ in range({runs}):
    start = time.perf_counter()
    assert window.documents.open_path(sys.argv[1])
    app.processEvents()
    window.grab()
    times.append(time.perf_counter() - start)
    window.documents.discard_and_close()
    app.processEvents()
print(f"{{statistics.median(times):.3f}} {{min(times):.3f}} {{max(times):.3f}}")
"""


FILE_OPEN = """
import statistics, sys, time
from k360desk.projectfile import Project
walls, cpu = [], []
for _ in range({runs}):
    start, start_cpu = time.perf_counter(), time.process_time()
    Project.open(sys.argv[1], temp_is_document=True).close()
    walls.append(time.perf_counter() - start)
    cpu.append(time.process_time() - start_cpu)
# Baseline: what a plain SQLite program does to trust a file it received.
import sqlite3
naive = []
for _ in range({runs}):
    start = time.perf_counter()
    con = sqlite3.connect(sys.argv[1])
    con.execute("PRAGMA integrity_check").fetchall()
    con.execute("PRAGMA foreign_key_check").fetchall()
    con.close()
    naive.append(time.perf_counter() - start)
print(f"{{statistics.median(walls):.3f}} {{statistics.median(cpu):.3f}} {{statistics.median(naive):.3f}}")
"""


def bench_received_file(runs: int, city: Path) -> None:
    """Opening alone (checks, copy, views), in a process whose data folder has never seen
    the file: the full checks of a received file, without the window."""
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([sys.executable, "-c", FILE_OPEN.format(runs=runs), str(city)],
                             env=_env(Path(tmp)), capture_output=True, text=True,
                             check=True).stdout
        wall, cpu, naive = (float(x) for x in out.split())
        report("Empfangene Stadt-Datei öffnen (Project.open, volle Prüfung)", wall, 0.6,
               unit="s", baseline=naive, baseline_label="integrity_check + foreign_key_check",
               note=f"CPU {cpu:.2f} s")


def bench_city_open(runs: int, city: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        if not city.exists():
            try:
                subprocess.run([sys.executable, "-m", "k360desk", "demo", str(city), "--scale",
                                "city"], env=_env(data), capture_output=True, text=True,
                               check=True)
            except subprocess.CalledProcessError as exc:
                print("Stadt-Projekt übersprungen: der Demo-Generator fehlt oder scheiterte"
                      f" ({(exc.stderr or exc.stdout).strip().splitlines()[-1:]})")
                return
        size = city.stat().st_size / 1024**2
        out = subprocess.run([sys.executable, "-c", CITY_OPEN.format(runs=runs), str(city)],
                             env=_env(data), capture_output=True, text=True, check=True).stdout
        median, low, high = (float(x) for x in out.split())
        report(f"Empfangenes Stadt-Projekt öffnen ({size:.0f} MB, volle Prüfung) bis Übersicht"
               f" gezeichnet (min {low:.2f}, max {high:.2f} s)", median, 0.6, unit="s")
    bench_received_file(runs, city)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--city", type=Path, default=Path(tempfile.gettempdir()) / "city.k360")
    args = parser.parse_args()
    heavy_imports()
    bench_cold_start(args.runs)
    bench_city_open(args.runs, args.city)
    return 0


if __name__ == "__main__":
    sys.exit(main())
