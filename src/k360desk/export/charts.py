"""Charts that compare districts and years, drawn from a ``ChartSpec`` onto a matplotlib Axes.

Kinds: sorted bar chart with the city reference line, time series of selected districts
against the city, scatter of two indicators with the correlation, the status–dynamics
matrix of the social index, and a histogram. Suppressed values are shown as such (hatched
stubs, markers, notes), never as zero. Qt-free: the screen and the export share it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from k360desk.export.chart_bars import draw_bars
from k360desk.formats import format_number
from k360desk.messages import N_, tr, tr_value

if TYPE_CHECKING:
    from matplotlib.axes import Axes

CHART_KINDS = {
    "bar": "Balkendiagramm (sortiert)", "series": "Zeitreihe", "scatter": "Streudiagramm",
    "matrix": "Status-Dynamik-Matrix", "histogram": "Histogramm",
}
BAR_COLOR = "#6b8fb5"
HIGHLIGHT_COLOR = "#c0392b"
CITY_COLOR = "#333333"
GRID_COLOR = "#e4e4e4"
MUTED = "#6b6b6b"
SERIES_COLORS = ("#1f78b4", "#e66101", "#33a02c", "#6a3d9a", "#b15928", "#a6cee3", "#fb9a99",
                 "#b2df8a")
MAX_NAMED_BARS = 60


@dataclass
class ChartSpec:
    """What a chart shows: kind, texts, data frame and the few numbers around it."""

    kind: str
    title: str
    data: pd.DataFrame
    subtitle: str = ""
    source: str = ""
    unit: str = ""
    decimals: int = 1
    reference: float | None = None
    reference_label: str = field(default_factory=lambda: tr("Gesamtstadt"))
    x_label: str = ""
    y_label: str = ""
    highlight: tuple[int, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


def _axis_label(name: str, unit: str) -> str:
    return f"{name} ({unit})" if unit else name


def _flags(frame: pd.DataFrame) -> pd.Series:
    return frame["suppressed"].fillna(False).astype(bool) if "suppressed" in frame \
        else pd.Series(False, index=frame.index)


# --- builders --------------------------------------------------------------------------


def bar_spec(table: pd.DataFrame, *, indicator_name: str, unit: str = "", decimals: int = 1,
             period: int | None = None, reference: float | None = None,
             colors: dict[int, str] | None = None, highlight: tuple[int, ...] = (),
             source: str = "") -> ChartSpec:
    """Districts sorted by value (highest first); table: district_id, code, name, value, suppressed."""
    data = table[["district_id", "code", "name", "value"]].copy()
    data["suppressed"] = _flags(table).to_numpy()
    data["value"] = np.where(data["suppressed"], np.nan, pd.to_numeric(data["value"], errors="coerce"))
    data = data.sort_values("value", ascending=False, na_position="last", kind="stable")
    data["color"] = [(colors or {}).get(int(d), BAR_COLOR) for d in data["district_id"]]
    when = f" {period}" if period is not None else ""
    return ChartSpec("bar", f"{indicator_name}{when}", data.reset_index(drop=True),
                     subtitle=tr("Sozialräume nach Wert sortiert"), source=source, unit=unit,
                     decimals=decimals, reference=reference,
                     x_label=_axis_label(indicator_name, unit), highlight=tuple(highlight))


def series_spec(values: pd.DataFrame, city: pd.Series | None, *, indicator_name: str,
                unit: str = "", decimals: int = 1, source: str = "", count: bool = False) -> ChartSpec:
    """Time series; values: district_id, name, period, value, suppressed; city: period → value.
    ``count``: the city value is a total, drawn on its own axis."""
    data = values[["district_id", "name", "period", "value"]].copy()
    data["suppressed"] = _flags(values).to_numpy()
    data["value"] = np.where(data["suppressed"], np.nan, pd.to_numeric(data["value"], errors="coerce"))
    spec = ChartSpec("series", indicator_name, data.sort_values(["district_id", "period"]),
                     subtitle=tr("Ausgewählte Sozialräume im Vergleich zur Gesamtstadt"),
                     source=source, unit=unit, decimals=decimals,
                     y_label=_axis_label(indicator_name, unit))
    spec.extra["city"] = city.sort_index() if city is not None else None
    spec.extra["count"] = count
    return spec


def pearson(x: np.ndarray, y: np.ndarray) -> tuple[float, int]:
    """Pearson correlation over the pairs where both values are present; (nan, n) if n < 3."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    ok = ~(np.isnan(x) | np.isnan(y))
    n = int(ok.sum())
    if n < 3 or np.std(x[ok]) == 0 or np.std(y[ok]) == 0:
        return float("nan"), n
    return float(np.corrcoef(x[ok], y[ok])[0, 1]), n


def scatter_spec(x_table: pd.DataFrame, y_table: pd.DataFrame, *, x_name: str, y_name: str,
                 x_unit: str = "", y_unit: str = "", x_decimals: int = 1, y_decimals: int = 1,
                 period: int | None = None, x_reference: float | None = None,
                 y_reference: float | None = None, highlight: tuple[int, ...] = (),
                 source: str = "") -> ChartSpec:
    """Two indicators per district with labels and Pearson's r (German formatted)."""
    def prepared(table: pd.DataFrame) -> pd.DataFrame:
        out = table.set_index("district_id")
        return out.assign(value=np.where(_flags(out), np.nan, pd.to_numeric(out["value"], errors="coerce")),
                          suppressed=_flags(out))

    x, y = prepared(x_table), prepared(y_table)
    data = x[["code", "name"]].copy()
    data["x"], data["y"] = x["value"], y["value"].reindex(x.index)
    data["suppressed"] = x["suppressed"] | y["suppressed"].reindex(x.index).fillna(False).astype(bool)
    r, n = pearson(data["x"].to_numpy(), data["y"].to_numpy())
    when = f" ({period})" if period is not None else ""
    spec = ChartSpec("scatter", tr("{y} und {x}", y=y_name, x=x_name) + when, data.reset_index(),
                     subtitle=correlation_text(r, n), source=source,
                     x_label=_axis_label(x_name, x_unit), y_label=_axis_label(y_name, y_unit),
                     highlight=tuple(highlight))
    spec.extra.update(r=r, n=n, x_reference=x_reference, y_reference=y_reference,
                      x_decimals=x_decimals, y_decimals=y_decimals, x_name=x_name, y_name=y_name)
    return spec


def correlation_text(r: float, n: int) -> str:
    """"Korrelation (Pearson) r = 0,62, n = 48" or a note when it cannot be computed."""
    if np.isnan(r):
        return tr("Korrelation nicht berechenbar (n = {n})", n=n)
    return tr("Korrelation (Pearson) r = {r}, n = {n}", r=format_number(r, 2), n=n)


def matrix_spec(index_table: pd.DataFrame, *, status_order: list[Any], dynamics_order: list[Any],
                title: str = N_("Sozialindex: Status und Dynamik"), colors: dict | None = None,
                source: str = "") -> ChartSpec:
    """Status × dynamics matrix; index_table: district_id, code, status_class, dynamics_class."""
    from k360desk.analysis.mapspec import bivariate_colors

    data = index_table[["district_id", "code", "status_class", "dynamics_class"]].copy()
    spec = ChartSpec("matrix", tr(title), data, subtitle=tr("Anzahl der Sozialräume je Feld"), source=source,
                     x_label=tr("Dynamikklasse"), y_label=tr("Statusklasse"))
    spec.extra.update(status_order=list(status_order), dynamics_order=list(dynamics_order),
                      colors=colors or bivariate_colors(list(status_order), list(dynamics_order)))
    return spec


def histogram_spec(table: pd.DataFrame, *, indicator_name: str, unit: str = "", decimals: int = 1,
                   period: int | None = None, reference: float | None = None,
                   breaks: list[float] | None = None, colors: list[str] | None = None,
                   source: str = "") -> ChartSpec:
    """Distribution of one indicator; ``breaks``/``colors`` from the map classes if given."""
    data = table[["district_id", "value"]].copy()
    data["suppressed"] = _flags(table).to_numpy()
    data["value"] = np.where(data["suppressed"], np.nan, pd.to_numeric(data["value"], errors="coerce"))
    when = f" {period}" if period is not None else ""
    spec = ChartSpec("histogram", f"{indicator_name}{when}", data,
                     subtitle=tr("Verteilung über die Sozialräume"),
                     source=source, unit=unit, decimals=decimals, reference=reference,
                     x_label=_axis_label(indicator_name, unit), y_label=tr("Anzahl Sozialräume"))
    spec.extra.update(breaks=breaks, colors=colors)
    return spec


# --- drawing ---------------------------------------------------------------------------


def axis_label(value: float, decimals: int) -> str:
    """German tick label: whole ticks without decimals ("5.000", not "5.000,0"), so the
    labels of a narrow chart do not run into each other."""
    return format_number(value, 0 if float(value).is_integer() else decimals)


def _german_axis(axis, decimals: int) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _pos: axis_label(v, decimals)))


def _calm(ax: Axes, value_axis: str = "y") -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#9a9a9a")
    ax.tick_params(colors="#444444", labelsize=8, length=3)
    ax.grid(axis=value_axis, color=GRID_COLOR, linewidth=0.8)
    ax.set_axisbelow(True)


def _titles(ax: Axes, spec: ChartSpec, notes: list[str]) -> None:
    """Title, subtitle and source at the page edges; the layout keeps room for them."""
    import textwrap

    fig = ax.figure
    height_pt = fig.get_figheight() * 72
    # Wrap to the figure: a narrow panel on screen must not cut the title off.
    chars = max(int(fig.get_figwidth() * 72 / 8), 24)
    title = "\n".join(textwrap.wrap(spec.title, chars)) or spec.title
    subtitle = "; ".join([spec.subtitle, *notes]) if spec.subtitle else "; ".join(notes)
    subtitle = "\n".join(textwrap.wrap(subtitle, int(chars * 1.4))) if subtitle else ""
    texts = [fig.text(8 / (fig.get_figwidth() * 72), 1 - 8 / height_pt, title, ha="left", va="top",
                      fontsize=12, fontweight="bold", color="#262626")]
    top = 8 + 15.5 * (title.count("\n") + 1)
    if subtitle:
        texts.append(fig.text(8 / (fig.get_figwidth() * 72), 1 - (top + 2) / height_pt, subtitle,
                              ha="left", va="top", fontsize=8.5, color=MUTED))
        top += 4 + 11 * (subtitle.count("\n") + 1)
    bottom = 4.0
    if spec.source:
        source = "\n".join(textwrap.wrap(spec.source, int(chars * 1.9)))
        texts.append(fig.text(8 / (fig.get_figwidth() * 72), 6 / height_pt, source, ha="left",
                              va="bottom", fontsize=7, color=MUTED))
        bottom = 10 + 9 * (source.count("\n") + 1)
    for text in texts:
        text.set_in_layout(False)
    engine = fig.get_layout_engine()
    low = min(bottom / height_pt, 0.3)
    rect = (0, low, 1, max(1 - (top + 6) / height_pt - low, 0.3))
    if engine is not None and hasattr(engine, "set"):
        try:
            engine.set(rect=rect)
            return
        except TypeError:
            pass
    fig.subplots_adjust(bottom=rect[1] + 0.08, top=rect[1] + rect[3] - 0.02)


def draw_chart(ax: Axes, spec: ChartSpec) -> None:
    """Draw any chart kind into ``ax``."""
    drawers = {"bar": _draw_bar, "series": _draw_series, "scatter": _draw_scatter,
               "matrix": _draw_matrix, "histogram": _draw_histogram}
    if spec.kind not in drawers:
        raise ValueError(f"Unbekannte Diagrammart „{spec.kind}“.")
    notes = drawers[spec.kind](ax, spec) or []
    _titles(ax, spec, notes)
    if spec.kind == "matrix":
        _place_matrix_codes(ax, spec)


def _reference_line(ax: Axes, spec: ChartSpec, vertical: bool, loc: str | None = None) -> None:
    if spec.reference is None or np.isnan(spec.reference):
        return
    unit = f" {spec.unit}" if spec.unit else ""
    text = f"{spec.reference_label}: {format_number(spec.reference, spec.decimals)}{unit}"
    line = ax.axvline if vertical else ax.axhline
    line(spec.reference, color=CITY_COLOR, linewidth=1.1, linestyle=(0, (4, 2)), zorder=3, label=text)
    ax.legend(loc=loc or ("lower right" if vertical else "upper right"), fontsize=8, frameon=False)


def _draw_bar(ax: Axes, spec: ChartSpec) -> list[str]:
    data = spec.data
    n = len(data)
    values = data["value"].to_numpy(dtype=float)
    shown = np.nan_to_num(values, nan=0.0)
    colors = list(data["color"])
    # Selected districts keep their class colour and get a dark outline.
    edges = ["#111111" if int(d) in spec.highlight else "none" for d in data["district_id"]]
    supp = data["suppressed"].to_numpy()
    missing = np.isnan(values) & ~supp
    top = np.nanmax(values) if np.isfinite(values).any() else 1.0
    stub = 0.06 * top
    if n <= MAX_NAMED_BARS:
        pos = np.arange(n)[::-1]
        drawn = ~np.isnan(values)
        draw_bars(ax, pos[drawn], shown[drawn], 0.72, horizontal=True,
              facecolors=np.asarray(colors, dtype=object)[drawn].tolist(),
              edgecolors=np.asarray(edges, dtype=object)[drawn].tolist(), linewidth=1.4)
        # A withheld value has no length: the official symbol "." stands where the bar starts.
        for p in pos[supp]:
            ax.text(stub * 0.2, p, ".", fontsize=11, fontweight="bold", color=CITY_COLOR, va="bottom")
        for p in pos[missing]:
            ax.text(stub * 0.2, p, tr("keine Daten"), fontsize=7, color=MUTED, va="center")
        ax.set_yticks(pos, [str(x) for x in data["name"]], fontsize=7.5 if n > 25 else 8.5)
        ax.set_ylim(-0.7, n - 0.3)
        _calm(ax, "x")
        _german_axis(ax.xaxis, spec.decimals)
        ax.set_xlabel(spec.x_label, fontsize=8.5)
        _reference_line(ax, spec, vertical=True)
    else:
        pos = np.arange(n)
        drawn = ~np.isnan(values)
        draw_bars(ax, pos[drawn], shown[drawn], 1.0, horizontal=False,
              facecolors=np.asarray(colors, dtype=object)[drawn].tolist(),
              edgecolors=np.asarray(edges, dtype=object)[drawn].tolist(), linewidth=0.8)
        if supp.any():
            # Thousands of withheld districts: one marker line, not one text each (no length).
            ax.plot(pos[supp], np.full(int(supp.sum()), stub * 0.1), linestyle="none", marker=".",
                    markersize=4, color=CITY_COLOR, label="geheim gehalten (.)")
        ax.set_xticks([])
        ax.set_xlim(-0.5, n - 0.5)
        ax.set_xlabel(tr("{n} Sozialräume, nach Wert sortiert", n=n), fontsize=8.5)
        _calm(ax, "y")
        _german_axis(ax.yaxis, spec.decimals)
        ax.set_ylabel(spec.x_label, fontsize=8.5)
        _reference_line(ax, spec, vertical=False)
    notes = []
    if supp.any():
        notes.append(tr("{n} geheim gehalten („.“, kein Balken)", n=int(supp.sum())))
    if missing.any():
        notes.append(tr("{n} ohne Daten", n=int(missing.sum())))
    return [", ".join(notes)] if notes else []


def _draw_series(ax: Axes, spec: ChartSpec) -> list[str]:
    from matplotlib.ticker import MaxNLocator

    data = spec.data
    city = spec.extra.get("city")
    for i, (_, group) in enumerate(data.groupby("district_id", sort=False)):
        color = SERIES_COLORS[i % len(SERIES_COLORS)]
        ax.plot(group["period"], group["value"], color=color, linewidth=1.6, marker="o",
                markersize=3.5, label=str(group["name"].iloc[0]), zorder=3)
        hidden = group[group["suppressed"]]
        if len(hidden):
            # the official sign of a withheld value is ".", and "x" means "not applicable"
            ax.plot(hidden["period"], np.zeros(len(hidden)), linestyle="none", marker=".",
                    color=color, markersize=11, transform=ax.get_xaxis_transform(), clip_on=False)
    city_ax = ax
    if city is not None and len(city) and spec.extra.get("count"):
        # A count's city value is the total of all districts: on the districts' scale it
        # would squash them to the floor, so it gets its own axis on the right.
        city_ax = ax.twinx()
        city_ax.set_ylabel(tr("Gesamtstadt (rechte Achse)"), fontsize=8.5, color=CITY_COLOR)
        city_ax.spines["top"].set_visible(False)
        city_ax.tick_params(labelsize=8, colors="#444444", length=3)
        _german_axis(city_ax.yaxis, spec.decimals)
    if city is not None and len(city):
        label = tr("Gesamtstadt (rechte Achse)") if city_ax is not ax else tr("Gesamtstadt")
        city_ax.plot(city.index, city.to_numpy(dtype=float), color=CITY_COLOR, linewidth=2.2,
                     linestyle=(0, (4, 2)), label=label, zorder=4)
        if city_ax is not ax:
            city_ax.set_ylim(0, float(np.nanmax(city.to_numpy(dtype=float))) * 1.08)
            ax.set_ylim(0, None)
    if data["suppressed"].any():
        ax.plot([], [], linestyle="none", marker=".", markersize=11, color=MUTED,
                label=tr("geheim gehalten (. an der Achse)"))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    _calm(ax, "y")
    _german_axis(ax.yaxis, spec.decimals)
    ax.set_ylabel(spec.y_label, fontsize=8.5)
    handles, labels = ax.get_legend_handles_labels()
    if city_ax is not ax:
        more = city_ax.get_legend_handles_labels()
        handles, labels = handles + more[0], labels + more[1]
    ax.legend(handles, labels, fontsize=8, frameon=False, loc="upper left",
              bbox_to_anchor=(1.08 if city_ax is not ax else 1.01, 1.0))
    return []


def _draw_scatter(ax: Axes, spec: ChartSpec) -> list[str]:
    import matplotlib.patheffects as pe

    data = spec.data.dropna(subset=["x", "y"])
    colors = [HIGHLIGHT_COLOR if int(d) in spec.highlight else BAR_COLOR for d in data["district_id"]]
    ax.scatter(data["x"], data["y"], s=26, c=colors, edgecolors="#ffffff", linewidths=0.6, zorder=3)
    r, n = spec.extra["r"], spec.extra["n"]
    if not np.isnan(r) and n >= 3:
        slope, intercept = np.polyfit(data["x"], data["y"], 1)
        xs = np.array([data["x"].min(), data["x"].max()])
        ax.plot(xs, slope * xs + intercept, color="#9a9a9a", linewidth=1.0, zorder=2,
                label=tr("Ausgleichsgerade (lineare Regression)"))
    for ref, line, name, decimals, style in (
            (spec.extra.get("x_reference"), ax.axvline, spec.extra.get("x_name", ""),
             spec.extra.get("x_decimals", 1), (0, (4, 2))),
            (spec.extra.get("y_reference"), ax.axhline, spec.extra.get("y_name", ""),
             spec.extra.get("y_decimals", 1), (0, (1, 1.5)))):
        if ref is not None and not np.isnan(ref):
            line(ref, color=CITY_COLOR, linewidth=0.9, linestyle=style, zorder=1,
                 label=tr("Gesamtstadt {name}: {value}", name=name, value=format_number(ref, decimals))
                 .replace("  ", " "))
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=7.5, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    if len(data) <= 120:
        halo = [pe.withStroke(linewidth=2, foreground="#ffffff")]
        ax.autoscale_view()
        for _, row in _free_labels(ax, data, fontsize=6.5).iterrows():
            ax.annotate(str(row["code"]), (row["x"], row["y"]), xytext=(3, 3), textcoords="offset points",
                        fontsize=6.5, color="#444444", path_effects=halo)
    hidden = int(spec.data["suppressed"].sum())
    notes = [tr("{n} Sozialräume geheim gehalten, nicht dargestellt", n=hidden)] if hidden else []
    _calm(ax, "both")
    _german_axis(ax.xaxis, spec.extra.get("x_decimals", 1))
    _german_axis(ax.yaxis, spec.extra.get("y_decimals", 1))
    ax.set_xlabel(spec.x_label, fontsize=8.5)
    ax.set_ylabel(spec.y_label, fontsize=8.5)
    return notes


def _free_labels(ax: Axes, data: pd.DataFrame, fontsize: float) -> pd.DataFrame:
    """Points whose label does not overlap an earlier one (extreme points first)."""
    scale = ax.figure.dpi / 72
    xy = ax.transData.transform(data[["x", "y"]].to_numpy(dtype=float))
    centre = xy.mean(axis=0)
    order = np.argsort(-np.hypot(*(xy - centre).T))
    boxes, keep = [], []
    for i in order:
        w = fontsize * 0.6 * len(str(data["code"].iloc[i])) * scale
        h = fontsize * 1.2 * scale
        x0, y0 = xy[i, 0] + 3 * scale, xy[i, 1] + 3 * scale
        box = (x0, y0, x0 + w, y0 + h)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            continue
        boxes.append(box)
        keep.append(i)
    return data.iloc[sorted(keep)]


def _draw_matrix(ax: Axes, spec: ChartSpec) -> list[str]:
    from matplotlib.patches import Rectangle

    from k360desk.analysis.palettes import text_color_on

    status, dynamics = spec.extra["status_order"], spec.extra["dynamics_order"]
    colors = spec.extra["colors"]
    data = spec.data
    for i, s in enumerate(status):
        for j, d in enumerate(dynamics):
            cell = data[(data["status_class"] == s) & (data["dynamics_class"] == d)]
            face = colors.get((s, d), "#eeeeee")
            ax.add_patch(Rectangle((j, i), 1, 1, facecolor=face, edgecolor="#ffffff", linewidth=2))
            ink = text_color_on(face)
            ax.text(j + 0.5, i + 0.62, str(len(cell)), ha="center", va="center", fontsize=14,
                    fontweight="bold", color=ink)
            if len(cell):
                spec.extra.setdefault("cells", []).append((j, i, [str(c) for c in cell["code"]], ink))
    ax.set_xlim(0, len(dynamics))
    ax.set_ylim(0, len(status))
    ax.set_xticks(np.arange(len(dynamics)) + 0.5, [str(tr_value(d)) for d in dynamics], fontsize=8.5)
    ax.set_yticks(np.arange(len(status)) + 0.5, [str(tr_value(s)) for s in status], fontsize=8.5)
    ax.set_xlabel(spec.x_label, fontsize=9)
    ax.set_ylabel(spec.y_label, fontsize=9)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.set_aspect("equal")
    outside = int((~data["status_class"].isin(status) | ~data["dynamics_class"].isin(dynamics)).sum())
    notes = [tr("{n} ohne Klasse", n=outside)] if outside else []
    if spec.extra.get("excluded"):
        n = spec.extra["excluded"]
        notes.append(tr("1 Sozialraum nicht im Index") if n == 1
                     else tr("{n} Sozialräume nicht im Index", n=n))
    return notes


def _place_matrix_codes(ax: Axes, spec: ChartSpec, fontsize: float = 6.5) -> None:
    """District codes in the lower half of each matrix cell, wrapped to the cell's drawn width;
    what does not fit becomes "+ n weitere", so no text runs into a neighbouring cell."""
    fig = ax.figure
    fig.canvas.draw()  # the layout fixes the cell size
    renderer = fig.canvas.get_renderer()
    (x0, y0), (x1, y1) = ax.transData.transform([(0, 0), (1, 1)])
    width, height = (x1 - x0) * 0.88, (y1 - y0) * 0.42
    line_height = fontsize * 1.25 * fig.dpi / 72
    max_lines = max(int(height // line_height), 0)

    def fits(text: str) -> bool:
        probe = ax.text(0, 0, text, fontsize=fontsize)
        ok = probe.get_window_extent(renderer).width <= width
        probe.remove()
        return ok

    for j, i, codes, ink in spec.extra.pop("cells", []):
        lines: list[str] = []
        rest = list(codes)
        while rest and len(lines) < max_lines:
            line = rest.pop(0)
            while rest and fits(f"{line}, {rest[0]}"):
                line = f"{line}, {rest.pop(0)}"
            lines.append(line)
        if rest and lines:
            lines[-1] = tr("+ {n} weitere", n=len(rest) + len(lines[-1].split(", ")))
            if not fits(lines[-1]):
                lines[-1] = ""
        text = "\n".join(line for line in lines if line)
        if text:
            ax.text(j + 0.5, i + 0.27, text, ha="center", va="center", fontsize=fontsize, color=ink,
                    linespacing=1.1)


def _draw_histogram(ax: Axes, spec: ChartSpec) -> list[str]:
    values = spec.data["value"].dropna().to_numpy(dtype=float)
    breaks, colors = spec.extra.get("breaks"), spec.extra.get("colors")
    if len(values):
        bins = min(30, max(6, int(np.sqrt(len(values)) * 1.5)))
        counts, edges = np.histogram(values, bins=bins)
        faces = [BAR_COLOR] * len(counts)
        if breaks and colors:
            # Each bin takes the colour of the map class its centre falls into.
            centres = (edges[:-1] + edges[1:]) / 2
            classes = np.minimum(np.searchsorted(np.asarray(breaks), centres), len(colors) - 1)
            faces = [colors[c] for c in classes]
        ax.bar(edges[:-1], counts, width=np.diff(edges), align="edge", color=faces,
               edgecolor="#ffffff", linewidth=0.6, zorder=2)
        from matplotlib.ticker import MaxNLocator

        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _calm(ax, "y")
    _german_axis(ax.xaxis, spec.decimals)
    ax.set_xlabel(spec.x_label, fontsize=8.5)
    ax.set_ylabel(spec.y_label, fontsize=8.5)
    _reference_line(ax, spec, vertical=True, loc="upper right")
    hidden = int(spec.data["suppressed"].sum())
    missing = int(spec.data["value"].isna().sum()) - hidden
    notes = [f"n = {len(values)}"]
    if hidden:
        notes.append(tr("{n} geheim gehalten", n=hidden))
    if missing:
        notes.append(tr("{n} ohne Daten", n=missing))
    return [", ".join(notes)]


def chart_figure(spec: ChartSpec, size: tuple[float, float] | None = None):
    """A stand-alone Agg figure of the chart."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    if size is None:
        rows = len(spec.data) if spec.kind == "bar" and len(spec.data) <= MAX_NAMED_BARS else 0
        size = (8.5, max(5.0, 1.2 + 0.2 * rows))
    fig = Figure(figsize=size, layout="constrained")
    FigureCanvasAgg(fig)
    fig.get_layout_engine().set(h_pad=0.15, w_pad=0.15)
    ax = fig.add_subplot()
    draw_chart(ax, spec)
    return fig


def export_chart(spec: ChartSpec, path: str | Path, dpi: int = 300,
                 size: tuple[float, float] | None = None) -> Path:
    """Write the chart as PNG, SVG or PDF (by file suffix)."""
    from k360desk.export.map_render import EXPORT_FORMATS, save_figure

    target = Path(path)
    if target.suffix.lower() not in EXPORT_FORMATS:
        raise ValueError(f"Unbekanntes Bildformat „{target.suffix}“ (erlaubt: PNG, SVG, PDF).")
    from k360desk.export.pdf.alt_text import chart_alt_text

    save_figure(chart_figure(spec, size), target, dpi, title=spec.title, alt=chart_alt_text(spec))
    return target
