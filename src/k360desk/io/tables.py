"""Reading CSV and XLSX tables as office exports come: encodings, separators, notes, merges."""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from k360desk.io.numbers import style_counts
from k360desk.io.report import ImportProblem
from k360desk.progress import NO_PROGRESS, Progress

SEPARATORS = {";": "Semikolon", ",": "Komma", "\t": "Tabulator", "|": "senkrechter Strich"}
ENCODINGS = {"utf-8-sig": "UTF-8 mit BOM", "utf-8": "UTF-8", "cp1252": "Windows-1252 (ANSI)"}
_CHUNK = 1 << 20
_MOJIBAKE = ("Ã¤", "Ã¶", "Ã¼", "ÃŸ", "Ã„", "Ã–", "Ãœ", "Ã©")


@dataclass
class TableOptions:
    """How to read a table; None means detect."""

    encoding: str | None = None
    sep: str | None = None
    decimal: str | None = None
    sheet: str | None = None
    header_row: int | None = None  # 1-based line of the header


@dataclass
class Table:
    """A table as text cells with the source line of every row and what was detected."""

    frame: pd.DataFrame
    lines: np.ndarray
    kind: str  # 'csv' or 'xlsx'
    encoding: str = ""
    sep: str = ""
    decimal: str = ","
    header_line: int = 1
    notes: list[str] = field(default_factory=list)  # note rows above the header
    warnings: list[str] = field(default_factory=list)

    def describe(self) -> list[str]:
        """The detected options in German, for preview and report."""
        parts = []
        if self.kind == "csv":
            parts.append(f"Zeichenkodierung: {ENCODINGS.get(self.encoding, self.encoding)}")
            parts.append(f"Trennzeichen: {SEPARATORS.get(self.sep, repr(self.sep))}")
        parts.append("Zahlformat: " + ("deutsch (1.234,5)" if self.decimal == "," else "englisch (1234.5)"))
        parts.append(f"Kopfzeile: Zeile {self.header_line}")
        if self.notes:
            parts.append("Anmerkungen über der Kopfzeile: " + " | ".join(self.notes)[:300])
        return parts + self.warnings


def is_table(path: Path) -> bool:
    """True for files this module reads."""
    return path.suffix.lower() in (".csv", ".txt", ".tsv", ".xlsx", ".xlsm")


def read_table(path: str | Path, options: TableOptions | None = None,
               progress: Progress = NO_PROGRESS, nrows: int | None = None) -> Table:
    """Read a CSV or XLSX file (all of it, or the first ``nrows`` data rows for a preview)."""
    path = Path(path)
    options = options or TableOptions()
    if not path.exists():
        raise ImportProblem(f"Die Datei „{path}“ gibt es nicht.")
    if path.stat().st_size == 0:
        raise ImportProblem(f"Die Datei „{path.name}“ ist leer.")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        table = _read_xlsx(path, options, nrows)
    elif path.suffix.lower() == ".xls":
        raise ImportProblem("Alte Excel-Dateien (.xls) bitte in Excel als .xlsx speichern.")
    else:
        table = _read_csv(path, options, progress, nrows)
    if table.frame.empty:
        raise ImportProblem(f"Die Datei „{path.name}“ enthält nur die Kopfzeile und keine Daten.")
    if options.decimal:
        table.decimal = options.decimal
    else:
        german = english = 0
        sample = table.frame.head(2000)
        for column in sample.columns:
            g, e = style_counts(sample[column])
            german, english = german + g, english + e
        table.decimal = "," if german > english else "." if english > german else (
            "," if table.sep in (";", "") else ".")
    return table


# --- CSV ---------------------------------------------------------------------------------

def detect_encoding(path: Path) -> tuple[str, int]:
    """Return (encoding, number of lines): UTF-8 with/without BOM if valid, else cp1252."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    encoding = "utf-8"
    lines = 0
    with open(path, "rb") as handle:
        first = handle.read(3)
        if first == codecs.BOM_UTF8:
            encoding = "utf-8-sig"
        handle.seek(0)
        while chunk := handle.read(_CHUNK):
            lines += chunk.count(b"\n")
            if encoding != "cp1252":
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    encoding = "cp1252"
    return encoding, lines + 1


def _check_encoding(path: Path, encoding: str) -> None:
    """Raise a clear message if the file cannot be read in the encoding the user chose."""
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ImportProblem(
            f"Die Datei lässt sich nicht als {ENCODINGS.get(encoding, encoding)} lesen "
            f"(Zeile {line}, Byte 0x{data[exc.start]:02X}). Bitte eine andere Zeichenkodierung "
            "wählen, meist „Windows-1252 (ANSI)“.") from exc


def _sniff(lines: list[str], sep: str | None) -> tuple[str, list[list[str]]]:
    """Pick the separator that splits most lines into the same number of fields."""
    candidates = [sep] if sep else [";", "\t", ",", "|"]
    best: tuple[float, str, list[list[str]]] | None = None
    for candidate in candidates:
        rows = list(csv.reader(lines, delimiter=candidate))
        widths = [len(r) for r in rows if any(c.strip() for c in r)]
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        score = (count / len(widths)) * (width > 1) + (width > 1) * 0.01 * min(width, 20)
        if best is None or score > best[0] + 1e-9:
            best = (score, candidate, rows)
    if best is None:
        raise ImportProblem("Die Datei ist leer.")
    return best[1], best[2]


def _header_like(cell: Any) -> bool:
    if cell is None:
        return False
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return float(cell).is_integer() and 1800 <= cell <= 2200
    text = str(cell).strip()
    if not text:
        return False
    digits = text.replace(".", "").replace(",", "").replace("-", "").replace(" ", "")
    return not digits.isdigit() or (len(digits) == 4 and 1800 <= int(digits) <= 2200)


def find_header(rows: list[list[Any]]) -> int:
    """Index of the header row: the first wide row of mostly text above the data."""
    filled = [sum(1 for c in r if c is not None and str(c).strip()) for r in rows]
    wide = [f for f in filled if f >= 2]
    if not wide:
        return 0
    width = Counter(wide).most_common(1)[0][0]
    width = max(width, max(wide) if max(wide) <= width + 2 else width)
    for index, row in enumerate(rows):
        if filled[index] >= max(2, (width + 1) // 2):
            cells = [c for c in row if c is not None and str(c).strip()]
            if sum(_header_like(c) for c in cells) >= 0.8 * len(cells):
                return index
    return 0


def _read_csv(path: Path, options: TableOptions, progress: Progress, nrows: int | None) -> Table:
    detected, total_lines = detect_encoding(path)
    encoding = options.encoding or detected
    if options.encoding and options.encoding.replace("-sig", "") != detected.replace("-sig", ""):
        _check_encoding(path, encoding)
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        head = [line for _, line in zip(range(200), handle, strict=False)]
    if not any(line.strip() for line in head):
        raise ImportProblem(f"Die Datei „{path.name}“ ist leer.")
    sep, rows = _sniff(head, options.sep)
    header = options.header_row - 1 if options.header_row else find_header(rows)
    notes = [" ".join(c.strip() for c in r if c.strip()) for r in rows[:header] if any(c.strip() for c in r)]
    table = Table(pd.DataFrame(), np.array([], dtype=int), "csv", encoding=encoding, sep=sep,
                  header_line=header + 1, notes=notes)
    text = "".join(head)
    if encoding.startswith("cp") and any(m in text for m in _MOJIBAKE):
        table.warnings.append("Achtung: Die Umlaute sehen nach UTF-8 aus – bitte Zeichenkodierung prüfen.")
    names = _column_names(rows[header] if header < len(rows) else [])
    reader = pd.read_csv(
        path, sep=sep, encoding=encoding, encoding_errors="replace", dtype=str,
        keep_default_na=False, header=None, skiprows=header + 1, names=names,
        skip_blank_lines=False, chunksize=100_000, nrows=nrows, engine="c",
        index_col=False)
    chunks, done = [], 0
    total = max(total_lines - header - 1, 1)
    try:
        for chunk in reader:
            chunks.append(chunk)
            done += len(chunk)
            progress.step(min(done, total), total, "Datei lesen …")
    except pd.errors.ParserError as exc:
        import re

        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if found:
            expected, line, saw = found.groups()
            raise ImportProblem(f"Zeile {line} hat {saw} Spalten, die Kopfzeile aber {expected} – "
                                "bitte Trennzeichen und Anführungszeichen prüfen.") from exc
        raise ImportProblem(f"Die Datei ist keine gleichmäßige Tabelle ({exc}).") from exc
    frame = pd.concat(chunks, ignore_index=True) if chunks else pd.DataFrame(columns=names)
    lines = np.arange(len(frame)) + header + 2
    # Blank lines stay in (skip_blank_lines=False) so that line numbers match the file.
    first = frame.iloc[:, 0].fillna("").to_numpy(dtype=object) if len(frame.columns) else np.array([])
    maybe = np.flatnonzero((first == "") | (first == " "))
    if len(maybe):
        sub = frame.iloc[maybe]
        blank = sub.apply(lambda c: c.fillna("").astype(str).str.strip() == "").all(axis=1).to_numpy()
        drop = np.zeros(len(frame), dtype=bool)
        drop[maybe[blank]] = True
        if drop.any():
            frame, lines = frame[~drop].reset_index(drop=True), lines[~drop]
    table.frame, table.lines = frame, lines
    return table


def _column_names(cells: list[Any]) -> list[str]:
    names: list[str] = []
    for index, cell in enumerate(cells):
        name = "" if cell is None else str(cell).strip()
        if isinstance(cell, float) and cell.is_integer():
            name = str(int(cell))
        name = " ".join(name.split()) or f"Spalte {index + 1}"
        base, n = name, 2
        while name in names:
            name, n = f"{base} ({n})", n + 1
        names.append(name)
    return names


# --- XLSX --------------------------------------------------------------------------------

def list_sheets(path: str | Path) -> list[str]:
    """Names of the worksheets of a workbook."""
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def _read_xlsx(path: Path, options: TableOptions, nrows: int | None) -> Table:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for broken files
        raise ImportProblem(f"Die Excel-Datei „{path.name}“ lässt sich nicht lesen ({exc}).") from exc
    if options.sheet:
        if options.sheet not in workbook.sheetnames:
            raise ImportProblem(f"Das Tabellenblatt „{options.sheet}“ gibt es nicht "
                                f"(vorhanden: {', '.join(workbook.sheetnames)}).")
        sheet = workbook[options.sheet]
    else:
        sheet = next((ws for ws in workbook.worksheets if ws.max_row > 1), workbook.worksheets[0])
    grid = [list(r) for r in sheet.iter_rows(values_only=True)]
    if not any(any(c is not None and str(c).strip() for c in r) for r in grid):
        raise ImportProblem(f"Das Tabellenblatt „{sheet.title}“ ist leer.")
    wide_merges: set[int] = set()
    for merged in sheet.merged_cells.ranges:
        value = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, merged.max_row):
            for c in range(merged.min_col - 1, merged.max_col):
                grid[r][c] = value
        if merged.max_col > merged.min_col:
            wide_merges.update(range(merged.min_row - 1, merged.max_row))
    for row in grid:
        for i, cell in enumerate(row):
            if isinstance(cell, str):
                row[i] = cell.strip()
    header = options.header_row - 1 if options.header_row else find_header(grid)
    notes = [" ".join(str(c) for c in r if c is not None and str(c).strip()) for r in grid[:header]]
    names_row = list(grid[header])
    first_data = header + 1
    # A header cell merged across columns ("Einwohner" over 2021, 2022) has its details below.
    if header in wide_merges and first_data < len(grid):
        below = grid[first_data]
        if all(_header_like(c) or c is None for c in below):
            names_row = [_join(top, low) for top, low in zip(names_row, below, strict=False)]
            first_data += 1
    names = _column_names(names_row)
    body = grid[first_data:first_data + nrows if nrows else None]
    frame = pd.DataFrame([r[:len(names)] + [None] * (len(names) - len(r)) for r in body],
                         columns=names, dtype=object)
    lines = np.arange(len(frame)) + first_data + 1
    if len(frame):
        blank = frame.map(lambda v: v is None or (isinstance(v, str) and not v)).all(axis=1).to_numpy()
        frame, lines = frame[~blank].reset_index(drop=True), lines[~blank]
    workbook.close()
    return Table(frame, lines, "xlsx", header_line=header + 1,
                 notes=[n for n in notes if n], sep="")


def _join(top: Any, low: Any) -> Any:
    top_text = "" if top is None else str(top).strip()
    low_text = "" if low is None else (str(int(low)) if isinstance(low, float) and low.is_integer()
                                       else str(low).strip())
    if not low_text or low_text == top_text:
        return top_text
    return f"{top_text} {low_text}".strip()


def read_text_preview(path: str | Path, encoding: str, limit: int = 20) -> str:
    """The first lines of a text file as they would be read (for the preview)."""
    with io.open(path, encoding=encoding, errors="replace") as handle:
        return "".join(line for _, line in zip(range(limit), handle, strict=False))
