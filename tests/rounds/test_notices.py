"""Notices after the decision (PDF text) and the round CLI's report, decide and rank."""

from __future__ import annotations

from k360desk.cli import main
from tests.reports.conftest import pdf_text


def test_decide_notices_and_report(round_file, tmp_path, capsys):
    path, ids = round_file
    assert main(["round", "rank", str(path), "Runde 2026"]) == 0
    for meeting in ("panel_meeting", "meeting"):
        assert main(["round", "decide", str(path), "Runde 2026", "--meeting", str(ids[meeting])]) == 0
    assert main(["round", "amend", str(path), "Runde 2026", "Lesepaten", "--amount", "2027=25.000",
                 "--reason", "Miete", "--date", "2026-06-01"]) == 0
    capsys.readouterr()
    folder = tmp_path / "bescheide"
    assert main(["round", "notices", str(path), "Runde 2026", "-o", str(folder)]) == 0
    assert "4 Bescheide geschrieben" in capsys.readouterr().out
    texts = {f.name: " ".join(" ".join(pdf_text(f)).split()) for f in sorted(folder.glob("*.pdf"))}
    award = next(t for n, t in texts.items() if "Bewilligungsbescheid" in n and "Lesepaten" in t)
    assert "Kleinstadt" in award and "Caritas" not in award and "AWO Kreisverband" in award
    assert "2026 20.000 €" in award and "2027 25.000 €" in award and "bewilligt Ihnen die Stadt" in award
    rejection = next(t for n, t in texts.items() if "Ablehnungsbescheid" in n)
    assert "Nachbarschaftstreff" in rejection and "Begründung: Passt nicht" in rejection
    amendment = next(t for n, t in texts.items() if "Aenderungsbescheid" in n)
    assert "2027: 20.000 € → 25.000 €" in amendment
    out = tmp_path / "vorlage.docx"
    assert main(["round", "report", str(path), "Runde 2026", "-o", str(out)]) == 0 and out.exists()
