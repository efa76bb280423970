"""The census grid drawn beside the districts: why a district's figure is what it is.

Cells are squares coloured by value in quantile classes (a sequential ColorBrewer palette,
light = few; white = no cell), withheld cells hatched in grey (never a colour of the scale), district
boundaries drawn over them with their codes. Everything is in EPSG:3035, the grid's own
CRS, so the cells stay square.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from k360desk.analysis.palettes import DEFAULT_NEUTRAL, brewer
from k360desk.formats import format_number
from k360desk.messages import tr

if TYPE_CHECKING:
    import geopandas as gpd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from k360desk.io.grid import GridImport
    from k360desk.io.grid_read import GridCells

CLASSES = 5
WITHHELD_FACE = "#ffffff"
WITHHELD_HATCH = "////"


def class_breaks(values: np.ndarray, k: int = CLASSES) -> list[float]:
    """Upper bounds of up to ``k`` quantile classes of the known values (duplicates merged)."""
    known = values[~np.isnan(values)]
    if not len(known):
        return []
    bounds = np.unique(np.quantile(known, np.linspace(0, 1, k + 1)[1:]))
    return [float(b) for b in bounds]


def draw_grid(ax: Axes, cells: GridCells, boundaries: gpd.GeoDataFrame, column: str,
              title: str | None = None) -> list[str]:
    """Draw cells and boundaries on ``ax``; return the legend labels (German)."""
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Patch, Rectangle

    values = cells.values[column]
    breaks = class_breaks(values)
    # The palette's near-white first colour is skipped: white is where there is no cell.
    colours = brewer(DEFAULT_NEUTRAL, max(len(breaks), 2) + 1)[1:][-len(breaks):] if breaks else []
    classes = np.searchsorted(breaks, values, side="left") if breaks else np.zeros(len(values), int)
    half = cells.size / 2
    known = ~np.isnan(values)
    squares = [Rectangle((x - h, y - h), 2 * h, 2 * h)
               for x, y, h in zip(cells.x, cells.y, half, strict=True)]
    faces = [colours[min(c, len(colours) - 1)] if k else WITHHELD_FACE
             for c, k in zip(classes, known, strict=True)]
    ax.add_collection(PatchCollection([s for s, k in zip(squares, known, strict=True) if k],
                                      facecolors=[f for f, k in zip(faces, known, strict=True) if k],
                                      edgecolors="none"))
    if (~known).any():
        ax.add_collection(PatchCollection([s for s, k in zip(squares, known, strict=True) if not k],
                                          facecolors=WITHHELD_FACE, edgecolors="#555555",
                                          linewidths=0.3, hatch=WITHHELD_HATCH))
    boundaries.boundary.plot(ax=ax, color="#000000", linewidth=0.9)
    for code, point in zip(boundaries["code"], boundaries.geometry.representative_point(), strict=True):
        ax.annotate(str(code), (point.x, point.y), ha="center", va="center", fontsize=7,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
    ax.set_aspect("equal")
    ax.set_axis_off()
    x0, y0, x1, y1 = boundaries.total_bounds
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    labels, handles, low = [], [], None
    for bound, colour in zip(breaks, colours, strict=True):
        text = (tr("bis {value}", value=format_number(bound, 0)) if low is None
                else tr("über {low} bis {high}", low=format_number(low, 0), high=format_number(bound, 0)))
        labels.append(text)
        handles.append(Patch(facecolor=colour, edgecolor="#888888"))
        low = bound
    if (~known).any():
        labels.append(tr("geheim gehalten ({n})", n=format_number(int((~known).sum()), 0)))
        handles.append(Patch(facecolor=WITHHELD_FACE, edgecolor="#555555", hatch=WITHHELD_HATCH))
    ax.legend(handles, labels, title=title or column, loc="upper center", bbox_to_anchor=(0.5, -0.01),
              ncol=3, fontsize=8, title_fontsize=8, frameon=False)
    return labels


def source_line(reference_date: str = "15.05.2022") -> str:
    """The footer a grid map carries: source, licence, reference date and print date."""
    from datetime import date

    from k360desk.formats import format_date

    # The offices' name and the licence are proper names and stay as they are.
    return tr("Quelle: Zensus 2022, {offices}, dl-de/by-2-0; Stichtag {date}; gedruckt am {printed}",
              offices="Statistische Ämter des Bundes und der Länder", date=reference_date,
              printed=format_date(date.today()))


def draw_grid_map(figure: Figure, result: GridImport, title: str, heading: str | None = None) -> str:
    """The grid map of an import on ``figure``: its first value column over the finest level's
    boundaries, with the source line at the foot; returns the column drawn."""
    column = next(iter(result.cells.values))
    ax = figure.add_subplot()
    draw_grid(ax, result.cells, result.boundaries, column, title=title.replace("%1", column))
    if heading:
        ax.set_title(heading, fontsize=9)
    figure.text(0.01, 0.005, source_line(result.report.options.get("reference_date", "15.05.2022")),
                fontsize=7, color="#333333")
    return column
