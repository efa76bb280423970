"""Class breaks for choropleth maps (mapclassify's schemes in numpy), and their German legend labels."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from k360desk.formats import format_number
from k360desk.messages import tr

SCHEMES: dict[str, str] = {
    "quantiles": "Quantile (gleich viele Sozialräume je Klasse)",
    "equal_interval": "Gleiche Intervalle",
    "natural_breaks": "Natürliche Brüche (Fisher–Jenks)",
    "std_mean": "Standardabweichungen um den Mittelwert",
    "manual": "Manuelle Klassengrenzen",
}

# Multiples of the standard deviation per wanted number of classes (StdMean).
_STD_MULTIPLES: dict[int, list[float]] = {
    2: [0.0], 3: [-1.0, 1.0], 4: [-1.0, 0.0, 1.0], 5: [-2.0, -1.0, 1.0, 2.0],
    6: [-2.0, -1.0, 0.0, 1.0, 2.0], 7: [-3.0, -2.0, -1.0, 1.0, 2.0, 3.0],
}


@dataclass(frozen=True)
class Classification:
    """Result of classifying one set of values.

    ``upper`` holds the upper bound of each class (mapclassify's bins); ``lower`` the lower
    bound (the minimum for the first class); ``class_index`` one class per input value,
    -1 where the value is missing.
    """

    scheme: str
    lower: tuple[float, ...]
    upper: tuple[float, ...]
    class_index: np.ndarray
    counts: tuple[int, ...]

    @property
    def k(self) -> int:
        """Number of classes."""
        return len(self.upper)

    def labels(self, decimals: int = 1) -> list[str]:
        """German range labels like "12,5 – 18,0" (first class: "bis 12,5" when it is empty)."""
        out = []
        for lo, hi in zip(self.lower, self.upper, strict=True):
            if lo >= hi and lo != hi:
                out.append(tr("bis {value}", value=format_number(hi, decimals)))
            elif format_number(lo, decimals) == format_number(hi, decimals):
                out.append(format_number(hi, decimals))
            else:
                out.append(f"{format_number(lo, decimals)} – {format_number(hi, decimals)}")
        return out


def classify(
    values: np.ndarray | list[float],
    scheme: str = "quantiles",
    k: int = 5,
    breaks: list[float] | None = None,
) -> Classification:
    """Classify values (NaN = missing) into quantiles, equal intervals, natural breaks
    (Fisher–Jenks), σ classes around the mean, or manual classes (``breaks`` = upper class
    bounds). Breaks and classes are mapclassify's (Quantiles, EqualInterval, StdMean,
    UserDefined), computed here with numpy: mapclassify would bring scipy and
    scikit-learn into the installed program (~80 MB) for four small formulas."""
    y_all = np.asarray(values, dtype=float)
    valid = ~np.isnan(y_all)
    y = y_all[valid]
    index = np.full(y_all.shape, -1, dtype=int)
    if scheme not in SCHEMES:
        raise ValueError(f"Unbekannte Klassifizierung „{scheme}“.")
    if y.size == 0:
        return Classification(scheme, (), (), index, ())
    unique = np.unique(y)
    if scheme == "manual":
        if not breaks:
            raise ValueError("Für manuelle Klassen sind Klassengrenzen nötig.")
        bins = sorted(float(b) for b in breaks)
        if len(set(bins)) != len(bins):
            raise ValueError("Die Klassengrenzen müssen verschieden sein.")
        upper = _up_to_max(bins, y)
    elif unique.size == 1:
        upper = [float(unique[0])]
    else:
        k = max(2, min(int(k), unique.size))
        if scheme == "quantiles":
            upper = _quantile_bins(y, k)
        elif scheme == "equal_interval":
            upper = _equal_interval_bins(y, k)
        elif scheme == "natural_breaks":
            upper = _natural_breaks(y, k)
        else:
            upper = _std_mean_bins(y, _STD_MULTIPLES[min(max(k, 2), 7)])
    yb = _bin(y, upper)
    if scheme == "std_mean":
        upper, yb = _trim_empty_ends(upper, yb, float(y.max()))
    index[valid] = yb
    lower = [float(y.min())] + upper[:-1]
    counts = tuple(int(c) for c in np.bincount(yb, minlength=len(upper)))
    return Classification(scheme, tuple(lower), tuple(upper), index, counts)


def _bin(y: np.ndarray, upper: list[float]) -> np.ndarray:
    """Class of each value: the first class whose upper bound it does not exceed
    (classes are closed above, open below, as in mapclassify)."""
    return np.searchsorted(np.asarray(upper, dtype=float), y, side="left").astype(int)


def _up_to_max(bins: list[float], y: np.ndarray) -> list[float]:
    """A last class up to the maximum when the given bounds end below it."""
    top = float(y.max())
    return [*bins, top] if bins[-1] < top else list(bins)


def _score_at_percentile(ordered: np.ndarray, percent: float) -> float:
    """The value at ``percent`` of sorted values, interpolated by the fraction of the
    position. Weighted the way scipy's ``scoreatpercentile`` (mapclassify's quantiles)
    does, so the breaks agree to the last bit, not only to rounding."""
    position = percent / 100.0 * (ordered.size - 1)
    below = int(position)
    if below == position:
        return float(ordered[below])
    above = below + 1
    w_low, w_high = above - position, position - below
    return float((ordered[below] * w_low + ordered[above] * w_high) / (w_low + w_high))


def _quantile_bins(y: np.ndarray, k: int) -> list[float]:
    """Upper bounds at the 100/k, 200/k … 100 % quantiles; repeated bounds (ties) merge."""
    step = 100.0 / k
    percents = np.arange(step, 100 + step, step)
    if percents[-1] > 100.0:
        percents[-1] = 100.0
    ordered = np.sort(y)
    return [float(b) for b in np.unique([_score_at_percentile(ordered, p) for p in percents])]


def _equal_interval_bins(y: np.ndarray, k: int) -> list[float]:
    """k classes of equal width from minimum to maximum (the last ends at the maximum)."""
    low, high = float(y.min()), float(y.max())
    width = (high - low) / k
    # Stepped like mapclassify (not low + i·width) so that rounding gives the same bounds.
    cuts = np.arange(low + width, high + width, width)[:k]
    cuts[-1] = high
    return [float(c) for c in cuts]


def _std_mean_bins(y: np.ndarray, multiples: list[float]) -> list[float]:
    """Bounds at the mean plus multiples of the sample standard deviation, then the maximum."""
    mean, sd = y.mean(), y.std(ddof=1)
    cuts = [float(mean + sd * m) for m in multiples]
    top = float(y.max())
    return [*cuts, top] if cuts[-1] < top else cuts


# Fisher–Jenks is O(k·n²): above this many values it runs on evenly spaced quantiles.
_JENKS_SAMPLE = 2000


def _natural_breaks(y: np.ndarray, k: int) -> list[float]:
    """Exact Fisher–Jenks breaks (jenkspy, C). Large sets use a quantile sample, which keeps
    the distribution's shape (like mapclassify's FisherJenksSampled, but deterministic)."""
    import jenkspy

    sample = y if y.size <= _JENKS_SAMPLE else np.quantile(y, np.linspace(0, 1, _JENKS_SAMPLE))
    breaks = jenkspy.jenks_breaks(sample, n_classes=k)
    inner = sorted({float(b) for b in breaks[1:-1]})
    return _up_to_max(inner or [float(y.max())], y)


def _trim_empty_ends(upper: list[float], yb: np.ndarray, top: float) -> tuple[list[float], np.ndarray]:
    """Drop empty outer classes of a σ scheme (a quota has no class "below −2σ" if none is
    there) and end the last class at the maximum instead of at an unreached σ bound."""
    counts = np.bincount(yb, minlength=len(upper))
    first = int(np.argmax(counts > 0))
    last = len(upper) - 1 - int(np.argmax(counts[::-1] > 0))
    upper = upper[first:last + 1]
    upper[-1] = min(upper[-1], top)
    return upper, yb - first


def parse_breaks(text: str) -> list[float]:
    """Read manual breaks typed as "10; 20,5; 30" or "10 20.5 30"."""
    from k360desk.formats import parse_number

    parts = [p for p in text.replace(";", " ").split() if p]
    try:
        return [parse_number(p) for p in parts]
    except ValueError as exc:
        raise ValueError(f"Klassengrenzen nicht lesbar: „{text}“ (Beispiel: 10; 20,5; 30).") from exc
