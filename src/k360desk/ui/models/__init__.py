"""Table models for the editors: thin, fast, filled in bulk from frames; no SQL in data()."""

from k360desk.ui.models.columns import ID_ROLE, RAW_ROLE, SEARCH_ROLE, Column, german_locale
from k360desk.ui.models.grid import GridProxy, ValuesGridModel
from k360desk.ui.models.table import RecordFilterProxy, RecordTableModel

__all__ = [
    "ID_ROLE", "RAW_ROLE", "SEARCH_ROLE", "Column", "RecordFilterProxy", "RecordTableModel",
    "GridProxy", "ValuesGridModel", "german_locale",
]
