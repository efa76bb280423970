"""Schema step 5 (issue 17): money as INTEGER cents, joint applications and cost plans,
Widerruf/Rückforderung and the Verwendungsnachweis per cost type. Kept apart from
``schema`` because the table rebuilds need code, not just SQL."""

from __future__ import annotations

import sqlite3


def run_statements(conn: sqlite3.Connection, sql: str) -> None:
    """Run a script of ``;``-separated statements inside the caller's transaction
    (``executescript`` would commit first)."""
    for statement in sql.split(";"):
        if statement.strip():
            conn.execute(statement)


# Step 5 (issue 17): every money column as INTEGER cents. SQLite cannot change a column's
# type, so each table is rebuilt (new table, copy, drop, rename: the documented 12-step
# procedure) inside the step's transaction. The CHECKs refuse anything but whole cents.
_CENTS = "typeof({c}) = 'integer'"
_STEP_5_TABLES: dict[str, str] = {
    "decision_rules": f"""
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    max_amount INTEGER CHECK (max_amount IS NULL OR ({_CENTS.format(c='max_amount')} AND max_amount >= 0)),
    committee_id INTEGER REFERENCES committees(id) ON DELETE SET NULL,
    notes TEXT NOT NULL DEFAULT ''
""",
    "round_budgets": f"""
    round_id INTEGER NOT NULL REFERENCES funding_rounds(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    amount INTEGER NOT NULL DEFAULT 0 CHECK ({_CENTS.format(c='amount')} AND amount >= 0),
    PRIMARY KEY (round_id, year)
""",
    "application_amounts": f"""
    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    requested INTEGER NOT NULL DEFAULT 0 CHECK ({_CENTS.format(c='requested')} AND requested >= 0),
    awarded INTEGER CHECK (awarded IS NULL OR ({_CENTS.format(c='awarded')} AND awarded >= 0)),
    override_reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (application_id, year)
""",
    "payments": f"""
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    amount INTEGER NOT NULL CHECK ({_CENTS.format(c='amount')}),
    paid_on TEXT,
    kind TEXT NOT NULL DEFAULT 'payment' CHECK (kind IN ('payment', 'repayment')),
    notes TEXT NOT NULL DEFAULT ''
""",
    "usage_reports": f"""
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    due TEXT,
    received TEXT,
    unspent INTEGER NOT NULL DEFAULT 0 CHECK ({_CENTS.format(c='unspent')}),
    notes TEXT NOT NULL DEFAULT '',
    narrative TEXT NOT NULL DEFAULT '',
    audit TEXT NOT NULL DEFAULT '' CHECK (audit IN ('', 'clean', 'recovery')),
    audit_note TEXT NOT NULL DEFAULT '',
    audited_on TEXT
""",
}
_WITHOUT_ROWID = ("round_budgets", "application_amounts")


def _cents(value: object) -> int | None:
    """Old REAL euros → whole cents, half a cent up (the rule of k360desk.money, kept here as
    written: a migration must convert the same way even if that module changes later)."""
    from decimal import ROUND_HALF_UP, Decimal

    if value is None:
        return None
    return int((Decimal(str(value)) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def _rebuild(conn: sqlite3.Connection, table: str, body: str, money: tuple[str, ...]) -> None:
    """One table rebuilt with a new definition, money converted to cents on the copy."""
    # Step 1 of SQLite's procedure turns foreign keys off, which cannot happen inside a
    # transaction. The tables rebuilt here are leaves (no table refers to them), so the
    # DROP below cascades into nothing; step 10's foreign_key_check still runs.
    referring = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
                 for fk in conn.execute(f'PRAGMA foreign_key_list("{t}")') if fk[2] == table]
    if referring:
        raise sqlite3.IntegrityError(f"{table} wird von {referring} referenziert")
    keep = [sql for (sql,) in conn.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name=? AND type IN ('index', 'trigger')"
        " AND sql IS NOT NULL", (table,))]
    suffix = " WITHOUT ROWID" if table in _WITHOUT_ROWID else ""
    conn.execute(f"CREATE TABLE k360_new_{table} ({body}){suffix}")
    columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
    positions = [columns.index(c) for c in money]
    converted = []
    for row in rows:
        values = list(row)
        for i in positions:
            values[i] = _cents(values[i])
        converted.append(values)
    conn.executemany(f"INSERT INTO k360_new_{table} ({', '.join(columns)})"
                     f" VALUES ({', '.join('?' * len(columns))})", converted)
    conn.execute(f"DROP TABLE {table}")
    conn.execute(f"ALTER TABLE k360_new_{table} RENAME TO {table}")
    for sql in keep:
        conn.execute(sql)
    problems = conn.execute(f"PRAGMA foreign_key_check({table})").fetchall()
    if problems:
        raise sqlite3.IntegrityError(f"{table}: {len(problems)} Verweise ins Leere")


def _money_column(name: str) -> str:
    return f"{name} INTEGER CHECK ({name} IS NULL OR ({_CENTS.format(c=name)} AND {name} >= 0))"


# Step 5, second part: joint applications and cost plans, Widerruf/Rückforderung and the
# numeric proof of the Verwendungsnachweis per cost type (cost types are data).
_STEP_5_NEW = f"""
ALTER TABLE applications ADD COLUMN {_money_column('total_costs')};
ALTER TABLE applications ADD COLUMN {_money_column('own_share')};
ALTER TABLE applications ADD COLUMN {_money_column('other_funding')};
CREATE TABLE application_partners (
    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    provider_id INTEGER NOT NULL REFERENCES providers(id) ON DELETE RESTRICT,
    PRIMARY KEY (application_id, provider_id)
) WITHOUT ROWID;
CREATE TABLE revocations (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    decided_on TEXT NOT NULL,
    scope TEXT NOT NULL DEFAULT 'whole' CHECK (scope IN ('whole', 'partial', 'proof')),
    from_year INTEGER NOT NULL,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    body TEXT NOT NULL DEFAULT '',
    revoked_amount INTEGER NOT NULL DEFAULT 0
        CHECK ({_CENTS.format(c='revoked_amount')} AND revoked_amount >= 0),
    eligible INTEGER NOT NULL DEFAULT 0 CHECK ({_CENTS.format(c='eligible')} AND eligible >= 0),
    claim INTEGER NOT NULL DEFAULT 0 CHECK ({_CENTS.format(c='claim')} AND claim >= 0),
    due TEXT,
    dropped TEXT NOT NULL DEFAULT '{{}}',
    usage_report_id INTEGER REFERENCES usage_reports(id) ON DELETE SET NULL,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX revocations_application ON revocations(application_id);
CREATE TABLE cost_types (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    sort INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE proof_lines (
    usage_report_id INTEGER NOT NULL REFERENCES usage_reports(id) ON DELETE CASCADE,
    cost_type_id INTEGER NOT NULL REFERENCES cost_types(id) ON DELETE RESTRICT,
    planned INTEGER NOT NULL DEFAULT 0 CHECK ({_CENTS.format(c='planned')} AND planned >= 0),
    spent INTEGER NOT NULL DEFAULT 0 CHECK ({_CENTS.format(c='spent')} AND spent >= 0),
    PRIMARY KEY (usage_report_id, cost_type_id)
) WITHOUT ROWID
"""
# The usual cost types of grant notices. Fixed identities, so two copies migrated apart
# merge them as the same rows.
_COST_TYPES = (("Personal", "c0575e00-0000-4000-8000-000000000001"),
               ("Sachkosten", "c0575e00-0000-4000-8000-000000000002"),
               ("Honorare", "c0575e00-0000-4000-8000-000000000003"),
               ("Miete", "c0575e00-0000-4000-8000-000000000004"),
               ("Sonstiges", "c0575e00-0000-4000-8000-000000000005"))


def step_5(conn: sqlite3.Connection) -> None:
    """Schema step 5: money in whole cents, joint applications, revocations, cost proofs."""
    money = {"decision_rules": ("max_amount",), "round_budgets": ("amount",),
             "application_amounts": ("requested", "awarded"), "payments": ("amount",),
             "usage_reports": ("unspent",)}
    for table, body in _STEP_5_TABLES.items():
        _rebuild(conn, table, body, money[table])
    run_statements(conn, _STEP_5_NEW)
    conn.executemany("INSERT INTO cost_types (uuid, name, sort) VALUES (?, ?, ?)",
                     [(uuid, name, i) for i, (name, uuid) in enumerate(_COST_TYPES)])
