"""Everything district profiles show, read from the project once for many districts.

A book of 550 profiles must not query the project 550 times: ``ProfileData.load`` reads the
template's indicators for the trend periods of all districts, applies disclosure control,
computes city references and classes the same way as ``figures.indicator_table`` and the
maps, and groups facilities, funded projects and statements by district. ``profile(id)``
then only picks rows.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from k360desk.analysis.derived import add_derived
from k360desk.analysis.disclosure import apply_disclosure
from k360desk.analysis.levels import finest_level
from k360desk.analysis.reference import aggregate_to_level, reference_values
from k360desk.analysis.rollup import parts_below, roll_up, subtree_pairs
from k360desk.figures.indicators import input_keys
from k360desk.messages import tr, tr_value

if TYPE_CHECKING:
    from k360desk.analysis.mapspec import MapBase
    from k360desk.projectfile import Project

MAX_FACILITIES = 28
MAX_STATEMENTS = 8


@dataclass
class KeyFigure:
    """One row of the key-figures table."""

    key: str
    name: str
    topic: str
    unit: str
    decimals: int
    kind: str
    polarity: int
    value: float
    suppressed: bool
    status: str
    reference: float
    deviation: float
    trend: float  # change over the trend periods (NaN if unknown)
    trend_from: int | None
    klass: int | None  # quintile class among the districts of the level (1 = lowest)
    series: list[tuple[int, float]]
    reference_series: list[tuple[int, float]]
    source: str
    reference_complete: bool = True  # False: not every district had a value that year


@dataclass
class DistrictProfile:
    """What one profile shows."""

    district_id: int
    code: str
    name: str
    level: str
    level_id: int
    parent: str
    period: int
    figures: list[KeyFigure]
    charts: list[KeyFigure]
    index_text: str
    facilities: pd.DataFrame
    facilities_total: int
    projects: pd.DataFrame
    voice: dict | None
    notes: list[str] = field(default_factory=list)
    places: float = 0.0
    parts: int = 0  # districts below this one whose facilities and projects are counted here
    unavailable: bool = False  # a coarse district without districts below: nothing to count
    all_facilities: pd.DataFrame | None = None


@dataclass
class ProfileData:
    """Bulk data for the profiles of many districts (see module docstring)."""

    municipality: str
    threshold: int
    template: dict[str, Any]
    districts: pd.DataFrame
    indicators: pd.DataFrame
    period: int | None
    periods: list[int]
    values: Mapping[int, pd.DataFrame]
    references: pd.DataFrame
    classes: dict[tuple[str, int], pd.Series]
    index_classes: pd.DataFrame
    index_period: int | None
    facilities: Mapping[int, pd.DataFrame]
    projects: Mapping[int, pd.DataFrame]
    statements: dict[int, dict]
    bases: dict[int, MapBase] = field(default_factory=dict)
    outlines: dict[int, MapBase | None] = field(default_factory=dict)
    parts: dict[int, int] = field(default_factory=dict)  # districts below each loaded one
    finest: int | None = None  # the level facilities and projects are recorded on
    commentaries: dict[int, str] = field(default_factory=dict)  # Blickpunkt of the period

    @classmethod
    def load(
        cls,
        project: Project,
        district_ids: list[int] | None = None,
        template: dict[str, Any] | None = None,
        period: int | None = None,
        voices: bool = True,
    ) -> ProfileData:
        """Read and prepare the data of the given districts (None = all); ``voices=False``
        leaves out the providers' voice (a book reads it chunk by chunk, ``voice_reader``)."""
        from k360desk.models import profiles

        template = template or profiles.load_template(project)
        # What every profile of one period shares (all districts' values, disclosure,
        # references, classes) is kept per open project until the file changes: a second
        # profile then only picks its rows and draws.
        stamp = project.change_stamp()
        entry = _SHARED.get(project)
        if entry is None or entry[0] != stamp:
            entry = (stamp, project.indicators_frame(), project.districts_frame(), {})
            _SHARED[project] = entry
        _, indicators, districts, known = entry
        wanted = list(districts.index) if district_ids is None else [int(i) for i in district_ids]
        levels = tuple(sorted(set(
            districts.loc[districts.index.isin(wanted), "level_id"].dropna().astype(int))))
        key = (json.dumps(template, sort_keys=True, default=str), period, levels)
        if key not in known:
            if len(known) >= _SHARED_PER_PROJECT:
                known.clear()
            known[key] = _city_figures(project, template, indicators, districts, period, levels)
        keys, charts, period, periods, shown, references, classes = known[key]
        in_wanted = shown[shown["district_id"].isin(wanted)]
        by_district = _Groups(in_wanted, in_wanted["district_id"].to_numpy())
        index_classes, index_period = _index_classes(project)
        # Facilities and projects sit on the finest districts: a higher level counts its subtree.
        pairs = subtree_pairs(districts, wanted)
        below = [int(i) for i in pairs["district_id"].unique()]
        facilities = roll_up(profiles.facilities(project, None if district_ids is None else below), pairs)
        fac = _by_target(facilities)
        funded = roll_up(profiles.funded_projects(project), pairs)
        # A project serving three Quartiere of one Stadtbezirk is still one project there.
        funded = funded.drop_duplicates(["target_id", "application_id"])
        proj = _by_target(funded)
        # The providers' voice follows figures_voice's rules (at least 3 answers per closed
        # question, anonymised quotes if the project says so); asked only where there is any.
        stmt = voice_reader(project).voices(wanted) if voices else {}
        return cls(
            municipality=project.get_meta("municipality") or "",
            threshold=project.disclosure_threshold,
            template={**template, "indicators": keys, "charts": charts},
            districts=districts,
            indicators=indicators,
            period=period,
            periods=periods,
            values=by_district,
            references=references,
            classes=classes,
            index_classes=index_classes,
            index_period=index_period,
            facilities=fac,
            projects=proj,
            statements=stmt,
            parts=parts_below(pairs).to_dict(),
            finest=finest_level(districts),
            commentaries=_commentaries(project, period),
        )

    def load_bases(self, project: Project, levels: list[int] | None = None) -> None:
        """Geometry bases for the locator maps: the wanted levels (default: those of the loaded
        districts) plus, as outline, the next coarser level with geometries."""
        import shapely

        from k360desk.analysis.mapspec import MapBase

        ranks = self.districts.groupby("level_id")["level_rank"].first()
        wanted = sorted(
            set(levels)
            if levels is not None
            else set(self.values)
            and set(self.districts.loc[list(self.values), "level_id"].dropna().astype(int))
        )
        if not wanted:
            wanted = sorted(set(self.districts["level_id"].dropna().astype(int)))
        coarser_of = {}
        for level in wanted:
            coarser = [lv for lv in ranks.index if ranks[lv] < ranks.get(level, 0)]
            coarser_of[level] = max(coarser, key=lambda lv: ranks[lv]) if coarser else None
        for level in set(wanted) | {c for c in coarser_of.values() if c is not None}:
            frame = self.districts[(self.districts["level_id"] == level) & ~self.districts.geometry.isna()]
            frame = frame[~frame.geometry.is_empty]
            if frame.empty:
                continue
            geoms = np.asarray(frame.geometry.values, dtype=object)
            # Locator maps need no label anchors; skipping them saves a pass over every polygon.
            self.bases[int(level)] = MapBase(
                geometries=frame.geometry,
                ids=np.asarray(frame.index, dtype=np.int64),
                codes=[str(c) for c in frame["code"]],
                names=[str(n) for n in frame["name"]],
                anchors=np.zeros((len(frame), 2)),
                widths=np.ptp(shapely.bounds(geoms)[:, [0, 2]], axis=1),
                areas=shapely.area(geoms),
                extent=tuple(float(b) for b in shapely.total_bounds(geoms)),
                crs=None,
            )
        for level in wanted:
            parent = coarser_of.get(level)
            self.outlines[level] = self.bases.get(parent) if parent is not None else None

    def profile(self, district_id: int) -> DistrictProfile:
        """The profile of one district from the bulk data."""
        d = self.districts.loc[int(district_id)]
        level_id = int(d["level_id"]) if pd.notna(d["level_id"]) else -1
        values = self.values.get(int(district_id))
        if values is None:
            values = pd.DataFrame(
                {
                    "indicator": pd.Series(dtype=object),
                    "period": pd.Series(dtype=int),
                    "value": pd.Series(dtype=float),
                    "suppressed": pd.Series(dtype=bool),
                    "status": pd.Series(dtype=object),
                }
            )
        info, ref_arrays, ref_at = self._lookups()
        # One sort per district, then array slices per indicator: filtering the small
        # frames per indicator was a third of a profile's time.
        ordered = values.sort_values(["indicator", "period"], kind="stable")
        own_keys = ordered["indicator"].to_numpy()
        own_at = _slices(own_keys)
        own_period = ordered["period"].to_numpy()
        own_value = ordered["value"].to_numpy(dtype=float)
        own_supp = ordered["suppressed"].to_numpy()
        own_status = ordered["status"].to_numpy()
        empty = slice(0, 0)
        figures: dict[str, KeyFigure] = {}
        for key in dict.fromkeys(self.template["indicators"] + self.template["charts"]):
            row = info[key]
            mine = own_at.get(key, empty)
            periods, vals = own_period[mine], own_value[mine]
            hit = np.flatnonzero(periods == self.period)
            if len(hit):
                at = mine.start + hit[0]
                value, suppressed = float(own_value[at]), bool(own_supp[at])
                status = str(own_status[at])
            else:
                value, suppressed, status = float("nan"), False, "missing"
            theirs = ref_at.get(key, empty)
            ref_period, ref_value, ref_complete = (a[theirs] for a in ref_arrays)
            now = np.flatnonzero(ref_period == self.period)
            reference = float(ref_value[now[0]]) if len(now) else float("nan")
            complete = bool(ref_complete[now[0]]) if len(now) else True
            series = [(int(p), float(v)) for p, v in zip(periods, vals, strict=True)]
            usable = [(p, v) for p, v in series if np.isfinite(v)]
            trend, trend_from = float("nan"), None
            if len(usable) >= 2 and np.isfinite(value) and usable[-1][0] == self.period:
                trend_from = usable[0][0]
                if row["kind"] == "count":
                    trend = (value / usable[0][1] - 1) * 100 if usable[0][1] else float("nan")
                else:
                    trend = value - usable[0][1]
            klass = self.classes.get((key, level_id))
            k = int(klass.get(int(district_id), 0)) if klass is not None else 0
            figures[key] = KeyFigure(
                key=key,
                name=str(row["name"]),
                topic=str(row.get("topic") or tr("Weitere Indikatoren")),
                unit=str(row["unit"] or ""),
                decimals=int(row["decimals"]),
                kind=str(row["kind"]),
                polarity=int(row["polarity"]),
                value=value,
                suppressed=suppressed,
                status=status,
                reference=reference,
                deviation=value - reference if row["kind"] != "count" else float("nan"),
                trend=trend,
                trend_from=trend_from,
                klass=k if k > 0 else None,
                series=series,
                reference_series=[
                    (int(p), float(v)) for p, v in zip(ref_period, ref_value, strict=True)
                ],
                source=str(row["source"] or ""),
                reference_complete=complete,
            )
        facilities = self.facilities.get(int(district_id), pd.DataFrame(columns=["type", "name"]))
        parent = ""
        if pd.notna(d.get("parent_id")) and int(d["parent_id"]) in self.districts.index:
            p = self.districts.loc[int(d["parent_id"])]
            parent = f"{p['level'] or ''} {p['name']} ({p['code']})".strip()
        return DistrictProfile(
            district_id=int(district_id),
            code=str(d["code"]),
            name=str(d["name"]),
            level=str(d.get("level") or ""),
            level_id=level_id,
            parent=parent,
            period=self.period or 0,
            figures=[figures[k] for k in self.template["indicators"]],
            charts=[figures[k] for k in self.template["charts"]],
            index_text=self._index_text(int(district_id)),
            facilities=facilities.sort_values(["type", "name"]).head(MAX_FACILITIES),
            facilities_total=len(facilities),
            projects=self.projects.get(int(district_id), pd.DataFrame()),
            voice=self.statements.get(int(district_id)),
            places=float(pd.to_numeric(facilities.get("capacity"), errors="coerce").sum())
            if len(facilities) else 0.0,
            parts=int(self.parts.get(int(district_id), 0)),
            unavailable=(level_id != self.finest and not self.parts.get(int(district_id))),
            all_facilities=facilities,
        )

    def _lookups(self):
        """Indicator rows by key and the reference values as sorted arrays, built once."""
        cached = getattr(self, "_lookup_cache", None)
        if cached is not None and cached[0] is self.references and cached[1] is self.indicators:
            return cached[2]
        info = self.indicators.set_index("key").to_dict("index")
        refs = self.references.sort_values(["indicator", "period"], kind="stable")
        complete = refs["complete"].to_numpy(dtype=bool) if "complete" in refs.columns else None
        arrays = (refs["period"].to_numpy(), refs["value"].to_numpy(dtype=float), complete)
        if complete is None:
            arrays = (arrays[0], arrays[1], np.ones(len(refs), dtype=bool))
        result = (info, arrays, _slices(refs["indicator"].to_numpy()))
        self._lookup_cache = (self.references, self.indicators, result)
        return result

    def _index_text(self, district_id: int) -> str:
        table = self.index_classes
        if table.empty or district_id not in table.index:
            return ""
        row = table.loc[district_id]
        if not bool(row["included"]):
            reason = str(row.get("reason") or "").strip()
            return tr("Sozialindex {period}: nicht im Index", period=self.index_period) + (
                f" ({reason})" if reason else "")
        return tr("Sozialindex {period}: Status {status}, Dynamik {dynamics}", period=self.index_period,
                  status=tr_value(row["status_class"]), dynamics=tr_value(row["dynamics_class"]))


def voice_reader(project: Project):
    """What the providers said, district by district (``figures.questionnaire.VoiceReader``)."""
    from k360desk.figures.questionnaire import VoiceReader

    return VoiceReader(project)


class _Groups(Mapping):
    """District id → its rows, as slices of one frame sorted by district (the rows of each
    in their original order, as ``groupby`` gives them). One frame instead of hundreds is
    what makes handing the book's data to its workers cheap."""

    def __init__(self, frame: pd.DataFrame, keys: np.ndarray) -> None:
        keys = np.asarray(keys, dtype=float)
        known = np.flatnonzero(~np.isnan(keys))
        order = known[np.argsort(keys[known], kind="stable")]
        self._frame = frame.iloc[order]
        self._at = {int(k): at for k, at in _slices(keys[order]).items()}

    def __getitem__(self, district_id: int) -> pd.DataFrame:
        return self._frame.iloc[self._at[int(district_id)]]

    def __iter__(self):
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)


def _by_target(frame: pd.DataFrame) -> Mapping[int, pd.DataFrame]:
    """Rows grouped by their ``target_id`` (which is left out)."""
    return _Groups(frame.drop(columns="target_id"), frame["target_id"].to_numpy())


def _slices(keys: np.ndarray) -> dict:
    """Key → slice of its run in an array sorted by key."""
    if not len(keys):
        return {}
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = np.r_[starts[1:], len(keys)]
    return {keys[a]: slice(int(a), int(b)) for a, b in zip(starts, ends, strict=True)}


def quintiles(values: np.ndarray) -> np.ndarray:
    """Quintile class 1–5 per value (0 = missing), with the same upper bounds as the maps'
    "quantiles" scheme (mapclassify.Quantiles: value ≤ 20 %, 40 % … quantile). Computed here
    because importing mapclassify costs seconds and a single profile must take under one."""
    finite = np.isfinite(values)
    bins = np.quantile(values[finite], [0.2, 0.4, 0.6, 0.8, 1.0])
    out = np.zeros(len(values), dtype=int)
    out[finite] = np.searchsorted(bins, values[finite], side="left") + 1
    return np.minimum(out, 5)


def _index_classes(project: Project) -> tuple[pd.DataFrame, int | None]:
    runs = project.link_frame("index_runs")
    if runs.empty:
        return pd.DataFrame(), None
    run = runs.sort_values(["period", "computed_at", "id"]).iloc[-1]
    results = project.link_frame("index_results", run_id=int(run["id"]))
    return results.set_index("district_id"), int(run["period"])


def _commentaries(project: Project, period: int | None) -> dict[int, str]:
    from k360desk.models.commentaries import commentaries_frame

    if period is None:
        return {}
    frame = commentaries_frame(project, period)
    return dict(zip(frame["district_id"].astype(int), frame["body"], strict=True))


_SHARED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_SHARED_PER_PROJECT = 4  # templates × periods × level sets kept at once


def _city_figures(project: Project, template: dict[str, Any], indicators: pd.DataFrame,
                  districts: pd.DataFrame, period: int | None, levels: tuple[int, ...]) -> tuple:
    """Keys, charts, period, periods, shown values, references and classes of all districts
    of ``levels``: the same for every profile of one template and period."""
    from k360desk.models import profiles

    keys = [k for k in template["indicators"] if k in set(indicators["key"])]
    charts = [k for k in template["charts"] if k in set(indicators["key"])]
    all_periods = profiles.value_periods(project, list(dict.fromkeys(keys + charts)))
    if period is None:
        period = all_periods[-1] if all_periods else None
    span = int(template.get("periods", 5))
    periods = [p for p in all_periods if period is not None and p <= period][-span:]
    load_keys = input_keys(indicators, list(dict.fromkeys(keys + charts)))
    raw = profiles.values(project, load_keys, periods)
    raw = add_derived(raw, indicators)
    shown_parts = []
    for level in levels:
        level_ids = districts.index[districts["level_id"] == level]
        rows = raw[raw["district_id"].isin(level_ids)]
        have = set(rows.loc[rows["value"].notna() | (rows["status"] == "suppressed"), "indicator"])
        missing = [k for k in set(keys + charts) if k not in have]
        if missing and len(raw):
            agg = aggregate_to_level(raw, indicators, districts, level)
            rows = pd.concat(
                [rows, agg[agg["indicator"].isin(missing)].drop(columns="districts")], ignore_index=True
            )
        shown_parts.append(apply_disclosure(rows, indicators, project.disclosure_threshold, districts))
    shown = pd.concat(shown_parts, ignore_index=True) if shown_parts else raw.assign(suppressed=False)
    references = (
        reference_values(raw, indicators, districts)
        if len(raw)
        else pd.DataFrame(columns=["indicator", "period", "value"])
    )
    classes: dict[tuple[str, int], pd.Series] = {}
    if period is not None:
        current = shown[shown["period"] == period]
        for level in levels:
            level_ids = set(districts.index[districts["level_id"] == level])
            part = current[current["district_id"].isin(level_ids)]
            for key, group in part.groupby("indicator"):
                if key not in keys:
                    continue
                vals = group["value"].to_numpy(dtype=float)
                if np.isfinite(vals).sum() >= 5:
                    classes[(key, level)] = pd.Series(
                        quintiles(vals), index=group["district_id"].to_numpy()
                    )
    return keys, charts, period, periods, shown, references, classes
