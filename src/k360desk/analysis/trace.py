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
        rank = "ohne Rang" if pd.isna(r["rank"]) else f"Rang {int(r['rank'])}"
        lines.append(f"„{r['title']}“: {rank}, Gesamtpunktzahl {format_number(r['total'], 1)} "
                     "von 100.")
        crit = self.criteria[self.criteria["application_id"] == application_id]
        for c in crit.itertuples(index=False):
            if c.source == "Bedarf" and c.weight == 0 and pd.isna(c.mean):
                lines.append(f"  {c.criterion}: entfällt (kein Bedarfswert), die übrigen Gewichte "
                             "zählen anteilig")
                continue
            if c.source == "Bedarf":
                value = f"Bedarf {format_number(c.mean, 1)} von 100"
            else:
                value = (f"Mittel {format_number(c.mean, 2)} aus {c.raters} Bewertung(en), "
                         f"Skala {format_number(c.scale_min, 0)}–{format_number(c.scale_max, 0)}")
            lines.append(f"  {c.criterion} (Gewicht {format_number(c.weight, 1)}): {value} → "
                         f"{format_number(c.contribution, 1)} Punkte")
        for d in self.need[self.need["application_id"] == application_id].itertuples(index=False):
            share = format_number(d.share * 100, 0)
            label = f"{d.code} {d.name}" if hasattr(d, "code") else str(d.district_id)
            note = str(getattr(d, "note", "") or "")
            lines.append(f"  Sozialraum {label}: Anteil {share} %, "
                         f"Bedarf {format_number(d.need, 1)}" + (f" ({note})" if note else ""))
        if str(r.get("unscored", "") or ""):
            lines.append(f"  Bewertung fehlt (Mittel nur aus den vorhandenen): {r['unscored']}")
        if str(r.get("abstained", "") or ""):
            lines.append(f"  {r['abstained']}")
        if r["tie"]:
            lines.append(f"  {r['tie']}")
        if not r["eligible"]:
            lines.append(f"  Nicht förderfähig: {r['reasons']}")
        for s in self.steps[self.steps["application_id"] == application_id].itertuples(index=False):
            if s.year is None or pd.isna(s.year):
                continue
            lines.append(f"  {int(s.year)}: beantragt {format_money(s.requested)}, frei "
                         f"{format_money(s.free_before)}, vorgeschlagen {format_money(s.granted)}")
        return lines


def build_trace(criteria: pd.DataFrame, need: pd.DataFrame, ranking: pd.DataFrame,
                allocation: Allocation, **notes: object) -> RoundTrace:
    """Bundle the parts of one ranking and allocation run into a trace."""
    parameters = {**allocation.parameters, "tie_break": TIE_BREAK_TEXT, **notes}
    return RoundTrace(criteria=criteria, need=need, ranking=ranking, steps=allocation.steps,
                      parameters=parameters)
