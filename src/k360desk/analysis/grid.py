"""Census grid cells aggregated to districts: by cell centre or weighted by area.

Pure computation over arrays and a GeoDataFrame of districts, all in the grid's CRS
(EPSG:3035, metres). Two rules:

- ``centre``: a cell belongs wholly to the district that holds its centre (the statistical
  offices' own rule). A centre exactly on a shared boundary goes to the district whose code
  sorts first, so every cell is counted once.
- ``area``: a cell is split between the districts it overlaps in proportion to the area of
  the overlap; the part outside every district is not counted.

A withheld cell (NaN) adds nothing to any sum and is counted separately, with the share of
each district's area it covers, so nobody mistakes a gap for a zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

METHODS = {"centre": "Zellmittelpunkt", "area": "Flächenanteil"}


@dataclass
class Assignment:
    """Which cell counts for which district, and with what weight (1 = the whole cell)."""

    cell: np.ndarray  # cell positions
    district: np.ndarray  # row positions in the districts frame
    weight: np.ndarray
    cut: np.ndarray  # bool per pair: the district's boundary crosses the cell


def cell_boxes(x: np.ndarray, y: np.ndarray, size: np.ndarray) -> np.ndarray:
    """The cell squares from centres and edge lengths."""
    half = size / 2
    return shapely.box(x - half, y - half, x + half, y + half)


def assign(x: np.ndarray, y: np.ndarray, size: np.ndarray, districts: gpd.GeoDataFrame,
           method: str = "centre") -> Assignment:
    """Pairs of (cell, district) with weights under ``method``; districts in the grid CRS."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    geoms = districts.geometry.to_numpy()
    shapely.prepare(geoms)  # thousands of predicates per district polygon
    tree = shapely.STRtree(geoms)
    boxes = cell_boxes(x, y, size)
    if method == "area":
        b_cell, b_dist = tree.query(boxes, predicate="intersects")
        # A cell covered by a district (its edges may lie on the boundary) counts whole; only
        # the others need their overlap measured.
        covered = shapely.covers(geoms[b_dist], boxes[b_cell])
        overlap = np.ones(len(b_cell))
        part = ~covered
        if part.any():
            pieces = shapely.intersection(geoms[b_dist[part]], boxes[b_cell[part]])
            overlap[part] = shapely.area(pieces) / (size[b_cell[part]] ** 2)
        real = overlap > 1e-9  # sharing an edge or a corner is not an overlap
        return Assignment(b_cell[real], b_dist[real], overlap[real], ~covered[real])
    p_cell, p_dist = tree.query(shapely.points(x, y), predicate="intersects")
    if len(p_cell):
        # A centre on a boundary lies in two districts: keep the one whose code sorts first.
        order = np.lexsort((districts["code"].astype(str).to_numpy()[p_dist], p_cell))
        p_cell, p_dist = p_cell[order], p_dist[order]
        first = np.r_[True, p_cell[1:] != p_cell[:-1]]
        p_cell, p_dist = p_cell[first], p_dist[first]
    # The boundary cuts a cell when the district holding its centre does not cover it.
    cut = ~shapely.covers(geoms[p_dist], boxes[p_cell])
    return Assignment(p_cell, p_dist, np.ones(len(p_cell)), cut)


def aggregate(values: dict[str, np.ndarray], limited: np.ndarray, size: np.ndarray,
              districts: gpd.GeoDataFrame, pairs: Assignment, population: str | None = None
              ) -> pd.DataFrame:
    """One row per district: a sum per value column and the figures of the report.

    Columns: ``district_id``, ``code``, ``name``, one per value column (NaN where no cell with a
    known value falls in the district), ``cells`` (cells counted), ``cells_cut``, ``cut_share``,
    ``population_cut`` (population in cut cells, if ``population`` names a value column),
    ``withheld`` (cells with a withheld value in any column), ``withheld_area_share`` (share of
    the district's area they cover), ``limited`` (cells of limited reliability).
    """
    n = len(districts)
    out = pd.DataFrame({"district_id": districts["id"].to_numpy(),
                        "code": districts["code"].astype(str).to_numpy(),
                        "name": districts["name"].to_numpy()})
    d, w = pairs.district, pairs.weight
    any_withheld = np.zeros(len(size), bool)
    for column, cell_values in values.items():
        v = cell_values[pairs.cell]
        known = ~np.isnan(v)
        sums = np.bincount(d[known], weights=(v * w)[known], minlength=n)
        has = np.bincount(d[known], minlength=n) > 0
        out[column] = np.where(has, sums, np.nan)
        any_withheld |= np.isnan(cell_values)
    out["cells"] = np.bincount(d, minlength=n)
    out["cells_cut"] = np.bincount(d, weights=pairs.cut.astype(float), minlength=n).astype(int)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["cut_share"] = np.where(out["cells"] > 0, out["cells_cut"] / out["cells"], np.nan)
    if population and population in values:
        p = values[population][pairs.cell]
        mask = pairs.cut & ~np.isnan(p)
        out["population_cut"] = np.bincount(d[mask], weights=p[mask], minlength=n)
    held = any_withheld[pairs.cell]
    out["withheld"] = np.bincount(d[held], minlength=n)
    # Area of withheld cells inside the district: weight × cell area (weight is the overlap
    # share under "area"; under "centre" the whole cell counts for its district).
    held_area = np.bincount(d[held], weights=(w * size[pairs.cell] ** 2)[held], minlength=n)
    area = districts.geometry.area.to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        out["withheld_area_share"] = np.where(area > 0, np.minimum(held_area / area, 1.0), np.nan)
    out["limited"] = np.bincount(d[limited[pairs.cell]], minlength=n)
    return out
