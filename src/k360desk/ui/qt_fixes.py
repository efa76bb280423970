"""Work-arounds for defects of the Qt binding, applied once when ``k360desk.ui`` is imported.

PySide6 6.12.0 returns ``True`` from ``SignalInstance.emit()`` without taking a new
reference. Every ``signal.emit(...)`` called from Python therefore lowers the reference count
of ``True`` by one; after a few thousand emits Python 3.11 deallocates ``True`` and aborts
("Fatal Python error: bool_dealloc"). The same binding also returns ``None`` from every
method without a result (``setText``, ``show``, ``processEvents`` …) without a new reference,
so ``None`` runs out after some ten thousand calls ("none_dealloc"). Python 3.12 made
``True`` and ``None`` immortal; on 3.11 we do the same by giving them a reference count no
session can use up. The defects are detected, not assumed from the version number, so a
fixed binding leaves the interpreter untouched.
"""

from __future__ import annotations

import ctypes
import sys

_PROBES = 16
_RESERVE = 1 << 40


def emit_loses_references() -> bool:
    """Whether ``signal.emit()`` drops a reference to ``True`` in this binding."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    if lost > 0:
        _add_references(True, lost)  # give back what the probe took
    return lost > 0


def void_calls_lose_references() -> bool:
    """Whether calling a Qt method that returns nothing drops a reference to ``None``."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    if lost > 0:
        _add_references(None, lost)
    return lost > 0


def _add_references(obj: object, count: int) -> None:
    # ob_refcnt is the first field of every CPython object (a Py_ssize_t).
    ctypes.c_ssize_t.from_address(id(obj)).value += count


def guard_emit_refcount() -> bool:
    """Make ``True``, ``False`` and ``None`` safe from lost references; True if needed."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False  # immortal there
    if getattr(sys.modules[__name__], "_guarded", False):
        return True
    needed = False
    if emit_loses_references():
        _add_references(True, _RESERVE)
        _add_references(False, _RESERVE)
        needed = True
    if void_calls_lose_references():
        _add_references(None, _RESERVE)
        needed = True
    globals()["_guarded"] = needed
    return needed
