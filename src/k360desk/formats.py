"""German number and date formats for PDFs, exports and the console (the UI uses QLocale).

One place, so that 1.234,5 and 21.11.2026 look the same everywhere outside Qt.
"""

from __future__ import annotations

import math
from datetime import date, datetime

# Money lives in k360desk.money (cents in the file and in sums); these names stay importable here.
from k360desk.money import format_money, from_cents, parse_money, to_cents  # noqa: E402,F401


def format_number(value: float | int | None, decimals: int = 1, empty: str = "–") -> str:
    """1234.5 → "1.234,5"; None/NaN → "–"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return empty
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def displayed(value: float | None, decimals: int = 1) -> float:
    """The value as :func:`format_number` shows it (same rounding), for keys that must agree
    with what people read, e.g. the ranking of total scores; NaN for missing values."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return math.nan
    return float(f"{value:.{decimals}f}")


def format_percent(value: float | None, decimals: int = 1) -> str:
    """12.34 → "12,3 %" (value already in per cent)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{format_number(value, decimals)} %"


def format_date(value: date | datetime | str | None) -> str:
    """date(2026, 11, 21) or "2026-11-21" → "21.11.2026"."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    return value.strftime("%d.%m.%Y")


def decimal_text(text: str) -> str:
    """German or plain number text ("1.234,5", "1234.5", "1234,5") as "1234.5"; ValueError
    for empty text. What is left need not be a number: the caller's parser decides."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        raise ValueError("leer")
    if "," in cleaned:
        return cleaned.replace(".", "").replace(",", ".")
    if cleaned.count(".") > 1:
        return cleaned.replace(".", "")
    return cleaned


def parse_number(text: str) -> float:
    """Parse "1.234,5" or "1234.5" or "1234,5"; raise ValueError otherwise."""
    return float(decimal_text(text))
