"""A new funding round for a programme: name, period, budget per year, deadline and rules,
optionally the criteria catalogue of an earlier round. Starts as a draft."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from k360desk.messages import tr
from k360desk.money import to_cents
from k360desk.projectfile.project import Project
from k360desk.projectfile.records import FundingRound, Programme

ALLOCATION_RULES = ("full", "partial")
NEED_RULES = ("parent", "declared", "omit", "block")


def find_programme(project: Project, key: str | int) -> Programme:
    """A programme by number or name (case-insensitive); RoundError naming the known ones."""
    from k360desk.models.rounds import RoundError

    text = str(key).strip()
    for programme in project.all(Programme, order_by="id"):
        if (text.isdigit() and programme.id == int(text)) or programme.name.casefold() == text.casefold():
            return programme
    known = ", ".join(p.name for p in project.all(Programme)) or tr("keine")
    raise RoundError(tr("Förderprogramm „{text}“ gibt es nicht (vorhanden: {known}).", text=text,
                        known=known))


def new_round(project: Project, programme_key: str | int, name: str, budgets: Mapping[int, float], *,
              first_year: int | None = None, last_year: int | None = None, deadline: str | None = None,
              rule: str = "full", min_share: float = 1.0, need_rule: str = "parent",
              budget_line: str = "", criteria_from: str | int | None = None) -> int:
    """Create the round with its yearly budgets (whole cents) and return its id."""
    from k360desk.models.rounds import RoundError, copy_criteria, find_round

    programme = find_programme(project, programme_key)
    name = str(name or "").strip()
    if not name:
        raise RoundError(tr("Die Förderrunde braucht einen Namen."))
    if any(r.name.casefold() == name.casefold() for r in project.all(FundingRound)):
        raise RoundError(tr("Eine Förderrunde „{name}“ gibt es schon.", name=name))
    if not budgets and (first_year is None or last_year is None):
        raise RoundError(tr("Budget je Jahr (z. B. 2027=480.000) oder Zeitraum angeben."))
    years = sorted(int(y) for y in budgets)
    first = int(first_year) if first_year is not None else years[0]
    last = int(last_year) if last_year is not None else years[-1]
    if last < first:
        raise RoundError(tr("Der Zeitraum {first}–{last} endet vor seinem Beginn.", first=first, last=last))
    outside = [y for y in years if not first <= y <= last]
    if outside:
        raise RoundError(tr("Budgetjahr {year} liegt außerhalb des Zeitraums {first}–{last}.",
                            year=outside[0], first=first, last=last))
    negative = [y for y, v in budgets.items() if to_cents(v) < 0]
    if negative:
        raise RoundError(tr("Das Budget {year} darf nicht negativ sein.", year=negative[0]))
    if rule not in ALLOCATION_RULES:
        raise RoundError(tr("Unbekannte Vergaberegel „{rule}“ (full oder partial).", rule=rule))
    if not 0 < float(min_share) <= 1:
        raise RoundError(tr("Der Mindestanteil muss zwischen 0 und 100 % liegen."))
    if need_rule not in NEED_RULES:
        raise RoundError(tr("Unbekannte Bedarfsregel „{rule}“.", rule=need_rule))
    if deadline:
        try:
            deadline = date.fromisoformat(str(deadline)[:10]).isoformat()
        except ValueError:
            raise RoundError(tr("Antragsfrist „{text}“ ist kein Datum (JJJJ-MM-TT).",
                                text=deadline)) from None
    source = find_round(project, criteria_from) if criteria_from is not None else None
    with project.transaction():
        round_id = project.add(FundingRound(
            programme_id=programme.id, name=name, first_year=first, last_year=last, deadline=deadline or None,
            allocation_rule=rule, min_share=float(min_share), need_fallback=need_rule,
            budget_line=budget_line.strip()))
        project.execute_link("round_budgets", [{"round_id": round_id, "year": int(y), "amount": float(v)}
                                               for y, v in sorted(budgets.items())])
        if source is not None:
            copy_criteria(project, source.id, round_id)
    return round_id
