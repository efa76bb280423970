"""Verwendungsnachweis: per funded project and year the Sachbericht (narrative), the numeric
proof (planned vs spent per cost type) and the audit with its result.

Cost types are rows of ``cost_types`` (a new file gets Personal, Sachkosten, Honorare, Miete,
Sonstiges); nothing here knows their names. An audit "mit Rückforderung" recognises the spent
money up to the year's award (or a figure the auditor sets) and records the claim for the
rest of the year's payments (:func:`k360desk.models.revocations.record_proof_claim`).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from k360desk.messages import N_, tr
from k360desk.money import format_cents, from_cents, to_cents
from k360desk.projectfile.project import Project
from k360desk.projectfile.records import Application, CostType, UsageReport

# Stored in German (a Rückforderung's reason); translated where shown.
AUDIT_LABELS = {"": N_("nicht geprüft"), "clean": N_("geprüft ohne Beanstandung"),
                "recovery": N_("geprüft mit Rückforderung")}


def cost_types(project: Project) -> list[CostType]:
    """The cost types of the numeric proof in their order."""
    return project.all(CostType, order_by="sort, name")


def cost_type_by_name(project: Project, name: str) -> CostType:
    """A cost type by its name (case-insensitive); RoundError listing the known ones."""
    from k360desk.models.rounds import RoundError

    types = cost_types(project)
    for cost in types:
        if cost.name.casefold() == str(name).strip().casefold():
            return cost
    known = ", ".join(c.name for c in types)
    raise RoundError(tr("Kostenart „{name}“ gibt es nicht (bekannt: {known}).", name=name, known=known))


def report_for(project: Project, application_id: int, year: int) -> UsageReport:
    """The usage report of a project and year, created when missing (funded years only)."""
    from k360desk.models.aftercare import USAGE_REPORT_DUE
    from k360desk.models.rounds import RoundError

    found = project.find(UsageReport, application_id=application_id, year=int(year))
    if found is not None:
        return found
    app = project.get(Application, application_id)
    awarded = project._conn.execute(
        "SELECT coalesce(awarded, 0) FROM application_amounts WHERE application_id=? AND year=?",
        (application_id, int(year))).fetchone()
    if app is None or app.status != "awarded" or not awarded or int(awarded[0]) <= 0:
        title = app.title if app else str(application_id)
        raise RoundError(tr("„{title}“ ist für {year} nicht gefördert: kein Verwendungsnachweis.",
                              title=title, year=year))
    report_id = project.add(UsageReport(application_id=application_id, year=int(year),
                                        due=f"{int(year) + 1}-{USAGE_REPORT_DUE}"))
    return project.get(UsageReport, report_id)


def set_proof(project: Project, application_id: int, year: int, *, narrative: str | None = None,
              lines: Mapping[str, tuple[float | None, float | None]] | None = None,
              received: str | None = None) -> int:
    """Store the Sachbericht and/or lines {cost type name: (planned, spent)} (None keeps the
    stored figure); return the usage report's id."""
    from k360desk.models.rounds import RoundError

    with project.transaction():
        report = report_for(project, application_id, year)
        changes = {}
        if narrative is not None:
            changes["narrative"] = narrative.strip()
        if received is not None:
            changes["received"] = received
        if changes:
            project.update(UsageReport, report.id, **changes)
        if lines:
            stored = proof_lines(project, report.id).set_index("cost_type_id")
            rows = []
            for name, (planned, spent) in lines.items():
                cost = cost_type_by_name(project, name)
                if any(v is not None and to_cents(v) < 0 for v in (planned, spent)):
                    raise RoundError(tr("{name}: Beträge dürfen nicht negativ sein.", name=cost.name))
                old = stored.loc[cost.id] if cost.id in stored.index else {"planned": 0.0, "spent": 0.0}
                rows.append({"usage_report_id": report.id, "cost_type_id": cost.id,
                             "planned": old["planned"] if planned is None else planned,
                             "spent": old["spent"] if spent is None else spent})
            project.execute_link("proof_lines", rows)
    return report.id


def proof_lines(project: Project, report_id: int) -> pd.DataFrame:
    """Every cost type with planned, spent and difference (euros) of one usage report."""
    lines = project.link_frame("proof_lines", usage_report_id=report_id).set_index("cost_type_id")
    rows = []
    for cost in cost_types(project):
        planned = float(lines.loc[cost.id, "planned"]) if cost.id in lines.index else 0.0
        spent = float(lines.loc[cost.id, "spent"]) if cost.id in lines.index else 0.0
        rows.append({"cost_type_id": cost.id, "cost_type": cost.name, "planned": planned, "spent": spent,
                     "difference": from_cents(to_cents(spent) - to_cents(planned))})
    return pd.DataFrame(rows, columns=["cost_type_id", "cost_type", "planned", "spent", "difference"])


def totals_cents(project: Project, report_id: int) -> tuple[int, int]:
    """(planned, spent) of a usage report in cents, summed exactly."""
    row = project._conn.execute("SELECT coalesce(sum(planned), 0), coalesce(sum(spent), 0) FROM proof_lines "
                                "WHERE usage_report_id=?", (report_id,)).fetchone()
    return int(row[0]), int(row[1])


def audit(project: Project, report_id: int, result: str, note: str, audited_on: str,
          eligible: float | None = None) -> int | None:
    """Record the audit of a usage report; with ``recovery`` the claim follows. Returns the
    id of the recorded Rückforderung (None for a clean audit or nothing to claim)."""
    from k360desk.models.revocations import _iso, paid_cents, record_proof_claim
    from k360desk.models.rounds import RoundError

    if result not in ("clean", "recovery"):
        raise RoundError(tr("Prüfergebnis: „clean“ (ohne Beanstandung) oder „recovery“ (mit Rückforderung)."))
    report = project.get(UsageReport, report_id)
    if report is None:
        raise RoundError(tr("Den Verwendungsnachweis gibt es nicht (mehr)."))
    day = _iso(audited_on, tr("Datum der Prüfung"))
    awarded = project._conn.execute(
        "SELECT coalesce(awarded, 0) FROM application_amounts WHERE application_id=? AND year=?",
        (report.application_id, report.year)).fetchone()
    award = int(awarded[0]) if awarded else 0
    _planned, spent = totals_cents(project, report_id)
    recognised = to_cents(eligible) if eligible is not None else min(spent, award)
    paid = paid_cents(project, int(report.application_id), {int(report.year)})
    claim = max(0, paid - recognised)
    if result == "clean" and claim:
        raise RoundError(tr("Ohne Beanstandung geht nicht: ausgezahlt {paid}, nachgewiesen und anerkannt "
                            "{recognised}. Bitte „mit Rückforderung“ prüfen.", paid=format_cents(paid),
                            recognised=format_cents(recognised)))
    with project.transaction():
        project.update(UsageReport, report_id, audit=result, audit_note=note.strip(), audited_on=day,
                       unspent=from_cents(claim))
        if result == "recovery":
            return record_proof_claim(project, int(report.application_id), int(report.year), recognised,
                                      day, note or AUDIT_LABELS["recovery"], report_id)
    return None


def proof_summary(project: Project, report_id: int) -> dict:
    """Title, year, Sachbericht, audit label and note, totals and payments of one usage report."""
    from k360desk.models.revocations import paid_cents

    report = project.get(UsageReport, report_id)
    app = project.get(Application, report.application_id)
    planned, spent = totals_cents(project, report_id)
    return {"title": app.title, "year": report.year, "narrative": report.narrative,
            "audit": tr(AUDIT_LABELS.get(report.audit, report.audit)), "audit_note": report.audit_note,
            "audited_on": report.audited_on, "received": report.received, "planned": planned,
            "spent": spent, "paid": paid_cents(project, int(report.application_id), {int(report.year)}),
            "claim": to_cents(report.unspent) if report.audit == "recovery" else 0}
