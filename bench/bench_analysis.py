"""Analysis at city scale (550 districts): social index and reference values.

Targets (issue 4): status + dynamics index over 20 components × 15 periods ≤ 200 ms;
all reference values for 120 indicators × 15 periods ≤ 500 ms. Frames are built here in code.
Run: PYTHONPATH=src python bench/bench_analysis.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from goals import report, work_folder  # noqa: E402

from k360desk.analysis.derived import add_derived  # noqa: E402
from k360desk.analysis.disclosure import apply_disclosure  # noqa: E402
from k360desk.analysis.reference import aggregate_to_level, reference_values  # noqa: E402
from k360desk.analysis.socialindex import (  # noqa: E402
    IndexComponent,
    IndexMethod,
    compute_index,
    compute_index_series,
)

DISTRICTS = 550
PARENTS = 60
PERIODS = list(range(2010, 2025))
COUNTS = 50  # 1 population + 49 counts; 60 shares of them; 10 means → 120 indicators


def build(seed: int = 4) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Districts (60 Stadtteile ▸ 550 Quartiere), 120 indicator definitions, ~1 M values."""
    rng = np.random.default_rng(seed)
    parents = pd.DataFrame({"id": np.arange(1, PARENTS + 1), "level_id": 1, "level_rank": 0,
                            "parent_id": np.nan})
    quarters = pd.DataFrame({"id": np.arange(PARENTS + 1, PARENTS + DISTRICTS + 1), "level_id": 2,
                             "level_rank": 1,
                             "parent_id": rng.integers(1, PARENTS + 1, DISTRICTS).astype(float)})
    districts = pd.concat([parents, quarters], ignore_index=True)
    districts["code"] = districts["id"].astype(str).str.zfill(4)
    districts["name"] = "Gebiet " + districts["code"]
    districts = districts.set_index("id", drop=False)

    rows = [{"id": 1, "key": "einwohner", "kind": "count", "numerator_id": np.nan,
             "denominator_id": np.nan, "scale": 1.0, "disclosure": 0}]
    rows += [{"id": i, "key": f"anzahl_{i}", "kind": "count", "numerator_id": np.nan,
              "denominator_id": np.nan, "scale": 1.0, "disclosure": 1} for i in range(2, COUNTS + 1)]
    rows += [{"id": 100 + j, "key": f"anteil_{j}", "kind": "share",
              "numerator_id": float(2 + j % (COUNTS - 1)), "denominator_id": 1.0, "scale": 100.0,
              "disclosure": 0} for j in range(60)]
    rows += [{"id": 200 + j, "key": f"mittel_{j}", "kind": "mean", "numerator_id": np.nan,
              "denominator_id": np.nan, "scale": 1.0, "disclosure": 0} for j in range(10)]
    indicators = pd.DataFrame(rows).set_index("id", drop=False)

    q = quarters["id"].to_numpy()
    frames = []
    pop = rng.integers(150, 12000, DISTRICTS).astype(float)
    for period in PERIODS:
        growth = 1 + 0.01 * (period - PERIODS[0])
        frames.append(pd.DataFrame({"indicator_id": 1, "district_id": q, "period": period,
                                    "value": np.round(pop * growth)}))
        for i in range(2, COUNTS + 1):
            share = rng.uniform(0.0005, 0.2, DISTRICTS)
            frames.append(pd.DataFrame({"indicator_id": i, "district_id": q, "period": period,
                                        "value": np.round(pop * growth * share)}))
        for j in range(10):
            frames.append(pd.DataFrame({"indicator_id": 200 + j, "district_id": q,
                                        "period": period, "value": rng.normal(42, 5, DISTRICTS)}))
    values = pd.concat(frames, ignore_index=True)
    values["indicator"] = values["indicator_id"].map(indicators["key"])
    values["district"] = values["district_id"].map(districts["code"])
    values["status"] = "final"
    values["note"] = ""
    values = values[["indicator_id", "indicator", "district_id", "district", "period", "value",
                     "status", "note"]]
    return districts, indicators, values


def timed(label: str, fn, repeat: int = 7) -> float:
    """Print and return the median ms of ``fn`` (after a warm-up run)."""
    fn()  # warm-up
    runs, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    median = statistics.median(runs)
    LAST_CPU[0] = statistics.median(cpu)
    print(f"{label:<64} median {median:8.1f} ms  (min {min(runs):.1f}, CPU"
          f" {statistics.median(cpu):.1f}, n={repeat})")
    return median


LAST_CPU = [0.0]  # CPU median of the last ``timed`` call (the wall clock waits on a busy machine)


def main() -> None:
    start = time.perf_counter()
    districts, indicators, values = build()
    print(f"built {len(districts)} districts, {len(indicators)} indicators, {len(values):,} stored"
          f" values in {time.perf_counter() - start:.1f} s")
    full = add_derived(values, indicators)
    print(f"with derived shares: {len(full):,} values")

    keys = [f"anteil_{j}" for j in range(20)]
    comps = [IndexComponent(k) for k in keys] + [IndexComponent(k, role="dynamics") for k in keys]
    method = IndexMethod(components=comps, population="einwohner", span=2)
    index_values = full[full["indicator"].isin([*keys, "einwohner"])].reset_index(drop=True)
    print(f"index input: {len(index_values):,} values (20 components × 15 periods × 550)")

    timed("index: status + dynamics, 20 components, one period", lambda: compute_index(
        index_values, districts, method, PERIODS[-1]))
    timed("index: every period with a base year (13 periods, one call)",
          lambda: compute_index_series(index_values, districts, method, PERIODS[2:]))
    timed("index: 13 periods as 13 separate calls", lambda: [
        compute_index(index_values, districts, method, p) for p in PERIODS[2:]], repeat=3)
    timed("reference values: 120 indicators × 15 periods", lambda: reference_values(
        full, indicators, districts))
    timed("aggregation to 60 Stadtteile: 120 indicators × 15 periods", lambda: aggregate_to_level(
        full, indicators, districts, 1), repeat=3)
    timed("derived shares: 60 indicators × 15 periods", lambda: add_derived(values, indicators),
          repeat=3)
    timed("disclosure (primary + secondary): all values", lambda: apply_disclosure(
        full, indicators, 3, districts), repeat=3)
    # The project stores the shares too, as a statistics office delivers them.
    project_figures(districts, indicators, full)


def project_figures(districts: pd.DataFrame, indicators: pd.DataFrame,
                    values: pd.DataFrame) -> None:
    """The same through a project file, as the UI and the CLI call it (20 shares)."""
    import tempfile

    from k360desk.figures import indicators as figures
    from k360desk.projectfile import District, DistrictLevel, Indicator, Project

    work_folder("analysis")
    with tempfile.TemporaryDirectory() as folder:
        project = Project.create("Bench", Path(folder) / "bench.k360")
        with project.transaction():
            top = project.add(DistrictLevel(name="Stadtteil", rank=0))
            low = project.add(DistrictLevel(name="Quartier", rank=1))
            level = {1: top, 2: low}
            ids: dict[int, int] = {}
            for row in districts.reset_index(drop=True).sort_values("level_id").itertuples():
                parent = None if pd.isna(row.parent_id) else ids[int(row.parent_id)]
                ids[row.id] = project.add(District(code=row.code, name=row.name,
                                                   level_id=level[row.level_id],
                                                   parent_id=parent))
            keys = ["einwohner", *[f"anzahl_{i}" for i in range(2, 22)]]
            chosen = indicators[indicators["key"].isin(keys)
                                | indicators["key"].isin([f"anteil_{j}" for j in range(20)])]
            new_ids: dict[int, int] = {}
            for row in chosen.reset_index(drop=True).sort_values("id").itertuples():
                new_ids[row.id] = project.add(Indicator(
                    key=row.key, name=row.key, kind=row.kind, scale=row.scale,
                    disclosure=int(row.disclosure),
                    numerator_id=new_ids.get(row.numerator_id), denominator_id=new_ids.get(
                        row.denominator_id)))
            stored = values[values["indicator_id"].isin(new_ids)]
            project.set_values(pd.DataFrame({
                "indicator_id": stored["indicator_id"].map(new_ids),
                "district_id": stored["district_id"].map(ids), "period": stored["period"],
                "value": stored["value"]}))
        keys = [f"anteil_{j}" for j in range(20)]
        method = IndexMethod(components=[IndexComponent(k) for k in keys]
                             + [IndexComponent(k, role="dynamics") for k in keys],
                             population="einwohner")
        timed("project: indicator table (share, disclosure, reference)",
              lambda: figures.indicator_table(project, "anteil_3", PERIODS[-1]))
        timed("project: index for one period (load + compute)",
              lambda: figures.index_for_project(project, method, PERIODS[-1]), repeat=5)
        series = timed("project: index series, all periods (load + compute)",
                       lambda: figures.index_series_for_project(project, method), repeat=5)
        series_cpu = LAST_CPU[0]
        naive = timed("baseline: the same loaded with pandas.read_sql_query",
                      lambda: _naive_series(project, method), repeat=3)
        report("Sozialindex aus der Projektdatei (550 × 20 Komponenten × 15 Jahre)", series, 200,
               baseline=naive, baseline_label="read_sql_query",
               note=f"CPU {series_cpu:.0f} ms, Basis {LAST_CPU[0]:.0f} ms")
        project.close()


def _naive_series(project, method):
    """Index series with the values read the plain pandas way (one SQL join, read_sql_query)."""
    from k360desk.figures.indicators import input_keys

    indicators = project.indicators_frame()
    keys = input_keys(indicators, method.indicator_keys())
    sql = ("SELECT v.indicator_id, i.key AS indicator, v.district_id, d.code AS district,"
           " v.period, v.value, v.status, v.note FROM indicator_values v"
           " JOIN indicators i ON i.id = v.indicator_id JOIN districts d ON d.fid = v.district_id"
           f" WHERE i.key IN ({', '.join('?' * len(keys))})")
    values = pd.read_sql_query(sql, project._conn, params=keys)
    values["value"] = values["value"].astype(float)
    return compute_index_series(add_derived(values, indicators), project.districts_frame(), method)


if __name__ == "__main__":
    main()
