"""The start-time figure on Windows (``k360desk --smoke``) is seconds, never 13 billion.

kernel32 is replaced by a stand-in that behaves like the real one: GetProcessTimes fills
the four FILETIMEs or fails; GetSystemTimeAsFileTime gives "now" in 100-ns ticks.
"""

from __future__ import annotations

import ctypes
from ctypes import wintypes

from k360desk.ui import app

TICKS = 10_000_000  # FILETIME: 100 ns
NOW = 133_800_000_000_000_000  # some day in 2025, in ticks since 1601


class _Function:
    def __init__(self, body):
        self.body = body
        self.argtypes = None
        self.restype = ctypes.c_int  # ctypes' default: what got the handle wrong

    def __call__(self, *args):
        return self.body(self, *args)


def _kernel32(process_started: int | None):
    def current_process(fn):
        # The pseudo handle (HANDLE)-1: only whole when the result is declared as HANDLE.
        return None if fn.restype is wintypes.HANDLE else -1

    def process_times(fn, handle, created, exited, kernel, user):
        whole = fn.argtypes and fn.argtypes[0] is wintypes.HANDLE
        if process_started is None or not whole:
            return 0  # ERROR_INVALID_HANDLE: the FILETIMEs stay zero
        created._obj.dwLowDateTime = process_started & 0xFFFFFFFF
        created._obj.dwHighDateTime = process_started >> 32
        return 1

    def system_time(fn, now):
        target = now._obj
        if isinstance(target, wintypes.FILETIME):
            target.dwLowDateTime, target.dwHighDateTime = NOW & 0xFFFFFFFF, NOW >> 32
        else:
            target.value = NOW

    class Kernel32:
        GetCurrentProcess = _Function(current_process)
        GetProcessTimes = _Function(process_times)
        GetSystemTimeAsFileTime = _Function(system_time)

    return Kernel32()


def test_windows_start_time_is_the_process_age_in_seconds():
    age = app._windows_process_age(_kernel32(NOW - int(2.5 * TICKS)))
    assert age == 2.5


def test_a_failed_windows_query_gives_no_figure_instead_of_centuries():
    assert app._windows_process_age(_kernel32(None)) is None
