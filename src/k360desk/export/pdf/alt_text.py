"""Alternative texts for the figures of a PDF: what a sighted reader takes from the map or
chart (indicator, classes, where the district stands), in a sentence or three."""

from __future__ import annotations

import math

from k360desk.analysis.mapspec import MapBase, MapSpec
from k360desk.formats import format_number


def _districts(count: int) -> str:
    return "1 Sozialraum" if count == 1 else f"{count} Sozialräume"


def map_alt_text(spec: MapSpec) -> str:
    """Title, classes with their number of districts, and the class of highlighted districts."""
    parts = [f"Karte: {spec.title}" + (f" ({spec.subtitle})" if spec.subtitle else "") + "."]
    if spec.legend:
        classes = "; ".join(f"{e.label}: {_districts(e.count)}" for e in spec.legend)
        title = spec.legend_title or "Klassen"
        parts.append(f"{title}: {classes}.")
    for district_id in spec.highlight:
        try:
            row = spec.base.position(district_id)
        except KeyError:
            continue
        klass = int(spec.class_index[row])
        label = spec.legend[klass].label if 0 <= klass < len(spec.legend) else "keine Klasse"
        parts.append(f"{spec.base.names[row]} liegt in der Klasse {label}.")
    return " ".join(parts)


def locator_alt_text(base: MapBase, district_id: int, caption: str = "") -> str:
    """Where the district lies in the city, and what the profile says about its class."""
    try:
        row = base.position(district_id)
        name = f"{base.names[row]} ({base.codes[row]})"
    except KeyError:
        name = "Der Sozialraum"
    text = f"Lagekarte: {name} dunkel hervorgehoben im Gebiet der Stadt."
    return f"{text} {caption}".strip() if caption else text


def _first_last(series: list[tuple[int, float]], decimals: int) -> str | None:
    points = [(p, v) for p, v in sorted(series) if math.isfinite(v)]
    if not points:
        return None
    (p0, v0), (p1, v1) = points[0], points[-1]
    if p0 == p1:
        return f"{p0}: {format_number(v0, decimals)}"
    return f"{p0}: {format_number(v0, decimals)}, {p1}: {format_number(v1, decimals)}"


def series_alt_text(
    title: str,
    unit: str,
    decimals: int,
    series: list[tuple[int, float]],
    reference: list[tuple[int, float]],
    district_label: str,
) -> str:
    """A line chart told as first and last value of the district and of the city."""
    head = f"Liniendiagramm {title}" + (f" ({unit})" if unit else "") + "."
    own = _first_last(series, decimals)
    city = _first_last(reference, decimals)
    parts = [head, f"{district_label}: {own}." if own else f"{district_label}: keine Werte."]
    if city:
        parts.append(f"Gesamtstadt: {city}.")
    return " ".join(parts)


CHART_KINDS = {
    "bar": "Balkendiagramm",
    "series": "Liniendiagramm",
    "scatter": "Streudiagramm",
    "matrix": "Matrix Status und Dynamik",
    "histogram": "Histogramm",
}


def chart_alt_text(spec) -> str:
    """Kind, title and, for bars, the highest and lowest district and the city's value."""
    parts = [f"{CHART_KINDS.get(spec.kind, 'Diagramm')}: {spec.title}"
             + (f" ({spec.subtitle})" if spec.subtitle else "") + "."]
    unit = f" {spec.unit}" if spec.unit else ""
    data = spec.data
    if spec.kind == "bar" and {"name", "value"} <= set(data.columns):
        shown = data[data["value"].notna()]
        if len(shown):
            top, low = shown.iloc[0], shown.iloc[-1]
            parts.append(
                f"{_districts(len(shown))}; höchster Wert {top['name']} "
                f"{format_number(float(top['value']), spec.decimals)}{unit}, niedrigster {low['name']} "
                f"{format_number(float(low['value']), spec.decimals)}{unit}."
            )
    if spec.kind == "series" and {"name", "period", "value"} <= set(data.columns):
        for name, rows in data.groupby("name", sort=False):
            text = _first_last(list(zip(rows["period"], rows["value"].astype(float), strict=True)),
                               spec.decimals)
            parts.append(f"{name}: {text}." if text else f"{name}: keine Werte.")
    if spec.reference is not None and math.isfinite(spec.reference):
        parts.append(f"{spec.reference_label}: {format_number(spec.reference, spec.decimals)}{unit}.")
    return " ".join(parts)
