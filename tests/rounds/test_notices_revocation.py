"""The Widerrufsbescheid: a fourth notice kind written by ``round notices`` for every
revocation of the round, with the dropped years and the Rückforderung line (PDF and Word)."""

from __future__ import annotations

from k360desk.cli import main
from tests.reports.conftest import pdf_text
from tests.rounds.test_cli_after import _decide


def _revoked(path, ids, capsys):
    _decide(path, ids, capsys)  # Lesepaten: 20.000 € in 2026 and 2027
    assert main(["round", "pay", str(path), "Runde 2026", "Lesepaten", "2026", "20.000"]) == 0
    assert main(["round", "revoke", str(path), "Runde 2026", "Lesepaten", "--date", "2026-09-01",
                 "--reason", "Gruppe aufgelöst", "--from-year", "2027", "--eligible", "15.000"]) == 0
    capsys.readouterr()


def test_round_notices_writes_a_widerrufsbescheid_with_the_claim(round_file, tmp_path, capsys):
    path, ids = round_file
    _revoked(path, ids, capsys)
    folder = tmp_path / "bescheide"
    assert main(["round", "notices", str(path), "Runde 2026", "-o", str(folder)]) == 0
    files = sorted(folder.glob("*Widerrufsbescheid*.pdf"))
    assert len(files) == 1
    text = " ".join(" ".join(pdf_text(files[0])).split())
    assert "Widerrufsbescheid" in text and "AWO Kreisverband" in text and "Kleinstadt" in text
    assert "ab dem Haushaltsjahr 2027" in text and "2027 20.000 €" in text
    assert "Begründung: Gruppe aufgelöst" in text
    assert "Rückforderung: 5.000 €, zu zahlen bis zum 01.10.2026" in text
    # the award itself still names the money that was granted
    award = next(f for f in folder.glob("*Bewilligungsbescheid*.pdf")
                 if "Lesepaten" in " ".join(pdf_text(f)))
    assert award.exists()


def test_widerrufsbescheid_as_word(round_file, tmp_path, capsys):
    from docx import Document

    path, ids = round_file
    _revoked(path, ids, capsys)
    folder = tmp_path / "word"
    assert main(["round", "notices", str(path), "Runde 2026", "-o", str(folder), "--format", "docx"]) == 0
    files = sorted(folder.glob("*Widerrufsbescheid*.docx"))
    assert len(files) == 1
    doc = Document(str(files[0]))
    text = "\n".join(p.text for p in doc.paragraphs)
    text += "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "Widerrufsbescheid" in text and "Rückforderung: 5.000 €, zu zahlen bis zum 01.10.2026" in text
    assert "20.000 €" in text


def test_notices_help_names_the_widerrufsbescheid(capsys):
    try:
        main(["round", "notices", "--help"])
    except SystemExit:
        pass
    assert "Widerrufsbescheid" in " ".join(capsys.readouterr().out.split())
