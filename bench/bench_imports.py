"""Imports at city scale: 1 M indicator values from CSV, 15,000 polygons from a Shapefile.

Targets (issue 3): 1 M rows of indicator values from CSV ≤ 15 s; 15,000 polygons from a
Shapefile ≤ 10 s. Inputs are generated in a temporary folder. Prints medians.
Run: PYTHONPATH=src python bench/bench_imports.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from k360desk.io import districts, values  # noqa: E402
from k360desk.progress import Progress  # noqa: E402
from k360desk.projectfile import District, DistrictLevel, Indicator, Project  # noqa: E402

DISTRICTS, INDICATORS, PERIODS = 550, 120, list(range(2010, 2025))  # 990,000 values


def write_values_csv(path: Path) -> int:
    """Long form as German Excel writes it: ';', decimal comma, thousands dots, some markers."""
    rng = np.random.default_rng(3)
    d = np.repeat(np.arange(1, DISTRICTS + 1), INDICATORS * len(PERIODS))
    i = np.tile(np.repeat(np.arange(INDICATORS), len(PERIODS)), DISTRICTS)
    p = np.tile(np.array(PERIODS), DISTRICTS * INDICATORS)
    v = rng.gamma(2.0, 800.0, len(d))
    text = np.char.mod("%.1f", v).astype(object)
    text = [t.replace(".", ",") for t in text]
    text = [(t[:-5] + "." + t[-5:]) if len(t) > 5 else t for t in text]  # 1.234,5
    for k in rng.choice(len(text), 500, replace=False):
        text[k] = "x"
    with open(path, "w", encoding="cp1252", newline="") as handle:
        handle.write("Statistikstelle – Kleinräumige Daten\n\nPlanungsraum;Merkmal;Jahr;Wert\n")
        handle.writelines(f"{a:04d};ind_{b:03d};{c};{t}\n" for a, b, c, t in zip(d, i, p, text, strict=True))
    return len(d)


def values_project() -> Project:
    from shapely.geometry import box

    project = Project.create("Benchstadt")
    level = project.add(DistrictLevel(name="Planungsraum"))
    project.add_many([District(code=f"{k:04d}", name=f"Raum {k}", level_id=level,
                               geom=box(k * 100, 0, k * 100 + 100, 100)) for k in range(1, DISTRICTS + 1)])
    project.add_many([Indicator(key=f"ind_{k:03d}", name=f"Indikator {k}") for k in range(INDICATORS)])
    return project


def write_shapefile(folder: Path, n: int = 15_000) -> Path:
    import geopandas as gpd
    from shapely.geometry import box

    side = int(np.ceil(np.sqrt(n)))
    geoms = [box(400000 + (k % side) * 50, 5700000 + (k // side) * 50,
                 400000 + (k % side) * 50 + 50, 5700000 + (k // side) * 50 + 50) for k in range(n)]
    frame = gpd.GeoDataFrame({"BLOCK_ID": [f"B{k:05d}" for k in range(n)],
                              "NAME": [f"Block {k} Südost" for k in range(n)]},
                             geometry=geoms, crs="EPSG:25832")
    path = folder / "bloecke.shp"
    frame.to_file(path, encoding="UTF-8")
    return path


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"Last (load average): {os.getloadavg()[0]:.1f} auf {os.cpu_count()} Kernen")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv = folder / "werte.csv"
        rows = write_values_csv(csv)
        print(f"Werte-CSV: {rows:,} Zeilen, {csv.stat().st_size / 1e6:.0f} MB".replace(",", "."))
        times = []
        for _ in range(args.repeat):
            project = values_project()
            steps = []
            progress = Progress(lambda d, t, s, st=steps: st.append(d))
            report = []
            times.append(timed(lambda p=project, pr=progress, r=report: r.append(
                values.run(p, csv, progress=pr))))
            assert report[0].taken == rows - 500 or report[0].taken == rows, report[0].summary()
            assert project.count("indicator_values") == rows
            project.close()
        print(f"1 M Indikatorwerte aus CSV: Median {statistics.median(times):.2f} s "
              f"(Ziel ≤ 15 s; Läufe: {', '.join(f'{t:.2f}' for t in times)}; "
              f"{len(steps)} Fortschrittsmeldungen)")

        shp = write_shapefile(folder)
        times = []
        for _ in range(args.repeat):
            project = Project.create("Blockstadt")
            report = []
            times.append(timed(lambda p=project, r=report: r.append(districts.run(p, shp))))
            assert report[0].taken == 15_000 and project.count("districts") == 15_000
            project.close()
        print(f"15.000 Flächen aus Shapefile: Median {statistics.median(times):.2f} s "
              f"(Ziel ≤ 10 s; Läufe: {', '.join(f'{t:.2f}' for t in times)})")


if __name__ == "__main__":
    main()
