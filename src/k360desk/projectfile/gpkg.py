"""The OGC GeoPackage part of the project file: core tables, geometry blobs, layers.

We write the GeoPackage tables ourselves instead of letting GDAL create them, so the
file carries no R-tree triggers that call functions only GDAL registers (see
docs/decisions.md). GDAL and QGIS read the result as an ordinary GeoPackage.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

APPLICATION_ID = 0x47504B47  # "GPKG"
# GeoPackage 1.2 is the oldest version with application_id "GPKG" and everything we
# use; old QGIS/GDAL releases in municipal offices open it without warnings.
USER_VERSION = 10200

_CORE_DDL = """
CREATE TABLE gpkg_spatial_ref_sys (
    srs_name TEXT NOT NULL,
    srs_id INTEGER NOT NULL PRIMARY KEY,
    organization TEXT NOT NULL,
    organization_coordsys_id INTEGER NOT NULL,
    definition TEXT NOT NULL,
    description TEXT
);
CREATE TABLE gpkg_contents (
    table_name TEXT NOT NULL PRIMARY KEY,
    data_type TEXT NOT NULL,
    identifier TEXT UNIQUE,
    description TEXT DEFAULT '',
    last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
    srs_id INTEGER,
    CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);
CREATE TABLE gpkg_geometry_columns (
    table_name TEXT NOT NULL,
    column_name TEXT NOT NULL,
    geometry_type_name TEXT NOT NULL,
    srs_id INTEGER NOT NULL,
    z TINYINT NOT NULL,
    m TINYINT NOT NULL,
    CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
    CONSTRAINT uk_gc_table_name UNIQUE (table_name),
    CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
    CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
);
"""

_UNDEFINED_SRS = [
    ("Undefined cartesian SRS", -1, "NONE", -1, "undefined",
     "undefined cartesian coordinate reference system"),
    ("Undefined geographic SRS", 0, "NONE", 0, "undefined",
     "undefined geographic coordinate reference system"),
]


def create_core(conn: sqlite3.Connection, register_wgs84: bool = True) -> None:
    """Create the mandatory GeoPackage tables and header fields in an empty database.

    ``register_wgs84=False`` skips the WGS 84 row (it needs pyproj, slow to import) where
    only the table structure matters, e.g. the expected schema checked when opening.
    """
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {USER_VERSION}")
    conn.executescript(_CORE_DDL)
    conn.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", _UNDEFINED_SRS)
    if register_wgs84:
        ensure_srs(conn, 4326)


def ensure_srs(conn: sqlite3.Connection, epsg: int) -> None:
    """Register an EPSG coordinate reference system in gpkg_spatial_ref_sys if missing."""
    if conn.execute("SELECT 1 FROM gpkg_spatial_ref_sys WHERE srs_id=?", (epsg,)).fetchone():
        return
    from pyproj import CRS

    crs = CRS.from_epsg(epsg)
    conn.execute(
        "INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)",
        (crs.name, epsg, "EPSG", epsg, crs.to_wkt("WKT1_GDAL"), crs.name),
    )


def register_layer(
    conn: sqlite3.Connection,
    table: str,
    identifier: str,
    description: str,
    geometry_type: str,
    srs_id: int,
    column: str = "geom",
) -> None:
    """Register a feature table or view as a GeoPackage layer (idempotent)."""
    conn.execute("DELETE FROM gpkg_geometry_columns WHERE table_name=?", (table,))
    conn.execute("DELETE FROM gpkg_contents WHERE table_name=?", (table,))
    conn.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)"
        " VALUES (?, 'features', ?, ?, ?)",
        (table, identifier, description, srs_id),
    )
    conn.execute(
        "INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)",
        (table, column, geometry_type, srs_id),
    )


def update_extent(conn: sqlite3.Connection, table: str, bounds: Sequence[float] | None) -> None:
    """Store a layer's bounding box in gpkg_contents and touch its last_change."""
    values = list(bounds) if bounds is not None else [None] * 4
    conn.execute(
        "UPDATE gpkg_contents SET min_x=?, min_y=?, max_x=?, max_y=?,"
        " last_change=strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name=?",
        (*values, table),
    )


# --- geometry blobs -------------------------------------------------------------------

_EMPTY_FLAG = 0x10


def to_blob(geometry, srs_id: int) -> bytes | None:
    """Encode a shapely geometry as a GeoPackage geometry blob (little-endian, xy envelope).

    Polygons are stored as multipolygons, the declared type of the districts layer.
    """
    if geometry is None:
        return None
    import shapely

    if geometry.geom_type == "Polygon":
        geometry = shapely.MultiPolygon([geometry])

    if geometry.is_empty:
        header = b"GP\x00" + bytes([0x01 | _EMPTY_FLAG]) + struct.pack("<i", srs_id)
        return header + shapely.to_wkb(geometry, byte_order=1, output_dimension=2)
    minx, miny, maxx, maxy = geometry.bounds
    header = b"GP\x00\x03" + struct.pack("<i4d", srs_id, minx, maxx, miny, maxy)
    # Our layers are declared 2D (z=0 in gpkg_geometry_columns): heights are dropped.
    return header + shapely.to_wkb(geometry, byte_order=1, output_dimension=2)


def to_blobs(geometries: Iterable, srs_id: int) -> list[bytes | None]:
    """Encode many geometries at once."""
    return [to_blob(g, srs_id) for g in geometries]


_ENVELOPE_SIZE = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def wkb_offset(blob: bytes) -> int:
    """Return where the WKB starts inside a GeoPackage blob; raise ValueError if invalid."""
    if len(blob) < 8 or blob[:2] != b"GP":
        raise ValueError("keine GeoPackage-Geometrie")
    envelope = (blob[3] >> 1) & 0x07
    if envelope not in _ENVELOPE_SIZE:
        raise ValueError("ungültiger Geometrie-Kopf")
    return 8 + _ENVELOPE_SIZE[envelope]


def from_blobs(blobs: Sequence[bytes | None]) -> np.ndarray:
    """Decode GeoPackage blobs into an array of shapely geometries (None stays None)."""
    import numpy as np
    import shapely

    wkbs = [None if b is None else _wkb_or_none(bytes(b)) for b in blobs]
    # A damaged blob reads as "no geometry" (``check`` names it and ``check --fix`` clears
    # it); a warning would only reach the console or log as noise.
    return shapely.from_wkb(np.array(wkbs, dtype=object), on_invalid="ignore")


def _wkb_or_none(blob: bytes) -> bytes | None:
    try:
        return blob[wkb_offset(blob):]
    except ValueError:
        return None


def from_blob(blob: bytes | None):
    """Decode one GeoPackage blob into a shapely geometry."""
    return from_blobs([blob])[0]
