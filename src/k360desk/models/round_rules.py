"""The round's own rules the decision depends on: what a district without a need value
counts (``need_fallback`` with ``need_declared``) and the budget line of the Vorlage.
One function for the command line and the UI, so both check the same."""

from __future__ import annotations

from typing import Any

from k360desk.messages import tr
from k360desk.projectfile.project import Project
from k360desk.projectfile.records import FundingRound

NEED_RULES = ("parent", "declared", "omit", "block")


def configure_round(project: Project, round_id: int, **fields: Any) -> dict[str, Any]:
    """Change need rule, declared need value and/or budget line; return the old values.

    A declared rule needs a value from 0 to 100; once the round is decided its need rule
    stays as decided (the budget line may still be corrected for the Vorlage).
    """
    from k360desk.models.rounds import DECIDED, RoundError, _round

    rnd = _round(project, round_id)
    unknown = set(fields) - {"need_fallback", "need_declared", "budget_line"}
    if unknown:
        raise ValueError(f"unknown round rule fields: {sorted(unknown)}")
    if not fields:
        raise RoundError(tr("Nichts zu ändern: Bedarfsregel, Bedarfswert oder Haushaltsstelle angeben."))
    if "budget_line" in fields:
        fields["budget_line"] = str(fields["budget_line"] or "").strip()
    if fields.get("need_fallback", rnd.need_fallback) not in NEED_RULES:
        raise RoundError(tr("Unbekannte Bedarfsregel „{rule}“.", rule=fields["need_fallback"]))
    value = fields.get("need_declared", rnd.need_declared)
    if "need_declared" in fields and value is not None and not 0 <= float(value) <= 100:
        raise RoundError(tr("Der Bedarfswert muss zwischen 0 und 100 liegen."))
    if fields.get("need_fallback", rnd.need_fallback) == "declared" and value is None:
        raise RoundError(tr("Für die Regel „festgelegter Wert“ fehlt der Bedarfswert."))
    need_changes = {k for k in ("need_fallback", "need_declared") if k in fields
                    and fields[k] != getattr(rnd, k)}
    if rnd.status in DECIDED and need_changes:
        raise RoundError(tr("Die Runde ist entschieden; die Bedarfsregel bleibt, wie beschlossen."))
    with project.transaction():
        old = project.update(FundingRound, round_id, **fields)
        project.log("configure", FundingRound.table, rnd.uuid,
                    ", ".join(f"{k}: {v}" for k, v in fields.items()))
    return {k: old[k] for k in fields}
