"""The small part of Markdown our German method text uses, turned into reportlab flowables.

Headings (#, ##, ###), paragraphs, numbered and bulleted lists, block quotes, pipe tables,
**bold**, *italic*, `code` and the HTML tags <sub>/<sup>. Text is escaped first, so nothing
in the file can inject other reportlab markup.
"""

from __future__ import annotations

import re
from importlib import resources

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Spacer, Table, TableStyle

from k360desk.export.pdf.base import FRAME_WIDTH, esc, styles, table_style

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_CODE = re.compile(r"`([^`]+)`")
_TAG = re.compile(r"&lt;(/?)(sub|sup)&gt;")
_LIST = re.compile(r"^\s*(?:[-*]|\d+\.)\s+")
HEADING_ROOM = 28 * mm


def inline(text: str) -> str:
    """Escape a line of Markdown and turn its inline marks into reportlab markup."""
    out = esc(text)
    out = _TAG.sub(r"<\1\2>", out)
    out = _BOLD.sub(r"<b>\1</b>", out)
    out = _ITALIC.sub(r"<i>\1</i>", out)
    out = _CODE.sub(r'<font name="Courier">\1</font>', out)
    return out


def method_text() -> str:
    """The analysis engine's German method description shipped with the package."""
    return resources.files("k360desk").joinpath("resources/docs/methods.md").read_text(encoding="utf-8")


def to_flowables(text: str, *, heading_offset: int = 0) -> list:
    """Flowables for a Markdown text (headings shifted by ``heading_offset`` levels)."""
    st = styles()
    heads = [st["h1"], st["h1"], st["h2"], st["h3"]]
    out: list = []
    para: list[str] = []
    items: list[tuple[str, str]] = []
    table: list[list[str]] = []

    def flush() -> None:
        nonlocal para, items, table
        if para:
            style = st["quote"] if para[0].startswith(">") else st["body"]
            lines = [p.lstrip("> ").strip() if p.startswith(">") else p.strip() for p in para]
            out.append(Paragraph(inline(" ".join(lines)), style))
            out.append(Spacer(1, 4))
        for bullet, item in items:
            out.append(Paragraph(inline(item), st["bullet"], bulletText=bullet))
        if items:
            out.append(Spacer(1, 4))
        if table:
            out.append(_table(table, st))
            out.append(Spacer(1, 5))
        para, items, table = [], [], []

    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if line.startswith("#"):
            flush()
            level = min(len(line) - len(line.lstrip("#")) + heading_offset, 3)
            # A heading needs room for a few lines of its text below it, else it opens the
            # next page (a heading alone at the foot of a page reads as the end of a section).
            out.append(CondPageBreak(HEADING_ROOM))
            out.append(Paragraph(inline(line.lstrip("#").strip()), heads[level]))
            continue
        if line.lstrip().startswith("|"):
            if para or items:
                flush()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(set(c) <= set("-: ") for c in cells):
                table.append(cells)
            continue
        match = _LIST.match(line)
        if match:
            if para:
                flush()
            marker = match.group(0).strip()
            items.append(("•" if marker in ("-", "*") else marker, line[match.end() :]))
            continue
        if items and raw.startswith("  "):
            bullet, item = items[-1]
            items[-1] = (bullet, f"{item} {line.strip()}")
            continue
        para.append(line)
    flush()
    return out


def _table(rows: list[list[str]], st) -> Table:
    width = len(rows[0])
    rows = [r + [""] * (width - len(r)) for r in rows]
    body = [
        [Paragraph(inline(c), st["cell_head"] if i == 0 else st["cell"]) for c in r[:width]]
        for i, r in enumerate(rows)
    ]
    first = min(55 * mm, FRAME_WIDTH / width)
    widths = (
        [first] + [(FRAME_WIDTH - first) / max(width - 1, 1)] * (width - 1) if width > 1 else [FRAME_WIDTH]
    )
    table = Table(body, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(table_style()))
    return table
