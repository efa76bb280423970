"""The content of a committee template (Beschlussvorlage) for a funding round, taken exactly
from ``figures_rounds`` and shared by the PDF and the editable Word document."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from k360desk.formats import format_date, format_money, format_number
from k360desk.symbols import NOT_APPLICABLE, NOTHING

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
    yearly: pd.DataFrame = field(default_factory=pd.DataFrame)  # Projekt, Jahre …, Summe, Entscheidung
    reasons: pd.DataFrame = field(default_factory=pd.DataFrame)  # Projekt, Ergebnis, Begründung
    authority: str = "Stadt"  # Stadt, Kreis, Gemeinde … (who funds)


# Who funds, by the kind of authority: "fördert die Stadt" / "fördert der Kreis".
_ARTICLES = {"Stadt": "die", "Gemeinde": "die", "StädteRegion": "die", "Region": "die",
             "Kreis": "der", "Landkreis": "der", "Bezirk": "der"}


def authority_kind(project: Project) -> str:
    """The kind of authority the project belongs to: the meta setting ``municipality_kind``,
    else read from the name ("Kreis Lippe", "Rhein-Sieg-Kreis", "StädteRegion Aachen"), else Stadt."""
    kind = (project.get_meta("municipality_kind") or "").strip()
    if kind:
        return kind
    name = (project.get_meta("municipality") or "").strip()
    for candidate in ("StädteRegion", "Landkreis", "Region", "Gemeinde"):
        if name.startswith(candidate):
            return candidate
    return "Kreis" if "kreis" in name.casefold().replace("landkreis", "kreis") else "Stadt"


def _authority_name(kind: str, name: str) -> str:
    return name if not name or kind.casefold() in name.casefold() else f"{kind} {name}"


def committee_content(
    project: Project, round_key: str | int, created: date | None = None
) -> CommitteeContent:
    """Everything the Beschlussvorlage says about one round (by id or name)."""
    from k360desk.figures.rounds import round_figures
    from k360desk.models import rounds as store
    from k360desk.models.decisions import ADMINISTRATION, bodies, body_name
    from k360desk.models.joint import providers_text

    rnd = store.find_round(project, round_key)
    ranking, amounts, budget, trace, figures = round_figures(project, rnd.id)
    data = figures.data
    programme = data.programme
    params = trace.parameters
    decided = bool(params.get("decided"))
    verb = "bewilligt" if decided else "vorgeschlagen"
    ranking = ranking.assign(outcome_label=ranking.apply(lambda r: _outcome_text(r, decided), axis=1))
    proposed = ranking[ranking["proposed"].fillna(0) > 0]
    owner = bodies(project, rnd.programme_id, amounts, ranking)
    ranking["body"] = ranking["application_id"].map(lambda a: body_name(project, owner.get(int(a))))
    deciding = [b for b in dict.fromkeys(owner[int(a)] for a in ranking["application_id"])]
    committees = [body_name(project, b) for b in deciding if b != ADMINISTRATION]
    committee = ", ".join(committees) or ("Verwaltung" if deciding else "zuständige Ausschuss")
    years = f"{rnd.first_year}–{rnd.last_year}" if rnd.last_year != rnd.first_year else str(rnd.first_year)
    city = project.get_meta("municipality") or ""
    kind = authority_kind(project)

    subject = (f"Förderrunde „{rnd.name}“: Förderung von {_count(len(proposed), 'Projekt', 'Projekten')} "
               f"({years})" + ("" if decided else " – Vorschlag der Verwaltung"))
    proposal = []
    for body in deciding:
        mine = proposed[proposed["application_id"].map(lambda a, b=body: owner[int(a)] == b)]
        rejected = ranking[(ranking["proposed"].fillna(0) <= 0)
                           & ranking["application_id"].map(lambda a, b=body: owner[int(a)] == b)]
        name = body_name(project, body)
        numbers = ", ".join(str(int(r)) for r in mine["rank"].dropna())
        money_text = f"mit insgesamt {format_money(float(mine['proposed'].sum()))}" if len(mine) else ""
        if body == ADMINISTRATION:
            proposal.append(
                f"Zur Kenntnis: Nach den Entscheidungsregeln des Programms entscheidet die Verwaltung über "
                f"{_count(len(mine) + len(rejected), 'Antrag', 'Anträge')}"
                + (f" (Förderung Rang {numbers} {money_text})" if len(mine) else "") + ".")
            continue
        article = "Die" if name.casefold().startswith(("stadtteil", "ag ", "arbeitsgemeinschaft")) else "Der"
        sentence = f"{article} {name} beschließt, "
        if len(mine):
            sentence += (f"{_count(len(mine), 'Projekt', 'Projekte')} (Rang {numbers} in Anlage 1) "
                         f"{money_text} in den in Anlage 1 je Haushaltsjahr genannten Beträgen zu fördern")
        if len(rejected):
            sentence += (" und " if len(mine) else "") + (
                f"{_count(len(rejected), 'Antrag', 'Anträge')} aus den in Anlage 1 genannten Gründen "
                "abzulehnen")
        proposal.append(sentence + ".")
    proposal.append("Die Verwaltung wird beauftragt, die Zuwendungsbescheide zu erlassen und über die "
                    "Verwendung der Mittel jährlich zu berichten.")
    n_apps = len(data.applications)
    n_eligible = int(ranking["eligible"].astype(bool).sum()) if "eligible" in ranking else n_apps
    crit = data.criteria
    weights = ", ".join(f"{r['name']} ({format_number(float(r['weight']), 0)})" for _, r in crit.iterrows())
    facts = []
    if programme is not None:
        facts.append(
            f"Mit dem Förderprogramm „{programme.name}“"
            + (f" ({programme.funder})" if programme.funder else "")
            + f" fördert {_ARTICLES.get(kind, 'die')} {kind} Projekte freier Träger in den Sozialräumen. "
            + (programme.description or "").strip().rstrip(".")
            + "."
        )
    deadline = f" bis zum {format_date(rnd.deadline)}" if rnd.deadline else ""
    facts.append(
        f"Zur Förderrunde „{rnd.name}“ sind{deadline} {_count(n_apps, 'Antrag', 'Anträge')} eingegangen; "
        f"{n_eligible} davon erfüllen die Fördervoraussetzungen."
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
    gaps = [f"„{r.title}“ ({r.unscored})" for r in ranking.itertuples(index=False)
            if str(getattr(r, "unscored", "") or "")]
    if gaps:
        facts.append("Unvollständige Bewertung (Mittel nur aus den vorhandenen Bewertungen): "
                     + "; ".join(gaps) + ".")
    late = [f"„{r.title}“ ({r.late})" for r in ranking.itertuples(index=False) if str(getattr(r, "late", ""))]
    if late:
        facts.append("Nach der Frist eingegangen: " + "; ".join(late) + ".")
    facts += _joint_and_costs(project, ranking)
    facts.append(
        f"Die Karte in Anlage 3 zeigt die Sozialräume, die von den {verb}en Projekten erreicht werden."
    )

    finance, finance_intro = _finance(budget, verb, rnd, programme, amounts, proposed)
    rank = ranking.sort_values("rank", na_position="last")
    table = pd.DataFrame(
        {
            # Ineligible applications have no rank; they are listed last with the reason.
            "Rang": rank["rank"].map(lambda v: NOT_APPLICABLE if pd.isna(v) else str(int(v))),
            "Projekt": rank["title"].astype(str),
            "Träger": [providers_text(project, int(a), str(p or ""))
                       for a, p in zip(rank["application_id"], rank["provider"], strict=True)],
            "Punkte": rank["total"].map(lambda v: format_number(v, 1)),
            "Bedarf": rank["need"].map(lambda v: format_number(v, 0)),
            "beantragt": rank["requested"].map(format_money),
            ("Bewilligung" if decided else "Vorschlag"): rank["proposed"].fillna(0).map(format_money),
            "Ergebnis": rank["outcome_label"].fillna("").astype(str),
            "Entscheidung": rank["body"].astype(str),
        }
    )
    if len(deciding) < 2:
        table = table.drop(columns=["Entscheidung"])  # one body decides all: said in the head
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
        "Anlage 1: Rangliste mit Punktzahlen, Bewertungen je Kriterium, Förderbeträgen je Jahr "
        "und Gründen",
        "Anlage 2: Kriterienkatalog",
        "Anlage 3: Karte der erreichten Sozialräume",
    ]
    return CommitteeContent(
        yearly=_yearly(rank, amounts),
        reasons=_reasons(rank),
        authority=kind,
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


def _count(n: int, one: str, many: str) -> str:
    return f"1 {one}" if n == 1 else f"{n} {many}"


def _outcome_text(row, decided: bool) -> str:
    """Status-true result: what was decided, or what is only proposed."""
    if decided or str(row.get("status", "")) in ("awarded", "rejected"):
        return str(row["outcome_label"])
    return {"funded": "Förderung vorgeschlagen", "partial": "Teilförderung vorgeschlagen",
            "override": "Förderung vorgeschlagen (manuell)", "not_funded": "keine Förderung vorgeschlagen",
            "ineligible": "nicht förderfähig"}.get(str(row["outcome"]), str(row["outcome_label"]))


def _finance(budget: pd.DataFrame, verb: str, rnd, programme, amounts: pd.DataFrame,
             proposed: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Budget table and its introduction: budget line, commitment appropriations for later
    years, and a shortfall said as such (never a negative "verbleibend" under "available")."""
    fin = budget.copy()
    remaining = fin["remaining"]
    finance = pd.DataFrame({
        "Haushaltsjahr": fin["year"].astype(int).astype(str),
        "Budget": fin["budget"].map(format_money),
        "bereits gebunden": fin["committed"].map(format_money),
        verb: (fin["allocated"] + fin["overrides"]).map(format_money),
        "verbleibend": remaining.map(lambda v: format_money(v) if v >= 0 else f"fehlen {format_money(-v)}"),
    })
    finance.loc[len(finance)] = [
        "Summe",
        format_money(fin["budget"].sum()),
        format_money(fin["committed"].sum()),
        format_money((fin["allocated"] + fin["overrides"]).sum()),
        format_money(remaining.sum()) if remaining.sum() >= 0 else f"fehlen {format_money(-remaining.sum())}",
    ]
    source = f"Förderprogramm „{programme.name if programme else rnd.name}“"
    line = f" (Haushaltsstelle {rnd.budget_line or 'noch nicht angegeben'})"
    short = fin[remaining < 0]
    if short.empty:
        intro = (f"Die Mittel stehen im {source}{line} zur Verfügung. Die {verb}en Beträge je "
                 "Haushaltsjahr und das verbleibende Budget zeigt die Tabelle.")
    else:
        gaps = ", ".join(f"{int(r.year)}: {format_money(-r.remaining)}"
                         for r in short.itertuples(index=False))
        intro = (f"Die Mittel im {source}{line} reichen nicht aus: es fehlen {gaps}. Die Förderung "
                 "in diesen Jahren setzt zusätzliche Mittel (überplanmäßige Bereitstellung) voraus. "
                 f"Die {verb}en Beträge je Haushaltsjahr zeigt die Tabelle.")
    funded = amounts[amounts["application_id"].isin(proposed["application_id"])]
    later = funded[funded["year"] > rnd.first_year].groupby("year")["proposed"].sum()
    later = later[later > 0]
    if len(later):
        parts = ", ".join(f"{int(y)}: {format_money(v)}" for y, v in later.items())
        intro += (f" Für die Folgejahre ist eine Verpflichtungsermächtigung von insgesamt "
                  f"{format_money(float(later.sum()))} zu Lasten der Haushaltsjahre "
                  f"{int(later.index.min())}–{int(later.index.max())} nötig ({parts}).")
    return finance, intro


def _joint_and_costs(project: Project, ranking: pd.DataFrame) -> list[str]:
    """Sentences on joint applications and on the cost plans the applications state."""
    from k360desk.models.joint import cost_plan_text, partners

    joint, costs = [], []
    for r in ranking.itertuples(index=False):
        others = partners(project, int(r.application_id))
        if others:
            joint.append(f"„{r.title}“ ({r.provider or 'ohne Träger'} federführend mit "
                         + ", ".join(p.name for p in others) + ")")
        plan = cost_plan_text(project, int(r.application_id))
        if plan:
            costs.append(f"„{r.title}“: {plan}")
    out = []
    if joint:
        out.append("Verbundanträge: " + "; ".join(joint) + ".")
    if costs:
        out.append("Finanzierung laut Antrag: " + "; ".join(costs) + ".")
    return out


def _yearly(rank: pd.DataFrame, amounts: pd.DataFrame) -> pd.DataFrame:
    """Yearly amounts per funded project, with the body that decides it."""
    funded = rank[rank["proposed"].fillna(0) > 0]
    years = sorted(int(y) for y in amounts["year"].unique())
    rows = []
    for r in funded.itertuples(index=False):
        mine = amounts[amounts["application_id"] == r.application_id].set_index("year")["proposed"]
        rows.append([str(int(r.rank)) if pd.notna(r.rank) else NOT_APPLICABLE, str(r.title)]
                    + [format_money(mine.get(y)) if y in mine.index and mine.get(y) > 0 else NOTHING
                       for y in years]
                    + [format_money(float(mine.sum())), str(r.body)])
    return pd.DataFrame(rows, columns=["Rang", "Projekt", *map(str, years), "Summe", "Entscheidung"])


def _reasons(rank: pd.DataFrame) -> pd.DataFrame:
    """Why each application is not (or only partly) funded."""
    rows = rank[(rank["proposed"].fillna(0) <= 0) | rank["outcome"].isin(["partial"])]
    return pd.DataFrame({
        "Projekt": rows["title"].astype(str),
        "Ergebnis": rows["outcome_label"].astype(str),
        "Begründung": rows["reason"].fillna("").astype(str).where(rows["eligible"].astype(bool),
                                                                   rows["reasons"].fillna("").astype(str)),
    })
