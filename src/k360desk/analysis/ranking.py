"""Eligibility checks and the ranking of a funding round, with documented tie-breaking.

Completely scored applications come first; an incomplete one (a criterion without a score or
need value) follows all complete ones. Within each group the order is: higher total score
(compared at the displayed precision, one decimal), then
higher need of the districts served, then lower total requested amount, then earlier
submission, then title (alphabetical). Every application that was tied on the total carries a
German sentence saying which key decided against its neighbour. Pure functions, no I/O.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from k360desk.formats import displayed, format_date, format_money, format_number
from k360desk.messages import N_, tr

TIE_BREAKERS = ("total", "need", "requested", "submitted", "title")
TIE_BREAK_TEXT = N_(
    "Vollständig bewertete Anträge vor unvollständigen (Bewertung oder Bedarfswert fehlt), "
    "dann Punktzahl (höher zuerst), dann Bedarf der Sozialräume (höher zuerst), dann "
    "beantragte Gesamtsumme (niedriger zuerst), dann Eingang (früher zuerst), "
    "dann Titel (alphabetisch)"
)

_RANK_COLUMNS = [
    "rank",
    "application_id",
    "title",
    "total",
    "need",
    "requested",
    "submitted",
    "eligible",
    "complete",
    "reasons",
    "tie",
]


def eligibility(
    applications: pd.DataFrame,
    amounts: pd.DataFrame,
    app_districts: pd.DataFrame,
    first_year: int,
    last_year: int,
    max_years: int = 5,
    tolerance: float = 0.005,
) -> pd.DataFrame:
    """Check each application against the round's rules; return eligible and German reasons.

    Checks: provider and title set; not withdrawn or marked ineligible; duration ≤ the
    programme's maximum; start and every amount within the round's years and the project's
    own years; some money requested; districts served with shares summing to 100 %.
    """
    rows = []
    amounts_by_app = {k: g for k, g in amounts.groupby("application_id")} if len(amounts) else {}
    districts_by_app = (
        {k: g for k, g in app_districts.groupby("application_id")} if len(app_districts) else {}
    )
    for app in applications.itertuples(index=False):
        reasons: list[str] = []
        status = getattr(app, "status", "submitted")
        if status == "withdrawn":
            reasons.append(tr("Antrag zurückgezogen."))
        if status == "ineligible":
            note = str(getattr(app, "reason", "") or "").strip()
            reasons.append(tr("Als nicht förderfähig markiert: {note}", note=note) if note
                           else tr("Als nicht förderfähig markiert."))
        if _blank(getattr(app, "provider_id", None)):
            reasons.append(tr("Kein Träger angegeben."))
        if not str(app.title or "").strip():
            reasons.append(tr("Kein Titel angegeben."))
        start, duration = int(app.start_year), int(app.duration)
        end = start + duration - 1
        if duration > max_years:
            reasons.append(tr("Laufzeit {n} Jahre überschreitet die Höchstdauer des Programms "
                              "({most} Jahre).",
                              n=duration, most=max_years))
        if start < first_year or start > last_year:
            reasons.append(tr("Beginn {start} liegt außerhalb des Förderzeitraums {first}–{last}.",
                              start=start, first=first_year, last=last_year))
        money = amounts_by_app.get(app.id)
        if money is None or float(money["requested"].fillna(0).sum()) <= 0:
            reasons.append(tr("Keine beantragten Beträge."))
        else:
            asked = money[money["requested"].fillna(0) > 0]
            outside_project = sorted(int(y) for y in asked["year"] if not start <= y <= end)
            if outside_project:
                reasons.append(tr("Beträge außerhalb der Laufzeit {start}–{end}: {years}.", start=start,
                                  end=end, years=", ".join(map(str, outside_project))))
            outside_round = sorted(
                int(y) for y in asked["year"] if not first_year <= y <= last_year
            )
            if outside_round:
                reasons.append(tr("Beträge außerhalb des Förderzeitraums {first}–{last}: {years}.",
                                  first=first_year, last=last_year, years=", ".join(map(str, outside_round))))
        served = districts_by_app.get(app.id)
        if served is None or served.empty:
            reasons.append(tr("Keine Sozialräume angegeben."))
        else:
            total_share = float(served["share"].sum())
            if abs(total_share - 1.0) > tolerance:
                reasons.append(tr("Anteile der Sozialräume ergeben {share} % statt 100 %.",
                                  share=format_number(total_share * 100, 1)))
        rows.append(
            {"application_id": int(app.id), "eligible": not reasons, "reasons": " ".join(reasons)}
        )
    frame = pd.DataFrame(rows, columns=["application_id", "eligible", "reasons"])
    return frame.set_index("application_id")


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def rank(
    applications: pd.DataFrame,
    totals: pd.DataFrame,
    app_need: pd.DataFrame,
    amounts: pd.DataFrame,
    checks: pd.DataFrame,
    decimals: int = 1,
) -> pd.DataFrame:
    """Order applications by total with tie-breaking; eligible ones get ranks 1…n.

    Incomplete applications (``totals.complete`` False) are ranked after all complete ones.
    Ineligible applications follow without a rank. ``tie`` explains, for applications tied
    on the displayed total, which key put them above or below their neighbours.
    """
    frame = applications[["id", "title"]].rename(columns={"id": "application_id"}).copy()
    frame["submitted"] = applications["submitted"] if "submitted" in applications else None
    frame["total"] = frame["application_id"].map(totals["total"]).astype(float)
    frame["complete"] = frame["application_id"].map(totals["complete"]).fillna(False).astype(bool)
    frame["need"] = (
        frame["application_id"].map(app_need["need"]).astype(float) if len(app_need) else np.nan
    )
    requested = (
        amounts.groupby("application_id")["requested"].sum()
        if len(amounts)
        else pd.Series(dtype=float)
    )
    frame["requested"] = frame["application_id"].map(requested).fillna(0.0).astype(float)
    frame["eligible"] = frame["application_id"].map(checks["eligible"]).fillna(False).astype(bool)
    frame["reasons"] = frame["application_id"].map(checks["reasons"]).fillna("")
    # The key is the displayed number itself, so "61,1" never ranks above "61,2".
    frame["_total"] = frame["total"].map(lambda v: displayed(v, decimals)).astype(float).fillna(-np.inf)
    frame["_need"] = frame["need"].fillna(-np.inf)
    frame["_submitted"] = frame["submitted"].fillna("9999").astype(str)
    frame["_title"] = frame["title"].fillna("").str.casefold()
    frame = frame.sort_values(
        ["eligible", "complete", "_total", "_need", "requested", "_submitted", "_title", "application_id"],
        ascending=[False, False, False, False, True, True, True, True],
        kind="mergesort",
    )
    frame = frame.reset_index(drop=True)
    n_eligible = int(frame["eligible"].sum())
    frame["rank"] = pd.array(
        [i + 1 if i < n_eligible else pd.NA for i in range(len(frame))], dtype="Int64"
    )
    frame["tie"] = ""
    eligible = frame.index[:n_eligible]
    for above, below in zip(eligible[:-1], eligible[1:], strict=True):
        a, b = frame.loc[above], frame.loc[below]
        if a["_total"] != b["_total"] or a["complete"] != b["complete"]:
            continue
        key_text = _decider(a, b)
        total = format_number(a["total"], decimals)
        frame.at[above, "tie"] = _join(
            frame.at[above, "tie"],
            tr("Punktgleich ({total}) mit „{title}“ (Rang {rank}): vorn wegen {why}.",
               total=total, title=b["title"], rank=b["rank"], why=key_text[0]),
        )
        frame.at[below, "tie"] = _join(
            frame.at[below, "tie"],
            tr("Punktgleich ({total}) mit „{title}“ (Rang {rank}): dahinter wegen {why}.",
               total=total, title=a["title"], rank=a["rank"], why=key_text[1]),
        )
    return frame[_RANK_COLUMNS]


def _join(old: str, new: str) -> str:
    return f"{old} {new}".strip()


def _decider(a: pd.Series, b: pd.Series) -> tuple[str, str]:
    """Which tie-breaker separated a (above) from b (below): text for a and for b."""
    if a["_need"] != b["_need"]:
        return (
            tr("höherem Bedarf ({own} gegenüber {other})", own=_need_text(a["need"]),
               other=_need_text(b["need"])),
            tr("geringerem Bedarf ({own} gegenüber {other})", own=_need_text(b["need"]),
               other=_need_text(a["need"])),
        )
    if a["requested"] != b["requested"]:
        return (
            tr("niedrigerer Antragssumme ({own} gegenüber {other})", own=format_money(a["requested"]),
               other=format_money(b["requested"])),
            tr("höherer Antragssumme ({own} gegenüber {other})", own=format_money(b["requested"]),
               other=format_money(a["requested"])),
        )
    if a["_submitted"] != b["_submitted"]:
        return (
            tr("früherem Eingang ({own} gegenüber {other})", own=_date_text(a["submitted"]),
               other=_date_text(b["submitted"])),
            tr("späterem Eingang ({own} gegenüber {other})", own=_date_text(b["submitted"]),
               other=_date_text(a["submitted"])),
        )
    if a["_title"] != b["_title"]:
        return tr("alphabetischer Reihenfolge des Titels"), tr("alphabetischer Reihenfolge des Titels")
    return tr("der Reihenfolge der Erfassung"), tr("der Reihenfolge der Erfassung")


def _need_text(value: float) -> str:
    return tr("ohne Wert") if value is None or np.isnan(value) else format_number(value, 1)


def _date_text(value) -> str:
    return tr("ohne Datum") if _blank(value) or value == "" else format_date(value)
