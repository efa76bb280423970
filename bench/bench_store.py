"""Issue 2 performance at the "city" scale: build, open + load, save. Prints medians.

Run from the checkout:  PYTHONPATH=src python bench/bench_store.py [--runs 3] [--blocks]
Targets: build ≤ 30 s; open + districts frame + one indicator for all periods ≤ 1 s;
save (compact copy + atomic replace) ≤ 3 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from goals import report, work_folder  # noqa: E402


def _median(label: str, times: list[float], target: float | None = None) -> None:
    if target is not None:
        spread = ", ".join(f"{t:.2f}" for t in times)
        report(f"{label} [{spread}]", statistics.median(times), target, unit="s")
        return
    verdict = "" if target is None else ("  ok" if statistics.median(times) <= target
                                          else "  ÜBER ZIEL")
    spread = ", ".join(f"{t:.2f}" for t in times)
    goal = f" (Ziel ≤ {target:g} s)" if target is not None else ""
    print(f"{label:<46}{statistics.median(times):8.2f} s{goal}{verdict}   [{spread}]")


def main() -> None:
    """Build, open and save the city-scale project a few times and print medians."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="Wiederholungen (Standard 3)")
    parser.add_argument("--blocks", action="store_true", help="auch die Blocks-Größe messen")
    args = parser.parse_args()
    # In the temp folder, but marked as our own documents: from any checkout location the
    # files open writable (a checkout under the temp folder made them read-only attachments).
    folder = work_folder("store")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    try:
        _run(folder, args)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(folder: Path, args: argparse.Namespace) -> None:
    from k360desk.demo import create_demo
    from k360desk.projectfile import Project

    target = folder / "city.k360"
    build, write, cpu = [], [], []
    for run in range(args.runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        project = create_demo("city", seed=360 + run)
        build.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        start = time.perf_counter()
        project.save_as(target)
        write.append(time.perf_counter() - start)
        counts = project.counts()
        project.close()
    def n(key: str) -> str:
        return f"{counts[key]:,}".replace(",", ".")

    print(f"city: {n('districts')} Sozialräume, {n('indicators')} Indikatoren,"
          f" {n('indicator_values')} Werte, {n('facilities')} Einrichtungen,"
          f" {n('providers')} Träger, {n('applications')} Anträge")
    print(f"Dateigröße city.k360: {target.stat().st_size / 1024 ** 2:.1f} MB")
    _median("Aufbau des Projekts (Arbeitskopie)", build, 30)
    # On a shared machine the wall clock includes waiting for the CPU; this does not.
    _median("  davon Rechenzeit dieses Prozesses (CPU)", cpu)
    _median("erstes Speichern unter", write)
    _median("Aufbau + erstes Speichern", [b + w for b, w in zip(build, write, strict=True)], 30)

    opening, frames = [], []
    for _ in range(max(5, args.runs)):
        start = time.perf_counter()
        project = Project.open(target)
        opened = time.perf_counter()
        districts = project.districts_frame()
        values = project.values_frame(indicators=["sgb2_quote"])
        frames.append(time.perf_counter() - opened)
        opening.append(time.perf_counter() - start)
        project.close()
    assert len(districts) == counts["districts"] and values.period.nunique() == 15
    _median("Öffnen + Sozialräume + 1 Indikator (15 Jahre)", opening, 1)
    _median("  davon Sozialräume + Indikator laden", frames)

    saving = []
    project = Project.open(target)
    for run in range(max(5, args.runs)):
        project.set_meta("bench_run", str(run))
        start = time.perf_counter()
        project.save()
        saving.append(time.perf_counter() - start)
    project.close()
    _median("Speichern (kompakte Kopie + Ersetzen)", saving, 3)

    if args.blocks:
        start = time.perf_counter()
        project = create_demo("blocks")
        built = time.perf_counter() - start
        start = time.perf_counter()
        frame = project.districts_frame()
        loaded = time.perf_counter() - start
        project.close()
        _median(f"blocks: Aufbau ({len(frame)} Flächen)", [built])
        _median("blocks: Sozialräume laden", [loaded])


if __name__ == "__main__":
    main()
