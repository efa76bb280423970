"""Figures of funding rounds read from a project: ranking with allocation proposal, budget,
decision trace and "where the money goes". Qt-free glue between ``models`` and ``analysis``;
the UI, the CLI and the committee template all call these functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from k360desk.analysis import allocation as alloc
from k360desk.analysis import ranking as rk
from k360desk.analysis import scoring
from k360desk.analysis.trace import RoundTrace, build_trace
from k360desk.messages import language, tr, tr_value
from k360desk.models import rounds as store
from k360desk.projectfile.project import Project

POPULATION_KEYS = ("einwohner", "bevoelkerung", "einwohner_insgesamt", "ew", "pop", "population")


@dataclass
class RoundFigures:
    """Everything the ranking page shows besides the raw data."""

    data: store.RoundData
    criteria_table: pd.DataFrame
    disagreement: pd.DataFrame
    missing: pd.DataFrame
    eligibility: pd.DataFrame
    need_note: str
    notes: list[str] = field(default_factory=list)


def ranking_for_round(
    project: Project,
    round_id: int,
    rule: str | None = None,
    min_share: float | None = None,
    need: pd.Series | None = None,
    raters: list[str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, RoundTrace]:
    """Ranking, allocation per application and year, budget per year and the decision trace.

    ``rule`` and ``min_share`` default to those stored on the round; ``need`` to the need
    scores of the round's index run (the latest run while none is fixed); a decided round
    shows the need values, totals and ranks stored with its decision.
    """
    ranking, amounts, budget, trace, _ = round_figures(project, round_id, rule, min_share, need, raters)
    return ranking, amounts, budget, trace


def round_figures(
    project: Project,
    round_id: int,
    rule: str | None = None,
    min_share: float | None = None,
    need: pd.Series | None = None,
    raters: list[str] | None = None,
):
    """Like :func:`ranking_for_round`, plus a :class:`RoundFigures` with the scoring details."""
    data = store.round_data(project, round_id)
    need_note = ""
    if need is None:
        need, need_note = store.need_for_round(project, round_id)
    rule = rule or data.round.allocation_rule or "full"
    if min_share is None:
        min_share = data.round.min_share if data.round.min_share < 1 else 0.5
    need, filled, fallback_note = _filled_need(project, data.round, need)
    if fallback_note:
        need_note = f"{need_note} {fallback_note}".strip()
    app_need = scoring.application_need(data.districts, need, filled,
                                        omit=data.round.need_fallback == "omit")
    table = scoring.criterion_table(data.applications, data.criteria, data.scores, app_need)
    totals = scoring.total_scores(table)
    checks = rk.eligibility(
        data.applications,
        data.amounts,
        data.districts,
        data.round.first_year,
        data.round.last_year,
        data.max_years,
    )
    decided = data.round.status in store.DECIDED
    stored = store.decision_figures(project, round_id).get("applications", {}) if decided else {}
    if stored:
        # A decided round shows what was decided, whatever index runs were stored later.
        totals, app_need = _as_decided(stored, totals, app_need)
        # The note kept with the decision is German; other languages rebuild it from the round's run.
        if language() == "de" or not need_note:
            need_note = store.decision_figures(project, round_id).get("need_note") or need_note
        need_note = (need_note + " " + tr("Werte wie beim Beschluss gespeichert.")).strip()
    ranked = rk.rank(data.applications, totals, app_need, data.amounts, checks)
    if stored:
        ranked = _with_decided_ranks(ranked, stored)
    if decided:
        result = _decided_allocation(data, ranked, store.commitments(project, round_id))
    else:
        result = alloc.allocate(
            ranked,
            data.amounts,
            data.budgets,
            store.commitments(project, round_id),
            rule=rule,
            min_share=min_share,
            overrides=store.overrides(project, round_id),
            decided=_settled(project, data),
        )
    info = data.applications.set_index("id")
    summary = result.summary.set_index("application_id")
    ranking = ranked.copy()
    ranking["provider"] = ranking["application_id"].map(info["provider"])
    ranking["umbrella"] = ranking["application_id"].map(info["umbrella"])
    ranking["topic"] = ranking["application_id"].map(info["topic"])
    ranking["status"] = ranking["application_id"].map(info["status"])
    ranking["need_note"] = ranking["application_id"].map(app_need["note"]).fillna("") if len(app_need) else ""
    for column in ("proposed", "share", "outcome", "outcome_label", "reason"):
        ranking[column] = ranking["application_id"].map(summary[column])
    ranking["missing"] = ranking["application_id"].map(totals["missing"]).fillna("")
    missing_scores = scoring.missing_scores(data.applications, data.criteria, data.scores, raters)
    unscored = pd.Series(dtype=object) if decided else scoring.missing_by_application(
        missing_scores, data.criteria)
    ranking["unscored"] = ranking["application_id"].map(unscored).fillna("") if len(unscored) else ""
    ranking["late"] = ranking["application_id"].map(_late(data)).fillna("")
    abstained = scoring.abstentions_by_application(data.scores)
    ranking["abstained"] = ranking["application_id"].map(abstained).fillna("") if len(abstained) else ""
    ranking.attrs["need_note"] = need_note
    amounts = result.amounts.copy()
    amounts["title"] = amounts["application_id"].map(info["title"])
    notes = [need_note] if need_note else []
    if not data.criteria["derived"].eq(scoring.NEED).any():
        notes.append(tr("Der Kriterienkatalog enthält kein Bedarfskriterium."))
    detail = scoring.need_detail(data.districts, need).merge(
        data.districts[["application_id", "district_id", "code", "name"]],
        on=["application_id", "district_id"], how="left")
    detail["note"] = detail["district_id"].map(filled).fillna("") if len(filled) else ""
    trace = build_trace(
        table,
        detail,
        ranked.assign(unscored=ranked["application_id"].map(ranking.set_index("application_id")["unscored"]),
                      abstained=ranked["application_id"].map(ranking.set_index("application_id")["abstained"])),
        result,
        need_source=need_note,
        decided=decided,
        round=data.round.name,
    )
    figures = RoundFigures(
        data=data,
        criteria_table=table,
        disagreement=scoring.disagreement(data.scores, data.criteria),
        missing=missing_scores,
        eligibility=checks,
        need_note=need_note,
        notes=notes,
    )
    return ranking, amounts, result.budget, trace, figures


def _late(data: store.RoundData) -> pd.Series:
    """German note per application submitted after the round's deadline."""
    from k360desk.formats import format_date

    deadline = str(data.round.deadline or "")[:10]
    if not deadline:
        return pd.Series(dtype=object)
    apps = data.applications
    late = apps[apps["submitted"].fillna("").astype(str).str[:10] > deadline]
    return pd.Series({int(a.id): tr("eingegangen am {date}, Frist {deadline}", date=format_date(a.submitted),
                                    deadline=format_date(deadline))
                      for a in late.itertuples(index=False)}, dtype=object)


def _settled(project: Project, data: store.RoundData) -> pd.DataFrame:
    """Applications a recorded decision already settled in a round that is still being decided."""
    from k360desk.models.decisions import already_decided

    done = already_decided(project, data.round.id)
    columns = ["application_id", "year", "amount", "label", "reason"]
    if not done:
        return pd.DataFrame(columns=columns)
    info = data.applications.set_index("id")
    rows = data.amounts[data.amounts["application_id"].isin(done)]
    frame = pd.DataFrame({
        "application_id": rows["application_id"].astype(int),
        "year": rows["year"].astype(int),
        "amount": rows["awarded"].fillna(0.0).astype(float),
    })
    status = frame["application_id"].map(info["status"])
    frame.loc[status != "awarded", "amount"] = 0.0
    frame["label"] = status.map(store.APPLICATION_STATUS_LABELS).map(tr_value)
    frame["reason"] = frame["application_id"].map(info["reason"]).fillna("")
    return frame[columns]


def _filled_need(project: Project, rnd, need: pd.Series) -> tuple[pd.Series, pd.Series, str]:
    """Need completed under the round's rule for districts without a value, and a note."""
    from k360desk.analysis import need_fallback

    rule = rnd.need_fallback or "parent"
    if need.empty and rule != "declared":
        return need, pd.Series(dtype=object), ""
    try:
        filled_need, filled = need_fallback.fill_need(
            need, store.district_tree(project), rule, rnd.need_declared)
    except ValueError as exc:
        raise ValueError(str(exc)) from exc
    note = tr("Sozialräume ohne Bedarfswert: {rule}", rule=tr(need_fallback.RULE_LABELS[rule]))
    if rule == "declared":
        note += f" ({rnd.need_declared:.1f})".replace(".", ",")
    return filled_need, filled, note + "."


def _as_decided(stored: dict, totals: pd.DataFrame,
                app_need: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Totals and needs replaced by the values stored with the decision."""
    totals, app_need = totals.copy(), app_need.copy()
    for key, values in stored.items():
        app = int(key)
        if app in totals.index:
            totals.at[app, "total"] = np.nan if values.get("total") is None else values["total"]
            totals.at[app, "complete"] = bool(values.get("complete", True))
        if app in app_need.index:
            app_need.at[app, "need"] = np.nan if values.get("need") is None else values["need"]
    return totals, app_need


def _with_decided_ranks(ranked: pd.DataFrame, stored: dict) -> pd.DataFrame:
    """Ranks as decided (applications not in the decision keep their order behind)."""
    decided_rank = ranked["application_id"].map(
        lambda a: (stored.get(str(int(a))) or {}).get("rank"))
    order = pd.to_numeric(decided_rank, errors="coerce")
    if order.isna().all():
        return ranked
    ranked = ranked.assign(_order=order.fillna(np.inf), _pos=range(len(ranked)))
    ranked = ranked.sort_values(["_order", "_pos"], kind="mergesort").reset_index(drop=True)
    ranked["rank"] = pd.array(
        [None if v == np.inf else int(v) for v in ranked["_order"]], dtype="Int64")
    return ranked.drop(columns=["_order", "_pos"])


def _decided_allocation(data: store.RoundData, ranked: pd.DataFrame,
                        earlier: pd.Series) -> alloc.Allocation:
    """For a decided round the allocation is what was awarded, not a new proposal."""
    amounts = data.amounts.rename(columns={"awarded": "proposed"}).fillna({"proposed": 0.0})
    info = data.applications.set_index("id")
    lines = []
    for row in ranked.itertuples(index=False):
        mine = amounts[amounts["application_id"] == row.application_id]
        requested, proposed = float(mine["requested"].sum()), float(mine["proposed"].sum())
        status = info.at[row.application_id, "status"]
        outcome = {"awarded": "funded", "ineligible": "ineligible"}.get(status, "not_funded")
        if outcome == "funded" and proposed < requested - 1e-6:
            outcome = "partial"
        lines.append(
            {
                "rank": row.rank,
                "application_id": row.application_id,
                "title": row.title,
                "requested": requested,
                "proposed": proposed,
                "share": proposed / requested if requested else float("nan"),
                "outcome": outcome,
                "outcome_label": tr(store.APPLICATION_STATUS_LABELS[status]),
                "reason": info.at[row.application_id, "reason"],
            }
        )
    by_year = amounts.groupby("year")[["proposed"]].sum()["proposed"]
    years = sorted(set(data.budgets.index) | set(by_year.index) | set(earlier.index))
    budget = pd.DataFrame({"year": years})
    budget["budget"] = budget["year"].map(data.budgets).fillna(0.0)
    budget["committed"] = budget["year"].map(earlier).fillna(0.0)
    budget["overrides"] = 0.0
    budget["allocated"] = budget["year"].map(by_year).fillna(0.0)
    budget["remaining"] = budget["budget"] - budget["committed"] - budget["allocated"]
    return alloc.Allocation(
        amounts=amounts[["application_id", "year", "requested", "proposed", "override_reason"]],
        summary=pd.DataFrame(lines),
        budget=budget,
        steps=pd.DataFrame(columns=alloc.STEP_COLUMNS),
        parameters={"rule": "decided", "rule_label": tr("beschlossen")},
    )


# --- where the money goes ----------------------------------------------------------------


@dataclass
class MoneyFlows:
    """Money by district, field of action, umbrella and need class, with notes on the data."""

    by_district: pd.DataFrame
    by_topic: pd.DataFrame
    by_umbrella: pd.DataFrame
    by_class: pd.DataFrame
    basis: str
    notes: list[str] = field(default_factory=list)


def money_flows(project: Project, round_id: int | None = None) -> MoneyFlows:
    """Where the money goes: awarded amounts (or, for an undecided round, the trial proposal)
    split to districts by share, by field of action and umbrella association, and per
    inhabitant against the social-index class."""
    notes: list[str] = []
    frames = []
    round_ids = [round_id] if round_id is not None else [int(r) for r in store.rounds_frame(project)["id"]]
    basis = tr("bewilligt")
    for rid in round_ids:
        data = store.round_data(project, rid)
        if data.round.status in store.DECIDED:
            money = data.amounts.groupby("application_id")["awarded"].sum()
            money = money[data.applications.set_index("id")["status"].reindex(money.index) == "awarded"]
        elif round_id is not None:
            ranking, _, _, _ = ranking_for_round(project, rid)
            money = ranking.set_index("application_id")["proposed"]
            basis = tr("Vorschlag (Probelauf)")
        else:
            continue
        apps = data.applications.set_index("id")
        frame = pd.DataFrame({"application_id": money.index, "amount": money.values})
        frame = frame[frame["amount"] > 0]
        for column in ("title", "provider", "umbrella", "topic"):
            frame[column] = frame["application_id"].map(apps[column])
        frames.append((frame, data.districts))
    apps_money = (
        pd.concat([f for f, _ in frames])
        if frames
        else pd.DataFrame(columns=["application_id", "amount", "title", "provider", "umbrella", "topic"])
    )
    served = (
        pd.concat([d for _, d in frames])
        if frames
        else pd.DataFrame(columns=["application_id", "district_id", "share", "code", "name"])
    )
    total = float(apps_money["amount"].sum())
    by_topic = _share_table(apps_money.fillna({"topic": tr("ohne Handlungsfeld")}), "topic", total)
    by_umbrella = _share_table(
        apps_money.assign(
            umbrella=apps_money["umbrella"].replace("", tr("ohne Spitzenverband"))
            .fillna(tr("ohne Spitzenverband"))
        ),
        "umbrella",
        total,
    )
    split = served.merge(apps_money[["application_id", "amount"]], on="application_id")
    split["amount"] = split["amount"] * split["share"]
    districts = project.districts_frame()
    run_id = _flows_run(project, round_ids)
    need, need_note = (store.run_need(project, run_id) if run_id is not None
                       else store.latest_need(project))
    classes = _need_classes(project, run_id)
    population, pop_note = _population(project)
    if pop_note:
        notes.append(pop_note)
    by_district = split.groupby("district_id")["amount"].sum()
    table = pd.DataFrame(
        {
            "district_id": districts.index.astype(int),
            "code": districts["code"].values,
            "name": districts["name"].values,
        }
    )
    table["amount"] = table["district_id"].map(by_district).fillna(0.0)
    table["population"] = table["district_id"].map(population)
    table["per_inhabitant"] = table["amount"] / table["population"].where(table["population"] > 0)
    table["need"] = table["district_id"].map(need)
    table["need_class"] = table["district_id"].map(classes).replace("", np.nan)
    table = table[(table["amount"] > 0) | table["need"].notna() | table["population"].notna()]
    if need.empty:
        notes.append(need_note)
        by_class = pd.DataFrame(
            columns=["need_class", "districts", "population", "amount", "per_inhabitant", "share"]
        )
    else:
        known = table[table["need_class"].notna()]
        by_class = (
            known.groupby("need_class", sort=False)
            .agg(
                districts=("district_id", "count"),
                population=("population", "sum"),
                amount=("amount", "sum"),
                need=("need", "mean"),
            )
            .reset_index()
        )
        by_class["per_inhabitant"] = by_class["amount"] / by_class["population"].where(
            by_class["population"] > 0
        )
        by_class["share"] = by_class["amount"] / total if total else 0.0
        by_class = by_class.sort_values("need", ascending=False).reset_index(drop=True)
        notes.append(need_note)
    table = table.sort_values("amount", ascending=False).reset_index(drop=True)
    return MoneyFlows(
        by_district=table,
        by_topic=by_topic,
        by_umbrella=by_umbrella,
        by_class=by_class,
        basis=basis,
        notes=[n for n in notes if n],
    )


def _share_table(frame: pd.DataFrame, column: str, total: float) -> pd.DataFrame:
    grouped = (
        frame.groupby(column)
        .agg(projects=("application_id", "nunique"), amount=("amount", "sum"))
        .reset_index()
    )
    grouped["share"] = grouped["amount"] / total if total else 0.0
    return grouped.sort_values("amount", ascending=False).reset_index(drop=True)


def _flows_run(project: Project, round_ids: list[int]) -> int | None:
    """The index run of the rounds shown (the newest of their runs; None: the latest run)."""
    from k360desk.projectfile.records import FundingRound

    runs = [r.need_run_id for r in (project.get(FundingRound, i) for i in round_ids)
            if r is not None and r.need_run_id is not None]
    if not runs:
        return store.latest_run_id(project)
    return max(runs)


def _need_classes(project: Project, run_id: int | None) -> pd.Series:
    """Status class per district from the given index run (empty if none)."""
    if run_id is None:
        return pd.Series(dtype=object)
    results = project.link_frame("index_results", run_id=int(run_id))
    return results.set_index("district_id")["status_class"].map(tr_value)  # shown, never stored


def _population(project: Project) -> tuple[pd.Series, str]:
    """Inhabitants per district (latest period of a population indicator) and a note."""
    indicators = project.indicators_frame()
    keys = [k for k in POPULATION_KEYS if k in set(indicators["key"])]
    if not keys:
        return pd.Series(dtype=float), (
            tr("Kein Einwohner-Indikator gefunden: Förderung je Einwohner kann nicht berechnet werden.")
        )
    values = project.values_frame(indicators=[keys[0]]).dropna(subset=["value"])
    if values.empty:
        return pd.Series(dtype=float), tr("Für den Einwohner-Indikator liegen keine Werte vor.")
    latest = values.sort_values("period").groupby("district_id").last()
    return latest["value"].astype(float), ""
