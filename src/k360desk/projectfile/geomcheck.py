"""Geometry blobs that cannot be read: found, named for the planner, removable.

A damaged blob (cut short, a header that promises more than it holds, foreign WKB) must
never block saving; it is flagged by ``check`` and can be removed, after which the
district or facility simply has no geometry until a correct one is imported.
"""

from __future__ import annotations

import sqlite3
import struct
from dataclasses import dataclass

from k360desk.projectfile import gpkg

LAYERS = {"districts": ("code", "Sozialraum"), "facilities": ("name", "Einrichtung")}


@dataclass
class BrokenGeometry:
    """One feature whose geometry blob cannot be read."""

    table: str
    fid: int
    label: str
    reason: str

    def finding(self) -> str:
        """The line ``check`` prints."""
        return f"{self.label}: ungültige Geometrie ({self.reason})."


def blob_problem(blob: bytes, srs_id: int | None) -> str | None:
    """Why a GeoPackage blob cannot be used, or None when it is fine."""
    import shapely

    blob = bytes(blob)
    try:
        start = gpkg.wkb_offset(blob)
        if len(blob) < start + 5:
            return "abgeschnitten"
        blob_srs = struct.unpack_from("<i" if blob[3] & 1 else ">i", blob, 4)[0]
    except (ValueError, struct.error):
        return "kein gültiger GeoPackage-Kopf"
    try:
        shapely.from_wkb(blob[start:], on_invalid="raise")
    except (shapely.errors.GEOSException, ValueError, TypeError):
        return "Koordinaten nicht lesbar"
    if srs_id is not None and blob_srs != srs_id:
        return f"falsches Bezugssystem {blob_srs}"
    return None


def broken_geometries(conn: sqlite3.Connection) -> list[BrokenGeometry]:
    """All district and facility geometries that cannot be read."""
    layers = dict(conn.execute("SELECT table_name, srs_id FROM gpkg_contents"))
    found = []
    for table, (name_column, kind) in LAYERS.items():
        rows = conn.execute(f"SELECT fid, {name_column}, geom FROM {table} WHERE geom IS NOT NULL")
        for fid, name, blob in rows:
            reason = blob_problem(blob, layers.get(table))
            if reason:
                found.append(BrokenGeometry(table, int(fid), f"{kind} {name}", reason))
    return found
