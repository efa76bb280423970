"""Paragraphs whose text recurs on every profile of a book (indicator names, column heads,
headings, the notes under the tables): parsed and broken into lines once per process and
style, then only drawn. A book of 550 profiles parsed and wrapped the same few hundred texts
550 times over."""

from __future__ import annotations

from reportlab.platypus import Paragraph

_LIMIT = 20_000  # texts kept; a long session of many books starts over beyond it
_parsed: dict[tuple[str, int], tuple] = {}
_wrapped: dict[tuple[str, int, float], tuple] = {}


class RecurringParagraph(Paragraph):
    """A ``Paragraph`` that shares its parsed text and its line breaks with every earlier one
    of the same text, style and width (neither is changed by drawing)."""

    def __init__(self, text: str, style) -> None:
        # The style object is kept with the entry, so its id cannot name another style later.
        key = (text, id(style))
        hit = _parsed.get(key)
        if hit is not None:
            super().__init__(text, hit[0], frags=hit[1])
            return
        super().__init__(text, style)
        if len(_parsed) > _LIMIT:
            _parsed.clear()
            _wrapped.clear()
        _parsed[key] = (self.style, self.frags, style)

    def wrap(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        key = (self.text, id(self.style), availWidth)
        hit = _wrapped.get(key)
        if hit is None or self.bulletText:
            size = super().wrap(availWidth, availHeight)
            if not self.bulletText:
                _wrapped[key] = (self.blPara, self._wrapWidths, self.height, self.style)
            return size
        self.blPara, self._wrapWidths, self.height, _style = hit
        self.width = availWidth
        return self.width, self.height
