"""Widerruf and Rückforderung: an award revoked wholly or from a year on, and the money the
provider has to pay back.

A revocation drops the yearly commitments from its first year on (the dropped amounts stay
in the revocation, so the history shows what was withdrawn) and sets the claim: paid minus
what the provider may keep (the eligible spending), never below zero. Repayments are booked
against the open claim and never exceed it. A usage report audited "mit Rückforderung"
records a revocation of scope ``proof``: it drops nothing and claims the year's money that
the proof did not cover. All sums in whole cents.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pandas as pd

from k360desk.formats import format_date
from k360desk.messages import N_, tr
from k360desk.money import format_cents, from_cents, to_cents
from k360desk.projectfile.project import Project
from k360desk.projectfile.records import Application, Committee, Meeting, Revocation

# German in the stored history; translated where shown.
SCOPE_LABELS = {"whole": N_("Widerruf ganz"), "partial": N_("Widerruf teilweise"),
                "proof": N_("Rückforderung nach Verwendungsnachweis")}
# Without a date in the decision, a claim is due one month after it (the usual term of a notice).
DUE_DAYS = 30


def _booked(project: Project, application_id: int, kind: str, years: set[int] | None = None) -> int:
    rows = project._conn.execute("SELECT year, amount FROM payments WHERE application_id=? AND kind=?",
                                 (application_id, kind)).fetchall()
    return sum(int(a) for y, a in rows if years is None or int(y) in years)  # the file keeps cents


def paid_cents(project: Project, application_id: int, years: set[int] | None = None) -> int:
    """Money paid out to the application (optionally only in ``years``), in cents."""
    return _booked(project, application_id, "payment", years)


def repaid_cents(project: Project, application_id: int) -> int:
    """Money paid back by the provider, in cents."""
    return _booked(project, application_id, "repayment")


def _body(project: Project, meeting_id: int | None) -> str:
    if meeting_id is None:
        return "Verwaltung"
    meeting = project.get(Meeting, meeting_id)
    if meeting is None:
        from k360desk.models.rounds import RoundError

        raise RoundError(tr("Sitzung {id} gibt es nicht.", id=meeting_id))
    committee = project.get(Committee, meeting.committee_id)
    name = committee.name if committee else "Gremium"
    return f"{name}, Sitzung vom {format_date(meeting.date)}"


def revoke(project: Project, application_id: int, decided_on: str, reason: str, *,
           from_year: int | None = None, eligible: float | None = None,
           meeting_id: int | None = None, due: str | None = None, notes: str = "") -> int:
    """Revoke a decided award wholly (``from_year`` None) or from ``from_year`` on; return the id.

    ``eligible`` is the paid money the provider may keep; by default nothing for a whole
    revocation and the payments of the years before ``from_year`` for a partial one.
    """
    from k360desk.models.decisions import _awarded_app
    from k360desk.models.rounds import RoundError

    app = _awarded_app(project, application_id)
    if not str(reason or "").strip():
        raise RoundError(tr("Ein Widerruf braucht eine Begründung."))
    decided = _iso(decided_on, tr("Datum des Widerrufs"))
    awards = _awards(project, application_id)
    funded = sorted(y for y, c in awards.items() if c > 0)
    if not funded:
        raise RoundError(tr("„{title}“ hat keine Jahresraten mehr, die widerrufen werden könnten.",
                              title=app.title))
    whole = from_year is None or int(from_year) <= funded[0]
    start = funded[0] if whole else int(from_year)
    if start > funded[-1]:
        raise RoundError(f"„{app.title}“ ist nur bis {funded[-1]} bewilligt; ab {start} gibt es "
                         "nichts zu widerrufen.")
    dropped = {y: c for y, c in awards.items() if y >= start and c > 0}
    paid = paid_cents(project, application_id)
    if eligible is None:
        keep = 0 if whole else min(paid_cents(project, application_id, {y for y in awards if y < start}),
                                   sum(c for y, c in awards.items() if y < start))
    else:
        keep = to_cents(eligible)
        if keep < 0:
            raise RoundError(tr("Der anerkannte Betrag darf nicht negativ sein."))
    claim = max(0, paid - keep)
    body = _body(project, meeting_id)
    default_due = (date.fromisoformat(decided) + timedelta(days=DUE_DAYS)).isoformat()
    due = _iso(due, tr("Fälligkeit")) if due else default_due
    old = project.link_frame("application_amounts", application_id=application_id)
    with project.transaction():
        project.execute_link("application_amounts", [
            {"application_id": application_id, "year": int(r.year), "requested": float(r.requested),
             "awarded": 0.0, "override_reason": str(r.override_reason)}
            for r in old.itertuples() if int(r.year) in dropped])
        rev_id = project.add(Revocation(
            application_id=application_id, decided_on=decided, scope="whole" if whole else "partial",
            from_year=start, reason=reason.strip(), meeting_id=meeting_id, body=body,
            revoked_amount=from_cents(sum(dropped.values())), eligible=from_cents(keep),
            claim=from_cents(claim), due=due, dropped=json.dumps({str(y): c for y, c in dropped.items()}),
            notes=notes))
        years = ", ".join(f"{y}: {format_cents(c)}" for y, c in sorted(dropped.items()))
        project.log("revocation", Application.table, app.uuid,
                    f"{SCOPE_LABELS['whole' if whole else 'partial']} vom {format_date(decided)} ({body}): "
                    f"entfallen {years}; ausgezahlt {format_cents(paid)}, anerkannt {format_cents(keep)}, "
                    f"Rückforderung {format_cents(claim)} fällig {format_date(due)}. "
                    f"Begründung: {reason.strip()}")
    return rev_id


def record_proof_claim(project: Project, application_id: int, year: int, eligible_cents: int,
                       decided_on: str, note: str, usage_report_id: int | None) -> int | None:
    """The Rückforderung after an audited usage report: the year's payments minus the spending
    the audit recognised; None when nothing is to be paid back."""
    from k360desk.models.rounds import RoundError

    app = project.get(Application, application_id)
    paid = paid_cents(project, application_id, {int(year)})
    claim = max(0, paid - int(eligible_cents))
    if claim == 0:
        return None
    if not str(note or "").strip():
        raise RoundError(tr("Eine Rückforderung braucht einen Prüfvermerk als Begründung."))
    decided = _iso(decided_on, tr("Datum der Prüfung"))
    due = (date.fromisoformat(decided) + timedelta(days=DUE_DAYS)).isoformat()
    with project.transaction():
        for old in project.all(Revocation, application_id=application_id, usage_report_id=usage_report_id):
            if usage_report_id is not None:
                project.delete(Revocation, old.id)  # a repeated audit replaces its own claim
        rev_id = project.add(Revocation(
            application_id=application_id, decided_on=decided, scope="proof", from_year=int(year),
            reason=note.strip(), body="Verwaltung", eligible=from_cents(int(eligible_cents)),
            claim=from_cents(claim), due=due, usage_report_id=usage_report_id))
        project.log("revocation", Application.table, app.uuid,
                    f"{SCOPE_LABELS['proof']} {year} vom {format_date(decided)}: ausgezahlt "
                    f"{format_cents(paid)}, anerkannt {format_cents(int(eligible_cents))}, Rückforderung "
                    f"{format_cents(claim)} fällig {format_date(due)}. {note.strip()}")
    return rev_id


def claim_status(project: Project, application_id: int, today: date | None = None) -> dict:
    """The claim of an application in cents: claimed, repaid, open, due (earliest), overdue."""
    revs = project.all(Revocation, order_by="id", application_id=application_id)
    claimed = sum(to_cents(r.claim) for r in revs)
    repaid = repaid_cents(project, application_id)
    dues = sorted(r.due for r in revs if r.due and to_cents(r.claim) > 0)
    open_ = max(0, claimed - repaid)
    today = today or date.today()
    return {"claimed": claimed, "repaid": repaid, "open": open_, "due": dues[0] if dues else None,
            "overdue": bool(open_ and dues and dues[0] < today.isoformat()), "revocations": len(revs)}


def repayment_problem(project: Project, application_id: int, cents: int,
                      payment_id: int | None = None) -> str | None:
    """Why a repayment cannot be booked against the claim (None when it can, or when the
    award was never revoked: then the usual check of unspent money applies)."""
    revs = project.all(Revocation, application_id=application_id)
    if not revs:
        return None
    claimed = sum(to_cents(r.claim) for r in revs)
    rows = project._conn.execute("SELECT id, amount FROM payments WHERE application_id=? "
                                 "AND kind='repayment'", (application_id,)).fetchall()
    repaid = sum(int(a) for i, a in rows if i != payment_id)
    if repaid + cents > claimed:
        return tr("Rückzahlung über der Rückforderung: gefordert {claimed}, schon zurückgezahlt "
                  "{repaid}, offen {open}.", claimed=format_cents(claimed), repaid=format_cents(repaid),
                  open=format_cents(max(0, claimed - repaid)))
    return ""


def wholly_revoked(project: Project, round_id: int) -> set[int]:
    """Applications of a round whose award was revoked as a whole and that keep no yearly
    amount: shown as "widerrufen", while their stored status stays "awarded" (the decision)."""
    rows = project._conn.execute(
        """SELECT DISTINCT v.application_id FROM revocations v
             JOIN applications a ON a.id = v.application_id
            WHERE a.round_id = ? AND a.status = 'awarded' AND v.scope = 'whole'
              AND NOT EXISTS (SELECT 1 FROM application_amounts m
                               WHERE m.application_id = v.application_id AND coalesce(m.awarded, 0) > 0)""",
        (round_id,)).fetchall()
    return {int(r[0]) for r in rows}


def revocations_frame(project: Project, round_id: int | None = None) -> pd.DataFrame:
    """Revocations with title, scope label and money in euros, oldest first."""
    where = "WHERE a.round_id = ?" if round_id is not None else ""
    params = (round_id,) if round_id is not None else ()
    frame = pd.read_sql_query(
        f"""SELECT v.id, v.application_id, a.title, v.decided_on, v.scope, v.from_year, v.body,
                   v.revoked_amount, v.eligible, v.claim, v.due, v.reason
              FROM revocations v JOIN applications a ON a.id = v.application_id {where}
             ORDER BY v.decided_on, v.id""", project._conn, params=params)
    from k360desk.money import euros

    frame = euros(frame, "revoked_amount", "eligible", "claim")
    frame["scope_label"] = frame["scope"].map(lambda s: tr(SCOPE_LABELS.get(s, s)))
    return frame


def _awards(project: Project, application_id: int) -> dict[int, int]:
    rows = project._conn.execute("SELECT year, coalesce(awarded, 0) FROM application_amounts "
                                 "WHERE application_id=?", (application_id,)).fetchall()
    return {int(y): int(c) for y, c in rows}


def _iso(text: str | None, what: str) -> str:
    from k360desk.models.rounds import RoundError

    try:
        return date.fromisoformat(str(text or "")[:10]).isoformat()
    except ValueError:
        raise RoundError(tr("{what}: „{text}“ ist kein Datum (JJJJ-MM-TT).", what=what, text=text)) from None
