"""Class breaks on numbers that can be checked by hand."""

from __future__ import annotations

import numpy as np
import pytest

from k360desk.analysis.classify import classify, parse_breaks

TEN = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, np.nan])


def test_quantiles_put_two_districts_in_each_of_five_classes():
    result = classify(TEN, "quantiles", 5)
    assert result.counts == (2, 2, 2, 2, 2)
    assert result.upper[-1] == 10
    assert list(result.class_index) == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, -1]


def test_equal_intervals_have_equal_width():
    result = classify([0, 1, 2, 3, 100], "equal_interval", 4)
    assert result.upper == pytest.approx((25, 50, 75, 100))
    assert result.counts == (4, 0, 0, 1)
    assert result.labels(0)[0] == "0 – 25"


def test_natural_breaks_find_the_obvious_groups():
    values = [1, 1.2, 1.1, 5, 5.2, 5.1, 9, 9.1, 9.3]
    result = classify(values, "natural_breaks", 3)
    assert result.upper == pytest.approx((1.2, 5.2, 9.3))
    assert result.counts == (3, 3, 3)


def test_std_mean_classes_are_centred_on_the_mean_and_trimmed():
    result = classify(TEN, "std_mean", 3)
    mean, std = 5.5, np.std(np.arange(1, 11), ddof=1)  # mapclassify: sample σ
    assert result.upper[0] == pytest.approx(mean - std)
    assert result.upper[-1] == 10  # ends at the maximum, not at an unreached bound
    assert sum(result.counts) == 10


def test_manual_breaks_and_german_labels():
    result = classify([0.5, 12.5, 14, 18, 30.3], "manual", breaks=[12.5, 18.0])
    assert result.counts == (2, 2, 1)
    assert result.labels(1) == ["0,5 – 12,5", "12,5 – 18,0", "18,0 – 30,3"]


def test_fewer_distinct_values_than_classes_reduce_the_classes():
    result = classify([2, 2, 3, 3], "quantiles", 5)
    assert result.k <= 2
    assert sum(result.counts) == 4


def test_no_values_give_no_classes():
    result = classify([np.nan, np.nan], "quantiles", 5)
    assert result.k == 0 and list(result.class_index) == [-1, -1]


def test_manual_without_breaks_is_a_german_error():
    with pytest.raises(ValueError, match="Klassengrenzen"):
        classify(TEN, "manual")


def test_parse_breaks_reads_german_numbers():
    assert parse_breaks("5; 10,5; 1.000,5") == [5.0, 10.5, 1000.5]
    with pytest.raises(ValueError, match="nicht lesbar"):
        parse_breaks("fünf")
