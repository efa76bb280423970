"""The frozen program (PyInstaller) has no demo sources beside it and must still open the demo."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys

import pytest

from k360desk.ui import document


@pytest.fixture
def frozen(tmp_path, monkeypatch):
    """Look like a PyInstaller bundle: ``sys.frozen``, an executable, and a demo package
    whose spec points into a folder that holds no ``.py`` files (only the archive has them)."""
    bundle = tmp_path / "bundle"
    (bundle / "_internal" / "k360desk" / "demo").mkdir(parents=True)
    exe = bundle / "k360desk"
    exe.write_bytes(b"\x7fELF")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    real_find_spec = importlib.util.find_spec

    def find_spec(name, package=None):
        spec = real_find_spec(name, package)
        if name == "k360desk.demo" and spec is not None:
            origin = bundle / "_internal" / "k360desk" / "demo" / "__init__.py"
            return importlib.machinery.ModuleSpec(name, spec.loader, origin=str(origin),
                                                  is_package=True)
        return spec

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    return exe


def test_demo_stamp_without_sources_follows_the_bundle(frozen):
    import os

    first = document._demo_stamp()
    assert first
    # A rebuilt bundle (new executable) gets a new stamp, so a stale cached demo is rebuilt.
    os.utime(frozen, (1_700_000_000, 1_700_000_000))
    assert document._demo_stamp() != first


def test_frozen_window_opens_the_demo_from_menu_and_welcome(frozen, qtbot):
    from PySide6.QtWidgets import QPushButton

    from k360desk.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.documents.interactive = False
    window.show()
    errors = []
    window.documents.show_error = lambda title, text: errors.append((title, text))
    # The welcome page's button, as a user would press it.
    buttons = [b for b in window.findChildren(QPushButton) if "Demo" in b.text()]
    assert buttons, "welcome page has no demo button"
    buttons[0].click()
    assert errors == []
    assert window.documents.context.project is not None
    assert window.documents.context.project.title == document.DEMO_NAME
    window.documents.discard_and_close()
    # The menu entry again, now from the cached copy.
    action = next(a for a in window.findChildren(type(window.menuBar().actions()[0]))
                  if "Demo" in a.text())
    action.trigger()
    assert errors == [] and window.documents.context.project is not None
    window.documents.discard_and_close()


def test_selftest_app_step_opens_the_frozen_window_and_every_page(frozen, tmp_path, qtbot):
    from k360desk.selftest import runner
    from k360desk.selftest.context import Context
    from k360desk.ui import pages

    ctx = Context(tmp_path / "bericht")
    ctx.outdir.mkdir()
    step = next(s for s in runner.steps() if s[0] == "app")
    result = runner.run_step(*step, ctx, skip=set())
    assert result.status == runner.PASSED, result.error + result.traceback
    assert result.info["seiten"] == [spec.key for spec in pages.PAGES]
    assert (ctx.outdir / "fenster_quartiersprofil.pdf").read_bytes().startswith(b"%PDF")


def test_app_step_leaves_out_the_pdf_preview_page_when_qtpdf_is_skipped(tmp_path, qtbot,
                                                                        monkeypatch):
    from k360desk.selftest import runner
    from k360desk.selftest.context import Context

    monkeypatch.setenv(runner.SKIP_VARIABLE, "qtpdf")  # as under wine, where QtPdf crashes
    ctx = Context(tmp_path)
    step = next(s for s in runner.steps() if s[0] == "app")
    result = runner.run_step(*step, ctx, skip=set())
    assert result.status == runner.PASSED, result.error + result.traceback
    assert "reports" not in result.info["seiten"] and "maps" in result.info["seiten"]
