"""Blickpunkt: the planning team's own words on a district for one period (a few paragraphs and
bullet lists in a small Markdown subset), printed on the district profile beside the numbers."""

from __future__ import annotations

import uuid
from datetime import datetime

import pandas as pd

from k360desk.formats import format_number
from k360desk.messages import tr
from k360desk.projectfile import Commentary, District, Project, ProjectError

# The profile prints the Blickpunkt on its first page below the key figures; measured on the
# demo, 3,500 characters shrink that page to 80 %, 2,500 keep it readable. The file allows
# 4,000 (schema step 6), so the limit can grow without a migration.
MAX_CHARS = 2500


def commentary(project: Project, district_id: int, period: int) -> str:
    """The Blickpunkt of a district for a period ("" when there is none)."""
    found = project.find(Commentary, district_id=int(district_id), period=int(period))
    return found.body if found is not None else ""


def set_commentary(project: Project, district_id: int, period: int, text: str) -> None:
    """Store, replace or (with an empty text) remove the Blickpunkt of a district and period."""
    body = text.strip()
    if len(body) > MAX_CHARS:
        raise ProjectError(
            tr("Der Blickpunkt ist {n} Zeichen lang; höchstens {most} Zeichen passen auf das Profil.",
               n=format_number(len(body), 0), most=format_number(MAX_CHARS, 0)))
    found = project.find(Commentary, district_id=int(district_id), period=int(period))
    if found is not None and found.body == body:
        return
    stamp = datetime.now().isoformat(timespec="seconds")
    if not body:
        if found is not None:
            project.delete(Commentary, found.id)
        return
    if found is None:
        project.add(Commentary(district_id=int(district_id), period=int(period), body=body, modified=stamp,
                               uuid=commentary_uuid(project, district_id, period)))
    else:
        project.update(Commentary, found.id, body=body, modified=stamp)


def commentary_uuid(project: Project, district_id: int, period: int) -> str:
    """The identity of a district's Blickpunkt for a period, the same in every copy: two
    colleagues writing it in their copies meet as one record (a conflict) when merging,
    not as two that cannot both be stored."""
    district = project.get(District, int(district_id))
    if district is None:
        raise ProjectError(tr("Den Sozialraum {id} gibt es nicht (mehr).", id=district_id))
    # any text works as the district's identity (a stranger's file need not hold real UUIDs)
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"k360desk:{district.uuid}/blickpunkt/{int(period)}"))


def commentaries_frame(project: Project, period: int | None = None) -> pd.DataFrame:
    """All Blickpunkte (district_id, period, body, modified), optionally of one period."""
    sql = "SELECT district_id, period, body, modified FROM commentaries"
    params: tuple = ()
    if period is not None:
        sql += " WHERE period = ?"
        params = (int(period),)
    return pd.read_sql_query(sql + " ORDER BY district_id, period", project._conn, params=params)
