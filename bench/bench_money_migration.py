"""Schema step 5 (money as INTEGER cents, table rebuilds) on a schema-4 file with many money rows.

``PYTHONPATH=src python bench/bench_money_migration.py [--rows 100000]``: the sample file of
schema 4 from tests/fixtures, filled with REAL yearly amounts and payments, migrated by step 5
in one transaction; wall clock and CPU time. No goal in the issue: a one-time step on opening.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from goals import ROOT, report

FIXTURE = ROOT / "tests" / "fixtures" / "schema_v4.k360"


def main() -> None:
    """Print one line per size."""
    from k360desk.projectfile import schema

    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000, help="money rows of the largest run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for rows in (6_000, args.rows):
            path = Path(folder) / f"v4_{rows}.k360"
            shutil.copy(FIXTURE, path)
            with sqlite3.connect(path) as conn:
                half = rows // 2
                conn.executemany("INSERT INTO application_amounts VALUES (1, ?, ?, ?, '')",
                                 [(3000 + i, 12_345.67 + i, 12_000.05) for i in range(half)])
                payments = [(f"p{i}", 1_000.1 + i) for i in range(rows - half)]
                conn.executemany("INSERT INTO payments (uuid, application_id, year, amount)"
                                 " VALUES (?, 1, 2026, ?)", payments)
            conn = sqlite3.connect(path, isolation_level=None)
            conn.execute("PRAGMA foreign_keys = ON")
            wall, cpu = time.perf_counter(), time.process_time()
            conn.execute("BEGIN")
            schema.MIGRATIONS[5](conn)
            conn.execute("COMMIT")
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            conn.close()
            report(f"Schritt 5 mit {rows:,} Geldzeilen".replace(",", "."), wall * 1000, None,
                   note=f"CPU {cpu * 1000:.0f} ms")


if __name__ == "__main__":
    main()
