"""``k360desk questionnaire export`` and ``import`` end to end."""

from __future__ import annotations

from openpyxl import load_workbook

from k360desk.cli import main
from k360desk.io.questionnaire_layout import ANSWER_SHEET, FIRST_ROW
from k360desk.models.questionnaire import statements_frame
from k360desk.projectfile import Project


def test_cli_export_and_import(voice_project, tmp_path, capsys):
    project, _ids = voice_project
    path = project.path
    project.close()
    out = tmp_path / "bögen"
    assert main(["questionnaire", "export", str(path), "2025", str(out)]) == 0
    files = sorted(out.glob("*.xlsx"))
    assert len(files) == 3
    assert "3 Fragebögen geschrieben" in capsys.readouterr().out
    wb = load_workbook(files[0])
    wb[ANSWER_SHEET][f"E{FIRST_ROW}"] = 4
    wb[ANSWER_SHEET][f"E{FIRST_ROW + 1}"] = 9
    wb.save(files[0])
    report = tmp_path / "bericht.csv"
    code = main(["questionnaire", "import", str(path), *map(str, files), "--report", str(report)])
    captured = capsys.readouterr()
    assert code == 2
    assert "1 neu übernommen" in captured.out and "zwischen 1 und 5" in captured.out
    assert report.exists()
    reopened = Project.open(path, read_only=True)
    assert len(statements_frame(reopened)) == 1
    reopened.close()
    assert main(["questionnaire", "import", str(path), str(files[1]), "--allow-skipped"]) == 0


def test_cli_unknown_period(voice_project, tmp_path, capsys):
    project, _ids = voice_project
    path = project.path
    project.close()
    assert main(["questionnaire", "export", str(path), "1999", str(tmp_path)]) == 1
    assert "keine Trägerabfrage" in capsys.readouterr().err
    assert main(["questionnaire", "import", str(path), str(tmp_path / "fehlt.xlsx")]) == 1
