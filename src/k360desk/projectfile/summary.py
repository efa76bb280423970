"""Summary figures of a project that background workers read over their own connection."""

from __future__ import annotations

import sqlite3


def periods(conn: sqlite3.Connection) -> list[int]:
    """All periods that have indicator values, ascending (a full scan: run it off the GUI)."""
    return [row[0] for row in conn.execute("SELECT DISTINCT period FROM indicator_values ORDER BY 1")]
