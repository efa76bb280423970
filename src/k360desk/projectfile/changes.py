"""Change notices: every write through the store reports what changed.

The store knows nothing of Qt; ``ui/`` subscribes one QObject that turns notices into
signals for editors, maps and charts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Change:
    """One kind of record changed: ``table`` plus the affected ids (empty = many/unknown)."""

    table: str
    op: str  # "insert", "update", "delete", "bulk"
    ids: tuple[int, ...] = field(default_factory=tuple)


Listener = Callable[[list[Change]], None]


class ChangeHub:
    """Collects changes and hands them to listeners, batched per transaction."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._pending: list[Change] = []
        self._depth = 0

    def subscribe(self, listener: Listener) -> None:
        """Register a callable that receives lists of changes."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        """Remove a listener registered before."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def begin(self) -> None:
        """Start collecting (nested calls are counted)."""
        self._depth += 1

    def end(self, commit: bool) -> None:
        """Stop collecting; on the outermost successful end, deliver what was collected."""
        self._depth -= 1
        if self._depth > 0:
            return
        pending, self._pending = self._pending, []
        if commit and pending:
            for listener in list(self._listeners):
                listener(pending)

    def emit(self, change: Change) -> None:
        """Report a change (delivered at the end of the running transaction)."""
        self._pending.append(change)
        if self._depth == 0:
            self.end_pending()

    def end_pending(self) -> None:
        pending, self._pending = self._pending, []
        for listener in list(self._listeners):
            listener(pending)
