"""German in the code, English from the .ts: every user-visible string has both."""

from __future__ import annotations

import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu

from k360desk.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
TS = i18n.translations_dir() / "k360desk_en.ts"
GERMAN = re.compile(r"[äöüÄÖÜß]|\b(und|der|die|das|nicht|öffnen|speichern|Datei)\b")


def _load_script():
    spec = importlib.util.spec_from_file_location("update_translations",
                                                  ROOT / "scripts" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _messages(path: Path):
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield name, message


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory) -> Path:
    """The committed .ts after extracting the strings of the current code into it."""
    target = tmp_path_factory.mktemp("ts") / "k360desk_en.ts"
    shutil.copy(TS, target)
    _load_script().lupdate(target)
    return target


def test_every_string_in_the_code_has_an_english_translation(refreshed):
    missing = [f"{ctx}: {m.findtext('source')!r}" for ctx, m in _messages(refreshed)
               if m.find("translation").get("type") == "unfinished"]
    assert not missing, ("Ohne englische Übersetzung (scripts/update_translations.py, dann"
                         " k360desk_en.ts ergänzen):\n" + "\n".join(missing))


def test_no_translation_without_its_german_source(refreshed):
    stale = [f"{ctx}: {m.findtext('source')!r}" for ctx, m in _messages(refreshed)
             if m.find("translation").get("type") in ("vanished", "obsolete")]
    assert not stale, "Übersetzungen ohne Text im Code:\n" + "\n".join(stale)


def test_every_string_has_a_context_it_can_be_found_in(refreshed):
    # ``tr = self.tr; tr("…")`` or ``translate(ctx_variable, …)`` hides the context from
    # lupdate; at run time such strings are looked up in the class context and never found.
    loose = [m.findtext("source") for ctx, m in _messages(refreshed) if not ctx]
    assert not loose, ("Texte ohne Kontext (self.tr(\"…\") direkt aufrufen, nicht über"
                       " einen Alias):\n" + "\n".join(map(repr, loose)))


def test_compiled_translation_matches_the_ts(tmp_path):
    fresh = tmp_path / "k360desk_en.qm"
    _load_script().lrelease(TS, fresh)
    assert fresh.read_bytes() == i18n.qm_path("en").read_bytes(), (
        "k360desk_en.qm ist veraltet: scripts/update_translations.py ausführen")


def test_placeholders_survive_translation():
    for ctx, message in _messages(TS):
        source = message.findtext("source")
        translation = message.find("translation")
        if translation.get("type") == "unfinished":
            continue  # reported by the test above
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for form in forms:
            for placeholder in set(re.findall(r"%\d|%n", source)):
                assert placeholder in form, f"{ctx}: {placeholder} fehlt in {form!r}"


@pytest.fixture
def english(qapp):
    """Install the English translator for one test, German again afterwards."""
    translator = i18n.load_translator(qapp, "en")
    assert translator is not None, "k360desk_en.qm fehlt"
    qapp.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Germany))
    yield
    qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))


def _visible_texts(widget) -> list[str]:
    texts = [widget.windowTitle()]
    for child in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton):
        if child.isVisibleTo(widget):
            texts += [child.text(), child.toolTip(), child.accessibleName()]
    for menu in widget.findChildren(QMenu):
        texts.append(menu.title())
        texts += [a.text() for a in menu.actions()]
    return [t for t in texts if t]


def test_shell_is_english_when_english_is_chosen(english, qtbot, answers):
    from k360desk.ui.main_window import MainWindow
    from k360desk.ui.new_project_dialog import NewProjectDialog

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.menuBar().actions()[0].text() == "&File"
    german = [t for t in _visible_texts(window) if GERMAN.search(t)]
    window.documents.open_demo()
    german += [t for t in _visible_texts(window) if GERMAN.search(t)]
    german += [window.nav.item(i).text() for i in range(window.nav.count())
               if GERMAN.search(window.nav.item(i).text())]
    german += [t for t in _visible_texts(NewProjectDialog(window)) if GERMAN.search(t)]
    window.documents.discard_and_close()
    assert not german, f"Deutsch trotz Englisch: {german}"
    from tests.ui.test_accessibility import test_every_menu_entry_has_a_unique_mnemonic

    test_every_menu_entry_has_a_unique_mnemonic(window)


def test_shell_is_german_by_default(qtbot, answers):
    from k360desk.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    assert [a.text() for a in window.menuBar().actions()] == [
        "&Datei", "&Bearbeiten", "&Ansicht", "&Hilfe"]
    assert QCoreApplication.translate("MainWindow", "&Datei") == "&Datei"
    assert QApplication.instance() is not None
