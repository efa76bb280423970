"""The thematic map specification: styles, legend, labels, tooltips."""

from __future__ import annotations

import numpy as np
import pandas as pd

from k360desk.analysis.mapspec import (
    NO_DATA,
    NO_DATA_STYLE,
    SUPPRESSED,
    SUPPRESSED_STYLE,
    MapLabel,
    bivariate_colors,
    build_base,
    build_category_spec,
    build_map_spec,
    declutter,
)


def _values(city, suppressed=(), missing=()):
    frame = pd.DataFrame({"district_id": city.index, "value": np.arange(len(city), dtype=float)})
    frame["suppressed"] = frame["district_id"].isin(suppressed)
    return frame[~frame["district_id"].isin(missing)]


def test_suppressed_and_missing_are_styled_and_counted(city):
    spec = build_map_spec(city, _values(city, suppressed=(1, 2, 3), missing=(40,)),
                          indicator_name="SGB-II-Quote", unit="%", polarity=1, k=4, period=2023)
    assert int(np.sum(spec.class_index == SUPPRESSED)) == 3
    assert int(np.sum(spec.class_index == NO_DATA)) == 1
    faces = spec.face_colors()
    assert faces[0] == SUPPRESSED_STYLE.face and faces[-1] == NO_DATA_STYLE.face
    labels = [e.label for e in spec.legend]
    assert labels[-2:] == ["geheim gehalten (.)", "keine Daten"]  # the official sign (issue 19)
    assert spec.legend[-2].style.hatch  # suppressed is hatched, not coloured like a value
    assert [e.count for e in spec.legend] == [9, 9, 9, 9, 3, 1]
    assert sum(e.count for e in spec.legend) == len(city)
    assert spec.title == "SGB-II-Quote 2023" and spec.legend_title == "SGB-II-Quote (%)"


def test_suppressed_values_never_enter_the_classification(city):
    values = _values(city, suppressed=(40,))
    values.loc[values["district_id"] == 40, "value"] = 1e6  # a value that must stay hidden
    spec = build_map_spec(city, values, indicator_name="x", k=3)
    assert spec.classification.upper[-1] == 38


def test_polarity_makes_the_need_class_dark(city):
    from k360desk.analysis.palettes import relative_luminance

    high_need = build_map_spec(city, _values(city), indicator_name="x", polarity=1)
    low_need = build_map_spec(city, _values(city), indicator_name="x", polarity=-1)
    darkest = lambda spec: int(np.argmin([relative_luminance(s.face) for s in spec.class_styles]))  # noqa: E731
    assert darkest(high_need) == len(high_need.class_styles) - 1
    assert darkest(low_need) == 0


def test_legend_ranges_are_german(city):
    values = _values(city).assign(value=lambda f: f["value"] * 1.25 + 1000)
    spec = build_map_spec(city, values, indicator_name="x", decimals=1, scheme="equal_interval", k=2)
    assert spec.legend[0].label == "1.000,0 – 1.024,4"


def test_labels_by_name_code_or_none(city):
    spec = build_map_spec(city, _values(city), indicator_name="x", labels="code")
    labels = spec.labels()
    assert len(labels) == len(city) and labels[0].priority >= labels[-1].priority
    assert {lab.text for lab in labels} == set(city["code"])
    for lab in labels[:5]:  # anchors lie inside their district
        import shapely

        assert city.geometry[lab.district_id].contains(shapely.Point(lab.x, lab.y))
    spec.label_mode = "none"
    assert spec.labels() == []


def test_declutter_drops_overlapping_labels():
    labels = [MapLabel(1, "Altstadt", 0, 0, 10), MapLabel(2, "Neustadt", 5, 0, 5),
              MapLabel(3, "Hafen", 500, 0, 1)]
    kept = declutter(labels, units_per_point=1.0, fontsize=8)
    assert [k.district_id for k in kept] == [1, 3]
    assert len(declutter(labels, units_per_point=0.01, fontsize=8)) == 3


def test_tooltip_text(city):
    spec = build_map_spec(city, _values(city, suppressed=(1,)), indicator_name="Quote", unit="%",
                          period=2023, reference=12.345, decimals=1, k=4)
    row = spec.base.position(11)
    text = spec.describe(row)
    assert "Quartier 11 (011)" in text and "Quote 2023: 10,0 %" in text
    assert "Gesamtstadt: 12,3 %" in text and "Klasse 1: 1,0 – 10,5" in text
    assert "geheim gehalten" in spec.describe(spec.base.position(1))


def test_base_is_reused_so_switching_only_reclassifies(city):
    base = build_base(city)
    a = build_map_spec(base, _values(city), indicator_name="a")
    b = build_map_spec(base, _values(city).assign(value=lambda f: -f["value"]), indicator_name="b")
    assert a.base is b.base and a.face_colors() == b.face_colors()[::-1]


def test_category_spec_for_the_matrix(city):
    cats = pd.Series([("1", "+") if i % 2 else ("3", "-") for i in city.index], index=city.index)
    order = [(s, d) for s in ("1", "3") for d in ("-", "+")]
    spec = build_category_spec(city, cats, title="Matrix", legend_title="Status / Dynamik",
                               order=order, colors=bivariate_colors(["1", "3"], ["-", "+"]))
    counts = {e.label: e.count for e in spec.legend}
    assert counts["('1', '+')"] == 20 and counts["('3', '-')"] == 20
    assert spec.categorical and "Status / Dynamik" in spec.describe(0)
