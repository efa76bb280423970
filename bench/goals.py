"""One line per benchmark goal: figure, goal, met or not, and the ratio to a baseline.

Each bench script calls ``report``; with ``K360DESK_BENCH_SUMMARY`` set (scripts/bench.sh
does) the line is also appended to that file, so the run can end with a table of all goals.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))


def _num(value: float, unit: str) -> str:
    from k360desk.formats import format_number

    decimals = (0 if value >= 100 else 1) if unit == "ms" else 2
    return f"{format_number(value, decimals)} {unit}"


def report(label: str, value: float, goal: float | None, unit: str = "ms",
           baseline: float | None = None, baseline_label: str = "", note: str = "") -> bool:
    """Print ``label: figure (Ziel ≤ goal) erreicht|VERFEHLT; Basis …, Faktor …`` on one line."""
    met = goal is None or value <= goal
    parts = [f"{label}: {_num(value, unit)}"]
    if goal is not None:
        parts.append(f"(Ziel ≤ {_num(goal, unit)}) {'erreicht' if met else 'VERFEHLT'}")
    if baseline is not None and value > 0:
        from k360desk.formats import format_number

        name = f" {baseline_label}" if baseline_label else ""
        ratio = baseline / value
        parts.append(f"; Basis{name} {_num(baseline, unit)}, Faktor {format_number(ratio, 1)}"
                     + ((" (weniger als die Basis)" if unit == "MB" else " (schneller als die Basis)")
                        if ratio > 1 else ""))
    if note:
        parts.append(f"; {note}")
    print(" ".join(parts).replace(" ;", ";"), flush=True)
    summary = os.environ.get("K360DESK_BENCH_SUMMARY")
    if summary and goal is not None:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(f"{label}\t{_num(value, unit)}\t≤ {_num(goal, unit)}\t"
                      f"{'ja' if met else 'NEIN'}\n")
    return met


def work_folder(name: str) -> Path:
    """A folder for generated bench projects that works from any checkout location.

    Files in the temp folder count as mail attachments and open read-only; the benches say
    that these are our own documents (the same switch the tests use).
    """
    os.environ["K360DESK_TEMP_AS_DOCUMENTS"] = "1"
    folder = Path(tempfile.gettempdir()) / f"k360desk-bench-{os.getuid() if hasattr(os, 'getuid') else 0}"
    folder.mkdir(exist_ok=True)
    os.environ.setdefault("K360DESK_DATA_DIR", str(folder / "appdata"))
    return folder / name


def demo_project(scale: str) -> Path:
    """The demo project of a scale (city, blocks), built once and kept between runs."""
    from k360desk.projectfile.schema import SCHEMA_VERSION

    path = work_folder(f"{scale}-v{SCHEMA_VERSION}.k360")
    if not path.exists():
        from k360desk.demo import create_demo

        print(f"(baue das Projekt „{scale}“ einmal auf: {path})", flush=True)
        project = create_demo(scale)
        project.save_as(path)
        project.close()
    return path
