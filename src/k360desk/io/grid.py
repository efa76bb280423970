"""Import census grid cells (Zensus 2022) as indicator values of the project's districts.

Reads the published grid table (see ``grid_read``), keeps the cells that touch the
districts, aggregates them to every district level with boundaries (``analysis.grid``: by
cell centre or by area share), creates the indicators with their definitions (counts, and shares with
numerator and denominator) and writes the values in one transaction. The report names
every cell it could not place, the withheld cells and the area they cover, and for each
district how many cells its boundary cuts and how many people live in them.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from k360desk.formats import format_number
from k360desk.io import headers
from k360desk.io.grid_read import GRID_CRS, NOT_ADDITIVE, GridCells, read_cells
from k360desk.io.report import ImportProblem, ImportReport
from k360desk.progress import NO_PROGRESS, Progress, ScaledProgress

if TYPE_CHECKING:
    import geopandas as gpd

    from k360desk.projectfile import Project

CENSUS_SOURCE = "Zensus 2022, Statistische Ämter des Bundes und der Länder"
CENSUS_LICENCE = "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)"
CENSUS_DATE = "15.05.2022"
_SHARE = re.compile(r"^\s*([A-Za-z][\w]*)\s*=\s*([A-Za-z][\w]*)\s*/\s*([A-Za-z][\w]*)\s*(?::(.+))?$")
_POPULATION_WORDS = ("einwohner", "insgesamt", "bevoelkerung", "personen")


@dataclass
class GridOptions:
    """Choices of a grid import (None = detect)."""

    values: list[str] | None = None  # value columns; None = every additive one
    indicators: list[str] | None = None  # indicator keys for the value columns, same order
    method: str = "centre"
    level: str | None = None  # one district level; None = every level with boundaries
    period: int = 2022
    reference_date: str = CENSUS_DATE
    source: str = CENSUS_SOURCE
    licence: str = CENSUS_LICENCE
    shares: list[str] = field(default_factory=list)  # "key=NUMERATOR/DENOMINATOR[:Name]"
    totals: dict[str, float] = field(default_factory=dict)  # column → the municipality's total
    layer: str | None = None  # CSV inside a ZIP

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the report (and redo)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GridOptions:
        """Inverse of ``to_dict``."""
        return cls(**data)


@dataclass
class GridImport:
    """What a grid import did: the usual report and one row per district of the level."""

    report: ImportReport
    districts: pd.DataFrame  # one row per district of every level aggregated to (column "level")
    levels: list[str]  # finest first
    cells: GridCells | None = None  # the cells kept, to draw them beside the districts
    boundaries: gpd.GeoDataFrame | None = None  # the finest level's districts in EPSG:3035

    def district_lines(self, level: str, limit: int | None = 60) -> list[str]:
        """One German line per district of ``level``, most cut first when the list is cut."""
        frame = self.districts[self.districts["level"] == level]
        if limit and len(frame) > limit:
            frame = frame.sort_values(["cut_share", "code"], ascending=[False, True]).head(limit)
        lines = []
        for row in frame.itertuples(index=False):
            text = (f"{row.code} {row.name}: {_cells(row.cells)}, "
                    f"{format_number(100 * (row.cut_share if row.cells else 0), 0)} % von der "
                    "Grenze angeschnitten")
            if "population_cut" in frame.columns:
                text += f" ({format_number(row.population_cut, 0)} Einwohner darin)"
            if row.withheld:
                text += (f", {format_number(row.withheld, 0)} geheim gehalten "
                         f"({format_number(100 * row.withheld_area_share, 1)} % der Fläche)")
            if row.limited:
                text += f", {format_number(row.limited, 0)} mit eingeschränkter Aussagekraft"
            lines.append(text)
        return lines

    def district_table(self) -> pd.DataFrame:
        """The per-district table with German headers (for CSV export)."""
        names = {"level": "Ebene", "code": "Schlüssel", "name": "Sozialraum", "cells": "Zellen",
                 "cells_cut": "angeschnittene Zellen", "cut_share": "Anteil angeschnitten",
                 "population_cut": "Einwohner in angeschnittenen Zellen",
                 "withheld": "geheim gehaltene Zellen", "withheld_area_share": "Flächenanteil geheim",
                 "limited": "Zellen mit eingeschränkter Aussagekraft"}
        frame = self.districts.drop(columns=["district_id"])
        frame = frame[["level", *[c for c in frame.columns if c != "level"]]]
        return frame.rename(columns=names)


def _cells(n: int) -> str:
    """"1 Zelle", "2 Zellen" with German digits."""
    return f"{format_number(n, 0)} {'Zelle' if n == 1 else 'Zellen'}"


def _levels(project: Project, frame: gpd.GeoDataFrame, name: str | None) -> list[tuple[int, str]]:
    """The levels to aggregate to: the one named, else every level with boundaries (finest first);
    ``frame`` holds every district of the project."""
    from k360desk.projectfile import DistrictLevel

    levels = sorted(project.all(DistrictLevel), key=lambda lv: lv.rank, reverse=True)
    if not levels:
        raise ImportProblem("Das Projekt hat noch keine Sozialräume. Bitte zuerst Grenzen importieren.")
    if name:
        match = [lv for lv in levels if lv.name.casefold() == name.casefold()]
        if not match:
            raise ImportProblem(f"Die Ebene „{name}“ gibt es im Projekt nicht (vorhanden: "
                                + ", ".join(lv.name for lv in levels) + ").")
        return [(match[0].id, match[0].name)]
    has_boundary = frame.geometry.notna() & ~frame.geometry.is_empty
    chosen = [(lv.id, lv.name) for lv in levels if (has_boundary & (frame["level_id"] == lv.id)).any()]
    if not chosen:
        raise ImportProblem("Keine Ebene hat Grenzen: Gitterzellen lassen sich nur Sozialräumen mit "
                            "Grenzen zuordnen.")
    return chosen


def _districts(frame: gpd.GeoDataFrame, level_id: int, report: ImportReport) -> gpd.GeoDataFrame:
    """The districts of one level with boundaries, in the grid's CRS."""
    frame = frame[frame["level_id"] == level_id]
    empty = frame.geometry.isna() | frame.geometry.is_empty
    if empty.any():
        report.note(f"{int(empty.sum())} Sozialräume der Ebene ohne Grenze bekommen keine Werte: "
                    + ", ".join(frame.loc[empty, "code"].astype(str).head(10)))
    frame = frame[~empty]
    if frame.empty:
        raise ImportProblem("Die Sozialräume dieser Ebene haben keine Grenzen.")
    return frame.to_crs(GRID_CRS)


def _columns(cells_columns: list[str], options: GridOptions, report: ImportReport) -> list[str]:
    """The value columns to import: additive ones only (a share per cell cannot be summed)."""
    if options.values:
        bad = [c for c in options.values if NOT_ADDITIVE.search(c)]
        if bad:
            raise ImportProblem(
                "Spalte(n) " + ", ".join(f"„{c}“" for c in bad) + " enthalten Anteile oder "
                "Durchschnitte je Zelle; die lassen sich nicht über Zellen aufsummieren. Bitte die "
                "Anzahlen importieren und den Anteil mit --share KEY=ZÄHLER/NENNER bilden.")
        return list(options.values)
    chosen = [c for c in cells_columns if not NOT_ADDITIVE.search(c)]
    left = [c for c in cells_columns if NOT_ADDITIVE.search(c)]
    if left:
        report.note("Nicht übernommen (Anteile oder Durchschnitte je Zelle, nicht summierbar): "
                    + ", ".join(left))
    if not chosen:
        raise ImportProblem("Die Datei enthält nur Anteile oder Durchschnitte je Zelle; die lassen "
                            "sich nicht zu Sozialräumen zusammenfassen.")
    return chosen


def _population_column(columns: list[str]) -> str | None:
    for column in columns:
        if headers.normalise(column).split(" ")[0] in _POPULATION_WORDS:
            return column
    return None


def run(project: Project, source: str | Path, options: GridOptions | None = None,
        progress: Progress = NO_PROGRESS) -> GridImport:
    """Import a census grid file in one transaction; Cancel or an error changes nothing."""
    from k360desk.analysis.grid import METHODS, aggregate, assign
    from k360desk.io.grid_read import layout

    options = options or GridOptions()
    if options.method not in METHODS:
        raise ImportProblem(f"Unbekanntes Verfahren „{options.method}“ (centre oder area).")
    report = ImportReport("grid", str(source), options.to_dict())
    shares = [_parse_share(text) for text in options.shares]
    every = project.districts_frame()  # read once: geometries are the costly part
    levels = _levels(project, every, options.level)
    boundaries = {name: _districts(every, level_id, report) for level_id, name in levels}
    grid = layout(source, options.layer)
    columns = _columns(grid.value_columns, options, report)
    if options.indicators and len(options.indicators) != len(columns):
        raise ImportProblem(f"{len(options.indicators)} Indikatorschlüssel für {len(columns)} "
                            "Wertespalten: bitte je Spalte einen Schlüssel angeben.")
    bounds = np.array([frame.total_bounds for frame in boundaries.values()])
    window = (bounds[:, 0].min(), bounds[:, 1].min(), bounds[:, 2].max(), bounds[:, 3].max())
    _layout, cells = read_cells(source, window, columns, options.layer, ScaledProgress(progress, 0, 70))
    for line, reason, content in cells.bad_rows:
        report.skip(line, reason, content)
    report.note(f"{format_number(cells.rows_read, 0)} Zeilen gelesen, "
                f"{_cells(len(cells))} im Gebiet der Sozialräume, "
                f"{format_number(cells.rows_outside, 0)} außerhalb.")
    if not len(cells):
        raise ImportProblem("Keine Gitterzelle liegt im Gebiet der Sozialräume (stimmt die Datei? "
                            "Die Zellen müssen in ETRS89-LAEA, EPSG:3035, angegeben sein).")
    _note_cells(cells, report)
    population = _population_column(columns)
    tables = []
    for number, (name, districts) in enumerate(boundaries.items()):
        progress.step(70 + 15 * number // len(boundaries), 100,
                      f"Zellen der Ebene „{name}“ zuordnen …")
        pairs = assign(cells.x, cells.y, cells.size, districts, options.method)
        table = aggregate(cells.values, cells.limited, cells.size, districts, pairs, population)
        tables.append(table.assign(level=name))
        unplaced = len(cells) - len(np.unique(pairs.cell))
        if unplaced:
            report.note(f"Ebene „{name}“: {_cells(unplaced)} im Umriss, aber in keinem Sozialraum "
                        "(z. B. Lücken zwischen Grenzen oder außerhalb der Gemeinde).")
        _note_totals(table, columns, options, report, name)
    table = pd.concat(tables, ignore_index=True)
    progress.step(85, 100, "Werte schreiben …")
    with project.transaction():
        keys = _indicators(project, columns, options, cells, report)
        _shares(project, shares, options, report)
        _write(project, table, columns, keys, options, report)
    progress.step(100, 100, "fertig")
    finest = next(iter(boundaries))
    return GridImport(report, table, list(boundaries), cells, boundaries[finest])


def _note_cells(cells: GridCells, report: ImportReport) -> None:
    sizes = sorted({int(s) for s in np.unique(cells.size)})
    report.note("Zellgröße: " + ", ".join(f"{s // 1000} km" if s >= 1000 else f"{s} m" for s in sizes)
                + (" (gemischt: jede Zelle mit ihrer eigenen Größe)" if len(sizes) > 1 else ""))
    for column, values in cells.values.items():
        withheld = int(np.isnan(values).sum())
        if withheld:
            report.note(f"„{column}“: {_cells(withheld)} geheim gehalten oder ohne "
                        "Angabe – nicht als null gezählt.")
    if cells.limited.any():
        report.note(f"{_cells(int(cells.limited.sum()))} mit eingeschränkter "
                    "Aussagekraft (KLAMMERN) – übernommen und je Sozialraum gezählt.")


def _note_totals(table: pd.DataFrame, columns: list[str], options: GridOptions,
                 report: ImportReport, level: str) -> None:
    """Compare the districts' sum with the municipality's own total from the same census."""
    for column, total in options.totals.items():
        if column not in columns:
            raise ImportProblem(f"--total nennt die Spalte „{column}“, die nicht importiert wird.")
        summed = float(np.nansum(table[column].to_numpy(dtype=float)))
        diff = summed - total
        share = f" ({format_number(100 * diff / total, 1)} %)" if total else ""
        report.note(f"„{column}“, Ebene „{level}“: Summe der Sozialräume {format_number(summed, 0)}, "
                    f"Gesamtzahl der Gemeinde {format_number(total, 0)}, "
                    f"Unterschied {format_number(diff, 0)}{share}.")


def _parse_share(text: str) -> tuple[str, str, str, str | None]:
    match = _SHARE.match(text)
    if not match:
        raise ImportProblem(f"--share „{text}“: erwartet KEY=ZÄHLER/NENNER[:Name], z. B. "
                            "anteil_65plus=zensus22_a65undaelter/zensus22_einwohner:"
                            "Anteil 65 Jahre und älter")
    return match.group(1), match.group(2), match.group(3), match.group(4)


def _definition_note(options: GridOptions, cells: GridCells) -> str:
    from k360desk.analysis.grid import METHODS

    sizes = sorted({int(s) for s in np.unique(cells.size)})
    size = ", ".join(f"{s // 1000} km" if s >= 1000 else f"{s} m" for s in sizes)
    return (f"Stichtag {options.reference_date}; Gitterzellen {size} (EPSG:3035), den Sozialräumen "
            f"zugeordnet nach {METHODS[options.method]}.")


def _indicators(project: Project, columns: list[str], options: GridOptions, cells: GridCells,
                report: ImportReport) -> dict[str, int]:
    """Value column → indicator id; new indicators are counts with source and licence."""
    from k360desk.projectfile import Indicator

    known = {ind.key: ind for ind in project.all(Indicator)}
    keys = options.indicators or [f"zensus22_{headers.slug(c)}"[:60] for c in columns]
    source = f"{options.source}; {options.licence}"
    result, created = {}, []
    for column, key in zip(columns, keys, strict=True):
        existing = known.get(key)
        if existing is not None:
            if existing.kind != "count":
                raise ImportProblem(f"Der Indikator „{key}“ ist kein Zählwert ({existing.kind}); "
                                    "Gitterzellen lassen sich nur zu Anzahlen zusammenfassen.")
            result[column] = existing.id
            continue
        population = headers.normalise(column).split(" ")[0] in _POPULATION_WORDS
        indicator = Indicator(key=key, name=f"{column} (Zensus 2022)", kind="count", decimals=0,
                              unit="Personen" if population else "", source=source,
                              description=_definition_note(options, cells))
        result[column] = project.add(indicator)
        created.append(result[column])
        report.note(f"Neuer Indikator „{indicator.name}“ ({key}): Anzahl, Quelle {options.source}.")
    if created:
        report.undo.add_created("indicators", created)
    return result


def _shares(project: Project, shares: list[tuple[str, str, str, str | None]], options: GridOptions,
            report: ImportReport) -> None:
    """Share indicators defined by numerator and denominator (computed, never summed)."""
    from k360desk.projectfile import Indicator

    known = {ind.key: ind for ind in project.all(Indicator)}
    created = []
    for key, numerator, denominator, name in shares:
        missing = [k for k in (numerator, denominator) if k not in known]
        if missing:
            raise ImportProblem("--share: Indikator " + ", ".join(f"„{k}“" for k in missing)
                                + " gibt es nicht (Schlüssel der importierten Spalten: zensus22_…).")
        if key in known:
            ind = known[key]
            if ind.numerator_id != known[numerator].id or ind.denominator_id != known[denominator].id:
                raise ImportProblem(f"--share: „{key}“ gibt es schon mit anderer Definition.")
            continue
        indicator = Indicator(key=key, name=name or f"Anteil {known[numerator].name}", kind="share",
                              unit="%", scale=100, decimals=1, numerator_id=known[numerator].id,
                              denominator_id=known[denominator].id,
                              source=f"{options.source}; {options.licence}",
                              description=f"{known[numerator].name} je 100 {known[denominator].name}")
        created.append(project.add(indicator))
        known[key] = project.get(Indicator, created[-1])
        report.note(f"Neuer Anteil „{indicator.name}“ ({key}) = {numerator} / {denominator} × 100.")
    if created:
        report.undo.add_created("indicators", created)


def _write(project: Project, table: pd.DataFrame, columns: list[str], keys: dict[str, int],
           options: GridOptions, report: ImportReport) -> None:
    from k360desk.io.values import compare_with_stored

    rows = []
    for column in columns:
        part = pd.DataFrame({"indicator_id": keys[column], "district_id": table["district_id"],
                             "period": options.period, "value": table[column]})
        withheld = table["withheld"].to_numpy() > 0
        part["status"] = np.where(part["value"].isna(), "missing",
                                  np.where(withheld, "estimated", "final"))
        base = f"Zensus 2022, Stichtag {options.reference_date}"
        part["note"] = [
            f"{base}; ohne {int(n)} geheim gehaltene Zellen ({format_number(100 * s, 1)} % der Fläche)"
            if n else base for n, s in zip(table["withheld"], table["withheld_area_share"], strict=True)]
        rows.append(part)
    frame = pd.concat(rows, ignore_index=True)
    compare_with_stored(project, frame, report)
    project.set_values(frame)
    estimated = int((frame["status"] == "estimated").sum())
    if estimated:
        values = "1 Wert enthält" if estimated == 1 else f"{format_number(estimated, 0)} Werte enthalten"
        report.note(f"{values} geheim gehaltene Zellen nicht und "
                    f"{'ist' if estimated == 1 else 'sind'} als „geschätzt“ gekennzeichnet (Untergrenze).")
