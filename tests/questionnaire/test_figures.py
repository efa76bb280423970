"""Statements per district, rating summaries with disclosure and goal progress."""

from __future__ import annotations

import math

import pytest

from k360desk.figures import questionnaire as fv
from k360desk.figures.indicators import indicator_table
from k360desk.models.questionnaire import ANONYMOUS_KEY, write_statements
from k360desk.projectfile import Goal, Indicator, Provider


@pytest.fixture
def answered(voice_project):
    project, ids = voice_project
    q, d, p = ids["questions"], ids["districts"], ids["providers"]
    extra = project.add(Provider(name="Lebenshilfe"))
    rows = []
    # District 12: four ratings (shown); district 11: two ratings (withheld).
    for provider, rating in ((p["AWO"], 4), (p["Caritas"], 2), (p["Diakonie"], 3), (extra, 5)):
        rows.append({"question_id": q["rating"], "provider_id": provider, "district_id": d["12"],
                     "answer_number": rating})
    for provider, rating in ((p["AWO"], 1), (p["Caritas"], 2)):
        rows.append({"question_id": q["rating"], "provider_id": provider, "district_id": d["11"],
                     "answer_number": rating})
    for provider, yes in ((p["AWO"], "ja"), (p["Caritas"], "nein"), (p["Diakonie"], "ja")):
        rows.append({"question_id": q["yesno"], "provider_id": provider, "district_id": d["12"],
                     "answer_text": yes})
    rows.append({"question_id": q["text"], "provider_id": p["Caritas"], "district_id": d["12"],
                 "answer_text": "Ein Treffpunkt für Ältere fehlt."})
    rows.append({"question_id": q["text"], "provider_id": p["AWO"], "district_id": d["12"],
                 "answer_text": "Mehr Schulsozialarbeit."})
    write_statements(project, rows)
    return project, ids


def test_rating_summary_withholds_small_numbers(answered):
    project, ids = answered
    table = fv.rating_summary(project, ids["questionnaire"], ids["questions"]["rating"])
    by = table.set_index("code")
    assert by.loc["12", "n"] == 4 and by.loc["12", "shown"]
    assert by.loc["12", "mean"] == pytest.approx(3.5)
    assert [by.loc["12", f"n_{k}"] for k in range(1, 6)] == [0, 1, 1, 1, 1]
    assert by.loc["11", "n"] == 2 and not by.loc["11", "shown"]
    assert math.isnan(by.loc["11", "mean"]) and math.isnan(by.loc["11", "n_1"])
    yes = fv.rating_summary(project, ids["questionnaire"], ids["questions"]["yesno"]).set_index("code")
    assert yes.loc["12", "share_yes"] == pytest.approx(200 / 3)


def test_statements_named_or_anonymised(answered):
    project, ids = answered
    district = ids["districts"]["12"]
    named = fv.statements_for_district(project, district)
    assert list(named["provider"]) == ["AWO Sozialdienst", "Caritas Sozialdienst"] or \
        set(named["provider"]) == {"AWO Sozialdienst", "Caritas Sozialdienst"}
    assert any(q.startswith("„Ein Treffpunkt für Ältere fehlt.“ – Caritas") for q in named["quote"])
    project.set_meta(ANONYMOUS_KEY, "1")
    anonymous = fv.statements_for_district(project, district)
    assert set(anonymous["provider"]) == {"Träger A", "Träger B"}
    assert not any("Caritas" in q for q in anonymous["quote"])
    assert set(fv.statements_for_district(project, district, anonymise=False)["provider"]) == \
        {"AWO Sozialdienst", "Caritas Sozialdienst"}
    assert fv.statements_for_district(project, ids["districts"]["23"]).empty


def test_district_summary_texts(answered):
    project, ids = answered
    summary = fv.district_summary(project, ids["districts"]["12"]).set_index("qtype")
    assert summary.loc["rating", "text"] == "Ø 3,5 von 5 (n = 4)"
    assert summary.loc["yesno", "text"] == "67 % ja (n = 3)"
    small = fv.district_summary(project, ids["districts"]["11"])
    assert small["text"].tolist() == ["weniger als 3 Antworten"]


def test_goal_progress_uses_shown_values(small_project):
    project = small_project
    quote = project.find(Indicator, key="alo_quote").id
    d = {row.code: int(i) for i, row in project.districts_frame().iterrows()}
    # Quartier 23: 450/3000 = 15 % in both years; target 10 % by 2030.
    project.add(Goal(indicator_id=quote, district_id=d["23"], period=2030, target=10.0))
    # Quartier 12: 10 %; target 10 % → reached.
    project.add(Goal(indicator_id=quote, district_id=d["12"], period=2030, target=10.0))
    # Whole city, a goal without values before 2020 → no data.
    project.add(Goal(indicator_id=quote, period=2020, target=5.0))
    table = fv.goal_progress(project).set_index("district")
    row = table.loc["Quartier 23"]
    shown = indicator_table(project, "alo_quote", 2023).set_index("code")
    assert row["latest"] == pytest.approx(shown.loc["23", "value"])
    assert row["baseline_period"] == 2022 and row["latest_period"] == 2023
    assert row["status"] == "off_track" and row["progress"] == 0
    assert table.loc["Quartier 12", "status"] == "reached"
    assert table.loc["Gesamtstadt", "status"] == "no_data"
    assert list(fv.goal_progress(project, d["23"])["district"]) == ["Quartier 23"]
    assert "nicht auf Kurs" in fv.goal_text(row)


def test_goal_progress_respects_disclosure(small_project):
    project = small_project
    unemployed = project.find(Indicator, key="arbeitslose").id
    d = {row.code: int(i) for i, row in project.districts_frame().iterrows()}
    # 2 unemployed in Quartier 22 is below the disclosure threshold: never shown as progress.
    project.add(Goal(indicator_id=unemployed, district_id=d["22"], period=2030, target=0.0))
    row = fv.goal_progress(project).iloc[0]
    assert row["status"] == "no_data" and math.isnan(row["latest"])


@pytest.mark.parametrize(("latest", "status"), [(12.0, "on_track"), (14.5, "behind"), (16.0, "off_track"),
                                                  (9.0, "reached")])
def test_goal_status_on_a_straight_path(latest, status):
    assert fv.goal_status(2020, 15.0, 2025, latest, 2030, 10.0)[0] == status


def test_district_voice_bundles_the_profile_parts(answered):
    project, ids = answered
    voice = fv.district_voice(project, ids["districts"]["12"])
    assert voice["period"] == 2025
    assert len(voice["summary"]) == 2 and len(voice["quotes"]) == 2
    assert voice["goals"].empty and "text" in voice["goals"]
    empty = fv.district_voice(project, ids["districts"]["23"])
    assert empty["period"] is None and empty["quotes"].empty and empty["summary"].empty
