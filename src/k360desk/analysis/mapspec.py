"""One thematic-map specification, computed once, drawn by the screen and by the PDF.

A ``MapSpec`` says everything that is drawn: geometries in the project CRS, one class per
district, colours as hex, legend entries with German ranges and counts, styles for no data
and suppressed values, label anchors, facility points, the selection, source line and
extent. Renderers (matplotlib in ``export.map_render``, reportlab in the PDF) only draw it.

Everything that depends only on the geometries (label anchors, extent) lives in a
``MapBase`` built once per district set, so switching the indicator only reclassifies.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from k360desk.analysis.classify import Classification, classify
from k360desk.analysis.palettes import palette_for
from k360desk.formats import format_number
from k360desk.messages import N_, tr
from k360desk.symbols import SECRET

if TYPE_CHECKING:
    import geopandas as gpd

NO_DATA = -1
SUPPRESSED = -2
EXCLUDED = -3  # has values but is left out of the social index ("nicht im Index")

# Label anchors by pole of inaccessibility up to this many polygons, then representative points.
_POLYLABEL_LIMIT = 5000

FACILITY_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h", "p", "H", "d", "8", "<", ">")


@dataclass(frozen=True)
class FillStyle:
    """How a class or a special case is filled: hex colours, optional hatch pattern."""

    face: str
    edge: str = "#ffffff"
    hatch: str | None = None
    hatch_color: str = "#8c8c8c"


NO_DATA_STYLE = FillStyle(face="#e3e3e3", edge="#ffffff")
# the hatch stands for the official sign "." that a table prints for the same value
SUPPRESSED_STYLE = FillStyle(face="#ffffff", edge="#ffffff", hatch="////", hatch_color="#8c8c8c")
# A dense dark cross-hatch: no class uses a pattern, and in grey it is darker than the light
# single hatch of withheld values, so "nicht im Index" never reads as a class or as "geheim".
EXCLUDED_STYLE = FillStyle(face="#ffffff", edge="#ffffff", hatch="xxx", hatch_color="#3c3c3c")
EXCLUDED_LABEL = N_("nicht im Index")


@dataclass(frozen=True)
class LegendEntry:
    """One legend row: label ("12,5 – 18,0"), number of districts, fill style."""

    label: str
    count: int
    style: FillStyle


@dataclass(frozen=True)
class MapLabel:
    """A district label anchor in CRS units; higher ``priority`` wins a collision."""

    district_id: int
    text: str
    x: float
    y: float
    priority: float
    room: float = float("inf")  # width of the district's bounding box, CRS units


@dataclass(frozen=True)
class FacilityLayer:
    """Facilities of one type: marker ("o", "s", "^" …), colour, coordinates, names."""

    type_name: str
    marker: str
    color: str
    x: np.ndarray
    y: np.ndarray
    names: tuple[str, ...]


@dataclass
class MapBase:
    """What depends on the district geometries only; build once per district set."""

    geometries: Any  # GeoSeries indexed by district id, project CRS
    ids: np.ndarray
    codes: list[str]
    names: list[str]
    anchors: np.ndarray  # (n, 2) label anchor per district
    areas: np.ndarray
    extent: tuple[float, float, float, float]
    crs: str | None
    widths: np.ndarray | None = None  # bounding-box width per district (labels that fit)

    def position(self, district_id: int) -> int:
        """Row of a district id (raises KeyError when unknown)."""
        return self._positions[int(district_id)]

    def __post_init__(self) -> None:
        if self.widths is None:
            self.widths = np.full(len(self.ids), np.inf)
        self._positions = {int(d): i for i, d in enumerate(self.ids)}


def build_base(districts: gpd.GeoDataFrame) -> MapBase:
    """Prepare geometries, label anchors and extent of a district frame (index = district id)."""
    import shapely
    from shapely.ops import polylabel

    frame = districts[~districts.geometry.isna()]
    geoms = np.asarray(frame.geometry.values, dtype=object)
    if len(geoms) > _POLYLABEL_LIMIT:
        anchors = shapely.get_coordinates(shapely.point_on_surface(geoms))
    else:
        points = []
        for geom in geoms:
            part = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
            try:
                points.append(polylabel(part, tolerance=max(part.length / 400, 1e-9)))
            except Exception:  # noqa: BLE001 - invalid rings: fall back to a surface point
                points.append(shapely.point_on_surface(part))
        anchors = shapely.get_coordinates(np.array(points, dtype=object))
    bounds = shapely.total_bounds(geoms) if len(geoms) else np.array([0.0, 0.0, 1.0, 1.0])
    crs = frame.crs.to_string() if frame.crs is not None else None
    return MapBase(
        geometries=frame.geometry,
        ids=np.asarray(frame.index, dtype=np.int64),
        codes=[str(c) for c in frame.get("code", pd.Series("", index=frame.index))],
        names=[str(n) for n in frame.get("name", pd.Series("", index=frame.index))],
        anchors=anchors,
        areas=shapely.area(geoms),
        widths=np.ptp(shapely.bounds(geoms)[:, [0, 2]], axis=1) if len(geoms) else np.zeros(0),
        extent=tuple(float(b) for b in bounds),
        crs=crs,
    )


@dataclass
class MapSpec:
    """A thematic map ready to draw (renderer-neutral: hex colours, CRS coordinates)."""

    title: str
    subtitle: str
    base: MapBase
    values: np.ndarray
    class_index: np.ndarray  # class per district, NO_DATA or SUPPRESSED
    class_styles: list[FillStyle]
    legend_title: str
    legend: list[LegendEntry]
    source: str = ""
    unit: str = ""
    decimals: int = 1
    reference: float | None = None
    reference_label: str = field(default_factory=lambda: tr("Gesamtstadt"))
    value_label: str = ""
    class_labels: list[str] = field(default_factory=list)
    label_mode: str = "name"
    declutter: bool = True
    facilities: list[FacilityLayer] = field(default_factory=list)
    highlight: tuple[int, ...] = ()
    no_data_style: FillStyle = NO_DATA_STYLE
    suppressed_style: FillStyle = SUPPRESSED_STYLE
    excluded_style: FillStyle = EXCLUDED_STYLE
    categorical: bool = False
    classification: Classification | None = None

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """Bounding box of the districts in CRS units."""
        return self.base.extent

    @property
    def geometries(self):
        """District geometries (GeoSeries, index = district id)."""
        return self.base.geometries

    def face_colors(self) -> list[str]:
        """Fill colour of every district, in base order."""
        palette = [s.face for s in self.class_styles]
        out = []
        for c in self.class_index:
            if c >= 0:
                out.append(palette[c])
            elif c == SUPPRESSED:
                out.append(self.suppressed_style.face)
            elif c == EXCLUDED:
                out.append(self.excluded_style.face)
            else:
                out.append(self.no_data_style.face)
        return out

    def suppressed_mask(self) -> np.ndarray:
        """True where the value is withheld by disclosure control."""
        return self.class_index == SUPPRESSED

    def excluded_mask(self) -> np.ndarray:
        """True where the district is left out of the social index."""
        return self.class_index == EXCLUDED

    def labels(self) -> list[MapLabel]:
        """Label anchors by area (largest first), or none when labels are off."""
        if self.label_mode == "none":
            return []
        texts = self.base.codes if self.label_mode == "code" else self.base.names
        order = np.argsort(-self.base.areas, kind="stable")
        return [MapLabel(int(self.base.ids[i]), texts[i], float(self.base.anchors[i, 0]),
                         float(self.base.anchors[i, 1]), float(self.base.areas[i]),
                         float(self.base.widths[i])) for i in order]

    def with_highlight(self, ids: tuple[int, ...] | list[int]) -> MapSpec:
        """The same map with another selection."""
        return replace(self, highlight=tuple(int(i) for i in ids))

    def describe(self, row: int) -> str:
        """Tooltip text of a district row: name, value, city reference and class (German)."""
        lines = [f"{self.base.names[row]} ({self.base.codes[row]})"]
        c = int(self.class_index[row])
        unit = f" {self.unit}" if self.unit and not self.categorical else ""
        if c == SUPPRESSED:
            lines.append(f"{self.value_label}: " + tr("geheim gehalten (kleine Fallzahl)"))
        elif c == NO_DATA:
            lines.append(f"{self.value_label}: " + tr("keine Daten"))
        elif c == EXCLUDED:
            lines.append(f"{self.value_label}: " + tr(EXCLUDED_LABEL))
        elif self.categorical:
            lines.append(f"{self.value_label}: {self.class_labels[c]}")
        else:
            lines.append(f"{self.value_label}: {format_number(self.values[row], self.decimals)}{unit}")
        if self.reference is not None and not self.categorical:
            lines.append(f"{self.reference_label}: {format_number(self.reference, self.decimals)}{unit}")
        if c >= 0 and not self.categorical:
            lines.append(tr("Klasse {n}: {label}", n=c + 1, label=self.class_labels[c]))
        return "\n".join(lines)


def _legend(labels: list[str], counts: list[int], styles: list[FillStyle], n_missing: int,
            n_suppressed: int, n_excluded: int = 0) -> list[LegendEntry]:
    entries = [LegendEntry(lab, cnt, sty) for lab, cnt, sty in zip(labels, counts, styles, strict=True)]
    if n_excluded:
        entries.append(LegendEntry(tr(EXCLUDED_LABEL), n_excluded, EXCLUDED_STYLE))
    if n_suppressed:
        withheld = tr("geheim gehalten ({symbol})", symbol=SECRET)
        entries.append(LegendEntry(withheld, n_suppressed, SUPPRESSED_STYLE))
    if n_missing:
        entries.append(LegendEntry(tr("keine Daten"), n_missing, NO_DATA_STYLE))
    return entries


def _align(base: MapBase, values: pd.DataFrame | pd.Series,
           column: str = "value") -> tuple[np.ndarray, np.ndarray]:
    """Values and suppression flags in base order (missing districts = no data)."""
    if isinstance(values, pd.Series):
        frame = values.rename(column).to_frame()
    elif "district_id" in values.columns:
        frame = values.set_index("district_id")
    else:
        frame = values
    frame = frame[~frame.index.duplicated(keep="last")]
    aligned = frame.reindex(base.ids)
    vals = pd.to_numeric(aligned[column], errors="coerce").to_numpy(dtype=float) \
        if column in aligned else np.full(len(base.ids), np.nan)
    if "suppressed" in aligned:
        supp = aligned["suppressed"].fillna(False).astype(bool).to_numpy()
    else:
        supp = np.zeros(len(base.ids), dtype=bool)
    vals = np.where(supp, np.nan, vals)
    return vals, supp


def build_map_spec(
    districts: gpd.GeoDataFrame | MapBase,
    values: pd.DataFrame | pd.Series,
    *,
    indicator_name: str,
    unit: str = "",
    decimals: int = 1,
    polarity: int = 0,
    scheme: str = "quantiles",
    k: int = 5,
    breaks: list[float] | None = None,
    palette: str | None = None,
    period: int | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    source: str = "",
    reference: float | None = None,
    labels: str = "name",
    facilities: list[FacilityLayer] | None = None,
    highlight: tuple[int, ...] = (),
) -> MapSpec:
    """Classify an indicator's values and turn them into a drawable map specification.

    ``values``: DataFrame with district_id, value and optional bool suppressed (or a Series
    indexed by district id). Suppressed districts get their own hatched style, districts
    without a value the no-data style; both are counted in the legend.
    """
    base = districts if isinstance(districts, MapBase) else build_base(districts)
    vals, supp = _align(base, values)
    result = classify(vals, scheme, k, breaks)
    labels_text = result.labels(decimals)
    sigma = sigma_scale(vals, result) if scheme == "std_mean" else None
    if sigma is not None:
        colors = centred_colors(polarity, result, sigma, palette)
        labels_text = [f"{text} ({name})" for text, name in zip(labels_text, sigma.names, strict=True)]
    else:
        colors = list(palette_for(polarity, max(result.k, 1), palette).colors[:result.k])
    styles = [FillStyle(face=c) for c in colors]
    index = result.class_index.copy()
    index[supp] = SUPPRESSED
    unit_text = f" ({unit})" if unit else ""
    when = f" {period}" if period is not None else ""
    return MapSpec(
        title=title or f"{indicator_name}{when}",
        subtitle=subtitle if subtitle is not None else _scheme_subtitle(scheme, result.k, sigma, decimals),
        base=base,
        values=vals,
        class_index=index,
        class_styles=styles,
        legend_title=f"{indicator_name}{unit_text}",
        legend=_legend(labels_text, list(result.counts), styles, int(np.sum(index == NO_DATA)),
                       int(np.sum(supp))),
        source=source,
        unit=unit,
        decimals=decimals,
        reference=reference,
        value_label=f"{indicator_name}{when}",
        class_labels=labels_text,
        label_mode=labels,
        facilities=facilities or [],
        highlight=tuple(highlight),
        classification=result,
    )


def _scheme_subtitle(scheme: str, k: int, sigma: SigmaScale | None = None, decimals: int = 1) -> str:
    names = {"quantiles": N_("Quantile"), "equal_interval": N_("gleiche Intervalle"),
             "natural_breaks": N_("natürliche Brüche (Fisher–Jenks)"),
             "std_mean": N_("Standardabweichungen"), "manual": N_("manuelle Grenzen")}
    text = tr("{k} Klassen, {scheme}", k=k, scheme=tr(names.get(scheme, scheme))) if k else tr("keine Werte")
    if sigma is not None:
        text += tr(" (Mittelwert der Sozialräume {mean}, σ = {std})",
                   mean=format_number(sigma.mean, decimals), std=format_number(sigma.std, decimals))
    return text


@dataclass(frozen=True)
class SigmaScale:
    """Where the classes of a standard-deviation map lie: mean, σ, the class holding the
    mean (or, with ``on_boundary``, the last class below it) and a German name per class."""

    mean: float
    std: float
    centre: int
    on_boundary: bool
    names: tuple[str, ...]


def _sigma_text(multiple: float) -> str:
    if abs(multiple) < 1e-6:
        return tr("Mittelwert")
    sign = "+" if multiple > 0 else "−"
    return f"{sign}{format_number(abs(multiple), 0 if float(multiple).is_integer() else 1)} σ"


def sigma_scale(values: np.ndarray, result: Classification) -> SigmaScale | None:
    """The σ position of every class boundary (as mapclassify's StdMean: population σ)."""
    finite = values[np.isfinite(values)]
    if result.k == 0 or finite.size < 2 or float(np.std(finite)) == 0.0:
        return None
    mean, std = float(np.mean(finite)), float(np.std(finite))
    # Inner bounds are σ multiples; the outer ones are the data's minimum and maximum.
    inner = [round((b - mean) / std * 2) / 2 for b in result.upper[:-1]]
    centre, on_boundary = result.k - 1, False
    for i, m in enumerate(inner):
        if abs(m) < 1e-6:
            centre, on_boundary = i, True
            break
        if m > 0:
            centre = i
            break
    lowest, highest = (result.lower[0] - mean) / std, (result.upper[-1] - mean) / std
    names = []
    for i in range(result.k):
        lo = inner[i - 1] if i > 0 else None
        hi = inner[i] if i < len(inner) else None
        # An outer class whose far side stays within the mirrored bound is the central band
        # whose empty neighbour was dropped: name it as such, not "unter +1 σ".
        if lo is None and hi is not None and hi > 0 and lowest >= -hi:
            lo = -hi
        if hi is None and lo is not None and lo < 0 and highest <= -lo:
            hi = -lo
        if lo is None and hi is None:
            names.append(tr("alle Werte"))
        elif lo is None:
            names.append(tr("unter {sigma}", sigma=_sigma_text(hi)))
        elif hi is None:
            names.append(tr("über {sigma}", sigma=_sigma_text(lo)))
        elif abs(lo + hi) < 1e-6 and hi > 0:
            names.append(tr("Mittelwert ± {sigma}", sigma=_sigma_text(hi)[1:]))
        else:
            names.append(tr("{low} bis {high}", low=_sigma_text(lo), high=_sigma_text(hi)))
    return SigmaScale(mean, std, centre, on_boundary, tuple(names))


def centred_colors(polarity: int, result: Classification, sigma: SigmaScale,
                   palette: str | None = None) -> list[str]:
    """Diverging colours whose neutral centre stays on the mean after empty outer classes
    were dropped. By default hue tells the side and grey value the order (readable in black
    and white); a named diverging palette is taken from its symmetric, untrimmed ramp."""
    from k360desk.analysis.palettes import grey_safe_diverging, is_diverging

    k = result.k
    if palette is not None and not is_diverging(palette):
        return list(palette_for(polarity, k, palette).colors[:k])
    if palette is None:
        return grey_safe_diverging(k, sigma.centre + (0.5 if sigma.on_boundary else 0.0), polarity)
    if sigma.on_boundary:
        # The mean is a class bound: the classes either side share the two lightest colours.
        half = max(sigma.centre + 1, k - sigma.centre - 1)
        full = palette_for(polarity, min(2 * half, 11), palette, diverging=True).colors
        shift = half - (sigma.centre + 1)
    else:
        half = max(sigma.centre, k - 1 - sigma.centre)
        full = palette_for(polarity, min(2 * half + 1, 11), palette, diverging=True).colors
        shift = half - sigma.centre
    return [full[min(max(i + shift, 0), len(full) - 1)] for i in range(k)]


def build_category_spec(
    districts: gpd.GeoDataFrame | MapBase,
    categories: pd.Series,
    *,
    title: str,
    legend_title: str,
    order: list[Any],
    colors: dict[Any, str],
    labels: dict[Any, str] | None = None,
    subtitle: str = "",
    source: str = "",
    label_mode: str = "name",
    facilities: list[FacilityLayer] | None = None,
    highlight: tuple[int, ...] = (),
    excluded: list[int] | tuple[int, ...] = (),
) -> MapSpec:
    """A map of categories (index classes, status–dynamics matrix cells) in a given order;
    ``excluded`` district ids are drawn as "nicht im Index", never as missing data."""
    base = districts if isinstance(districts, MapBase) else build_base(districts)
    aligned = categories[~categories.index.duplicated(keep="last")].reindex(base.ids)
    position = {key: i for i, key in enumerate(order)}
    index = np.array([position.get(v, NO_DATA) if pd.notna(v) else NO_DATA for v in aligned],
                     dtype=int)
    index[np.isin(base.ids, np.asarray(list(excluded), dtype=np.int64))] = EXCLUDED
    labels = labels or {}
    class_labels = [labels.get(key, str(key)) for key in order]
    styles = [FillStyle(face=colors[key]) for key in order]
    counts = [int(np.sum(index == i)) for i in range(len(order))]
    return MapSpec(
        title=title, subtitle=subtitle, base=base,
        values=np.full(len(base.ids), np.nan), class_index=index, class_styles=styles,
        legend_title=legend_title,
        legend=_legend(class_labels, counts, styles, int(np.sum(index == NO_DATA)), 0,
                       int(np.sum(index == EXCLUDED))),
        source=source, value_label=legend_title, class_labels=class_labels,
        label_mode=label_mode, facilities=facilities or [], highlight=tuple(highlight),
        categorical=True,
    )


def ordinal_colors(keys: list[Any], polarity: int = 1, palette: str | None = None) -> dict[Any, str]:
    """Colours for ordered classes (class 1 … n); polarity 1 = the last class needs most."""
    pal = palette_for(polarity, len(keys), palette)
    return dict(zip(keys, pal.colors, strict=True))


def bivariate_colors(status_keys: list[Any], dynamics_keys: list[Any]) -> dict[tuple[Any, Any], str]:
    """Colours for the status × dynamics matrix: status in reds, dynamics in blues, blended.

    Multiplying two light-to-dark ColorBrewer ramps is the usual way to build a bivariate
    scheme; the darkest cell is the one with the highest status and dynamics class.
    """
    from k360desk.analysis.palettes import brewer

    def ramp(name: str, n: int) -> list[tuple[float, ...]]:
        # The two darkest steps are left out: multiplied, they would turn almost black.
        full = brewer(name, min(max(n + 2, 3), 9))
        cols = [full[round(i * (len(full) - 3) / max(n - 1, 1))] for i in range(n)]
        return [tuple(int(c[i:i + 2], 16) / 255 for i in (1, 3, 5)) for c in cols]

    reds = ramp("OrRd", len(status_keys))
    blues = ramp("PuBu", len(dynamics_keys))
    out = {}
    for i, s in enumerate(status_keys):
        for j, d in enumerate(dynamics_keys):
            rgb = [a * b for a, b in zip(reds[i], blues[j], strict=True)]
            out[(s, d)] = "#" + "".join(f"{round(c * 255):02x}" for c in rgb)
    return out


def declutter(labels: list[MapLabel], units_per_point: float, fontsize: float = 7.0,
              view: tuple[float, float, float, float] | None = None) -> list[MapLabel]:
    """Keep labels (in priority order) that fit their district's width and do not overlap
    an already kept one (as QGIS' "only labels that fit" and collision avoidance).

    ``units_per_point`` is the map scale of the renderer (CRS units per typographic point);
    widths are estimated from the character count, which is good enough for short names.
    """
    kept: list[MapLabel] = []
    # A grid as coarse as the widest label keeps the overlap test local (15,000 polygons).
    h = fontsize * 1.25 * units_per_point / 2
    char = fontsize * 0.56 * units_per_point / 2
    cell = max(char * max((len(lab.text) for lab in labels), default=1), h) * 2
    grid: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
    for label in labels:
        if view is not None and not (view[0] <= label.x <= view[2]
                                     and view[1] <= label.y <= view[3]):
            continue
        w = char * max(len(label.text), 1)
        if 2 * w > label.room:
            continue
        box = (label.x - w, label.y - h, label.x + w, label.y + h)
        cx, cy = int(label.x // cell), int(label.y // cell)
        near = [b for i in (-1, 0, 1) for j in (-1, 0, 1) for b in grid.get((cx + i, cy + j), ())]
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in near):
            continue
        kept.append(label)
        grid.setdefault((cx, cy), []).append(box)
    return kept


def facility_layers(facilities: gpd.GeoDataFrame, styles: dict[str, tuple[str, str]],
                    types: list[str] | None = None) -> list[FacilityLayer]:
    """Facility points grouped by type name; ``styles``: type → (marker, colour)."""
    import shapely

    frame = facilities[~facilities.geometry.isna()]
    layers = []
    for i, (type_name, group) in enumerate(frame.groupby(frame["type"].fillna("ohne Art"), sort=True)):
        if types is not None and type_name not in types:
            continue
        marker, color = styles.get(type_name, (FACILITY_MARKERS[i % len(FACILITY_MARKERS)], "#555555"))
        if marker not in FACILITY_MARKERS:
            marker = FACILITY_MARKERS[i % len(FACILITY_MARKERS)]
        xy = shapely.get_coordinates(np.asarray(group.geometry.values, dtype=object))
        layers.append(FacilityLayer(str(type_name), marker, color, xy[:, 0], xy[:, 1],
                                    tuple(str(n) for n in group["name"])))
    return layers
