"""Social index at city scale with the Berlin preset's choices (issue 16).

Target: 550 districts × 20 components × 15 periods ≤ 200 ms (status and dynamics, population
SD, minimum population on the reference date). Prints median, goal and median ÷ goal.
Run: PYTHONPATH=src python bench/bench_index.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_analysis import PERIODS, build  # noqa: E402

from k360desk.analysis.derived import add_derived  # noqa: E402
from k360desk.analysis.socialindex import berlin_mss, compute_index_series  # noqa: E402

GOAL_MS = 200.0


def main() -> None:
    districts, indicators, values = build()
    full = add_derived(values, indicators)
    keys = [f"anteil_{j}" for j in range(20)]
    method = berlin_mss(keys, population_key="einwohner")
    rows = full[full["indicator"].isin([*keys, "einwohner"])].reset_index(drop=True)
    periods = PERIODS[2:]  # every period with a base year two years before
    compute_index_series(rows, districts, method, periods)  # warm-up
    runs = []
    for _ in range(7):
        start = time.perf_counter()
        compute_index_series(rows, districts, method, periods)
        runs.append((time.perf_counter() - start) * 1000)
    median = statistics.median(runs)
    print(f"index berlin-mss, 550 districts × 20 components × {len(PERIODS)} periods: "
          f"median {median:.1f} ms, goal {GOAL_MS:.0f} ms, ratio {median / GOAL_MS:.2f}")


if __name__ == "__main__":
    main()
