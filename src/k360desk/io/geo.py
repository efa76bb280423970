"""Reading vector layers (GeoJSON, Shapefile as .zip or folder, GeoPackage) and their CRS."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from k360desk.io.report import ImportProblem

if TYPE_CHECKING:
    import geopandas as gpd

KNOWN_CRS = {
    25832: "ETRS89 / UTM Zone 32N", 25833: "ETRS89 / UTM Zone 33N",
    4647: "ETRS89 / UTM Zone 32N mit Zonenkennung", 5650: "ETRS89 / UTM Zone 33N mit Zonenkennung",
    31466: "DHDN / Gauß-Krüger Zone 2", 31467: "DHDN / Gauß-Krüger Zone 3",
    31468: "DHDN / Gauß-Krüger Zone 4", 31469: "DHDN / Gauß-Krüger Zone 5",
    4326: "WGS 84 (Längen-/Breitengrad)", 4258: "ETRS89 (Längen-/Breitengrad)",
    3857: "WGS 84 / Web-Mercator",
}
VECTOR_SUFFIXES = (".geojson", ".json", ".shp", ".zip", ".gpkg")


@dataclass
class Layer:
    """A vector layer as read, with what was found about it."""

    frame: gpd.GeoDataFrame
    name: str
    crs_epsg: int | None
    crs_label: str
    encoding: str = ""
    layers: list[str] = field(default_factory=list)
    guessed_epsg: int | None = None


def crs_label(epsg: int | None) -> str:
    """German name of a coordinate reference system."""
    if epsg is None:
        return "unbekannt"
    return f"{KNOWN_CRS.get(epsg, 'EPSG')} (EPSG:{epsg})"


def parse_crs(text: str | int | None) -> int | None:
    """'EPSG:25832', '25832' or 25832 → 25832; None stays None."""
    if text is None or text == "":
        return None
    value = str(text).strip().upper().removeprefix("EPSG:")
    if not value.isdigit():
        raise ImportProblem(f"Ungültiges Koordinatensystem „{text}“ (Beispiel: EPSG:25832).")
    return int(value)


def guess_crs(bounds: tuple[float, float, float, float], project_epsg: int = 25832) -> int | None:
    """Guess a German CRS from the coordinate ranges (for files without .prj)."""
    minx, miny, maxx, maxy = bounds
    if -180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90:
        return 4326
    if 5.0e6 <= miny and maxy <= 6.2e6:
        if 2.4e6 <= minx and maxx < 6.0e6 and int(minx // 1e6) == int(maxx // 1e6):
            return 31464 + int(minx // 1e6)
        if 32.1e6 <= minx and maxx <= 32.95e6:
            return 4647
        if 33.1e6 <= minx and maxx <= 33.95e6:
            return 5650
        if 1.0e5 <= minx and maxx <= 9.0e5:
            return project_epsg if project_epsg in (25832, 25833) else 25832
    return None


def _shapefile_parts(path: Path) -> tuple[str, list[str], str]:
    """(GDAL path, shapefile names, container kind) for a .zip, folder or .shp."""
    if path.is_dir():
        shps = sorted(p.name for p in path.glob("*.shp")) + sorted(p.name for p in path.glob("*.SHP"))
        return str(path), shps, "folder"
    if path.suffix.lower() == ".zip":
        try:
            names = zipfile.ZipFile(path).namelist()
        except zipfile.BadZipFile as exc:
            raise ImportProblem(f"„{path.name}“ ist keine gültige ZIP-Datei.") from exc
        return f"/vsizip/{path.resolve().as_posix()}", [n for n in names if n.lower().endswith(".shp")], "zip"
    return str(path), [path.name], "file"


def _sidecar(path: Path, kind: str, shp: str, suffix: str) -> bytes | None:
    """Read a Shapefile sidecar (.prj, .cpg, .dbf) from a folder, a zip or beside the file."""
    stem = shp[:-4]
    if kind == "zip":
        archive = zipfile.ZipFile(path)
        for name in archive.namelist():
            if name.lower() == (stem + suffix).lower():
                return archive.read(name)
        return None
    folder = path if kind == "folder" else path.parent
    for candidate in (folder / (Path(stem).name + suffix), folder / (Path(stem).name + suffix.upper())):
        if candidate.exists():
            return candidate.read_bytes()
    return None


def _dbf_encoding(dbf: bytes | None) -> str:
    """UTF-8 if the DBF's text is valid UTF-8 with non-ASCII characters, else cp1252."""
    if not dbf or len(dbf) < 32:
        return "cp1252"
    header_len = int.from_bytes(dbf[8:10], "little")
    body = dbf[header_len:]
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "UTF-8"


def read_layer(source: str | Path, layer: str | None = None, encoding: str | None = None,
               crs: str | int | None = None, project_epsg: int = 25832,
               max_features: int | None = None, require_crs: bool = True) -> Layer:
    """Read a vector source; raise ImportProblem with a German message if it cannot be used."""
    import pyogrio

    path = Path(source)
    if not path.exists():
        raise ImportProblem(f"Die Datei „{path}“ gibt es nicht.")
    suffix = path.suffix.lower()
    kwargs: dict = {}
    stated = parse_crs(crs)
    used_encoding = ""
    missing_prj = False
    if path.is_dir() or suffix in (".zip", ".shp"):
        base, shps, kind = _shapefile_parts(path)
        if not shps:
            raise ImportProblem(f"In „{path.name}“ ist keine Shapefile-Datei (.shp).")
        if layer:
            chosen = [s for s in shps if Path(s).stem.lower() == layer.lower()]
            if not chosen:
                raise ImportProblem(f"Die Ebene „{layer}“ gibt es nicht (vorhanden: "
                                    f"{', '.join(Path(s).stem for s in shps)}).")
            shp = chosen[0]
        elif len(shps) > 1:
            raise ImportProblem("Mehrere Shapefiles gefunden, bitte eines auswählen: "
                                + ", ".join(Path(s).stem for s in shps))
        else:
            shp = shps[0]
        gdal_path = f"{base}/{shp}" if kind in ("zip", "folder") else base
        if kind == "zip" and len(shps) == 1 and "/" not in shp:
            gdal_path = f"{base}/{shp}"
        if encoding:
            kwargs["encoding"] = encoding
            used_encoding = encoding
        elif _sidecar(path, kind, shp, ".cpg") is None:
            used_encoding = _dbf_encoding(_sidecar(path, kind, shp, ".dbf"))
            kwargs["encoding"] = used_encoding
        else:
            used_encoding = (_sidecar(path, kind, shp, ".cpg") or b"").decode("ascii", "replace").strip()
        missing_prj = _sidecar(path, kind, shp, ".prj") is None
        name = Path(shp).stem
        layers = [Path(s).stem for s in shps]
    elif suffix in (".geojson", ".json", ".gpkg"):
        gdal_path = str(path)
        try:
            found = pyogrio.list_layers(gdal_path)
        except Exception as exc:  # noqa: BLE001 - GDAL errors come in many kinds
            raise ImportProblem(f"„{path.name}“ lässt sich nicht als Geodatei lesen ({exc}).") from exc
        layers = [str(r[0]) for r in found]
        if layer and layer not in layers:
            raise ImportProblem(f"Die Ebene „{layer}“ gibt es nicht (vorhanden: {', '.join(layers)}).")
        name = layer or layers[0]
        if suffix == ".gpkg":
            kwargs["layer"] = name
        if encoding:
            kwargs["encoding"] = encoding
            used_encoding = encoding
    else:
        raise ImportProblem(f"Dateityp „{path.suffix}“ wird nicht unterstützt (GeoJSON, Shapefile als "
                            "ZIP oder Ordner, GeoPackage).")
    try:
        frame = pyogrio.read_dataframe(gdal_path, max_features=max_features, **kwargs)
    except Exception as exc:  # noqa: BLE001
        raise ImportProblem(f"„{path.name}“ lässt sich nicht lesen ({exc}).") from exc
    if len(frame) == 0:
        raise ImportProblem(f"„{path.name}“ enthält keine Objekte.")
    epsg = None
    if frame.crs is not None and not missing_prj:
        epsg = frame.crs.to_epsg(min_confidence=70)
    result = Layer(frame, name, epsg, crs_label(epsg), used_encoding, layers)
    if frame.crs is None or missing_prj:
        bounds = tuple(frame.total_bounds) if frame.geometry.notna().any() else (0, 0, 0, 0)
        result.guessed_epsg = guess_crs(bounds, project_epsg)  # type: ignore[arg-type]
        if stated is None and require_crs:
            hint = (f" Die Koordinaten passen zu {crs_label(result.guessed_epsg)}."
                    if result.guessed_epsg else "")
            raise ImportProblem(
                "Zur Shapefile-Datei fehlt die .prj-Datei, das Koordinatensystem ist unbekannt."
                f"{hint} Bitte das Koordinatensystem angeben (z. B. EPSG:25832).")
    if stated is not None and (frame.crs is None or missing_prj):
        frame = frame.set_crs(epsg=stated, allow_override=True)
        result.frame, result.crs_epsg, result.crs_label = frame, stated, crs_label(stated)
    elif stated is not None and epsg != stated:
        frame = frame.set_crs(epsg=stated, allow_override=True)
        result.frame, result.crs_epsg, result.crs_label = frame, stated, crs_label(stated)
    elif epsg is None and frame.crs is not None:
        result.crs_label = frame.crs.name
    return result
