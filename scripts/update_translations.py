"""Refresh the English translation: extract strings from ``ui/`` and compile the ``.qm``.

Run from the checkout: ``python scripts/update_translations.py``. Then translate the new
entries in ``src/k360desk/resources/translations/k360desk_en.ts`` (Qt Linguist:
``pyside6-linguist``) and run this script again to build the ``.qm``.

The layers below ``ui/`` have their own catalogue, ``messages_en.json`` (see
``k360desk/messages.py``): the script adds each new ``tr("…")``/``N_("…")`` text with an empty
translation, drops texts no longer in the code and keeps the file sorted; fill in the empty ones.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "src" / "k360desk" / "ui"
TRANSLATIONS = ROOT / "src" / "k360desk" / "resources" / "translations"
BIN = Path(sys.executable).parent


def sources() -> list[str]:
    """Every Python file of the user interface, in a stable order."""
    return sorted(str(p.relative_to(ROOT)) for p in UI.rglob("*.py"))


def lupdate(target: Path, extra: list[str] | None = None) -> None:
    """Extract the strings into ``target`` (keeping existing translations)."""
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources(), "-source-language", "de",
                    "-target-language", "en", "-locations", "none", *(extra or []),
                    "-ts", str(target)], cwd=ROOT, check=True, capture_output=True)


def lrelease(source: Path, target: Path) -> None:
    """Compile a ``.ts`` file."""
    subprocess.run([str(BIN / "pyside6-lrelease"), str(source), "-qm", str(target)],
                   cwd=ROOT, check=True, capture_output=True)


def marked_texts() -> set[str]:
    """German literals passed to ``tr``/``N_`` of ``k360desk.messages`` outside ``ui/``."""
    found = set()
    for path in (ROOT / "src" / "k360desk").rglob("*.py"):
        if UI in path.parents:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {alias.asname or alias.name for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module == "k360desk.messages"
                 for alias in node.names} & {"tr", "N_"}
        found |= {node.args[0].value for node in ast.walk(tree)
                  if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                  and node.func.id in names and node.args and isinstance(node.args[0], ast.Constant)
                  and isinstance(node.args[0].value, str)}
    return found


def update_catalogue(path: Path) -> int:
    """Bring the catalogue in line with the code; return how many entries still lack English."""
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    new = {text: old.get(text, "") for text in marked_texts()}
    path.write_text(json.dumps(new, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                    encoding="utf-8")
    return sum(1 for text in new.values() if not text)


def main() -> int:
    ts = TRANSLATIONS / "k360desk_en.ts"
    lupdate(ts, ["-no-obsolete"])
    lrelease(ts, TRANSLATIONS / "k360desk_en.qm")
    print(f"aktualisiert: {ts.relative_to(ROOT)}")
    catalogue = TRANSLATIONS / "messages_en.json"
    open_entries = update_catalogue(catalogue)
    print(f"aktualisiert: {catalogue.relative_to(ROOT)}"
          + (f" ({open_entries} ohne Übersetzung)" if open_entries else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
