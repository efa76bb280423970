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


# Beyond these a coordinate cannot be a place on Earth in the layer's reference system
# (metres of a projected CRS, degrees of a geographic one).
PROJECTED_LIMIT = 2.1e7
GEOGRAPHIC_LIMIT = (180.0, 90.0)


@dataclass
class BrokenGeometry:
    """One feature whose geometry blob cannot be used as stored."""

    table: str
    fid: int
    label: str
    reason: str
    repair: str = "remove"  # "remove" or "flatten" (drop the third dimension)

    def finding(self) -> str:
        """The line ``check`` prints."""
        return f"{self.label}: ungültige Geometrie ({self.reason})."


def blob_problem(blob: bytes, srs_id: int | None, geographic: bool = False) -> str | None:
    """Why a GeoPackage blob cannot be used, or None when it is fine."""
    found = _inspect(blob, srs_id, geographic)
    return found[0] if found else None


def _inspect(blob: bytes, srs_id: int | None, geographic: bool) -> tuple[str, str] | None:
    import numpy as np
    import shapely

    blob = bytes(blob)
    try:
        start = gpkg.wkb_offset(blob)
        if len(blob) < start + 5:
            return "abgeschnitten", "remove"
        blob_srs = struct.unpack_from("<i" if blob[3] & 1 else ">i", blob, 4)[0]
    except (ValueError, struct.error):
        return "kein gültiger GeoPackage-Kopf", "remove"
    try:
        geometry = shapely.from_wkb(blob[start:], on_invalid="raise")
    except (shapely.errors.GEOSException, ValueError, TypeError):
        return "Koordinaten nicht lesbar", "remove"
    if srs_id is not None and blob_srs != srs_id:
        return f"falsches Bezugssystem {blob_srs}", "remove"
    coords = shapely.get_coordinates(geometry)
    if len(coords):
        if not np.isfinite(coords).all():
            return "Koordinaten außerhalb des Bezugssystems", "remove"
        limit = GEOGRAPHIC_LIMIT if geographic else (PROJECTED_LIMIT, PROJECTED_LIMIT)
        if (np.abs(coords[:, 0]) > limit[0]).any() or (np.abs(coords[:, 1]) > limit[1]).any():
            return "Koordinaten außerhalb des Bezugssystems", "remove"
    if shapely.has_z(geometry):
        return "Höhenangaben (3D); werden beim Reparieren entfernt", "flatten"
    return None


def _geographic(conn: sqlite3.Connection) -> set[int]:
    rows = conn.execute("SELECT srs_id, definition FROM gpkg_spatial_ref_sys")
    return {srs for srs, definition in rows
            if srs == 4326 or str(definition or "").lstrip().upper().startswith(("GEOGCS", "GEOGCRS"))}


def broken_geometries(conn: sqlite3.Connection) -> list[BrokenGeometry]:
    """All district and facility geometries that cannot be used as stored."""
    layers = dict(conn.execute("SELECT table_name, srs_id FROM gpkg_contents"))
    geographic = _geographic(conn)
    found = []
    for table, (name_column, kind) in LAYERS.items():
        srs = layers.get(table)
        rows = conn.execute(f"SELECT fid, {name_column}, geom FROM {table} WHERE geom IS NOT NULL")
        for fid, name, blob in rows:
            problem = _inspect(blob, srs, srs in geographic)
            if problem:
                found.append(BrokenGeometry(table, int(fid), f"{kind} {name}", *problem))
    return found


def repaired_blob(conn: sqlite3.Connection, item: BrokenGeometry) -> bytes | None:
    """The blob after repair: flattened to 2D, or None (removed)."""
    if item.repair != "flatten":
        return None
    import shapely

    blob = bytes(conn.execute(f"SELECT geom FROM {item.table} WHERE fid=?", (item.fid,)).fetchone()[0])
    srs = struct.unpack_from("<i" if blob[3] & 1 else ">i", blob, 4)[0]
    geometry = shapely.force_2d(shapely.from_wkb(blob[gpkg.wkb_offset(blob):]))
    return gpkg.to_blob(geometry, srs)
