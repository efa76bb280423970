"""Recorded decisions of a funding round, the way councils decide.

Each application goes to the body its programme's decision rule names for its amount (the
award, or the requested total for a rejection): a committee in one of its meetings, or the
administration (a rule without committee) without a meeting. A round may be decided in
several meetings; an application decided once keeps its decision (amended only by an
amendment with history). Every decision keeps the programme within its yearly budgets: a
decision that would commit more than the budget is refused unless an over-commitment is
declared with a reason, which is logged. Money is compared in whole cents.
"""

from __future__ import annotations

import json

import pandas as pd

from k360desk.formats import format_date, format_money, from_cents, to_cents
from k360desk.messages import N_, tr, using
from k360desk.projectfile.project import Project
from k360desk.projectfile.records import (
    AgendaItem,
    Application,
    Committee,
    DecisionRule,
    FundingRound,
    Meeting,
)

ADMINISTRATION = "admin"
ADMINISTRATION_LABEL = N_("Verwaltung")
DECIDED_APPS = ("awarded", "rejected")


def deciding_body(project: Project, programme_id: int | None, amount: float) -> int | str | None:
    """Who decides an application of this total under the programme's rules: a committee id,
    :data:`ADMINISTRATION` (a rule without committee) or None (the programme has no rules)."""
    if programme_id is None:
        return None
    rules = project.all(DecisionRule, order_by="id", programme_id=programme_id)
    if not rules:
        return None
    cents = to_cents(amount)
    limited = sorted((r for r in rules if r.max_amount is not None), key=lambda r: r.max_amount)
    for rule in limited:
        if cents <= to_cents(rule.max_amount):
            return rule.committee_id if rule.committee_id is not None else ADMINISTRATION
    unlimited = [r for r in rules if r.max_amount is None]
    if not unlimited:
        return None
    return unlimited[0].committee_id if unlimited[0].committee_id is not None else ADMINISTRATION


def body_name(project: Project, body: int | str | None) -> str:
    """German name of a deciding body."""
    if body == ADMINISTRATION:
        return tr(ADMINISTRATION_LABEL)
    record = project.get(Committee, body) if body is not None else None
    return record.name if record is not None else tr("zuständiges Gremium")


def decision_amount(amounts: pd.DataFrame, summary_row) -> float:
    """The amount that selects the body: the award, or for a rejection the requested total."""
    mine = amounts[amounts["application_id"] == summary_row.application_id]
    proposed = float(mine["proposed"].sum())
    return proposed if proposed > 0 else float(mine["requested"].sum())


def bodies(project: Project, programme_id: int | None, amounts: pd.DataFrame,
           summary: pd.DataFrame) -> dict[int, int | str | None]:
    """Deciding body per application id."""
    return {int(r.application_id): deciding_body(project, programme_id, decision_amount(amounts, r))
            for r in summary.itertuples(index=False)}


def already_decided(project: Project, round_id: int) -> set[int]:
    """Applications of the round that a recorded decision has settled."""
    from k360desk.models.round_need import decision_figures

    stored = decision_figures(project, round_id).get("applications", {})
    rows = project._conn.execute(
        "SELECT id, status FROM applications WHERE round_id=?", (round_id,)).fetchall()
    return {int(a) for a, status in rows if str(a) in stored and status in DECIDED_APPS + ("ineligible",)}


def budget_excess(project: Project, round_id: int,
                  new: dict[int, dict[int, float]]) -> dict[int, tuple[int, int]]:
    """Years in which the programme would commit more than the round's budget, as
    {year: (committed cents, budget cents)}, if the awards in ``new`` (application → year →
    euros) replaced what those applications hold now."""
    from k360desk.models.rounds import commitments

    budgets = {int(y): int(a) for y, a in project._conn.execute(  # the file keeps cents
        "SELECT year, amount FROM round_budgets WHERE round_id=?", (round_id,))}
    used: dict[int, int] = {int(y): to_cents(v) for y, v in commitments(project, round_id).items()}
    rows = project._conn.execute(
        "SELECT m.application_id, m.year, m.awarded FROM application_amounts m "
        "JOIN applications a ON a.id = m.application_id WHERE a.round_id=? AND a.status='awarded' "
        "AND m.awarded IS NOT NULL", (round_id,)).fetchall()
    for app, year, value in rows:
        if int(app) not in new:
            used[int(year)] = used.get(int(year), 0) + int(value)
    for grant in new.values():
        for year, value in grant.items():
            used[int(year)] = used.get(int(year), 0) + to_cents(value)
    return {y: (c, budgets.get(y, 0)) for y, c in sorted(used.items()) if c > budgets.get(y, 0)}


def excess_text(excess: dict[int, tuple[int, int]]) -> str:
    """German list of over-committed years."""
    return "; ".join(f"{y}: {format_money(from_cents(c))} von {format_money(from_cents(b))}"
                     for y, (c, b) in excess.items())


def check_budget(project: Project, round_id: int, new: dict[int, dict[int, float]],
                 over_commitment: str = "", what: str = "Beschluss") -> str:
    """Refuse (RoundError) a change that exceeds the budget without a declared over-commitment;
    return the log text of a declared one (empty when the budget holds)."""
    from k360desk.models.rounds import RoundError

    excess = budget_excess(project, round_id, new)
    if not excess:
        return ""
    if not over_commitment.strip():
        raise RoundError(
            f"Budget überschritten ({excess_text(excess)}): {what} nur mit ausdrücklich "
            "erklärter Überschreitung und Begründung.")
    return f"Überschreitung des Budgets erklärt ({excess_text(excess)}): {over_commitment.strip()}"


def record_decision(
    project: Project,
    round_id: int,
    amounts: pd.DataFrame,
    summary: pd.DataFrame,
    meeting_id: int | None,
    decided_on: str | None = None,
    application_ids: list[int] | None = None,
    agenda_number: str = "",
    over_commitment: str = "",
    accept_missing: str = "",
) -> int | None:
    """Fix the allocation as final for the applications this body decides; return the agenda
    item id (None for a decision of the administration).

    ``amounts`` has application_id, year, proposed, override_reason; ``summary`` has
    application_id, outcome, reason. Without ``application_ids`` the decision covers every
    application not yet decided whose rule names the meeting's committee (or, without a
    meeting, the administration); listed applications must all belong to that body. The round
    becomes "decided" once every application is settled.
    """
    from k360desk.models.rounds import (
        STATUS_LABELS,
        RoundError,
        _round,
        check_transition,
        fix_need_run,
        incomplete_problem,
        keep_decision_figures,
        unscored_problem,
    )

    rnd = _round(project, round_id)
    if rnd.status != "assessment":
        raise RoundError(
            "Entscheiden lässt sich nur eine Runde im Status „Bewertung“ "
            f"(jetzt: {STATUS_LABELS[rnd.status]}).")
    meeting = project.get(Meeting, meeting_id) if meeting_id is not None else None
    if meeting_id is not None and meeting is None:
        raise RoundError("Diese Sitzung gibt es nicht.")
    body = meeting.committee_id if meeting is not None else ADMINISTRATION
    date = decided_on or (meeting.date if meeting is not None else None)
    if not date:
        raise RoundError("Das Datum des Beschlusses fehlt.")
    problem = incomplete_problem(summary)
    if problem:
        raise RoundError(problem)
    gap = unscored_problem(summary)
    if gap and not accept_missing.strip():
        raise RoundError(gap)
    owner = bodies(project, rnd.programme_id, amounts, summary)
    done = already_decided(project, round_id)
    # Without rules any meeting decides everything; the administration only what a rule gives it.
    mine = {a for a, b in owner.items() if b == body or (b is None and meeting is not None)}
    if application_ids is None:
        chosen_ids = [a for a in owner if a in mine and a not in done]
    else:
        wrong = [a for a in application_ids if a not in mine]
        if wrong:
            titles = summary.set_index("application_id")["title"]
            raise RoundError(
                "Nach den Entscheidungsregeln des Programms entscheidet ein anderes Gremium über: "
                + ", ".join(f"„{titles.get(a, a)}“ ({body_name(project, owner.get(a))})" for a in wrong)
                + ".")
        again = [a for a in application_ids if a in done]
        if again:
            raise RoundError("Schon beschlossen (Änderung nur als Änderungsbescheid): "
                             + ", ".join(str(a) for a in again) + ".")
        chosen_ids = list(application_ids)
    if not chosen_ids:
        who = body_name(project, body)
        others = sorted({body_name(project, owner[a]) for a in owner if a not in done and a not in mine})
        raise RoundError(
            f"Für {who} ist in dieser Runde nichts mehr zu entscheiden"
            + (f" (offen bei: {', '.join(others)})." if others else "."))
    chosen = summary[summary["application_id"].isin(chosen_ids)]
    new = {int(a): {int(r.year): float(r.proposed)
                    for r in amounts[amounts["application_id"] == a].itertuples(index=False)}
           for a in chosen_ids}
    over_note = check_budget(project, round_id, new, over_commitment)
    awarded_n, total_cents, rejected_n = 0, 0, 0
    with project.transaction():
        for row in chosen.itertuples(index=False):
            app_id = int(row.application_id)
            grant = amounts[amounts["application_id"] == app_id]
            old = project.link_frame("application_amounts", application_id=app_id)
            requested = dict(zip(old["year"], old["requested"], strict=True))
            reasons = dict(zip(old["year"], old["override_reason"], strict=True))
            project.execute_link("application_amounts", [
                {
                    "application_id": app_id,
                    "year": int(r.year),
                    "requested": from_cents(to_cents(requested.get(r.year, 0.0))),
                    "awarded": from_cents(to_cents(r.proposed)),
                    "override_reason": r.override_reason or reasons.get(r.year, "") or "",
                }
                for r in grant.itertuples(index=False)
            ])
            cents = sum(to_cents(v) for v in grant["proposed"])
            if cents > 0:
                project.update(Application, app_id, status="awarded", reason=str(row.reason))
                awarded_n, total_cents = awarded_n + 1, total_cents + cents
            else:
                status = "ineligible" if row.outcome == "ineligible" else "rejected"
                project.update(Application, app_id, status=status, reason=str(row.reason))
                rejected_n += 1
        with using("de"):  # the agenda item and the change log keep German
            who = body_name(project, body)
        awarded_text = "1 Antrag" if awarded_n == 1 else f"{awarded_n} Anträge"
        decision = (
            f"Beschluss ({who}) vom {format_date(date)}: {awarded_text} bewilligt "
            f"({format_money(from_cents(total_cents))}), {rejected_n} abgelehnt.")
        item_id = None
        if meeting is not None:
            item_id = project.add(AgendaItem(
                meeting_id=meeting.id, number=agenda_number, title=f"Förderrunde {rnd.name}: Vergabe",
                round_id=round_id, decision=decision))
        project.log("decision", FundingRound.table, rnd.uuid, decision)
        if over_note:
            project.log("overcommit", FundingRound.table, rnd.uuid, over_note)
        if gap:
            project.log("accepted", FundingRound.table, rnd.uuid,
                        f"Fehlende Bewertungen akzeptiert: {accept_missing.strip()} – {gap}")
        fix_need_run(project, round_id)
        keep_decision_figures(project, round_id, summary[summary["application_id"].isin(chosen_ids)])
        _remember_bodies(project, round_id, {a: owner[a] for a in chosen_ids}, date)
        if not check_transition(project, round_id, "decided"):
            project.update(FundingRound, round_id, status="decided")
    return item_id


def _remember_bodies(project: Project, round_id: int, decided: dict, date: str) -> None:
    """Keep who decided each application and when with the decision figures."""
    from k360desk.models.round_need import decision_figures

    rnd = project.get(FundingRound, round_id)
    stored = decision_figures(project, round_id)
    apps = stored.setdefault("applications", {})
    for app, body in decided.items():
        entry = apps.setdefault(str(int(app)), {})
        entry["body"] = body
        entry["date"] = date
    project.update(FundingRound, rnd.id, decision_figures=json.dumps(stored, ensure_ascii=False))


# --- after the decision ------------------------------------------------------------------


def _awarded_app(project: Project, application_id: int) -> Application:
    from k360desk.models.rounds import RoundError

    app = project.get(Application, application_id)
    if app is None:
        raise RoundError("Den Antrag gibt es nicht (mehr).")
    rnd = project.get(FundingRound, app.round_id)
    recorded = application_id in already_decided(project, app.round_id) or rnd.status in ("decided", "closed")
    if app.status != "awarded" or not recorded:
        raise RoundError(
            f"„{app.title}“ ist nicht bewilligt: ändern lässt sich nur eine beschlossene Bewilligung.")
    return app


def amend_award(project: Project, application_id: int, amounts: dict[int, float], reason: str,
                decided_on: str, over_commitment: str = "") -> dict[int, float | None]:
    """Change the yearly amounts of a decided award (Änderungsbescheid); return the old ones.

    Years not listed keep their amount; 0 ends the funding of a year. The change keeps the
    budget (or needs a declared over-commitment) and is kept in the history.
    """
    from k360desk.models.rounds import RoundError

    app = _awarded_app(project, application_id)
    if not reason.strip():
        raise RoundError("Eine Änderung der Bewilligung braucht eine Begründung.")
    if not decided_on:
        raise RoundError("Das Datum der Änderung fehlt.")
    rnd = project.get(FundingRound, app.round_id)
    if any(v is None or v < 0 for v in amounts.values()):
        raise RoundError("Beträge dürfen nicht negativ sein.")
    outside = [y for y in amounts if not rnd.first_year <= int(y) <= rnd.last_year]
    if outside:
        raise RoundError(f"Die Runde läuft {rnd.first_year}–{rnd.last_year}; {outside[0]} liegt außerhalb.")
    old = project.link_frame("application_amounts", application_id=application_id)
    before = {int(r.year): (None if pd.isna(r.awarded) else float(r.awarded)) for r in old.itertuples()}
    after = {y: (v or 0.0) for y, v in before.items()} | {int(y): float(v) for y, v in amounts.items()}
    if sum(to_cents(v) for v in after.values()) <= 0:
        raise RoundError("Eine Bewilligung ohne Betrag ist ein Widerruf, keine Änderung.")
    over_note = check_budget(project, app.round_id, {application_id: after}, over_commitment, "Änderung")
    requested = {int(r.year): float(r.requested) for r in old.itertuples()}
    reasons = {int(r.year): str(r.override_reason) for r in old.itertuples()}
    changes = "; ".join(
        f"{y}: {format_money(before.get(y) or 0.0)} → {format_money(v)}"
        for y, v in sorted(after.items()) if to_cents(before.get(y) or 0.0) != to_cents(v))
    with project.transaction():
        project.execute_link("application_amounts", [
            {"application_id": application_id, "year": y, "requested": requested.get(y, 0.0),
             "awarded": from_cents(to_cents(v)), "override_reason": reasons.get(y, "")}
            for y, v in sorted(after.items())])
        project.log("amendment", Application.table, app.uuid,
                    f"Änderung vom {format_date(decided_on)} zu „{app.title}“: {changes or 'keine'}. "
                    f"Begründung: {reason.strip()}")
        if over_note:
            project.log("overcommit", FundingRound.table, rnd.uuid, f"„{app.title}“: {over_note}")
    return before


def end_after_review(project: Project, application_id: int, review_date: str, reason: str = "") -> list[int]:
    """A yearly talk ended the project: drop the commitments of the years after the talk's
    year (kept in the history); return the years dropped."""
    _awarded_app(project, application_id)
    year = int(str(review_date)[:4])
    old = project.link_frame("application_amounts", application_id=application_id)
    later = {int(r.year): 0.0 for r in old.itertuples() if int(r.year) > year and (r.awarded or 0) > 0}
    if not later:
        return []
    text = f"Jahresgespräch vom {format_date(review_date)}: Projekt endet {year}" + (
        f" ({reason.strip()})" if reason.strip() else "")
    remaining = {int(r.year): float(r.awarded or 0) for r in old.itertuples()} | later
    if sum(to_cents(v) for v in remaining.values()) <= 0:
        return []  # ending before the first funded year is a revocation, not a review outcome
    amend_award(project, application_id, later, text, review_date)
    return sorted(later)


def award_history(project: Project, application_id: int) -> pd.DataFrame:
    """Decisions and amendments of one application, oldest first: at, action, details."""
    app = project.get(Application, application_id)
    frame = pd.read_sql_query(
        "SELECT at, action, details FROM change_log WHERE entity_uuid=? AND action IN "
        "('amendment', 'revocation', 'payment') ORDER BY id", project._conn, params=(app.uuid,))
    return frame
