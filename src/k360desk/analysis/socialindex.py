"""Social index in the manner of Berlin's "Monitoring Soziale Stadtentwicklung" (MSS) and
Hamburg's "Sozialmonitoring": z-standardised components, a status index and a dynamics index
with classes, and the status–dynamics matrix.

Direction: a higher index value always means more need (lower social status, worse
development). Formulas and wording for reports: docs/methods.md.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from k360desk.analysis import levels

FORMAT = "k360desk-sozialindex"
FORMAT_VERSION = 1

BERLIN_STATUS_THRESHOLDS = [-1.0, 1.0, 1.5]
BERLIN_STATUS_LABELS = ["hoch", "mittel", "niedrig", "sehr niedrig"]
BERLIN_DYNAMICS_THRESHOLDS = [-1.0, 1.0]
BERLIN_DYNAMICS_LABELS = ["positiv", "stabil", "negativ"]
# MSS: "Gebiete mit besonderem Aufmerksamkeitsbedarf" (low/very low status, or medium status
# with negative dynamics).
BERLIN_ATTENTION = ["niedrig/positiv", "niedrig/stabil", "niedrig/negativ", "sehr niedrig/positiv",
                    "sehr niedrig/stabil", "sehr niedrig/negativ", "mittel/negativ"]

REASON_DECLARED = "ausgeschlossen"
REASON_POPULATION = "unter {n} Einwohnerinnen und Einwohnern"
REASON_NO_POPULATION = "Einwohnerzahl fehlt"
REASON_MISSING = "Werte fehlen: "
REASON_NO_DYNAMICS = "Dynamik nicht berechenbar, Werte fehlen: "


class MethodError(ValueError):
    """An index definition that cannot be used; the message is German and user-facing."""


@dataclass
class IndexComponent:
    """One indicator entering the status or the dynamics index.

    ``polarity`` +1: a higher value means more need; −1: less need. ``source`` (dynamics
    only): "change" = change of the indicator over the method's span, "indicator" = the
    indicator itself already is a change supplied by the statistics office.
    """

    indicator: str
    weight: float = 1.0
    polarity: int = 1
    role: str = "status"
    source: str = ""
    label: str = ""

    def __post_init__(self) -> None:
        if not self.source:
            self.source = "change" if self.role == "dynamics" else "indicator"
        if self.role not in ("status", "dynamics"):
            raise MethodError(f"Unbekannte Rolle „{self.role}“ (erlaubt: status, dynamics).")
        if self.source not in ("change", "indicator"):
            raise MethodError(f"Unbekannte Quelle „{self.source}“ (erlaubt: change, indicator).")
        if self.polarity not in (1, -1):
            raise MethodError(f"Polung von „{self.indicator}“ muss +1 oder −1 sein.")
        if not (isinstance(self.weight, int | float) and math.isfinite(self.weight)
                and self.weight > 0):
            raise MethodError(f"Gewicht von „{self.indicator}“ muss größer als 0 sein.")

    @property
    def key(self) -> str:
        """Column suffix in results: the indicator key, with "d_" for a computed change."""
        return f"d_{self.indicator}" if self.role == "dynamics" and self.source == "change" \
            else self.indicator


@dataclass
class IndexMethod:
    """A complete, shareable index definition (stored as JSON in the project or a file)."""

    name: str = "Sozialindex"
    components: list[IndexComponent] = field(default_factory=list)
    population: str | None = None
    min_population: float = 300.0
    span: int = 2
    level_id: int | None = None
    restandardise: bool = True
    ddof: int = 1
    status_scheme: str = "sd"  # "sd" (thresholds on the z-scale) or "quantile"
    status_thresholds: list[float] = field(default_factory=lambda: list(BERLIN_STATUS_THRESHOLDS))
    status_labels: list[str] = field(default_factory=lambda: list(BERLIN_STATUS_LABELS))
    quantiles: int = 4
    quantile_labels: list[str] = field(default_factory=list)
    dynamics_thresholds: list[float] = field(
        default_factory=lambda: list(BERLIN_DYNAMICS_THRESHOLDS))
    dynamics_labels: list[str] = field(default_factory=lambda: list(BERLIN_DYNAMICS_LABELS))
    attention: list[str] = field(default_factory=list)
    exclusions: dict[str, str] = field(default_factory=dict)  # district code → reason
    description: str = ""

    def __post_init__(self) -> None:
        self.components = [c if isinstance(c, IndexComponent) else IndexComponent(**c)
                           for c in self.components]
        self.exclusions = {str(k): str(v) for k, v in dict(self.exclusions).items()}

    # --- views ---------------------------------------------------------------------------

    @property
    def status_components(self) -> list[IndexComponent]:
        """Components of the status index."""
        return [c for c in self.components if c.role == "status"]

    @property
    def dynamics_components(self) -> list[IndexComponent]:
        """Components of the dynamics index."""
        return [c for c in self.components if c.role == "dynamics"]

    def indicator_keys(self) -> list[str]:
        """Every indicator key the method reads (components and population)."""
        keys = [c.indicator for c in self.components]
        if self.population:
            keys.append(self.population)
        return list(dict.fromkeys(keys))

    def class_labels(self) -> list[str]:
        """Status class labels from least to most need."""
        if self.status_scheme == "quantile":
            if len(self.quantile_labels) == self.quantiles:
                return list(self.quantile_labels)
            return [f"Klasse {i}" for i in range(1, self.quantiles + 1)]
        return list(self.status_labels)

    def validate(self) -> None:
        """Raise ``MethodError`` (German) when the definition cannot be computed."""
        if not self.status_components:
            raise MethodError("Das Verfahren braucht mindestens einen Statusindikator.")
        if self.status_scheme not in ("sd", "quantile"):
            raise MethodError(
                f"Unbekanntes Klassenverfahren „{self.status_scheme}“ (sd, quantile).")
        if self.status_scheme == "sd":
            _check_thresholds(self.status_thresholds, self.status_labels, "Status")
        elif not 2 <= int(self.quantiles) <= 20:
            raise MethodError("Die Zahl der Quantilsklassen muss zwischen 2 und 20 liegen.")
        _check_thresholds(self.dynamics_thresholds, self.dynamics_labels, "Dynamik")
        if int(self.span) < 1:
            raise MethodError("Der Zeitraum der Dynamik muss mindestens ein Jahr sein.")
        if self.ddof not in (0, 1):
            raise MethodError("ddof muss 0 oder 1 sein.")
        seen = set()
        for c in self.components:
            if (c.role, c.key) in seen:
                raise MethodError(f"Indikator „{c.indicator}“ ist doppelt ({c.role}).")
            seen.add((c.role, c.key))

    # --- the small shareable file ----------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The definition as plain JSON-able data, with format marker and version."""
        data = asdict(self)
        return {"format": FORMAT, "version": FORMAT_VERSION, **data}

    def to_json(self) -> str:
        """The definition as a small, human-readable JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IndexMethod:
        """Build a method from ``to_dict`` data; German ``MethodError`` when it does not fit."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise MethodError("Die Datei enthält keine Sozialindex-Definition von k360desk.")
        if int(data.get("version", 0)) > FORMAT_VERSION:
            raise MethodError("Die Sozialindex-Definition stammt aus einer neueren Version.")
        names = set(cls.__dataclass_fields__)
        unknown = set(data) - names - {"format", "version"}
        if unknown:
            names_text = ", ".join(sorted(unknown))
            raise MethodError(f"Unbekannte Angaben in der Definition: {names_text}.")
        try:
            comps = [IndexComponent(**c) for c in data.get("components", [])]
            kwargs = {k: v for k, v in data.items() if k in names and k != "components"}
            method = cls(components=comps, **kwargs)
        except TypeError as exc:
            raise MethodError(f"Die Sozialindex-Definition ist unvollständig ({exc}).") from exc
        method.validate()
        return method

    @classmethod
    def from_json(cls, text: str) -> IndexMethod:
        """Read a method from ``to_json`` text."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise MethodError(
                f"Die Definition ist kein gültiges JSON (Zeile {exc.lineno}).") from exc
        return cls.from_dict(data)


def _check_thresholds(thresholds: list[float], labels: list[str], what: str) -> None:
    if list(thresholds) != sorted(thresholds) or len(set(thresholds)) != len(thresholds):
        raise MethodError(f"{what}: die Schwellen müssen aufsteigend sein.")
    if len(labels) != len(thresholds) + 1:
        raise MethodError(f"{what}: es braucht genau eine Klasse mehr als Schwellen "
                          f"({len(thresholds)} Schwellen, {len(labels)} Klassen).")


def berlin_mss(status_keys: list[str], dynamics_keys: list[str] | None = None,
               population_key: str | None = None, dynamics_source: str = "change") -> IndexMethod:
    """Preset reproducing Berlin's MSS: z-values of the status shares, mean, z again; classes
    at −1, +1, +1.5; dynamics from the change over two years, classes at ±1; districts under
    300 inhabitants excluded. Without ``dynamics_keys`` the changes of the status indicators
    are used; ``dynamics_source="indicator"`` takes supplied change indicators as they are."""
    if not status_keys:
        raise MethodError("Für das Berliner Verfahren fehlen die Statusindikatoren (--status).")
    dyn = list(dynamics_keys) if dynamics_keys else list(status_keys)
    source = dynamics_source if dynamics_keys else "change"
    comps = [IndexComponent(k, role="status") for k in status_keys]
    comps += [IndexComponent(k, role="dynamics", source=source) for k in dyn]
    return IndexMethod(
        name="Monitoring Soziale Stadtentwicklung (Berliner Verfahren)", components=comps,
        population=population_key, min_population=300, span=2, restandardise=True,
        status_scheme="sd", status_thresholds=list(BERLIN_STATUS_THRESHOLDS),
        status_labels=list(BERLIN_STATUS_LABELS),
        dynamics_thresholds=list(BERLIN_DYNAMICS_THRESHOLDS),
        dynamics_labels=list(BERLIN_DYNAMICS_LABELS), attention=list(BERLIN_ATTENTION),
        description="Statusindex und Dynamikindex nach dem Verfahren des Berliner Monitorings "
                    "Soziale Stadtentwicklung (MSS).",
    )


@dataclass
class IndexResult:
    """One row per district (``table``) and everything needed to reproduce it."""

    table: pd.DataFrame
    parameters: dict[str, Any]
    method: IndexMethod
    period: int


# --- computation ---------------------------------------------------------------------------

def _no_spread(sd: pd.Series, base: pd.DataFrame) -> pd.Series:
    """SD that is zero up to rounding noise (e.g. a change of 0 computed as 1e-16)."""
    return sd.isna() | (sd <= 1e-9 * base.abs().max().fillna(0).clip(lower=1.0))


def _zscores(x: pd.DataFrame, mask: pd.Series, ddof: int) -> tuple[pd.DataFrame, dict]:
    """Column-wise z-values with mean and SD taken over the rows in ``mask``.

    A component with no spread among the districts carries no information: its z-values are
    0 (not missing, which would exclude every district)."""
    base = x[mask]
    mean = base.mean()
    sd = base.std(ddof=ddof)
    flat = _no_spread(sd, base)
    z = (x - mean) / sd.where(~flat)
    z = z.where(~flat | x.isna(), 0.0)
    stats = {c: {"mean": _num(mean[c]), "sd": _num(sd[c]), "n": int(base[c].notna().sum())}
             for c in x.columns}
    return z, stats


def _stats(series: pd.Series, mask: pd.Series, ddof: int) -> dict[str, float | None]:
    base = series[mask]
    sd = base.std(ddof=ddof)
    flat = pd.isna(sd) or sd <= 1e-9 * max(float(base.abs().max() or 0), 1.0)
    return {"mean": _num(base.mean()), "sd": None if flat else _num(sd)}


def _num(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _combine(z: pd.DataFrame, comps: list[IndexComponent]) -> pd.Series:
    weights = pd.Series({c.key: c.weight * c.polarity for c in comps})
    total = sum(c.weight for c in comps)
    return z[weights.index].mul(weights, axis=1).sum(axis=1, min_count=len(comps)) / total


def _classify(values: pd.Series, thresholds: list[float], labels: list[str]) -> pd.Series:
    """Class label by thresholds; a value exactly on a threshold belongs to the lower class."""
    idx = np.searchsorted(np.asarray(thresholds, dtype=float), values.to_numpy(), side="left")
    out = pd.Series(np.asarray(labels, dtype=object)[np.minimum(idx, len(labels) - 1)],
                    index=values.index)
    return out.where(values.notna(), "")


def _quantile_classes(values: pd.Series, labels: list[str]) -> pd.Series:
    """Quantile classes: class k holds the values up to the k-th quantile. A district of rank r
    (ties: lowest rank) among n goes to class ceil(r·K/n); tied values share a class."""
    n = values.notna().sum()
    k = len(labels)
    rank = values.rank(method="min")
    idx = np.ceil(rank * k / max(n, 1)).clip(1, k).fillna(1).astype(int) - 1
    out = pd.Series(np.asarray(labels, dtype=object)[idx.to_numpy()], index=values.index)
    return out.where(values.notna(), "")


def _wide(values: pd.DataFrame, keys: list[str], periods: list[int]) -> pd.DataFrame:
    rows = values.loc[values["indicator"].isin(keys) & values["period"].isin(periods),
                      ["district_id", "indicator", "period", "value"]]
    rows = rows.drop_duplicates(["district_id", "indicator", "period"], keep="last")
    return rows.set_index(["district_id", "indicator", "period"])["value"].unstack(
        ["indicator", "period"])


def _column(wide: pd.DataFrame, key: str, period: int, index: pd.Index) -> pd.Series:
    if (key, period) in wide.columns:
        return wide[(key, period)].reindex(index).astype(float)
    return pd.Series(np.nan, index=index)


def _choose_level(values: pd.DataFrame, districts: pd.DataFrame, method: IndexMethod,
                  period: int) -> int | None:
    if method.level_id is not None:
        return int(method.level_id)
    keys = [c.indicator for c in method.status_components]
    have = values.loc[values["indicator"].isin(keys) & (values["period"] == period)
                      & values["value"].notna(), "district_id"]
    return levels.finest_level(districts, have if not have.empty else None)


def compute_index(values: pd.DataFrame, districts: pd.DataFrame, method: IndexMethod,
                  period: int) -> IndexResult:
    """Compute status and dynamics index for ``period`` over the districts of one level.

    ``values`` is the long frame of ``values_frame`` (derived indicators already added);
    ``districts`` is ``districts_frame()``. Raises ``MethodError`` on unusable definitions.
    """
    method.validate()
    span = int(method.span)
    level_id = _choose_level(values, districts, method, period)
    ds = districts if level_id is None else districts[districts["level_id"] == level_id]
    ids = levels._ids(ds)
    table = pd.DataFrame({"district_id": ids.to_numpy(), "code": ds["code"].to_numpy(),
                          "name": ds["name"].to_numpy()}, index=ids)
    wide = _wide(values, method.indicator_keys(), [period, period - span])

    status_comps, dyn_comps = method.status_components, method.dynamics_components
    xs = pd.DataFrame({c.key: _column(wide, c.indicator, period, ids) for c in status_comps})
    xd = pd.DataFrame({
        c.key: (_column(wide, c.indicator, period, ids)
                - (_column(wide, c.indicator, period - span, ids) if c.source == "change" else 0))
        for c in dyn_comps}, index=ids)

    # Who enters the index, and why not.
    reason = pd.Series("", index=ids, dtype=object)
    if len(status_comps):
        missing = _missing_list(xs)
        reason = reason.where(missing == "", REASON_MISSING + missing)
    if method.population:
        pop = _column(wide, method.population, period, ids)
        reason = reason.where(pop.notna(), REASON_NO_POPULATION)
        small = pop < float(method.min_population)
        reason = reason.where(~small, REASON_POPULATION.format(n=_fmt(method.min_population)))
        table["population"] = pop
    declared = pd.Series(ds["code"].astype(str).to_numpy(), index=ids).map(
        method.exclusions).astype(object)
    reason = reason.where(declared.isna(), REASON_DECLARED + ": " + declared.fillna(""))
    reason = reason.str.replace(r": $", "", regex=True)
    included = reason == ""

    # Status: z per component, weighted mean with polarity, standardised again.
    zs, stats_s = _zscores(xs, included, method.ddof)
    raw = _combine(zs, status_comps)
    raw_stats = _stats(raw, included, method.ddof)
    if method.restandardise and raw_stats["sd"]:
        status = (raw - raw_stats["mean"]) / raw_stats["sd"]
    else:
        status = raw
    status = status.where(included)
    for c in status_comps:
        table[f"z_{c.key}"] = zs[c.key]
    table["status_raw"] = raw.where(included)
    table["status_value"] = status
    labels = method.class_labels()
    if method.status_scheme == "quantile":
        table["status_class"] = _quantile_classes(status, labels)
    else:
        table["status_class"] = _classify(status, method.status_thresholds, labels)
    table["status_rank"] = table["status_class"].map({lab: i + 1 for i, lab in enumerate(labels)})

    # Dynamics: the same over the changes, among included districts with all changes known.
    stats_d: dict = {}
    dyn_stats: dict = {}
    if dyn_comps:
        dyn_missing = _missing_list(xd)
        has_dyn = included & (dyn_missing == "")
        zd, stats_d = _zscores(xd, has_dyn, method.ddof)
        draw = _combine(zd, dyn_comps)
        dyn_stats = _stats(draw, has_dyn, method.ddof)
        dyn = (draw - dyn_stats["mean"]) / dyn_stats["sd"] \
            if method.restandardise and dyn_stats["sd"] else draw
        dyn = dyn.where(has_dyn)
        for c in dyn_comps:
            table[f"z_{c.key}"] = zd[c.key]
        table["dynamics_value"] = dyn
        table["dynamics_class"] = _classify(dyn, method.dynamics_thresholds, method.dynamics_labels)
        lacking = included & ~has_dyn
        reason = reason.where(~lacking, REASON_NO_DYNAMICS + dyn_missing)
    else:
        table["dynamics_value"] = np.nan
        table["dynamics_class"] = ""
    table["dynamics_rank"] = table["dynamics_class"].map(
        {lab: i + 1 for i, lab in enumerate(method.dynamics_labels)})
    both = (table["status_class"] != "") & (table["dynamics_class"] != "")
    table["matrix_class"] = (table["status_class"] + "/" + table["dynamics_class"]).where(both, "")
    table["attention"] = table["matrix_class"].isin(method.attention) & both
    table["included"] = included
    table["reason"] = reason
    table = table.reset_index(drop=True)

    parameters = {
        "method": method.to_dict(), "period": int(period), "base_period": int(period - span),
        "level_id": level_id, "districts": int(len(table)), "included": int(included.sum()),
        "status_components": stats_s, "status_raw": raw_stats,
        "dynamics_components": stats_d, "dynamics_raw": dyn_stats,
    }
    return IndexResult(table=table, parameters=parameters, method=method, period=int(period))


def _missing_list(x: pd.DataFrame) -> pd.Series:
    """Per row the comma-separated names of the columns without a value ("" if complete)."""
    text = pd.Series("", index=x.index, dtype=object)
    for column in x.columns:  # a loop over components, vectorised over districts
        text = text + np.where(x[column].isna(), f"{column}, ", "")
    return text.str.rstrip(", ")


def _fmt(number: float) -> str:
    return f"{int(number):,}".replace(",", ".") if float(number).is_integer() else str(number)


def need_scores(result: IndexResult, dynamics_weight: float = 0.0,
                scale: str = "minmax") -> pd.Series:
    """Need score 0…100 per district id (higher = more need; excluded districts NaN).

    Basis: status value, plus ``dynamics_weight`` × dynamics value if asked. ``scale``:
    "minmax" (linear between the lowest and highest district) or "rank" (percent rank).
    """
    t = result.table
    basis = t["status_value"]
    if dynamics_weight:
        basis = basis + dynamics_weight * t["dynamics_value"].fillna(0)
    basis = basis.where(t["included"])
    if scale == "rank":
        n = basis.notna().sum()
        score = (basis.rank(method="average") - 1) / (n - 1) * 100 if n > 1 else basis * 0 + 50
    elif scale == "minmax":
        lo, hi = basis.min(), basis.max()
        score = (basis - lo) / (hi - lo) * 100 if hi > lo else basis * 0 + 50
    else:
        raise MethodError(f"Unbekannte Skala „{scale}“ (minmax, rank).")
    return pd.Series(score.to_numpy(), index=pd.Index(t["district_id"], name="district_id"),
                     name="need_score")
