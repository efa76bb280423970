"""Small projects built in code, where every number can be checked on paper."""

from __future__ import annotations

from pathlib import Path

from shapely.geometry import box

from k360desk.projectfile import District, DistrictLevel, Indicator, Project, Topic

# Six districts in a 3 × 2 grid of 1 km squares, two Stadtteile of three Quartiere each.
POPULATION = {"11": 1000, "12": 2000, "13": 500, "21": 1500, "22": 250, "23": 3000}
UNEMPLOYED = {"11": 50, "12": 200, "13": 25, "21": 60, "22": 2, "23": 450}


def build_small_project(path: Path | None = None) -> Project:
    """Build the six-district test city; saved to ``path`` if given."""
    project = Project.create("Kleinstadt", path)
    top = project.add(DistrictLevel(name="Stadtteil", rank=0))
    low = project.add(DistrictLevel(name="Quartier", rank=1))
    parents = {
        "1": project.add(District(code="1", name="Nord", level_id=top, geom=box(0, 0, 3000, 1000))),
        "2": project.add(District(code="2", name="Süd", level_id=top, geom=box(0, 1000, 3000, 2000))),
    }
    ids = {}
    for code in POPULATION:
        row, col = int(code[0]), int(code[1])
        ids[code] = project.add(District(
            code=code, name=f"Quartier {code}", level_id=low, parent_id=parents[code[0]],
            geom=box((col - 1) * 1000, (row - 1) * 1000, col * 1000, row * 1000)))
    topic = project.add(Topic(name="Arbeit und Soziales"))
    pop = project.add(Indicator(key="einwohner", name="Einwohnerinnen und Einwohner", unit="Personen",
                                kind="count", topic_id=topic, decimals=0))
    alo = project.add(Indicator(key="arbeitslose", name="Arbeitslose", unit="Personen", kind="count",
                                topic_id=topic, decimals=0, disclosure=1, polarity=1))
    project.add(Indicator(key="alo_quote", name="Arbeitslosenquote", unit="%", kind="share",
                          numerator_id=alo, denominator_id=pop, scale=100, topic_id=topic,
                          polarity=1))
    rows = []
    for code, value in POPULATION.items():
        for period, factor in ((2022, 1.0), (2023, 1.1)):
            rows.append({"indicator_id": pop, "district_id": ids[code], "period": period,
                         "value": value * factor})
            rows.append({"indicator_id": alo, "district_id": ids[code], "period": period,
                         "value": UNEMPLOYED[code] * factor})
    project.set_values(rows)
    if path is not None:
        project.save()
    return project
