"""Our numpy classifiers give mapclassify's breaks and classes, without its run-time cost.

mapclassify (with scipy and scikit-learn, ~80 MB in the Windows bundle) is a test
dependency only: it is the reference the app's classes are checked against.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from k360desk.analysis.classify import _STD_MULTIPLES, classify

mapclassify = pytest.importorskip("mapclassify")


def _reference(y: np.ndarray, scheme: str, k: int):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if scheme == "quantiles":
            return mapclassify.Quantiles(y, k=k)
        if scheme == "equal_interval":
            return mapclassify.EqualInterval(y, k=k)
        if scheme == "std_mean":
            return mapclassify.StdMean(y, multiples=_STD_MULTIPLES[min(max(k, 2), 7)])
        return mapclassify.FisherJenks(y, k=k)


def _assert_same(values: np.ndarray, scheme: str, k: int) -> None:
    ours = classify(values, scheme, k)
    y = values[~np.isnan(values)]
    k_used = max(2, min(k, np.unique(y).size))
    ref = _reference(y, scheme, k_used)
    bins = [float(b) for b in ref.bins]
    yb = np.asarray(ref.yb, dtype=int)
    if scheme == "std_mean":
        # The app drops empty outer σ classes and ends at the maximum (see classify.py).
        counts = np.bincount(yb, minlength=len(bins))
        first = int(np.argmax(counts > 0))
        last = len(bins) - 1 - int(np.argmax(counts[::-1] > 0))
        bins = bins[first:last + 1]
        bins[-1] = min(bins[-1], float(y.max()))
        yb = yb - first
    if scheme == "natural_breaks":
        # Equally good partitions may differ where values tie; the fit must not be worse.
        assert _within_ss(y, ours.upper) <= _within_ss(y, bins) * (1 + 1e-9) + 1e-9
        return
    assert list(ours.upper) == bins, (scheme, k, y.tolist())
    assert ours.class_index[~np.isnan(values)].tolist() == yb.tolist()
    assert ours.counts == tuple(int(c) for c in np.bincount(yb, minlength=len(bins)))


def _within_ss(y: np.ndarray, upper) -> float:
    index = np.searchsorted(np.asarray(upper, dtype=float), y, side="left")
    return float(sum(((y[index == c] - y[index == c].mean()) ** 2).sum()
                     for c in np.unique(index)))


values_strategy = st.lists(
    st.one_of(st.floats(-1e6, 1e6, allow_nan=False, width=64),
              st.integers(0, 60).map(float),  # ties, like counts and rounded quotas
              st.just(float("nan"))),
    min_size=2, max_size=120,
).filter(lambda v: np.unique(np.asarray(v)[~np.isnan(v)]).size >= 2)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=values_strategy, k=st.integers(2, 7),
       scheme=st.sampled_from(["quantiles", "equal_interval", "std_mean", "natural_breaks"]))
def test_breaks_equal_mapclassify_on_any_values(values, k, scheme):
    _assert_same(np.asarray(values, dtype=float), scheme, k)


def _flensburg_columns(folder) -> dict[str, np.ndarray]:
    columns: dict[str, list[float]] = {}
    for path in sorted((folder / "csv").glob("fl_*by_district.csv")):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row.get("district_id") in (None, "NULL") or row.get("year") != "2022":
                    continue
                for name, text in row.items():
                    if name in ("year", "district_id") or text in (None, "", "NULL"):
                        continue
                    try:
                        columns.setdefault(f"{path.stem}.{name}", []).append(float(text))
                    except ValueError:
                        pass
    return {n: np.asarray(v) for n, v in columns.items() if np.unique(v).size >= 2}


def test_breaks_equal_mapclassify_on_flensburg_indicators(flensburg):
    columns = _flensburg_columns(flensburg)
    assert len(columns) >= 20
    for scheme in ("quantiles", "equal_interval", "std_mean", "natural_breaks"):
        for k in (3, 4, 5, 7):
            for values in columns.values():
                _assert_same(values, scheme, k)
    # Shares of districts: the values a planner maps most often.
    some = next(iter(columns.values()))
    shares = some / some.sum() * 100
    for scheme in ("quantiles", "equal_interval", "std_mean"):
        _assert_same(np.round(shares, 1), scheme, 5)


def test_classifying_loads_neither_scipy_nor_scikit_learn_nor_mapclassify():
    code = (
        "import sys\n"
        "from k360desk.analysis.classify import classify\n"
        "for s in ('quantiles', 'equal_interval', 'std_mean', 'natural_breaks', 'manual'):\n"
        "    classify([1.0, 2.5, 3.0, 9.0, float('nan')], s, 3, breaks=[2, 5])\n"
        "print(sorted(m for m in ('scipy', 'sklearn', 'mapclassify') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_manual_breaks_equal_mapclassify_user_defined():
    y = np.array([3.0, 7.5, 10.0, 12.0, 20.0, 31.0])
    ours = classify(y, "manual", breaks=[10, 20])
    ref = mapclassify.UserDefined(y, bins=[10.0, 20.0])
    assert list(ours.upper) == [float(b) for b in ref.bins]
    assert ours.class_index.tolist() == np.asarray(ref.yb).tolist()
