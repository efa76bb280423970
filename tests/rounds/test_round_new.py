"""``round new``: a round for a programme from the command line (name, programme, budget per
year, deadline, rules, criteria of an earlier round), refused with one German line when wrong."""

from __future__ import annotations

from k360desk.cli import main
from k360desk.models import rounds as store
from k360desk.projectfile import Criterion, FundingRound, Project


def test_round_new_creates_a_draft_with_budgets_in_cents(round_file, capsys):
    path, ids = round_file
    base = ["round", "new", str(path), "--programme", "Quartiersfonds", "--name", "Runde 2029"]
    assert main([*base, "--budget", "2029=100.000", "--budget", "2030=abc"]) == 1
    assert capsys.readouterr().err.strip() == "Fehler: „abc“ ist kein Betrag"
    assert main(["round", "new", str(path), "--programme", "Stadtteilfonds", "--name", "X",
                 "--budget", "2029=1"]) == 1
    err = capsys.readouterr().err
    assert "Förderprogramm „Stadtteilfonds“ gibt es nicht (vorhanden: Quartiersfonds)" in err
    assert main([*base, "--budget", "2029=10.000", "--years", "2030-2031"]) == 1
    assert "Budgetjahr 2029 liegt außerhalb des Zeitraums 2030–2031" in capsys.readouterr().err
    assert main([*base, "--budget", "2029=10.000", "--budget", "2030=15.000",
                 "--budget", "2031=5.000,05", "--deadline", "2028-10-31", "--rule", "partial",
                 "--min-share", "60 %", "--need-rule", "omit", "--budget-line", "1.3610.718000",
                 "--criteria-from", "Runde 2026"]) == 0
    assert ("Förderrunde „Runde 2029“ angelegt (Nr. 3, Entwurf, 2029–2031, Budget 30.000,05 €)."
            in capsys.readouterr().out)
    assert main([*base, "--budget", "2029=1"]) == 1
    assert "Eine Förderrunde „Runde 2029“ gibt es schon." in capsys.readouterr().err
    with Project.open(path, read_only=True) as project:
        rnd = project.find(FundingRound, name="Runde 2029")
        assert (rnd.status, rnd.deadline, rnd.allocation_rule, rnd.min_share) == ("draft", "2028-10-31",
                                                                                 "partial", 0.6)
        assert rnd.need_fallback == "omit" and rnd.budget_line == "1.3610.718000"
        raw = project._conn.execute("SELECT year, amount FROM round_budgets WHERE round_id=? ORDER BY year",
                                    (rnd.id,)).fetchall()
        assert raw == [(2029, 1_000_000), (2030, 1_500_000), (2031, 500_005)]
        assert [c.name for c in project.all(Criterion, round_id=rnd.id)] == [
            c.name for c in project.all(Criterion, round_id=ids["round"])]
        frame = store.rounds_frame(project).set_index("name")
        assert frame.at["Runde 2029", "budget"] == 30_000.05
    assert main(["round", "list", str(path)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "Runde 2029" in x)
    assert "30.000,05 €" in line and "Entwurf" in line
