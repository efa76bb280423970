"""Draw a ``MapSpec`` with matplotlib (screen and image export share this renderer).

The district outlines become one ``PathCollection`` built once per geometry set; switching
the indicator only sets new face colours. No pyplot: callers give an ``Axes`` of a
``Figure`` (Agg for export, FigureCanvasQTAgg on screen).
"""

from __future__ import annotations

import math
from pathlib import Path as FilePath
from typing import TYPE_CHECKING

import numpy as np

from k360desk.analysis.mapspec import MapBase, MapSpec, declutter
from k360desk.formats import format_number

if TYPE_CHECKING:
    from matplotlib.axes import Axes

EDGE_COLOR = "#ffffff"
EDGE_WIDTH = 0.5
OUTLINE_COLOR = "#7a7a7a"
SELECTION_COLOR = "#111111"
TEXT_COLOR = "#262626"
MUTED = "#6b6b6b"
EXPORT_FORMATS = {".png", ".svg", ".pdf"}
# Facility symbols at print size (area in pt²: 42 ≈ a 6.5 pt, 2.3 mm circle); thin shapes
# need more area to look as heavy as a circle.
_MARKER_AREA = {"*": 110, "P": 56, "X": 56, "p": 50, "h": 50, "H": 50, "8": 46, "d": 50}
FACILITY_AREA = 42
FACILITY_HALO = 1.6  # pt of white edge: a light halo keeps the symbol apart from any fill


def symbol_color(color: str) -> str:
    """The facility type's hue, darkened until it reads dark on every class fill (orange on
    orange otherwise vanishes)."""
    from k360desk.analysis.palettes import luma

    text = color.lstrip("#")
    rgb = [int(text[i:i + 2], 16) for i in (0, 2, 4)]
    factor = min(1.0, 70.0 / max(luma(color), 1.0))
    return "#" + "".join(f"{int(c * factor):02x}" for c in rgb)


def district_paths(base: MapBase) -> list:
    """One compound matplotlib Path per district (holes included), cached on the base."""
    cached = getattr(base, "_paths", None)
    if cached is not None:
        return cached
    import shapely
    from matplotlib.path import Path

    geoms = shapely.orient_polygons(np.asarray(base.geometries.values, dtype=object))
    parts, part_geom = shapely.get_parts(geoms, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
    codes = np.full(len(coords), Path.LINETO, dtype=np.uint8)
    if len(coords):
        starts = np.r_[0, np.flatnonzero(np.diff(coord_ring)) + 1]
        ends = np.r_[starts[1:] - 1, len(coords) - 1]
        codes[starts] = Path.MOVETO
        codes[ends] = Path.CLOSEPOLY
    coord_geom = part_geom[ring_part[coord_ring]] if len(coords) else np.array([], dtype=int)
    bounds = np.searchsorted(coord_geom, np.arange(len(geoms) + 1))
    paths = [Path(coords[a:b], codes[a:b]) if b > a else Path(np.zeros((1, 2)), [Path.MOVETO])
             for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
    base._paths = paths  # type: ignore[attr-defined]
    return paths


def compound_path(paths: list, mask) -> list:
    """The masked paths joined into one (or none): Agg hatches one path per draw call, and
    thousands of hatched districts drawn one by one took about a second per redraw."""
    from matplotlib.path import Path

    chosen = [p for p, m in zip(paths, mask, strict=True) if m]
    if not chosen:
        return []
    codes = [p.codes if p.codes is not None else _line_codes(len(p.vertices)) for p in chosen]
    return [Path(np.concatenate([p.vertices for p in chosen]), np.concatenate(codes))]


def _line_codes(n: int) -> np.ndarray:
    from matplotlib.path import Path

    codes = np.full(n, Path.LINETO, dtype=Path.code_type)
    codes[0] = Path.MOVETO
    return codes


def face_rgba(spec: MapSpec) -> np.ndarray:
    """RGBA fill per district, vectorised (a list of 15,000 hex strings is slow to parse)."""
    from matplotlib.colors import to_rgba_array

    from k360desk.analysis.mapspec import EXCLUDED, SUPPRESSED

    k = len(spec.class_styles)
    palette = to_rgba_array([s.face for s in spec.class_styles]
                            + [spec.suppressed_style.face, spec.no_data_style.face,
                               spec.excluded_style.face])
    index = np.where(spec.class_index >= 0, spec.class_index,
                     np.where(spec.class_index == SUPPRESSED, k,
                              np.where(spec.class_index == EXCLUDED, k + 2, k + 1)))
    return palette[index]


class MapArtists:
    """The artists of one drawn map, so a view can recolour and re-highlight them cheaply."""

    def __init__(self, ax: Axes, spec: MapSpec, *, decorations: bool = True,
                 label_size: float = 7.0, legend_wrap: int = 34) -> None:
        from matplotlib.collections import PathCollection

        self.ax = ax
        self.spec = spec
        self.decorations = decorations
        self.label_size = label_size
        # Labels are glyph outlines in two path collections (white halo, dark text): Agg
        # draws them in one call each, where one Text artist costs ~3–5 ms. Outlines are
        # cached per text, so zooming only re-runs the placement.
        self._glyphs: dict[str, object] = {}
        self.legend_wrap = legend_wrap
        self.paths = district_paths(spec.base)
        self.collection = PathCollection(self.paths, facecolors=face_rgba(spec),
                                         edgecolors=EDGE_COLOR, linewidths=EDGE_WIDTH, zorder=1)
        ax.add_collection(self.collection, autolim=False)
        self.suppressed = self._hatch_layer(spec.suppressed_style, "////")
        self.excluded = self._hatch_layer(spec.excluded_style, "xxx")
        self.selection = PathCollection([], facecolors="none", edgecolors=SELECTION_COLOR,
                                        linewidths=1.8, zorder=4)
        ax.add_collection(self.selection, autolim=False)
        self.facility_artists: list = []
        self.label_artists: list = []
        self.decoration_artists: list = []
        self.legend = None
        self._label_key: tuple | None = None
        ax.set_aspect("equal", adjustable="box")
        ax.set_axis_off()
        self.reset_view()
        self.recolor(spec)

    def _hatch_layer(self, style, default: str):
        from matplotlib.collections import PathCollection

        layer = PathCollection([], facecolors="none", edgecolors="none", linewidths=0.0, zorder=2)
        layer.set_hatch(style.hatch or default)
        layer.set_hatchcolor(style.hatch_color)
        layer.set_hatch_linewidth(0.6)
        self.ax.add_collection(layer, autolim=False)
        return layer

    # --- state -------------------------------------------------------------------------

    def reset_view(self) -> None:
        """Show the whole city with a small margin."""
        x0, y0, x1, y1 = self.spec.extent
        pad = 0.03 * max(x1 - x0, y1 - y0, 1.0)
        self.ax.set_xlim(x0 - pad, x1 + pad)
        self.ax.set_ylim(y0 - pad, y1 + pad)

    def recolor(self, spec: MapSpec) -> None:
        """Show another indicator on the same geometries: new colours, legend and titles."""
        if spec.base is not self.spec.base:
            raise ValueError("recolor needs the same district geometries")
        self.spec = spec
        self.collection.set_facecolors(face_rgba(spec))
        for layer, mask in ((self.suppressed, spec.suppressed_mask()), (self.excluded, spec.excluded_mask())):
            layer.set_paths(compound_path(self.paths, mask))
        self._draw_facilities()
        self.set_highlight(spec.highlight)
        self._draw_legend()
        self.refresh_view()

    def set_highlight(self, ids: tuple[int, ...] | list[int]) -> None:
        """Outline the selected districts."""
        rows = []
        for district_id in ids:
            try:
                rows.append(self.spec.base.position(district_id))
            except KeyError:
                continue
        self.selection.set_paths([self.paths[r] for r in rows])
        self.spec.highlight = tuple(int(i) for i in ids)

    def refresh_view(self) -> None:
        """Labels, scale bar and titles for the current view (after zoom, pan, resize).

        Labels depend only on geometry, label mode and view, so a new indicator keeps them.
        """
        fig = self.ax.figure
        key = (self.spec.label_mode, self.ax.get_xlim(), self.ax.get_ylim(),
               tuple(self.ax.get_position().bounds), fig.get_figwidth(), fig.get_figheight())
        if key != self._label_key:
            for artist in self.label_artists:
                artist.remove()
            self.label_artists = []
            self._draw_labels()
            self._label_key = key
        for artist in self.decoration_artists:
            artist.remove()
        self.decoration_artists = []
        if self.decorations:
            self._draw_decorations()

    # --- pieces ------------------------------------------------------------------------

    def units_per_point(self) -> float:
        """CRS units per typographic point at the current view and figure size."""
        fig = self.ax.figure
        width_in = self.ax.get_position().width * fig.get_figwidth()
        height_in = self.ax.get_position().height * fig.get_figheight()
        x0, x1 = self.ax.get_xlim()
        y0, y1 = self.ax.get_ylim()
        # With an equal aspect the larger ratio is the one matplotlib uses.
        return max((x1 - x0) / max(width_in * 72, 1e-9), (y1 - y0) / max(height_in * 72, 1e-9))

    def _draw_labels(self) -> None:
        from matplotlib.collections import PathCollection
        from matplotlib.transforms import Affine2D

        labels = self.spec.labels()
        if not labels:
            return
        x0, x1 = self.ax.get_xlim()
        y0, y1 = self.ax.get_ylim()
        if self.spec.declutter:
            labels = declutter(labels, self.units_per_point(), self.label_size, (x0, y0, x1, y1))
        if not labels:
            return
        paths = [self._glyph_path(label.text) for label in labels]
        offsets = np.array([(label.x, label.y) for label in labels])
        # Glyphs are in points; points → inches → pixels follows the figure's dpi (export too).
        points = Affine2D().scale(1 / 72) + self.ax.figure.dpi_scale_trans
        for face, edge, width in (("#ffffff", "#ffffff", 2.2), (TEXT_COLOR, "none", 0.0)):
            layer = PathCollection(paths, offsets=offsets, offset_transform=self.ax.transData,
                                   facecolors=face, edgecolors=edge, linewidths=width, zorder=5)
            layer.set_transform(points)
            layer.set_joinstyle("round")
            self.ax.add_collection(layer, autolim=False)
            self.label_artists.append(layer)
        self.label_count = len(labels)

    def _glyph_path(self, text: str):
        """Outline of a label text in points, centred on (0, 0)."""
        path = self._glyphs.get(text)
        if path is None:
            from matplotlib.font_manager import FontProperties
            from matplotlib.path import Path
            from matplotlib.textpath import TextPath

            raw = TextPath((0, 0), text, size=self.label_size, prop=FontProperties(family=["sans-serif"]))
            box = raw.get_extents()
            path = Path(raw.vertices - [(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2], raw.codes)
            self._glyphs[text] = path
        return path

    def hide_labels(self) -> None:
        """Hide the labels while the view moves (placed anew when the view settles)."""
        for artist in self.label_artists:
            artist.set_visible(False)
        self._label_key = None

    def _draw_facilities(self) -> None:
        for artist in self.facility_artists:
            artist.remove()
        self.facility_artists = []
        for layer in self.spec.facilities:
            # Below the labels (zorder 5): a symbol never hides a district's name.
            self.facility_artists.append(self.ax.scatter(
                layer.x, layer.y, s=_MARKER_AREA.get(layer.marker, FACILITY_AREA), marker=layer.marker,
                c=symbol_color(layer.color), edgecolors="#ffffff", linewidths=FACILITY_HALO, zorder=4,
                label=layer.type_name))

    def _draw_legend(self) -> None:
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        if self.legend is not None:
            self.legend.remove()
            self.legend = None
        spec = self.spec
        handles, bold = [], []
        for entry in spec.legend:
            style = entry.style
            patch = Patch(facecolor=style.face, edgecolor=OUTLINE_COLOR, linewidth=0.4,
                          hatch=style.hatch, label=f"{entry.label}  ({entry.count})")
            if style.hatch:
                patch.set_hatchcolor(style.hatch_color)
            handles.append(patch)
        if spec.facilities:
            handles.append(Patch(facecolor="none", edgecolor="none", label=" "))
            bold.append(len(handles))
            handles.append(Patch(facecolor="none", edgecolor="none", label="Einrichtungen"))
            for layer in spec.facilities:
                handles.append(Line2D([], [], linestyle="none", marker=layer.marker,
                                      markerfacecolor=symbol_color(layer.color),
                                      markeredgecolor="#ffffff",
                                      markersize=_MARKER_AREA.get(layer.marker, FACILITY_AREA) ** 0.5,
                                      label=f"{layer.type_name}  ({len(layer.x)})"))
        if not handles:
            return
        self.legend = self.ax.legend(
            handles=handles, title=_wrap(spec.legend_title, self.legend_wrap), loc="upper left",
            bbox_to_anchor=(1.02, 1.0), frameon=False, fontsize=8, title_fontsize=8.5,
            alignment="left", handlelength=1.6, handleheight=1.1, borderaxespad=0.0)
        self.legend.get_title().set_fontweight("bold")
        for i in bold:
            self.legend.get_texts()[i].set_fontweight("bold")

    def _draw_decorations(self) -> None:
        ax, spec = self.ax, self.spec
        add = self.decoration_artists.append
        chars = title_chars(ax.figure)
        title = _wrap(spec.title, chars)
        add(ax.annotate(title, xy=(0, 1), xycoords="axes fraction", xytext=(0, 30),
                        textcoords="offset points", fontsize=13, fontweight="bold",
                        color=TEXT_COLOR, ha="left", va="bottom", annotation_clip=False))
        if spec.subtitle:
            add(ax.annotate(spec.subtitle, xy=(0, 1), xycoords="axes fraction", xytext=(0, 10),
                            textcoords="offset points", fontsize=9, color=MUTED, ha="left",
                            va="bottom", annotation_clip=False))
        if spec.source:
            add(ax.annotate(_wrap(spec.source, int(chars * 1.8)), xy=(0, 0),
                            xycoords="axes fraction", xytext=(0, -30),
                            textcoords="offset points", fontsize=7, color=MUTED, ha="left",
                            va="top"))
        self.decoration_artists.extend(north_arrow(ax))
        if _metric(spec.base.crs):
            self.decoration_artists.append(scale_bar(ax))


def title_chars(fig) -> int:
    """Characters per title line: wrap to the page width (map plus legend strip), so a
    narrow view cuts nothing off."""
    return max(int(fig.get_figwidth() * 72 * 0.9 / 7.5), 20)


def title_lines(spec: MapSpec, fig) -> int:
    """How many lines the map title takes on this figure."""
    return _wrap(spec.title, title_chars(fig)).count("\n") + 1


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


def _metric(crs: str | None) -> bool:
    if not crs:
        return True
    try:
        from pyproj import CRS

        return not CRS.from_user_input(crs).is_geographic
    except Exception:  # noqa: BLE001 - unknown CRS text: assume a projected one
        return True


def north_arrow(ax: Axes) -> list:
    """A small north arrow just right of the map frame's lower corner (never over the map)."""
    from matplotlib.transforms import offset_copy

    fig = ax.figure
    # Below the frame's lower right corner, on the scale bar's line: never over the legend.
    head = offset_copy(ax.transAxes, fig, x=-8, y=-13, units="points")
    tail = offset_copy(ax.transAxes, fig, x=-8, y=-34, units="points")
    shaft = ax.annotate("", xy=(1, 0), xycoords=head, xytext=(1, 0), textcoords=tail,
                        annotation_clip=False,
                        arrowprops={"arrowstyle": "-|>,head_width=0.3,head_length=0.6",
                                    "color": TEXT_COLOR, "lw": 1.1, "shrinkA": 0, "shrinkB": 0})
    letter = ax.annotate("N", xy=(1, 0), xycoords=head, xytext=(-7, -6), textcoords="offset points",
                         ha="right", va="center", fontsize=8.5, fontweight="bold",
                         color=TEXT_COLOR, annotation_clip=False)
    return [shaft, letter]


def nice_ceil(target: float) -> float:
    """The smallest 1, 2 or 5 × 10ⁿ not below ``target``."""
    if target <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(target))
    for step in (1, 2, 5, 10):
        if step * power >= target * (1 - 1e-9):
            return step * power
    return 10 * power


def nice_length(target: float) -> float:
    """The largest 1, 2 or 5 × 10ⁿ not above ``target``."""
    if target <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(target))
    for step in (5, 2, 1):
        if step * power <= target:
            return step * power
    return power


def _distance_text(metres: float, with_unit: bool = True) -> tuple[str, str]:
    if metres >= 1000:
        value, unit = metres / 1000, "km"
    else:
        value, unit = metres, "m"
    decimals = 0 if float(value).is_integer() else 1
    return format_number(value, decimals), unit


def scale_bar(ax: Axes, fraction: float = 0.2):
    """A two-part black-and-white scale bar in the lower left corner (CRS units = metres)."""
    from matplotlib.offsetbox import AnchoredOffsetbox, AuxTransformBox
    from matplotlib.patches import Rectangle

    x0, x1 = ax.get_xlim()
    # At least ~90 pt long so that the three labels never run into each other.
    points = ax.bbox.width * 72 / ax.figure.dpi
    per_point = (x1 - x0) / max(points, 1.0)
    length = max(nice_length((x1 - x0) * fraction), nice_ceil(90 * per_point))
    height = length / 22
    box = AuxTransformBox(ax.transData)
    half = length / 2
    box.add_artist(Rectangle((0, 0), half, height, facecolor=TEXT_COLOR, edgecolor=TEXT_COLOR,
                             linewidth=0.6))
    box.add_artist(Rectangle((half, 0), half, height, facecolor="#ffffff", edgecolor=TEXT_COLOR,
                             linewidth=0.6))
    end, unit = _distance_text(length)
    mid, _ = _distance_text(half)
    for x, text in ((0, "0"), (half, mid), (length, f"{end} {unit}")):
        box.add_artist(_box_text(x, -height * 0.6, text))
    # Below the map frame, so it never hides a district.
    anchored = AnchoredOffsetbox(loc="upper left", child=box, pad=0.1, borderpad=0.0,
                                 frameon=False, bbox_to_anchor=(0.0, -0.004),
                                 bbox_transform=ax.transAxes)
    anchored.set_zorder(7)
    anchored.set_clip_on(False)
    ax.add_artist(anchored)
    return anchored


def _box_text(x: float, y: float, text: str):
    from matplotlib.text import Text

    return Text(x, y, text, ha="center", va="top", fontsize=7, color=TEXT_COLOR)


def draw_map(ax: Axes, spec: MapSpec, *, decorations: bool = True, label_size: float = 7.0,
             legend_wrap: int = 34) -> MapArtists:
    """Draw the map into ``ax``: districts, hatching, selection, labels, facilities, legend,
    and with ``decorations`` title, subtitle, source line, north arrow and scale bar."""
    return MapArtists(ax, spec, decorations=decorations, label_size=label_size,
                      legend_wrap=legend_wrap)


def map_figure(spec: MapSpec, size: tuple[float, float] | None = None, label_size: float = 6.5):
    """A stand-alone Agg figure of the map laid out for print (map left, legend right).

    Without ``size`` the page is 11 inches wide and as tall as the city's shape needs."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    if size is None:
        x0, y0, x1, y1 = spec.extent
        map_height = 11.0 * 0.64 * min(max((y1 - y0) / max(x1 - x0, 1e-9), 0.45), 1.4)
        size = (11.0, map_height + 1.9)
    fig = Figure(figsize=size)
    FigureCanvasAgg(fig)
    fig.patch.set_facecolor("#ffffff")
    top, bottom = 1.15 / size[1], 0.75 / size[1]
    ax = fig.add_axes((0.04, bottom, 0.64, 1 - top - bottom))
    ax.set_anchor("NW")
    artists = draw_map(ax, spec, label_size=label_size)
    # The equal aspect shrinks the axes only at draw time; place labels for the real size.
    fig.canvas.draw()
    artists.refresh_view()
    return fig, artists


def export_map(spec: MapSpec, path: str | FilePath, dpi: int = 300,
               size: tuple[float, float] | None = None) -> FilePath:
    """Write the map as PNG, SVG or PDF (by file suffix) at print resolution."""
    target = FilePath(path)
    suffix = target.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise ValueError(f"Unbekanntes Bildformat „{suffix}“ (erlaubt: PNG, SVG, PDF).")
    from k360desk.export.pdf.alt_text import map_alt_text

    fig, _ = map_figure(spec, size)
    save_figure(fig, target, dpi, title=spec.title, alt=map_alt_text(spec))
    return target


def save_figure(fig, target: FilePath, dpi: int = 300, *, title: str = "", alt: str = "") -> None:
    """Save a figure with metadata that names the product, not the toolkit.

    A PDF embeds its text as TrueType (Type 3 fonts are not text to a screen reader or a
    checker), carries ``title`` and is tagged as one figure described by ``alt``."""
    import matplotlib

    suffix = target.suffix.lower()
    metadata = {"png": {"Software": "k360desk"}, "svg": {"Creator": "k360desk"},
                "pdf": {"Creator": "k360desk", "Producer": "k360desk"}}[suffix[1:]]
    if title and suffix in (".pdf", ".svg"):
        metadata["Title"] = title
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        fig.savefig(target, dpi=dpi, format=suffix[1:], metadata=metadata, facecolor="#ffffff")
    if suffix == ".pdf" and alt:
        from k360desk.export.pdf.structure import tag_single_figure

        tag_single_figure(target, title=title or "Karte", alt=alt)
