"""The content of a committee template (Beschlussvorlage) for a funding round, taken exactly
from ``figures_rounds`` and shared by the PDF and the editable Word document."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from k360desk.formats import format_date, format_money, format_number
from k360desk.messages import N_, tr
from k360desk.symbols import NOT_APPLICABLE, NOTHING

if TYPE_CHECKING:
    from k360desk.analysis.mapspec import MapSpec
    from k360desk.projectfile import Project

SERVED = N_("mit vorgeschlagener Förderung")
APPLIED = N_("nur beantragt")
# Column names of the tables: German keys, translated where a table is drawn.
COLUMNS = (N_("Rang"), N_("Projekt"), N_("Träger"), N_("Punkte"), N_("Bedarf"), N_("beantragt"),
           N_("Bewilligung"), N_("Vorschlag"), N_("Ergebnis"), N_("Entscheidung"), N_("Gesamt"),
           N_("Nr."), N_("Kriterium"), N_("Beschreibung"), N_("Gewicht"), N_("Skala"), N_("Grundlage"),
           N_("Haushaltsjahr"), N_("Budget"), N_("bereits gebunden"), N_("bewilligt"), N_("vorgeschlagen"),
           N_("verbleibend"), N_("Summe"), N_("Begründung"))


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
# The kinds above, for the catalogue: in other languages the kind is translated, the article dropped.
_KIND_NAMES = (N_("Stadt"), N_("Gemeinde"), N_("StädteRegion"), N_("Region"), N_("Kreis"), N_("Landkreis"),
               N_("Bezirk"))


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
    verb = "bewilligt" if decided else "vorgeschlagen"  # a column key (German), see COLUMNS
    done = tr("bewilligten") if decided else tr("vorgeschlagenen")
    ranking = ranking.assign(outcome_label=ranking.apply(lambda r: _outcome_text(r, decided), axis=1))
    proposed = ranking[ranking["proposed"].fillna(0) > 0]
    owner = bodies(project, rnd.programme_id, amounts, ranking)
    ranking["body"] = ranking["application_id"].map(lambda a: body_name(project, owner.get(int(a))))
    deciding = [b for b in dict.fromkeys(owner[int(a)] for a in ranking["application_id"])]
    committees = [body_name(project, b) for b in deciding if b != ADMINISTRATION]
    committee = ", ".join(committees) or (tr("Verwaltung") if deciding else tr("zuständige Ausschuss"))
    years = f"{rnd.first_year}–{rnd.last_year}" if rnd.last_year != rnd.first_year else str(rnd.first_year)
    city = project.get_meta("municipality") or ""
    kind = authority_kind(project)

    subject = (tr("Förderrunde „{round}“: Förderung von {projects} ({years})", round=rnd.name,
                  projects=_count(len(proposed), N_("1 Projekt"), N_("{n} Projekten")), years=years)
               + ("" if decided else tr(" – Vorschlag der Verwaltung")))
    proposal = []
    for body in deciding:
        mine = proposed[proposed["application_id"].map(lambda a, b=body: owner[int(a)] == b)]
        rejected = ranking[(ranking["proposed"].fillna(0) <= 0)
                           & ranking["application_id"].map(lambda a, b=body: owner[int(a)] == b)]
        name = body_name(project, body)
        numbers = ", ".join(str(int(r)) for r in mine["rank"].dropna())
        money_text = (tr("mit insgesamt {money}", money=format_money(float(mine["proposed"].sum())))
                      if len(mine) else "")
        if body == ADMINISTRATION:
            proposal.append(tr(
                "Zur Kenntnis: Nach den Entscheidungsregeln des Programms entscheidet die Verwaltung über "
                "{applications}{funding}.",
                applications=_count(len(mine) + len(rejected), N_("1 Antrag"), N_("{n} Anträge")),
                funding=tr(" (Förderung Rang {numbers} {money})", numbers=numbers, money=money_text)
                if len(mine) else ""))
            continue
        article = "Die" if name.casefold().startswith(("stadtteil", "ag ", "arbeitsgemeinschaft")) else "Der"
        sentence = tr("{article} {name} beschließt, ", article=article, name=name)
        if len(mine):
            sentence += tr("{projects} (Rang {numbers} in Anlage 1) {money} in den in Anlage 1 je "
                           "Haushaltsjahr genannten Beträgen zu fördern",
                           projects=_count(len(mine), N_("1 Projekt"), N_("{n} Projekte")), numbers=numbers,
                           money=money_text)
        if len(rejected):
            sentence += (tr(" und ") if len(mine) else "") + tr(
                "{applications} aus den in Anlage 1 genannten Gründen abzulehnen",
                applications=_count(len(rejected), N_("1 Antrag"), N_("{n} Anträge")))
        proposal.append(sentence + ".")
    proposal.append(tr("Die Verwaltung wird beauftragt, die Zuwendungsbescheide zu erlassen und über die "
                       "Verwendung der Mittel jährlich zu berichten."))
    n_apps = len(data.applications)
    n_eligible = int(ranking["eligible"].astype(bool).sum()) if "eligible" in ranking else n_apps
    crit = data.criteria
    weights = ", ".join(f"{r['name']} ({format_number(float(r['weight']), 0)})" for _, r in crit.iterrows())
    facts = []
    if programme is not None:
        facts.append(
            tr("Mit dem Förderprogramm „{programme}“{funder} fördert {article} {kind} Projekte freier Träger "
               "in den Sozialräumen. ", programme=programme.name,
               funder=f" ({programme.funder})" if programme.funder else "",
               article=_ARTICLES.get(kind, "die"), kind=tr(kind))
            + (programme.description or "").strip().rstrip(".")
            + "."
        )
    deadline = tr(" bis zum {date}", date=format_date(rnd.deadline)) if rnd.deadline else ""
    facts.append(tr("Zur Förderrunde „{round}“ sind{deadline} {applications} eingegangen; {n} davon erfüllen "
                    "die Fördervoraussetzungen.", round=rnd.name, deadline=deadline,
                    applications=_count(n_apps, N_("1 Antrag"), N_("{n} Anträge")), n=n_eligible))
    facts.append(tr("Die Anträge wurden nach dem Kriterienkatalog (Anlage 2) bewertet; Gewichte: {weights}. "
                    "Die Punktzahl ist die gewichtete Summe der auf 0–100 umgerechneten Bewertungen.",
                    weights=weights))
    if params.get("need_source"):
        facts.append(tr("Der sozialräumliche Bedarf wird aus den Daten berechnet: {source}",
                        source=params["need_source"]))
    facts.append(tr("Verteilungsregel: {rule}. Bei Punktgleichheit entscheidet: {tie_break}.",
                    rule=params.get("rule_label", ""), tie_break=params.get("tie_break", "")))
    counts = ranking["outcome_label"].fillna("").value_counts()
    facts.append(tr("Ergebnis: {counts}.", counts=", ".join(f"{n} × {label}" for label, n in counts.items()
                                                          if label)))
    gaps = [f"„{r.title}“ ({r.unscored})" for r in ranking.itertuples(index=False)
            if str(getattr(r, "unscored", "") or "")]
    if gaps:
        facts.append(tr("Unvollständige Bewertung (Mittel nur aus den vorhandenen Bewertungen): {list}.",
                        list="; ".join(gaps)))
    late = [f"„{r.title}“ ({r.late})" for r in ranking.itertuples(index=False) if str(getattr(r, "late", ""))]
    if late:
        facts.append(tr("Nach der Frist eingegangen: {list}.", list="; ".join(late)))
    facts += _joint_and_costs(project, ranking)
    facts.append(tr("Die Karte in Anlage 3 zeigt die Sozialräume, die von den {done} Projekten erreicht "
                    "werden.", done=done))

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
            "Grundlage": [tr("aus den Daten (Bedarf, 0–100)") if d else tr("Bewertung")
                          for d in crit["derived"]],
        }
    )
    annexes = [
        tr("Anlage 1: Rangliste mit Punktzahlen, Bewertungen je Kriterium, Förderbeträgen je Jahr "
           "und Gründen"),
        tr("Anlage 2: Kriterienkatalog"),
        tr("Anlage 3: Karte der erreichten Sozialräume"),
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
        title=tr("Erreichte Sozialräume"),
        legend_title=tr("Sozialräume"),
        order=[SERVED, APPLIED],
        colors={SERVED: "#2b4c6f", APPLIED: "#a9bdd1"},
        labels={SERVED: tr(SERVED), APPLIED: tr(APPLIED)},
        source=tr("Geometrien: {city}; Darstellung: k360desk", city=city),
        label_mode="name",
    )
    # Here "no data" means: no application reached the district.
    spec.legend = [replace(e, label=tr("ohne Antrag")) if e.label == tr("keine Daten") else e
                   for e in spec.legend]
    return spec


def _count(n: int, one: str, many: str) -> str:
    return tr(one) if n == 1 else tr(many, n=n)


def _outcome_text(row, decided: bool) -> str:
    """Status-true result: what was decided, or what is only proposed."""
    if decided or str(row.get("status", "")) in ("awarded", "rejected"):
        return str(row["outcome_label"])
    proposed = {"funded": N_("Förderung vorgeschlagen"), "partial": N_("Teilförderung vorgeschlagen"),
                "override": N_("Förderung vorgeschlagen (manuell)"),
                "not_funded": N_("keine Förderung vorgeschlagen"), "ineligible": N_("nicht förderfähig")}
    text = proposed.get(str(row["outcome"]))
    return tr(text) if text else str(row["outcome_label"])


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
        "verbleibend": remaining.map(lambda v: format_money(v) if v >= 0
                                     else tr("fehlen {money}", money=format_money(-v))),
    })
    finance.loc[len(finance)] = [
        tr("Summe"),
        format_money(fin["budget"].sum()),
        format_money(fin["committed"].sum()),
        format_money((fin["allocated"] + fin["overrides"]).sum()),
        format_money(remaining.sum()) if remaining.sum() >= 0
        else tr("fehlen {money}", money=format_money(-remaining.sum())),
    ]
    source = tr("Förderprogramm „{name}“", name=programme.name if programme else rnd.name)
    line = tr(" (Haushaltsstelle {line})", line=rnd.budget_line or tr("noch nicht angegeben"))
    done = tr("bewilligten") if verb == "bewilligt" else tr("vorgeschlagenen")
    short = fin[remaining < 0]
    if short.empty:
        intro = tr("Die Mittel stehen im {source}{line} zur Verfügung. Die {done} Beträge je "
                   "Haushaltsjahr und das verbleibende Budget zeigt die Tabelle.", source=source, line=line,
                   done=done)
    else:
        gaps = ", ".join(f"{int(r.year)}: {format_money(-r.remaining)}"
                         for r in short.itertuples(index=False))
        intro = tr("Die Mittel im {source}{line} reichen nicht aus: es fehlen {gaps}. Die Förderung "
                   "in diesen Jahren setzt zusätzliche Mittel (überplanmäßige Bereitstellung) voraus. "
                   "Die {done} Beträge je Haushaltsjahr zeigt die Tabelle.", source=source, line=line,
                   gaps=gaps, done=done)
    funded = amounts[amounts["application_id"].isin(proposed["application_id"])]
    later = funded[funded["year"] > rnd.first_year].groupby("year")["proposed"].sum()
    later = later[later > 0]
    if len(later):
        parts = ", ".join(f"{int(y)}: {format_money(v)}" for y, v in later.items())
        intro += tr(" Für die Folgejahre ist eine Verpflichtungsermächtigung von insgesamt {money} zu Lasten "
                    "der Haushaltsjahre {first}–{last} nötig ({parts}).",
                    money=format_money(float(later.sum())), first=int(later.index.min()),
                    last=int(later.index.max()), parts=parts)
    return finance, intro


def _joint_and_costs(project: Project, ranking: pd.DataFrame) -> list[str]:
    """Sentences on joint applications and on the cost plans the applications state."""
    from k360desk.models.joint import cost_plan_text, partners

    joint, costs = [], []
    for r in ranking.itertuples(index=False):
        others = partners(project, int(r.application_id))
        if others:
            joint.append(tr("„{title}“ ({lead} federführend mit {others})", title=r.title,
                            lead=r.provider or tr("ohne Träger"),
                            others=", ".join(p.name for p in others)))
        plan = cost_plan_text(project, int(r.application_id))
        if plan:
            costs.append(f"„{r.title}“: {plan}")
    out = []
    if joint:
        out.append(tr("Verbundanträge: {list}.", list="; ".join(joint)))
    if costs:
        out.append(tr("Finanzierung laut Antrag: {list}.", list="; ".join(costs)))
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
