"""`k360desk demo OUT` end to end through the command-line entry point."""

from __future__ import annotations

from k360desk.cli import main


def test_demo_command_writes_a_project_that_info_and_check_accept(tmp_path, capsys):
    target = tmp_path / "musterstadt.k360"
    assert main(["demo", str(target)]) == 0
    assert target.exists()
    assert "Demo-Projekt geschrieben" in capsys.readouterr().out
    assert main(["info", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Musterstadt" in out and "03499000" in out and "2015–2024" in out
    assert main(["check", str(target)]) == 0


def test_demo_command_with_seed_and_missing_folder(tmp_path, capsys):
    assert main(["demo", str(tmp_path / "fehlt" / "x.k360")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fehler:") and "Ordner" in err and "Traceback" not in err
    assert main(["demo", str(tmp_path / "a.k360"), "--seed", "5"]) == 0
    assert (tmp_path / "a.k360").exists()


def test_demo_command_refuses_an_unknown_scale(tmp_path, capsys):
    try:
        code = main(["demo", str(tmp_path / "x.k360"), "--scale", "riesig"])
    except SystemExit as exc:  # argparse rejects the choice itself
        code = exc.code
    assert code == 2
    assert "riesig" in capsys.readouterr().err
