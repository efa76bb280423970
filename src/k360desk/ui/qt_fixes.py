"""Work-arounds for defects of the Qt binding, applied once when ``k360desk.ui`` is imported.

PySide6 6.12.0 returns ``True`` from ``SignalInstance.emit()`` without taking a new
reference. Every ``signal.emit(...)`` called from Python therefore lowers the reference count
of ``True`` by one; after a few thousand emits Python 3.11 deallocates ``True`` and aborts
("Fatal Python error: bool_dealloc"). Python 3.12 made ``True`` immortal; on 3.11 we do
the same by giving it a reference count no session can use up. The defect is detected, not
assumed from the version number, so a fixed binding leaves the interpreter untouched.
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


def _add_references(obj: object, count: int) -> None:
    # ob_refcnt is the first field of every CPython object (a Py_ssize_t).
    ctypes.c_ssize_t.from_address(id(obj)).value += count


def guard_emit_refcount() -> bool:
    """Make ``True`` and ``False`` safe from the binding's lost references; True if needed."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False  # immortal there
    if getattr(sys.modules[__name__], "_guarded", False):
        return True
    if not emit_loses_references():
        return False
    _add_references(True, _RESERVE)
    _add_references(False, _RESERVE)
    globals()["_guarded"] = True
    return True
