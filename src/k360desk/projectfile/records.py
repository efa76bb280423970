"""Typed domain records: one dataclass per entity table, names from the glossary.

A record maps field names 1:1 to columns. ``id`` is the integer key for joins inside one
file (column ``pk``: ``fid`` in the GeoPackage feature tables); ``uuid`` is the stable identity that
survives copies and makes merging possible.
"""

from __future__ import annotations

import uuid as _uuid
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar


def new_uuid() -> str:
    """Return a fresh random UUID as text."""
    return str(_uuid.uuid4())


@dataclass
class Record:
    """Base of all entity records."""

    table: ClassVar[str] = ""
    pk: ClassVar[str] = "id"
    geometry: ClassVar[str | None] = None
    label: ClassVar[str] = ""  # German singular, for messages

    id: int | None = field(default=None, kw_only=True)
    uuid: str = field(default_factory=new_uuid, kw_only=True)

    @classmethod
    def columns(cls) -> list[str]:
        """Database columns in field order, with the key column named as in the table."""
        return [cls.pk if f.name == "id" else f.name for f in fields(cls)]

    def to_row(self) -> dict[str, Any]:
        """Return the record as a column → value mapping (geometry still a shapely object)."""
        return {self.pk if f.name == "id" else f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Record:
        """Build a record from a column → value mapping."""
        data = {("id" if k == cls.pk else k): v for k, v in row.items()}
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class DistrictLevel(Record):
    table: ClassVar[str] = "district_levels"
    label: ClassVar[str] = "Ebene"
    name: str = ""
    rank: int = 0
    notes: str = ""


@dataclass
class District(Record):
    table: ClassVar[str] = "districts"
    pk: ClassVar[str] = "fid"
    geometry: ClassVar[str | None] = "geom"
    label: ClassVar[str] = "Sozialraum"
    code: str = ""
    name: str = ""
    level_id: int | None = None
    parent_id: int | None = None
    notes: str = ""
    geom: Any = None


@dataclass
class Topic(Record):
    table: ClassVar[str] = "topics"
    label: ClassVar[str] = "Handlungsfeld"
    name: str = ""
    description: str = ""
    sort: int = 0


@dataclass
class Indicator(Record):
    table: ClassVar[str] = "indicators"
    label: ClassVar[str] = "Indikator"
    key: str = ""
    name: str = ""
    unit: str = ""
    description: str = ""
    source: str = ""
    topic_id: int | None = None
    polarity: int = 0
    kind: str = "count"
    numerator_id: int | None = None
    denominator_id: int | None = None
    scale: float = 1.0
    decimals: int = 1
    disclosure: int = 0
    sort: int = 0


@dataclass
class IndexDefinition(Record):
    table: ClassVar[str] = "indices"
    label: ClassVar[str] = "Sozialindex"
    name: str = ""
    kind: str = "social"
    definition: str = "{}"
    notes: str = ""


@dataclass
class Provider(Record):
    table: ClassVar[str] = "providers"
    label: ClassVar[str] = "Träger"
    name: str = ""
    kind: str = ""
    umbrella: str = ""
    contact_person: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    website: str = ""
    notes: str = ""


@dataclass
class FacilityType(Record):
    table: ClassVar[str] = "facility_types"
    label: ClassVar[str] = "Einrichtungsart"
    name: str = ""
    category: str = ""
    symbol: str = "o"
    color: str = "#555555"


@dataclass
class TargetGroup(Record):
    table: ClassVar[str] = "target_groups"
    label: ClassVar[str] = "Zielgruppe"
    name: str = ""


@dataclass
class Facility(Record):
    table: ClassVar[str] = "facilities"
    pk: ClassVar[str] = "fid"
    geometry: ClassVar[str | None] = "geom"
    label: ClassVar[str] = "Einrichtung"
    name: str = ""
    provider_id: int | None = None
    type_id: int | None = None
    street: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    capacity: float | None = None
    district_id: int | None = None
    district_fixed: int = 0
    opened: str | None = None
    closed: str | None = None
    needs_placement: int = 0
    notes: str = ""
    geom: Any = None


@dataclass
class Committee(Record):
    table: ClassVar[str] = "committees"
    label: ClassVar[str] = "Gremium"
    name: str = ""
    kind: str = ""
    notes: str = ""


@dataclass
class Programme(Record):
    table: ClassVar[str] = "programmes"
    label: ClassVar[str] = "Förderprogramm"
    name: str = ""
    funder: str = ""
    description: str = ""
    max_years: int = 5


@dataclass
class DecisionRule(Record):
    table: ClassVar[str] = "decision_rules"
    label: ClassVar[str] = "Entscheidungsregel"
    programme_id: int | None = None
    max_amount: float | None = None
    committee_id: int | None = None
    notes: str = ""


@dataclass
class FundingRound(Record):
    table: ClassVar[str] = "funding_rounds"
    label: ClassVar[str] = "Förderrunde"
    programme_id: int | None = None
    name: str = ""
    first_year: int = 0
    last_year: int = 0
    deadline: str | None = None
    status: str = "draft"
    allocation_rule: str = "full"
    min_share: float = 1.0
    notes: str = ""
    need_run_id: int | None = None
    decision_figures: str = ""
    need_fallback: str = "parent"
    need_declared: float | None = None
    budget_line: str = ""


@dataclass
class Criterion(Record):
    table: ClassVar[str] = "criteria"
    label: ClassVar[str] = "Kriterium"
    round_id: int | None = None
    name: str = ""
    description: str = ""
    weight: float = 1.0
    scale_min: float = 0.0
    scale_max: float = 5.0
    derived: str | None = None
    sort: int = 0


@dataclass
class Application(Record):
    table: ClassVar[str] = "applications"
    label: ClassVar[str] = "Antrag"
    round_id: int | None = None
    provider_id: int | None = None
    title: str = ""
    summary: str = ""
    topic_id: int | None = None
    start_year: int = 0
    duration: int = 1
    status: str = "submitted"
    submitted: str | None = None
    conditions: str = ""
    reason: str = ""
    total_costs: float | None = None
    own_share: float | None = None
    other_funding: float | None = None


@dataclass
class Payment(Record):
    table: ClassVar[str] = "payments"
    label: ClassVar[str] = "Zahlung"
    application_id: int | None = None
    year: int = 0
    amount: float = 0.0
    paid_on: str | None = None
    kind: str = "payment"
    notes: str = ""


@dataclass
class UsageReport(Record):
    table: ClassVar[str] = "usage_reports"
    label: ClassVar[str] = "Verwendungsnachweis"
    application_id: int | None = None
    year: int = 0
    due: str | None = None
    received: str | None = None
    unspent: float = 0.0
    notes: str = ""
    narrative: str = ""  # Sachbericht
    audit: str = ""  # '', 'clean' (geprüft ohne Beanstandung), 'recovery' (mit Rückforderung)
    audit_note: str = ""
    audited_on: str | None = None


@dataclass
class Revocation(Record):
    """Widerruf of an award, wholly or from a year on, or a recovery after the usage report."""

    table: ClassVar[str] = "revocations"
    label: ClassVar[str] = "Widerruf"
    application_id: int | None = None
    decided_on: str = ""
    scope: str = "whole"
    from_year: int = 0
    reason: str = ""
    meeting_id: int | None = None
    body: str = ""
    revoked_amount: float = 0.0
    eligible: float = 0.0
    claim: float = 0.0
    due: str | None = None
    dropped: str = "{}"
    usage_report_id: int | None = None
    notes: str = ""


@dataclass
class CostType(Record):
    """A cost type of the numeric proof (Personal, Sachkosten, …)."""

    table: ClassVar[str] = "cost_types"
    label: ClassVar[str] = "Kostenart"
    name: str = ""
    sort: int = 0


@dataclass
class Review(Record):
    table: ClassVar[str] = "reviews"
    label: ClassVar[str] = "Jahresgespräch"
    application_id: int | None = None
    date: str | None = None
    notes: str = ""
    outcome: str = ""


@dataclass
class Meeting(Record):
    table: ClassVar[str] = "meetings"
    label: ClassVar[str] = "Sitzung"
    committee_id: int | None = None
    date: str = ""
    location: str = ""
    notes: str = ""


@dataclass
class AgendaItem(Record):
    table: ClassVar[str] = "agenda_items"
    label: ClassVar[str] = "Tagesordnungspunkt"
    meeting_id: int | None = None
    number: str = ""
    title: str = ""
    round_id: int | None = None
    document: str = ""
    decision: str = ""


@dataclass
class Questionnaire(Record):
    table: ClassVar[str] = "questionnaires"
    label: ClassVar[str] = "Trägerabfrage"
    name: str = ""
    period: int = 0
    notes: str = ""


@dataclass
class Question(Record):
    table: ClassVar[str] = "questions"
    label: ClassVar[str] = "Frage"
    questionnaire_id: int | None = None
    number: int = 0
    text: str = ""
    qtype: str = "text"
    per_district: int = 1


@dataclass
class Statement(Record):
    table: ClassVar[str] = "statements"
    label: ClassVar[str] = "Einschätzung"
    question_id: int | None = None
    provider_id: int | None = None
    district_id: int | None = None
    answer_text: str = ""
    answer_number: float | None = None


@dataclass
class Goal(Record):
    table: ClassVar[str] = "goals"
    label: ClassVar[str] = "Zielwert"
    indicator_id: int | None = None
    district_id: int | None = None
    period: int = 0
    target: float = 0.0
    notes: str = ""


@dataclass
class ProfileTemplate(Record):
    table: ClassVar[str] = "profile_templates"
    label: ClassVar[str] = "Profilvorlage"
    name: str = ""
    definition: str = "{}"


@dataclass
class Commentary(Record):
    table: ClassVar[str] = "commentaries"
    label: ClassVar[str] = "Blickpunkt"
    district_id: int | None = None
    period: int = 0
    body: str = ""
    modified: str = ""


RECORD_TYPES: tuple[type[Record], ...] = (
    DistrictLevel, District, Topic, Indicator, IndexDefinition, Provider, FacilityType,
    TargetGroup, Facility, Committee, Programme, DecisionRule, FundingRound, Criterion,
    Application, Payment, UsageReport, Review, Meeting, AgendaItem, Questionnaire, Question,
    Statement, Goal, ProfileTemplate, Revocation, CostType, Commentary,
)
BY_TABLE: dict[str, type[Record]] = {cls.table: cls for cls in RECORD_TYPES}
