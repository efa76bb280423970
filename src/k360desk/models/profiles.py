"""Profile templates (which indicators a district profile shows) and report assets (the logo).

A template is stored in ``profile_templates`` as JSON::

    {"indicators": ["einwohner", "sgb2_quote", ...],   # key-figures table, grouped by topic
     "charts": ["sgb2_quote", "kinderarmut", ...],      # small time series against the city
     "periods": 5}                                       # how many periods the trend covers

Without a stored template a default is derived from the project's indicators.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pandas as pd

from k360desk import money
from k360desk.projectfile.errors import ProjectError
from k360desk.projectfile.records import ProfileTemplate

if TYPE_CHECKING:
    from k360desk.projectfile.project import Project

DEFAULT_NAME = "Standard"
MAX_INDICATORS = 18
MAX_CHARTS = 4
NEUTRAL_PER_TOPIC = 2
LOGO_NAMES = ("logo", "wappen", "logo.png", "logo.jpg")


def default_definition(project: Project) -> dict[str, Any]:
    """A sensible template that leads with the core social indicators: topics holding need
    indicators (polarity set) come first, need indicators before neutral ratios within a
    topic, at most two neutral ratios per topic (a statistics office's nine age bands must
    not fill the page), the population always; charts of the need ratios."""
    frame = pd.read_sql_query(
        "SELECT i.key, i.kind, i.polarity, i.sort, coalesce(t.sort, 999) AS topic_sort "
        "FROM indicators i LEFT JOIN topics t ON t.id = i.topic_id ORDER BY topic_sort, i.sort, i.id",
        project._conn,
    )
    if frame.empty:
        return {"indicators": [], "charts": [], "periods": 5}
    is_population = frame["key"].isin(["einwohner", "bevoelkerung", "einwohner_insgesamt"])
    ratios = frame[frame["kind"] != "count"]
    need = ratios[ratios["polarity"] != 0]
    neutral = ratios[ratios["polarity"] == 0].groupby("topic_sort", sort=False).head(NEUTRAL_PER_TOPIC)
    wanted = list(frame.loc[is_population, "key"]) + list(need["key"]) + list(neutral["key"])
    chosen = set(list(dict.fromkeys(wanted))[:MAX_INDICATORS])
    if len(chosen) < 4:
        chosen |= set(list(frame["key"])[: MAX_INDICATORS - len(chosen)])
    rows = frame[frame["key"].isin(chosen)].assign(
        has_need=lambda f: f["topic_sort"].isin(set(need["topic_sort"])),
        rank=lambda f: (f["polarity"] == 0).astype(int) + 2 * f["kind"].eq("count").astype(int),
    )
    rows = rows.sort_values(["has_need", "topic_sort", "rank", "sort"], ascending=[False, True, True, True],
                            kind="stable")
    keys = list(rows["key"])
    charts = [k for k in need["key"] if k in chosen][:MAX_CHARTS]
    if not charts:
        charts = [k for k in keys if k in set(ratios["key"])][:MAX_CHARTS]
    return {"indicators": keys, "charts": charts, "periods": 5}


def template_names(project: Project) -> list[str]:
    """Names of the stored profile templates."""
    return [t.name for t in project.all(ProfileTemplate, order_by="name")]


def load_template(project: Project, name: str | None = None) -> dict[str, Any]:
    """A stored template (the first one when no name is given) or the default."""
    record = (
        project.find(ProfileTemplate, name=name)
        if name
        else next(iter(project.all(ProfileTemplate, order_by="id")), None)
    )
    if record is None:
        if name and name != DEFAULT_NAME:
            raise ProjectError(f"Die Profilvorlage „{name}“ gibt es nicht.")
        return default_definition(project)
    try:
        definition = json.loads(record.definition or "{}")
    except ValueError as exc:
        raise ProjectError(f"Die Profilvorlage „{record.name}“ ist beschädigt.") from exc
    return _normalise(definition, project)


def _normalise(definition: dict[str, Any], project: Project) -> dict[str, Any]:
    default = default_definition(project)
    keys = [str(k) for k in definition.get("indicators") or default["indicators"]]
    charts = [str(k) for k in definition.get("charts") or []] or [k for k in default["charts"] if k in keys]
    periods = int(definition.get("periods") or 5)
    return {"indicators": keys, "charts": charts[:MAX_CHARTS], "periods": max(2, min(periods, 15))}


def save_template(project: Project, name: str, definition: dict[str, Any]) -> int:
    """Store (or replace) a profile template; unknown indicator keys are refused (German)."""
    name = name.strip()
    if not name:
        raise ProjectError("Die Profilvorlage braucht einen Namen.")
    known = set(pd.read_sql_query("SELECT key FROM indicators", project._conn)["key"])
    wanted = list(definition.get("indicators") or []) + list(definition.get("charts") or [])
    unknown = [k for k in wanted if k not in known]
    if unknown:
        raise ProjectError("Diese Indikatoren gibt es im Projekt nicht: " + ", ".join(unknown) + ".")
    text = json.dumps(
        {
            "indicators": list(definition.get("indicators") or []),
            "charts": list(definition.get("charts") or []),
            "periods": int(definition.get("periods") or 5),
        },
        ensure_ascii=False,
    )
    existing = project.find(ProfileTemplate, name=name)
    if existing is not None:
        project.update(ProfileTemplate, existing.id, definition=text)
        return existing.id
    return project.add(ProfileTemplate(name=name, definition=text))


def logo(project: Project) -> bytes | None:
    """The municipality's logo from the ``assets`` table (PNG or JPEG), if one is stored."""
    rows = project._conn.execute(
        "SELECT name, data FROM assets WHERE mime IN ('image/png', 'image/jpeg')"
    ).fetchall()
    by_name = {str(n).lower(): bytes(d) for n, d in rows}
    for name in LOGO_NAMES:
        if name in by_name:
            return _fitted_logo(by_name[name])
    return None


# A header logo is printed 11 mm high; 1,000 pixels are plenty. Bigger images are scaled
# down once here (reportlab would decode the full image on every page), and images too
# large to decode safely (a stranger's file) are left out.
LOGO_SIDE = 1000
LOGO_MAX_PIXELS = 40_000_000


def _fitted_logo(data: bytes) -> bytes | None:
    import io

    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width <= LOGO_SIDE and height <= LOGO_SIDE:
                return data
            if width * height > LOGO_MAX_PIXELS:
                return None
            image.draft("RGB", (LOGO_SIDE, LOGO_SIDE))  # JPEG: decode at a reduced size
            image.thumbnail((LOGO_SIDE, LOGO_SIDE))
            out = io.BytesIO()
            image.save(out, format="PNG")
            return out.getvalue()
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def values(project: Project, keys: list[str], periods: list[int]) -> pd.DataFrame:
    """``Project.values_frame`` for the given keys and periods (same columns); nothing when
    either list is empty."""
    columns = ["indicator_id", "indicator", "district_id", "district", "period", "value", "status", "note"]
    if not keys or not periods:
        return pd.DataFrame({c: pd.Series(dtype=float if c == "value" else object) for c in columns})
    return project.values_frame(indicators=keys, periods=periods)[columns]


def value_periods(project: Project, keys: list[str]) -> list[int]:
    """Periods with values of the given indicators (or their inputs), ascending; uses the
    primary key per indicator instead of scanning all values."""
    ids = (
        pd.read_sql_query(
            "SELECT id, numerator_id, denominator_id FROM indicators WHERE key IN (%s)"
            % ",".join("?" * len(keys)),
            project._conn,
            params=list(keys),
        )
        if keys
        else None
    )
    if ids is None or ids.empty:
        return sorted(r[0] for r in project._conn.execute("SELECT DISTINCT period FROM indicator_values"))
    wanted = {int(v) for v in pd.concat([ids["id"], ids["numerator_id"], ids["denominator_id"]]).dropna()}
    found: set[int] = set()
    for indicator_id in wanted:
        found.update(
            r[0]
            for r in project._conn.execute(
                "SELECT DISTINCT period FROM indicator_values WHERE indicator_id = ?", (indicator_id,)
            )
        )
    return sorted(found)


def statements(project: Project, district_ids: list[int] | None = None) -> pd.DataFrame:
    """Providers' statements per district: district_id, questionnaire, period, number, question,
    qtype, provider, answer_text, answer_number (newest questionnaire first)."""
    sql = (
        "SELECT s.district_id, qn.name AS questionnaire, qn.period, q.number, q.text AS question, "
        "q.qtype, coalesce(p.name, '') AS provider, s.answer_text, s.answer_number "
        "FROM statements s JOIN questions q ON q.id = s.question_id "
        "JOIN questionnaires qn ON qn.id = q.questionnaire_id "
        "LEFT JOIN providers p ON p.id = s.provider_id"
    )
    params: list[Any] = []
    if district_ids is not None:
        sql += f" WHERE s.district_id IN ({','.join('?' * len(district_ids))})"
        params = [int(i) for i in district_ids]
    sql += " ORDER BY qn.period DESC, q.number, p.name"
    return pd.read_sql_query(sql, project._conn, params=params)


def facilities(project: Project, district_ids: list[int] | None = None) -> pd.DataFrame:
    """Open facilities (no geometry) with type, provider and contact, by district and type:
    id, district_id, type, name, provider, umbrella, contact_person, street, postcode, city,
    phone, email, capacity."""
    sql = (
        "SELECT f.fid AS id, f.district_id, coalesce(t.name, 'ohne Art') AS type, f.name, "
        "coalesce(p.name, '') AS provider, coalesce(p.umbrella, '') AS umbrella, "
        "coalesce(p.contact_person, '') AS contact_person, f.street, f.postcode, f.city, f.phone, "
        "f.email, f.capacity FROM facilities f LEFT JOIN facility_types t ON t.id = f.type_id "
        "LEFT JOIN providers p ON p.id = f.provider_id "
        "WHERE (f.closed IS NULL OR f.closed = '')"
    )
    params: list[Any] = []
    if district_ids is not None:
        sql += f" AND f.district_id IN ({','.join('?' * len(district_ids))})"
        params = [int(i) for i in district_ids]
    return pd.read_sql_query(sql + " ORDER BY t.name, f.name", project._conn, params=params)


def funded_projects(project: Project) -> pd.DataFrame:
    """Applications with awarded or proposed money per district served: district_id, round, title,
    provider, status, years, awarded (sum over years), share, application_id."""
    return pd.read_sql_query(
        "SELECT d.district_id, a.id AS application_id, r.name AS round, a.title, "
        "coalesce(p.name, '') AS provider, a.status, "
        "a.start_year, a.duration, d.share, "
        "(SELECT coalesce(sum(coalesce(m.awarded, 0)), 0) FROM application_amounts m "
        "  WHERE m.application_id = a.id) AS awarded "
        "FROM application_districts d JOIN applications a ON a.id = d.application_id "
        "JOIN funding_rounds r ON r.id = a.round_id LEFT JOIN providers p ON p.id = a.provider_id "
        "WHERE a.status = 'awarded' ORDER BY r.first_year DESC, a.title",
        project._conn,
    ).pipe(money.euros, "awarded")


def open_reader(work_path) -> Project:
    """A read-only ``Project`` on an existing working copy, for worker processes (no copy is
    made and nothing is locked; close it with ``project._conn.close()``, never ``close()``,
    which would discard the owner's working copy)."""
    from pathlib import Path

    from k360desk.projectfile import safety
    from k360desk.projectfile.project import Project

    conn = safety.connect_readonly(Path(work_path))
    return Project(conn, Path(work_path), None, read_only=True, read_only_reason="Berichtserstellung")
