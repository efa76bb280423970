"""Load the heavy libraries in the background once a project is open.

matplotlib, geopandas and shapely take seconds to import
cold on an office PC; imported on the GUI thread at the first visit of "Karten & Diagramme"
they froze the window that long. They stay out of startup (the window must appear fast) and
are imported by a daemon thread shortly after a project opens, while the planner reads the
overview. Python's import locks make a page that needs a module meanwhile wait for the one
import in progress instead of starting a second.
"""

from __future__ import annotations

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
    # The page's own modules only define classes; no widget is created off the GUI thread.
    "k360desk.ui.map_canvas",
    "k360desk.ui.chart_view",
    "k360desk.ui.map_view",
)
DELAY_MS = 300
"""After the overview is drawn, so the warm-up never delays the first paint."""

_started = threading.Event()


def _import_all() -> None:
    for name in MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a missing optional library shows up on its page
            log.info("warm-up: %s not loaded", name, exc_info=True)


def start() -> None:
    """Start the background imports once per process (later calls do nothing)."""
    if _started.is_set():
        return
    _started.set()
    threading.Thread(target=_import_all, name="warm-up-libraries", daemon=True).start()


def start_soon() -> None:
    """Schedule ``start`` after the current events (e.g. painting the first page)."""
    QTimer.singleShot(DELAY_MS, start)
