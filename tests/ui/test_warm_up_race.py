"""The warm-up thread and the first map visit never import the same libraries at once.

Once the first visit of "Karten & Diagramme" failed with "partially initialized module
matplotlib.transforms": the GUI thread imported the page while the warm-up thread was still
importing matplotlib, and Python's import locks broke the cross-thread cycle by handing one
thread a half-built module. A library is imported once per process, so each try is a fresh
process that starts the warm-up and at once builds the map page.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TRIES = 4

CODE = """
import sys, threading
from PySide6.QtWidgets import QApplication
app = QApplication([])
from k360desk.ui import warm_up
from k360desk.ui.main_window import MainWindow
window = MainWindow()
window.documents.open_demo()
warm_up.start()
alive = warm_up.running()
window.show_page("maps")
page = window.page("maps")
print("OK", alive, page is not None and type(page).__name__, warm_up.running())
window.documents.discard_and_close()
"""


def test_map_page_built_right_after_the_warm_up_starts():
    src = Path(__file__).resolve().parents[2] / "src"
    env = dict(os.environ, PYTHONPATH=str(src), QT_QPA_PLATFORM="offscreen")
    # Two at a time: the machine has two cores, and overlap makes the timing vary.
    results = []
    for start in range(0, TRIES, 2):
        runs = [subprocess.Popen([sys.executable, "-c", CODE], env=env, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for _ in range(min(2, TRIES - start))]
        results += [run.communicate(timeout=300) + (run.returncode,) for run in runs]
    for out, err, code in results:
        assert code == 0 and "ImportError" not in err and "partially initialized" not in err, err
        last = out.strip().splitlines()[-1]
        # The warm-up was running when the page was asked for, and was over when it was built.
        assert last.startswith("OK True") and last.endswith("False"), (last, err[-2000:])
        assert "False" not in last.split()[2], last


def test_a_page_is_resolved_only_after_the_warm_up_has_finished(monkeypatch):
    import threading
    import time

    from k360desk.ui import pages, warm_up

    finished = threading.Event()

    def slow_imports() -> None:
        time.sleep(0.5)  # stands for matplotlib and geopandas loading on a busy office PC
        finished.set()

    monkeypatch.setattr(warm_up, "_started", threading.Event())
    monkeypatch.setattr(warm_up, "_thread", None)
    monkeypatch.setattr(warm_up, "_import_all", slow_imports)
    warm_up.start()
    assert warm_up.running()
    pages._resolve(pages.page_spec("overview"))
    assert finished.is_set() and not warm_up.running()
