"""What happens after a round's decision: payments, usage reports (Verwendungsnachweise),
repayments of unspent money, yearly review talks (Jahresgespräche) and the budget view.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from k360desk import money
from k360desk.messages import tr
from k360desk.models.rounds import RoundError, commitments
from k360desk.projectfile.project import Project
from k360desk.projectfile.records import Application, Payment, UsageReport

# Usage reports are due half a year after the funded year ends (a common rule in grant notices).
USAGE_REPORT_DUE = "06-30"
OUTCOME_LABELS = {"": "offen", "continue": "fortsetzen", "adjust": "anpassen", "end": "beenden"}


def awarded_frame(project: Project, round_id: int | None = None) -> pd.DataFrame:
    """Awarded applications per year: application_id, title, provider, year, awarded."""
    where = "AND a.round_id = ?" if round_id is not None else ""
    params = (round_id,) if round_id is not None else ()
    return pd.read_sql_query(
        f"""SELECT a.id AS application_id, a.title, p.name AS provider, a.round_id, m.year, m.awarded
              FROM application_amounts m JOIN applications a ON a.id = m.application_id
              LEFT JOIN providers p ON p.id = a.provider_id
             WHERE a.status = 'awarded' AND coalesce(m.awarded, 0) > 0 {where}
             ORDER BY a.title, m.year""",
        project._conn,
        params=params,
    ).pipe(money.euros, "awarded")


def create_usage_reports(project: Project, round_id: int, due: str = USAGE_REPORT_DUE) -> list[int]:
    """Create the missing usage reports: one per awarded application and funded year."""
    funded = awarded_frame(project, round_id)
    existing = set(
        project._conn.execute(
            "SELECT u.application_id, u.year FROM usage_reports u JOIN applications a "
            "ON a.id = u.application_id WHERE a.round_id=?",
            (round_id,),
        ).fetchall()
    )
    new = [
        UsageReport(application_id=int(r.application_id), year=int(r.year), due=f"{int(r.year) + 1}-{due}")
        for r in funded.itertuples(index=False)
        if (r.application_id, r.year) not in existing
    ]
    if not new:
        return []
    with project.transaction():
        return [project.add(report) for report in new]


def usage_reports_frame(
    project: Project, round_id: int | None = None, today: date | None = None
) -> pd.DataFrame:
    """Usage reports with due date, received date, unspent money and whether overdue."""
    today = today or date.today()
    where = "WHERE a.round_id = ?" if round_id is not None else ""
    params = (round_id,) if round_id is not None else ()
    frame = pd.read_sql_query(
        f"""SELECT u.id, u.application_id, a.title, p.name AS provider, u.year, u.due, u.received,
                   u.unspent, u.notes,
                   (SELECT coalesce(sum(amount), 0) FROM payments x WHERE x.application_id = u.application_id
                       AND x.year = u.year AND x.kind = 'repayment') AS repaid
              FROM usage_reports u JOIN applications a ON a.id = u.application_id
              LEFT JOIN providers p ON p.id = a.provider_id {where}
             ORDER BY u.due, a.title""",
        project._conn,
        params=params,
    ).pipe(money.euros, "unspent", "repaid")
    frame["overdue"] = frame["received"].isna() & (frame["due"].fillna("9999") < today.isoformat())
    frame["open_repayment"] = (frame["unspent"] - frame["repaid"]).clip(lower=0)
    return frame


def payment_problem(project: Project, application_id: int | None, year: int, amount: float,
                    kind: str = "payment", payment_id: int | None = None) -> str | None:
    """German reason why this payment (or repayment) cannot be booked, None when it can.

    A payment goes only to an awarded application, in a funded year, and all payments of a
    year stay within that year's award; a repayment returns at most the money not spent
    (the unspent amount of the usage report, else what was paid). Compared in whole cents;
    ``payment_id`` is the booking being edited (left out of the sums).
    """
    from k360desk.formats import format_money, from_cents, to_cents

    app = project.get(Application, application_id) if application_id is not None else None
    if app is None:
        return tr("Zu welchem Antrag gehört die Zahlung?")
    if amount is None or to_cents(amount) <= 0:
        return tr("Ein Betrag muss größer als 0 sein (Rückzahlungen als eigene Art buchen).")
    if app.status != "awarded":
        return tr("„{title}“ ist nicht bewilligt: keine Zahlung möglich.", title=app.title)
    if kind == "repayment":
        from k360desk.models.revocations import repayment_problem

        # After a Widerruf the claim, not the year's award, limits what comes back.
        against_claim = repayment_problem(project, int(application_id), to_cents(amount), payment_id)
        if against_claim is not None:
            return against_claim or None
    row = project._conn.execute("SELECT coalesce(awarded, 0) FROM application_amounts WHERE application_id=? "
                                "AND year=?", (application_id, int(year))).fetchone()
    awarded = int(row[0] or 0) if row else 0  # the file keeps cents
    if awarded <= 0:
        return tr("Für {year} ist „{title}“ nichts bewilligt.", year=year, title=app.title)

    def booked(which: str) -> int:
        rows = project._conn.execute(
            "SELECT id, amount FROM payments WHERE application_id=? AND year=? AND kind=?",
            (application_id, int(year), which)).fetchall()
        return sum(int(a) for i, a in rows if i != payment_id)

    paid, repaid, cents = booked("payment"), booked("repayment"), to_cents(amount)
    if kind == "payment" and paid + cents > awarded:
        return tr("Auszahlung über der Bewilligung: {year} bewilligt {awarded}, schon ausgezahlt {paid}.",
                  year=year, awarded=format_money(from_cents(awarded)), paid=format_money(from_cents(paid)))
    if kind == "repayment":
        report = project._conn.execute(
            "SELECT unspent FROM usage_reports WHERE application_id=? AND year=? AND unspent IS NOT NULL",
            (application_id, int(year))).fetchone()
        limit = int(report[0]) if report else paid
        if repaid + cents > limit:
            basis = tr("nicht verbraucht laut Verwendungsnachweis") if report else tr("ausgezahlt")
            return tr("Rückzahlung über dem nicht verbrauchten Geld: {basis} {limit}, schon "
                      "zurückgezahlt {repaid}.", basis=basis, limit=format_money(from_cents(limit)),
                      repaid=format_money(from_cents(repaid)))
    return None


def record_payment(project: Project, application_id: int, year: int, amount: float,
                   paid_on: str | None = None, kind: str = "payment", notes: str = "") -> int:
    """Book a payment or repayment after :func:`payment_problem` allows it; return its id."""
    from k360desk.formats import from_cents, to_cents

    problem = payment_problem(project, application_id, year, amount, kind)
    if problem:
        raise RoundError(problem)
    with project.transaction():
        payment_id = project.add(Payment(application_id=application_id, year=int(year),
                                         amount=from_cents(to_cents(amount)), paid_on=paid_on,
                                         kind=kind, notes=notes))
        app = project.get(Application, application_id)
        what = "Auszahlung" if kind == "payment" else "Rückzahlung"
        from k360desk.formats import format_money

        project.log("payment", Application.table, app.uuid,
                    f"{what} {year}: {format_money(amount)}" + (f" am {paid_on}" if paid_on else ""))
    return payment_id


def record_repayment(
    project: Project,
    application_id: int,
    year: int,
    amount: float,
    paid_on: str | None = None,
    notes: str = "",
) -> int:
    """Record unspent money paid back for one funded year."""
    return record_payment(project, application_id, year, amount, paid_on, "repayment", notes)


def payments_frame(project: Project, round_id: int | None = None) -> pd.DataFrame:
    """Payments and repayments with application and provider."""
    where = "WHERE a.round_id = ?" if round_id is not None else ""
    params = (round_id,) if round_id is not None else ()
    return pd.read_sql_query(
        f"""SELECT x.id, x.application_id, a.title, p.name AS provider, x.year, x.amount, x.paid_on,
                   x.kind, x.notes
              FROM payments x JOIN applications a ON a.id = x.application_id
              LEFT JOIN providers p ON p.id = a.provider_id {where}
             ORDER BY x.year, a.title, x.paid_on""",
        project._conn,
        params=params,
    ).pipe(money.euros, "amount")


def reviews_due(project: Project, round_id: int | None = None, today: date | None = None) -> pd.DataFrame:
    """One review talk per funded project and funded year up to this year: done or due.

    A year counts as done when a review is dated in that year. Returns application_id, title,
    provider, year, done, last_date, last_outcome, due (year not done and not in the future).
    """
    today = today or date.today()
    funded = awarded_frame(project, round_id)
    reviews = pd.read_sql_query(
        "SELECT application_id, date, outcome FROM reviews WHERE date IS NOT NULL ORDER BY date",
        project._conn,
    )
    reviews["year"] = reviews["date"].str[:4].astype(int) if len(reviews) else pd.Series(dtype=int)
    rows = []
    for r in funded.itertuples(index=False):
        if int(r.year) > today.year:
            continue
        mine = reviews[(reviews["application_id"] == r.application_id) & (reviews["year"] == r.year)]
        last = mine.iloc[-1] if len(mine) else None
        rows.append(
            {
                "application_id": int(r.application_id),
                "title": r.title,
                "provider": r.provider,
                "year": int(r.year),
                "done": last is not None,
                "last_date": None if last is None else last["date"],
                "last_outcome": "" if last is None else OUTCOME_LABELS.get(last["outcome"], ""),
                "due": last is None,
            }
        )
    return pd.DataFrame(
        rows,
        columns=["application_id", "title", "provider", "year", "done", "last_date", "last_outcome", "due"],
    )


def budget_view(project: Project, round_id: int) -> pd.DataFrame:
    """Per year: budget, committed by earlier rounds, awarded here, paid, repaid, free."""
    budgets = pd.read_sql_query(
        "SELECT year, amount AS budget FROM round_budgets WHERE round_id=?", project._conn, params=(round_id,)
    ).pipe(money.euros, "budget").set_index("year")["budget"]
    earlier = commitments(project, round_id)
    awarded = awarded_frame(project, round_id).groupby("year")["awarded"].sum()
    pay = payments_frame(project, round_id)
    paid = pay[pay["kind"] == "payment"].groupby("year")["amount"].sum()
    repaid = pay[pay["kind"] == "repayment"].groupby("year")["amount"].sum()
    years = sorted(
        set(budgets.index) | set(earlier.index) | set(awarded.index) | set(paid.index) | set(repaid.index)
    )
    frame = pd.DataFrame({"year": years})
    for name, series in (
        ("budget", budgets),
        ("committed", earlier),
        ("awarded", awarded),
        ("paid", paid),
        ("repaid", repaid),
    ):
        frame[name] = frame["year"].map(series).fillna(0.0).astype(float)
    # Money paid back returns to the year's budget; commitments not yet paid remain bound.
    frame["free"] = frame["budget"] - frame["committed"] - frame["awarded"] + frame["repaid"]
    frame["outstanding"] = frame["awarded"] - frame["paid"]
    return frame
