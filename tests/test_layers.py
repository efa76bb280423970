"""The layer rules of the design, made checkable:
ui → export, io → figures → analysis, models → projectfile (and nothing outside ui/ imports Qt)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "k360desk"
BELOW_UI = ("projectfile", "models", "figures", "analysis", "io", "export", "demo")
_ABOVE_FIGURES = ("k360desk.io", "k360desk.export", "k360desk.ui", "k360desk.commands", "k360desk.selftest")
# Who may not import whom. selftest/ exercises every package and may import them all.
FORBIDDEN = {
    "projectfile": ("k360desk.models", "k360desk.analysis", "k360desk.figures", *_ABOVE_FIGURES),
    "models": ("k360desk.analysis", "k360desk.figures", *_ABOVE_FIGURES),
    "analysis": ("k360desk.projectfile", "k360desk.models", "k360desk.figures", *_ABOVE_FIGURES),
    "figures": _ABOVE_FIGURES,
    "io": ("k360desk.ui", "k360desk.export", "k360desk.commands", "k360desk.selftest"),
    "export": ("k360desk.ui", "k360desk.io.import_dialog", "k360desk.commands", "k360desk.selftest"),
    "demo": ("k360desk.ui", "k360desk.export", "k360desk.commands", "k360desk.selftest"),
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize("layer", BELOW_UI)
def test_no_qt_below_ui(layer):
    offenders = [f"{p.relative_to(PACKAGE)}: {name}" for p in (PACKAGE / layer).rglob("*.py")
                 for name in _imports(p) if name.split(".")[0] in ("PySide6", "shiboken6")]
    assert not offenders, "Qt unterhalb von ui/:\n" + "\n".join(offenders)


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_dependencies_point_one_way(layer):
    offenders = [f"{p.relative_to(PACKAGE)}: {name}" for p in (PACKAGE / layer).rglob("*.py")
                 for name in _imports(p) if name.startswith(FORBIDDEN[layer])]
    assert not offenders, "Verbotene Abhängigkeit:\n" + "\n".join(offenders)
