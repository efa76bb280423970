"""Read census grid tables as the statistical offices publish them (Zensus 2022 in grid cells).

A file holds one row per INSPIRE grid cell in ETRS89-LAEA (EPSG:3035): an id such as
``CRS3035RES100mN2689100E4337000`` (resolution, then the lower-left corner: northing, easting),
often the cell centre as ``x_mp_100m``/``y_mp_100m``, one or more value columns and a column
``werterlaeuternde_Zeichen`` with markers such as ``KLAMMERN`` (limited reliability). Values
are written with a decimal comma; a withheld cell holds a dash or nothing and is never zero.

The whole-of-Germany files have millions of rows: they are read in chunks, and only the
cells inside a given window (the project's districts) are kept.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from k360desk.io.report import ImportProblem
from k360desk.progress import NO_PROGRESS, Cancelled, Progress

GRID_CRS = 3035
CHUNK_ROWS = 400_000
_ID = re.compile(r"^CRS3035RES(\d+)(m|km)N(\d+)E(\d+)$", re.IGNORECASE)
_ID_COLUMN = re.compile(r"^gitter_?id(?:_(\d+k?m))?$", re.IGNORECASE)
_X_COLUMN = re.compile(r"^x_?mp(?:_(\d+k?m))?$", re.IGNORECASE)
_Y_COLUMN = re.compile(r"^y_?mp(?:_(\d+k?m))?$", re.IGNORECASE)
_MARKER_COLUMN = re.compile(r"^werte?rlaeuternde_?zeichen$", re.IGNORECASE)
# Entries of the values themselves that mean "withheld or not available": never zero.
WITHHELD = {"", "-", "–", "—", ".", "x", "X", "/", "…", "...", "NA", "nan"}
# Markers of limited reliability (the offices' "( )"): the value is used and reported.
LIMITED = ("KLAMMER",)
# Cell values that are shares, means or rates cannot be added up over cells.
NOT_ADDITIVE = re.compile(r"anteil|durchschn|quote|prozent|mittel|median|miete|je_|pro_|dichte",
                          re.IGNORECASE)


@dataclass
class GridLayout:
    """Which columns of a grid table mean what."""

    id_column: str | None
    x_column: str | None
    y_column: str | None
    marker_column: str | None
    value_columns: list[str]
    resolution: int | None  # metres, from the column names (None: from the ids)
    sep: str
    encoding: str


@dataclass
class GridCells:
    """The cells kept from a grid file: centres and sizes in EPSG:3035, values per column."""

    x: np.ndarray
    y: np.ndarray
    size: np.ndarray  # cell edge in metres
    values: dict[str, np.ndarray]  # NaN = withheld
    limited: np.ndarray  # bool: marked as of limited reliability
    ids: np.ndarray
    rows_read: int = 0
    rows_outside: int = 0
    bad_rows: list[tuple[int, str, str]] = field(default_factory=list)  # line, reason, content

    def __len__(self) -> int:
        return len(self.x)


def _resolution(text: str | None) -> int | None:
    if not text:
        return None
    text = text.lower()
    return int(text[:-2]) * 1000 if text.endswith("km") else int(text[:-1])


def _open_text(path: Path, member: str | None = None) -> tuple[io.BufferedIOBase, int]:
    """A binary stream of the CSV (inside a ZIP if need be) and its size in bytes."""
    if zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)
        names = [n for n in archive.namelist() if n.lower().endswith((".csv", ".txt"))]
        if member:
            names = [n for n in names if Path(n).name == member or n == member]
        if not names:
            raise ImportProblem(f"In „{path.name}“ steht keine CSV-Datei mit Gitterzellen.")
        if len(names) > 1:
            raise ImportProblem(f"„{path.name}“ enthält mehrere CSV-Dateien ("
                                + ", ".join(Path(n).name for n in names[:5])
                                + "); bitte eine mit --layer wählen.")
        return archive.open(names[0]), archive.getinfo(names[0]).file_size
    return open(path, "rb"), path.stat().st_size


def layout(path: str | Path, member: str | None = None) -> GridLayout:
    """Detect separator, encoding and the meaning of each column from the header line."""
    path = Path(path)
    if not path.exists():
        raise ImportProblem(f"Die Datei „{path}“ gibt es nicht.")
    stream, _size = _open_text(path, member)
    with stream:
        head = stream.read(4096)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            first = head.decode(encoding).splitlines()[0] if head else ""
            break
        except UnicodeDecodeError:
            continue
    if not first.strip():
        raise ImportProblem(f"„{path.name}“ ist leer.")
    sep = max((";", ",", "\t"), key=first.count)
    columns = [c.strip().strip('"') for c in first.split(sep)]
    roles: dict[str, str | None] = {"id": None, "x": None, "y": None, "marker": None}
    resolution = None
    for column in columns:
        for role, pattern in (("id", _ID_COLUMN), ("x", _X_COLUMN), ("y", _Y_COLUMN),
                              ("marker", _MARKER_COLUMN)):
            match = pattern.match(column)
            if match and roles[role] is None:
                roles[role] = column
                if role != "marker" and match.lastindex and match.group(1):
                    resolution = resolution or _resolution(match.group(1))
    if roles["id"] is None and (roles["x"] is None or roles["y"] is None):
        raise ImportProblem(
            f"„{path.name}“ sieht nicht wie eine Gitterzellen-Tabelle aus: es fehlt eine Spalte "
            "GITTER_ID_… oder die Mittelpunkte x_mp_…/y_mp_… (gefunden: " + ", ".join(columns[:8]) + ").")
    used = {c for c in roles.values() if c}
    values = [c for c in columns if c not in used]
    if not values:
        raise ImportProblem(f"„{path.name}“ enthält keine Wertespalte neben den Zellangaben.")
    return GridLayout(roles["id"], roles["x"], roles["y"], roles["marker"], values, resolution,
                      sep, encoding)


def parse_values(text: pd.Series) -> np.ndarray:
    """Census numbers; withheld markers become NaN, never zero.

    A column with any decimal comma is read the German way ("1.234,5"); a column without one
    takes "." as the decimal point (the grid files carry no thousands separators).
    """
    cleaned = text.fillna("").astype(str).str.strip()
    withheld = cleaned.isin(WITHHELD)
    if cleaned.str.contains(",", regex=False).any():
        cleaned = cleaned.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    numbers = np.array(pd.to_numeric(cleaned.where(~withheld, None), errors="coerce"),
                       dtype=float, copy=True)
    numbers[~np.isfinite(numbers)] = np.nan
    return numbers


def parse_ids(ids: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Centre x, y and cell size from INSPIRE ids; ``ok`` is False where an id does not parse."""
    parts = ids.fillna("").astype(str).str.strip().str.extract(_ID.pattern, flags=re.IGNORECASE)
    ok = parts[0].notna().to_numpy()
    size = pd.to_numeric(parts[0], errors="coerce").to_numpy(dtype=float)
    size = np.where(parts[1].str.lower().to_numpy() == "km", size * 1000, size)
    north = pd.to_numeric(parts[2], errors="coerce").to_numpy(dtype=float)
    east = pd.to_numeric(parts[3], errors="coerce").to_numpy(dtype=float)
    return east + size / 2, north + size / 2, size, ok


def read_cells(path: str | Path, window: tuple[float, float, float, float] | None,
               columns: list[str] | None = None, member: str | None = None,
               progress: Progress = NO_PROGRESS) -> tuple[GridLayout, GridCells]:
    """Read the cells whose square touches ``window`` (EPSG:3035 bounds), chunk by chunk."""
    path = Path(path)
    grid = layout(path, member)
    wanted = columns or grid.value_columns
    unknown = [c for c in wanted if c not in grid.value_columns]
    if unknown:
        raise ImportProblem("Spalte(n) " + ", ".join(f"„{c}“" for c in unknown) + " gibt es nicht; "
                            "Wertespalten der Datei: " + ", ".join(grid.value_columns))
    usecols = [c for c in (grid.id_column, grid.x_column, grid.y_column, grid.marker_column) if c]
    usecols += wanted
    result = GridCells(np.empty(0), np.empty(0), np.empty(0), {}, np.empty(0, bool), np.empty(0, object))
    try:
        # Fast path: the C parser reads the centre columns as numbers itself.
        kept = _read_chunks(path, member, grid, usecols, window, result, progress, numeric=True)
    except ValueError:
        # A centre column holds text (a decimal comma, a marker): read everything as text.
        result = GridCells(np.empty(0), np.empty(0), np.empty(0), {}, np.empty(0, bool),
                           np.empty(0, object))
        kept = _read_chunks(path, member, grid, usecols, window, result, progress, numeric=False)
    frame = pd.concat(kept, ignore_index=True) if kept else pd.DataFrame()
    if frame.empty:
        return grid, result
    result.x, result.y = frame["x"].to_numpy(float), frame["y"].to_numpy(float)
    result.size = frame["size"].to_numpy(float)
    result.ids = frame["id"].to_numpy(object)
    result.values = {c: parse_values(frame[c]) for c in wanted}
    markers = frame[grid.marker_column].astype(str).str.upper() if grid.marker_column else None
    result.limited = (markers.str.contains("|".join(LIMITED), regex=True).to_numpy()
                      if markers is not None else np.zeros(len(frame), bool))
    return grid, result


def _read_chunks(path: Path, member: str | None, grid: GridLayout, usecols: list[str],
                 window: tuple[float, float, float, float] | None, result: GridCells,
                 progress: Progress, numeric: bool) -> list[pd.DataFrame]:
    """The chunks of kept cells; ``numeric`` lets the parser read the centre columns as floats."""
    dtype: dict[str, object] = dict.fromkeys(usecols, str)
    if numeric and grid.x_column and grid.y_column:
        dtype[grid.x_column] = dtype[grid.y_column] = "float64"
    kept = []
    stream, size_total = _open_text(path, member)
    size_total = max(size_total, 1)
    with stream:
        # pandas' C parser reads the binary stream itself; decoding in Python would triple
        # the time on a whole-of-Germany file.
        reader = pd.read_csv(stream, sep=grid.sep, dtype=dtype, usecols=usecols, chunksize=CHUNK_ROWS,
                             encoding=grid.encoding, keep_default_na=False, na_filter=False)
        for chunk in _chunks(reader):
            if progress.cancelled:
                raise Cancelled()
            result.rows_read += len(chunk)
            if window is not None:
                chunk = _near(chunk, grid, window, result)
            frame = _locate(chunk, grid, result)
            if window is not None and len(frame):
                half = frame["size"].to_numpy() / 2
                x, y = frame["x"].to_numpy(), frame["y"].to_numpy()
                inside = ((x + half > window[0]) & (x - half < window[2])
                          & (y + half > window[1]) & (y - half < window[3]))
                result.rows_outside += int((~inside).sum())
                frame = frame[inside]
            kept.append(frame)
            progress.step(min(_position(stream), size_total), size_total,
                          f"Gitterzellen lesen … {result.rows_read:,} Zeilen".replace(",", "."))
    return kept


def _position(stream) -> int:
    try:
        return int(stream.tell())
    except (OSError, ValueError):
        return 0


def _near(chunk: pd.DataFrame, grid: GridLayout, window: tuple[float, float, float, float],
          result: GridCells) -> pd.DataFrame:
    """Drop rows far outside the window before the (slower) id parsing.

    Uses the centre columns, or the northing/easting digits of the ids, with a margin of the
    largest cell size (10 km); rows whose position cannot be read stay for ``_locate`` to report.
    """
    margin = 10_000
    if grid.x_column and grid.y_column:
        x, y = _number(chunk[grid.x_column]), _number(chunk[grid.y_column])
    else:
        ids = chunk[grid.id_column].astype(str)
        y = pd.to_numeric(ids.str.extract(r"N(\d+)E", expand=False), errors="coerce").to_numpy(float)
        x = pd.to_numeric(ids.str.extract(r"E(\d+)$", expand=False), errors="coerce").to_numpy(float)
    unknown = np.isnan(x) | np.isnan(y)
    near = ((x > window[0] - margin) & (x < window[2] + margin)
            & (y > window[1] - margin) & (y < window[3] + margin))
    keep = near | unknown
    result.rows_outside += int((~keep).sum())
    return chunk[keep]


def _number(column: pd.Series) -> np.ndarray:
    """A centre column as floats (already numbers on the fast path; "4337050,0" read too)."""
    if pd.api.types.is_float_dtype(column):
        return column.to_numpy(float)
    return pd.to_numeric(column.astype(str).str.replace(",", ".", regex=False),
                         errors="coerce").to_numpy(float)


def _chunks(reader) -> Iterator[pd.DataFrame]:
    try:
        yield from reader
    except UnicodeDecodeError as exc:
        raise ImportProblem("Die Datei ist nicht in der erkannten Kodierung geschrieben.") from exc
    except pd.errors.ParserError as exc:
        raise ImportProblem(f"Die Tabelle lässt sich nicht lesen: {exc}") from exc


def _locate(chunk: pd.DataFrame, grid: GridLayout, result: GridCells) -> pd.DataFrame:
    """Centre and size of every row of a chunk; rows without a usable position are reported."""
    n = len(chunk)
    x = np.full(n, np.nan)
    y = np.full(n, np.nan)
    size = np.full(n, float(grid.resolution) if grid.resolution else np.nan)
    ids = chunk[grid.id_column] if grid.id_column else pd.Series([""] * n, index=chunk.index)
    if grid.x_column and grid.y_column:
        x, y = _number(chunk[grid.x_column]), _number(chunk[grid.y_column])
    if grid.id_column:
        ix, iy, isize, ok = parse_ids(ids)
        # The id is the authority on the cell size (files may mix resolutions); centres
        # from x_mp/y_mp win where given, the id's corner fills the rest.
        size = np.where(ok, isize, size)
        x = np.where(np.isnan(x), ix, x)
        y = np.where(np.isnan(y), iy, y)
    bad = np.isnan(x) | np.isnan(y) | np.isnan(size)
    if bad.any():
        for pos in np.flatnonzero(bad)[:1000]:
            # The chunk keeps the reader's row numbers: row 0 is line 2 of the file.
            result.bad_rows.append((int(chunk.index[pos]) + 2, "Zelle ohne erkennbare Lage (Gitter-ID "
                                    "oder Mittelpunkt fehlt)", str(ids.iloc[pos])))
    frame = chunk.assign(x=x, y=y, size=size, id=ids.to_numpy())
    return frame[~bad]
