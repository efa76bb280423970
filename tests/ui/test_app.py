"""Startup pieces: the exception hook, logging, preferences and their upgrade."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMessageBox

from k360desk.ui import app, settings


def test_unexpected_error_is_logged_and_explained_in_german(qapp, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(
        (self.windowTitle(), self.text(), self.informativeText(), self.detailedText())))
    monkeypatch.setattr(qapp, "property", lambda name: False)
    target = app.setup_logging()
    try:
        raise ValueError("Testfehler")
    except ValueError as exc:
        app._excepthook(type(exc), exc, exc.__traceback__)
    title, text, info, details = shown[0]
    assert title == "Unerwarteter Fehler"
    assert "unerwarteter Fehler" in text
    assert str(target) in info and "nicht verloren" in info
    assert "Testfehler" in details
    for handler in logging.getLogger("k360desk").handlers:
        handler.flush()
    assert "Testfehler" in target.read_text(encoding="utf-8")
    root = logging.getLogger("k360desk")
    for handler in [h for h in root.handlers if getattr(h, "_k360desk", False)]:
        root.removeHandler(handler)
        handler.close()


def test_preferences_keep_their_types():
    assert settings.get(settings.LANGUAGE) == "de"
    assert settings.get(settings.RECENT_FILES) == []
    assert settings.get(settings.OFFER_RECOVERY) is True
    settings.put(settings.OFFER_RECOVERY, False)
    assert settings.get(settings.OFFER_RECOVERY) is False
    settings.add_recent_file("/a.k360")
    settings.add_recent_file("/b.k360")
    settings.add_recent_file("/a.k360")
    assert settings.recent_files() == ["/a.k360", "/b.k360"]
    settings.put(settings.WINDOW_GEOMETRY, QByteArray(b"\x01\x02"))
    assert settings.get(settings.WINDOW_GEOMETRY) == QByteArray(b"\x01\x02")


def test_recent_files_are_capped():
    for index in range(settings.MAX_RECENT + 3):
        settings.add_recent_file(f"/p{index}.k360")
    files = settings.recent_files()
    assert len(files) == settings.MAX_RECENT and files[0] == f"/p{settings.MAX_RECENT + 2}.k360"


def test_settings_carry_a_version_and_live_in_the_data_folder(_private_data_dir):
    settings.upgrade()
    ini = _private_data_dir / settings.SETTINGS_FILE
    assert ini.exists()
    assert f"settings_version={settings.SETTINGS_VERSION}" in ini.read_text(encoding="utf-8")


def test_every_setting_is_declared_once_with_a_description():
    keys = [s.key for s in settings.ALL]
    assert len(keys) == len(set(keys))
    assert all(s.description for s in settings.ALL)
