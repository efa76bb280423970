"""The content of a committee template (Beschlussvorlage) for a funding round, taken exactly
from ``figures_rounds`` and shared by the PDF and the editable Word document."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from k360desk.formats import format_date, format_money, format_number

if TYPE_CHECKING:
    from k360desk.analysis.mapspec import MapSpec
    from k360desk.projectfile import Project

SERVED = "mit vorgeschlagener Förderung"
APPLIED = "nur beantragt"


@dataclass
class CommitteeContent:
    """Sections of the template as plain text and tables (German)."""

    municipality: str
    round_name: str
    committee: str
    created: date
    subject: str
    proposal: list[str]
    facts: list[str]
    finance_intro: str
    finance: pd.DataFrame  # Haushaltsjahr, Budget, bereits gebunden, vorgeschlagen, verbleibend
    ranking: pd.DataFrame  # Rang, Projekt, Träger, Punkte, Bedarf, beantragt, vorgeschlagen, Ergebnis
    scores: pd.DataFrame  # Rang, Projekt, K1 … Kn, Gesamt
    criteria: pd.DataFrame  # Nr., Kriterium, Beschreibung, Gewicht, Skala, Grundlage
    annexes: list[str]
    map_spec: MapSpec | None = None
    notes: list[str] = field(default_factory=list)


def _committee_name(project: Project, programme_id: int | None, amount: float) -> str:
    from k360desk.models import rounds as store
    from k360desk.projectfile import Committee

    committee_id = store.deciding_committee(project, programme_id, amount)
    record = project.get(Committee, committee_id) if committee_id else None
    return record.name if record is not None else "zuständige Ausschuss"


def committee_content(
    project: Project, round_key: str | int, created: date | None = None
) -> CommitteeContent:
    """Everything the Beschlussvorlage says about one round (by id or name)."""
    from k360desk.figures.rounds import round_figures
    from k360desk.models import rounds as store

    rnd = store.find_round(project, round_key)
    ranking, amounts, budget, trace, figures = round_figures(project, rnd.id)
    data = figures.data
    programme = data.programme
    proposed = ranking[ranking["proposed"].fillna(0) > 0]
    total = float(proposed["proposed"].sum())
    committee = _committee_name(project, rnd.programme_id, total)
    years = f"{rnd.first_year}–{rnd.last_year}" if rnd.last_year != rnd.first_year else str(rnd.first_year)
    city = project.get_meta("municipality") or ""
    params = trace.parameters
    decided = bool(params.get("decided"))
    verb = "bewilligt" if decided else "vorgeschlagen"

    subject = f"Förderrunde „{rnd.name}“: Förderung von {len(proposed)} Projekten ({years})"
    proposal = [
        f"Der {committee} beschließt, die in Anlage 1 aufgeführten {len(proposed)} Projekte im Rahmen "
        f"der Förderrunde „{rnd.name}“ mit insgesamt {format_money(total)} für die Haushaltsjahre {years} "
        "in der dort genannten Höhe zu fördern.",
        "Die Verwaltung wird beauftragt, die Zuwendungsbescheide zu erlassen und dem Ausschuss über die "
        "Verwendung der Mittel jährlich zu berichten.",
    ]
    n_apps = len(data.applications)
    n_eligible = int(ranking["eligible"].astype(bool).sum()) if "eligible" in ranking else n_apps
    crit = data.criteria
    weights = ", ".join(f"{r['name']} ({format_number(float(r['weight']), 0)})" for _, r in crit.iterrows())
    facts = []
    if programme is not None:
        facts.append(
            f"Mit dem Förderprogramm „{programme.name}“"
            + (f" ({programme.funder})" if programme.funder else "")
            + " fördert die Stadt Projekte freier Träger in den Sozialräumen. "
            + (programme.description or "").strip().rstrip(".")
            + "."
        )
    deadline = f" bis zum {format_date(rnd.deadline)}" if rnd.deadline else ""
    facts.append(
        f"Zur Förderrunde „{rnd.name}“ sind{deadline} {n_apps} Anträge eingegangen; {n_eligible} "
        "davon erfüllen die Fördervoraussetzungen."
    )
    facts.append(
        f"Die Anträge wurden nach dem Kriterienkatalog (Anlage 2) bewertet; Gewichte: {weights}. "
        "Die Punktzahl ist die gewichtete Summe der auf 0–100 umgerechneten Bewertungen."
    )
    if params.get("need_source"):
        facts.append(f"Der sozialräumliche Bedarf wird aus den Daten berechnet: {params['need_source']}")
    facts.append(
        f"Verteilungsregel: {params.get('rule_label', '')}. Bei Punktgleichheit entscheidet: "
        f"{params.get('tie_break', '')}."
    )
    counts = ranking["outcome_label"].fillna("").value_counts()
    facts.append("Ergebnis: " + ", ".join(f"{n} × {label}" for label, n in counts.items() if label) + ".")
    facts.append(
        "Die Karte in Anlage 3 zeigt die Sozialräume, die von den vorgeschlagenen Projekten erreicht werden."
    )

    fin = budget.copy()
    finance = pd.DataFrame(
        {
            "Haushaltsjahr": fin["year"].astype(int).astype(str),
            "Budget": fin["budget"].map(format_money),
            "bereits gebunden": fin["committed"].map(format_money),
            verb: fin["allocated"].map(format_money),
            "verbleibend": fin["remaining"].map(format_money),
        }
    )
    finance.loc[len(finance)] = [
        "Summe",
        format_money(fin["budget"].sum()),
        format_money(fin["committed"].sum()),
        format_money(fin["allocated"].sum()),
        format_money(fin["remaining"].sum()),
    ]
    finance_intro = (
        f"Die Mittel stehen im Förderprogramm „{programme.name if programme else rnd.name}“ "
        f"zur Verfügung. Die {verb}en Beträge je Haushaltsjahr und das verbleibende Budget:"
    )

    rank = ranking.sort_values("rank", na_position="last")
    table = pd.DataFrame(
        {
            # Ineligible applications have no rank; they are listed last with the reason.
            "Rang": rank["rank"].map(lambda v: "–" if pd.isna(v) else str(int(v))),
            "Projekt": rank["title"].astype(str),
            "Träger": rank["provider"].fillna("").astype(str),
            "Punkte": rank["total"].map(lambda v: format_number(v, 1)),
            "Bedarf": rank["need"].map(lambda v: format_number(v, 0)),
            "beantragt": rank["requested"].map(format_money),
            ("Bewilligung" if decided else "Vorschlag"): rank["proposed"].fillna(0).map(format_money),
            "Ergebnis": rank["outcome_label"].fillna("").astype(str),
        }
    )
    ct = figures.criteria_table
    order = list(crit["id"])
    pivot = ct.pivot_table(index="application_id", columns="criterion_id", values="mean", aggfunc="first")
    scores = pd.DataFrame({"Rang": table["Rang"].to_numpy(), "Projekt": table["Projekt"].to_numpy()})
    for i, cid in enumerate(order, start=1):
        col = pivot[cid] if cid in pivot.columns else pd.Series(dtype=float)
        decimals = 0 if crit.loc[crit["id"] == cid, "derived"].notna().any() else 1
        scores[f"K{i}"] = (
            rank["application_id"].map(col).map(lambda v, d=decimals: format_number(v, d)).to_numpy()
        )
    scores["Gesamt"] = table["Punkte"].to_numpy()
    criteria = pd.DataFrame(
        {
            "Nr.": [f"K{i}" for i in range(1, len(crit) + 1)],
            "Kriterium": crit["name"].astype(str).to_numpy(),
            "Beschreibung": crit["description"].fillna("").astype(str).to_numpy(),
            "Gewicht": crit["weight"].map(lambda v: format_number(v, 0)).to_numpy(),
            "Skala": [
                f"{format_number(a, 0)}–{format_number(b, 0)}"
                for a, b in zip(crit["scale_min"], crit["scale_max"], strict=True)
            ],
            "Grundlage": ["aus den Daten (Bedarf, 0–100)" if d else "Bewertung" for d in crit["derived"]],
        }
    )
    annexes = [
        "Anlage 1: Rangliste mit Punktzahlen, Bewertungen je Kriterium und Förderbeträgen",
        "Anlage 2: Kriterienkatalog",
        "Anlage 3: Karte der erreichten Sozialräume",
    ]
    return CommitteeContent(
        municipality=city,
        round_name=rnd.name,
        committee=committee,
        created=created or date.today(),
        subject=subject,
        proposal=proposal,
        facts=facts,
        finance_intro=finance_intro,
        finance=finance,
        ranking=table,
        scores=scores,
        criteria=criteria,
        annexes=annexes,
        map_spec=_served_map(project, data.districts, ranking),
        notes=list(figures.notes),
    )


def _served_map(project: Project, districts: pd.DataFrame, ranking: pd.DataFrame):
    """Districts reached by proposed projects versus only applied for."""
    from k360desk.analysis.mapspec import build_category_spec
    from k360desk.export.map_data import MapDataError, district_base

    if districts.empty:
        return None
    funded_apps = set(ranking.loc[ranking["proposed"].fillna(0) > 0, "application_id"])
    served = set(districts.loc[districts["application_id"].isin(funded_apps), "district_id"])
    applied = set(districts["district_id"]) - served
    frame = project.districts_frame()
    levels = frame.loc[frame.index.isin(served | applied), "level_id"]
    if levels.empty:
        return None
    try:
        base = district_base(project, int(levels.mode().iloc[0]))
    except MapDataError:
        return None
    cats = pd.Series(
        {int(i): (SERVED if i in served else APPLIED if i in applied else np.nan) for i in base.ids},
        dtype=object,
    )
    city = project.get_meta("municipality") or ""
    spec = build_category_spec(
        base,
        cats,
        title="Erreichte Sozialräume",
        legend_title="Sozialräume",
        order=[SERVED, APPLIED],
        colors={SERVED: "#2b4c6f", APPLIED: "#a9bdd1"},
        labels={SERVED: SERVED, APPLIED: APPLIED},
        source=f"Geometrien: {city}; Darstellung: k360desk",
        label_mode="name",
    )
    # Here "no data" means: no application reached the district.
    spec.legend = [replace(e, label="ohne Antrag") if e.label == "keine Daten" else e for e in spec.legend]
    return spec
