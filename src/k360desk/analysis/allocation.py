"""Allocation of a funding round's yearly budgets in rank order. Pure functions, no I/O.

Money free in a year = the round's budget for that year − commitments already made by earlier
rounds of the programme. Overrides (amounts a person fixed, always with a reason) are set
aside first, whatever their rank, but only for eligible applications (an override on an
ineligible one is refused with the reason in the summary); then the eligible applications
are served in rank order:

- rule ``full``: an application is funded with everything it asked for if every one of its
  years fits into what is still free; otherwise it is skipped (with the year that did not
  fit) and the next one is tried, so smaller applications further down can still be funded.
- rule ``partial``: as ``full``, but an application that does not fit gets the largest share
  that fits in all its years (the same share in every year, rounded down to whole euros)
  if that share is at least ``min_share``.

Every step is kept in ``Allocation.steps`` so that each euro can be traced to a rule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from k360desk.formats import format_money, format_percent
from k360desk.messages import N_, tr, tr_value

RULES = ("full", "partial")
# German labels; shown through messages.tr.
RULE_LABELS = {"full": N_("Vollförderung in Rangfolge"), "partial": N_("Teilförderung bis Mindestanteil")}
OUTCOME_LABELS = {
    "funded": N_("gefördert"),
    "partial": N_("teilweise gefördert"),
    "not_funded": N_("nicht gefördert"),
    "ineligible": N_("nicht förderfähig"),
    "override": N_("manuell festgelegt"),
}
_EPS = 1e-6


# One row per step of the allocation, in the order the rule took them (the trace).
STEP_COLUMNS = ["order", "application_id", "rank", "action", "year", "requested",
                "free_before", "granted", "reason"]


@dataclass
class Allocation:
    """Result of :func:`allocate`: amounts per year, one line per application, budget, trace."""

    amounts: pd.DataFrame  # application_id, year, requested, proposed, override_reason
    summary: (
        pd.DataFrame
    )  # rank, application_id, title, requested, proposed, share, outcome, reason
    budget: pd.DataFrame  # year, budget, committed, overrides, allocated, remaining
    steps: (
        pd.DataFrame
    )  # order, application_id, rank, action, year, requested, free_before, granted
    parameters: dict = field(default_factory=dict)


def allocate(
    ranking: pd.DataFrame,
    amounts: pd.DataFrame,
    budgets: pd.Series,
    commitments: pd.Series | None = None,
    rule: str = "full",
    min_share: float = 0.5,
    overrides: pd.DataFrame | None = None,
    decided: pd.DataFrame | None = None,
) -> Allocation:
    """Propose awarded amounts per application and year within the yearly budgets.

    ``ranking`` comes from :func:`k360desk.analysis.ranking.rank` (rank, application_id,
    title, eligible, reasons); ``amounts`` has application_id, year, requested; ``budgets``
    and ``commitments`` are Series year → euros; ``overrides`` has application_id, year,
    amount, reason (years of an overridden application that are not listed get nothing).
    ``decided`` holds the applications a recorded decision already settled in a round decided
    in several meetings (application_id, year, amount, label, reason): they keep exactly what
    was decided, bind their money first (shown as already committed) and are never reallocated.
    """
    if rule not in RULES:
        raise ValueError(tr("Unbekannte Vergaberegel „{rule}“ (erlaubt: full, partial).", rule=rule))
    if rule == "partial" and not 0 < min_share <= 1:
        raise ValueError(tr("Der Mindestanteil muss zwischen 0 und 100 % liegen."))
    commitments = commitments if commitments is not None else pd.Series(dtype=float)
    overrides = (
        overrides
        if overrides is not None
        else pd.DataFrame(columns=["application_id", "year", "amount", "reason"])
    )
    _check_overrides(overrides)
    years = sorted(
        {int(y) for y in budgets.index}
        | {int(y) for y in commitments.index}
        | {int(y) for y in amounts["year"]}
        | {int(y) for y in overrides["year"]}
        | ({int(y) for y in decided["year"]} if decided is not None and len(decided) else set())
    )
    budget = {y: float(budgets.get(y, 0.0) or 0.0) for y in years}
    committed = {y: float(commitments.get(y, 0.0) or 0.0) for y in years}
    free = {y: budget[y] - committed[y] for y in years}
    asked = (
        {
            int(a): {
                int(y): float(v)
                for y, v in zip(g["year"], g["requested"].fillna(0), strict=True)
                if v > 0
            }
            for a, g in amounts.groupby("application_id")
        }
        if len(amounts)
        else {}
    )
    granted: dict[int, dict[int, float]] = {}
    summary: dict[int, dict] = {}
    steps: list[dict] = []
    set_aside = dict.fromkeys(years, 0.0)
    allocated = dict.fromkeys(years, 0.0)
    by_rank = ranking.reset_index(drop=True)

    settled = {int(a): g for a, g in decided.groupby("application_id")} if decided is not None and len(
        decided) else {}
    for row in by_rank.itertuples(index=False):
        app = int(row.application_id)
        if app not in settled:
            continue
        group = settled[app]
        grant = {int(y): float(v) for y, v in zip(group["year"], group["amount"].fillna(0), strict=True)}
        label, reason = str(group["label"].iloc[0]), str(group["reason"].iloc[0])
        for year, value in grant.items():
            steps.append(_step(len(steps), row, "decided", year, asked.get(app, {}).get(year, 0.0),
                               free.get(year, 0.0), value, f"Beschlossen: {reason}"))
            free[year] = free.get(year, 0.0) - value
            committed[year] = committed.get(year, 0.0) + value
        granted[app] = grant
        total, requested = sum(grant.values()), sum(asked.get(app, {}).values())
        outcome = "not_funded" if total <= 0 else ("partial" if total < requested - _EPS else "funded")
        summary[app] = {"outcome": outcome, "reason": reason, "label": label}

    overridden = (
        {int(a): g for a, g in overrides.groupby("application_id")} if len(overrides) else {}
    )
    for row in by_rank.itertuples(index=False):
        app = int(row.application_id)
        if app not in overridden:
            continue
        if not bool(row.eligible):
            # An override never makes an ineligible application fundable: refused, and said so.
            text = tr("Manuelle Festlegung nicht berücksichtigt, weil der Antrag nicht förderfähig ist: "
                      "{reasons}", reasons=row.reasons)
            summary[app] = {"outcome": "ineligible", "reason": text}
            steps.append(_step(len(steps), row, "ineligible", None,
                               sum(asked.get(app, {}).values()), None, 0.0, text))
            continue
        group = overridden[app]
        grant = {int(y): float(v) for y, v in zip(group["year"], group["amount"], strict=True)}
        reason = "; ".join(dict.fromkeys(str(r).strip() for r in group["reason"]))
        for year, value in grant.items():
            steps.append(
                _step(
                    len(steps),
                    row,
                    "override",
                    year,
                    asked.get(app, {}).get(year, 0.0),
                    free[year],
                    value,
                    tr("Manuell festgelegt: {reason}", reason=reason),
                )
            )
            free[year] -= value
            set_aside[year] += value
        granted[app] = grant
        over = [y for y, v in grant.items() if v > 0 and free[y] < -_EPS]
        text = tr("Manuell festgelegt: {reason}", reason=reason)
        if over:
            text += tr(" Achtung: Budget überschritten in {years}.", years=", ".join(map(str, over)))
        summary[app] = {"outcome": "override", "reason": text}

    for row in by_rank.itertuples(index=False):
        app = int(row.application_id)
        if app in summary:
            continue
        request = asked.get(app, {})
        if not bool(row.eligible):
            summary[app] = {"outcome": "ineligible", "reason": str(row.reasons)}
            steps.append(
                _step(
                    len(steps),
                    row,
                    "ineligible",
                    None,
                    sum(request.values()),
                    None,
                    0.0,
                    str(row.reasons),
                )
            )
            continue
        if not request:
            summary[app] = {"outcome": "not_funded", "reason": tr("Keine Beträge beantragt.")}
            continue
        fits = {y: request[y] <= free[y] + _EPS for y in request}
        if all(fits.values()):
            grant, outcome = dict(request), "funded"
            reason = tr("Passt vollständig in das freie Budget aller Jahre.")
        else:
            tight = [y for y in request if not fits[y]]
            limits = "; ".join(
                tr("{year}: beantragt {asked}, frei {free}", year=y, asked=format_money(request[y]),
                   free=format_money(max(free[y], 0.0)))
                for y in tight
            )
            share = min(max(free[y], 0.0) / request[y] for y in request)
            if rule == "partial" and share + _EPS >= min_share:
                grant = {y: math.floor(share * request[y] + _EPS) for y in request}
                outcome = "partial"
                reason = tr("Teilförderung mit {share} der beantragten Summe (Mindestanteil {minimum}); "
                            "begrenzt durch {limits}.", share=format_percent(share * 100),
                            minimum=format_percent(min_share * 100, 0), limits=limits)
            else:
                grant, outcome = dict.fromkeys(request, 0.0), "not_funded"
                reason = tr("Passt nicht in das freie Budget ({limits}).", limits=limits)
                if rule == "partial":
                    reason = tr("Höchstens {share} finanzierbar, Mindestanteil {minimum} ({limits}).",
                                share=format_percent(share * 100),
                                minimum=format_percent(min_share * 100, 0), limits=limits)
        for year, value in grant.items():
            steps.append(
                _step(len(steps), row, outcome, year, request[year], free[year], value, reason)
            )
            free[year] -= value
            allocated[year] += value
        granted[app] = grant
        summary[app] = {"outcome": outcome, "reason": reason}

    return _assemble(
        by_rank,
        asked,
        granted,
        summary,
        steps,
        years,
        budget,
        committed,
        set_aside,
        allocated,
        overrides,
        {
            "rule": rule,
            "rule_label": tr(RULE_LABELS[rule]),
            "min_share": min_share if rule == "partial" else None,
        },
    )


def _check_overrides(overrides: pd.DataFrame) -> None:
    if not len(overrides):
        return
    if overrides["reason"].fillna("").astype(str).str.strip().eq("").any():
        raise ValueError(tr("Jede manuelle Änderung braucht eine Begründung."))
    if (pd.to_numeric(overrides["amount"], errors="coerce").fillna(-1) < 0).any():
        raise ValueError(tr("Manuell festgelegte Beträge dürfen nicht negativ sein."))


def _step(
    order: int,
    row,
    action: str,
    year: int | None,
    requested: float,
    free_before: float | None,
    granted: float,
    reason: str,
) -> dict:
    return {
        "order": order + 1,
        "application_id": int(row.application_id),
        "rank": row.rank,
        "action": action,
        "year": year,
        "requested": requested,
        "free_before": free_before,
        "granted": granted,
        "reason": reason,
    }


def _assemble(
    by_rank,
    asked,
    granted,
    summary,
    steps,
    years,
    budget,
    committed,
    set_aside,
    allocated,
    overrides,
    parameters,
) -> Allocation:
    reasons = {}
    if len(overrides):
        for (app, year), group in overrides.groupby(["application_id", "year"]):
            reasons[(int(app), int(year))] = "; ".join(group["reason"].astype(str))
    amount_rows = []
    for app in by_rank["application_id"].astype(int):
        years_of_app = sorted(set(asked.get(app, {})) | set(granted.get(app, {})))
        for year in years_of_app:
            amount_rows.append(
                {
                    "application_id": app,
                    "year": year,
                    "requested": asked.get(app, {}).get(year, 0.0),
                    "proposed": float(granted.get(app, {}).get(year, 0.0)),
                    "override_reason": reasons.get((app, year), ""),
                }
            )
    amounts = pd.DataFrame(
        amount_rows, columns=["application_id", "year", "requested", "proposed", "override_reason"]
    )
    lines = []
    for row in by_rank.itertuples(index=False):
        app = int(row.application_id)
        requested = sum(asked.get(app, {}).values())
        proposed = float(sum(granted.get(app, {}).values()))
        info = summary.get(app, {"outcome": "not_funded", "reason": ""})
        lines.append(
            {
                "rank": row.rank,
                "application_id": app,
                "title": row.title,
                "requested": requested,
                "proposed": proposed,
                "share": proposed / requested if requested else float("nan"),
                "outcome": info["outcome"],
                "outcome_label": tr_value(info.get("label")) or tr(OUTCOME_LABELS[info["outcome"]]),
                "reason": info["reason"],
            }
        )
    budget_frame = pd.DataFrame(
        {
            "year": years,
            "budget": [budget[y] for y in years],
            "committed": [committed[y] for y in years],
            "overrides": [set_aside[y] for y in years],
            "allocated": [allocated[y] for y in years],
        }
    )
    budget_frame["remaining"] = (
        budget_frame["budget"]
        - budget_frame["committed"]
        - budget_frame["overrides"]
        - budget_frame["allocated"]
    )
    step_frame = pd.DataFrame(steps, columns=STEP_COLUMNS)
    return Allocation(
        amounts=amounts,
        summary=pd.DataFrame(lines),
        budget=budget_frame,
        steps=step_frame,
        parameters=parameters,
    )
