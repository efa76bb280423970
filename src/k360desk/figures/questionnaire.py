"""Figures of the providers' voice and of goals, for the editors, the map and district profiles.

No Qt here. Quotes of free text name the provider or not, as the project setting
``statements_anonymous`` says; ratings are summarised per district and withheld below
``MIN_ANSWERS`` answers; goal progress reads indicator values through
``figures.indicator_table`` and ``figures.reference_table``, so disclosure control and
derived indicators apply exactly as everywhere else.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from k360desk.formats import format_number
from k360desk.messages import N_, tr

if TYPE_CHECKING:
    from k360desk.projectfile import Project

MIN_ANSWERS = 3
"""Fewer answers than this per district and question are not shown."""
WHOLE_CITY = "Gesamtstadt"
STATUS_LABELS = {"reached": N_("erreicht"), "on_track": N_("auf Kurs"), "behind": N_("im Verzug"),
                 "off_track": N_("nicht auf Kurs"), "no_data": N_("noch keine Werte")}
STATUS_COLORS = {"reached": "#1a9850", "on_track": "#91cf60", "behind": "#fee08b",
                 "off_track": "#d73027", "no_data": "#bdbdbd"}
STATUS_ORDER = ("reached", "on_track", "behind", "off_track", "no_data")


def anonymous_default(project: Project) -> bool:
    """Whether free text is quoted without the provider's name (project setting)."""
    from k360desk.models.questionnaire import ANONYMOUS_KEY

    return project.get_meta(ANONYMOUS_KEY, "0").strip().lower() in ("1", "true", "ja", "yes")


def latest_period(project: Project, district_id: int | None = None) -> int | None:
    """The newest questionnaire period with statements (for a district, if given)."""
    sql = ("SELECT max(qn.period) FROM statements s JOIN questions q ON q.id = s.question_id"
           " JOIN questionnaires qn ON qn.id = q.questionnaire_id")
    params: list[int] = []
    if district_id is not None:
        sql += " WHERE s.district_id = ?"
        params.append(int(district_id))
    row = project._conn.execute(sql, params).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def statements_for_district(project: Project, district_id: int, period: int | None = None,
                            anonymise: bool | None = None, rows: pd.DataFrame | None = None
                            ) -> pd.DataFrame:
    """Free-text statements about a district, ready to quote.

    Columns: question_number, question, questionnaire, period, provider (the name, or
    "Träger A", "Träger B" … when anonymised), text, quote („…“ – provider). ``period``
    defaults to the newest questionnaire with statements about the district; ``anonymise``
    to the project setting. ``rows``: the district's statements of ``statements_frame``,
    already read (see ``VoiceReader``).
    """
    columns = ["question_number", "question", "questionnaire", "period", "provider", "text", "quote"]
    if period is None:
        period = latest_period(project, district_id)
        if period is None:
            return pd.DataFrame(columns=columns)
    if anonymise is None:
        anonymise = anonymous_default(project)
    frame = _district_rows(project, district_id, period, rows)
    frame = frame[(frame["qtype"] == "text") & frame["answer_text"].fillna("").str.strip().ne("")]
    frame = frame.sort_values(["question_number", "id"])
    if anonymise:
        order = list(dict.fromkeys(frame["provider_id"].tolist()))
        aliases = {p: f"Träger {_letters(i)}" for i, p in enumerate(order)}
        providers = frame["provider_id"].map(aliases)
    else:
        providers = frame["provider"].fillna("unbekannter Träger")
    texts = frame["answer_text"].str.strip()
    return pd.DataFrame({
        "question_number": frame["question_number"].astype(int).to_numpy(),
        "question": frame["question"].to_numpy(),
        "questionnaire": frame["questionnaire"].to_numpy(),
        "period": frame["period"].astype(int).to_numpy(),
        "provider": providers.to_numpy(),
        "text": texts.to_numpy(),
        "quote": [f"„{t}“ – {p}" for t, p in zip(texts, providers, strict=True)],
    }, columns=columns)


def _district_rows(project: Project, district_id: int, period: int | None,
                   rows: pd.DataFrame | None) -> pd.DataFrame:
    """The district's statements of one questionnaire period (all periods if None)."""
    from k360desk.models.questionnaire import statements_frame

    if rows is None:
        return statements_frame(project, district_id=district_id, period=period)
    return rows if period is None else rows[rows["period"] == period]


def _letters(i: int) -> str:
    text = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        text = chr(65 + rest) + text
    return text


def rating_summary(project: Project, questionnaire_id: int, question_id: int) -> pd.DataFrame:
    """Per district with answers: district_id, code, name, n, mean, shown, share_yes, n_1 … n_5.

    Ratings: mean and distribution (n_1 … n_5); yes/no: share_yes (%) and mean = share;
    numbers: mean. With fewer than ``MIN_ANSWERS`` answers ``shown`` is False and mean,
    share and distribution are empty (NaN), only n remains.
    """
    from k360desk.models.questionnaire import statements_frame

    frame = statements_frame(project, questionnaire_id=questionnaire_id)
    frame = frame[(frame["question_id"] == int(question_id)) & frame["district_id"].notna()]
    qtype = str(frame["qtype"].iloc[0]) if len(frame) else _qtype(project, question_id)
    if qtype == "yesno":
        frame = frame.assign(score=frame["answer_text"].str.lower().map({"ja": 100.0, "nein": 0.0}))
    else:
        frame = frame.assign(score=pd.to_numeric(frame["answer_number"], errors="coerce"))
    frame = frame[frame["score"].notna()]
    rows = []
    for (district_id, code, name), group in frame.groupby(["district_id", "district_code", "district"]):
        n = len(group)
        shown = n >= MIN_ANSWERS
        row = {"district_id": int(district_id), "code": code, "name": name, "n": n,
               "mean": float(group["score"].mean()) if shown else math.nan, "shown": shown,
               "share_yes": float(group["score"].mean()) if shown and qtype == "yesno" else math.nan}
        for k in range(1, 6):
            row[f"n_{k}"] = int((group["score"] == k).sum()) if shown and qtype == "rating" else math.nan
        rows.append(row)
    columns = ["district_id", "code", "name", "n", "mean", "shown", "share_yes"] + \
        [f"n_{k}" for k in range(1, 6)]
    return pd.DataFrame(rows, columns=columns).sort_values("code").reset_index(drop=True)


def _qtype(project: Project, question_id: int) -> str:
    row = project._conn.execute("SELECT qtype FROM questions WHERE id=?", (int(question_id),)).fetchone()
    return str(row[0]) if row else "rating"


def district_summary(project: Project, district_id: int, period: int | None = None,
                     summaries: dict | None = None, rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """The closed questions about one district: question, qtype, n, shown, text ("Ø 3,4 (n = 5)").

    Uses ``rating_summary``, so the same disclosure rule applies. ``summaries`` keeps its
    results between calls (a book asks for every district; each summary covers all of them).
    ``rows``: see ``statements_for_district``.
    """
    columns = ["question_number", "question", "qtype", "n", "shown", "value", "text"]
    if period is None:
        period = latest_period(project, district_id)
    frame = _district_rows(project, district_id, period, rows)
    frame = frame[frame["qtype"] != "text"]
    # Each summary covers every district: kept as one record per district for the next call.
    cache = summaries if summaries is not None else {}
    found = []
    for q in frame.drop_duplicates(["question_id", "questionnaire_id"]).itertuples(index=False):
        key = (int(q.questionnaire_id), int(q.question_id))
        if key not in cache:
            summary = rating_summary(project, *key)
            cache[key] = {int(r["district_id"]): r for r in summary.to_dict("records")}
        s = cache[key].get(int(district_id))
        if s is None:
            continue
        qtype = str(q.qtype)
        if not s["shown"]:
            text = f"weniger als {MIN_ANSWERS} Antworten"
        elif qtype == "rating":
            text = f"Ø {format_number(s['mean'], 1)} von 5 (n = {int(s['n'])})"
        elif qtype == "yesno":
            text = f"{format_number(s['share_yes'], 0)} % ja (n = {int(s['n'])})"
        else:
            text = f"Ø {format_number(s['mean'], 1)} (n = {int(s['n'])})"
        found.append({"question_number": int(q.question_number), "question": str(q.question),
                     "qtype": qtype, "n": int(s["n"]), "shown": bool(s["shown"]),
                     "value": float(s["mean"]), "text": text})
    frame = pd.DataFrame(found, columns=columns)
    return frame.sort_values("question_number").reset_index(drop=True)


# --- goals ---------------------------------------------------------------------------------


def goal_progress(project: Project, district_id: int | None = None, *,
                  goals: pd.DataFrame | None = None, series_cache: dict | None = None) -> pd.DataFrame:
    """Progress of every goal (or those of one district) towards its target.

    Columns: goal_id, indicator, indicator_name, unit, decimals, district_id, district,
    period (target year), target, baseline_period, baseline, latest_period, latest,
    progress (% of the way from baseline to target), expected (% by the latest period on
    a straight path), status (reached, on_track, behind, off_track, no_data), status_label.
    Values come with disclosure control applied; a withheld value counts as missing.
    ``goals`` (rows of ``goals_frame``, already read) and ``series_cache`` serve a book that
    asks for many districts.
    """
    from k360desk.models.questionnaire import goals_frame

    if goals is None:
        goals = goals_frame(project, district_id=district_id)
    if series_cache is None:
        series_cache = {}
    rows = []
    for goal in goals.itertuples():
        district = None if pd.isna(goal.district_id) else int(goal.district_id)
        cache_key = (str(goal.indicator), district)
        if cache_key not in series_cache:
            series_cache[cache_key] = _value_series(project, str(goal.indicator), district)
        rows.append(_progress_row(goal, district, series_cache[cache_key]))
    columns = ["goal_id", "indicator", "indicator_name", "unit", "decimals", "district_id",
               "district", "period", "target", "baseline_period", "baseline", "latest_period",
               "latest", "progress", "expected", "status", "status_label"]
    return pd.DataFrame(rows, columns=columns)


def _value_series(project: Project, key: str, district_id: int | None) -> pd.Series:
    """Shown values of one indicator by period, for a district or the whole city.

    The same steps as ``figures.indicator_table`` (derived values, disclosure control on
    the district's level), done for all periods at once; a district whose level holds no
    stored values falls back to ``indicator_table`` (aggregation to a coarser level).
    """
    from k360desk.analysis.disclosure import apply_disclosure
    from k360desk.figures.indicators import FigureError, indicator_table, project_values, reference_table

    if district_id is None:
        ref = reference_table(project, [key])
        ref = ref[(ref["indicator"] == key) & ref["value"].notna()]
        return pd.Series(ref["value"].to_numpy(dtype=float), index=ref["period"].astype(int)).sort_index()
    values = project_values(project, [key])
    districts = project.districts_frame()
    if int(district_id) not in districts.index:
        return pd.Series(dtype=float)
    level = districts.at[int(district_id), "level_id"]
    rows = values[values["district_id"].isin(districts.index[districts["level_id"] == level])]
    if rows.loc[rows["indicator"] == key, "value"].notna().any():
        shown = apply_disclosure(rows, project.indicators_frame(), project.disclosure_threshold,
                                 districts)
        mine = shown[(shown["indicator"] == key) & (shown["district_id"] == int(district_id))
                     & ~shown["suppressed"] & shown["value"].notna()]
        return pd.Series(mine["value"].to_numpy(dtype=float),
                         index=mine["period"].astype(int)).sort_index()
    out = {}
    for period in sorted(values["period"].dropna().astype(int).unique()):
        try:
            table = indicator_table(project, key, int(period), level_id=int(level))
        except FigureError:
            continue
        mine = table[(table["district_id"] == district_id) & ~table["suppressed"]]
        if len(mine) and pd.notna(mine["value"].iloc[0]):
            out[int(period)] = float(mine["value"].iloc[0])
    return pd.Series(out, dtype=float).sort_index()


def _progress_row(goal, district: int | None, series: pd.Series) -> dict:
    target_period, target = int(goal.period), float(goal.target)
    row = {"goal_id": int(goal.id), "indicator": goal.indicator, "indicator_name": goal.indicator_name,
           "unit": goal.unit or "", "decimals": int(goal.decimals or 0), "district_id": district,
           "district": goal.district if district is not None else WHOLE_CITY,
           "period": target_period, "target": target, "baseline_period": None, "baseline": math.nan,
           "latest_period": None, "latest": math.nan, "progress": math.nan, "expected": math.nan,
           "status": "no_data"}
    upto = series[series.index <= target_period]
    if upto.empty:
        row["status_label"] = tr(STATUS_LABELS["no_data"])
        return row
    base_p, base = int(upto.index[0]), float(upto.iloc[0])
    last_p, last = int(upto.index[-1]), float(upto.iloc[-1])
    row.update(baseline_period=base_p, baseline=base, latest_period=last_p, latest=last)
    row["status"], row["progress"], row["expected"] = goal_status(base_p, base, last_p, last,
                                                                  target_period, target)
    row["status_label"] = tr(STATUS_LABELS[row["status"]])
    return row


def goal_status(base_p: int, base: float, last_p: int, last: float, target_p: int,
                target: float) -> tuple[str, float, float]:
    """(status, progress %, expected %) on a straight path from baseline to target."""
    span = target - base
    if span == 0 or last_p == base_p:
        # Nothing to compare yet: judge by whether the target is already met.
        if span == 0:
            return "reached", 100.0, 100.0
        return "no_data", 0.0, 0.0
    progress = (last - base) / span * 100.0
    expected = 100.0 * (last_p - base_p) / (target_p - base_p) if target_p > base_p else 100.0
    if progress >= 100.0:
        status = "reached"
    elif progress >= expected - 10.0:
        status = "on_track"
    elif progress > 0:
        status = "behind"
    else:
        status = "off_track"
    return status, float(np.round(progress, 1)), float(np.round(expected, 1))


def goal_text(row: pd.Series | dict) -> str:
    """One German line about a goal's progress, e.g. for a district profile."""
    dec = int(row["decimals"])
    unit = f" {row['unit']}" if row["unit"] else ""
    target = tr("Ziel {value} bis {period}", value=f"{format_number(row['target'], dec)}{unit}",
                period=row["period"])
    if row["status"] == "no_data":
        return tr("{indicator}: {target}; noch keine Werte.", indicator=row["indicator_name"], target=target)
    return (f"{row['indicator_name']}: {target}; {row['baseline_period']}: "
            f"{format_number(row['baseline'], dec)}{unit}, {row['latest_period']}: "
            f"{format_number(row['latest'], dec)}{unit} – {tr(STATUS_LABELS[row['status']])}"
            + tr(" ({n} % des Wegs).", n=format_number(row["progress"], 0)))


def district_voice(project: Project, district_id: int, period: int | None = None,
                   anonymise: bool | None = None, summaries: dict | None = None
                   ) -> dict[str, pd.DataFrame | int | None]:
    """Everything a district profile shows of the providers' voice and goals, in one call.

    Keys: period (the questionnaire year or None), summary (``district_summary``), quotes
    (``statements_for_district``), goals (``goal_progress`` of the district, with
    ``goal_text`` lines in column text). ``summaries``: see ``district_summary``.
    """
    if period is None:
        period = latest_period(project, district_id)
    return _voice(project, district_id, period, anonymise, summaries,
                  goal_progress(project, district_id), None)


class VoiceReader:
    """``district_voice`` of many districts (a book): statements and goals are read once for
    all of them instead of four queries per district, the summaries of the closed questions
    and the goals' value series are kept from one call to the next."""

    def __init__(self, project: Project) -> None:
        from k360desk.models.questionnaire import goals_frame, statements_frame

        self.project = project
        statements = statements_frame(project)
        self._empty = statements.iloc[:0]
        self._statements = {int(d): rows for d, rows in statements.groupby("district_id", sort=False)}
        goals = goals_frame(project)
        self._no_goals = goals.iloc[:0]
        self._goals = {int(d): rows for d, rows in goals.groupby("district_id", sort=False)}
        self._anonymise = anonymous_default(project)
        self._summaries: dict = {}
        self._series: dict = {}

    def voiced(self, district_ids) -> list[int]:
        """The districts among ``district_ids`` that providers said something about."""
        return [int(d) for d in district_ids if int(d) in self._statements]

    def voices(self, district_ids) -> dict[int, dict]:
        """``district_voice`` of each district that providers said something about."""
        voices = {}
        for district_id in self.voiced(district_ids):
            rows = self._statements[district_id]
            # The newest questionnaire with statements about the district (``latest_period``).
            period = int(rows["period"].max())
            progress = goal_progress(self.project, district_id, series_cache=self._series,
                                     goals=self._goals.get(district_id, self._no_goals))
            voices[district_id] = _voice(self.project, district_id, period, self._anonymise,
                                         self._summaries, progress, rows)
        return voices


def _voice(project: Project, district_id: int, period: int | None, anonymise: bool | None,
           summaries: dict | None, goals: pd.DataFrame, rows: pd.DataFrame | None) -> dict:
    goals = goals.assign(text=[goal_text(r) for _, r in goals.iterrows()]) if len(goals) else \
        goals.assign(text=pd.Series(dtype=str))
    return {"period": period,
            "summary": district_summary(project, district_id, period, summaries, rows),
            "quotes": statements_for_district(project, district_id, period, anonymise, rows),
            "goals": goals}
