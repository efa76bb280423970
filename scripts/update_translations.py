"""Refresh the English translation: extract strings from ``ui/`` and compile the ``.qm``.

Run from the checkout: ``python scripts/update_translations.py``. Then translate the new
entries in ``src/k360desk/resources/translations/k360desk_en.ts`` (Qt Linguist:
``pyside6-linguist``) and run this script again to build the ``.qm``.
"""

from __future__ import annotations

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


def main() -> int:
    ts = TRANSLATIONS / "k360desk_en.ts"
    lupdate(ts, ["-no-obsolete"])
    lrelease(ts, TRANSLATIONS / "k360desk_en.qm")
    print(f"aktualisiert: {ts.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
