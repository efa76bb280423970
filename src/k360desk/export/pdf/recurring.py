"""Paragraphs whose text recurs on every profile of a book (indicator names, column heads,
headings, the notes under the tables): parsed and broken into lines once per process and
style, then only drawn. A book of 550 profiles parsed and wrapped the same few hundred texts
550 times over."""

from __future__ import annotations

import weakref

from reportlab.platypus import Paragraph

_LIMIT = 20_000  # texts kept; a long session of many books starts over beyond it
_parsed: dict[tuple[str, int], list] = {}
_wrapped: dict[tuple[str, int, float], tuple] = {}
# Every profile asks ``styles()`` for new style objects: a style is known by its settings.
_style_numbers: dict[tuple, int] = {}
_numbers_of: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _style_number(style) -> int:
    number = _numbers_of.get(style)
    if number is None:
        settings = tuple(sorted((k, repr(v)) for k, v in vars(style).items() if k != "parent"))
        number = _style_numbers.setdefault(settings, len(_style_numbers))
        _numbers_of[style] = number
    return number


class RecurringParagraph(Paragraph):
    """A ``Paragraph`` that shares its parsed text and its line breaks with every earlier one
    of the same text, style settings and width (neither is changed by drawing)."""

    def __init__(self, text: str, style) -> None:
        self._style_number = _style_number(style)
        key = (text, self._style_number)
        frags = _parsed.get(key)
        if frags is not None:
            super().__init__(text, style, frags=frags)
            return
        super().__init__(text, style)
        if len(_parsed) > _LIMIT:
            _parsed.clear()
            _wrapped.clear()
        _parsed[key] = self.frags

    def wrap(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        key = (self.text, self._style_number, availWidth)
        hit = _wrapped.get(key)
        if hit is None:
            size = super().wrap(availWidth, availHeight)
            _wrapped[key] = (self.blPara, self._wrapWidths, self.height)
            return size
        self.blPara, self._wrapWidths, self.height = hit
        self.width = availWidth
        return self.width, self.height
