"""Import indicator values from CSV/XLSX in long and wide form."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from k360desk.io import codes, headers
from k360desk.io.numbers import parse_numbers, parse_periods
from k360desk.io.report import ImportProblem, ImportReport
from k360desk.io.tables import Table, TableOptions, read_table
from k360desk.messages import tr
from k360desk.models import indicator_defs
from k360desk.progress import NO_PROGRESS, Progress, ScaledProgress

if TYPE_CHECKING:
    from k360desk.projectfile import Project

BATCH = 100_000
VALUE_KEYS = ["indicator_id", "district_id", "period"]
MAX_NEW_INDICATORS = 500  # more than that is a wrong mapping, not a table of indicators
_YEAR_IN_HEADER = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d|21\d\d)(?!\d)")
STATUS_WORDS = {"vorlaeufig": "provisional", "provisional": "provisional", "geschaetzt": "estimated",
                "estimated": "estimated", "endgueltig": "final", "final": "final"}


@dataclass
class ValueOptions:
    """Mapping and reading choices for a values import (None = detect)."""

    table: TableOptions = field(default_factory=TableOptions)
    district: str | None = None
    indicator: str | None = None
    period: str | None = None
    value: str | None = None
    status: str | None = None
    note: str | None = None
    columns: list[str] | None = None  # value columns of a wide table
    fixed_period: int | None = None
    fixed_indicator: str | None = None
    level: str | None = None
    create_indicators: bool = False
    strict: bool = False  # refuse when a name differs from the stored name of its code
    definitions: str | None = None  # file with the definitions of indicators to create

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the report (and redo)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ValueOptions:
        """Inverse of ``to_dict``."""
        data = dict(data)
        data["table"] = TableOptions(**data.get("table", {}))
        return cls(**data)


@dataclass
class ValuePlan:
    """How the columns are read: the form and, for each value column, indicator and period."""

    form: str  # 'long' or 'wide'
    district: str
    roles: dict[str, str | None]
    columns: dict[str, tuple[str | None, int | None]]  # value column → (indicator label, period)
    messages: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """The form and how each value column is read, in German."""
        if self.form == "long":
            return "Langform (eine Zeile je Sozialraum, Indikator und Jahr)"
        parts = [f"{column} → {label or '?'}{f' {period}' if period else ''}"
                 for column, (label, period) in list(self.columns.items())[:8]]
        more = " …" if len(self.columns) > 8 else ""
        return "Breitform: " + "; ".join(parts) + more


def plan(table: Table, options: ValueOptions) -> ValuePlan:
    """Propose (or apply) the column mapping for a table."""
    columns = list(table.frame.columns)
    roles = headers.guess_roles(columns, ["district", "indicator", "period", "value", "name",
                                          "status", "note"])
    for role in ("district", "indicator", "period", "value", "status", "note"):
        chosen = getattr(options, role)
        if chosen:
            if chosen not in columns:
                raise ImportProblem(tr("Die Spalte „{column}“ gibt es nicht (vorhanden: {columns}).",
                                       column=chosen, columns=", ".join(columns)))
            for other, column in roles.items():
                if column == chosen and other != role:
                    roles[other] = None
            roles[role] = chosen
    district = roles["district"]
    if district is None:
        raise ImportProblem("Keine Spalte mit dem Sozialraum erkannt. Bitte die Spalte angeben "
                            f"(vorhanden: {', '.join(columns)}).")
    messages: list[str] = []
    if roles["value"] and (roles["indicator"] or options.fixed_indicator) and not options.columns:
        label = None if roles["indicator"] else options.fixed_indicator
        return ValuePlan("long", district, roles, {roles["value"]: (label, options.fixed_period)},
                         messages)
    taken = {c for r, c in roles.items() if c and r in ("district", "period", "name", "status", "note",
                                                          "indicator")}
    candidates = options.columns or [c for c in columns if c not in taken]
    mapping: dict[str, tuple[str | None, int | None]] = {}
    for column in candidates:
        if column not in columns:
            raise ImportProblem(tr("Die Spalte „{column}“ gibt es nicht.", column=column))
        if not options.columns and _is_text_column(table.frame[column]):
            messages.append(f"Spalte „{column}“ enthält Text und wird nicht als Wert gelesen.")
            continue
        years = _YEAR_IN_HEADER.findall(column)
        if len(years) == 1:
            label = " ".join(_YEAR_IN_HEADER.sub(" ", column).split()).strip(" -_/") or None
            mapping[column] = (label or options.fixed_indicator, int(years[0]))
        else:
            mapping[column] = (options.fixed_indicator or column, options.fixed_period)
    if not mapping:
        raise ImportProblem("Keine Spalte mit Werten gefunden.")
    if any(ind is None for ind, _ in mapping.values()):
        raise ImportProblem("Die Spalten sind Jahre: bitte den Indikator angeben, zu dem die Werte gehören.")
    if any(p is None for _, p in mapping.values()) and not roles["period"]:
        raise ImportProblem("Kein Jahr erkennbar: bitte eine Spalte mit dem Jahr oder ein festes Jahr "
                            "angeben.")
    return ValuePlan("wide", district, roles, mapping, messages)


def _is_text_column(series: pd.Series) -> bool:
    sample = series.head(500)
    parsed = parse_numbers(sample)
    filled = parsed.status != "empty"
    bad = (parsed.status[filled] == "bad").sum() - parsed.absurd  # absurd numbers are numbers
    return bool(filled.any()) and bad / filled.sum() > 0.5


@dataclass
class ValuePreview:
    """What the assistant shows before the import."""

    table: Table
    plan: ValuePlan | None
    problem: str | None
    detected: list[str]


def preview(source: str | Path, options: ValueOptions | None = None, rows: int = 50) -> ValuePreview:
    """First rows, detected reading options and the proposed mapping."""
    options = options or ValueOptions()
    table = read_table(source, options.table, nrows=max(rows, 2000))
    try:
        proposal, problem = plan(table, options), None
    except ImportProblem as exc:
        proposal, problem = None, str(exc)
    detected = table.describe()
    if proposal is not None:
        detected.append(proposal.describe())
        if proposal.form == "wide":
            proposal.roles["value"] = None
    table.frame, table.lines = table.frame.head(rows), table.lines[:rows]
    return ValuePreview(table, proposal, problem, detected)


def run(project: Project, source: str | Path, options: ValueOptions | None = None,
        progress: Progress = NO_PROGRESS) -> ImportReport:
    """Import the values of a table in one transaction; Cancel or an error changes nothing."""
    from k360desk.projectfile import District, DistrictLevel, Indicator
    options = options or ValueOptions()
    report = ImportReport("values", str(source), options.to_dict())
    sub = ScaledProgress(progress, 0, 40)
    table = read_table(source, options.table, progress=sub)
    report.notes += table.describe()
    the_plan = plan(table, options)
    report.notes += the_plan.messages
    frame = _long_frame(table, the_plan, options, report)
    progress.step(45, 100, "Sozialräume zuordnen …")

    level_id = None
    if options.level:
        level = project.find(DistrictLevel, name=options.level)
        if level is None:
            raise ImportProblem(f"Die Ebene „{options.level}“ gibt es im Projekt nicht.")
        level_id = level.id
    districts = project.frame(District)
    if districts.empty:
        raise ImportProblem("Das Projekt hat noch keine Sozialräume. Bitte zuerst Grenzen importieren.")
    if level_id is None:
        names = {lv.id: lv.name for lv in project.all(DistrictLevel)}
        level_id = _best_level(districts, frame["district_raw"], names, report)
    matcher = codes.DistrictMatcher(districts, level_id)
    ids, matches = matcher.match(frame["district_raw"])
    frame["district_id"] = ids.to_numpy()
    first_line = frame.groupby("district_raw", sort=False)["line"].min()
    for raw, match in matches.items():
        if match.how in codes.HOW_TEXT:
            line = int(first_line.get(raw, 0)) if raw in first_line.index else None
            report.doubt(line, codes.explain(raw, match) + " (gilt für alle Zeilen mit diesem Schlüssel)")
    _drop(frame, frame["district_id"].isna(), report,
          lambda r: codes.explain(r.district_raw, matches[codes.normalise_code(r.district_raw)]))
    _compare_names(frame, districts, report, options.strict)

    with project.transaction():
        progress.step(50, 100, "Indikatoren zuordnen …")
        frame = frame[frame["_keep"]].copy()
        indicator_ids = _indicators(project, frame, options, report, Indicator)
        frame["indicator_id"] = frame["indicator_label"].map(indicator_ids)
        _drop(frame, frame["indicator_id"].isna(), report,
              lambda r: f"Indikator „{r.indicator_label}“ gibt es nicht (Option „Indikatoren anlegen“)")
        frame = frame[frame["_keep"]].copy()
        frame["indicator_id"] = frame["indicator_id"].astype(int)
        frame["district_id"] = frame["district_id"].astype(int)
        frame["period"] = frame["period"].astype(int)
        frame = _duplicates(frame, report)
        progress.step(55, 100, "Vorhandene Werte vergleichen …")
        keys = VALUE_KEYS
        replaced = compare_with_stored(project, frame, report)
        if len(replaced):
            _note_overwritten(replaced, frame, keys, report)
        # Written in key order: SQLite appends to its B-tree instead of jumping around.
        out = frame[["indicator_id", "district_id", "period", "value", "status", "note"]].sort_values(
            keys, kind="stable")
        total = len(out)
        for start in range(0, total, BATCH):
            project.set_values(out.iloc[start:start + BATCH])
            progress.step(60 + int(40 * min(start + BATCH, total) / max(total, 1)), 100,
                          "Werte schreiben …")
    return report


def compare_with_stored(project: Project, frame: pd.DataFrame, report: ImportReport) -> pd.DataFrame:
    """Count the rows of ``frame`` (keys, value, status, note) that are new, changed and already
    stored exactly so, and keep in ``report`` what undo needs; return the stored rows replaced."""
    from k360desk.projectfile.batch import value_keys

    keys = VALUE_KEYS
    old = value_keys(project, frame["indicator_id"].unique())
    merged = frame[keys].merge(old[keys].assign(_old=True), on=keys, how="left")
    existed = merged["_old"].fillna(False).astype(bool).to_numpy()
    both = frame[[*keys, "value", "status", "note"]].merge(
        old, on=keys, how="left", suffixes=("", "_old"))
    same = existed & (((both["value"] == both["value_old"])
                       | (both["value"].isna() & both["value_old"].isna()))
                      & (both["status"] == both["status_old"])
                      & (both["note"].fillna("") == both["note_old"].fillna(""))).to_numpy()
    report.unchanged = int(same.sum())
    report.updated = int(existed.sum()) - report.unchanged
    report.taken = int(len(frame) - existed.sum())
    replaced = old.merge(frame[keys], on=keys, how="inner")
    report.undo.values_replaced = replaced
    report.undo.values_inserted = frame.loc[~existed, keys].reset_index(drop=True)
    return replaced


def _best_level(districts: pd.DataFrame, raw: pd.Series, names: dict, report: ImportReport) -> int | None:
    """The level whose districts the file's codes match best, if it beats all levels together."""
    distinct = pd.Series(pd.unique(raw))
    distinct = distinct[distinct != ""]

    def hits(level_id: int | None) -> int:
        matcher = codes.DistrictMatcher(districts, level_id)
        return sum(matcher.match_one(v).district_id is not None for v in distinct)

    overall = hits(None)
    best, best_hits = None, overall
    for level_id in districts["level_id"].dropna().unique():
        n = hits(int(level_id))
        if n > best_hits:
            best, best_hits = int(level_id), n
    if best is not None:
        report.note(f"Die Schlüssel passen zur Ebene „{names.get(best, best)}“; nur diese Ebene verwendet.")
    return best


def _long_frame(table: Table, the_plan: ValuePlan, options: ValueOptions,
                report: ImportReport) -> pd.DataFrame:
    """One row per (line, district, indicator label, period, value, status, note)."""
    src = table.frame
    roles = the_plan.roles
    parts = []
    period_col = parse_periods(src[roles["period"]]) if roles["period"] else None
    status_col = (src[roles["status"]].astype("string").fillna("").map(
        lambda s: STATUS_WORDS.get(headers.normalise(s), "final")) if roles["status"] else None)
    note_col = src[roles["note"]].astype("string").fillna("") if roles["note"] else None
    empties = 0
    for column, (label, period) in the_plan.columns.items():
        numbers = parse_numbers(src[column], table.decimal if options.table.decimal else None,
                                default=table.decimal)
        if numbers.mixed:
            report.note(f"Spalte „{column}“ enthält gemischte Zahlformate; gelesen als "
                        f"{'deutsch (1.234,5)' if numbers.decimal == ',' else 'englisch (1234.5)'}.")
        elif numbers.ambiguous:
            report.note(f"Spalte „{column}“: Zahlformat nicht eindeutig, gelesen als "
                        f"{'deutsch (1.234,5)' if numbers.decimal == ',' else 'englisch (1234.5)'}.")
        part = pd.DataFrame({
            "line": table.lines,
            "district_raw": src[the_plan.district].to_numpy(),
            "indicator_label": (_distinct_map(src[roles["indicator"]], lambda v: str(v).strip())
                                if the_plan.form == "long" and label is None else label),
            "value": numbers.values,
            "status": numbers.status,
            "note": note_col.to_numpy() if note_col is not None else "",
            "name_raw": (src[roles["name"]].astype("string").fillna("").to_numpy()
                         if roles.get("name") else ""),
            "raw": src[column].to_numpy(),
            "column": column,
        })
        if period is not None:
            part["period"] = period
            part["period"] = part["period"].astype("Int64")
        elif period_col is not None:
            part["period"] = period_col.to_numpy()
        else:
            part["period"] = pd.array([options.fixed_period] * len(part), dtype="Int64")
        if status_col is not None:
            final = part["status"] == "final"
            part.loc[final, "status"] = status_col.to_numpy()[final.to_numpy()]
        part["reason"] = pd.Series(numbers.reasons, dtype=object).reindex(range(len(part))).to_numpy()
        empty = part["status"] == "empty"
        empties += int(empty.sum())
        parts.append(part[~empty.to_numpy()])
    frame = pd.concat(parts, ignore_index=True)
    frame["district_raw"] = _distinct_map(frame["district_raw"], codes.normalise_code)
    frame["_keep"] = True
    if empties:
        report.note(f"{empties} leere Zellen ohne Wert wurden nicht übernommen.")
    _drop(frame, frame["status"] == "bad", report, lambda r: f"Spalte „{r.column}“: {r.reason}")
    _drop(frame, frame["period"].isna() & frame["_keep"], report,
          lambda r: "kein gültiges Jahr erkennbar")
    marked = frame["_keep"] & frame["reason"].notna() & frame["status"].isin(
        ["missing", "suppressed", "provisional", "estimated", "final"])
    for row in frame[marked].itertuples():
        report.doubt(int(row.line), f"Spalte „{row.column}“: {row.reason}", str(row.raw))
    return frame


def _compare_names(frame: pd.DataFrame, districts: pd.DataFrame, report: ImportReport,
                   strict: bool) -> None:
    """List every code whose name in the file is not the stored name of that code (a
    district split or renumbered between editions); with ``strict`` refuse the import."""
    kept = frame[frame["_keep"] & frame["district_id"].notna() & (frame["name_raw"] != "")]
    if kept.empty:
        return
    stored = districts.set_index("id")["name"].astype(str)
    firsts = kept.drop_duplicates(["district_raw", "name_raw"])
    known = {codes.name_key(n) for n in stored}
    hits = sum(codes.name_key(n) in known for n in pd.unique(firsts["name_raw"]))
    if hits * 2 < len(pd.unique(firsts["name_raw"])):
        report.note("Die Spalte mit Namen enthält überwiegend keine Namen von Sozialräumen; "
                    "die Namen wurden nicht mit den gespeicherten verglichen.")
        return
    differ = []
    for row in firsts.itertuples():
        name = stored.get(int(row.district_id), "")
        if codes.name_key(row.name_raw) != codes.name_key(name):
            differ.append((int(row.line), str(row.district_raw), str(row.name_raw).strip(), name))
    if not differ:
        return
    if strict:
        listed = "; ".join(f"„{c}“ heißt im Projekt „{n}“, in der Datei „{f}“"
                           for _, c, f, n in differ[:5])
        more = f" und {len(differ) - 5} weitere" if len(differ) > 5 else ""
        raise ImportProblem(f"Namen passen nicht zu den Schlüsseln (--strict): {listed}{more}. "
                            "Es wurde nichts übernommen.")
    for line, code, found, name in differ:
        report.doubt(line, f"Schlüssel „{code}“ heißt im Projekt „{name}“, in der Datei „{found}“"
                           f" – Werte dem Sozialraum „{name}“ zugeordnet (gilt für alle Zeilen)")


def _distinct_map(series: pd.Series, fn) -> np.ndarray:
    """Apply ``fn`` to each distinct value once (codes and labels repeat a lot)."""
    keys, uniques = pd.factorize(pd.Series(series).fillna(""), use_na_sentinel=False)
    mapped = np.array([fn(u) for u in uniques], dtype=object)
    return mapped[keys]


def _drop(frame: pd.DataFrame, mask: pd.Series, report: ImportReport, reason) -> None:
    """Mark rows as skipped with a German reason each."""
    mask = mask.fillna(False).astype(bool) & frame["_keep"]
    for row in frame[mask].itertuples():
        report.skip(int(row.line), reason(row), "" if row.raw is None else str(row.raw))
    frame.loc[mask, "_keep"] = False


def _indicators(project: Project, frame: pd.DataFrame, options: ValueOptions,
                report: ImportReport, indicator_cls) -> dict[str, int]:
    """Indicator label → id, creating unknown ones when asked."""
    known = project.indicators_frame()
    by_text: dict[str, int] = {}
    for ind_id, key, name in known[["id", "key", "name"]].itertuples(index=False, name=None):
        by_text[headers.normalise(key)] = int(ind_id)
        by_text.setdefault(headers.normalise(name), int(ind_id))
    result: dict[str, int] = {}
    new = []
    labels = list(pd.unique(frame["indicator_label"].dropna()))
    if options.definitions:
        by_text.update(_defined(project, labels, by_text, options.definitions, report))
    for label in labels:
        norm = headers.normalise(label)
        if norm in by_text:
            result[label] = by_text[norm]
        elif headers.normalise(headers.slug(label)) in by_text:
            result[label] = by_text[headers.normalise(headers.slug(label))]
        elif options.create_indicators:
            key = headers.slug(label)
            base, n = key, 2
            while key in {r.key for r in new} or headers.normalise(key) in by_text:
                key, n = f"{base}_{n}", n + 1
            new.append(indicator_cls(key=key, name=str(label), source=Path(report.source).name))
            result[label] = -len(new)
    if len(new) > MAX_NEW_INDICATORS:
        raise ImportProblem(f"Es würden {len(new)} neue Indikatoren angelegt – das sieht nach einer "
                            "falschen Zuordnung aus. Bitte die Spalte des Indikators prüfen.")
    if new:
        ids = project.add_many(new)
        report.undo.add_created("indicators", ids)
        for label, ind_id in list(result.items()):
            if ind_id < 0:
                result[label] = ids[-ind_id - 1]
        report.note("Neu angelegte Indikatoren: " + ", ".join(f"{r.name} ({r.key})" for r in new))
        indicator_defs.mark_undefined(project, [r.key for r in new])
        report.note("Ohne Definition angelegt, daher ohne Gesamtstadtwert, bis die Art "
                    "festgelegt ist (k360desk indicators define PROJEKT SCHLÜSSEL --kind … oder "
                    "--definitions DATEI): " + ", ".join(r.key for r in new))
    return result


def _defined(project: Project, labels: list, by_text: dict[str, int], path: str,
             report: ImportReport) -> dict[str, int]:
    """Create the indicators of ``labels`` that a definitions file describes (by key or
    name), with the parts they need; return normalised key/name → id for the new ones."""
    try:
        items = indicator_defs.read_file(path)
    except indicator_defs.DefinitionError as exc:
        raise ImportProblem(str(exc)) from exc
    by_label = {}
    for item in items:
        by_label[headers.normalise(item.key)] = item
        by_label.setdefault(headers.normalise(item.name), item)
    wanted: dict[str, indicator_defs.IndicatorDefinition] = {}
    for label in labels:
        norm = headers.normalise(label)
        item = by_label.get(norm) or by_label.get(headers.normalise(headers.slug(label)))
        if item is None or norm in by_text or headers.normalise(item.key) in by_text:
            continue
        wanted[item.key] = item
    file_keys = {i.key: i for i in items}
    pending = list(wanted.values())
    while pending:  # numerator, denominator and base come along from the file
        item = pending.pop()
        for part in (item.numerator, item.denominator, item.base):
            if part and part not in wanted and part in file_keys \
                    and headers.normalise(part) not in by_text:
                wanted[part] = file_keys[part]
                pending.append(file_keys[part])
    if not wanted:
        return {}
    try:
        indicator_defs.import_definitions(project, list(wanted.values()))
    except indicator_defs.DefinitionError as exc:
        raise ImportProblem(str(exc)) from exc
    frame = project.indicators_frame()
    ids = frame[frame["key"].isin(list(wanted))]
    report.undo.add_created("indicators", [int(i) for i in ids["id"]])
    report.note("Nach Definition angelegte Indikatoren: " + ", ".join(sorted(wanted)))
    out = {}
    for key, name, ind_id in ids[["key", "name", "id"]].itertuples(index=False, name=None):
        out[headers.normalise(key)] = int(ind_id)
        out.setdefault(headers.normalise(name), int(ind_id))
    return out


def _note_overwritten(replaced: pd.DataFrame, frame: pd.DataFrame, keys: list[str],
                      report: ImportReport) -> None:
    """Say how many existing values get a different number (a wrong indicator shows up here)."""
    both = replaced.merge(frame[[*keys, "value", "indicator_label"]], on=keys, suffixes=("_old", ""))
    old, new = both["value_old"].to_numpy(dtype=float), both["value"].to_numpy(dtype=float)
    differs = ~((old == new) | (np.isnan(old) & np.isnan(new)))
    if differs.any():
        labels = ", ".join(sorted({str(x) for x in both.loc[differs, "indicator_label"]})[:5])
        report.note(f"{int(differs.sum())} vorhandene Werte werden mit anderen Zahlen überschrieben "
                    f"(Indikator: {labels}). Bitte prüfen, ob der Indikator stimmt.")


def _duplicates(frame: pd.DataFrame, report: ImportReport) -> pd.DataFrame:
    """Same (indicator, district, period) twice: one kept if equal, all skipped if not."""
    keys = ["indicator_id", "district_id", "period"]
    dup = frame.duplicated(keys, keep=False).to_numpy()
    if not dup.any():
        return frame
    drop = np.zeros(len(frame), dtype=bool)
    positions = np.flatnonzero(dup)
    for _key, group in frame.iloc[positions].groupby(keys, sort=False):
        lines = ", ".join(str(int(x)) for x in group["line"])
        values = set(zip(group["value"].fillna(-1e300), group["status"], strict=True))
        if len(values) == 1:
            for idx, row in list(group.iterrows())[1:]:
                report.doubt(int(row["line"]),
                             f"doppelte Zeile mit gleichem Wert (Zeilen {lines}) – einmal übernommen")
                drop[frame.index.get_loc(idx)] = True
        else:
            for idx, row in group.iterrows():
                report.skip(int(row["line"]), "widersprüchliche Werte für denselben Sozialraum, "
                            f"Indikator und dasselbe Jahr (Zeilen {lines})", str(row["raw"]))
                drop[frame.index.get_loc(idx)] = True
    return frame[~drop]
