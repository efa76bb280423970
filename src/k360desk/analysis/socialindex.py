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

import pandas as pd

from k360desk.messages import N_

FORMAT = "k360desk-sozialindex"
FORMAT_VERSION = 2

# Named choices of a definition (stored identifiers, never localised).
SD_KINDS = ("population", "sample")
POPULATION_DATES = ("period", "period_and_base")

BERLIN_STATUS_THRESHOLDS = [-1.0, 1.0, 1.5]
# Stored German in the file; shown through messages.tr (the names are in its catalogue).
BERLIN_STATUS_LABELS = [N_("hoch"), N_("mittel"), N_("niedrig"), N_("sehr niedrig")]
BERLIN_DYNAMICS_THRESHOLDS = [-1.0, 1.0]
BERLIN_DYNAMICS_LABELS = [N_("positiv"), N_("stabil"), N_("negativ")]
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
    # A method that names a minimum population cannot be applied faithfully without one.
    population_required: bool = False
    min_population: float = 300.0
    # "period": the minimum applies on the reference date only (Berlin MSS);
    # "period_and_base": also at the start of the dynamics span.
    min_population_at: str = "period"
    span: int = 2
    level_id: int | None = None
    restandardise: bool = True
    # "population": SD over all included districts (divide by n, MSS); "sample": by n − 1.
    standard_deviation: str = "sample"
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

    @property
    def ddof(self) -> int:
        """Delta degrees of freedom of the standard deviation (0 population, 1 sample)."""
        return 0 if self.standard_deviation == "population" else 1

    @property
    def computes_changes(self) -> bool:
        """Whether a dynamics component is computed as a change over ``span`` years."""
        return any(c.source == "change" for c in self.dynamics_components)

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
        if int(self.span) < 0:
            raise MethodError("Der Zeitraum der Dynamik darf nicht negativ sein.")
        if int(self.span) == 0 and self.computes_changes:
            raise MethodError("Mit einem Zeitraum von 0 Jahren lässt sich keine Veränderung "
                              "berechnen; Dynamik aus gelieferten Veränderungsindikatoren "
                              "(Quelle „indicator“) oder einen Zeitraum ab 1 Jahr angeben.")
        if self.standard_deviation not in SD_KINDS:
            raise MethodError(f"Unbekannte Standardabweichung „{self.standard_deviation}“ "
                              "(population, sample).")
        if self.min_population_at not in POPULATION_DATES:
            raise MethodError(f"Unbekannter Stichtag der Mindesteinwohnerzahl "
                              f"„{self.min_population_at}“ (period, period_and_base).")
        if self.population_required and not self.population:
            raise MethodError(f"Das Verfahren „{self.name}“ braucht die Einwohnerzahl "
                              "(Mindesteinwohnerzahl); bitte den Indikator der Einwohnerzahl "
                              "angeben.")
        seen = set()
        for c in self.components:
            if c.key in seen:
                raise MethodError(f"Indikator „{c.indicator}“ ist doppelt; ein gelieferter "
                                  "Veränderungsindikator kann nicht zugleich Statusindikator sein."
                                  if c.role == "dynamics" else
                                  f"Indikator „{c.indicator}“ ist doppelt.")
            seen.add(c.key)

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
        data = _upgrade(data)
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


def _upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 spelled two choices as ``ddof`` and ``min_population_over_span``."""
    data = dict(data)
    if "ddof" in data:
        data["standard_deviation"] = "population" if int(data.pop("ddof")) == 0 else "sample"
    if "min_population_over_span" in data:
        data["min_population_at"] = ("period_and_base" if data.pop("min_population_over_span")
                                     else "period")
    return data


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
        population=population_key, population_required=True, min_population=300,
        min_population_at="period", span=2, restandardise=True,
        standard_deviation="population",
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

def compute_index(values: pd.DataFrame, districts: pd.DataFrame, method: IndexMethod,
                  period: int) -> IndexResult:
    """Compute status and dynamics index for ``period`` over the districts of one level.

    ``values`` is the long frame of ``values_frame`` (derived indicators already added);
    ``districts`` is ``districts_frame()``. ``IndexResult.table`` has one row per district:
    district_id, code, name, population, z_<key> per component (z_d_<key> for a computed
    change), status_value, status_class, status_rank, dynamics_value, dynamics_class,
    dynamics_rank, matrix_class, attention, included, reason. Raises ``MethodError``.
    """
    from k360desk.analysis import indexcalc

    table, parameters = indexcalc.run(values, districts, method, [int(period)])
    return IndexResult(table=table.drop(columns="period"), parameters=parameters[0],
                       method=method, period=int(period))


def compute_index_series(values: pd.DataFrame, districts: pd.DataFrame, method: IndexMethod,
                         periods: list[int] | None = None) -> pd.DataFrame:
    """The index for several periods at once (default: every period with status values):
    the columns of ``IndexResult.table`` plus ``period``, one row per period and district."""
    from k360desk.analysis import indexcalc

    if periods is None:
        keys = [c.indicator for c in method.status_components]
        periods = sorted(values.loc[values["indicator"].isin(keys) & values["value"].notna(),
                                    "period"].unique().tolist())
    if not periods:
        raise MethodError("Für die Statusindikatoren liegen keine Werte vor.")
    return indexcalc.run(values, districts, method, [int(p) for p in periods])[0]


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
