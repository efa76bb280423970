"""Funding rounds, committees, the providers' questionnaire and goals of the generated city.

The demo has two rounds: "Quartiersfonds 2025" (decided: awards and rejections within the
budget, payments, a review) and "Sozialraumbudget 2026–2030" (in assessment: scores by
three raters, the last one abstaining on four applications as befangen). Larger scales repeat the pattern.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from k360desk.demo import content
from k360desk.demo.districts import Profile
from k360desk.demo.scales import Scale, SeededIds
from k360desk.demo.supply import Supply
from k360desk.projectfile import (
    AgendaItem,
    Application,
    Committee,
    Criterion,
    DecisionRule,
    FundingRound,
    Goal,
    Meeting,
    Payment,
    Programme,
    Project,
    Question,
    Questionnaire,
    Review,
    Statement,
    UsageReport,
)


@dataclass(frozen=True)
class _RoundPlan:
    programme: int
    name: str
    first_year: int
    last_year: int
    deadline: str
    status: str
    budget: tuple[float, ...]
    raters: int
    max_duration: int
    amount: tuple[int, int]


_PROGRAMMES = (
    ("Quartiersfonds Musterstadt", "Stadt Musterstadt, Fachbereich Soziales und Senioren",
     "Kleine Projekte von Nachbarschaften und Trägern in den Quartieren", 1),
    ("Sozialraumbudget", "Stadt Musterstadt, Dezernat Jugend, Soziales und Gesundheit",
     "Mehrjährige Förderung sozialräumlicher Angebote aus den Globalmitteln", 5),
    ("Präventionsfonds Kinderarmut", "Land Niedersachsen / Stadt Musterstadt",
     "Präventionsketten gegen Kinderarmut", 3),
)


def _plans(scale: Scale) -> list[_RoundPlan]:
    demo = [
        _RoundPlan(0, "Quartiersfonds 2025", 2025, 2025, "2024-10-31", "decided",
                   (120_000.0,), 2, 1, (3_000, 15_000)),
        _RoundPlan(1, "Sozialraumbudget 2026–2030", 2026, 2030, "2025-09-30", "assessment",
                   (480_000.0, 480_000.0, 450_000.0, 380_000.0, 300_000.0), 3, 5,
                   (15_000, 60_000)),
    ]
    plans = demo[:scale.rounds]
    year = 2024
    while len(plans) < scale.rounds:
        programme = len(plans) % 3
        years = (1, 5, 3)[programme]
        name = f"{_PROGRAMMES[programme][0]} {year}" + (f"–{year + years - 1}" if years > 1 else "")
        status = "closed" if year < 2023 else "decided"
        plans.append(_RoundPlan(programme, name, year, year + years - 1, f"{year - 1}-10-31",
                                status, tuple(200_000.0 * (1 + programme) for _ in range(years)),
                                2, years, (3_000, 40_000)))
        year -= 1 if programme == 2 else 0
    return plans


def add_funding(project: Project, rng: np.random.Generator, profile: Profile, scale: Scale,
                supply: Supply, topic_ids: dict[str, int], ids: SeededIds) -> None:
    """Write committees, programmes, rounds with criteria, applications, scores and more."""
    committees = [Committee(name=n, kind=k, uuid=ids()) for n, k in (
        ("Sozialausschuss", "Ratsausschuss"), ("Jugendhilfeausschuss", "Ratsausschuss"),
        ("Stadtteilkonferenz Nord", "Stadtteilgremium"),
        ("AG Wohlfahrt (Arbeitsgemeinschaft der freien Wohlfahrtspflege)", "Arbeitsgemeinschaft"))]
    project.add_many(committees)
    if scale.rounds == 0:
        return
    plans = _plans(scale)
    used = _PROGRAMMES[:max(p.programme for p in plans) + 1]
    programmes = [Programme(name=n, funder=f, description=d, max_years=m, uuid=ids())
                  for n, f, d, m in used]
    project.add_many(programmes)
    project.add_many([
        DecisionRule(programme_id=programmes[0].id, max_amount=5_000.0, uuid=ids(),
                     notes="Bis 5.000 € entscheidet die Verwaltung."),
        DecisionRule(programme_id=programmes[0].id, committee_id=committees[0].id, uuid=ids(),
                     notes="Über 5.000 € entscheidet der Sozialausschuss."),
        DecisionRule(programme_id=programmes[1].id, committee_id=committees[1].id, uuid=ids(),
                     notes="Jugendhilfeausschuss und Sozialausschuss beschließen gemeinsam."),
    ])
    rounds = [FundingRound(programme_id=programmes[p.programme].id, name=p.name,
                           first_year=p.first_year, last_year=p.last_year, deadline=p.deadline,
                           status=p.status, uuid=ids(),
                           notes="Kriterienkatalog vom Sozialausschuss beschlossen.")
              for p in plans]
    project.add_many(rounds)
    project.execute_link("round_budgets", [
        {"round_id": r.id, "year": r.first_year + i, "amount": amount}
        for r, p in zip(rounds, plans, strict=True) for i, amount in enumerate(p.budget)])
    for plan, funding_round in zip(plans, rounds, strict=True):
        _add_round(project, rng, profile, supply, topic_ids, plan, funding_round,
                   scale.applications, ids)
    _add_meetings(project, committees, rounds, ids)
    _add_questionnaire(project, rng, profile, supply, ids)


def _add_round(project: Project, rng: np.random.Generator, profile: Profile, supply: Supply,
               topic_ids: dict[str, int], plan: _RoundPlan, funding_round: FundingRound,
               count: int, ids: SeededIds) -> None:
    catalogue = content.CRITERIA if plan.max_duration > 1 else content.CRITERIA[:5]
    criteria = [Criterion(round_id=funding_round.id, name=n, description=d, weight=w,
                          scale_min=0.0, scale_max=5.0, derived=derived, sort=i, uuid=ids())
                for i, (n, d, w, derived) in enumerate(catalogue)]
    project.add_many(criteria)
    applicants = [i for i, s in enumerate(supply.provider_specs) if s.kind != content.CITY]
    need = np.maximum(profile.deprivation, 0.05) ** 1.5 * np.sqrt(profile.area_km2)
    quarters = rng.choice(len(profile.ids), size=count, p=need / need.sum())
    ideas = rng.permutation(len(content.APPLICATION_IDEAS))
    centroids = shapely.get_coordinates(shapely.centroid(profile.geoms))
    apps, served, amounts, quality = [], [], [], []
    for a in range(count):
        idea, topic = content.APPLICATION_IDEAS[ideas[a % len(ideas)]]
        q = int(quarters[a])
        duration = int(rng.integers(1, plan.max_duration + 1))
        start = plan.first_year + (int(rng.integers(0, 2)) if plan.max_duration > 2 else 0)
        duration = min(duration, plan.last_year - start + 1)
        provider = int(rng.choice(applicants))
        others = [int(j) for j in np.argsort(np.hypot(*(centroids - centroids[q]).T))[1:4]
                  if profile.borough[j] == profile.borough[q]]
        extra = others[:int(rng.integers(0, 3))]
        shares = [1.0] if not extra else [0.6] + [round(0.4 / len(extra), 4)] * len(extra)
        area = profile.names[q] if not extra else f"{profile.names[q]} und Umgebung"
        apps.append(Application(
            round_id=funding_round.id, provider_id=supply.provider_ids[provider],
            title=f"{idea} – {area}", topic_id=topic_ids[topic], start_year=start,
            duration=duration, status="submitted", uuid=ids(),
            submitted=f"{int(plan.deadline[:4])}-{rng.integers(7, 10):02d}-{rng.integers(1, 29):02d}",
            summary=(f"{supply.provider_specs[provider].name} beantragt Mittel für das Vorhaben "
                     f"„{idea}“ im Quartier {profile.names[q]}. Das Angebot richtet sich an "
                     "Menschen, die bestehende Angebote bisher kaum erreichen, und wird mit "
                     "den Einrichtungen vor Ort abgestimmt.")))
        served.append([(q, shares[0])] + [(j, s) for j, s in zip(extra, shares[1:], strict=True)])
        yearly = float(rng.integers(*plan.amount) // 100 * 100)
        amounts.append([round(yearly * 1.02 ** y, -1) for y in range(duration)])
        quality.append(rng.normal(3.2, 0.8))
    project.add_many(apps)
    project.execute_link("application_districts", [
        {"application_id": app.id, "district_id": int(profile.ids[q]), "share": share}
        for app, parts in zip(apps, served, strict=True) for q, share in parts])
    totals = _add_scores(project, rng, apps, criteria, quality, plan)
    awarded = _decide(project, apps, amounts, totals, plan)
    project.execute_link("application_amounts", [
        {"application_id": app.id, "year": app.start_year + y, "requested": amount,
         "awarded": awarded.get(app.id, [None] * len(years))[y], "override_reason": ""}
        for app, years in zip(apps, amounts, strict=True) for y, amount in enumerate(years)])
    if plan.status == "decided":
        _add_follow_up(project, rng, apps, awarded, ids)


def _add_scores(project: Project, rng: np.random.Generator, apps: list[Application],
                criteria: list[Criterion], quality: list[float], plan: _RoundPlan) -> np.ndarray:
    rated = [c for c in criteria if not c.derived]
    comments = ("", "", "", "Konzept überzeugend.", "Kostenplan bitte konkretisieren.",
                "Gute Vernetzung mit der Kita vor Ort.", "Zielgruppe nicht klar beschrieben.",
                "Ähnliches Angebot besteht bereits im Quartier.")
    rows, totals = [], np.zeros(len(apps))
    for a, app in enumerate(apps):
        for r, rater in enumerate(content.RATERS[:plan.raters]):
            if plan.status == "assessment" and r == 2 and a >= len(apps) - 4:
                # The third rater declared a conflict of interest: an abstention with its reason,
                # not a forgotten score (which would block the decision).
                rows.extend({"application_id": app.id, "criterion_id": c.id, "rater": rater,
                             "score": None, "comment": "befangen (Mitglied im Vorstand des Trägers)"}
                            for c in rated)
                continue
            bias = (0.0, -0.3, 0.2)[r]
            for c in rated:
                score = float(np.clip(np.round(quality[a] + bias + rng.normal(0, 0.6)), 0, 5))
                totals[a] += score * c.weight
                rows.append({"application_id": app.id, "criterion_id": c.id, "rater": rater,
                             "score": score, "comment": str(rng.choice(comments))})
    project.execute_link("scores", rows)
    return totals


def _decide(project: Project, apps: list[Application], amounts: list[list[float]],
            totals: np.ndarray, plan: _RoundPlan) -> dict[int, list[float]]:
    """Award the best applications until the first year's budget is used (decided rounds)."""
    if plan.status not in ("decided", "closed"):
        for app in apps[-1:]:
            project.update(Application, app.id, status="ineligible",
                           reason="Antrag nach Fristende eingegangen.")
        for app in apps[:-1]:
            project.update(Application, app.id, status="eligible")
        return {}
    left = plan.budget[0]
    awarded: dict[int, list[float]] = {}
    for a in np.argsort(-totals, kind="stable"):
        app, wanted = apps[a], amounts[a]
        if wanted[0] <= left:
            awarded[app.id] = list(wanted)
            left -= wanted[0]
            project.update(Application, app.id, status="awarded")
        elif left >= 0.5 * wanted[0]:
            factor = left / wanted[0]
            awarded[app.id] = [round(x * factor, -1) for x in wanted]
            left = 0.0
            project.update(Application, app.id, status="awarded",
                           conditions="Bewilligung gekürzt, weil das Budget ausgeschöpft ist.")
        else:
            project.update(Application, app.id, status="rejected",
                           reason="Nicht ausreichend Punkte im Verhältnis zum verfügbaren Budget.")
    return awarded


def _add_follow_up(project: Project, rng: np.random.Generator, apps: list[Application],
                   awarded: dict[int, list[float]], ids: SeededIds) -> None:
    funded = [app for app in apps if app.id in awarded]
    project.add_many([Payment(application_id=app.id, year=app.start_year,
                              amount=awarded[app.id][0], paid_on=f"{app.start_year}-02-14",
                              uuid=ids()) for app in funded])
    project.add_many([UsageReport(application_id=app.id, year=app.start_year,
                                  due=f"{app.start_year + 1}-03-31", uuid=ids())
                      for app in funded])
    outcomes = (("continue", "Angebot wird gut angenommen, Ziele erreicht."),
                ("adjust", "Teilnahme unter Plan; Öffnungszeiten werden angepasst."),
                ("continue", "Gute Zusammenarbeit mit Schule und Stadtteilbüro."))
    project.add_many([
        Review(application_id=app.id, date=f"{app.start_year}-{9 + i:02d}-{rng.integers(3, 28):02d}",
               outcome=outcomes[i % 3][0], notes=outcomes[i % 3][1], uuid=ids())
        for i, app in enumerate(funded[:3])])


def _add_meetings(project: Project, committees: list[Committee], rounds: list[FundingRound],
                  ids: SeededIds) -> None:
    social, youth, north, _ = committees
    first, second = rounds[0], rounds[min(1, len(rounds) - 1)]
    agenda = (
        (social, "2024-11-19", "Ratssaal", [
            ("Sozialbericht 2024 mit Sozialindex", None, "Kenntnis genommen"),
            (f"{first.name}: Förderempfehlung", first.id, "Einstimmig beschlossen")]),
        (social, "2025-06-24", "Ratssaal", [
            (f"{second.name}: Kriterienkatalog", second.id,
             "Beschlossen (9 Ja, 2 Enthaltungen)")]),
        (youth, "2025-03-11", "Sitzungssaal Jugendamt", [
            ("Bedarfsplanung Kindertagesbetreuung 2025/26", None, "Beschlossen"),
            (f"{second.name}: Beteiligung der Jugendhilfe", second.id, "Vertagt")]),
        (north, "2025-02-05", "Stadtteilbüro Nord", [
            ("Bericht aus dem Stadtteilbüro", None, ""),
            ("Ideen für den Quartiersfonds", first.id, "Drei Projektideen gesammelt")]),
        (north, "2025-09-17", "Stadtteilbüro Nord", [
            ("Ergebnisse der Trägerabfrage 2024", None, "")]),
    )
    meetings = [Meeting(committee_id=c.id, date=d, location=loc, uuid=ids())
                for c, d, loc, _ in agenda]
    project.add_many(meetings)
    project.add_many([
        AgendaItem(meeting_id=m.id, number=f"TOP {i + 1}", title=title, round_id=round_id,
                   decision=decision, uuid=ids())
        for m, (_, _, _, items) in zip(meetings, agenda, strict=True)
        for i, (title, round_id, decision) in enumerate(items)])


def _add_questionnaire(project: Project, rng: np.random.Generator, profile: Profile,
                       supply: Supply, ids: SeededIds) -> None:
    survey = Questionnaire(name="Trägerabfrage 2024", period=2024, uuid=ids(),
                           notes="Standardisierte Einschätzung der Träger je Quartier")
    survey.id = project.add(survey)
    questions = [Question(questionnaire_id=survey.id, number=i + 1, text=t, qtype=k, uuid=ids())
                 for i, (t, k) in enumerate((
                     ("Wie gut ist das Quartier mit Angeboten für Ihre Zielgruppe versorgt? "
                      "(1 = sehr schlecht, 5 = sehr gut)", "rating"),
                     ("Hat die Nachfrage nach Ihren Angeboten im letzten Jahr zugenommen?",
                      "yesno"),
                     ("Wie viele Personen stehen derzeit auf Ihrer Warteliste?", "number"),
                     ("Welche Bedarfe im Quartier sind bisher nicht gedeckt?", "text")))]
    project.add_many(questions)
    pairs = sorted({(int(p), int(q)) for p, q in zip(supply.facility_provider,
                                                      supply.facility_quarter, strict=True)})
    pairs = [pairs[i] for i in sorted(rng.permutation(len(pairs))[:min(len(pairs), 80)])]
    needs = ("Mehr Betreuungsplätze für unter Dreijährige.", "Treffpunkte für Jugendliche am Abend.",
             "Beratung zu Energieschulden.", "Begleitung älterer Menschen bei Behördengängen.",
             "Sprachkurse mit Kinderbetreuung.", "Keine wesentlichen Lücken.")
    statements = []
    for p, q in pairs:
        d = profile.deprivation[q]
        rating = float(np.clip(np.round(4.6 - 3.2 * d + rng.normal(0, 0.6)), 1, 5))
        for question in questions:
            text, number = "", None
            if question.qtype == "rating":
                number = rating
            elif question.qtype == "yesno":
                text = "ja" if rng.uniform() < 0.3 + 0.6 * d else "nein"
            elif question.qtype == "number":
                number = float(rng.poisson(2 + 25 * d ** 2))
            else:
                text = needs[-1] if d < 0.2 else str(rng.choice(needs[:-1]))
            statements.append(Statement(question_id=question.id, provider_id=supply.provider_ids[p],
                                        district_id=int(profile.ids[q]), answer_text=text,
                                        answer_number=number, uuid=ids()))
    project.add_many(statements)


def add_goals(project: Project, profile: Profile, key_ids: dict[str, int],
              ids: SeededIds) -> None:
    """A few Wirkungsziele: the city's SGB-II quota and child poverty in the estate."""
    goals = []
    if "sgb2_quote" in key_ids:
        goals.append(Goal(indicator_id=key_ids["sgb2_quote"], period=2028, target=9.5, uuid=ids(),
                          notes="Gesamtstädtisches Ziel laut Sozialbericht"))
    estate = profile.index_of("estate")
    if estate is not None and "kinderarmut" in key_ids and "gym_quote" in key_ids:
        goals.append(Goal(indicator_id=key_ids["kinderarmut"], district_id=int(profile.ids[estate]),
                          period=2028, target=30.0, uuid=ids(),
                          notes="Handlungskonzept Am Hochfeld"))
        goals.append(Goal(indicator_id=key_ids["gym_quote"], district_id=int(profile.ids[estate]),
                          period=2028, target=35.0, uuid=ids(), notes="Bildungskette Am Hochfeld"))
    if goals:
        project.add_many(goals)


_INDEX_STATUS = ("alo_quote", "sgb2_quote", "kinderarmut", "altersarmut")


def add_social_index(project: Project, key_ids: dict[str, int], ids: SeededIds,
                     period: int | None = None) -> int | None:
    """Store the Berlin-style social index over the poverty shares and, with ``period``, a
    computed run of it that both demo rounds take their need values from; return the run id."""
    if not all(k in key_ids for k in (*_INDEX_STATUS, "einwohner")):
        return None
    from k360desk.analysis.socialindex import berlin_mss
    from k360desk.models.indices import save_definition

    method = berlin_mss(list(_INDEX_STATUS), population_key="einwohner")
    method.name = "Sozialindex Musterstadt"
    method.description = ("Statusindex aus Arbeitslosigkeit, SGB-II-Bezug, Kinder- und "
                          "Altersarmut; Dynamik als Veränderung über zwei Jahre.")
    save_definition(project, method.to_dict(), notes="Beschluss Sozialausschuss 19.11.2024",
                    new_id=ids)
    if period is None:
        return None
    return _store_run(project, method, period, ids)


def _store_run(project: Project, method, period: int, ids: SeededIds) -> int | None:
    """Compute the index for ``period``, store it (fixed time stamp: same seed, same file) and
    tie every funding round to it; decided rounds keep the figures they were decided with."""
    from k360desk.analysis.socialindex import need_scores
    from k360desk.figures.indicators import index_for_project
    from k360desk.figures.rounds import ranking_for_round
    from k360desk.models import rounds as round_store
    from k360desk.models.indices import save_run

    result = index_for_project(project, method, period)
    table = result.table.copy()
    table["need_score"] = need_scores(result).to_numpy()
    run_id = save_run(project, table, result.parameters, method.name, new_id=ids,
                      computed_at=f"{period + 1}-03-15T10:00:00")
    for funding_round in project.all(FundingRound, order_by="id"):
        project.update(FundingRound, funding_round.id, need_run_id=run_id)
        if funding_round.status in round_store.DECIDED:
            ranking = ranking_for_round(project, funding_round.id)[0]
            round_store.keep_decision_figures(project, funding_round.id, ranking)
    return run_id
