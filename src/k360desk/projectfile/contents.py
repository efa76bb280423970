"""The rows of a received file measured against the rules of our data model, on two cores.

Runs on the working copy after SQLite has checked the pages of the whole file and after
every index we did not write has been removed (and that removal committed: the checks read
on connections of their own). Every table but the values table gets SQLite's own check of
that table (CHECK and NOT NULL constraints, UNIQUE, and that each index holds exactly the
table's rows) and its foreign-key check. The values table (~1 M rows in a city; SQLite would
need half a second to compare its index with it) is read by one query per half of its key
range, built from our own schema text: its CHECK constraints and its references to the
parents' integer keys, tested on the rows of the table itself. The halves and the other
tables run on two connections limited to queries, in two threads; sqlite3 releases the GIL
while a statement runs.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from k360desk.projectfile.reference import Reference

# Tables checked by our own queries instead of SQLite's per-table check (see above).
SCANNED_TABLES = ("indicator_values",)
WORKERS = 2


@dataclass(frozen=True)
class Finding:
    """The first broken rule found: ``damage`` (SQLite's report in ``rows``), ``check`` (a
    CHECK constraint of ``table``) or ``reference`` (a row of ``table`` points nowhere)."""

    kind: str
    table: str
    rows: tuple = ()


Job = Callable[[sqlite3.Connection], "Finding | None"]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_LITERAL = r"(?:'(?:[^']|'')*'|[-+]?\d+(?:\.\d+)?)"
_IN_LIST = re.compile(rf"(?<![\w.\"'])(?!NOT\b)([A-Za-z_]\w*)\s+IN\s*"
                      rf"\(\s*({_LITERAL}(?:\s*,\s*{_LITERAL})*)\s*\)", re.IGNORECASE)


def unfold_in_lists(expression: str) -> str:
    """Our ``x IN ('a', 'b', …)`` as ``(x = 'a' OR x = 'b' …)``: SQLite defines a list IN so
    (same truth for every x, NULL included), but builds a temporary index for a list of more
    than two constants and probes it for every row (0,1 s of CPU over a city's values)."""
    def unfold(match: re.Match) -> str:
        items = re.findall(_LITERAL, match.group(2))
        return "(" + " OR ".join(f"{match.group(1)} = {item}" for item in items) + ")"

    return _IN_LIST.sub(unfold, expression)


def _middle(conn: sqlite3.Connection, table: str, key: str, ref: Reference) -> int | None:
    """A key value that halves the table's rows: the middle of the parent's keys when the
    key is a reference (gaps left by deleted indicators do not tilt the halves), else the
    middle between the smallest and largest key. Read in key order, never by an index."""
    parent = next(((p, k) for column, p, k in ref.references.get(table, ()) if column == key), None)
    if parent is not None:
        count = conn.execute(f"SELECT count(*) FROM {_quote(parent[0])} NOT INDEXED").fetchone()[0]
        row = conn.execute(f"SELECT {_quote(parent[1])} FROM {_quote(parent[0])} NOT INDEXED"
                           f" ORDER BY {_quote(parent[1])} LIMIT 1 OFFSET ?", (count // 2,)
                           ).fetchone()
        return row[0] if row and isinstance(row[0], int) and count > 1 else None
    ends = [conn.execute(f"SELECT {_quote(key)} FROM {_quote(table)} NOT INDEXED"
                         f" ORDER BY {_quote(key)} {order} LIMIT 1").fetchone()
            for order in ("ASC", "DESC")]
    low, high = (end[0] if end else None for end in ends)
    if isinstance(low, int) and isinstance(high, int) and low < high:
        return low + (high - low + 1) // 2
    return None


def _scan_jobs(conn: sqlite3.Connection, table: str, ref: Reference) -> list[Job]:
    checks = [f"NOT ({unfold_in_lists(expression)})" for expression in ref.checks.get(table, ())]
    links = [f"({_quote(column)} IS NOT NULL AND {_quote(column)} NOT IN"
             f" (SELECT {_quote(key)} FROM {_quote(parent)} NOT INDEXED))"
             for column, parent, key in ref.references.get(table, ())]
    if not checks and not links:
        return []
    ranges: list[tuple[str, tuple]] = [("1", ())]
    key = ref.first_key.get(table)
    middle = _middle(conn, table, key, ref) if key is not None else None
    if middle is not None:
        # The key is NOT NULL (verified by the page check): every row is in one half.
        ranges = [(f"{_quote(key)} < ?", (middle,)), (f"{_quote(key)} >= ?", (middle,))]

    def job(where: str, args: tuple) -> Job:
        def run(reader: sqlite3.Connection) -> Finding | None:
            base = f"SELECT 1 FROM {_quote(table)} NOT INDEXED WHERE ({where}) AND "
            if reader.execute(base + f"({' OR '.join(checks + links)}) LIMIT 1", args).fetchone():
                broken = checks and reader.execute(
                    base + f"({' OR '.join(checks)}) LIMIT 1", args).fetchone()
                return Finding("check" if broken else "reference", table)
            return None
        return run

    return [job(where, args) for where, args in ranges]


def _tables_job(tables: list[str]) -> Job:
    def run(reader: sqlite3.Connection) -> Finding | None:
        for table in tables:
            rows = reader.execute(f"PRAGMA integrity_check({_quote(table)})").fetchall()
            if rows != [("ok",)]:
                return Finding("damage", table, tuple(rows[:3]))
        # References last: a parent's key index is read only after it was compared with its table.
        for table in tables:
            rows = reader.execute(f"PRAGMA foreign_key_check({_quote(table)})").fetchmany(3)
            if rows:
                return Finding("reference", table, tuple(rows))
        return None
    return run


def find_broken(conn: sqlite3.Connection, ref: Reference,
                connect: Callable[[Path], sqlite3.Connection]) -> Finding | None:
    """The first rule of our data model the file's rows break, or None.

    ``conn``: the working copy (nothing of a stranger left uncommitted in it); ``connect``
    opens a hardened connection to it for each worker thread, limited to queries but not
    read-only (SQLite skips CHECK constraints in its checks on a read-only connection)."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    present = {name for name, _sql in rows}
    jobs: list[Job] = []
    for table in SCANNED_TABLES:
        if table in present:
            jobs += _scan_jobs(conn, table, ref)
    others = [name for name, sql in rows if name not in SCANNED_TABLES
              and "VIRTUAL TABLE" not in (sql or "").upper()]
    jobs.append(_tables_job(others))
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    readers: list[sqlite3.Connection] = []
    try:
        if path:
            for _ in range(min(WORKERS, len(jobs))):
                readers.append(connect(Path(path)))
    except sqlite3.Error:
        pass  # checked on the working copy's own connection instead, one job after another
    try:
        if len(readers) < 2:
            return _run_all(conn, jobs)
        return _run_parallel(jobs, readers)
    finally:
        for reader in readers:
            reader.close()


def _run_all(conn: sqlite3.Connection, jobs: list[Job]) -> Finding | None:
    for job in jobs:
        found = job(conn)
        if found is not None:
            return found
    return None


def _run_parallel(jobs: list[Job], readers: list[sqlite3.Connection]) -> Finding | None:
    # Dealt out in turn, so the two halves of the values table run side by side whatever
    # the timing (the other tables join the first half: a few ms at city scale).
    lock = threading.Lock()
    found: list[Finding] = []
    errors: list[BaseException] = []

    def stop_others(mine: sqlite3.Connection) -> None:
        for reader in readers:
            if reader is not mine:
                reader.interrupt()  # the one call meant for another thread

    def work(reader: sqlite3.Connection, share: list[Job]) -> None:
        try:
            for job in share:
                with lock:
                    if found or errors:
                        return
                result = job(reader)
                if result is not None:
                    with lock:
                        found.append(result)
                    stop_others(reader)
                    return
        except BaseException as exc:  # handed to the caller's thread
            with lock:
                if not found:
                    errors.append(exc)
            stop_others(reader)

    threads = [threading.Thread(target=work, args=(reader, jobs[at::len(readers)]),
                                name="k360-check", daemon=True)
               for at, reader in enumerate(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if found:
        return found[0]
    if errors:
        raise errors[0]
    return None
