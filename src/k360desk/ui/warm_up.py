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

When the libraries are in, the pages' own modules follow on the GUI thread, one per
event-loop turn (:func:`prefetch_pages`): their import and, without cached bytecode, their
compilation took 40–100 ms of each page's first visit; one at a time in idle turns it costs
a few milliseconds each, and no import ever runs beside another thread's.
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys
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
PAGE_PARTS = (
    # Modules pages import while they are built (beside their own module, from pages.PAGES).
    "k360desk.ui.editors.commentary",
    "k360desk.ui.rounds.aftercare",
    "k360desk.ui.rounds.catalogue",
    "k360desk.ui.rounds.ranking",
    "k360desk.ui.rounds.scoring",
    "k360desk.ui.rounds.books",
    "k360desk.ui.rounds.notices",
    "k360desk.ui.questionnaire.designer",
    "k360desk.ui.questionnaire.goals",
    "k360desk.ui.questionnaire.statements_view",
    "k360desk.ui.questionnaire.history",
    "k360desk.export.questionnaire_map",
)
POLL_MS = 100
"""How often the GUI thread looks whether the background imports have finished."""
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


def page_modules() -> list[str]:
    """The pages' modules in navigation order, then the parts they import when built."""
    from k360desk.ui import pages

    names = [spec.factory.partition(":")[0] for spec in pages.PAGES if isinstance(spec.factory, str)]
    return list(dict.fromkeys(names + list(PAGE_PARTS)))


def prefetch_pages(parent) -> None:
    """Once the background imports are done, import the pages' modules on the GUI thread,
    one per event-loop turn (a page built meanwhile imports what it needs itself)."""
    waiting = [name for name in page_modules() if name not in sys.modules]
    timer = QTimer(parent, interval=POLL_MS)

    def step() -> None:
        if running() or not _started.is_set():
            return
        timer.setInterval(0)
        while waiting and waiting[0] in sys.modules:
            waiting.pop(0)
        if not waiting:
            timer.stop()
            timer.deleteLater()
            return
        name = waiting.pop(0)
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the page itself reports a broken module
            log.info("prefetch: %s not loaded", name, exc_info=True)

    timer.timeout.connect(step)
    timer.start()


def start_soon() -> None:
    """Schedule ``start`` after the current events (e.g. painting the first page)."""
    QTimer.singleShot(DELAY_MS, start)
