"""The message catalogue of the layers below the UI: every marked German text has its English,
placeholders survive, the language is chosen per process and per export."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from k360desk import messages

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "k360desk"
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def _marked_texts() -> dict[str, str]:
    """German literals passed to ``tr``/``N_`` of k360desk.messages outside ui/, with a place."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "ui" in path.relative_to(PACKAGE).parts[:1]:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.asname or alias.name for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom) and node.module == "k360desk.messages"
                    for alias in node.names}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in imported & {"tr", "N_"} and node.args):
                first = node.args[0]
                place = f"{path.relative_to(PACKAGE)}:{node.lineno}"
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.setdefault(first.value, place)
                elif node.func.id == "N_":
                    found.setdefault(f"<kein Text-Literal> {place}", place)
    return found


def test_every_marked_text_has_an_english_translation():
    catalogue = json.loads(messages.catalogue_path("en").read_text(encoding="utf-8"))
    missing = [f"{place}: {text!r}" for text, place in _marked_texts().items()
               if not catalogue.get(text)]
    assert not missing, ("Ohne Eintrag in messages_en.json:\n" + "\n".join(sorted(missing)))


def test_no_translation_without_its_german_text():
    catalogue = json.loads(messages.catalogue_path("en").read_text(encoding="utf-8"))
    stale = sorted(set(catalogue) - set(_marked_texts()))
    assert not stale, "Übersetzungen ohne Text im Code:\n" + "\n".join(map(repr, stale))


def test_placeholders_survive_translation():
    catalogue = json.loads(messages.catalogue_path("en").read_text(encoding="utf-8"))
    # English may leave a placeholder out (a German article has no English counterpart),
    # never add one: str.format would fail on it.
    wrong = [german for german, english in catalogue.items()
             if not set(PLACEHOLDER.findall(english)) <= set(PLACEHOLDER.findall(german))]
    assert not wrong, "Platzhalter verändert:\n" + "\n".join(wrong)


def test_catalogue_is_sorted_one_entry_per_line():
    # Sorted keys on their own lines keep merges of parallel branches to a line each.
    path = messages.catalogue_path("en")
    catalogue = json.loads(path.read_text(encoding="utf-8"))
    expected = json.dumps(catalogue, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    assert path.read_text(encoding="utf-8") == expected, "scripts/update_translations.py ausführen"


def test_language_per_process_and_per_export(monkeypatch):
    monkeypatch.delenv("K360DESK_LANG", raising=False)
    assert messages.tr("keine Daten") == "keine Daten"
    with messages.using("en"):
        assert messages.tr("keine Daten") == "no data"
        with messages.using(None):  # an export without its own option keeps the language
            assert messages.language() == "en"
    monkeypatch.setenv("K360DESK_LANG", "en")
    assert messages.tr("keine Daten") == "no data"
    with messages.using("de"):
        assert messages.tr("keine Daten") == "keine Daten"
    assert messages.tr("unbekannter Text") == "unbekannter Text"
