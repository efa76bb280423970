"""The build log's bundle report: the 20 largest files, forbidden packages, the size goal."""

from __future__ import annotations

import importlib.util
from pathlib import Path

INSTALLER = Path(__file__).resolve().parents[2] / "installer"


def _report():
    spec = importlib.util.spec_from_file_location("bundle_report", INSTALLER / "bundle_report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _bundle(root: Path, extra: dict[str, int]) -> Path:
    app = root / "k360desk"
    files = {"k360desk.exe": 100_000, "k360desk-cli.exe": 100_000,
             "_internal/PySide6/Qt6Core.dll": 3_000_000, **extra}
    for name, size in files.items():
        path = app / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\0" * size)
    return app


def test_report_lists_largest_files_and_passes_under_the_goal(tmp_path, capsys):
    app = _bundle(tmp_path, {f"_internal/lib{i}.dll": 1000 * i for i in range(30)})
    assert _report().main([str(app), "--max-mb", "250"]) == 0
    out = capsys.readouterr().out
    listed = [line for line in out.splitlines() if line.startswith("  ") and " MB  " in line]
    assert len(listed) == 20 and listed[0].endswith("_internal/PySide6/Qt6Core.dll")
    assert "k360desk.exe 0.10 MB" in out


def test_report_fails_over_the_goal_or_with_scipy(tmp_path, capsys):
    app = _bundle(tmp_path, {"_internal/scipy/linalg/_flapack.pyd": 2_000_000})
    assert _report().main([str(app)]) == 1
    assert "scipy" in capsys.readouterr().err
    assert _report().main([str(app), "--forbid", "", "--max-mb", "4"]) == 1


def test_spec_keeps_scipy_out_and_shares_the_modules_between_both_launchers():
    spec = (INSTALLER / "k360desk.spec").read_text(encoding="utf-8")
    for name in ("mapclassify", "scipy", "sklearn"):
        assert f'"{name}",' in spec
    assert "noarchive=True" in spec
