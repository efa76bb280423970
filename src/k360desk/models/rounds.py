"""The funding-round workflow on a project: status with guards, the criteria catalogue,
frames for the analysis, commitments of earlier rounds and the recorded decision.

Trial and final allocation: before the decision, ``application_amounts.awarded`` holds only
amounts a person fixed by hand (always with ``override_reason``); the trial proposal itself is
computed on demand from the data and the round's rule. The final decision writes every
awarded amount (yearly commitments), sets each application to awarded or rejected with its
reason, links the meeting by an agenda item and moves the round to "decided".
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from k360desk import money
from k360desk.messages import N_, tr
from k360desk.models.round_need import (  # noqa: F401 - part of this module's interface
    decision_figures,
    district_tree,
    keep_decision_figures,
    latest_need,
    latest_run_id,
    need_for_round,
    run_choices,
    run_need,
)
from k360desk.projectfile.errors import ProjectError
from k360desk.projectfile.project import Project
from k360desk.projectfile.records import (
    Application,
    Criterion,
    FundingRound,
    Programme,
)

STATUSES = ("draft", "open", "assessment", "decided", "closed")
# German labels (the change log keeps them German); shown through messages.tr.
STATUS_LABELS = {
    "draft": N_("Entwurf"),
    "open": N_("Ausschreibung offen"),
    "assessment": N_("Bewertung"),
    "decided": N_("entschieden"),
    "closed": N_("abgeschlossen"),
}
APPLICATION_STATUS_LABELS = {
    "draft": N_("Entwurf"),
    "submitted": N_("eingereicht"),
    "ineligible": N_("nicht förderfähig"),
    "eligible": N_("förderfähig"),
    "awarded": N_("bewilligt"),
    "rejected": N_("abgelehnt"),
    "withdrawn": N_("zurückgezogen"),
}
DECIDED = ("decided", "closed")
_CLOSED_APPS = ("awarded", "rejected", "ineligible", "withdrawn")


class RoundError(ProjectError):
    """A round workflow step is not allowed now; the message says why (German)."""


@dataclass
class RoundData:
    """Everything the analysis needs about one round, as plain frames."""

    round: FundingRound
    programme: Programme | None
    applications: pd.DataFrame  # id, title, provider, umbrella, topic, start_year, duration, …
    criteria: pd.DataFrame  # id, name, weight, scale_min, scale_max, derived, sort
    scores: pd.DataFrame  # application_id, criterion_id, rater, score, comment
    amounts: pd.DataFrame  # application_id, year, requested, awarded, override_reason
    districts: pd.DataFrame  # application_id, district_id, share, code, name
    budgets: pd.Series  # year → euros
    max_years: int


def find_round(project: Project, key: str | int) -> FundingRound:
    """A round by id or (case-insensitive) name; RoundError if unknown."""
    text = str(key).strip()
    if text.isdigit():
        found = project.get(FundingRound, int(text))
        if found is not None:
            return found
    for candidate in project.all(FundingRound, order_by="first_year, name"):
        if candidate.name.casefold() == text.casefold():
            return candidate
    raise RoundError(f"Förderrunde „{text}“ gibt es nicht.")


def rounds_frame(project: Project) -> pd.DataFrame:
    """All rounds with programme, status label, budget total and numbers of applications."""
    return pd.read_sql_query(
        """SELECT r.id, r.name, p.name AS programme, r.first_year, r.last_year, r.deadline, r.status,
                  (SELECT coalesce(sum(amount), 0) FROM round_budgets b WHERE b.round_id = r.id) AS budget,
                  (SELECT count(*) FROM applications a WHERE a.round_id = r.id) AS applications,
                  (SELECT coalesce(sum(m.awarded), 0) FROM application_amounts m
                     JOIN applications a ON a.id = m.application_id
                    WHERE a.round_id = r.id AND a.status = 'awarded') AS awarded
             FROM funding_rounds r LEFT JOIN programmes p ON p.id = r.programme_id
            ORDER BY r.first_year, r.name""",
        project._conn,
    ).pipe(money.euros, "budget", "awarded").assign(
        status_label=lambda f: f["status"].map(STATUS_LABELS).map(tr, na_action="ignore"))


# --- status ------------------------------------------------------------------------------


def check_transition(project: Project, round_id: int, new: str) -> list[str]:
    """German reasons why the round cannot move to ``new`` now (empty list = allowed)."""
    rnd = _round(project, round_id)
    if new not in STATUSES:
        return [f"Unbekannter Status „{new}“."]
    old_i, new_i = STATUSES.index(rnd.status), STATUSES.index(new)
    if new_i == old_i:
        return []
    if abs(new_i - old_i) != 1:
        return [tr("Von „{status}“ geht es nur einen Schritt weiter oder zurück.",
                   status=tr(STATUS_LABELS[rnd.status]))]
    problems = []
    conn = project._conn
    if new == "open":
        weights = conn.execute(
            "SELECT coalesce(sum(weight), 0) FROM criteria WHERE round_id=?", (round_id,)
        ).fetchone()[0]
        if weights <= 0:
            problems.append("Der Kriterienkatalog ist leer (oder alle Gewichte sind 0).")
        budget = conn.execute(
            "SELECT coalesce(sum(amount), 0) FROM round_budgets WHERE round_id=?", (round_id,)
        ).fetchone()[0]
        if budget <= 0 and rnd.status == "draft":
            problems.append("Für kein Jahr ist ein Budget eingetragen.")
    if new == "assessment" and rnd.status == "open":
        n = conn.execute("SELECT count(*) FROM applications WHERE round_id=?", (round_id,)).fetchone()[0]
        if n == 0:
            problems.append("Es liegen noch keine Anträge vor.")
    if new == "decided":
        open_apps = conn.execute(
            f"SELECT count(*) FROM applications WHERE round_id=? AND status NOT IN "
            f"({','.join('?' * len(_CLOSED_APPS))})",
            (round_id, *_CLOSED_APPS),
        ).fetchone()[0]
        if open_apps:
            problems.append(
                tr("1 Antrag ist noch nicht entschieden (Beschluss unter „Rangliste & Vergabe“ festhalten).")
                if open_apps == 1 else
                tr("{n} Anträge sind noch nicht entschieden (Beschluss unter „Rangliste & Vergabe“ "
                   "festhalten).", n=open_apps)
            )
        stored = decision_figures(project, round_id).get("applications", {})
        unrecorded = [a for (a,) in conn.execute(
            "SELECT id FROM applications WHERE round_id=? AND status IN ('awarded', 'rejected')",
            (round_id,)) if str(a) not in stored]
        if unrecorded:
            problems.append(
                tr("{count} bewilligt oder abgelehnt, ohne dass ein Beschluss festgehalten ist; der Status "
                   "einer Runde folgt nur festgehaltenen Beschlüssen.",
                   count=tr("1 Antrag ist") if len(unrecorded) == 1
                   else tr("{n} Anträge sind", n=len(unrecorded)))
            )
    return problems


def set_status(project: Project, round_id: int, new: str, reason: str = "") -> str:
    """Move the round one step forward (or back, with a reason); return the old status."""
    rnd = _round(project, round_id)
    problems = check_transition(project, round_id, new)
    if problems:
        raise RoundError(" ".join(problems))
    backward = STATUSES.index(new) < STATUSES.index(rnd.status)
    if backward and not reason.strip():
        raise RoundError("Ein Schritt zurück braucht eine Begründung.")
    with project.transaction():
        project.update(FundingRound, round_id, status=new)
        if new == "assessment":
            fix_need_run(project, round_id)
        if reason.strip():
            project.log(
                "status",
                FundingRound.table,
                rnd.uuid,
                f"{STATUS_LABELS[rnd.status]} → {STATUS_LABELS[new]}: {reason.strip()}",
            )
    return rnd.status


# --- criteria catalogue ------------------------------------------------------------------


def criteria_frozen(project: Project, round_id: int) -> bool:
    """The catalogue is frozen once scoring has started (any score, or status assessment+)."""
    rnd = _round(project, round_id)
    if STATUSES.index(rnd.status) >= STATUSES.index("assessment"):
        return True
    return (
        project._conn.execute(
            "SELECT EXISTS(SELECT 1 FROM scores s JOIN criteria c ON c.id = s.criterion_id "
            "WHERE c.round_id=? AND s.score IS NOT NULL)",
            (round_id,),
        ).fetchone()[0]
        == 1
    )


def _frozen_guard(project: Project, round_id: int, reason: str, what: str) -> None:
    if criteria_frozen(project, round_id) and not reason.strip():
        raise RoundError(
            "Der Kriterienkatalog ist eingefroren, weil die Bewertung begonnen hat. "
            f"{what} nur mit Begründung."
        )


def add_criterion(project: Project, criterion: Criterion, reason: str = "") -> int:
    """Add a criterion to a round's catalogue (with a reason once the catalogue is frozen)."""
    _frozen_guard(project, criterion.round_id, reason, "Neue Kriterien")
    with project.transaction():
        new_id = project.add(criterion)
        _log_reason(project, criterion.round_id, reason, f"Kriterium „{criterion.name}“ ergänzt")
    return new_id


def update_criterion(project: Project, criterion_id: int, reason: str = "", **fields) -> dict:
    """Change a criterion; once frozen only with a reason, which is logged. Returns old values."""
    crit = project.get(Criterion, criterion_id)
    if crit is None:
        raise RoundError("Das Kriterium gibt es nicht (mehr).")
    _frozen_guard(project, crit.round_id, reason, "Änderungen")
    with project.transaction():
        old = project.update(Criterion, criterion_id, **fields)
        changed = ", ".join(f"{k}: {old[k]} → {v}" for k, v in fields.items())
        _log_reason(project, crit.round_id, reason, f"Kriterium „{crit.name}“ geändert ({changed})")
    return old


def delete_criterion(project: Project, criterion_id: int, reason: str = ""):
    """Delete a criterion (and its scores); once frozen only with a reason. Returns a Snapshot."""
    crit = project.get(Criterion, criterion_id)
    if crit is None:
        raise RoundError("Das Kriterium gibt es nicht (mehr).")
    _frozen_guard(project, crit.round_id, reason, "Löschen")
    with project.transaction():
        snapshot = project.delete(Criterion, criterion_id)
        _log_reason(project, crit.round_id, reason, f"Kriterium „{crit.name}“ gelöscht")
    return snapshot


def copy_criteria(
    project: Project, source_round_id: int, target_round_id: int, reason: str = ""
) -> list[int]:
    """Copy the criteria catalogue of an earlier round into another round; return new ids."""
    _frozen_guard(project, target_round_id, reason, "Übernahmen")
    source = project.all(Criterion, round_id=source_round_id)
    if not source:
        raise RoundError("Die gewählte Runde hat keinen Kriterienkatalog.")
    offset = project._conn.execute(
        "SELECT coalesce(max(sort), -1) + 1 FROM criteria WHERE round_id=?", (target_round_id,)
    ).fetchone()[0]
    ids = []
    with project.transaction():
        for i, c in enumerate(source):
            ids.append(
                project.add(
                    Criterion(
                        round_id=target_round_id,
                        name=c.name,
                        description=c.description,
                        weight=c.weight,
                        scale_min=c.scale_min,
                        scale_max=c.scale_max,
                        derived=c.derived,
                        sort=offset + i,
                    )
                )
            )
        src = _round(project, source_round_id)
        _log_reason(project, target_round_id, reason, f"{len(ids)} Kriterien aus „{src.name}“ übernommen")
    return ids


def _log_reason(project: Project, round_id: int, reason: str, text: str) -> None:
    rnd = _round(project, round_id)
    details = text + (f" – Begründung: {reason.strip()}" if reason.strip() else "")
    project.log("criteria", FundingRound.table, rnd.uuid, details)


# --- frames ------------------------------------------------------------------------------


def round_data(project: Project, round_id: int) -> RoundData:
    """Load one round's applications, criteria, scores, amounts, districts and budgets."""
    rnd = _round(project, round_id)
    conn = project._conn
    programme = project.get(Programme, rnd.programme_id) if rnd.programme_id else None
    apps = pd.read_sql_query(
        """SELECT a.id, a.title, a.summary, a.provider_id, p.name AS provider,
                  coalesce(p.umbrella, '') AS umbrella, a.topic_id, t.name AS topic,
                  a.start_year, a.duration, a.status, a.submitted, a.conditions, a.reason, a.uuid
             FROM applications a LEFT JOIN providers p ON p.id = a.provider_id
             LEFT JOIN topics t ON t.id = a.topic_id
            WHERE a.round_id = ? ORDER BY a.id""",
        conn,
        params=(round_id,),
    )
    criteria = pd.read_sql_query(
        "SELECT id, name, description, weight, scale_min, scale_max, derived, sort FROM criteria "
        "WHERE round_id=? ORDER BY sort, id",
        conn,
        params=(round_id,),
    )
    criteria["derived"] = criteria["derived"].astype(object).where(criteria["derived"].notna(), None)
    scores = pd.read_sql_query(
        "SELECT s.application_id, s.criterion_id, s.rater, s.score, s.comment FROM scores s "
        "JOIN applications a ON a.id = s.application_id WHERE a.round_id=?",
        conn,
        params=(round_id,),
    )
    amounts = pd.read_sql_query(
        "SELECT m.application_id, m.year, m.requested, m.awarded, m.override_reason "
        "FROM application_amounts m JOIN applications a ON a.id = m.application_id "
        "WHERE a.round_id=? ORDER BY m.application_id, m.year",
        conn,
        params=(round_id,),
    ).pipe(money.euros, "requested", "awarded")
    districts = pd.read_sql_query(
        "SELECT d.application_id, d.district_id, d.share, s.code, s.name FROM application_districts d "
        "JOIN applications a ON a.id = d.application_id JOIN districts s ON s.fid = d.district_id "
        "WHERE a.round_id=? ORDER BY d.application_id, s.code",
        conn,
        params=(round_id,),
    )
    budgets = (
        pd.read_sql_query(
            "SELECT year, amount FROM round_budgets WHERE round_id=? ORDER BY year", conn, params=(round_id,)
        )
        .pipe(money.euros, "amount")
        .set_index("year")["amount"]
        .astype(float)
    )
    return RoundData(
        round=rnd,
        programme=programme,
        applications=apps,
        criteria=criteria,
        scores=scores,
        amounts=amounts,
        districts=districts,
        budgets=budgets,
        max_years=programme.max_years if programme else 5,
    )


def commitments(project: Project, round_id: int) -> pd.Series:
    """Yearly amounts already committed by the other decided rounds of the same programme."""
    rnd = _round(project, round_id)
    if rnd.programme_id is None:
        return pd.Series(dtype=float, name="committed")
    frame = pd.read_sql_query(
        """SELECT m.year, sum(m.awarded) AS committed FROM application_amounts m
             JOIN applications a ON a.id = m.application_id
             JOIN funding_rounds r ON r.id = a.round_id
            WHERE r.programme_id = ? AND r.id <> ? AND r.status IN ('decided', 'closed')
              AND a.status = 'awarded' AND m.awarded IS NOT NULL
            GROUP BY m.year ORDER BY m.year""",
        project._conn,
        params=(rnd.programme_id, round_id),
    ).pipe(money.euros, "committed")
    return frame.set_index("year")["committed"].astype(float)


def overrides(project: Project, round_id: int) -> pd.DataFrame:
    """Amounts fixed by hand before the decision: application_id, year, amount, reason."""
    rnd = _round(project, round_id)
    if rnd.status in DECIDED:
        return pd.DataFrame(columns=["application_id", "year", "amount", "reason"])
    frame = pd.read_sql_query(
        "SELECT m.application_id, m.year, m.awarded AS amount, m.override_reason AS reason "
        "FROM application_amounts m JOIN applications a ON a.id = m.application_id "
        "WHERE a.round_id=? AND m.awarded IS NOT NULL AND trim(m.override_reason) <> '' "
        "ORDER BY m.application_id, m.year",
        project._conn,
        params=(round_id,),
    )
    return money.euros(frame, "amount")


def set_override(
    project: Project, application_id: int, amounts: dict[int, float | None], reason: str
) -> list[dict]:
    """Fix (or with None clear) an application's amounts by hand; return the old rows for undo."""
    app = project.get(Application, application_id)
    if app is None:
        raise RoundError("Den Antrag gibt es nicht (mehr).")
    if _round(project, app.round_id).status in DECIDED:
        raise RoundError("Die Runde ist entschieden; Beträge lassen sich nicht mehr ändern.")
    if app.status in ("ineligible", "withdrawn") and any(v is not None for v in amounts.values()):
        raise RoundError(
            f"„{app.title}“ ist {APPLICATION_STATUS_LABELS[app.status]}: ein Betrag lässt sich "
            "nicht manuell festlegen. Erst die Förderfähigkeit klären und den Antrag ändern."
        )
    from k360desk.models.decisions import already_decided

    if application_id in already_decided(project, app.round_id):
        raise RoundError(
            f"Über „{app.title}“ ist schon beschlossen; Beträge ändert nur ein Änderungsbescheid "
            "(k360desk round amend).")
    if any(v is not None for v in amounts.values()) and not reason.strip():
        raise RoundError("Eine manuelle Änderung braucht eine Begründung.")
    old = project.link_frame("application_amounts", application_id=application_id)
    old_rows = old.to_dict("records")
    requested = dict(zip(old["year"], old["requested"], strict=True))
    rows = []
    for year, value in amounts.items():
        if value is not None and value < 0:
            raise RoundError("Beträge dürfen nicht negativ sein.")
        rows.append(
            {
                "application_id": application_id,
                "year": int(year),
                "requested": float(requested.get(year, 0.0)),
                "awarded": None if value is None else float(value),
                "override_reason": "" if value is None else reason.strip(),
            }
        )
    project.execute_link("application_amounts", rows)
    return old_rows


def deciding_committee(project: Project, programme_id: int | None, amount: float) -> int | None:
    """Which committee decides an award of this total (None: the administration or no rule)."""
    from k360desk.models.decisions import ADMINISTRATION, deciding_body

    body = deciding_body(project, programme_id, amount)
    return None if body == ADMINISTRATION else body


# --- trial and decision ------------------------------------------------------------------


def record_trial(project: Project, round_id: int, rule: str, min_share: float, summary: pd.DataFrame) -> None:
    """Keep the chosen rule on the round and log the trial's result (no amounts are fixed)."""
    rnd = _round(project, round_id)
    funded = summary[summary["proposed"] > 0]
    with project.transaction():
        project.update(FundingRound, round_id, allocation_rule=rule, min_share=float(min_share))
        project.log(
            "trial",
            FundingRound.table,
            rnd.uuid,
            json.dumps(
                {
                    "rule": rule,
                    "min_share": min_share,
                    "funded": len(funded),
                    "total": float(funded["proposed"].sum()),
                }
            ),
        )


def record_decision(project: Project, round_id: int, amounts: pd.DataFrame, summary: pd.DataFrame,
                    meeting_id: int | None, decided_on: str | None = None,
                    application_ids: list[int] | None = None, agenda_number: str = "",
                    over_commitment: str = "", accept_missing: str = "") -> int | None:
    """Record a decision: see :func:`k360desk.models.decisions.record_decision`."""
    from k360desk.models.decisions import record_decision as record

    return record(project, round_id, amounts, summary, meeting_id, decided_on, application_ids,
                  agenda_number, over_commitment, accept_missing)


def _round(project: Project, round_id: int) -> FundingRound:
    rnd = project.get(FundingRound, round_id)
    if rnd is None:
        raise RoundError("Die Förderrunde gibt es nicht (mehr).")
    return rnd


def fix_need_run(project: Project, round_id: int) -> int | None:
    """Tie a round without a need run to the latest run (done when scoring starts); return it."""
    rnd = _round(project, round_id)
    if rnd.need_run_id is not None:
        return rnd.need_run_id
    run_id = latest_run_id(project)
    if run_id is not None:
        project.update(FundingRound, round_id, need_run_id=run_id)
    return run_id


def set_need_run(project: Project, round_id: int, run_id: int | None, reason: str = "") -> int | None:
    """Choose the index run that supplies the round's need values; return the old run id.

    Like the criteria catalogue it is frozen once scoring has started: a change then needs a
    reason, which is logged; a decided round keeps the run it was decided with.
    """
    rnd = _round(project, round_id)
    if rnd.status in DECIDED:
        raise RoundError("Die Runde ist entschieden; der Sozialindex-Lauf bleibt, wie beschlossen.")
    if run_id is not None and project._conn.execute(
            "SELECT 1 FROM index_runs WHERE id=?", (run_id,)).fetchone() is None:
        raise RoundError("Diesen Sozialindex-Lauf gibt es nicht (mehr).")
    _frozen_guard(project, round_id, reason, "Ein anderer Sozialindex-Lauf")
    with project.transaction():
        project.update(FundingRound, round_id, need_run_id=run_id)
        _log_reason(project, round_id, reason,
                    f"Bedarf aus Sozialindex-Lauf {rnd.need_run_id or '–'} → {run_id or '–'}")
    return rnd.need_run_id


def incomplete_problem(ranking: pd.DataFrame) -> str:
    """German reason why a final decision is refused: eligible applications lacking a
    criterion value (empty string when there are none or the frame cannot tell)."""
    if not {"eligible", "complete"} <= set(ranking.columns):
        return ""
    lacking = ranking[ranking["eligible"].astype(bool) & ~ranking["complete"].astype(bool)]
    if lacking.empty:
        return ""
    names = ", ".join(f"„{t}“" for t in lacking["title"].astype(str))
    count = "1 förderfähiger Antrag ist" if len(lacking) == 1 else f"{len(lacking)} förderfähige Anträge sind"
    return (
        f"Kein Beschluss möglich: {count} unvollständig bewertet "
        f"(es fehlen Bewertungen oder Bedarfswerte): {names}."
    )


def unscored_problem(ranking: pd.DataFrame) -> str:
    """German reason why a final decision needs an accepted reason: eligible applications that
    some rater has not scored (their means come from the other raters only)."""
    if "unscored" not in ranking.columns:
        return ""
    lacking = ranking[ranking["eligible"].astype(bool) & ranking["unscored"].fillna("").astype(bool)]
    if lacking.empty:
        return ""
    names = "; ".join(f"„{r.title}“ ({r.unscored})" for r in lacking.itertuples(index=False))
    count = "1 förderfähiger Antrag ist" if len(lacking) == 1 else f"{len(lacking)} förderfähige Anträge sind"
    return (f"Bewertungen fehlen: {count} nicht von allen bewertet: {names}. Beschluss erst, wenn "
            "alle bewertet haben, oder mit ausdrücklich akzeptierter Lücke und Begründung.")
