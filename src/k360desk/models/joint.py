"""Joint applications (Verbundanträge) and the cost plan of an application.

The lead provider is the application's own ``provider_id``; further providers of a joint
application are rows of ``application_partners``. The cost plan (total costs, own share,
other funding) is optional; once given it must leave room for the amount requested over all
years: requested ≤ total − own share − other funding, compared in whole cents.
"""

from __future__ import annotations

from k360desk.messages import N_, tr
from k360desk.money import format_cents, to_cents
from k360desk.projectfile.project import Project
from k360desk.projectfile.records import Application, Provider

COST_FIELDS = ("total_costs", "own_share", "other_funding")
COST_LABELS = {"total_costs": N_("Gesamtkosten"), "own_share": N_("Eigenanteil"),
               "other_funding": N_("weitere Förderung")}


def cost_problems(total: float | None, own: float | None, other: float | None,
                  requested: float | None) -> list[str]:
    """German messages for a cost plan that does not add up (empty when it does or is not given)."""
    values = {"total_costs": total, "own_share": own, "other_funding": other}
    problems = [tr("{what} darf nicht negativ sein.", what=tr(COST_LABELS[k])) for k, v in values.items()
                if v is not None and to_cents(v) < 0]
    if problems:
        return problems
    if total is None:
        if own is not None or other is not None:
            return [tr("Eigenanteil und weitere Förderung brauchen die Gesamtkosten des Projekts.")]
        return []
    total_c, own_c, other_c = to_cents(total), to_cents(own or 0), to_cents(other or 0)
    if own_c + other_c > total_c:
        return [tr("Eigenanteil ({own}) und weitere Förderung ({other}) sind zusammen mehr als die "
                   "Gesamtkosten ({total}).", own=format_cents(own_c), other=format_cents(other_c),
                   total=format_cents(total_c))]
    gap = total_c - own_c - other_c
    asked = to_cents(requested or 0)
    if asked > gap:
        return [tr("Beantragt sind {asked}, mehr als Gesamtkosten − Eigenanteil − weitere Förderung "
                   "({total} − {own} − {other} = {gap}).", asked=format_cents(asked),
                   total=format_cents(total_c), own=format_cents(own_c), other=format_cents(other_c),
                   gap=format_cents(gap))]
    return []


def requested_total(project: Project, application_id: int) -> float:
    """The amount requested over all years, in euros."""
    frame = project.link_frame("application_amounts", application_id=application_id)
    return float(frame["requested"].sum()) if len(frame) else 0.0


def application_cost_problems(project: Project, application_id: int, **changes) -> list[str]:
    """The cost check of a stored application, with ``changes`` (cost fields or a new
    ``requested`` total) applied as if saved."""
    app = project.get(Application, application_id)
    if app is None:
        return []
    values = {name: changes.get(name, getattr(app, name)) for name in COST_FIELDS}
    requested = changes.get("requested", requested_total(project, application_id))
    return cost_problems(values["total_costs"], values["own_share"], values["other_funding"], requested)


def set_cost_plan(project: Project, application_id: int, total: float | None, own: float | None,
                  other: float | None) -> None:
    """Store the cost plan after the check; RoundError with the German reasons otherwise."""
    from k360desk.models.rounds import RoundError

    problems = application_cost_problems(project, application_id, total_costs=total, own_share=own,
                                         other_funding=other)
    if problems:
        raise RoundError(" ".join(problems))
    project.update(Application, application_id, total_costs=total, own_share=own, other_funding=other)


def partners(project: Project, application_id: int) -> list[Provider]:
    """The further providers of a joint application (not the lead), by name."""
    ids = project.link_frame("application_partners", application_id=application_id)["provider_id"]
    found = [project.get(Provider, int(i)) for i in ids]
    return sorted((p for p in found if p is not None), key=lambda p: p.name.casefold())


def set_partners(project: Project, application_id: int, provider_ids: list[int]) -> None:
    """Make ``provider_ids`` the further providers of the application (replacing the old ones)."""
    from k360desk.models.rounds import RoundError

    app = project.get(Application, application_id)
    if app is None:
        raise RoundError(tr("Den Antrag gibt es nicht (mehr)."))
    wanted = list(dict.fromkeys(int(i) for i in provider_ids))
    if app.provider_id is not None and int(app.provider_id) in wanted:
        raise RoundError(tr("Der federführende Träger ist schon Antragsteller; als Partner bitte einen "
                            "anderen Träger wählen."))
    if wanted and app.provider_id is None:
        raise RoundError(tr("Ein Verbundantrag braucht zuerst einen federführenden Träger."))
    unknown = [i for i in wanted if project.get(Provider, i) is None]
    if unknown:
        raise RoundError(tr("Träger {id} gibt es nicht.", id=unknown[0]))
    with project.transaction():
        project.delete_link("application_partners", application_id=application_id)
        project.execute_link("application_partners",
                             [{"application_id": application_id, "provider_id": i} for i in wanted])
        names = ", ".join(p.name for p in partners(project, application_id)) or "keine"
        project.log("partners", Application.table, app.uuid, f"Verbundpartner: {names}")


def providers_text(project: Project, application_id: int, lead_name: str | None = None) -> str:
    """The applicants as people read them: "AWO (federführend), Caritas" or just the lead."""
    app = project.get(Application, application_id)
    lead = lead_name
    if lead is None and app is not None and app.provider_id is not None:
        record = project.get(Provider, int(app.provider_id))
        lead = record.name if record else ""
    others = [p.name for p in partners(project, application_id)]
    if not others:
        return lead or ""
    return ", ".join([tr("{name} (federführend)", name=lead) if lead else "", *others]).lstrip(", ")


def cost_plan_text(project: Project, application_id: int) -> str:
    """One German sentence on the cost plan, empty when none is given."""
    app = project.get(Application, application_id)
    if app is None or app.total_costs is None:
        return ""
    requested = requested_total(project, application_id)
    return tr("Gesamtkosten {total}, Eigenanteil {own}, weitere Förderung {other}, beantragt {asked}",
              total=format_cents(to_cents(app.total_costs)), own=format_cents(to_cents(app.own_share or 0)),
              other=format_cents(to_cents(app.other_funding or 0)), asked=format_cents(to_cents(requested)))
