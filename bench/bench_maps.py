"""Map benchmark: switching the indicator and redrawing, hover lookup, against GeoDataFrame.plot.

Run: PYTHONPATH=src /work/venv/bin/python bench/bench_maps.py [--quick]
Targets (issue 6): switch + redraw ≤ 100 ms median at 550 districts, ≤ 1 s at 15,000 polygons;
hover ≤ 50 ms. Geometries are synthesised in code (Voronoi cells of random points).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import numpy as np
import pandas as pd


def voronoi_city(n: int, seed: int = 1, size: float = 20_000.0):
    """n Voronoi districts in a square, EPSG:25832, index = district id."""
    import geopandas as gpd
    import shapely

    rng = np.random.default_rng(seed)
    frame = shapely.box(500_000, 6_000_000, 500_000 + size, 6_000_000 + size)
    points = rng.uniform(0, size, (n, 2)) + [500_000, 6_000_000]
    cells = shapely.voronoi_polygons(shapely.MultiPoint(points), extend_to=frame)
    geoms = shapely.intersection(np.asarray(cells.geoms), frame)
    ids = pd.RangeIndex(1, len(geoms) + 1)
    return gpd.GeoDataFrame({"code": [f"{i:05d}" for i in ids], "name": [f"Block {i}" for i in ids]},
                            geometry=geoms, crs="EPSG:25832", index=ids)


def indicator_values(city, count: int, seed: int = 2) -> list[pd.DataFrame]:
    """A few indicators with realistic spread, 2 % suppressed, 1 % missing."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        values = pd.DataFrame({"district_id": city.index, "value": rng.gamma(3.0, 4.0, len(city)),
                               "suppressed": rng.random(len(city)) < 0.02})
        out.append(values[rng.random(len(city)) > 0.01])
    return out


def _figure():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10, 7), dpi=100)  # a 1000 × 700 px map view
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_axes((0.02, 0.08, 0.72, 0.82))
    return fig, canvas, ax


def bench_switch(city, values: list[pd.DataFrame], repeats: int) -> tuple[float, float]:
    """Median ms of: classify + recolour + full redraw; and the one-off first draw."""
    from k360desk.analysis.mapspec import build_base, build_map_spec
    from k360desk.export.map_render import draw_map

    def spec_for(i):
        return build_map_spec(base, values[i % len(values)], indicator_name=f"Indikator {i}",
                              unit="%", polarity=1, scheme="natural_breaks" if i % 2 else "quantiles")

    fig, canvas, ax = _figure()
    t0 = time.perf_counter()
    base = build_base(city)
    artists = draw_map(ax, spec_for(0), label_size=7.5, legend_wrap=26)
    canvas.draw()
    first = (time.perf_counter() - t0) * 1000
    times = []
    for i in range(1, repeats + 1):
        t = time.perf_counter()
        artists.recolor(spec_for(i))
        canvas.draw()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), first


def bench_naive(city, values: list[pd.DataFrame], repeats: int) -> float:
    """Median ms of the naive way: clear the axes and GeoDataFrame.plot() again."""
    fig, canvas, ax = _figure()
    times = []
    for i in range(repeats):
        frame = city.join(values[i % len(values)].set_index("district_id")[["value"]])
        t = time.perf_counter()
        ax.clear()
        ax.set_axis_off()
        frame.plot(column="value", scheme="quantiles", k=5, cmap="YlOrRd", ax=ax, legend=True,
                   edgecolor="white", linewidth=0.5, missing_kwds={"color": "#e3e3e3"})
        canvas.draw()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def bench_hover(city, values: pd.DataFrame, lookups: int = 2000) -> tuple[float, float]:
    """Median and worst ms of one hover: locate the district and build its tooltip text."""
    from k360desk.analysis.mapspec import build_base, build_map_spec
    from k360desk.ui.map_canvas import DistrictLocator

    base = build_base(city)
    spec = build_map_spec(base, values, indicator_name="Indikator", unit="%", reference=12.0)
    locator = DistrictLocator(base)
    x0, y0, x1, y1 = base.extent
    rng = np.random.default_rng(3)
    times = []
    for x, y in rng.uniform([x0, y0], [x1, y1], (lookups, 2)):
        t = time.perf_counter()
        row = locator.row_at(x, y)
        if row is not None:
            spec.describe(row)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def bench_project(path: str, repeats: int) -> None:
    """The whole path of the map page on a real file: figures.indicator_table (derived values,
    disclosure, reference), classification, recolour and redraw."""
    from k360desk.export.map_data import indicator_map_spec, indicator_table
    from k360desk.export.map_render import draw_map
    from k360desk.projectfile import Project

    project = Project.open(path, read_only=True)
    try:
        indicators = project.indicators_frame()
        keys = [k for k, kind in zip(indicators["key"], indicators["kind"], strict=True)
                if kind in ("share", "rate")][:8]
        period = project.periods()[-1]
        fig, canvas, ax = _figure()
        first = indicator_map_spec(project, keys[0], period)
        base = first.base
        artists = draw_map(ax, first, label_size=7.5, legend_wrap=26)
        canvas.draw()
        table_ms, full_ms, cached_ms = [], [], []
        cache: dict = {}
        for i in range(repeats):
            key = keys[(i + 1) % len(keys)]
            t = time.perf_counter()
            indicator_table(project, key, period)
            table_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            artists.recolor(indicator_map_spec(project, key, period, base=base))
            canvas.draw()
            full_ms.append((time.perf_counter() - t) * 1000)
        for i in range(2 * len(keys)):  # second round: tables from the page's cache
            key = keys[i % len(keys)]
            t = time.perf_counter()
            artists.recolor(indicator_map_spec(project, key, period, base=base, cache=cache))
            canvas.draw()
            if i >= len(keys):
                cached_ms.append((time.perf_counter() - t) * 1000)
        print(f"project {path}: {len(base.ids)} districts, period {period}")
        print(f"  indicator_table (analysis, per switch) {statistics.median(table_ms):8.1f} ms median")
        print(f"  switch incl. indicator_table           {statistics.median(full_ms):8.1f} ms median")
        print(f"  switch back to a cached indicator      {statistics.median(cached_ms):8.1f} ms median")
    finally:
        project.close()


def main(argv: list[str] | None = None) -> int:
    """Print medians for the city and blocks scales."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--project", metavar="FILE",
                        help="also time the whole page path on a project (e.g. k360desk demo --scale city)")
    args = parser.parse_args(argv)
    scales = [("city", 550, 15 if not args.quick else 5, 7 if not args.quick else 3),
              ("blocks", 15_000, 7 if not args.quick else 3, 3 if not args.quick else 1)]
    print(f"{'scale':<8}{'polygons':>9}{'switch ms':>11}{'first draw':>12}{'naive ms':>10}"
          f"{'ratio':>8}{'hover ms':>10}{'hover max':>11}")
    for name, n, repeats, naive_repeats in scales:
        city = voronoi_city(n)
        values = indicator_values(city, 5)
        switch, first = bench_switch(city, values, repeats)
        naive = bench_naive(city, values, naive_repeats)
        hover, hover_max = bench_hover(city, values[0])
        print(f"{name:<8}{len(city):>9}{switch:>11.1f}{first:>12.1f}{naive:>10.1f}"
              f"{naive / switch:>7.1f}x{hover:>10.3f}{hover_max:>11.3f}")
        sys.stdout.flush()
    print("switch = classify + recolour + full Agg redraw of a 1000 × 700 px view (median); "
          "naive = ax.clear() + GeoDataFrame.plot(scheme=quantiles) + redraw; "
          "ratio = naive / switch; hover = STRtree lookup + tooltip text.")
    if args.project:
        bench_project(args.project, 5 if args.quick else 11)
    return 0


if __name__ == "__main__":
    sys.exit(main())
