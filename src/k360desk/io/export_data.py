"""Data for colleagues without the app: indicator tables (CSV/XLSX) and districts (GeoPackage/GeoJSON).

Everything that leaves the app goes through disclosure control: suppressed values are
written as empty cells with the official sign "." in a status column ("–" for no value),
never as numbers; the XLSX explains the signs on a sheet of its own.
Derived indicators are computed, not copied from stale stored values.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from k360desk.analysis.disclosure import apply_disclosure
from k360desk.io.spreadsheet import write_csv, write_xlsx
from k360desk.symbols import LIMITED, MEANINGS, NOTHING, SECRET

if TYPE_CHECKING:
    from k360desk.projectfile import Project

STATUS_LABELS = {"final": "endgültig", "provisional": "vorläufig", "estimated": "geschätzt",
                 "suppressed": SECRET, "missing": NOTHING}


class ExportError(ValueError):
    """An export request that cannot be fulfilled; the message is German."""


def disclosed_values(project: Project, keys: Iterable[str] | None = None,
                     periods: Iterable[int] | None = None) -> pd.DataFrame:
    """Values with derived indicators and disclosure control applied (long form)."""
    from k360desk.figures.indicators import project_values

    keys = list(keys) if keys is not None else None
    values = project_values(project, keys, periods)
    shown = apply_disclosure(values, project.indicators_frame(), project.disclosure_threshold,
                             project.districts_frame())
    if keys is not None:
        shown = shown[shown["indicator"].isin(keys)]
    return shown


def values_table(project: Project, keys: Iterable[str] | None = None,
                 periods: Iterable[int] | None = None) -> pd.DataFrame:
    """The export table in long form with German headers."""
    shown = disclosed_values(project, keys, periods)
    indicators = project.indicators_frame().set_index("key")
    districts = project.districts_frame()
    out = pd.DataFrame({
        "Sozialraum": shown["district"].to_numpy(),
        "Name": shown["district_id"].map(districts["name"]).to_numpy(),
        "Indikator": shown["indicator"].to_numpy(),
        "Bezeichnung": shown["indicator"].map(indicators["name"]).to_numpy(),
        "Einheit": shown["indicator"].map(indicators["unit"]).to_numpy(),
        "Jahr": shown["period"].astype(int).to_numpy(),
        "Wert": shown["value"].to_numpy(),
        "Status": shown["status"].map(STATUS_LABELS).fillna(shown["status"]).to_numpy(),
    })
    return out.sort_values(["Indikator", "Jahr", "Sozialraum"], kind="stable").reset_index(drop=True)


def signs_table(threshold: int) -> pd.DataFrame:
    """The Zeichenerklärung as a table (sign, meaning) for workbooks."""
    meanings = dict(MEANINGS)
    meanings[SECRET] += f" (Fallzahl unter {threshold} oder rückrechenbar)"
    return pd.DataFrame({"Zeichen": ["( )" if s == LIMITED else s for s in meanings],
                         "Bedeutung": list(meanings.values())})


def export_values(project: Project, path: str | Path, keys: Iterable[str] | None = None,
                  periods: Iterable[int] | None = None) -> int:
    """Write indicator values as CSV (German Excel) or XLSX, chosen by the file extension."""
    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError(f"Den Ordner „{path.parent}“ gibt es nicht.")
    table = values_table(project, keys, periods)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_csv(table, path)
    elif suffix == ".xlsx":
        write_xlsx({"Indikatorwerte": table, "Zeichenerklärung": signs_table(project.disclosure_threshold)},
                   path, number_formats={"Wert": "#,##0.0##"},
                   widths=[12, 28, 18, 40, 12, 8, 12, 12])
    else:
        raise ExportError(f"Unbekanntes Format „{path.suffix}“ (möglich: .csv, .xlsx).")
    return len(table)


def export_districts(project: Project, path: str | Path, keys: Iterable[str] = (),
                     period: int | None = None, level_id: int | None = None) -> int:
    """Write districts with chosen indicators (one column per key) as GeoPackage or GeoJSON.

    Without ``period`` each district gets the newest value it has; suppressed values stay
    empty and are named in a ``<key>_status`` column.
    """
    import pyogrio

    path = Path(path)
    suffix = path.suffix.lower()
    drivers = {".gpkg": "GPKG", ".geojson": "GeoJSON", ".json": "GeoJSON"}
    if suffix not in drivers:
        raise ExportError(f"Unbekanntes Format „{path.suffix}“ (möglich: .gpkg, .geojson).")
    if not path.parent.is_dir():
        raise ExportError(f"Den Ordner „{path.parent}“ gibt es nicht.")
    districts = project.districts_frame(level_id)
    if districts.empty:
        raise ExportError("Das Projekt hat keine Sozialräume.")
    keys = list(keys)
    known = set(project.indicators_frame()["key"])
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise ExportError(f"Unbekannte Indikatoren: {', '.join(unknown)}")
    out = districts[["code", "name", "level", "parent_code", "geometry"]].copy()
    out = out.rename(columns={"code": "schluessel", "level": "ebene", "parent_code": "oberbezirk"})
    if keys:
        shown = disclosed_values(project, keys, [period] if period is not None else None)
        shown = shown[shown["district_id"].isin(districts.index)]
        shown = shown[shown["value"].notna() | (shown["status"] == "suppressed")]
        newest = shown.sort_values("period").groupby(["indicator", "district_id"]).tail(1)
        for key in keys:
            rows = newest[newest["indicator"] == key].set_index("district_id")
            out[key] = out.index.map(rows["value"]).astype(float)
            out[f"{key}_jahr"] = out.index.map(rows["period"]).astype("Int64")
            out[f"{key}_status"] = out.index.map(rows["status"].map(STATUS_LABELS)).fillna("")
    if drivers[suffix] == "GeoJSON":
        out = out.to_crs(4326)  # RFC 7946: GeoJSON is WGS84
    tmp = path.with_name(f".{path.stem}.tmp{path.suffix}")
    tmp.unlink(missing_ok=True)
    pyogrio.write_dataframe(out.reset_index(drop=True), tmp, driver=drivers[suffix],
                            layer="sozialraeume" if drivers[suffix] == "GPKG" else None)
    tmp.replace(path)
    return len(out)


def export_commentaries(project: Project, path: str | Path, period: int | None = None) -> int:
    """Write the Blickpunkte (district, year, text, last change) as CSV or XLSX; return the count."""
    from k360desk.formats import format_date
    from k360desk.models.commentaries import commentaries_frame

    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError(f"Den Ordner „{path.parent}“ gibt es nicht.")
    frame = commentaries_frame(project, period)
    districts = project.districts_frame()
    table = pd.DataFrame({
        "Sozialraum": frame["district_id"].map(districts["code"]).astype(str).to_numpy(),
        "Name": frame["district_id"].map(districts["name"]).to_numpy(),
        "Jahr": frame["period"].astype(int).to_numpy(),
        "Blickpunkt": frame["body"].to_numpy(),
        "geändert": frame["modified"].map(format_date).to_numpy(),
    }).sort_values(["Sozialraum", "Jahr"], kind="stable")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_csv(table, path)
    elif suffix == ".xlsx":
        write_xlsx({"Blickpunkte": table}, path, widths=[12, 28, 8, 90, 12])
    else:
        raise ExportError(f"Unbekanntes Format „{path.suffix}“ (möglich: .csv, .xlsx).")
    return len(table)
