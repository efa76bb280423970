"""Comparing the schema objects of a stranger's file with the ones we expect.

A file may carry indexes, triggers and a redefined layer view that we never wrote. Such
objects run SQL on every write (an index expression, a trigger body) or whenever a GIS
program reads the layer (a view). The opener removes what is harmless to remove and
refuses the rest; ``check`` names each of them.
"""

from __future__ import annotations

import re
import sqlite3

from k360desk.projectfile import schema

# GDAL/QGIS add these when someone edits the file there. A name alone proves nothing
# (anyone can call a trigger ``gpkg_…_update``), so the body is read as well.
_GDAL_TRIGGER = re.compile(
    r"^(rtree_.+_(insert|update\d?|delete)|trigger_(insert|delete)_feature_count_.+"
    r"|gpkg_.+_(insert|update|delete).*)$"
)
# String literals, quoted identifiers and comments, so keywords hidden in them or
# separated by them are seen as SQLite sees them.
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"((?:[^\"]|\"\")*)\"|`([^`]*)`|\[([^\]]*)\]"
                     r"|--[^\n]*|/\*[\s\S]*?(?:\*/|$)")
_TABLE_USE = re.compile(r"\b(DELETE\s+FROM|INTO|UPDATE(?:\s+OR\s+\w+)?|FROM|JOIN)\s+(\w+)",
                        re.IGNORECASE)
_WRITABLE_BY_GDAL = ("rtree_", "gpkg_ogr_contents")


def _plain(sql: str) -> str:
    def keep(match: re.Match) -> str:
        for group in match.groups():
            if group is not None:
                return f" {group} "
        return " "

    return _TOKENS.sub(keep, sql)


def is_gdal_trigger(name: str, sql: str | None) -> bool:
    """Whether a trigger is one GDAL writes: a GDAL name and a body that only keeps
    R-trees and feature counts up to date or refuses bad rows."""
    if not _GDAL_TRIGGER.match(name) or not sql:
        return False
    parts = re.split(r"\bBEGIN\b", _plain(sql), maxsplit=1, flags=re.IGNORECASE)
    if len(parts) != 2:
        return False
    # The header names the table the trigger watches, which may be any of ours.
    for keyword, table in _TABLE_USE.findall(parts[1]):
        table = table.lower()
        if keyword.upper().startswith(("FROM", "JOIN")):
            if not table.startswith(("rtree_", "gpkg_")):
                return False
        elif not table.startswith(_WRITABLE_BY_GDAL):
            return False
    return True


def normal(sql: str | None) -> str:
    """SQL text with whitespace and identifier quotes made uniform, for comparison."""
    return re.sub(r"\s+", " ", sql or "").strip().replace('"', "")


def unexpected_indexes(objects: list, expected: dict[str, str]) -> list[str]:
    """Names of indexes we did not create (or whose definition differs from ours)."""
    found = []
    for kind, name, _table, sql in objects:
        if kind == "index" and sql is not None and normal(sql) != expected.get(name):
            found.append(name)
    return found


def foreign_view(conn: sqlite3.Connection, objects: list) -> bool:
    """Whether our layer view holds SQL other than what we would write for this file."""
    stored = next((sql for kind, name, _t, sql in objects
                   if kind == "view" and name == schema.LATEST_VALUES_VIEW), None)
    if stored is None:
        return False
    try:
        row = conn.execute("SELECT value FROM k360_meta NOT INDEXED"
                           " WHERE key='disclosure_threshold'").fetchone()
        threshold = parse_threshold(row[0] if row else None)
        ours = schema.latest_values_sql(conn, 3 if threshold is None else threshold)
    except (sqlite3.Error, ValueError, TypeError):
        return True
    return normal(stored) != normal(ours)


def missing_columns(conn: sqlite3.Connection, tables: list[str]) -> list[str]:
    """Columns of our current tables that a file from a newer version lacks."""
    reference = sqlite3.connect(":memory:")
    try:
        for step in sorted(schema.MIGRATIONS):
            schema.MIGRATIONS[step](reference)
        missing = []
        for table in tables:
            ours = {r[1] for r in reference.execute(f'PRAGMA table_info("{table}")')}
            theirs = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
            missing += [f"{table}.{column}" for column in sorted(ours - theirs)]
        return missing
    finally:
        reference.close()


def parse_threshold(text: object) -> int | None:
    """The disclosure threshold of a stored setting, or None when it is not 1–99."""
    text = str(text if text is not None else "").strip()
    if not text.isdigit() or len(text) > 2:
        return None
    value = int(text)
    return value if 1 <= value <= 99 else None


_CRS = re.compile(r"^EPSG:(\d{4,6})$")


def parse_crs(text: object) -> int | None:
    """The EPSG code of the stored CRS setting (``EPSG:25832``), or None when malformed."""
    match = _CRS.match(str(text or "").strip())
    return int(match.group(1)) if match else None


def check_expressions(sql: str) -> list[str]:
    """The expressions of the CHECK constraints in a CREATE TABLE statement (ours only: the
    scanner knows quotes and parentheses, not the whole grammar)."""
    found = []
    for match in re.finditer(r"\bCHECK\s*\(", sql, flags=re.IGNORECASE):
        depth, quote, at = 1, "", match.end()
        while at < len(sql) and depth:
            char = sql[at]
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"":
                quote = char
            else:
                depth += {"(": 1, ")": -1}.get(char, 0)
            at += 1
        found.append(sql[match.end():at - 1])
    return found
