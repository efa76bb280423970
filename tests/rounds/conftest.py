"""A small city with one programme, an earlier decided round and a round in assessment."""

from __future__ import annotations

import pytest

from k360desk.projectfile import (
    Application,
    Committee,
    Criterion,
    DecisionRule,
    FundingRound,
    Meeting,
    Programme,
    Provider,
    Topic,
)


def build_round(project):
    """Add programme, committees, rules, providers, two rounds, scores and need; return ids."""
    ids = {}
    district = {row.code: int(i) for i, row in project.districts_frame().iterrows()}
    ids["districts"] = district
    ids["panel"] = project.add(Committee(name="Stadtteilbeirat", kind="Beirat"))
    ids["council"] = project.add(Committee(name="Sozialausschuss", kind="Ausschuss"))
    prog = project.add(Programme(name="Quartiersfonds", funder="Stadt", max_years=5))
    ids["programme"] = prog
    project.add(DecisionRule(programme_id=prog, max_amount=50_000, committee_id=ids["panel"]))
    project.add(DecisionRule(programme_id=prog, max_amount=None, committee_id=ids["council"]))
    ids["meeting"] = project.add(Meeting(committee_id=ids["council"], date="2026-03-10", location="Rathaus"))
    ids["panel_meeting"] = project.add(Meeting(committee_id=ids["panel"], date="2026-03-01"))
    awo = project.add(Provider(name="AWO Kreisverband", umbrella="AWO"))
    cari = project.add(Provider(name="Caritas Sozialdienst", umbrella="Caritas"))
    topic = project.find(Topic, name="Arbeit und Soziales").id
    # An earlier round of the same programme, already decided: commits 60.000 € in 2027.
    old = project.add(
        FundingRound(programme_id=prog, name="Runde 2025", first_year=2025, last_year=2027, status="decided")
    )
    old_app = project.add(
        Application(
            round_id=old, provider_id=awo, title="Altprojekt", start_year=2025, duration=3, status="awarded"
        )
    )
    project.execute_link(
        "application_amounts",
        [
            {
                "application_id": old_app,
                "year": 2027,
                "requested": 60_000,
                "awarded": 60_000,
                "override_reason": "",
            }
        ],
    )
    project.add(Criterion(round_id=old, name="Konzept", weight=2, scale_min=0, scale_max=5))
    project.add(
        Criterion(round_id=old, name="Bedarf", weight=1, scale_min=0, scale_max=100, derived="need", sort=1)
    )
    ids["old_round"] = old
    rnd = project.add(
        FundingRound(
            programme_id=prog, name="Runde 2026", first_year=2026, last_year=2028, deadline="2025-11-30"
        )
    )
    ids["round"] = rnd
    project.execute_link(
        "round_budgets", [{"round_id": rnd, "year": y, "amount": 100_000} for y in (2026, 2027, 2028)]
    )
    apps = {
        "lesen": ("Lesepaten", awo, "2025-10-01", {2026: 20_000, 2027: 20_000}, {"11": 1.0}),
        "treff": (
            "Nachbarschaftstreff",
            cari,
            "2025-10-05",
            {2026: 50_000, 2027: 50_000, 2028: 50_000},
            {"23": 0.5, "12": 0.5},
        ),
        "sport": ("Mitternachtssport", cari, "2025-10-03", {2026: 30_000}, {"22": 1.0}),
    }
    for key, (title, provider, submitted, money, served) in apps.items():
        app = project.add(
            Application(
                round_id=rnd,
                provider_id=provider,
                title=title,
                topic_id=topic,
                start_year=2026,
                duration=len(money),
                submitted=submitted,
            )
        )
        ids[key] = app
        project.execute_link(
            "application_amounts",
            [
                {"application_id": app, "year": y, "requested": v, "awarded": None, "override_reason": ""}
                for y, v in money.items()
            ],
        )
        project.execute_link(
            "application_districts",
            [{"application_id": app, "district_id": district[c], "share": s} for c, s in served.items()],
        )
    return ids


def add_need(project, ids, values):
    """Store a computed index run with need scores per district code."""
    project.execute_link(
        "index_runs",
        [
            {
                "id": 1,
                "uuid": "run-1",
                "index_id": None,
                "period": 2023,
                "computed_at": "2026-01-05T10:00:00",
                "parameters": "{}",
            }
        ],
    )
    project.execute_link(
        "index_results",
        [
            {
                "run_id": 1,
                "district_id": ids["districts"][c],
                "status_value": None,
                "status_class": cls,
                "dynamics_value": None,
                "dynamics_class": None,
                "need_score": v,
                "included": 1,
                "reason": "",
                "details": "{}",
            }
            for c, (v, cls) in values.items()
        ],
    )


def score(project, ids, rater, values):
    """Scores of one rater: {application key: concept score}."""
    crit = {c.name: c.id for c in project.all(Criterion, round_id=ids["round"])}
    project.execute_link(
        "scores",
        [
            {
                "application_id": ids[k],
                "criterion_id": crit["Konzept"],
                "rater": rater,
                "score": v,
                "comment": "",
            }
            for k, v in values.items()
        ],
    )


NEED_VALUES = {
    "11": (40.0, "mittel"),
    "12": (60.0, "hoch"),
    "13": (10.0, "niedrig"),
    "21": (30.0, "mittel"),
    "22": (90.0, "sehr hoch"),
    "23": (80.0, "sehr hoch"),
}


@pytest.fixture
def round_project(small_project):
    """The small city with the rounds above; yields (project, ids)."""
    ids = build_round(small_project)
    yield small_project, ids


def open_round_page(project, qtbot, need: dict):
    """The Förderrunden page on ``project`` with the test round selected and need stored.

    Returns (page, context, ids); call ``context.set_project(None)`` when done.
    """
    from k360desk.ui.context import ProjectContext
    from k360desk.ui.rounds.page import RoundWorkflowPage

    ids = build_round(project)
    add_need(project, ids, need)
    context = ProjectContext()
    context.set_project(project)
    widget = RoundWorkflowPage(context)
    qtbot.addWidget(widget)
    widget.resize(1300, 850)
    widget.show()
    widget.select_round(ids["round"])
    return widget, context, ids


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory):
    """The demo project "Musterstadt" written once per session (copied by :func:`demo_copy`)."""
    from k360desk.demo.generator import write_demo

    return write_demo(tmp_path_factory.mktemp("demo17") / "musterstadt.k360")


@pytest.fixture
def demo_copy(demo_master, tmp_path):
    """A fresh copy of the demo project for a test that changes it."""
    import shutil

    target = tmp_path / "musterstadt.k360"
    shutil.copy(demo_master, target)
    return target


@pytest.fixture
def round_file(small_project):
    """The small city's round in assessment, scored by two raters and saved; (path, ids)."""
    from k360desk.models import rounds as store

    ids = build_round(small_project)
    store.copy_criteria(small_project, ids["old_round"], ids["round"])
    add_need(small_project, ids, NEED_VALUES)
    score(small_project, ids, "Ann", {"lesen": 5, "treff": 4, "sport": 3})
    score(small_project, ids, "Ben", {"lesen": 3, "treff": 4, "sport": 3})
    store.set_status(small_project, ids["round"], "open")
    store.set_status(small_project, ids["round"], "assessment")
    small_project.save()
    path = small_project.path
    small_project.close()
    return path, ids


@pytest.fixture
def decided_page(small_project, qtbot):
    """The Förderrunden page on a round decided in both meetings; (page, context, project, ids)."""
    from k360desk.figures import rounds as figures_rounds
    from k360desk.models import rounds as store

    widget, context, ids = open_round_page(small_project, qtbot, NEED_VALUES)
    rid = ids["round"]
    store.copy_criteria(small_project, ids["old_round"], rid)
    score(small_project, ids, "Ann", {"lesen": 5, "treff": 4, "sport": 3})
    store.set_status(small_project, rid, "open")
    store.set_status(small_project, rid, "assessment")
    for meeting in ("panel_meeting", "meeting"):
        ranking, amounts, _, _ = figures_rounds.ranking_for_round(small_project, rid)
        store.record_decision(small_project, rid, amounts, ranking, ids[meeting])
    yield widget, context, small_project, ids
    context.set_project(None)
