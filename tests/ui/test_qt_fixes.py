"""The PySide6 defect that made every signal.emit() cost a reference to True."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import k360desk.ui  # noqa: F401 - applies the guard
from k360desk.ui import qt_fixes


class _Sender(QObject):
    changed = Signal(object)


def test_many_emits_do_not_use_up_true():
    sender = _Sender()
    received = []
    sender.changed.connect(received.append)
    before = sys.getrefcount(True)
    for index in range(50_000):
        sender.changed.emit(index)
    assert len(received) == 50_000
    # With the defect and without the guard, True would be near (or past) deallocation.
    assert sys.getrefcount(True) > 10_000 or sys.getrefcount(True) >= before


def test_guard_is_applied_only_where_needed():
    if sys.version_info >= (3, 12):
        assert not qt_fixes.guard_emit_refcount()
    elif qt_fixes.emit_loses_references():
        assert qt_fixes.guard_emit_refcount()
        assert sys.getrefcount(True) > 1 << 39


def test_many_void_calls_do_not_use_up_none():
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication([])
    label = QLabel()
    for index in range(60_000):
        label.setText(str(index % 7))
        app.processEvents()
    # With the defect and without the guard, the interpreter aborts ("none_dealloc") here.
    assert label.text() == str(59_999 % 7)
    if sys.version_info < (3, 12) and qt_fixes.void_calls_lose_references():
        assert sys.getrefcount(None) > 1 << 39
