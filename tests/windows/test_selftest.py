"""The hidden ``--selftest``: every step runs, skips and failures are reported honestly."""

from __future__ import annotations

import json
import sys

import pytest

from k360desk.cli import build_parser, main
from k360desk.selftest import Context, run_selftest
from k360desk.selftest import runner as selftest


def _report(folder):
    return json.loads((folder / selftest.REPORT_JSON).read_text(encoding="utf-8"))


def test_full_selftest_passes_and_writes_both_reports(tmp_path, monkeypatch):
    # The district profile belongs to the PDF tests; installer/ci-check.sh runs it frozen.
    monkeypatch.setenv(selftest.SKIP_VARIABLE, "profile")
    assert run_selftest(tmp_path / "bericht") == 0
    report = _report(tmp_path / "bericht")
    statuses = {s["key"]: s["status"] for s in report["schritte"]}
    assert set(statuses) == {key for key, _label, _func in selftest.steps()}
    assert statuses["profile"] == selftest.SKIPPED
    # Heavy dependencies really ran (not skipped, not "unavailable").
    for key in ("qt", "proj", "gdal", "geopandas", "matplotlib", "matplotlib_qt", "reportlab",
                "qtpdf", "print", "openpyxl", "sqlite_utils", "demo", "project", "app"):
        assert statuses[key] == selftest.PASSED, key
    assert report["ergebnis"] == "bestanden"
    assert all(s["seconds"] >= 0 for s in report["schritte"])
    text = (tmp_path / "bericht" / selftest.REPORT_TEXT).read_text(encoding="utf-8")
    assert "Ergebnis: BESTANDEN" in text and "PROJ-Datenbank" in text
    # The files a person can look at afterwards.
    for name in ("bericht.pdf", "bericht_seite1.png", "druck.pdf", "fenster.png", "diagramm.png"):
        assert (tmp_path / "bericht" / name).stat().st_size > 0, name


def test_skip_variable_skips_named_steps(tmp_path, monkeypatch):
    monkeypatch.setenv(selftest.SKIP_VARIABLE, "qtpdf, print,gdal")
    fast = [s for s in selftest.steps() if s[0] in {"env", "qtpdf", "print", "gdal", "proj"}]
    monkeypatch.setattr(selftest, "steps", lambda: fast)
    assert run_selftest(tmp_path) == 0
    statuses = {s["key"]: s["status"] for s in _report(tmp_path)["schritte"]}
    assert statuses == {"env": "ok", "proj": "ok", "gdal": selftest.SKIPPED,
                        "qtpdf": selftest.SKIPPED, "print": selftest.SKIPPED}
    assert "Übersprungen über K360_SELFTEST_SKIP: gdal, qtpdf, print" in (
        tmp_path / selftest.REPORT_TEXT).read_text(encoding="utf-8")


def test_a_failing_step_fails_the_run_with_its_traceback(tmp_path, monkeypatch):
    def broken(ctx):
        raise RuntimeError("GDAL-Daten fehlen")

    def missing(ctx):
        raise selftest.Unavailable("noch nicht verfügbar")

    monkeypatch.setattr(selftest, "steps", lambda: [("gdal", "GDAL", broken),
                                                    ("profile", "Profil", missing)])
    monkeypatch.delenv(selftest.SKIP_VARIABLE, raising=False)
    assert run_selftest(tmp_path) == 1
    report = _report(tmp_path)
    assert report["fehlgeschlagen"] == ["gdal"]  # "unavailable" does not count as failure
    assert report["schritte"][1]["status"] == selftest.UNAVAILABLE
    text = (tmp_path / selftest.REPORT_TEXT).read_text(encoding="utf-8")
    assert "FEHLGESCHLAGEN" in text and "RuntimeError: GDAL-Daten fehlen" in text
    assert "Traceback" in text


def test_only_unavailable_parts_still_pass(tmp_path, monkeypatch):
    def missing(ctx):
        raise selftest.Unavailable("Quartiersprofil noch nicht verfügbar")

    monkeypatch.setattr(selftest, "steps", lambda: [("profile", "Profil", missing)])
    assert run_selftest(tmp_path) == 0
    assert "noch nicht verfügbar" in (tmp_path / selftest.REPORT_TEXT).read_text(encoding="utf-8")


def test_cli_option_runs_it_and_is_hidden_from_help(tmp_path, monkeypatch):
    env_only = [s for s in selftest.steps() if s[0] == "env"]
    monkeypatch.setattr(selftest, "steps", lambda: env_only)
    assert main(["--selftest", str(tmp_path / "x")]) == 0
    assert (tmp_path / "x" / selftest.REPORT_JSON).exists()
    assert "--selftest" not in build_parser().format_help()


def test_program_folder_check_catches_writes_beside_the_program(tmp_path, monkeypatch):
    from k360desk.selftest import checks as selftest_checks

    program = tmp_path / "Program Files" / "k360desk"
    program.mkdir(parents=True)
    (program / "k360desk.exe").write_bytes(b"MZ")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "k360desk.exe"))
    ctx = Context(tmp_path / "out")
    ctx.outdir.mkdir()
    info = selftest_checks.check_environment(ctx)
    assert info["frozen"] is True
    assert selftest_checks.check_program_dir(ctx) == {"dateien": 1}
    (program / "matplotlibrc.cache").write_text("x")
    with pytest.raises(RuntimeError, match="Programmordner"):
        selftest_checks.check_program_dir(ctx)


def test_data_folder_inside_program_folder_is_refused(tmp_path, monkeypatch):
    from k360desk.selftest import checks as selftest_checks

    program = tmp_path / "k360desk"
    program.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "k360desk.exe"))
    monkeypatch.setenv("K360DESK_DATA_DIR", str(program / "daten"))
    with pytest.raises(RuntimeError, match="liegt im Programmordner"):
        selftest_checks.check_environment(Context(tmp_path))


def test_profile_step_prints_a_tagged_profile_and_counts_its_pages(tmp_path, monkeypatch):
    # The frozen bundle must really tag through pikepdf; its object streams hide the page
    # objects from a plain byte search, so the step reads the file back with pikepdf.
    chain = [s for s in selftest.steps() if s[0] in {"demo", "project", "profile"}]
    monkeypatch.setattr(selftest, "steps", lambda: chain)
    assert run_selftest(tmp_path) == 0
    step = {s["key"]: s for s in _report(tmp_path)["schritte"]}["profile"]
    assert step["status"] == selftest.PASSED, step["error"]
    assert step["info"]["seiten"] >= 1
    assert step["info"]["getaggt"] is True
    assert step["info"]["pikepdf"]
