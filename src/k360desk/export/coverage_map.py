"""The thematic map of a coverage analysis: coverage in % of the guide value per district."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from k360desk.messages import tr

if TYPE_CHECKING:
    from k360desk.analysis.mapspec import MapSpec
    from k360desk.projectfile import Project

# Fixed classes around the guide value, so two maps of different years read alike.
COVERAGE_BREAKS = [50.0, 75.0, 100.0, 125.0]


def coverage_map_spec(project: Project, table: pd.DataFrame, facility_type: str,
                      guide_value: float) -> MapSpec:
    """Map of ``coverage_for_project``'s table; ``MapDataError`` (German) without boundaries."""
    from k360desk.analysis.mapspec import build_map_spec
    from k360desk.export.map_data import district_base
    from k360desk.formats import format_number

    districts = project.districts_frame()
    levels = districts.loc[districts["id"].isin(table["district_id"]), "level_id"].dropna()
    level_id = int(levels.mode().iloc[0]) if len(levels) else None
    base = district_base(project, level_id)
    values = pd.DataFrame({"district_id": table["district_id"],
                           "value": table["coverage_pct"], "suppressed": False})
    return build_map_spec(
        base, values, indicator_name=tr("Versorgung {type}", type=facility_type), unit="%", decimals=0,
        polarity=-1, scheme="manual", breaks=list(COVERAGE_BREAKS),
        period=table.attrs.get("period"),
        subtitle=tr("Plätze in % des Richtwerts ({value} je 1.000)", value=format_number(guide_value, 1)))
