"""Long addresses (e-mail, web) broken where a reader expects it: after "@", "/" or "-" and
before ".", never inside a name; reportlab would otherwise cut them at any letter."""

from __future__ import annotations

import re

from reportlab.pdfbase.pdfmetrics import stringWidth

from k360desk.export.pdf.base import esc

_SEAM = re.compile(r"(?<=[@/-])|(?=\.)")


def break_at_seams(text: str, font: str, size: float, width: float) -> str:
    """Paragraph markup of ``text`` (escaped) with line breaks at seams where it is too wide."""
    if not text or stringWidth(text, font, size) <= width:
        return esc(text)
    lines: list[str] = []
    line = ""
    for piece in (p for p in _SEAM.split(text) if p):
        if line and stringWidth(line + piece, font, size) > width:
            lines.append(line)
            line = piece
        else:
            line += piece
    lines.append(line)
    return "<br/>".join(esc(x) for x in lines)
