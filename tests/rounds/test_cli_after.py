"""``round configure|amend|review-end|pay`` end to end: German one-line errors, checks held."""

from __future__ import annotations

from k360desk.cli import main
from k360desk.projectfile import FundingRound, Payment, Project


def _decide(path, ids, capsys):
    for meeting in ("panel_meeting", "meeting"):
        assert main(["round", "allocate", str(path), "Runde 2026", "--final", "--meeting",
                     str(ids[meeting])]) == 0
    capsys.readouterr()


def test_configure_need_rule_and_budget_line(round_file, capsys):
    path, ids = round_file
    assert main(["round", "configure", str(path), "Runde 2026", "--need-rule", "declared"]) == 1
    assert capsys.readouterr().err.strip() == "Fehler: Für --need-rule declared fehlt --need-value."
    assert main(["round", "configure", str(path), "Runde 2026", "--need-rule", "omit",
                 "--budget-line", "1.3610.718000"]) == 0
    with Project.open(path, read_only=True) as project:
        rnd = project.get(FundingRound, ids["round"])
        assert rnd.need_fallback == "omit" and rnd.budget_line == "1.3610.718000"


def test_amend_review_end_and_pay(round_file, capsys):
    path, ids = round_file
    _decide(path, ids, capsys)
    base = ["round", "amend", str(path), "Runde 2026", "Lesepaten", "--reason", "Miete",
            "--date", "2026-06-01"]
    assert main([*base, "--amount", "2027=45.000"]) == 1
    assert capsys.readouterr().err.startswith("Fehler: Budget überschritten")
    assert main([*base, "--amount", "2027=25.000,50"]) == 0
    assert main(["round", "pay", str(path), "Runde 2026", "Lesepaten", "2027", "25.000,51"]) == 1
    assert "über der Bewilligung" in capsys.readouterr().err
    assert main(["round", "pay", str(path), "Runde 2026", "Lesepaten", "2027", "25.000,50"]) == 0
    assert main(["round", "pay", str(path), "Runde 2026", "Nachbarschaftstreff", "2026", "10"]) == 1
    assert "nicht bewilligt" in capsys.readouterr().err
    assert main(["round", "review-end", str(path), "Runde 2026", "Lesepaten", "--date", "2026-11-20"]) == 0
    assert "entfallene Jahresraten: 2027" in capsys.readouterr().out
    with Project.open(path, read_only=True) as project:
        amounts = project.link_frame("application_amounts", application_id=ids["lesen"]).set_index("year")
        assert amounts.at[2027, "awarded"] == 0
        assert [p.amount for p in project.all(Payment)] == [25_000.5]
