"""Startup: ``k360desk --demo --smoke``, the language choice, help and the About box."""

from __future__ import annotations

import logging
import re
import sys
import threading

import pytest

from k360desk import cli
from k360desk.ui import pages, settings


@pytest.fixture
def isolated_startup(qapp, monkeypatch):
    """Undo what run_gui installs process-wide (hooks, translators, log handler)."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    yield
    for translator in getattr(qapp, "_k360_translators", []):
        qapp.removeTranslator(translator)
    qapp._k360_translators = []
    root = logging.getLogger("k360desk")
    for handler in [h for h in root.handlers if getattr(h, "_k360desk", False)]:
        root.removeHandler(handler)
        handler.close()


def test_smoke_start_prints_the_time_to_a_ready_window(isolated_startup, capsys):
    from k360desk.projectfile import workfile

    assert cli.main(["--demo", "--smoke"]) == 0
    out = capsys.readouterr().out
    assert re.fullmatch(r"Hauptfenster bereit nach \d+,\d\d s\n", out), out
    # The demo's working copy is gone again: nothing left to "recover" at the next start.
    assert workfile.leftovers() == []
    from k360desk.ui.app import log_file

    assert "main window ready" in log_file().read_text(encoding="utf-8")


def test_language_from_command_line_then_setting(isolated_startup):
    from k360desk.ui.app import choose_language

    assert choose_language(None) == "de"
    settings.put(settings.LANGUAGE, "en")
    assert choose_language(None) == "en"
    assert choose_language("de") == "de"


def test_every_page_has_help_in_both_languages():
    from k360desk.ui.help import help_dir

    for key in [spec.key for spec in pages.PAGES] + ["welcome", "keys"]:
        for lang in ("de", "en"):
            assert (help_dir() / lang / f"{key}.html").exists(), f"{lang}/{key}.html"


def test_f1_opens_help_for_the_current_view(window, answers):
    from k360desk.ui import help as help_module

    window.show_help()
    assert help_module._open_help.topic == "welcome"
    window.documents.open_demo()
    window.show_page("overview")
    window.show_help()
    assert help_module._open_help.topic == "overview"
    assert "Übersicht" in help_module._open_help.browser.toPlainText()
    help_module._open_help.close()


def test_about_lists_versions_and_licences():
    from k360desk.ui.help import versions

    names = {name: (version, licence) for name, version, licence in versions()}
    assert names["Qt"][1] == "LGPL-3.0"
    assert names["pandas"][0] not in ("", "–")
    assert "Python" in names and "SQLite" in names


def test_pages_of_missing_modules_get_a_placeholder(window, answers):
    window.documents.open_demo()
    spec = pages.PageSpec("future", "Zukunft", "reports",
                          "k360desk.ui.does_not_exist:FuturePage")
    page = pages.create_page(spec, window.context)
    assert isinstance(page, pages.PlaceholderPage)


def test_every_registered_page_opens(window, answers):
    window.documents.open_demo()
    for spec in pages.PAGES:
        page = window.show_page(spec.key)
        assert page is not None and window.page_stack.currentWidget() is page
        assert page.accessibleName()
    # Pages belong to the project: closing it drops them.
    window.documents.close_project()
    assert window.page("overview") is None


def test_startup_path_imports_no_heavy_library():
    import os
    import subprocess
    from pathlib import Path

    # pandas and numpy cost ~0,35 s before the first paint; they load with the first project.
    heavy = ("pandas", "numpy", "geopandas", "shapely", "matplotlib", "reportlab", "mapclassify",
             "scipy", "pyogrio", "openpyxl")
    code = ("import sys, k360desk.cli, k360desk.ui.app, k360desk.ui.main_window,"
            " k360desk.ui.overview, k360desk.ui.document;"
            f"print(','.join(m for m in {heavy!r} if m in sys.modules))")
    src = Path(__file__).resolve().parents[2] / "src"
    env = dict(os.environ, PYTHONPATH=str(src))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == ""


def test_window_start_builds_no_command_parsers_but_help_lists_them(monkeypatch, capsys):
    loaded = []
    real = cli.importlib.import_module
    monkeypatch.setattr(cli.importlib, "import_module",
                        lambda name, *a: loaded.append(name) or real(name, *a))
    started = []
    monkeypatch.setattr("k360desk.ui.app.run_gui", lambda **kw: started.append(kw) or 0)
    assert cli.main(["--demo", "--smoke"]) == 0
    # The commands' modules stay out of the window's start.
    assert started and not [name for name in loaded if name in cli.COMMAND_MODULES]
    monkeypatch.undo()
    assert cli.main(["--help"]) == 0
    assert "info" in capsys.readouterr().out


def test_smoke_with_a_damaged_file_reports_instead_of_waiting(isolated_startup, capsys, tmp_path):
    damaged = tmp_path / "kaputt.k360"
    damaged.write_bytes(b"kein Projekt" * 100)
    assert cli.main([str(damaged), "--smoke"]) == 1
    captured = capsys.readouterr()
    assert "Projekt öffnen:" in captured.err and "kaputt.k360" in captured.err
    assert "(ohne Projekt)" in captured.out


def test_lang_en_with_a_file_opens_it(isolated_startup, tmp_path, capsys):
    # `k360desk --lang en FILE` took the file for a sub-command before.
    path = tmp_path / "demo.k360"
    assert cli.main(["demo", str(path)]) == 0
    assert cli.main(["--lang", "en", str(path), "--smoke"]) == 0
    assert "ohne Projekt" not in capsys.readouterr().out


def test_heavy_libraries_load_in_the_background_after_a_project_opens():
    # Imported on the GUI thread at the first visit of "Karten & Diagramme", they froze the
    # window for 3–4 s; now they are there before the planner goes to the map.
    import os
    import subprocess
    from pathlib import Path

    code = """
import sys, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
from k360desk.ui.main_window import MainWindow
window = MainWindow()
window.show()
window.documents.open_demo()
before = [m for m in ("matplotlib",) if m in sys.modules]
deadline = time.time() + 60
while time.time() < deadline and not {"geopandas", "matplotlib", "k360desk.ui.map_view"} <= set(sys.modules):
    app.processEvents()
    time.sleep(0.02)
print(",".join(before), "|", window.page("maps") is None, "k360desk.ui.map_view" in sys.modules,
      "mapclassify" not in sys.modules)
window.documents.discard_and_close()
"""
    src = Path(__file__).resolve().parents[2] / "src"
    env = dict(os.environ, PYTHONPATH=str(src), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True).stdout.strip().splitlines()[-1]
    assert out == "| True True True", out
