"""Load the heavy libraries in the background once a project is open.

matplotlib, geopandas and shapely take seconds to import
cold on an office PC; imported on the GUI thread at the first visit of "Karten & Diagramme"
they froze the window that long. They stay out of startup (the window must appear fast) and
are imported by a daemon thread shortly after a project opens, while the planner reads the
overview. A page that needs them is built only after the warm-up has finished (:func:`wait`):
Python's per-module import locks let two threads import the same modules, but when their
imports cross (one holds matplotlib.transforms and wants a module the other holds) the lock
sees the cycle and hands one thread a partially initialised module, an ImportError on the
first map visit.
"""

from __future__ import annotations

import gc
import importlib
import logging
import threading

from PySide6.QtCore import QTimer

log = logging.getLogger(__name__)

MODULES = (
    "numpy",
    "pandas",
    "shapely",
    "geopandas",
    "matplotlib",
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_qtagg",
    "k360desk.analysis.classify",
    "k360desk.analysis.mapspec",
    "k360desk.export.map_data",
    "k360desk.export.map_render",
    "k360desk.export.charts",
    "k360desk.export.chart_data",
    # The page's own modules only define classes; no widget is created off the GUI thread.
    "k360desk.ui.map_canvas",
    "k360desk.ui.chart_view",
    "k360desk.ui.map_view",
)
DELAY_MS = 300
"""After the overview is drawn, so the warm-up never delays the first paint."""

_started = threading.Event()
_thread: threading.Thread | None = None


def _import_all() -> None:
    for name in MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a missing optional library shows up on its page
            log.info("warm-up: %s not loaded", name, exc_info=True)
    # With these libraries loaded a full cyclic collection walks ~190.000 objects and holds
    # the GUI thread for 150 ms or more, often in the middle of a page's first build. Module
    # objects live as long as the process anyway; frozen, later collections skip them.
    gc.freeze()


def start() -> None:
    """Start the background imports once per process (later calls do nothing)."""
    global _thread
    if _started.is_set():
        return
    _started.set()
    _thread = threading.Thread(target=_import_all, name="warm-up-libraries", daemon=True)
    _thread.start()


def running() -> bool:
    """Whether the background imports are still in progress."""
    return _thread is not None and _thread.is_alive()


def wait() -> None:
    """Let the GUI thread import alone: join the warm-up if it is still running.

    Called before a page is built. Waiting costs little more than the imports the page would
    have waited for anyway. A warm-up not started yet cannot start meanwhile: its timer runs
    on the GUI thread, which is busy building the page.
    """
    if _thread is not None and _thread is not threading.current_thread():
        _thread.join()


def start_soon() -> None:
    """Schedule ``start`` after the current events (e.g. painting the first page)."""
    QTimer.singleShot(DELAY_MS, start)
