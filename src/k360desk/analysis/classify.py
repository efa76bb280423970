"""Class breaks for choropleth maps with mapclassify, and their German legend labels."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from k360desk.formats import format_number

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
                out.append(f"bis {format_number(hi, decimals)}")
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
    """Classify values (NaN = missing) with mapclassify's Quantiles, EqualInterval,
    FisherJenks, StdMean or UserDefined (``breaks`` = upper class bounds for "manual")."""
    import mapclassify

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
        classifier = mapclassify.UserDefined(y, bins=bins)
    elif unique.size == 1:
        bins = [float(unique[0])]
        classifier = None
    else:
        k = max(2, min(int(k), unique.size))
        with warnings.catch_warnings():
            # mapclassify warns about ties it already handles by merging classes.
            warnings.simplefilter("ignore")
            if scheme == "quantiles":
                classifier = mapclassify.Quantiles(y, k=k)
            elif scheme == "equal_interval":
                classifier = mapclassify.EqualInterval(y, k=k)
            elif scheme == "natural_breaks":
                classifier = _natural_breaks(mapclassify, y, k)
            else:
                multiples = _STD_MULTIPLES[min(max(k, 2), 7)]
                classifier = mapclassify.StdMean(y, multiples=multiples)
    if classifier is not None:
        upper = [float(b) for b in classifier.bins]
        yb = np.asarray(classifier.yb, dtype=int)
    else:
        upper = bins
        yb = np.zeros(y.size, dtype=int)
    if scheme == "std_mean":
        upper, yb = _trim_empty_ends(upper, yb, float(y.max()))
    index[valid] = yb
    lower = [float(y.min())] + upper[:-1]
    counts = tuple(int(c) for c in np.bincount(yb, minlength=len(upper)))
    return Classification(scheme, tuple(lower), tuple(upper), index, counts)


# Fisher–Jenks is O(k·n²): above this many values it runs on evenly spaced quantiles.
_JENKS_SAMPLE = 2000


def _natural_breaks(mapclassify, y: np.ndarray, k: int):
    """Exact Fisher–Jenks breaks with jenkspy (C); mapclassify's pure-Python FisherJenks
    needs ~0.7 s for 550 values without numba. Large sets use a quantile sample, which keeps
    the distribution's shape (like mapclassify's FisherJenksSampled, but deterministic)."""
    try:
        import jenkspy
    except ImportError:
        if y.size > 1000:
            return mapclassify.FisherJenksSampled(y, k=k, pct=1000 / y.size)
        return mapclassify.FisherJenks(y, k=k)
    sample = y if y.size <= _JENKS_SAMPLE else np.quantile(y, np.linspace(0, 1, _JENKS_SAMPLE))
    breaks = jenkspy.jenks_breaks(sample, n_classes=k)
    inner = sorted({float(b) for b in breaks[1:-1]})
    return mapclassify.UserDefined(y, bins=[*inner, float(y.max())])


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
