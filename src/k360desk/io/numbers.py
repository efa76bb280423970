"""Numbers, markers and periods in office tables: 1.234,5 vs 1234.5, "x", "(5)", Stichtag."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

# Markers of German statistical offices (Zeichenerklärung). They are never numbers.
MISSING_MARKERS = {
    "": "leer",
    "-": "„-“ (nichts vorhanden)",
    "–": "„–“ (nichts vorhanden)",
    "—": "„—“ (nichts vorhanden)",
    ".": "„.“ (Zahlenwert unbekannt oder geheim)",
    "…": "„…“ (Angabe fällt später an)",
    "...": "„...“ (Angabe fällt später an)",
    "NULL": "„NULL“ (keine Angabe)",
    "null": "„null“ (keine Angabe)",
    "NA": "„NA“ (keine Angabe)",
    "N/A": "„N/A“ (keine Angabe)",
    "n/a": "„n/a“ (keine Angabe)",
    "nan": "„nan“ (keine Angabe)",
    "k.A.": "„k.A.“ (keine Angabe)",
    "k. A.": "„k. A.“ (keine Angabe)",
}
SUPPRESSED_MARKERS = {
    "x": "„x“ (Tabellenfach gesperrt)",
    "X": "„X“ (Tabellenfach gesperrt)",
    "/": "„/“ (keine Angabe, da Zahlenwert nicht sicher genug)",
    "*": "„*“ (geheim gehalten)",
    "•": "„•“ (geheim gehalten)",
}
_PAREN = r"\(\s*[-+]?[\d.,]+\s*\)"
_GERMAN = r"[-+]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
_ENGLISH = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_YEAR = r"(?<!\d)(1[89]\d\d|20\d\d|21\d\d)(?!\d)"
STYLE_LABELS = {",": "deutsch (1.234,5)", ".": "englisch (1234.5)"}


@dataclass
class NumberColumn:
    """A column read as numbers: value (NaN where none), status and a reason per odd row."""

    values: np.ndarray
    status: np.ndarray  # 'final', 'missing', 'suppressed', 'empty' or 'bad'
    reasons: dict[int, str] = field(default_factory=dict)  # position → German reason
    decimal: str = ","
    mixed: bool = False
    ambiguous: bool = False


def _is_native_number(value: object) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def clean_text(series: pd.Series) -> pd.Series:
    """Cells as stripped text without inner spaces (thin spaces are thousands separators)."""
    text = series.astype("string").fillna("")
    return (text.str.replace(r"[\s\u00a0\u202f]+", "", regex=True)
            .str.replace("−", "-", regex=False))


def style_counts(series: pd.Series) -> tuple[int, int]:
    """How many cells are unmistakably German / unmistakably English numbers."""
    text = clean_text(series[~series.map(_is_native_number)])
    german = text.str.fullmatch(_GERMAN)
    english = text.str.fullmatch(_ENGLISH)
    return int((german & ~english).sum()), int((english & ~german).sum())


def parse_numbers(series: pd.Series, decimal: str | None = None, default: str = ",") -> NumberColumn:
    """Read a column as numbers, detecting the decimal mark unless ``decimal`` is given.

    Markers become missing/suppressed, never numbers; cells in the other style of a mixed
    column and text are 'bad' with a reason. Works vectorised on a million rows.
    """
    series = series.reset_index(drop=True)
    n = len(series)
    values = np.full(n, np.nan)
    status = np.full(n, "final", dtype=object)
    native = series.map(_is_native_number).to_numpy(dtype=bool) if series.dtype == object else (
        np.zeros(n, dtype=bool) if not pd.api.types.is_numeric_dtype(series) else np.ones(n, dtype=bool))
    if native.any():
        nat = pd.to_numeric(series[native], errors="coerce").to_numpy(dtype=float)
        values[native] = nat
        status[np.flatnonzero(native)[np.isnan(nat)]] = "empty"
    text = clean_text(series[~native])
    pos = np.flatnonzero(~native)
    german = text.str.fullmatch(_GERMAN).to_numpy(dtype=bool)
    english = text.str.fullmatch(_ENGLISH).to_numpy(dtype=bool)
    g_only, e_only = int((german & ~english).sum()), int((english & ~german).sum())
    result = NumberColumn(values, status)
    if decimal is None:
        if g_only and e_only:
            result.mixed = True
            decimal = "," if g_only >= e_only else "."
        elif g_only:
            decimal = ","
        elif e_only:
            decimal = "."
        else:
            decimal = default
            result.ambiguous = bool(text.str.contains(r"[.,]", regex=True).to_numpy(dtype=bool)
                                    [german & english].any())
    result.decimal = decimal
    valid = german if decimal == "," else english
    if valid.any():
        chosen = text[valid]
        if decimal == ",":
            chosen = chosen.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        else:
            chosen = chosen.str.replace(",", "", regex=False)
        values[pos[valid]] = chosen.astype(float).to_numpy()
    rest = ~valid
    if rest.any():
        raw = text[rest]
        original = series[~native][rest].astype("string").fillna("").str.strip()
        for (p, cleaned), shown in zip(zip(pos[rest], raw.to_numpy(), strict=True),
                                       original.to_numpy(), strict=True):
            if cleaned == "" or shown == "":
                status[p] = "empty"
            elif shown in MISSING_MARKERS or cleaned in MISSING_MARKERS:
                status[p] = "missing"
                result.reasons[p] = (f"{MISSING_MARKERS.get(shown) or MISSING_MARKERS[cleaned]}"
                                     " als fehlender Wert übernommen")
            elif shown in SUPPRESSED_MARKERS or cleaned in SUPPRESSED_MARKERS:
                status[p] = "suppressed"
                result.reasons[p] = (f"{SUPPRESSED_MARKERS.get(shown) or SUPPRESSED_MARKERS[cleaned]}"
                                     " als geheim gehaltener Wert übernommen")
            elif pd.Series([cleaned]).str.fullmatch(_PAREN).iloc[0]:
                status[p] = "suppressed"
                result.reasons[p] = (f"„{shown}“ (Aussagewert eingeschränkt) nicht als Zahl gelesen,"
                                     " als geheim gehalten übernommen")
            else:
                status[p] = "bad"
                other = "." if decimal == "," else ","
                other_re = _ENGLISH if other == "." else _GERMAN
                if pd.Series([cleaned]).str.fullmatch(other_re).iloc[0]:
                    result.reasons[p] = (f"„{shown}“ hat ein anderes Zahlformat als die übrige Spalte"
                                         f" ({STYLE_LABELS[decimal]}) – gemischte Zahlformate,"
                                         " Wert nicht übernommen")
                else:
                    result.reasons[p] = f"„{shown}“ ist keine Zahl"
    return result


def parse_periods(series: pd.Series) -> pd.Series:
    """Years from year cells, dates or Stichtag texts ("31.12.2022" → 2022); <NA> if none."""
    series = series.reset_index(drop=True)
    out = pd.Series(pd.NA, index=series.index, dtype="Int64")
    dates = series.map(lambda v: hasattr(v, "year") and not isinstance(v, str))
    if dates.any():
        out[dates] = [v.year for v in series[dates]]
    nums = series.map(_is_native_number) & ~dates
    if nums.any():
        numbers = pd.to_numeric(series[nums], errors="coerce")
        whole = numbers.notna() & (numbers == numbers.round()) & numbers.between(1800, 2200)
        out[whole[whole].index] = numbers[whole].astype(int).to_numpy()
    rest = ~(dates | nums)
    if rest.any():
        found = series[rest].astype("string").str.extractall(_YEAR)[0]
        single = found.groupby(level=0).agg(["first", "count"])
        single = single[single["count"] == 1]
        out[single.index] = single["first"].astype(int).to_numpy()
    return out
