"""Small helpers shared by the editor pages: choice loaders, unique default names, layout."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from k360desk.projectfile import Project, Record


class Deferred(QObject):
    """Runs a slot on the next event-loop turn after the project was replaced.

    The main window drops its pages (``deleteLater``) when the project is replaced; a page
    that reloaded at once would read the new project just before it is deleted. Deferred,
    the reload is skipped for a deleted page, as Qt cancels timers of deleted objects.
    """

    def __init__(self, owner: QObject, slot) -> None:
        super().__init__(owner)
        self._slot = slot

    def trigger(self) -> None:
        """Schedule the slot."""
        QTimer.singleShot(0, self, self._slot)


def on_project_replaced(context, owner: QObject, slot) -> None:
    """Connect ``slot`` to ``context.project_replaced``, run one event-loop turn later."""
    deferred = Deferred(owner, slot)
    context.project_replaced.connect(deferred.trigger)


def names(cls: type[Record], label: str = "name"):
    """A choice loader: (id, name) of every record of a kind, sorted by name."""
    def load(project: Project) -> list[tuple[Any, str]]:
        frame = project.frame(cls)
        if frame.empty:
            return []
        frame = frame.sort_values(label, key=lambda s: s.astype(str).str.lower())
        return [(int(i), str(v)) for i, v in zip(frame["id"], frame[label], strict=True)]
    return load


def fixed(pairs: list[tuple[Any, str]]):
    """A choice loader for a fixed list of (stored value, German label)."""
    return lambda project: list(pairs)


def unique_name(project: Project, cls: type[Record], base: str, field: str = "name") -> str:
    """``base``, or ``base 2``, ``base 3`` … whichever is still free."""
    taken = set(project.frame(cls)[field].astype(str)) if project.count(cls.table) else set()
    if base not in taken:
        return base
    n = 2
    while f"{base} {n}" in taken:
        n += 1
    return f"{base} {n}"


def splitter(orientation: Qt.Orientation, widgets: list[QWidget], sizes: list[int],
             parent: QWidget) -> QSplitter:
    """A splitter holding ``widgets`` with initial ``sizes``; no part can collapse."""
    split = QSplitter(orientation, parent)
    for widget in widgets:
        split.addWidget(widget)
    split.setSizes(sizes)
    split.setChildrenCollapsible(False)
    return split


def page_layout(page: QWidget, body: QWidget) -> None:
    """Put ``body`` into the page with the usual margins."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(12, 12, 12, 12)
    layout.addWidget(body)
