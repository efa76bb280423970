"""German number and date formats for PDFs, exports and the console (the UI uses QLocale).

One place, so that 1.234,5 and 21.11.2026 look the same everywhere outside Qt.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal


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


def to_cents(value: float | int | str | Decimal) -> int:
    """Euros → whole cents, half a cent rounded away from zero (the one rounding rule for money).

    Floats go through their shortest decimal text, so 0.1 + 0.2 counts as 30 cents, not 30,0000…4.
    """
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    return int((amount * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def from_cents(cents: int) -> float:
    """Whole cents → euros as stored in the project file (always exactly two decimals)."""
    return float(Decimal(int(cents)) / 100)


def format_money(value: float | None, decimals: int = 0) -> str:
    """12345 → "12.345 €"; an amount with cents keeps them (12.345,67 €), never rounded away."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    cents = to_cents(value)
    if decimals == 0 and cents % 100:
        decimals = 2
    return f"{format_number(cents / 100, decimals)} €"


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


def parse_number(text: str) -> float:
    """Parse "1.234,5" or "1234.5" or "1234,5"; raise ValueError otherwise."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        raise ValueError("leer")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", "")
    return float(cleaned)


def parse_money(text: str) -> float:
    """Euros typed the German way: "45.000" is forty-five thousand (never 45,0), "19.500,50"
    and "19500.5" as expected; rounded to whole cents. ValueError otherwise."""
    import re

    cleaned = text.replace("€", "").strip().replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")
    return from_cents(to_cents(parse_number(cleaned)))
