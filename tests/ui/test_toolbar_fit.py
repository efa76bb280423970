"""Rows of choosers and buttons wrap instead of pushing controls off an office screen.

Seen at 1366×768 and at 1920×1080 with 150 %: a page's button row was as wide as all its
parts together, so the last buttons went off-screen. Every control of a ``WrapBar`` must be
visible inside the window at 1280×660 (Liberation Sans 9 pt), keep its enabled state, and
the same holds with ``QT_SCALE_FACTOR=1.5`` on a 1920×1080 screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from k360desk.ui import pages
from k360desk.ui.wrap_bar import WrapBar
from tests.ui.test_screen_fit import SCREEN_HEIGHT, SCREEN_WIDTH, _visit_tabs

ROOT = Path(__file__).resolve().parents[2]


def _controls(bar: WrapBar) -> list[QWidget]:
    found = []
    for index in range(bar.wrap.count()):
        widget = bar.wrap.itemAt(index).widget()
        if widget is None or widget.isHidden():
            continue
        inner = [child for child in widget.findChildren(QWidget) if not child.isHidden()
                 and child.parentWidget() is widget]
        found.extend(inner or [widget])
    return found


def _bar_problems(window, where: str) -> list[str]:
    found = []
    screen = window.rect()
    for bar in window.findChildren(WrapBar):
        if not bar.isVisible():
            continue
        for control in _controls(bar):
            rect = control.rect().translated(control.mapTo(window, control.rect().topLeft()))
            label = getattr(control, "text", lambda: "")() or control.accessibleName()
            if not control.isVisible() or not screen.contains(rect):
                found.append(f"{where}: „{label}“ außerhalb des Fensters ({rect.x()},{rect.y()})")
            inside = bar.rect().translated(bar.mapTo(window, bar.rect().topLeft()))
            if not inside.contains(rect):
                found.append(f"{where}: „{label}“ ragt aus seiner Leiste")
    return found


def test_every_wrap_bar_fits_at_1280(window, answers, arial_metrics, qtbot):
    window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    window.documents.open_demo()
    problems: list[str] = []
    bars = 0
    for spec in pages.PAGES:
        page = window.show_page(spec.key)

        def visit(tab, spec=spec):
            nonlocal bars
            window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
            for _ in range(3):
                QApplication.processEvents()
            bars += sum(bar.isVisible() for bar in window.findChildren(WrapBar))
            problems.extend(_bar_problems(window, f"{spec.title} {tab}".strip()))
        _visit_tabs(page, visit)
    assert bars >= 5, "die Leisten der Seiten umbrechen"
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_a_narrow_bar_wraps_and_keeps_every_control(qtbot, arial_metrics):
    host = QWidget()
    qtbot.addWidget(host)
    column = QVBoxLayout(host)
    bar = WrapBar(host)
    buttons = [QPushButton(f"Beschluss festhalten {n} …") for n in range(5)]
    buttons[2].setEnabled(False)
    bar.add(QLabel("Regel:"), QPushButton("Vollförderung"))
    for button in buttons:
        bar.add(button)
    column.addWidget(bar)
    column.addStretch(1)
    host.show()
    wide = bar.sizeHint().width()
    assert host.minimumSizeHint().width() < wide // 2, "die Leiste verlangt nur ihr breitestes Teil"
    host.resize(wide // 3, 400)
    for _ in range(3):
        QApplication.processEvents()
    rows = {button.y() for button in buttons}
    assert len(rows) >= 3, "die Knöpfe stehen in mehreren Zeilen"
    for button in buttons:
        assert button.isVisible() and bar.rect().contains(button.geometry())
    assert [b.isEnabled() for b in buttons] == [True, True, False, True, True]
    assert bar.height() >= max(button.geometry().bottom() for button in buttons)


def test_pages_fit_at_1920x1080_with_150_percent(tmp_path):
    """The same checks in a fresh process on a 1920×1080 screen scaled by 1,5."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "office", "x": 0, "y": 0, "width": 1920, "height": 1080,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_SCALE_FACTOR="1.5",
               QT_QPA_PLATFORM=f"offscreen:configfile={config}", K360DESK_AT_150="1")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:warnings", "-p", "no:cacheprovider",
         "tests/ui/test_toolbar_fit.py::test_every_wrap_bar_fits_at_1280",
         "tests/ui/test_toolbar_fit.py::test_logical_screen_is_1280x720",
         "tests/ui/test_screen_fit.py::test_first_window_fits_the_screen"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_logical_screen_is_1280x720(qapp):
    """Run inside the 150 % process: the screen Qt reports is what the checks assume."""
    if not os.environ.get("K360DESK_AT_150"):
        return
    screen = qapp.primaryScreen()
    assert (screen.geometry().width(), screen.geometry().height()) == (1280, 720)
    assert screen.devicePixelRatio() == 1.5
