"""The trace of a round's decisions as data: scores, weights, need values, ranking and rule.

The committee template, the UI and the CLI all read this one object, so that every number
in a decision can be followed back to the scores and data it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from k360desk.analysis.allocation import Allocation
from k360desk.analysis.ranking import TIE_BREAK_TEXT
from k360desk.formats import format_money, format_number
from k360desk.messages import tr


@dataclass
class RoundTrace:
    """Everything behind a ranking and allocation proposal."""

    criteria: pd.DataFrame      # criterion_table: application × criterion, mean, weight, points
    need: pd.DataFrame          # need_detail: application × district, share, need, weighted
    ranking: pd.DataFrame       # rank(), including tie explanations
    steps: pd.DataFrame         # allocation steps in the order they were taken
    parameters: dict = field(default_factory=dict)  # rule, min share, tie-break order, notes

    def explain(self, application_id: int) -> list[str]:
        """German sentences explaining one application's rank and amount."""
        lines: list[str] = []
        row = self.ranking[self.ranking["application_id"] == application_id]
        if row.empty:
            return lines
        r = row.iloc[0]
        rank = tr("ohne Rang") if pd.isna(r["rank"]) else tr("Rang {n}", n=int(r["rank"]))
        lines.append(tr("„{title}“: {rank}, Gesamtpunktzahl {total} von 100.", title=r["title"], rank=rank,
                        total=format_number(r["total"], 1)))
        crit = self.criteria[self.criteria["application_id"] == application_id]
        for c in crit.itertuples(index=False):
            if c.source == "Bedarf" and c.weight == 0 and pd.isna(c.mean):
                lines.append("  " + tr("{criterion}: entfällt (kein Bedarfswert), die übrigen Gewichte "
                                       "zählen anteilig", criterion=c.criterion))
                continue
            if c.source == "Bedarf":
                value = tr("Bedarf {value} von 100", value=format_number(c.mean, 1))
            else:
                value = tr("Mittel {mean} aus {n} Bewertung(en), Skala {low}–{high}",
                           mean=format_number(c.mean, 2), n=c.raters, low=format_number(c.scale_min, 0),
                           high=format_number(c.scale_max, 0))
            lines.append("  " + tr("{criterion} (Gewicht {weight}): {value} → {points} Punkte",
                                   criterion=c.criterion, weight=format_number(c.weight, 1), value=value,
                                   points=format_number(c.contribution, 1)))
        for d in self.need[self.need["application_id"] == application_id].itertuples(index=False):
            share = format_number(d.share * 100, 0)
            label = f"{d.code} {d.name}" if hasattr(d, "code") else str(d.district_id)
            note = str(getattr(d, "note", "") or "")
            lines.append("  " + tr("Sozialraum {district}: Anteil {share} %, Bedarf {need}", district=label,
                                   share=share, need=format_number(d.need, 1))
                         + (f" ({note})" if note else ""))
        if str(r.get("unscored", "") or ""):
            lines.append("  " + tr("Bewertung fehlt (Mittel nur aus den vorhandenen): {who}",
                                   who=r["unscored"]))
        if str(r.get("abstained", "") or ""):
            lines.append(f"  {r['abstained']}")
        if r["tie"]:
            lines.append(f"  {r['tie']}")
        if not r["eligible"]:
            lines.append("  " + tr("Nicht förderfähig: {reasons}", reasons=r["reasons"]))
        for s in self.steps[self.steps["application_id"] == application_id].itertuples(index=False):
            if s.year is None or pd.isna(s.year):
                continue
            lines.append("  " + tr("{year}: beantragt {asked}, frei {free}, vorgeschlagen {granted}",
                                   year=int(s.year), asked=format_money(s.requested),
                                   free=format_money(s.free_before), granted=format_money(s.granted)))
        return lines


def build_trace(criteria: pd.DataFrame, need: pd.DataFrame, ranking: pd.DataFrame,
                allocation: Allocation, **notes: object) -> RoundTrace:
    """Bundle the parts of one ranking and allocation run into a trace."""
    parameters = {**allocation.parameters, "tie_break": tr(TIE_BREAK_TEXT), **notes}
    return RoundTrace(criteria=criteria, need=need, ranking=ranking, steps=allocation.steps,
                      parameters=parameters)
