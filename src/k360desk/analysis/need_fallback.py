"""Need values for districts the social index leaves out (excluded districts, whole Stadtbezirke).

A funding round names one rule for districts without a need value of their own:

- ``parent``: the need of the level above. A district with children (a Stadtbezirk) gets the
  mean need of its children that have a value; a district without a value of its own gets the
  value of its parent (the parent's own value, else the mean of its siblings with a value).
- ``declared``: one value the round declares (0–100) for every such district.
- ``omit``: no value; the application's need criterion is left out and the remaining
  weights are renormalised (see :func:`k360desk.analysis.scoring.criterion_table`).
- ``block``: no value; the application stays incomplete and the final decision is refused.

Every filled value carries a German note that the trace, the ranking and the Vorlage show.
Pure functions, no I/O.
"""

from __future__ import annotations

import pandas as pd

from k360desk.formats import format_number
from k360desk.messages import N_, tr

RULES = ("parent", "declared", "omit", "block")
RULE_LABELS = {
    "parent": N_("Bedarf der übergeordneten Ebene"),
    "declared": N_("festgelegter Bedarfswert"),
    "omit": N_("Bedarfskriterium entfällt, Gewichte neu verteilt"),
    "block": N_("kein Beschluss ohne Bedarfswert"),
}


def fill_need(
    need: pd.Series,
    districts: pd.DataFrame,
    rule: str,
    declared: float | None = None,
) -> tuple[pd.Series, pd.Series]:
    """Need per district completed under ``rule``, and a note per filled district.

    ``need`` maps district id → need (0–100); ``districts`` has id, code, name, parent_id for
    every district of the project. Districts that keep no value are simply absent.
    """
    if rule not in RULES:
        raise ValueError(tr("Unbekannte Regel für fehlende Bedarfswerte „{rule}“.", rule=rule))
    values = pd.to_numeric(need, errors="coerce").dropna().astype(float)
    values.index = values.index.astype(int)
    notes: dict[int, str] = {}
    filled = dict(values.items())
    if rule == "declared":
        if declared is None or not 0 <= float(declared) <= 100:
            raise ValueError(
                tr("Für die Regel „festgelegter Bedarfswert“ fehlt ein Wert zwischen 0 und 100."))
        for row in districts.itertuples(index=False):
            if int(row.id) not in filled:
                filled[int(row.id)] = float(declared)
                notes[int(row.id)] = tr("festgelegter Bedarfswert {value}",
                                        value=format_number(float(declared), 1))
        return _series(filled), pd.Series(notes, dtype=object)
    if rule != "parent":
        return values.rename("need"), pd.Series(dtype=object)
    frame = districts.set_index(districts["id"].astype(int))
    parent = frame["parent_id"].dropna().astype(int)
    children: dict[int, list[int]] = {}
    for child, mother in parent.items():
        children.setdefault(int(mother), []).append(int(child))
    # First the upper level from its children, so that a child can then take its parent's value.
    for mother, kids in children.items():
        if mother in filled:
            continue
        known = [values[k] for k in kids if k in values.index]
        if known:
            filled[mother] = sum(known) / len(known)
            notes[mother] = tr("Mittel der {n} Sozialräume mit Bedarfswert darunter ({value})",
                               n=len(known), value=format_number(filled[mother], 1))
    for row in frame.itertuples():
        district = int(row.Index)
        if district in filled or district not in parent.index:
            continue
        mother = int(parent[district])
        if mother in filled:
            filled[district] = filled[mother]
            name = frame.at[mother, "name"] if mother in frame.index else str(mother)
            notes[district] = tr("kein eigener Bedarfswert: Wert der übergeordneten Ebene „{name}“ ({value})",
                                 name=name, value=format_number(filled[mother], 1))
    return _series(filled), pd.Series(notes, dtype=object)


def _series(values: dict[int, float]) -> pd.Series:
    return pd.Series(values, dtype=float, name="need").sort_index()
