"""Standard-deviation maps keep the diverging palette's neutral centre on the mean's class."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.maps.conftest import voronoi_districts
from tests.outputs.pixels import swatches


def _map(values, polarity=1):
    from k360desk.analysis.mapspec import build_map_spec
    from k360desk.export.map_render import map_figure

    city = voronoi_districts(len(values))
    frame = pd.DataFrame({"district_id": city.index, "value": values})
    spec = build_map_spec(city, frame, indicator_name="SGB-II-Quote", unit="%", polarity=polarity,
                          scheme="std_mean", k=5, period=2024)
    fig, artists = map_figure(spec, size=(8, 6))
    fig.set_dpi(60)
    return spec, swatches(fig, artists.legend)


def _tone(block: np.ndarray) -> tuple[float, float]:
    """(warmth = red − blue, saturation) of a swatch's mean colour."""
    r, g, b = block.mean(axis=0)
    return r - b, max(r, g, b) - min(r, g, b)


# A right-skewed quota: nobody is two σ below the mean, so the lowest classes are dropped.
SKEWED = np.r_[np.linspace(1.0, 9.0, 34), [14.0, 15.0, 16.0, 17.0, 22.0, 26.0]]


@pytest.mark.parametrize("values", [SKEWED, -SKEWED + 30, np.linspace(0, 10, 30)])
def test_the_class_holding_the_mean_is_neutral_above_warm_below_cool(values, qapp):
    spec, rows = _map(values)
    mean = float(np.mean(values))
    centre = [i for i, (lo, hi) in enumerate(zip(spec.classification.lower, spec.classification.upper,
                                                  strict=True)) if lo <= mean <= hi]
    assert len(centre) == 1
    c = centre[0]
    tones = [_tone(block) for _, block in rows[:spec.classification.k]]
    warmth, saturation = zip(*tones, strict=True)
    assert saturation[c] < 25, f"class of the mean is coloured: {rows[c][0]}"
    assert all(w > 40 for w in warmth[c + 1:]), "above-average classes must be warm (more need)"
    assert all(w < -15 for w in warmth[:c]), "below-average classes must be cool"


def test_sigma_boundaries_are_labelled(qapp):
    spec, rows = _map(SKEWED)
    labels = [label for label, _ in rows]
    assert any("Mittelwert" in label and "σ" in label for label in labels), labels
    assert any("über +2 σ" in label for label in labels), labels
    assert "Mittelwert" in spec.subtitle and "σ" in spec.subtitle
