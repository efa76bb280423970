"""The Beschlussvorlage of the demo's open round under split committee rules, before and after
the decision (PDF text and .docx): body per application, yearly amounts, reasons, budget line
and Verpflichtungsermächtigung, county wording, status-true wording, no negative remainder."""

from __future__ import annotations

import re

import docx
import pytest

from k360desk.cli import main
from k360desk.projectfile import Application, DecisionRule, FundingRound, Project
from tests.reports.conftest import pdf_text

NEGATIVE = re.compile(r"[-−]\s?\d")  # a negative amount such as "-30.846 €"


def _split_rules(path):
    """Sozialraumbudget: up to 100.000 € the Sozialausschuss (meeting 2), above it the
    Jugendhilfeausschuss (meeting 3)."""
    with Project.open(path) as project:
        rnd = project.get(FundingRound, 2)
        project._conn.execute("DELETE FROM decision_rules WHERE programme_id=?", (rnd.programme_id,))
        project.add(DecisionRule(programme_id=rnd.programme_id, max_amount=100_000, committee_id=1))
        project.add(DecisionRule(programme_id=rnd.programme_id, max_amount=None, committee_id=2))
        project.update(FundingRound, 2, budget_line="1.3610.718000")
        project.set_meta("municipality", "Kreis Musterland")
        project.save()


def _vorlage(path, tmp_path, name):
    pdf, word = tmp_path / f"{name}.pdf", tmp_path / f"{name}.docx"
    assert main(["report", "committee", str(path), "--round", "2", "-o", str(pdf)]) == 0
    assert main(["report", "committee", str(path), "--round", "2", "-o", str(word)]) == 0
    text = " ".join(" ".join(pdf_text(pdf)).split())
    document = docx.Document(str(word))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    body = " ".join(p.text for p in document.paragraphs)
    return text, body, cells


def test_demo_round_decided_in_two_meetings_with_a_complete_vorlage(demo_copy, tmp_path, capsys):
    _split_rules(demo_copy)
    text, body, cells = _vorlage(demo_copy, tmp_path, "vorschlag")
    # each body named with its own applications, status-true wording of a proposal
    assert "Der Sozialausschuss beschließt" in text and "Der Jugendhilfeausschuss beschließt" in text
    assert "Der Sozialausschuss beschließt" in body
    assert "Förderung vorgeschlagen" in text and "× gefördert" not in text
    assert "fördert der Kreis" in text and "fördert die Stadt" not in text
    assert "Haushaltsstelle 1.3610.718000" in text
    assert "Verpflichtungsermächtigung von insgesamt" in text
    assert "zu Lasten der Haushaltsjahre 2027–2030" in text
    assert "Förderbeträge je Projekt und Haushaltsjahr" in text
    assert "Nicht oder nur teilweise geförderte Anträge: Gründe" in text
    assert "Passt nicht in das freie" in text
    assert "Sozialausschuss" in cells and "Jugendhilfeausschuss" in cells  # body per application
    assert not NEGATIVE.search(text.split("Finanzielle Auswirkungen")[1].split("Anlagen")[0])

    capsys.readouterr()
    assert main(["round", "allocate", str(demo_copy), "2", "--final", "--meeting", "3"]) == 0
    assert "noch offen bei Sozialausschuss" in capsys.readouterr().out
    assert main(["round", "allocate", str(demo_copy), "2", "--final", "--meeting", "2"]) == 0
    assert "Runde entschieden" in capsys.readouterr().out
    with Project.open(demo_copy, read_only=True) as project:
        assert project.get(FundingRound, 2).status == "decided"
        apps = project.all(Application, round_id=2)
        assert {a.status for a in apps} <= {"awarded", "rejected", "ineligible"}
        rows = project._conn.execute(
            "SELECT m.year, sum(m.awarded), b.amount FROM application_amounts m JOIN applications a "
            "ON a.id=m.application_id JOIN round_budgets b ON b.round_id=a.round_id AND b.year=m.year "
            "WHERE a.round_id=2 AND a.status='awarded' GROUP BY m.year").fetchall()
        assert rows and all(total <= budget + 0.001 for _, total, budget in rows)
    text, body, cells = _vorlage(demo_copy, tmp_path, "beschluss")
    assert "vorgeschlagen" not in text.split("Anlage 1")[0] and "bewilligt" in text
    assert "Vorschlag der Verwaltung" not in text


def test_shortfall_is_said_and_never_shown_as_negative_remainder(demo_copy, tmp_path):
    with Project.open(demo_copy) as project:
        project._conn.execute("UPDATE round_budgets SET amount = 30000000 WHERE round_id=2 AND year=2027")
        project._conn.execute(
            "UPDATE application_amounts SET awarded = requested, override_reason = 'Ausschusswunsch' "
            "WHERE application_id IN "
            "(SELECT id FROM applications WHERE round_id=2 AND status <> 'ineligible')")
        project.save()
    text, _, cells = _vorlage(demo_copy, tmp_path, "knapp")
    assert "reichen nicht aus: es fehlen 2027:" in text
    finance = text.split("Finanzielle Auswirkungen")[1].split("Anlagen")[0]
    assert not NEGATIVE.search(finance) and "fehlen" in finance
    assert not any(NEGATIVE.match(c.strip()) for c in cells)


@pytest.mark.parametrize("name, kind, expected", [("Musterstadt", "", "fördert die Stadt"),
                                                  ("Rhein-Sieg-Kreis", "", "fördert der Kreis"),
                                                  ("Aachen", "StädteRegion", "fördert die StädteRegion")])
def test_authority_wording(demo_copy, name, kind, expected):
    from k360desk.export.pdf.committee_data import committee_content

    with Project.open(demo_copy) as project:
        project.set_meta("municipality", name)
        if kind:
            project.set_meta("municipality_kind", kind)
        content = committee_content(project, 2)
    assert any(expected in fact for fact in content.facts)
