"""Line icons of the navigation, drawn in the palette's text colour.

The icons are small SVGs in code: they take ``currentColor`` from the palette, so they stay
visible in Windows high-contrast themes, and are rendered at every size Qt asks for, so they
stay sharp at 200 % scaling.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

_HEAD = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none"'
         ' stroke="currentColor" stroke-width="1.7" stroke-linecap="round"'
         ' stroke-linejoin="round">')

SHAPES = {
    "overview": '<rect x="3" y="3" width="7.5" height="7.5" rx="1.2"/>'
                '<rect x="13.5" y="3" width="7.5" height="7.5" rx="1.2"/>'
                '<rect x="3" y="13.5" width="7.5" height="7.5" rx="1.2"/>'
                '<rect x="13.5" y="13.5" width="7.5" height="7.5" rx="1.2"/>',
    "districts": '<path d="M3 6.5 L9 3.5 L15 6.5 L21 3.5 V17.5 L15 20.5 L9 17.5 L3 20.5 Z"/>'
                 '<path d="M9 3.5 V17.5"/><path d="M15 6.5 V20.5"/>',
    "indicators": '<path d="M3.5 20.5 H20.5"/><rect x="5" y="11" width="3" height="7"/>'
                  '<rect x="10.5" y="6" width="3" height="12"/>'
                  '<rect x="16" y="13.5" width="3" height="4.5"/>',
    "maps": '<path d="M12 21 C12 21 5 14.5 5 9.5 A7 7 0 0 1 19 9.5 C19 14.5 12 21 12 21 Z"/>'
            '<circle cx="12" cy="9.5" r="2.5"/>',
    "providers": '<path d="M3.5 20.5 H20.5"/><path d="M5 20.5 V9.5 L12 4 L19 9.5 V20.5"/>'
                 '<rect x="10" y="14" width="4" height="6.5"/>',
    "rounds": '<circle cx="12" cy="12" r="8.5"/>'
              '<path d="M15.5 8.5 A4.5 4.5 0 1 0 15.5 15.5"/><path d="M7.5 10.5 H13"/>'
              '<path d="M7.5 13.5 H13"/>',
    "voice": '<path d="M4 5.5 H20 V15.5 H10 L6 19.5 V15.5 H4 Z"/>'
             '<path d="M8 9 H16"/><path d="M8 12 H13"/>',
    "committees": '<circle cx="8" cy="8" r="2.8"/><circle cx="16" cy="8" r="2.8"/>'
                  '<path d="M3 19.5 C3 15.5 5.5 13.5 8 13.5 C10.5 13.5 13 15.5 13 19.5"/>'
                  '<path d="M11 19.5 C11 15.5 13.5 13.5 16 13.5 C18.5 13.5 21 15.5 21 19.5"/>',
    "reports": '<path d="M6 3 H14 L19 8 V21 H6 Z"/><path d="M14 3 V8 H19"/>'
               '<path d="M9 12 H16"/><path d="M9 15 H16"/><path d="M9 18 H13"/>',
    "settings": '<path d="M4 6.5 H20"/><path d="M4 12 H20"/><path d="M4 17.5 H20"/>'
                '<circle cx="9" cy="6.5" r="2" fill="currentColor"/>'
                '<circle cx="15" cy="12" r="2" fill="currentColor"/>'
                '<circle cx="7" cy="17.5" r="2" fill="currentColor"/>',
}


def _svg(name: str, color: QColor) -> QByteArray:
    body = SHAPES.get(name, SHAPES["reports"])
    return QByteArray((_HEAD + body + "</svg>").replace("currentColor", color.name()).encode())


class _PaletteIconEngine(QIconEngine):
    """Draws the SVG in the current palette colour at exactly the requested size."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name

    def _color(self, mode: QIcon.Mode) -> QColor:
        palette = QApplication.palette()
        if mode == QIcon.Mode.Selected:
            return palette.color(QPalette.ColorRole.HighlightedText)
        if mode == QIcon.Mode.Disabled:
            return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
        return palette.color(QPalette.ColorRole.WindowText)

    def paint(self, painter: QPainter, rect, mode: QIcon.Mode, state: QIcon.State) -> None:
        renderer = QSvgRenderer(_svg(self._name, self._color(mode)))
        renderer.render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, pixmap.rect(), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _PaletteIconEngine(self._name)


def icon(name: str) -> QIcon:
    """The navigation icon for a page key."""
    return QIcon(_PaletteIconEngine(name))
