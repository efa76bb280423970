"""A row of controls above a table that wraps onto a second line instead of widening the page.

Pages put their choosers and buttons in one row ("Gremium: [...] Förderrunde: [...]
Vorlage zuordnen … Vorlage öffnen"). In one ``QHBoxLayout`` the row's minimum width is the
sum of all its parts and, at 1280×720 or with English texts, pushes the last button off the
screen. Here the row asks only for its widest part and breaks onto further lines, keeping a
label together with its chooser (``add_group``). Nothing hides in a menu: every control stays
where the eye and the Tab key expect it.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLayoutItem, QSizePolicy, QWidget


class WrapLayout(QLayout):
    """Lays its items out left to right and starts a new line when the next one does not fit."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        width = sum(item.sizeHint().width() for item in self._shown())
        width += self._spacing * max(0, len(self._shown()) - 1)
        height = max((item.sizeHint().height() for item in self._shown()), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(),
                     height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items
                if item.widget() is None or not item.widget().isHidden()]

    def _arrange(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        used = 0
        for item in self._shown():
            hint = item.sizeHint().expandedTo(item.minimumSize())
            width = min(hint.width(), max(area.width(), item.minimumSize().width()))
            start = used + (self._spacing if lines[-1] else 0)
            if lines[-1] and start + width > area.width():
                lines.append([])
                start = 0
            lines[-1].append((item, QSize(width, hint.height())))
            used = start + width
        y = area.y()
        for line in lines:
            if not line:
                continue
            height = max(size.height() for _item, size in line)
            x = area.x()
            for item, size in line:
                if move:
                    # Centred on the line, as QHBoxLayout does with a label beside a chooser.
                    top = y + (height - size.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), size))
                x += size.width() + self._spacing
            y += height + self._spacing
        return y - self._spacing - area.y() + margins.top() + margins.bottom()


class WrapBar(QWidget):
    """A wrapping row of controls; ``add_group`` keeps a label and its chooser together."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wrap_bar")
        self.wrap = WrapLayout(self)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._height = 0

    def add(self, *widgets: QWidget) -> QWidget:
        """Add one control, or several that must stay on one line (a label and its chooser)."""
        if len(widgets) == 1:
            self.wrap.addWidget(widgets[0])
            return widgets[0]
        group = QWidget(self)
        row = QHBoxLayout(group)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget)
        self.wrap.addWidget(group)
        return group

    add_group = add

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self.wrap.heightForWidth(width)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.updateGeometry()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.wrap.heightForWidth(event.size().width()) != self._height:
            self._height = self.wrap.heightForWidth(event.size().width())
            # The parent layout reads the new minimum height on its next pass.
            self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # As tall as the wrapped lines at the current width, so the page below makes room.
        minimum = self.wrap.minimumSize()
        # A bar on a hidden tab has no width yet; its wrapped height would only inflate the
        # tab widget's minimum, which counts every tab.
        if self.isVisible() and self.width() > 0:
            minimum.setHeight(max(minimum.height(), self.wrap.heightForWidth(self.width())))
        return minimum
