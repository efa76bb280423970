"""Compare two social index runs: which districts changed class, and why.

Works on the tables of ``IndexResult`` (or stored runs) only; the explanation is German text
for people: the change of the index value, the component that moved most, or the reason a
district entered or left the index.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from k360desk.formats import format_number

# Definition fields whose difference explains every district at once.
_METHOD_FIELDS = {
    "standard_deviation": "Standardabweichung", "min_population": "Mindesteinwohnerzahl",
    "min_population_at": "Stichtag der Mindesteinwohnerzahl", "span": "Zeitraum der Dynamik",
    "restandardise": "erneute Standardisierung", "status_thresholds": "Statusschwellen",
    "dynamics_thresholds": "Dynamikschwellen", "status_scheme": "Klassenverfahren",
    "exclusions": "Ausschlüsse", "population": "Einwohnerzahl",
}


def method_differences(first: dict[str, Any], second: dict[str, Any]) -> list[str]:
    """German lines naming each definition choice that differs between two runs."""
    lines = []
    for key, label in _METHOD_FIELDS.items():
        if first.get(key) != second.get(key):
            lines.append(f"{label}: {_text(first.get(key))} → {_text(second.get(key))}")
    comps = [sorted((c["indicator"], c.get("role", "status"), c.get("weight", 1.0))
                    for c in m.get("components", [])) for m in (first, second)]
    if comps[0] != comps[1]:
        lines.append("Indikatoren oder Gewichte verschieden")
    return lines


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, int | float):
        return format_number(value, 0 if float(value).is_integer() else 2)
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value) or "–"
    if isinstance(value, dict):
        return ", ".join(sorted(value)) or "keine"
    return "–" if value in (None, "") else str(value)


def compare_runs(first: pd.DataFrame, second: pd.DataFrame, changed_only: bool = True
                 ) -> pd.DataFrame:
    """One row per district (matched by code): classes and index values in both runs, whether
    status or dynamics class changed, and a German explanation ``why``."""
    cols = ["code", "name", "status_value", "status_class", "dynamics_value", "dynamics_class",
            "included", "reason"]
    a = first.set_index(first["code"].astype(str))
    b = second.set_index(second["code"].astype(str))
    codes = list(dict.fromkeys([*a.index, *b.index]))
    a, b = a.reindex(codes), b.reindex(codes)
    out = pd.DataFrame({"code": codes, "name": b["name"].fillna(a["name"]).to_numpy()})
    for col in cols[2:]:
        out[f"{col}_a"] = a[col].to_numpy()
        out[f"{col}_b"] = b[col].to_numpy()
    for kind in ("status", "dynamics"):
        left = out[f"{kind}_class_a"].fillna("").astype(str)
        right = out[f"{kind}_class_b"].fillna("").astype(str)
        out[f"{kind}_changed"] = (left != right).to_numpy()
    z_cols = sorted(set(c for c in a.columns if c.startswith("z_"))
                    & set(c for c in b.columns if c.startswith("z_")))
    out["why"] = [_why(a.iloc[i], b.iloc[i], z_cols) for i in range(len(codes))]
    if changed_only:
        out = out[out["status_changed"] | out["dynamics_changed"]]
    return out.reset_index(drop=True)


def _included(row: pd.Series) -> bool | None:
    value = row.get("included")
    return None if value is None or pd.isna(value) else bool(value)


def _why(a: pd.Series, b: pd.Series, z_cols: list[str]) -> str:
    ina, inb = _included(a), _included(b)
    if ina is None:
        return "nur im zweiten Lauf"
    if inb is None:
        return "nur im ersten Lauf"
    if ina != inb:
        reason = a.get("reason") if not ina else b.get("reason")
        side = "im ersten Lauf" if not ina else "im zweiten Lauf"
        return f"{side} nicht im Index ({reason or 'ohne Grund'})"
    if not ina:
        return ""
    parts = []
    for kind, label in (("status", "Statusindex"), ("dynamics", "Dynamikindex")):
        va, vb = a.get(f"{kind}_value"), b.get(f"{kind}_value")
        if a.get(f"{kind}_class") != b.get(f"{kind}_class") and pd.notna(va) and pd.notna(vb):
            parts.append(f"{label} {format_number(va, 2)} → {format_number(vb, 2)}")
    if parts and z_cols:
        za = pd.to_numeric(a[z_cols], errors="coerce").to_numpy(dtype=float)
        zb = pd.to_numeric(b[z_cols], errors="coerce").to_numpy(dtype=float)
        delta = np.abs(zb - za)
        if np.isfinite(delta).any():
            k = int(np.nanargmax(delta))
            parts.append(f"stärkste Veränderung: z {z_cols[k][2:]} {format_number(za[k], 2)} → "
                         f"{format_number(zb[k], 2)}")
    return "; ".join(parts)
