"""The six-district test city with three providers, their facilities and a questionnaire."""

from __future__ import annotations

import pytest
from shapely.geometry import Point

from k360desk.projectfile import Facility, Provider, Question, Questionnaire


def build_voice(project) -> dict:
    """Add providers with facilities in known districts and a questionnaire of four questions."""
    ids: dict = {}
    district = {row.code: int(i) for i, row in project.districts_frame().iterrows()}
    ids["districts"] = district
    where = {"AWO": ["11", "12"], "Caritas": ["12", "13"], "Diakonie": ["12"]}
    ids["providers"] = {}
    for name, codes in where.items():
        pid = project.add(Provider(name=f"{name} Sozialdienst"))
        ids["providers"][name] = pid
        for code in codes:
            project.add(Facility(name=f"{name} Treff {code}", provider_id=pid,
                                 district_id=district[code], district_fixed=1, geom=Point(100, 100)))
    qn = project.add(Questionnaire(name="Trägerabfrage 2025", period=2025))
    ids["questionnaire"] = qn
    ids["questions"] = {}
    for number, (key, text, qtype, per_district) in enumerate((
            ("rating", "Wie gut ist das Quartier versorgt?", "rating", 1),
            ("yesno", "Ist die Nachfrage gestiegen?", "yesno", 1),
            ("number", "Wie viele Personen warten?", "number", 0),
            ("text", "Was fehlt im Quartier?", "text", 1)), start=1):
        ids["questions"][key] = project.add(Question(questionnaire_id=qn, number=number, text=text,
                                                     qtype=qtype, per_district=per_district))
    project.save()
    return ids


@pytest.fixture
def voice_project(small_project):
    """(project, ids) of the small city with providers and a questionnaire."""
    return small_project, build_voice(small_project)
