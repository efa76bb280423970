"""XLSX export at city scale: 1 M indicator values (550 districts × 120 indicators × 15 years).

Target (issue 20, D9): the values table of a city-scale project as XLSX in ≤ 60 s, time
linear in size. Also prints the ratio to the old per-row openpyxl writer on a small table
(it grew quadratically: 12,000 values took 55–110 s). Frames are built here in code.
Run: PYTHONPATH=src python bench/bench_xlsx.py [--rows N] [--repeat R]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from k360desk.io.spreadsheet import write_xlsx  # noqa: E402

GOAL_SECONDS = 60.0
FORMATS = {"Wert": "#,##0.0##"}
WIDTHS = [12, 28, 18, 40, 12, 8, 12, 12]


def values_table(rows: int, seed: int = 20) -> pd.DataFrame:
    """A long export table shaped like ``export_data.values_table`` (German headers)."""
    rng = np.random.default_rng(seed)
    district = rng.integers(1, 551, rows)
    indicator = rng.integers(1, 121, rows)
    value = np.round(rng.uniform(0, 5000, rows), 1)
    value[rng.random(rows) < 0.02] = np.nan  # secret values: empty cells
    return pd.DataFrame({
        "Sozialraum": pd.Series(district).map(lambda d: f"{d:04d}").to_numpy(),
        "Name": pd.Series(district).map(lambda d: f"Quartier {d:04d} – Süd").to_numpy(),
        "Indikator": pd.Series(indicator).map(lambda i: f"anzahl_{i}").to_numpy(),
        "Bezeichnung": pd.Series(indicator).map(lambda i: f"Leistungsberechtigte Gruppe {i}").to_numpy(),
        "Einheit": "Personen",
        "Jahr": rng.integers(2010, 2025, rows),
        "Wert": value,
        "Status": np.where(np.isnan(value), "geheim", "endgültig"),
    })


def naive_openpyxl(frame: pd.DataFrame, path: Path) -> None:
    """The writer before #20: one appended row at a time, then a look-up of the last row."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False, name=None):
        sheet.append([None if isinstance(v, float) and np.isnan(v) else v for v in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    book.save(path)


def timed(func, *args) -> float:
    start = time.perf_counter()
    func(*args)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--naive-rows", type=int, default=6_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "werte.xlsx"
        frame = values_table(args.rows)
        times = [timed(write_xlsx, {"Indikatorwerte": frame}, out, FORMATS, WIDTHS)
                 for _ in range(args.repeat)]
        size = out.stat().st_size / 1024**2
        small = values_table(args.naive_rows)
        ours_small = statistics.median(timed(write_xlsx, {"Indikatorwerte": small}, out, FORMATS,
                                             WIDTHS) for _ in range(3))
        naive_small = timed(naive_openpyxl, small, Path(folder) / "naiv.xlsx")
        tenth = values_table(args.rows // 10)
        tenth_time = statistics.median(timed(write_xlsx, {"Indikatorwerte": tenth}, out, FORMATS,
                                             WIDTHS) for _ in range(3))
    median = statistics.median(times)
    verdict = "OK" if median <= GOAL_SECONDS else "ZU LANGSAM"
    print(f"XLSX {args.rows:,} Werte: median {median:.1f} s, goal ≤ {GOAL_SECONDS:.0f} s {verdict},"
          f" naive ratio {naive_small / ours_small:.0f}× at {args.naive_rows:,} values"
          f" (old {naive_small:.1f} s, new {ours_small:.2f} s),"
          f" linearity {median / (10 * tenth_time):.2f} (time per value at N / at N÷10;"
          f" 1 = linear), {size:.0f} MB"
          f"   [{', '.join(f'{t:.1f}' for t in times)}]")


if __name__ == "__main__":
    main()
