"""Column specs and German value formatting shared by table models, delegates and forms."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt

RAW_ROLE = Qt.ItemDataRole.UserRole + 1
"""The stored value (number, id, ISO date) beside the display text; proxies sort on it."""
ID_ROLE = Qt.ItemDataRole.UserRole + 2
"""The record id of the row."""
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
"""All display texts of a row in lower case (column 0 only), for the filter line edit."""

KINDS = ("text", "int", "number", "date", "choice", "bool")

_LOCALE: QLocale | None = None


def german_locale() -> QLocale:
    """The German locale used for every number and date in the editors."""
    global _LOCALE
    if _LOCALE is None:
        _LOCALE = QLocale(QLocale.Language.German, QLocale.Country.Germany)
        _LOCALE.setNumberOptions(QLocale.NumberOption.DefaultNumberOptions)
    return _LOCALE


@dataclass
class Column:
    """One column of a record table (and one field of its form).

    ``kind``: text, int, number, date, choice (a linked record or a fixed list), bool.
    ``choices``: for kind choice, a key under which the page supplies (value, label) pairs
    (e.g. "levels"), resolved through ``RecordTableModel.set_choices``.
    ``validator``: takes the new raw value, returns a German message or None.
    """

    field: str
    header: str
    kind: str = "text"
    editable: bool = True
    choices: str | None = None
    decimals: int = 1
    width: int = 0
    validator: Callable[[Any], str | None] | None = None
    required: bool = False
    source: str | None = None
    """Frame column to read the value from (default: ``field``)."""
    multiline: bool = False
    in_table: bool = True
    in_form: bool = True
    description: str = ""
    """Accessible description and tooltip of the field."""
    priority: int | None = None
    """0 key (always shown), 1 normal, 2 hidden first on a narrow screen; None: guessed
    from the field (see ``ui/column_fit.py``)."""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(self.kind)


def is_missing(value: Any) -> bool:
    """None, NaN and pandas' NA count as empty."""
    if value is None:
        return True
    try:
        return isinstance(value, float) and math.isnan(value)
    except TypeError:
        return False


def format_value(column: Column, value: Any, labels: dict[Any, str] | None = None) -> str:
    """The German display text of a raw value."""
    if is_missing(value):
        return ""
    locale = german_locale()
    kind = column.kind
    if kind == "number":
        return locale.toString(float(value), "f", column.decimals)
    if kind == "int":
        return str(int(value))
    if kind == "date":
        return format_date(value)
    if kind == "choice":
        return (labels or {}).get(value, "" if value in ("", None) else str(value))
    if kind == "bool":
        return ""
    return str(value)


def format_date(value: Any) -> str:
    """ISO text or date → "21.11.2026"."""
    if isinstance(value, date):
        value = value.isoformat()
    qdate = QDate.fromString(str(value)[:10], Qt.DateFormat.ISODate)
    return qdate.toString("dd.MM.yyyy") if qdate.isValid() else str(value)


def parse_german_number(text: str) -> float | None:
    """Parse "1.234,5", "1234,5", "-3" (German) or "1234.5"; None if it is no number."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        return None
    value, ok = german_locale().toDouble(cleaned)
    if ok:
        return value
    # A point with one to two or more than three decimals is a decimal point (copied from
    # an English source); "1.234" stays a thousands separator as Germans read it.
    if cleaned.count(".") == 1 and "," not in cleaned:
        try:
            return float(cleaned)
        except ValueError:
            return None
    return None


def parse_value(column: Column, text: str) -> tuple[Any, str | None]:
    """Turn edited text into a raw value: (value, None) or (None, German error message)."""
    text = text.strip()
    if column.kind == "number":
        if not text:
            return None, None
        value = parse_german_number(text)
        if value is None:
            return None, QCoreApplication.translate(
                "editors", "„%1“ ist keine Zahl (Beispiel: 1.234,5).").replace("%1", text)
        return value, None
    if column.kind == "int":
        if not text:
            return None, None
        try:
            return int(text.replace(".", "")), None
        except ValueError:
            return None, QCoreApplication.translate(
                "editors", "„%1“ ist keine ganze Zahl.").replace("%1", text)
    if column.kind == "date":
        if not text:
            return None, None
        qdate = QDate.fromString(text, "dd.MM.yyyy")
        if not qdate.isValid():
            qdate = QDate.fromString(text, Qt.DateFormat.ISODate)
        if not qdate.isValid():
            return None, QCoreApplication.translate(
                "editors", "„%1“ ist kein Datum (Beispiel: 21.11.2026).").replace("%1", text)
        return qdate.toString(Qt.DateFormat.ISODate), None
    return text, None


def check_value(column: Column, value: Any) -> str | None:
    """The column's own checks: required fields and its validator."""
    if column.required and (is_missing(value) or value == ""):
        return QCoreApplication.translate(
            "editors", "„%1“ darf nicht leer sein.").replace("%1", column.header)
    if column.validator is not None:
        return column.validator(value)
    return None
