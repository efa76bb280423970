"""Our own tables beside the GeoPackage tables, as numbered, append-only migration steps.

Every file, new or old, is brought to the current version by running the steps it has
not yet seen, in order. Never edit a released step: add a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from k360desk.projectfile.schema_cents import run_statements, step_5

SCHEMA_VERSION = 6

# Step 1: the whole data model of design section 5 as released in 0.1.
_STEP_1 = """
CREATE TABLE k360_meta (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT
);
CREATE TABLE district_levels (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    rank INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE districts (
    fid INTEGER PRIMARY KEY AUTOINCREMENT,
    geom MULTIPOLYGON,
    uuid TEXT NOT NULL UNIQUE,
    code TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),
    name TEXT NOT NULL,
    level_id INTEGER REFERENCES district_levels(id) ON DELETE RESTRICT,
    parent_id INTEGER REFERENCES districts(fid) ON DELETE SET NULL,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX districts_level ON districts(level_id);
CREATE INDEX districts_parent ON districts(parent_id);
CREATE TABLE topics (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    sort INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE indicators (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    key TEXT NOT NULL UNIQUE CHECK (key GLOB '[a-z]*' AND key NOT GLOB '*[^a-z0-9_]*'),
    name TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    topic_id INTEGER REFERENCES topics(id) ON DELETE SET NULL,
    polarity INTEGER NOT NULL DEFAULT 0 CHECK (polarity IN (-1, 0, 1)),
    kind TEXT NOT NULL DEFAULT 'count' CHECK (kind IN ('count', 'share', 'rate', 'mean')),
    numerator_id INTEGER REFERENCES indicators(id) ON DELETE RESTRICT,
    denominator_id INTEGER REFERENCES indicators(id) ON DELETE RESTRICT,
    scale REAL NOT NULL DEFAULT 1,
    decimals INTEGER NOT NULL DEFAULT 1 CHECK (decimals BETWEEN 0 AND 6),
    disclosure INTEGER NOT NULL DEFAULT 0 CHECK (disclosure IN (0, 1)),
    sort INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE indicator_values (
    indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    district_id INTEGER NOT NULL REFERENCES districts(fid) ON DELETE CASCADE,
    period INTEGER NOT NULL CHECK (period BETWEEN 1800 AND 2200),
    value REAL,
    status TEXT NOT NULL DEFAULT 'final'
        CHECK (status IN ('final', 'provisional', 'estimated', 'suppressed', 'missing')),
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (indicator_id, district_id, period)
) WITHOUT ROWID;
CREATE INDEX indicator_values_district ON indicator_values(district_id);
CREATE TABLE indices (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'social' CHECK (kind IN ('social', 'status', 'dynamics')),
    definition TEXT NOT NULL DEFAULT '{}',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE index_components (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    index_id INTEGER NOT NULL REFERENCES indices(id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE RESTRICT,
    role TEXT NOT NULL DEFAULT 'status' CHECK (role IN ('status', 'dynamics', 'population')),
    weight REAL NOT NULL DEFAULT 1,
    transformation TEXT NOT NULL DEFAULT 'z',
    UNIQUE (index_id, indicator_id, role)
);
CREATE TABLE index_exclusions (
    index_id INTEGER NOT NULL REFERENCES indices(id) ON DELETE CASCADE,
    district_id INTEGER NOT NULL REFERENCES districts(fid) ON DELETE CASCADE,
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (index_id, district_id)
);
CREATE TABLE index_runs (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    index_id INTEGER REFERENCES indices(id) ON DELETE SET NULL,
    period INTEGER NOT NULL,
    computed_at TEXT NOT NULL,
    parameters TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE index_results (
    run_id INTEGER NOT NULL REFERENCES index_runs(id) ON DELETE CASCADE,
    district_id INTEGER NOT NULL REFERENCES districts(fid) ON DELETE CASCADE,
    status_value REAL,
    status_class TEXT,
    dynamics_value REAL,
    dynamics_class TEXT,
    need_score REAL,
    included INTEGER NOT NULL DEFAULT 1,
    reason TEXT NOT NULL DEFAULT '',
    details TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (run_id, district_id)
) WITHOUT ROWID;
CREATE TABLE providers (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT '',
    umbrella TEXT NOT NULL DEFAULT '',
    contact_person TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE facility_types (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    category TEXT NOT NULL DEFAULT '',
    symbol TEXT NOT NULL DEFAULT 'o',
    color TEXT NOT NULL DEFAULT '#555555'
);
CREATE TABLE target_groups (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE facilities (
    fid INTEGER PRIMARY KEY AUTOINCREMENT,
    geom POINT,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    provider_id INTEGER REFERENCES providers(id) ON DELETE SET NULL,
    type_id INTEGER REFERENCES facility_types(id) ON DELETE SET NULL,
    street TEXT NOT NULL DEFAULT '',
    postcode TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    capacity REAL,
    district_id INTEGER REFERENCES districts(fid) ON DELETE SET NULL,
    district_fixed INTEGER NOT NULL DEFAULT 0 CHECK (district_fixed IN (0, 1)),
    opened TEXT,
    closed TEXT,
    needs_placement INTEGER NOT NULL DEFAULT 0 CHECK (needs_placement IN (0, 1)),
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX facilities_district ON facilities(district_id);
CREATE INDEX facilities_provider ON facilities(provider_id);
CREATE TABLE facility_target_groups (
    facility_id INTEGER NOT NULL REFERENCES facilities(fid) ON DELETE CASCADE,
    target_group_id INTEGER NOT NULL REFERENCES target_groups(id) ON DELETE CASCADE,
    PRIMARY KEY (facility_id, target_group_id)
) WITHOUT ROWID;
CREATE TABLE committees (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE programmes (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    funder TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    max_years INTEGER NOT NULL DEFAULT 5 CHECK (max_years BETWEEN 1 AND 5)
);
CREATE TABLE decision_rules (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    max_amount REAL,
    committee_id INTEGER REFERENCES committees(id) ON DELETE SET NULL,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE funding_rounds (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    programme_id INTEGER REFERENCES programmes(id) ON DELETE RESTRICT,
    name TEXT NOT NULL,
    first_year INTEGER NOT NULL,
    last_year INTEGER NOT NULL,
    deadline TEXT,
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'open', 'assessment', 'decided', 'closed')),
    allocation_rule TEXT NOT NULL DEFAULT 'full',
    min_share REAL NOT NULL DEFAULT 1,
    notes TEXT NOT NULL DEFAULT '',
    CHECK (last_year >= first_year)
);
CREATE TABLE round_budgets (
    round_id INTEGER NOT NULL REFERENCES funding_rounds(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    amount REAL NOT NULL DEFAULT 0 CHECK (amount >= 0),
    PRIMARY KEY (round_id, year)
) WITHOUT ROWID;
CREATE TABLE criteria (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    round_id INTEGER NOT NULL REFERENCES funding_rounds(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    weight REAL NOT NULL DEFAULT 1 CHECK (weight >= 0),
    scale_min REAL NOT NULL DEFAULT 0,
    scale_max REAL NOT NULL DEFAULT 5,
    derived TEXT CHECK (derived IS NULL OR derived IN ('need')),
    sort INTEGER NOT NULL DEFAULT 0,
    CHECK (scale_max > scale_min)
);
CREATE TABLE applications (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    round_id INTEGER NOT NULL REFERENCES funding_rounds(id) ON DELETE CASCADE,
    provider_id INTEGER REFERENCES providers(id) ON DELETE RESTRICT,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    topic_id INTEGER REFERENCES topics(id) ON DELETE SET NULL,
    start_year INTEGER NOT NULL,
    duration INTEGER NOT NULL DEFAULT 1 CHECK (duration BETWEEN 1 AND 5),
    status TEXT NOT NULL DEFAULT 'submitted'
        CHECK (status IN ('draft', 'submitted', 'ineligible', 'eligible', 'awarded',
                          'rejected', 'withdrawn')),
    submitted TEXT,
    conditions TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX applications_round ON applications(round_id);
CREATE TABLE application_districts (
    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    district_id INTEGER NOT NULL REFERENCES districts(fid) ON DELETE CASCADE,
    share REAL NOT NULL DEFAULT 1 CHECK (share > 0 AND share <= 1),
    PRIMARY KEY (application_id, district_id)
) WITHOUT ROWID;
CREATE TABLE application_amounts (
    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    requested REAL NOT NULL DEFAULT 0 CHECK (requested >= 0),
    awarded REAL CHECK (awarded IS NULL OR awarded >= 0),
    override_reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (application_id, year)
) WITHOUT ROWID;
CREATE TABLE scores (
    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    criterion_id INTEGER NOT NULL REFERENCES criteria(id) ON DELETE CASCADE,
    rater TEXT NOT NULL,
    score REAL,
    comment TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (application_id, criterion_id, rater)
) WITHOUT ROWID;
CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    amount REAL NOT NULL,
    paid_on TEXT,
    kind TEXT NOT NULL DEFAULT 'payment' CHECK (kind IN ('payment', 'repayment')),
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE usage_reports (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    due TEXT,
    received TEXT,
    unspent REAL NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    date TEXT,
    notes TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'continue', 'adjust', 'end'))
);
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    committee_id INTEGER NOT NULL REFERENCES committees(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    location TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    number TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    round_id INTEGER REFERENCES funding_rounds(id) ON DELETE SET NULL,
    document TEXT NOT NULL DEFAULT '',
    decision TEXT NOT NULL DEFAULT ''
);
CREATE TABLE questionnaires (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    period INTEGER NOT NULL,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    questionnaire_id INTEGER NOT NULL REFERENCES questionnaires(id) ON DELETE CASCADE,
    number INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL,
    qtype TEXT NOT NULL DEFAULT 'text' CHECK (qtype IN ('text', 'rating', 'yesno', 'number')),
    per_district INTEGER NOT NULL DEFAULT 1 CHECK (per_district IN (0, 1))
);
CREATE TABLE statements (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    provider_id INTEGER REFERENCES providers(id) ON DELETE SET NULL,
    district_id INTEGER REFERENCES districts(fid) ON DELETE CASCADE,
    answer_text TEXT NOT NULL DEFAULT '',
    answer_number REAL
);
CREATE TABLE change_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_uuid TEXT,
    details TEXT NOT NULL DEFAULT ''
);
"""

# Step 2: goals (Wirkungsziele), profile templates and stored assets such as the logo.
_STEP_2 = """
CREATE TABLE goals (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    district_id INTEGER REFERENCES districts(fid) ON DELETE CASCADE,
    period INTEGER NOT NULL,
    target REAL NOT NULL,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE profile_templates (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    definition TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE assets (
    name TEXT PRIMARY KEY NOT NULL,
    mime TEXT NOT NULL,
    data BLOB NOT NULL CHECK (length(data) <= 5242880)
);
"""

# Step 3: a funding round names the index run that supplies its need values, and keeps the
# need values, totals and ranks of its final decision (JSON) so that later runs change nothing.
_STEP_3 = """
ALTER TABLE funding_rounds ADD COLUMN need_run_id INTEGER REFERENCES index_runs(id) ON DELETE SET NULL;
ALTER TABLE funding_rounds ADD COLUMN decision_figures TEXT NOT NULL DEFAULT ''
"""

# Step 4 (funding rounds, issue 17): the round's rule for districts without a need value, its
# budget line (Haushaltsstelle) for the Beschlussvorlage, and
# every amount of money rounded to whole cents (the app computes in integer cents).
_STEP_4 = """
ALTER TABLE funding_rounds ADD COLUMN need_fallback TEXT NOT NULL DEFAULT 'parent'
    CHECK (need_fallback IN ('parent', 'declared', 'omit', 'block'));
ALTER TABLE funding_rounds ADD COLUMN need_declared REAL
    CHECK (need_declared IS NULL OR need_declared BETWEEN 0 AND 100);
ALTER TABLE funding_rounds ADD COLUMN budget_line TEXT NOT NULL DEFAULT '';
UPDATE application_amounts SET requested = round(requested, 2), awarded = round(awarded, 2);
UPDATE round_budgets SET amount = round(amount, 2);
UPDATE payments SET amount = round(amount, 2)
"""

# Step 6 (issue 19): the planner's commentary (Blickpunkt) per district and period, a small
# Markdown subset (paragraphs, bullet lists, bold and italic).
_STEP_6 = """
CREATE TABLE commentaries (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    district_id INTEGER NOT NULL REFERENCES districts(fid) ON DELETE CASCADE,
    period INTEGER NOT NULL,
    body TEXT NOT NULL DEFAULT '' CHECK (length(body) <= 4000),
    modified TEXT NOT NULL DEFAULT '',
    UNIQUE (district_id, period)
)
"""

Step = Callable[[sqlite3.Connection], None]

def _script(sql: str) -> Step:
    def run(conn: sqlite3.Connection) -> None:
        run_statements(conn, sql)

    return run


MIGRATIONS: dict[int, Step] = {
    1: _script(_STEP_1), 2: _script(_STEP_2), 3: _script(_STEP_3), 4: _script(_STEP_4), 5: step_5,
    6: _script(_STEP_6),
}

# Tables in the order a dependent row must be deleted before its parent.
OWN_TABLES: tuple[str, ...] = (
    "k360_meta", "district_levels", "districts", "topics", "indicators", "indicator_values",
    "indices", "index_components", "index_exclusions", "index_runs", "index_results",
    "providers", "facility_types", "target_groups", "facilities", "facility_target_groups",
    "committees", "programmes", "decision_rules", "funding_rounds", "round_budgets",
    "criteria", "applications", "application_districts", "application_amounts", "scores",
    "payments", "usage_reports", "reviews", "meetings", "agenda_items", "questionnaires",
    "questions", "statements", "change_log", "goals", "profile_templates", "assets",
    "application_partners", "revocations", "cost_types", "proof_lines", "commentaries",
)

LATEST_VALUES_VIEW = "district_indicators"


def latest_values_sql(conn: sqlite3.Connection, threshold: int) -> str:
    """The CREATE VIEW statement of the layer with each district's latest indicator values.

    One function builds it for writing and for checking a stranger's file, so a view
    redefined with foreign SQL is recognised by comparison (docs/decisions.md).
    """
    parts = []
    for ind_id, key, disclosure in conn.execute(
        "SELECT id, key, disclosure FROM indicators ORDER BY sort, key"
    ):
        newest = (f"(SELECT w.period FROM indicator_values w WHERE w.indicator_id = {int(ind_id)}"
                  " AND w.district_id = d.fid AND w.value IS NOT NULL"
                  " ORDER BY w.period DESC LIMIT 1)")
        # Primary suppression of small counts, as everywhere else in the product. The
        # value stays a plain column reference so GDAL sees its REAL type.
        small = f" AND v.value >= {int(threshold)}" if disclosure else ""
        value = (f"(SELECT v.value FROM indicator_values v WHERE v.indicator_id = {int(ind_id)}"
                 f" AND v.district_id = d.fid AND v.period = {newest}{small})")
        key_sql = str(key).replace('"', '""')
        parts.append(f'{value} AS "{key_sql}", {newest} AS "{key_sql}_jahr"')
    columns = ", ".join(["d.fid AS fid", "d.geom AS geom", "d.code AS code", "d.name AS name",
                         "l.name AS ebene", *parts])
    return (f'CREATE VIEW "{LATEST_VALUES_VIEW}" AS SELECT {columns} FROM districts d'
            " LEFT JOIN district_levels l ON l.id = d.level_id")
