"""Palettes: orientation by polarity and readability in grey print."""

from __future__ import annotations

import pytest

from k360desk.analysis.palettes import (
    DIVERGING,
    SEQUENTIAL,
    brewer,
    luminance_monotonic,
    palette_for,
    relative_luminance,
)


@pytest.mark.parametrize("name", SEQUENTIAL)
@pytest.mark.parametrize("k", range(3, 10))
def test_every_sequential_palette_prints_in_grey(name, k):
    colors = brewer(name, k)
    assert len(colors) == k
    assert luminance_monotonic(colors)


def test_more_need_is_darker_for_both_polarities():
    need_high = palette_for(1, 5).colors
    need_low = palette_for(-1, 5).colors
    # class order is low → high value
    assert relative_luminance(need_high[-1]) < relative_luminance(need_high[0])
    assert relative_luminance(need_low[0]) < relative_luminance(need_low[-1])
    assert need_high == tuple(reversed(need_low))


def test_neutral_indicators_get_a_cool_palette():
    assert palette_for(0, 5).name != palette_for(1, 5).name


@pytest.mark.parametrize("name", DIVERGING)
def test_diverging_palettes_put_the_warm_end_on_need(name):
    colors = palette_for(1, 5, name).colors
    red_high = int(colors[-1][1:3], 16) > int(colors[-1][5:7], 16)
    assert red_high  # the highest values (most need) are the warm end
    low = palette_for(-1, 5, name).colors
    assert int(low[0][1:3], 16) > int(low[0][5:7], 16)


def test_unknown_palette_is_rejected():
    with pytest.raises(ValueError, match="Farbpalette"):
        brewer("Rainbow", 5)
