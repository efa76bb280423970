"""Scores of a funding round: criterion means, the derived need criterion, totals 0–100,
rater disagreement and missing scores. Pure functions over pandas frames.

Input frames (column names as in the project file):
- ``applications``: id, title, …
- ``criteria``: id, name, weight, scale_min, scale_max, derived (None or "need"), sort
- ``scores``: application_id, criterion_id, rater, score (NaN = not yet scored)
- ``app_districts``: application_id, district_id, share
- ``need``: Series district_id → need score 0..100 (more need = higher)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

NEED = "need"

_TABLE_COLUMNS = [
    "application_id",
    "criterion_id",
    "criterion",
    "weight",
    "scale_min",
    "scale_max",
    "source",
    "raters",
    "mean",
    "std",
    "spread",
    "normalised",
    "contribution",
]


def application_need(app_districts: pd.DataFrame, need: pd.Series | None) -> pd.DataFrame:
    """Need of each application: the need of its districts weighted by their shares.

    Districts without a need value are left out and the remaining shares re-weighted; the
    note says which were missing. Returns index application_id with columns need (0..100 or
    NaN), covered (share of the application with a need value) and note (German).
    """
    rows = []
    if need is None:
        need = pd.Series(dtype=float)
    need = pd.to_numeric(need, errors="coerce")
    for app_id, group in app_districts.groupby("application_id", sort=True):
        shares = group.set_index("district_id")["share"].astype(float)
        values = need.reindex(shares.index)
        known = values.notna()
        covered = float(shares[known].sum())
        if covered > 0:
            value = float((shares[known] * values[known]).sum() / covered)
        else:
            value = np.nan
        missing = [int(d) for d in shares.index[~known]]
        note = ""
        if missing:
            note = f"kein Bedarfswert für {len(missing)} von {len(shares)} Sozialräumen"
        rows.append(
            {
                "application_id": int(app_id),
                "need": value,
                "covered": covered,
                "missing_districts": missing,
                "note": note,
            }
        )
    frame = pd.DataFrame(
        rows, columns=["application_id", "need", "covered", "missing_districts", "note"]
    )
    return frame.set_index("application_id")


def need_detail(app_districts: pd.DataFrame, need: pd.Series | None) -> pd.DataFrame:
    """Per application and district: share, need value and its weighted part (for the trace)."""
    detail = app_districts[["application_id", "district_id", "share"]].copy()
    values = pd.to_numeric(need, errors="coerce") if need is not None else pd.Series(dtype=float)
    detail["need"] = detail["district_id"].map(values).astype(float)
    detail["weighted"] = detail["share"].astype(float) * detail["need"]
    return detail.sort_values(["application_id", "district_id"]).reset_index(drop=True)


def criterion_table(
    applications: pd.DataFrame,
    criteria: pd.DataFrame,
    scores: pd.DataFrame,
    app_need: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Long table application × criterion with mean over raters, normalised value and points.

    A rated criterion is the mean of the raters' scores, scaled from scale_min..scale_max to
    0..1; the derived need criterion is the application's need / 100. ``contribution`` is
    the criterion's share of the 0–100 total: 100 · weight · normalised / Σ weights of the
    criteria that have a value for this application.
    """
    valid = scores.dropna(subset=["score"]) if len(scores) else scores
    stats = (
        valid.groupby(["application_id", "criterion_id"])["score"].agg(
            raters="count",
            mean="mean",
            std=lambda s: float(np.std(s, ddof=0)),
            spread=lambda s: float(s.max() - s.min()),
        )
        if len(valid)
        else pd.DataFrame(columns=["raters", "mean", "std", "spread"])
    )
    rows = []
    for app_id in applications["id"]:
        for crit in criteria.itertuples(index=False):
            low, high = float(crit.scale_min), float(crit.scale_max)
            row = {
                "application_id": int(app_id),
                "criterion_id": int(crit.id),
                "criterion": crit.name,
                "weight": float(crit.weight),
                "scale_min": low,
                "scale_max": high,
            }
            if crit.derived == NEED:
                value = np.nan
                if app_need is not None and app_id in app_need.index:
                    value = float(app_need.at[app_id, "need"])
                row.update(
                    source="Bedarf",
                    raters=0,
                    mean=value,
                    std=np.nan,
                    spread=np.nan,
                    normalised=value / 100.0 if not np.isnan(value) else np.nan,
                )
            else:
                key = (app_id, crit.id)
                if key in stats.index:
                    s = stats.loc[key]
                    mean = float(s["mean"])
                    row.update(
                        source="Bewertung",
                        raters=int(s["raters"]),
                        mean=mean,
                        std=float(s["std"]),
                        spread=float(s["spread"]),
                        normalised=min(1.0, max(0.0, (mean - low) / (high - low))),
                    )
                else:
                    row.update(
                        source="Bewertung",
                        raters=0,
                        mean=np.nan,
                        std=np.nan,
                        spread=np.nan,
                        normalised=np.nan,
                    )
            rows.append(row)
    table = pd.DataFrame(rows, columns=_TABLE_COLUMNS[:-1])
    if table.empty:
        table["contribution"] = pd.Series(dtype=float)
        return table
    has_value = table["normalised"].notna()
    weight_sum = (
        table["weight"].where(has_value, 0.0).groupby(table["application_id"]).transform("sum")
    )
    table["contribution"] = np.where(
        has_value & (weight_sum > 0),
        100.0 * table["weight"] * table["normalised"] / weight_sum.where(weight_sum > 0, 1.0),
        np.nan,
    )
    return table


def total_scores(table: pd.DataFrame) -> pd.DataFrame:
    """Weighted total 0–100 per application from a :func:`criterion_table`.

    ``complete`` is False when a criterion with weight > 0 has no value; the total is then
    computed over the criteria that have one, and ``missing`` names the others.
    """
    rows = []
    for app_id, group in table.groupby("application_id", sort=True):
        weighted = group[group["weight"] > 0]
        lacking = weighted[weighted["normalised"].isna()]
        has_any = weighted["normalised"].notna().any()
        total = float(weighted["contribution"].sum()) if has_any else np.nan
        rows.append(
            {
                "application_id": int(app_id),
                "total": total,
                "complete": lacking.empty,
                "missing": ", ".join(lacking["criterion"].astype(str)),
            }
        )
    frame = pd.DataFrame(rows, columns=["application_id", "total", "complete", "missing"])
    return frame.set_index("application_id")


def disagreement(
    scores: pd.DataFrame, criteria: pd.DataFrame, threshold: float = 0.4
) -> pd.DataFrame:
    """Rater disagreement per application and criterion (two or more raters).

    ``relative`` is the spread (highest − lowest score) as a share of the criterion's scale;
    ``flag`` marks spreads of at least ``threshold`` (default 40 % of the scale).
    """
    columns = [
        "application_id",
        "criterion_id",
        "raters",
        "mean",
        "std",
        "spread",
        "relative",
        "flag",
        "lowest_rater",
        "highest_rater",
    ]
    valid = scores.dropna(subset=["score"]) if len(scores) else scores
    if valid.empty:
        return pd.DataFrame(columns=columns)
    ranges = (criteria.set_index("id")["scale_max"] - criteria.set_index("id")["scale_min"]).astype(
        float
    )
    rows = []
    for (app_id, crit_id), group in valid.groupby(["application_id", "criterion_id"], sort=True):
        if len(group) < 2:
            continue
        values = group["score"].astype(float)
        spread = float(values.max() - values.min())
        relative = spread / float(ranges.get(crit_id, 1.0) or 1.0)
        rows.append(
            {
                "application_id": int(app_id),
                "criterion_id": int(crit_id),
                "raters": len(group),
                "mean": float(values.mean()),
                "std": float(np.std(values, ddof=0)),
                "spread": spread,
                "relative": relative,
                "flag": relative >= threshold - 1e-9,
                "lowest_rater": str(group.loc[values.idxmin(), "rater"]),
                "highest_rater": str(group.loc[values.idxmax(), "rater"]),
            }
        )
    return pd.DataFrame(rows, columns=columns)


def missing_scores(
    applications: pd.DataFrame,
    criteria: pd.DataFrame,
    scores: pd.DataFrame,
    raters: list[str] | None = None,
) -> pd.DataFrame:
    """Who has not scored what: one row per rater × application × rated criterion without a score.

    Raters are the given list, or everybody who scored anything in this round.
    """
    columns = ["rater", "application_id", "criterion_id"]
    if raters is None:
        raters = sorted(scores["rater"].dropna().unique().tolist()) if len(scores) else []
    rated = criteria[criteria["derived"].isna() | (criteria["derived"] != NEED)]
    if not raters or rated.empty or applications.empty:
        return pd.DataFrame(columns=columns)
    wanted = pd.MultiIndex.from_product(
        [raters, applications["id"].astype(int), rated["id"].astype(int)], names=columns
    ).to_frame(index=False)
    have = (
        scores.dropna(subset=["score"])[columns] if len(scores) else pd.DataFrame(columns=columns)
    )
    merged = wanted.merge(have.drop_duplicates(), on=columns, how="left", indicator=True)
    return merged[merged["_merge"] == "left_only"][columns].reset_index(drop=True)
