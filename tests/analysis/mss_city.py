"""A seven-district city shaped like an MSS edition, with hand-checkable numbers.

Status share s1 and supplied change d1 (percentage points over two years) are permutations
of 1, 2, 3, 4, 5, 6,5, 6 over the districts 01–06 and 08; mean 27,5 / 7 = 3,92857, population
SD 1,89791 (÷ 7), sample SD 2,04997 (÷ 6). District 07 has 250 inhabitants on the reference
date (out of the index); district 08 had 250 two years earlier and 400 now (in the index under
the published rule). No district has a boundary: the index needs none.
"""

from __future__ import annotations

from pathlib import Path

from k360desk.projectfile import District, DistrictLevel, Indicator, Project

S1 = {"01": 1, "02": 2, "03": 3, "04": 4, "05": 5, "06": 6.5, "07": 50, "08": 6}
D1 = {"01": 6.5, "02": 2, "03": 1, "04": 3, "05": 4, "06": 5, "07": -20, "08": 6}
EW_2019 = {"01": 1000, "02": 1000, "03": 1000, "04": 1000, "05": 1000, "06": 1000, "07": 900,
           "08": 250}
EW_2021 = {**EW_2019, "07": 250, "08": 400}
MEAN = 27.5 / 7
POP_SD = 1.897908  # sqrt(25.2143 / 7)
SAMPLE_SD = 2.049971  # sqrt(25.2143 / 6)


def build_mss_city(path: Path) -> Path:
    """Save the city to ``path`` and return it."""
    project = Project.create("MSS-Stadt", path)
    level = project.add(DistrictLevel(name="Planungsraum", rank=0))
    ids = {code: project.add(District(code=code, name=f"Planungsraum {code}", level_id=level))
           for code in S1}
    s1 = project.add(Indicator(key="s1", name="Arbeitslosigkeit", unit="%", kind="share",
                               polarity=1))
    d1 = project.add(Indicator(key="d1", name="Veränderung Arbeitslosigkeit", unit="%-Pkt.",
                               kind="share", polarity=1))
    ew = project.add(Indicator(key="ew", name="Einwohner", unit="Personen", kind="count"))
    rows = [{"indicator_id": s1, "district_id": ids[c], "period": 2021, "value": v}
            for c, v in S1.items()]
    rows += [{"indicator_id": d1, "district_id": ids[c], "period": 2021, "value": v}
             for c, v in D1.items()]
    for period, population in ((2019, EW_2019), (2021, EW_2021)):
        rows += [{"indicator_id": ew, "district_id": ids[c], "period": period, "value": v}
                 for c, v in population.items()]
    project.set_values(rows)
    project.save()
    project.close()
    return path
