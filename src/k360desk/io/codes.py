"""Matching district codes from files to the districts of the project."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd


def normalise_code(value: object) -> str:
    """A code cell as text: trimmed, inner whitespace removed, 7.0 → "7"."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text.upper() in ("NULL", "NAN", "NONE", "<NA>"):
        return ""
    return re.sub(r"\s+", "", text)


def _zeros(code: str) -> str:
    return code.lstrip("0") or "0" if code.isdigit() else code


def _digits(code: str) -> str | None:
    match = re.fullmatch(r"[A-Za-z_\-]*(\d+)", code)
    return (match.group(1).lstrip("0") or "0") if match else None


def name_key(name: str) -> str:
    """A district name for comparing: no leading number, case and spacing folded."""
    return _name_key(name)


def _name_key(name: str) -> str:
    text = re.sub(r"^\d+\s+", "", str(name).strip())
    return " ".join(text.casefold().split())


@dataclass
class Match:
    """Where a code from a file points to and how it was found."""

    district_id: int | None
    how: str  # 'code', 'zeros', 'digits', 'name', 'ambiguous', 'none', 'empty'
    target: str = ""


class DistrictMatcher:
    """Code → district id: exact, then without leading zeros, then digits, then by name.

    The looser ways are used only when they point to exactly one district.
    """

    def __init__(self, districts: pd.DataFrame, level_id: int | None = None) -> None:
        if level_id is not None:
            districts = districts[districts["level_id"] == level_id]
        self.exact: dict[str, int] = {}
        self.loose: dict[str, dict[str, set[int]]] = {
            k: defaultdict(set) for k in ("zeros", "digits", "name")}
        self.codes: dict[int, str] = {}
        for fid, code, name in districts[["id", "code", "name"]].itertuples(index=False, name=None):
            code = normalise_code(code)
            self.codes[int(fid)] = code
            self.exact[code.casefold()] = int(fid)
            self.loose["zeros"][_zeros(code).casefold()].add(int(fid))
            digits = _digits(code)
            if digits is not None:
                self.loose["digits"][digits].add(int(fid))
            self.loose["name"][_name_key(name)].add(int(fid))

    def match_one(self, value: object) -> Match:
        """Match one cell."""
        code = normalise_code(value)
        if not code:
            return Match(None, "empty")
        if code.casefold() in self.exact:
            fid = self.exact[code.casefold()]
            return Match(fid, "code", self.codes[fid])
        keys = {"zeros": _zeros(code).casefold(), "digits": _digits(code), "name": _name_key(code)}
        for how in ("zeros", "digits", "name"):
            key = keys[how]
            if key is None or key not in self.loose[how]:
                continue
            found = self.loose[how][key]
            if len(found) == 1:
                fid = next(iter(found))
                return Match(fid, how, self.codes[fid])
            return Match(None, "ambiguous", ", ".join(sorted(self.codes[f] for f in found)))
        return Match(None, "none")

    def match(self, values: pd.Series) -> tuple[pd.Series, dict[str, Match]]:
        """Match a column (distinct values once); return ids (Int64) and the match per value."""
        keys, uniques = pd.factorize(pd.Series(values).fillna(""), use_na_sentinel=False)
        matches = {str(u): self.match_one(u) for u in uniques}
        found = np.array([matches[str(u)].district_id for u in uniques], dtype=object)
        ids = pd.array(found[keys] if len(keys) else [], dtype="Int64")
        return pd.Series(ids, index=getattr(values, "index", None)), matches


HOW_TEXT = {
    "zeros": "ohne führende Nullen",
    "digits": "über die Ziffern",
    "name": "über den Namen",
}


def explain(value: str, match: Match) -> str:
    """German reason for a loose or failed match."""
    if match.how in HOW_TEXT:
        return f"Schlüssel „{value}“ {HOW_TEXT[match.how]} dem Sozialraum „{match.target}“ zugeordnet"
    if match.how == "ambiguous":
        return f"Schlüssel „{value}“ ist nicht eindeutig (passt zu {match.target})"
    if match.how == "empty":
        return "kein Sozialraum angegeben (Gesamtstadt-Zeile?) – Gesamtwerte werden berechnet"
    return f"Sozialraum „{value}“ gibt es im Projekt nicht"


_CODE_TEXT = re.compile(r"[0-9A-Za-zÄÖÜäöüß_./\-]{1,30}")


def key_problem(series: pd.Series) -> str | None:
    """Why a column cannot be a key (German), or None when it is unique and looks like codes.

    Codes are short words of letters, digits and ``._/-`` or whole numbers; a column with
    decimal fractions (areas, shares) or sentences is no key, nor one with a repeated value.
    """
    filled = series[series.notna()]
    if pd.api.types.is_float_dtype(filled) and not (filled == filled.round()).all():
        return "Dezimalzahlen"
    texts = pd.Series(filled.map(normalise_code), dtype=object)
    texts = texts[texts != ""]
    if texts.empty:
        return "leer"
    if not texts.map(lambda t: bool(_CODE_TEXT.fullmatch(t))).all():
        return "Text statt Schlüssel"
    if texts.str.fullmatch(r"\d+[.,]\d*[1-9]\d*").any():
        return "Dezimalzahlen"
    folded = texts.str.casefold()
    repeated = folded[folded.duplicated()].unique()
    if len(repeated):
        shown = ", ".join(f"„{t}“" for t in list(repeated)[:3])
        return f"{len(repeated)} Schlüssel doppelt ({shown})"
    return None


def _words(header: str) -> list[str]:
    return re.sub(r"[^a-z0-9]+", " ", str(header).lower()).split()


def choose_key(frame: pd.DataFrame, ranked: list[str]) -> tuple[str | None, str]:
    """The first column of ``ranked`` (header guesses, best first) that is a usable key, and
    when none is, a German list of every column and why it is no key."""
    usable = [c for c in ranked if key_problem(frame[c]) is None
              and not {"name", "bezeichnung", "titel"} & set(_words(c))]
    # Codes carry digits ("01", "STGT01"); a unique column of plain words is a name.
    with_digits = [c for c in usable if frame[c].dropna().map(normalise_code).str.contains(
        r"\d", regex=True).all()]
    if with_digits or usable:
        return (with_digits or usable)[0], ""
    reasons = []
    for column in [c for c in frame.columns if c != "geometry"]:
        problem = key_problem(frame[column])
        reasons.append(f"„{column}“: {problem or 'möglich'}")
    return None, "; ".join(reasons)
