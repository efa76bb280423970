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


def application_need(app_districts: pd.DataFrame, need: pd.Series | None,
                     filled: pd.Series | None = None, omit: bool = False) -> pd.DataFrame:
    """Need of each application: the need of its districts weighted by their shares.

    Districts without a need value are left out and the remaining shares re-weighted; the
    note says which were missing. ``filled`` holds notes for district values that a round's
    rule supplied (see :mod:`k360desk.analysis.need_fallback`); they are named in the note.
    With ``omit`` an application without any need value leaves the need criterion out
    (column ``omit``). Returns index application_id with columns need (0..100 or NaN),
    covered (share of the application with a need value), omit and note (German).
    """
    columns = ["application_id", "need", "covered", "missing_districts", "omit", "note"]
    if app_districts.empty:
        return pd.DataFrame(columns=columns).set_index("application_id")
    values = pd.to_numeric(need, errors="coerce") if need is not None else pd.Series(dtype=float)
    frame = app_districts[["application_id", "district_id", "share"]].copy()
    frame["share"] = frame["share"].astype(float)
    frame["need"] = frame["district_id"].map(values).astype(float)
    known = frame["need"].notna()
    frame["known_share"] = frame["share"].where(known, 0.0)
    frame["weighted"] = (frame["share"] * frame["need"]).where(known, 0.0)
    grouped = frame.groupby("application_id", sort=True)
    covered = grouped["known_share"].sum()
    result = pd.DataFrame({"need": (grouped["weighted"].sum() / covered.where(covered > 0)),
                           "covered": covered})
    missing = frame[~known].groupby("application_id")["district_id"].agg(lambda s: [int(d) for d in s])
    result["missing_districts"] = [missing.get(a, []) for a in result.index]
    counts = grouped.size()
    result["note"] = [f"kein Bedarfswert für {len(m)} von {counts[a]} Sozialräumen" if m else ""
                      for a, m in zip(result.index, result["missing_districts"], strict=True)]
    result["omit"] = bool(omit) & result["need"].isna()
    result.loc[result["omit"], "note"] = "kein Bedarfswert: Bedarfskriterium entfällt, Gewichte neu verteilt"
    if filled is not None and len(filled):
        marked = frame[frame["district_id"].isin(filled.index)].groupby("application_id")["district_id"]
        for app, ids in marked:
            texts = "; ".join(str(filled[int(d)]) for d in ids)
            result.at[app, "note"] = "; ".join(t for t in (result.at[app, "note"], texts) if t)
    result.index = result.index.astype(int)
    result.index.name = "application_id"
    return result


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
    the criterion's share of the 0–100 total: 100 · weight · normalised / Σ weights of all
    criteria. A criterion without a value contributes nothing (it never raises the total by
    dropping out of the denominator); :func:`total_scores` marks such applications.
    """
    apps = pd.DataFrame({"application_id": applications["id"].astype(int).to_numpy()})
    crits = pd.DataFrame({
        "criterion_id": criteria["id"].astype(int).to_numpy(),
        "criterion": criteria["name"].to_numpy(),
        "weight": criteria["weight"].astype(float).to_numpy(),
        "scale_min": criteria["scale_min"].astype(float).to_numpy(),
        "scale_max": criteria["scale_max"].astype(float).to_numpy(),
        "derived": criteria["derived"].to_numpy(),
    })
    table = apps.merge(crits, how="cross")
    valid = scores.dropna(subset=["score"]) if len(scores) else scores
    if len(valid):
        grouped = valid.assign(score=valid["score"].astype(float)).groupby(
            ["application_id", "criterion_id"])["score"]
        stats = pd.DataFrame({"raters": grouped.count(), "mean": grouped.mean(),
                              "std": grouped.std(ddof=0), "spread": grouped.max() - grouped.min()})
        stats.index = stats.index.set_levels([stats.index.levels[0].astype(int),
                                              stats.index.levels[1].astype(int)])
        table = table.merge(stats.reset_index(), on=["application_id", "criterion_id"], how="left")
    else:
        table[["raters", "mean", "std", "spread"]] = np.nan
    is_need = table["derived"].eq(NEED).to_numpy()
    need_values = (table["application_id"].map(app_need["need"]).astype(float)
                   if app_need is not None and len(app_need) else pd.Series(np.nan, index=table.index))
    table["source"] = np.where(is_need, "Bedarf", "Bewertung")
    table["mean"] = np.where(is_need, need_values, table["mean"])
    table.loc[is_need, ["std", "spread"]] = np.nan
    table["raters"] = np.where(is_need, 0, table["raters"].fillna(0)).astype(int)
    rated = ((table["mean"] - table["scale_min"]) / (table["scale_max"] - table["scale_min"])).clip(0, 1)
    table["normalised"] = np.where(is_need, table["mean"] / 100.0, rated)
    table = table[_TABLE_COLUMNS[:-1]]
    if app_need is not None and "omit" in app_need.columns and app_need["omit"].any():
        # The round's rule leaves the need criterion out for these applications: weight 0
        # renormalises the others instead of counting the missing value as 0 points.
        left_out = table["application_id"].map(app_need["omit"]).fillna(False).astype(bool)
        table.loc[left_out.to_numpy() & is_need, "weight"] = 0.0
    has_value = table["normalised"].notna()
    weight_sum = table["weight"].clip(lower=0).groupby(table["application_id"]).transform("sum")
    table["contribution"] = np.where(
        has_value & (weight_sum > 0),
        100.0 * table["weight"] * table["normalised"] / weight_sum.where(weight_sum > 0, 1.0),
        np.nan,
    )
    return table


def total_scores(table: pd.DataFrame) -> pd.DataFrame:
    """Weighted total 0–100 per application from a :func:`criterion_table`.

    ``complete`` is False when a criterion with weight > 0 has no value ("unvollständig"):
    the total then counts that criterion with 0 points, so a missing value can only lower it,
    and ``missing`` names the criteria without a value.
    """
    columns = ["application_id", "total", "complete", "missing"]
    weighted = table[table["weight"] > 0]
    if weighted.empty:
        ids = table["application_id"].unique()
        return pd.DataFrame({"application_id": ids, "total": np.nan, "complete": True,
                             "missing": ""}, columns=columns).set_index("application_id")
    grouped = weighted.groupby("application_id", sort=True)
    has_any = grouped["normalised"].count() > 0
    total = grouped["contribution"].sum().where(has_any)
    lacking = weighted[weighted["normalised"].isna()].groupby("application_id")["criterion"].agg(
        lambda s: ", ".join(s.astype(str)))
    frame = pd.DataFrame({"total": total.astype(float)})
    frame["missing"] = lacking.reindex(frame.index).fillna("")
    frame["complete"] = frame["missing"] == ""
    all_ids = pd.Index(table["application_id"].unique(), name="application_id")
    frame = frame.reindex(all_ids)
    frame["complete"] = frame["complete"].fillna(True).astype(bool)
    frame["missing"] = frame["missing"].fillna("")
    frame.index = frame.index.astype(int)
    frame.index.name = "application_id"
    return frame[["total", "complete", "missing"]].sort_index()


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
    valid = valid.assign(score=valid["score"].astype(float))
    ranges = (criteria.set_index("id")["scale_max"] - criteria.set_index("id")["scale_min"]).astype(float)
    keys = ["application_id", "criterion_id"]
    grouped = valid.groupby(keys, sort=True)["score"]
    frame = pd.DataFrame({"raters": grouped.count(), "mean": grouped.mean(),
                          "std": grouped.std(ddof=0), "spread": grouped.max() - grouped.min()})
    frame["lowest_rater"] = valid.loc[grouped.idxmin(), "rater"].astype(str).to_numpy()
    frame["highest_rater"] = valid.loc[grouped.idxmax(), "rater"].astype(str).to_numpy()
    frame = frame[frame["raters"] >= 2].reset_index()
    scale = frame["criterion_id"].map(ranges).replace(0, 1.0).fillna(1.0)
    frame["relative"] = frame["spread"] / scale
    frame["flag"] = frame["relative"] >= threshold - 1e-9
    frame[keys] = frame[keys].astype(int)
    return frame[columns]


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
    # A declared abstention (no score, a reason in the comment, e.g. "befangen") is not missing.
    if len(scores):
        declared = scores["score"].notna() | scores["comment"].fillna("").astype(str).str.strip().ne("") \
            if "comment" in scores else scores["score"].notna()
        have = scores[declared][columns]
    else:
        have = pd.DataFrame(columns=columns)
    merged = wanted.merge(have.drop_duplicates(), on=columns, how="left", indicator=True)
    return merged[merged["_merge"] == "left_only"][columns].reset_index(drop=True)


def missing_by_application(missing: pd.DataFrame, criteria: pd.DataFrame) -> pd.Series:
    """German text per application naming the raters and criteria without a score
    ("Ben: Konzept, Wirkung; Cem: Konzept"); from :func:`missing_scores`."""
    if missing.empty:
        return pd.Series(dtype=object)
    names = criteria.set_index("id")["name"]
    frame = missing.assign(criterion=missing["criterion_id"].map(names))
    texts = {}
    for app, group in frame.groupby("application_id", sort=True):
        parts = [f"{rater}: {', '.join(g['criterion'].astype(str))}" for rater, g in group.groupby("rater")]
        texts[int(app)] = "; ".join(parts)
    return pd.Series(texts, dtype=object)


def abstentions_by_application(scores: pd.DataFrame) -> pd.Series:
    """German text per application naming declared abstentions (no score, reason given)."""
    if scores.empty or "comment" not in scores:
        return pd.Series(dtype=object)
    rows = scores[scores["score"].isna() & scores["comment"].fillna("").astype(str).str.strip().ne("")]
    texts = {}
    for app, group in rows.groupby("application_id", sort=True):
        first = group.drop_duplicates("rater")
        texts[int(app)] = "; ".join(f"{r.rater} enthalten ({str(r.comment).strip()})"
                                    for r in first.itertuples(index=False))
    return pd.Series(texts, dtype=object)
