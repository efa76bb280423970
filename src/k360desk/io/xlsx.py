"""A streaming XLSX writer: time and memory linear in the number of cells.

openpyxl keeps every cell as an object and, the way we used it, looked up the last row
once per appended row, so a city-scale export (1 M values) would not finish. Tables we
export are plain (a header, text and numbers, one number format per column), so the
sheet XML is written straight into the zip, column by column prepared in bulk.

Text cells are inline strings, never formulas; text that a spreadsheet would read as a
formula if retyped or saved as CSV (OWASP: ``= + - @`` tab, CR) carries Excel's
"quote prefix" style, the native form of a leading apostrophe.
"""

from __future__ import annotations

import math
import os
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import numpy as np
import pandas as pd

MAX_ROWS = 1_048_576  # Excel's limit per sheet, header included
MAX_TEXT = 32_767  # Excel's limit per cell
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPED_LOOKALIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

_STYLE_HEADER, _STYLE_QUOTED = 1, 2
_FIRST_NUMBER_STYLE = 3


def _text_xml(text: str) -> str:
    text = text[:MAX_TEXT]
    if "_x" in text:  # Excel would decode "_x0041_" as "A"; its own escape keeps it literal
        text = _ESCAPED_LOOKALIKE.sub(r"_x005F_\1", text)
    text = _ILLEGAL.sub("\ufffd", text)
    style = f' s="{_STYLE_QUOTED}"' if text.startswith(_FORMULA_START) else ""
    return f'<c t="inlineStr"{style}><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def _column_cells(values: pd.Series, style: int) -> list[str]:
    """The XML of one column's cells (without cell references, in row order)."""
    s = f' s="{style}"' if style else ""
    empty = "<c/>"
    if pd.api.types.is_bool_dtype(values):
        return [f'<c t="b"{s}><v>{int(v)}</v></c>' for v in values.to_numpy()]
    if pd.api.types.is_integer_dtype(values):
        return [f"<c{s}><v>{v}</v></c>" for v in values.to_numpy().tolist()]
    if pd.api.types.is_float_dtype(values):
        return [empty if not math.isfinite(v) else f"<c{s}><v>{v!r}</v></c>"
                for v in values.to_numpy(dtype=float).tolist()]
    # Exported text repeats a lot (names, units, status): each distinct value is encoded once.
    encoded: dict[object, str] = {}
    cells = []
    for v in values.to_numpy(dtype=object).tolist():
        cell = encoded.get(v) if isinstance(v, str) else None
        if cell is None:
            cell = _object_cell(v, s)
            if isinstance(v, str):
                encoded[v] = cell
        cells.append(cell)
    return cells


def _object_cell(v: object, s: str) -> str:
    if v is None or v is pd.NA or v is pd.NaT:
        return "<c/>"
    if isinstance(v, bool | np.bool_):
        return f'<c t="b"{s}><v>{int(v)}</v></c>'
    if isinstance(v, float | np.floating):
        return f"<c{s}><v>{float(v)!r}</v></c>" if math.isfinite(v) else "<c/>"
    if isinstance(v, int | np.integer):
        return f"<c{s}><v>{int(v)}</v></c>"
    return _text_xml(str(v))


def _letters(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _sheet_name(title: str, used: set[str]) -> str:
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in title).strip("'")[:31] or "Tabelle"
    name, number = cleaned, 2
    while name.lower() in used:
        suffix = f" ({number})"
        name, number = cleaned[:31 - len(suffix)] + suffix, number + 1
    used.add(name.lower())
    return name


def _write_sheet(handle, frame: pd.DataFrame, styles: list[int], widths: list[float]) -> None:
    head = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2"'
            ' activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>']
    head += [f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
             for i, w in enumerate(widths, start=1)]
    head.append('</cols><sheetData><row r="1">')
    for i, column in enumerate(frame.columns):
        cell = _text_xml(str(column)).replace("<c ", f'<c r="{_letters(i)}1" s="{_STYLE_HEADER}" ', 1)
        head.append(cell.replace(f' s="{_STYLE_QUOTED}"', ""))
    head.append("</row>")
    handle.write("".join(head).encode("utf-8"))
    chunk = 50_000  # bounded memory: a chunk of rows is prepared column by column
    for start in range(0, len(frame), chunk):
        part = frame.iloc[start:start + chunk]
        columns = [_column_cells(part.iloc[:, i], styles[i]) for i in range(part.shape[1])]
        rows = [f'<row r="{start + n + 2}">{"".join(cells)}</row>'
                for n, cells in enumerate(zip(*columns, strict=True))]
        handle.write("".join(rows).encode("utf-8"))
    handle.write(b"</sheetData></worksheet>")


def _styles_xml(formats: list[str]) -> str:
    numfmts = "".join(f'<numFmt numFmtId="{164 + i}" formatCode={quoteattr(f)}/>'
                      for i, f in enumerate(formats))
    xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
           '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
           '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>']
    xfs += [f'<xf numFmtId="{164 + i}" fontId="0" fillId="0" borderId="0" xfId="0"'
            ' applyNumberFormat="1"/>' for i in range(len(formats))]
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<numFmts count="{len(formats)}">{numfmts}</numFmts>'
            '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '</styleSheet>')


def write_workbook(sheets: dict[str, pd.DataFrame], path: str | Path,
                   number_formats: dict[str, str] | None = None,
                   widths: Sequence[int] | None = None) -> None:
    """Write frames as sheets of an XLSX workbook, atomically (temporary file, then replace).

    A frame longer than Excel's row limit continues on further sheets ("Titel (2)" …).
    """
    path = Path(path)
    number_formats = number_formats or {}
    formats = sorted(set(number_formats.values()))
    parts: list[tuple[str, pd.DataFrame]] = []
    used: set[str] = set()
    for title, frame in sheets.items():
        step = MAX_ROWS - 1
        for start in range(0, max(len(frame), 1), step):
            parts.append((_sheet_name(title, used), frame.iloc[start:start + step]))
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
            book.writestr("[Content_Types].xml", _content_types(len(parts)))
            book.writestr("_rels/.rels", _ROOT_RELS)
            book.writestr("xl/workbook.xml", _workbook_xml([name for name, _f in parts]))
            book.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(parts)))
            book.writestr("xl/styles.xml", _styles_xml(formats))
            for number, (_name, frame) in enumerate(parts, start=1):
                styles = [(_FIRST_NUMBER_STYLE + formats.index(number_formats[str(c)]))
                          if str(c) in number_formats else 0 for c in frame.columns]
                col_widths = [float(widths[i]) if widths and i < len(widths) and widths[i]
                              else float(min(60, max(10, len(str(c)) + 2)))
                              for i, c in enumerate(frame.columns)]
                with book.open(f"xl/worksheets/sheet{number}.xml", "w", force_zip64=True) as handle:
                    _write_sheet(handle, frame, styles, col_widths)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


_MAIN = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              f'<Relationship Id="rId1" Type="{_MAIN}/officeDocument" Target="xl/workbook.xml"/>'
              '</Relationships>')


def _content_types(sheets: int) -> str:
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, sheets + 1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
            f'officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>')


def _workbook_xml(names: list[str]) -> str:
    sheets = "".join(f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>'
                     for i, name in enumerate(names, start=1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
            f' xmlns:r="{_MAIN}"><sheets>{sheets}</sheets></workbook>')


def _workbook_rels(sheets: int) -> str:
    rels = "".join(f'<Relationship Id="rId{i}" Type="{_MAIN}/worksheet"'
                   f' Target="worksheets/sheet{i}.xml"/>' for i in range(1, sheets + 1))
    styles = f'<Relationship Id="rId{sheets + 1}" Type="{_MAIN}/styles" Target="styles.xml"/>'
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{rels}{styles}</Relationships>")
