"""Census grid import: filtering a whole-of-Germany file, aggregating cells to districts.

Goals (issue 22): filter the whole-of-Germany 100 m population file (≈3 M rows) to a
city ≤ 20 s and ≤ 1 GB memory; aggregate 50,000 cells to 550 districts ≤ 2 s. Beside each
figure the naive way a GIS user would script it: read the whole table with pandas, then
filter; ``geopandas.overlay`` of cell squares with the districts for the area rule.
Each filter run is a fresh process, so its peak memory is its own. Prints medians.
Run: PYTHONPATH=src python bench/bench_census_grid.py [--rows 3000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from goals import ROOT, report  # noqa: E402

# A city of about 22 × 25 km somewhere in the middle of the LAEA grid of Germany.
CITY = (4_320_000.0, 3_200_000.0, 4_342_000.0, 3_225_000.0)
GERMANY = (4_030_000, 2_680_000, 4_680_000, 3_560_000)


def write_germany(path: Path, rows: int) -> None:
    """A grid file as published: ';', ids, centres, Einwohner, markers; ~50,000 cells in the city."""
    rng = np.random.default_rng(22)
    inside = 50_000
    east = np.concatenate([rng.integers(GERMANY[0] // 100, GERMANY[2] // 100, rows - inside),
                           rng.integers(int(CITY[0]) // 100, int(CITY[2]) // 100, inside)]) * 100
    north = np.concatenate([rng.integers(GERMANY[1] // 100, GERMANY[3] // 100, rows - inside),
                            rng.integers(int(CITY[1]) // 100, int(CITY[3]) // 100, inside)]) * 100
    people = rng.integers(3, 400, rows).astype(str).astype(object)
    people[rng.random(rows) < 0.02] = "–"
    marker = np.where(rng.random(rows) < 0.01, "KLAMMERN", "")
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner;werterlaeuternde_Zeichen\n")
        for start in range(0, rows, 500_000):
            s = slice(start, start + 500_000)
            handle.writelines(
                f"CRS3035RES100mN{n}E{e};{e + 50};{n + 50};{p};{m}\n"
                for e, n, p, m in zip(east[s], north[s], people[s], marker[s], strict=True))


def _filter_child(path: str, naive: bool) -> None:
    """Run in a child process: filter the file to the city, print seconds and peak memory."""
    import pandas as pd

    from k360desk.io.grid_read import read_cells

    started = time.perf_counter()
    if naive:
        frame = pd.read_csv(path, sep=";", dtype=str)
        x = frame["x_mp_100m"].astype(float)
        y = frame["y_mp_100m"].astype(float)
        kept = frame[(x > CITY[0]) & (x < CITY[2]) & (y > CITY[1]) & (y < CITY[3])]
        n = len(kept)
    else:
        _layout, cells = read_cells(path, CITY)
        n = len(cells)
    seconds = time.perf_counter() - started
    # VmHWM: this process's own peak (ru_maxrss would carry the parent's peak over the fork).
    status = Path("/proc/self/status").read_text()
    peak_mb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))) / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "cells": n}))


def filter_run(path: Path, naive: bool) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(path)] + (["--naive"] if naive else []),
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def city_districts(n: int = 550):
    """550 irregular districts (Voronoi cells of random seeds) covering the city, in EPSG:3035."""
    import geopandas as gpd
    import shapely

    rng = np.random.default_rng(5)
    seeds = shapely.multipoints(np.column_stack([rng.uniform(CITY[0], CITY[2], n),
                                                 rng.uniform(CITY[1], CITY[3], n)]))
    frame = shapely.box(*CITY)
    polys = [p.intersection(frame) for p in shapely.voronoi_polygons(seeds, extend_to=frame).geoms]
    return gpd.GeoDataFrame({"id": range(1, n + 1), "code": [f"{i:04d}" for i in range(1, n + 1)],
                             "name": [f"Bezirk {i}" for i in range(1, n + 1)]}, geometry=polys, crs=3035)


def city_cells(count: int = 50_000):
    rng = np.random.default_rng(6)
    flat = rng.choice(int((CITY[2] - CITY[0]) // 100 * (CITY[3] - CITY[1]) // 100), count, replace=False)
    width = int((CITY[2] - CITY[0]) // 100)
    x = CITY[0] + (flat % width) * 100 + 50.0
    y = CITY[1] + (flat // width) * 100 + 50.0
    values = {"Einwohner": rng.integers(3, 400, count).astype(float)}
    values["Einwohner"][rng.random(count) < 0.02] = np.nan
    return x, y, np.full(count, 100.0), values, rng.random(count) < 0.01


def aggregate_runs(repeat: int) -> None:
    import geopandas as gpd
    import shapely

    from k360desk.analysis.grid import aggregate, assign, cell_boxes

    districts = city_districts()
    x, y, size, values, limited = city_cells()
    for method in ("centre", "area"):
        ours, naive = [], []
        for _ in range(repeat):
            started = time.perf_counter()
            pairs = assign(x, y, size, districts, method)
            table = aggregate(values, limited, size, districts, pairs, "Einwohner")
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            cells = gpd.GeoDataFrame({"Einwohner": values["Einwohner"]}, crs=3035,
                                     geometry=shapely.points(x, y) if method == "centre"
                                     else cell_boxes(x, y, size))
            if method == "centre":
                joined = gpd.sjoin(cells, districts, predicate="within")
                naive_sum = joined.groupby("code")["Einwohner"].sum()
            else:
                cells["cell_area"] = cells.area
                pieces = gpd.overlay(cells, districts, how="intersection")
                pieces["part"] = pieces["Einwohner"] * pieces.area / pieces["cell_area"]
                naive_sum = pieces.groupby("code")["part"].sum()
            naive.append(time.perf_counter() - started)
        ours_sum = table.set_index("code")["Einwohner"].reindex(naive_sum.index)
        agree = np.allclose(ours_sum.to_numpy(), naive_sum.to_numpy(), equal_nan=True)
        baseline = ("geopandas.sjoin der Mittelpunkte (ohne Bericht angeschnittener Zellen)"
                    if method == "centre" else "geopandas.overlay")
        report(f"Zensus-Gitter: 50.000 Zellen → 550 Sozialräume ({method})",
               statistics.median(ours), 2.0, "s", statistics.median(naive), baseline,
               note=f"Summen gleich: {'ja' if agree else 'NEIN'}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=3_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child")
    parser.add_argument("--naive", action="store_true")
    args = parser.parse_args()
    if args.child:
        _filter_child(args.child, args.naive)
        return 0
    aggregate_runs(args.repeat)
    with tempfile.TemporaryDirectory(prefix="bench-grid-") as folder:
        path = Path(folder) / "Zensus2022_Bevoelkerungszahl_100m-Gitter.csv"
        write_germany(path, args.rows)
        size_mb = path.stat().st_size / 1e6
        ours = [filter_run(path, False) for _ in range(args.repeat)]
        naive = filter_run(path, True)
        rows = f"{args.rows:,}".replace(",", ".")
        report(f"Zensus-Gitter: Deutschland-Datei ({rows} Zeilen, {size_mb:.0f} MB) filtern",
               statistics.median(r["seconds"] for r in ours), 20.0, "s", naive["seconds"],
               "pandas.read_csv der ganzen Datei")
        report("Zensus-Gitter: Speicher beim Filtern", max(r["peak_mb"] for r in ours), 1000.0, "MB",
               naive["peak_mb"], "pandas.read_csv der ganzen Datei")
    return 0


if __name__ == "__main__":
    sys.exit(main())
