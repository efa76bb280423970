"""``k360desk round …`` end to end on a saved project file."""

from __future__ import annotations

from k360desk.cli import main
from k360desk.projectfile import Application, DecisionRule, FundingRound, Project


def test_list_and_ranking_print_german_tables(round_file, capsys, tmp_path):
    path, ids = round_file
    assert main(["round", "list", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Runde 2026" in out and "Bewertung" in out and "300.000 €" in out
    csv_path = tmp_path / "rang.csv"
    assert main(["round", "ranking", str(path), "Runde 2026", "-o", str(csv_path)]) == 0
    out = capsys.readouterr().out
    assert "Nachbarschaftstreff" in out and "nicht gefördert" in out
    assert "Reihenfolge bei Gleichstand" in out and "Bezugsjahr 2023" in out
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.startswith("Rang;Antrag;Träger;Spitzenverband")
    first = text.splitlines()[1].split(";")
    assert first[1] == "Nachbarschaftstreff" and "," in first[5]  # decimal comma in the total


def test_csv_neutralises_formula_titles(round_file, tmp_path):
    path, ids = round_file
    with Project.open(path) as project:
        project._conn.execute("UPDATE applications SET title='=HYPERLINK(\"x\")' WHERE id=?", (ids["sport"],))
        project._conn.commit()
        project.save()
    out = tmp_path / "r.csv"
    assert main(["round", "ranking", str(path), str(ids["round"]), "-o", str(out)]) == 0
    assert "'=HYPERLINK" in out.read_text(encoding="utf-8-sig")


def test_allocate_trial_changes_nothing_and_final_records_the_decision(round_file, capsys):
    path, ids = round_file
    assert (
        main(["round", "allocate", str(path), "Runde 2026", "--rule", "partial", "--min-share", "50 %"]) == 0
    )
    out = capsys.readouterr().out
    assert "Probelauf" in out and "teilweise gefördert" in out and "früher gebunden" in out
    with Project.open(path, read_only=True) as project:
        assert project.get(FundingRound, ids["round"]).status == "assessment"
    # no rule gives anything to the administration: a decision without meeting is refused
    assert main(["round", "allocate", str(path), "Runde 2026", "--final"]) == 1
    err = capsys.readouterr().err
    assert "Verwaltung" in err and "--meeting" in err and err.count("\n") == 1


def test_split_rules_each_body_decides_its_own_applications_in_its_meeting(round_file, capsys):
    """D1: up to 50.000 € the district panel, above it the Sozialausschuss; both meetings
    decide their part, whichever comes first, and the round is decided after the second."""
    path, ids = round_file
    council = ["round", "allocate", str(path), "Runde 2026", "--final", "--meeting", str(ids["meeting"])]
    panel = ["round", "allocate", str(path), "Runde 2026", "--final", "--meeting", str(ids["panel_meeting"])]
    assert main(panel) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "Beschluss gespeichert (Stadtteilbeirat)" in out and "noch offen" in out
    with Project.open(path, read_only=True) as project:
        assert project.get(FundingRound, ids["round"]).status == "assessment"
        status = {a.id: a.status for a in project.all(Application, round_id=ids["round"])}
        # Lesepaten 40.000 € and Mitternachtssport 30.000 €: the panel's; the Treff (150.000 €
        # requested, not funded) waits for the Sozialausschuss
        assert status[ids["lesen"]] == "awarded" and status[ids["sport"]] == "awarded"
        assert status[ids["treff"]] == "submitted"
    assert main(panel) == 1
    assert "nichts mehr zu entscheiden (offen bei: Sozialausschuss)" in capsys.readouterr().err
    assert main(council) == 0, capsys.readouterr().err
    assert "Runde entschieden" in capsys.readouterr().out
    with Project.open(path, read_only=True) as project:
        assert project.get(FundingRound, ids["round"]).status == "decided"
        assert project.get(Application, ids["treff"]).status == "rejected"
        items = project._conn.execute("SELECT decision FROM agenda_items ORDER BY id").fetchall()
        assert "Beschluss (Stadtteilbeirat)" in items[0][0] and "Beschluss (Sozialausschuss)" in items[1][0]
    assert main(["round", "allocate", str(path), "Runde 2026"]) == 0
    out = capsys.readouterr().out
    assert "(Beschluss)" in out and "Probelauf" not in out


def test_administration_decides_small_applications_without_a_meeting(round_file, capsys):
    path, ids = round_file
    with Project.open(path) as project:
        project.add(DecisionRule(programme_id=ids["programme"], max_amount=35_000, committee_id=None))
        project.save()
    cmd = ["round", "allocate", str(path), "Runde 2026", "--final", "--date", "2026-02-20"]
    assert main(cmd) == 0, capsys.readouterr().err
    assert "Beschluss gespeichert (Verwaltung)" in capsys.readouterr().out
    with Project.open(path, read_only=True) as project:
        status = {a.id: a.status for a in project.all(Application, round_id=ids["round"])}
        assert status[ids["sport"]] == "awarded"  # 30.000 €: the administration's
        assert status[ids["lesen"]] == "submitted"  # 40.000 €: the panel's
        log = project._conn.execute("SELECT details FROM change_log WHERE action='decision'").fetchall()
        assert any("Beschluss (Verwaltung) vom 20.02.2026" in d for (d,) in log)


def test_unknown_round_is_one_german_line(round_file, capsys):
    path, _ = round_file
    assert main(["round", "ranking", str(path), "Runde 1999"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "Fehler: Förderrunde „Runde 1999“ gibt es nicht."


def test_allocate_final_without_rules_decides_and_saves(round_file, capsys):
    path, ids = round_file
    with Project.open(path) as project:
        project._conn.execute("DELETE FROM decision_rules")
        project._conn.commit()
        project.save()
    assert (
        main(
            [
                "round",
                "allocate",
                str(path),
                "Runde 2026",
                "--final",
                "--meeting",
                str(ids["meeting"]),
                "--date",
                "2026-03-12",
            ]
        )
        == 0
    )
    assert "Beschluss gespeichert" in capsys.readouterr().out
    with Project.open(path, read_only=True) as project:
        assert project.get(FundingRound, ids["round"]).status == "decided"
        decision = project._conn.execute("SELECT decision FROM agenda_items").fetchone()[0]
        assert decision.startswith("Beschluss (Sozialausschuss) vom 12.03.2026")
    assert main(["round", "list", str(path)]) == 0
    assert "entschieden" in capsys.readouterr().out
