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
# Signs after a number in official tables (Zeichenerklärung): value status and wording.
FLAG_STATUS = {"p": ("provisional", "vorläufiger"), "r": ("final", "berichtigter"),
               "s": ("estimated", "geschätzter")}
_PAREN = r"\(\s*[-+]?[\d.,]+\s*\)"
_GERMAN = r"[-+]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
_ENGLISH = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_YEAR = r"(?<!\d)(1[89]\d\d|20\d\d|21\d\d)(?!\d)"
STYLE_LABELS = {",": "deutsch (1.234,5)", ".": "englisch (1234.5)"}


@dataclass
class NumberColumn:
    """A column read as numbers: value (NaN where none), status and a reason per odd row."""

    values: np.ndarray
    status: np.ndarray  # 'final', 'provisional', 'estimated', 'missing', 'suppressed', 'empty', 'bad'
    reasons: dict[int, str] = field(default_factory=dict)  # position → German reason
    decimal: str = ","
    mixed: bool = False
    ambiguous: bool = False
    absurd: int = 0  # cells that are numbers, but infinite or absurdly large ('bad')


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
    column and text are 'bad' with a reason. The common case runs vectorised (a million
    cells in about a second); only cells that do not parse directly are looked at one by one.
    """
    series = series.reset_index(drop=True)
    n = len(series)
    values = np.full(n, np.nan)
    status = np.full(n, "final", dtype=object)
    if pd.api.types.is_numeric_dtype(series):
        native = np.ones(n, dtype=bool)
    elif series.dtype == object:
        native = series.map(_is_native_number).to_numpy(dtype=bool)
    else:
        native = np.zeros(n, dtype=bool)
    if native.any():
        nat = pd.to_numeric(series[native], errors="coerce").to_numpy(dtype=float)
        values[native] = nat
        status[np.flatnonzero(native)[np.isnan(nat)]] = "empty"
    pos = np.flatnonzero(~native)
    text = series[~native].astype(object).where(series[~native].notna(), "").astype(str)
    text = pd.Series(text.to_numpy(), dtype=object)
    result = NumberColumn(values, status)
    if decimal is None:
        decimal = _detect(text, result, default)
    result.decimal = decimal
    if len(text):
        # Plain Python loops over the object array: about twice as fast as pandas' str methods.
        cells = text.to_numpy(dtype=object)
        if decimal == ",":
            risky = np.fromiter(("." in c or "e" in c or "E" in c for c in cells), dtype=bool,
                                count=len(cells))
            converted = [c.replace(".", "").replace(",", ".") for c in cells]
            check = _GERMAN
        else:
            risky = np.fromiter(("," in c or "e" in c or "E" in c for c in cells), dtype=bool,
                                count=len(cells))
            converted = [c.replace(",", "") for c in cells]
            check = _ENGLISH
        numbers = pd.to_numeric(pd.Series(converted, dtype=object), errors="coerce").to_numpy(dtype=float)
        # "inf" and "nan" are text, not numbers; they go through the careful path below.
        ok = np.isfinite(numbers)
        if risky.any():
            idx = np.flatnonzero(risky & ok)
            if len(idx):
                fits = text.iloc[idx].str.fullmatch(check).to_numpy(dtype=bool)
                ok[idx[~fits]] = False
        values[pos[ok]] = numbers[ok]
        for k in np.flatnonzero(~ok):
            _one_cell(text.iloc[k], int(pos[k]), decimal, result)
    _refuse_absurd(series, result)
    return result


# No figure of a municipality comes near this (a city budget is about 1e10 €); a longer
# number is a pasted ID, a typing error or an overflow (320 digits read as infinity).
ABSURD = 1e15


def _refuse_absurd(series: pd.Series, result: NumberColumn) -> None:
    """Non-finite and absurdly large numbers become 'bad' with a German reason."""
    taken = np.isin(result.status, ["final", "provisional", "estimated"])
    with np.errstate(invalid="ignore"):
        wrong = taken & (np.isinf(result.values) | (np.abs(result.values) >= ABSURD))
    for p in np.flatnonzero(wrong):
        shown = str(series.iloc[p]).strip()
        shown = shown if len(shown) <= 24 else f"{shown[:20]}… ({len(shown)} Zeichen)"
        result.status[p] = "bad"
        result.values[p] = np.nan
        result.absurd += 1
        result.reasons[p] = f"„{shown}“ ist keine plausible Zahl (unendlich oder zu groß)"


def _detect(text: pd.Series, result: NumberColumn, default: str) -> str:
    """Decimal mark of a column from a sample: unmistakable cells decide, else ``default``."""
    sample = text if len(text) <= 40_000 else pd.concat([text.iloc[:20_000], text.iloc[20_000::max(
        1, len(text) // 20_000)]])
    cleaned = clean_text(sample)
    german = cleaned.str.fullmatch(_GERMAN).to_numpy(dtype=bool)
    english = cleaned.str.fullmatch(_ENGLISH).to_numpy(dtype=bool)
    g_only, e_only = int((german & ~english).sum()), int((english & ~german).sum())
    if g_only and e_only:
        result.mixed = True
        return "," if g_only >= e_only else "."
    if g_only:
        return ","
    if e_only:
        return "."
    result.ambiguous = bool(cleaned.str.contains(r"[.,]", regex=True).to_numpy(dtype=bool)
                            [german & english].any())
    return default


def _one_cell(shown: str, p: int, decimal: str, result: NumberColumn) -> None:
    """A cell that did not parse directly: spaces, markers, the other style or text."""
    import re

    shown = shown.strip()
    cleaned = re.sub(r"[\s\u00a0\u202f]+", "", shown).replace("−", "-")
    own, other = (_GERMAN, _ENGLISH) if decimal == "," else (_ENGLISH, _GERMAN)
    if cleaned == "":
        result.status[p] = "empty"
    elif re.fullmatch(own, cleaned):
        number = cleaned.replace(".", "").replace(",", ".") if decimal == "," else cleaned.replace(",", "")
        result.values[p] = float(number)
    elif shown in MISSING_MARKERS or cleaned in MISSING_MARKERS:
        result.status[p] = "missing"
        result.reasons[p] = (f"{MISSING_MARKERS.get(shown) or MISSING_MARKERS[cleaned]}"
                             " als fehlender Wert übernommen")
    elif shown in SUPPRESSED_MARKERS or cleaned in SUPPRESSED_MARKERS:
        result.status[p] = "suppressed"
        result.reasons[p] = (f"{SUPPRESSED_MARKERS.get(shown) or SUPPRESSED_MARKERS[cleaned]}"
                             " als geheim gehaltener Wert übernommen")
    elif (flagged := re.fullmatch(r"(.+?)([prs])", cleaned)) and re.fullmatch(own, flagged[1]):
        # Destatis/BA signs behind a number: p vorläufig, r berichtigt, s geschätzt.
        number = flagged[1]
        number = number.replace(".", "").replace(",", ".") if decimal == "," else number.replace(",", "")
        result.values[p] = float(number)
        status, word = FLAG_STATUS[flagged[2]]
        result.status[p] = status
        result.reasons[p] = f"„{shown}“ als {word} Wert übernommen"
    elif re.fullmatch(_PAREN, cleaned):
        result.status[p] = "suppressed"
        result.reasons[p] = (f"„{shown}“ (Aussagewert eingeschränkt) nicht als Zahl gelesen,"
                             " als geheim gehalten übernommen")
    elif re.fullmatch(other, cleaned):
        result.status[p] = "bad"
        result.mixed = True
        result.reasons[p] = (f"„{shown}“ hat ein anderes Zahlformat als die übrige Spalte"
                             f" ({STYLE_LABELS[decimal]}) – gemischte Zahlformate, Wert nicht übernommen")
    else:
        result.status[p] = "bad"
        result.reasons[p] = f"„{shown}“ ist keine Zahl"


def parse_periods(series: pd.Series) -> pd.Series:
    """Years from year cells, dates or Stichtag texts ("31.12.2022" → 2022); <NA> if none."""
    series = series.reset_index(drop=True)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    if len(uniques) < len(series) // 2:
        years = _periods(pd.Series(uniques, dtype=object)).to_numpy()
        out = pd.array([pd.NA] * len(series), dtype="Int64")
        valid = codes >= 0
        out[valid] = years[codes[valid]]
        return pd.Series(out)
    return _periods(series)


def _periods(series: pd.Series) -> pd.Series:
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
