"""Indicators and their values: counts drawn from each Quartier's profile, shares derived.

Counts are drawn with binomial noise from shares that follow the latent deprivation
and the stories (gentrifying harbour, estate, ageing suburb, industrial area), plus
city-wide trends (refugee arrivals 2015/16 and 2022, Corona 2020). Derived indicators
are stored exactly as numerator / denominator × scale of the stored counts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from k360desk.demo import content
from k360desk.demo.content import IndicatorSpec
from k360desk.demo.districts import Profile
from k360desk.demo.scales import Scale, SeededIds
from k360desk.projectfile import Indicator, Project, Topic

# City-wide factors by year: SGB II falls with the economy, rises with refugees.
_SGB2_TREND = {2010: 1.14, 2011: 1.10, 2012: 1.07, 2013: 1.07, 2014: 1.06, 2015: 1.06,
               2016: 1.10, 2017: 1.09, 2018: 1.03, 2019: 0.97, 2020: 1.00, 2021: 0.97,
               2022: 1.02, 2023: 1.05, 2024: 1.06}
_ALO_TREND = {2010: 1.20, 2011: 1.12, 2012: 1.08, 2013: 1.08, 2014: 1.05, 2015: 1.02,
              2016: 1.00, 2017: 0.95, 2018: 0.90, 2019: 0.86, 2020: 1.02, 2021: 0.97,
              2022: 0.93, 2023: 0.98, 2024: 1.03}
_MIGRATION_STEP = {2015: 0.008, 2016: 0.016, 2022: 0.026}


def indicator_specs(scale: Scale) -> list[IndicatorSpec]:
    """The catalogue for a scale: the core set, cut down or widened to the wanted size."""
    core = list(content.CORE_INDICATORS)
    if scale.indicators < len(core):
        keys = content.BLOCK_INDICATORS[:scale.indicators]
        return [s for s in core if s.key in keys]
    specs = core + _extra_specs(core)
    chosen: list[IndicatorSpec] = []
    keys: set[str] = set()
    for spec in specs:
        if len(chosen) >= scale.indicators:
            break
        if spec.numerator and spec.numerator not in keys:
            continue
        chosen.append(spec)
        keys.add(spec.key)
    return chosen


def _extra_specs(core: list[IndicatorSpec]) -> list[IndicatorSpec]:
    """Age bands and breakdowns by sex and nationality, as large statistics offices publish."""
    bev = "Bevölkerung und Demografie"
    extra = []
    for low, high in content.AGE_BANDS:
        key = f"einw_{low}_{high}" if high else f"einw_{low}plus"
        label = f"{low} bis unter {high} Jahre" if high else f"{low} Jahre und älter"
        extra.append(IndicatorSpec(key, f"Einwohner {label}", "Personen", content.EMR, bev))
        extra.append(IndicatorSpec(f"anteil_{key[5:]}", f"Anteil {label}", "%", content.EMR, bev,
                                   kind="share", numerator=key, denominator="einwohner",
                                   scale=100, decimals=1))
    counts = [s for s in core if s.kind == "count"]
    for suffix, label in (("w", "weiblich"), ("nd", "nichtdeutsch")):
        for spec in counts:
            key = f"{spec.key}_{suffix}"
            extra.append(IndicatorSpec(key, f"{spec.name}, {label}", spec.unit, spec.source,
                                       spec.topic, polarity=spec.polarity,
                                       disclosure=spec.disclosure))
            extra.append(IndicatorSpec(f"{key}_anteil", f"{spec.name}: Anteil {label}", "%",
                                       spec.source, spec.topic, kind="share", numerator=key,
                                       denominator=spec.key, scale=100, decimals=1))
    return extra


def add_indicators(project: Project, specs: list[IndicatorSpec], ids: SeededIds) -> dict[str, int]:
    """Write topics and indicators; return indicator ids by key."""
    topics = [Topic(name=name, description=text, sort=i, uuid=ids())
              for i, (name, text) in enumerate(content.TOPICS)]
    project.add_many(topics)
    topic_ids = {t.name: t.id for t in topics}
    plain = [s for s in specs if not s.numerator]
    derived = [s for s in specs if s.numerator]
    key_ids: dict[str, int] = {}
    for group in (plain, derived):
        records = [
            Indicator(key=s.key, name=s.name, unit=s.unit, description=s.description,
                      source=s.source, topic_id=topic_ids[s.topic], polarity=s.polarity,
                      kind=s.kind, numerator_id=key_ids.get(s.numerator or ""),
                      denominator_id=key_ids.get(s.denominator or ""), scale=s.scale,
                      decimals=s.decimals, disclosure=s.disclosure,
                      sort=specs.index(s), uuid=ids())
            for s in group
        ]
        project.add_many(records)
        key_ids.update({r.key: r.id for r in records})
    return key_ids


def generate(rng: np.random.Generator, profile: Profile, specs: list[IndicatorSpec],
             periods: list[int]) -> dict[str, np.ndarray]:
    """Values per indicator key as arrays of shape (Quartiere, periods); NaN = no value."""
    counts = _core_counts(rng, profile, periods)
    wanted = {s.key for s in specs}
    values: dict[str, np.ndarray] = {}
    for spec in specs:
        if spec.key in counts:
            values[spec.key] = counts[spec.key]
        elif spec.key in _BAND_KEYS:
            values[spec.key] = _age_band(rng, spec.key, counts)
        elif spec.kind == "count":
            base, suffix = spec.key.rsplit("_", 1)
            p = _share_of(base, suffix, counts)
            values[spec.key] = rng.binomial(values[base].astype(np.int64), p).astype(float)
    for spec in specs:
        if spec.numerator:
            num, den = values[spec.numerator], values[spec.denominator]
            with np.errstate(divide="ignore", invalid="ignore"):
                values[spec.key] = np.where(den > 0, num / den * spec.scale, np.nan)
    return {k: v for k, v in values.items() if k in wanted}


def _core_counts(rng: np.random.Generator, p: Profile, periods: list[int]) -> dict[str, np.ndarray]:
    n, t_count = len(p.ids), len(periods)
    t = np.arange(t_count)[None, :] - (2015 - periods[0])  # years since 2015
    d0 = p.deprivation[:, None]
    story = {k: np.array([x == k for x in p.role])[:, None] for k in
             ("gentrifying", "estate", "ageing", "industrial")}
    # Need drifts slowly; the harbour gentrifies from 2016 on.
    drift = rng.normal(0, 0.006, (n, 1)) * t
    d = np.clip(d0 + drift - story["gentrifying"] * 0.045 * np.clip(t - 1, 0, None), 0.02, 0.97)

    density = 1_400 + 7_000 * np.exp(-(p.r / 0.4) ** 2) + 2_500 * p.deprivation
    pop0 = p.area_km2 * density
    pop0 = np.where(story["estate"][:, 0], np.maximum(pop0, 9_000), pop0)
    pop0 = np.where(story["industrial"][:, 0], 260, pop0)
    growth = rng.normal(0.004, 0.004, (n, 1)) + story["gentrifying"] * 0.02 \
        - story["ageing"] * 0.006
    pop = np.round(pop0[:, None] * (1 + growth) ** t * rng.normal(1, 0.004, (n, t_count)))

    s_u18 = np.clip(0.155 + 0.07 * (d - 0.3) + rng.normal(0, 0.01, (n, 1))
                    - story["ageing"] * (0.01 + 0.004 * np.clip(t, 0, None))
                    + story["gentrifying"] * 0.01 * np.clip(t - 3, 0, None) * 0.3, 0.04, 0.3)
    s_65 = np.clip(0.21 - 0.10 * (d - 0.3) + 0.06 * (p.r[:, None] - 0.5)
                   + rng.normal(0, 0.015, (n, 1)) + 0.0015 * t
                   + story["ageing"] * (0.04 + 0.009 * np.clip(t, 0, None))
                   - story["gentrifying"] * 0.004 * np.clip(t, 0, None), 0.05, 0.45)
    u18 = rng.binomial(pop.astype(np.int64), s_u18)
    u15 = rng.binomial(u18, 0.83)
    u6 = rng.binomial(u15, 0.40)
    e65 = rng.binomial(pop.astype(np.int64), s_65)
    u65 = pop - e65
    e15_64 = u65 - u15
    foreign_share = np.clip(0.05 + 0.26 * d + rng.normal(0, 0.02, (n, 1))
                            + sum(step * (t >= year - 2015) for year, step in
                                  _MIGRATION_STEP.items()), 0.01, 0.6)
    foreign = rng.binomial(pop.astype(np.int64), foreign_share)
    migration = foreign + rng.binomial((pop - foreign).astype(np.int64),
                                       np.clip(0.9 * foreign_share + 0.04, 0, 0.9))
    households = rng.binomial(u18, 0.57)
    single = rng.binomial(households, np.clip(0.12 + 0.24 * d, 0, 0.6))

    sgb2_trend = np.array([_SGB2_TREND.get(y, 1.0) for y in periods])[None, :]
    alo_trend = np.array([_ALO_TREND.get(y, 1.0) for y in periods])[None, :]
    q = np.clip((0.012 + 0.25 * d ** 1.3) * sgb2_trend, 0.003, 0.45)
    sgb2 = rng.binomial(u65.astype(np.int64), q)
    sgb2_u15 = np.minimum(rng.binomial(u15, np.clip(q * 1.7, 0, 0.7)), sgb2)
    unemployed = rng.binomial(e15_64.astype(np.int64),
                              np.clip((0.012 + 0.085 * d) * alo_trend, 0.002, 0.3))
    grusi = rng.binomial(e65, np.clip(0.008 + 0.09 * d ** 1.2 + 0.0008 * t, 0.001, 0.3))
    hze = rng.binomial(u18, np.clip(0.007 + 0.04 * d ** 1.5, 0.001, 0.2))
    fourth = rng.binomial(u18, 0.056)
    gym = rng.binomial(fourth, np.clip(0.74 - 0.55 * d, 0.1, 0.85))
    age = (43.5 + 70 * (e65 / np.maximum(pop, 1) - 0.21) - 45 * (u18 / np.maximum(pop, 1) - 0.155)
           + rng.normal(0, 0.3, (n, t_count)))
    age = np.where(pop > 0, np.round(age, 1), np.nan)
    arrays = {
        "einwohner": pop, "einw_u6": u6, "einw_u15": u15, "einw_u18": u18, "einw_15_64": e15_64,
        "einw_u65": u65, "einw_65plus": e65, "auslaender": foreign, "migration": migration,
        "hh_kinder": households, "alleinerziehende": single, "sgb2": sgb2, "sgb2_u15": sgb2_u15,
        "arbeitslose": unemployed, "grusi": grusi, "hze": hze, "viertklaessler": fourth,
        "uebergang_gym": gym, "durchschnittsalter": age,
    }
    return {k: np.asarray(v, dtype=float) for k, v in arrays.items()}


_BAND_WEIGHTS = np.array([2.9, 2.9, 3.7, 4.6, 2.8, 3.0, 4.5, 6.0, 6.5, 6.3, 6.0, 6.2, 7.5, 8.0,
                          7.0, 6.0, 5.0, 4.5, 4.0, 3.0])


_BAND_KEYS = [f"einw_{lo}_{hi}" if hi else f"einw_{lo}plus" for lo, hi in content.AGE_BANDS]


def _age_band(rng: np.random.Generator, key: str, counts: dict[str, np.ndarray]) -> np.ndarray:
    index = _BAND_KEYS.index(key)
    young = counts["einw_u18"] / np.maximum(counts["einwohner"], 1) / 0.155
    old = counts["einw_65plus"] / np.maximum(counts["einwohner"], 1) / 0.21
    weights = _BAND_WEIGHTS[:, None, None] * np.ones((1, *young.shape))
    weights[:5] *= young
    weights[15:] *= old
    share = weights[index] / weights.sum(axis=0)
    return rng.binomial(counts["einwohner"].astype(np.int64), np.clip(share, 0, 1)).astype(float)


def _share_of(base: str, suffix: str, counts: dict[str, np.ndarray]) -> np.ndarray | float:
    if suffix == "w":
        return {"alleinerziehende": 0.88, "einw_65plus": 0.56, "grusi": 0.6}.get(base, 0.51)
    foreign = counts["auslaender"] / np.maximum(counts["einwohner"], 1)
    factor = {"sgb2": 2.2, "sgb2_u15": 2.0, "arbeitslose": 1.9, "auslaender": 0.0,
              "migration": 0.0}.get(base, 1.0)
    if base in ("auslaender",):
        return 1.0
    if base == "migration":
        return np.clip(foreign * 1.8, 0, 1)
    return np.clip(foreign * factor, 0, 1)


def value_frame(values: dict[str, np.ndarray], key_ids: dict[str, int], profile: Profile,
                periods: list[int], specs: list[IndicatorSpec]) -> pd.DataFrame:
    """Long rows for ``Project.set_values``: status provisional for the BA's newest year."""
    n, t_count = len(profile.ids), len(periods)
    by_key = {s.key: s for s in specs}
    frames = []
    for key, array in values.items():
        spec = by_key[key]
        flat = array.reshape(-1)
        status = np.where(np.isnan(flat), "missing", "final").astype(object)
        note = np.where(np.isnan(flat), "Nenner ist 0", "").astype(object)
        if spec.source in content.PROVISIONAL_SOURCES and t_count > 1:
            last = (np.arange(flat.size) % t_count == t_count - 1) & ~np.isnan(flat)
            status[last] = "provisional"
            note[last] = "vorläufige Daten der Bundesagentur für Arbeit"
        frames.append(pd.DataFrame({
            "indicator_id": key_ids[key],
            "district_id": np.repeat(profile.ids, t_count),
            "period": np.tile(periods, n),
            "value": flat, "status": status, "note": note,
        }))
    frame = pd.concat(frames, ignore_index=True)
    # Rows in key order fill the table's B-tree front to back (fewer page splits).
    order = np.lexsort((frame["period"], frame["district_id"], frame["indicator_id"]))
    return frame.iloc[order].reset_index(drop=True)
