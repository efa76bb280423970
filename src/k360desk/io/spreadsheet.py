"""Tables for colleagues without the app: CSV that German Excel opens correctly, and XLSX.

CSV: UTF-8 with BOM (Excel then detects the encoding), semicolons, decimal comma. Cells
that start with ``=``, ``+``, ``-``, ``@`` (or a tab/carriage return) are neutralised with
a leading apostrophe, so a name like ``=HYPERLINK(...)`` from someone else's data can never
become a formula in a colleague's spreadsheet. Negative numbers stay numbers.
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

# OWASP's list, plus the full-width forms that Excel in East Asian locales also reads
# as the start of a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(text: str) -> str:
    """Prefix text that a spreadsheet would read as a formula with an apostrophe."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_report_csv(path: str | Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write a report as CSV for German Excel; every text cell is neutralised, so content
    copied from someone else's file can never become a live formula."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow([neutralise(str(c)) for c in header])
        for row in rows:
            writer.writerow(["" if v is None else v if isinstance(v, int) else neutralise(str(v))
                             for v in row])


def _cell(value: object, decimals: int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if decimals is None:
            # Six decimals hide binary noise (220 / 2200 × 100 = 10.000000000000002).
            text = f"{value:.6f}".rstrip("0").rstrip(".")
            text = "0" if text in ("-0", "") else text
        else:
            text = f"{value:.{decimals}f}"
        return text.replace(".", ",")
    if hasattr(value, "item"):  # numpy scalars
        return _cell(value.item(), decimals)
    return neutralise(str(value))


def write_csv(frame: pd.DataFrame, path: str | Path, decimals: dict[str, int] | None = None) -> None:
    """Write a frame as CSV for German Excel, atomically (temporary file, then replace)."""
    path = Path(path)
    decimals = decimals or {}
    tmp = path.with_name(f".{path.name}.tmp")
    columns = list(frame.columns)
    with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow([neutralise(str(c)) for c in columns])
        for row in frame.itertuples(index=False, name=None):
            writer.writerow([_cell(v, decimals.get(c)) for c, v in zip(columns, row, strict=True)])
    os.replace(tmp, path)


def write_xlsx(sheets: dict[str, pd.DataFrame], path: str | Path,
               number_formats: dict[str, str] | None = None, widths: Sequence[int] | None = None) -> None:
    """Write one or more frames as sheets of an XLSX workbook, atomically.

    Text cells are stored as text (never as formulas); numbers keep a German-friendly
    number format (Excel shows the decimal comma by the user's locale). Linear in size.
    """
    from k360desk.io.xlsx import write_workbook

    write_workbook(sheets, path, number_formats, widths)
