"""Money: whole cents in the project file and in every sum, euros only where people read or type.

The one rounding rule: an amount is rounded to whole cents, half a cent away from zero (half up
for the positive amounts of funding). Display, ranking, budget checks and the file all use it.
The store keeps every money column as INTEGER cents (schema step 5); the record and frame
readers hand the rest of the app euros with exactly two decimals, and the writers turn them
back into cents here, so no float ever reaches the file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

# Every column that holds money, by table. Add a column here and the store converts it.
MONEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "decision_rules": ("max_amount",),
    "round_budgets": ("amount",),
    "application_amounts": ("requested", "awarded"),
    "payments": ("amount",),
    "usage_reports": ("unspent",),
    "applications": ("total_costs", "own_share", "other_funding"),
    "revocations": ("revoked_amount", "eligible", "claim"),
    "proof_lines": ("planned", "spent"),
}


def to_cents(value: float | int | str | Decimal) -> int:
    """Euros → whole cents, half a cent rounded away from zero (the one rounding rule for money).

    Floats go through their shortest decimal text, so 0.1 + 0.2 counts as 30 cents, not 30,0000…4.
    """
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    return int((amount * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def from_cents(cents: int) -> float:
    """Whole cents → euros (the nearest float to the two-decimal amount)."""
    return float(Decimal(int(cents)) / 100)


def sum_cents(values: Iterable[float | int | None]) -> int:
    """Exact sum of euro amounts in cents (missing amounts count as nothing)."""
    return sum(to_cents(v) for v in values if not _missing(v))


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def store_value(value: Any) -> Any:
    """A euro amount as the file keeps it (integer cents); None stays None."""
    if _missing(value):
        return None
    return to_cents(value)


def shown_value(value: Any) -> Any:
    """An amount read from the file (integer cents) as euros; None stays None."""
    if _missing(value):
        return None
    return from_cents(int(value))


def columns_of(table: str) -> tuple[str, ...]:
    """The money columns of a table (empty for tables without money)."""
    return MONEY_COLUMNS.get(table, ())


def row_to_store(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """A row of euros as the file keeps it."""
    money = columns_of(table)
    return {k: (store_value(v) if k in money else v) for k, v in row.items()}


def row_from_store(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """A row read from the file with its money in euros."""
    money = columns_of(table)
    return {k: (shown_value(v) if k in money else v) for k, v in row.items()}


def frame_from_store(table: str, frame):  # pandas.DataFrame in and out
    """A frame read from the file with its money columns in euros (float, NaN for none)."""
    return euros(frame, *(c for c in columns_of(table) if c in frame.columns))


def euros(frame, *columns: str):  # pandas.DataFrame in and out
    """Columns of a frame that a query read as cents (sums included) turned into euros."""
    for column in columns:
        frame[column] = (frame[column].astype("float64") / 100).round(2)
    return frame


def format_money(value: float | None, decimals: int = 0) -> str:
    """12345 → "12.345 €"; an amount with cents keeps them (12.345,67 €), never rounded away."""
    from k360desk.formats import format_number

    if _missing(value):
        return "–"
    cents = to_cents(value)
    if decimals == 0 and cents % 100:
        decimals = 2
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    # Built from the integer cents, so no float rounding can show a cent that is not there.
    whole = format_number(euros, 0)
    return f"{sign}{whole},{rest:02d} €" if decimals else f"{sign}{whole} €"


def format_cents(cents: int) -> str:
    """Whole cents as German euros ("30.000 €", "12.345,67 €")."""
    return format_money(from_cents(cents))


def parse_money(text: str) -> float:
    """Euros typed the German way: "45.000" is forty-five thousand (never 45,0), "19.500,50"
    and "19500.5" as expected; rounded to whole cents. ValueError otherwise."""
    return from_cents(parse_cents(text))


def parse_cents(text: str) -> int:
    """Like :func:`parse_money`, but the whole cents."""
    from k360desk.formats import decimal_text, parse_number

    cleaned = str(text).replace("€", "").strip().replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")  # "45.000" is forty-five thousand euros
    cleaned = decimal_text(cleaned)
    try:
        amount = Decimal(cleaned)
    except ArithmeticError:
        amount = Decimal(str(parse_number(cleaned)))  # raises ValueError for what is no number
    if not amount.is_finite():
        raise ValueError(f"kein Geldbetrag: {text}")
    return to_cents(amount)
