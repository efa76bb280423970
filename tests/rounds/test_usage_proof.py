"""Verwendungsnachweis: Sachbericht, numeric proof planned vs spent per cost type (cost types
are data), audit "ohne Beanstandung" or "mit Rückforderung" feeding the claim; CLI
``round proof`` with PDF and CSV output."""

from __future__ import annotations

import csv

import pytest

from k360desk.cli import main
from k360desk.models import revocations, usage_proof
from k360desk.models import rounds as store
from k360desk.projectfile import CostType, Project, UsageReport
from tests.rounds.test_cli_after import _decide


def test_proof_audit_with_recovery_feeds_the_claim_through_the_cli(round_file, capsys, tmp_path):
    from tests.reports.conftest import pdf_text

    path, ids = round_file
    _decide(path, ids, capsys)  # Lesepaten: 20.000 € in 2026
    assert main(["round", "pay", str(path), "Runde 2026", "Lesepaten", "2026", "20.000"]) == 0
    base = ["round", "proof", str(path), "Runde 2026", "Lesepaten", "2026"]
    assert main([*base, "--line", "Reisen=1:1"]) == 1
    err = capsys.readouterr().err
    assert ("Kostenart „Reisen“ gibt es nicht (bekannt: Personal, Sachkosten, Honorare, Miete, "
            "Sonstiges)") in err
    assert main([*base, "--narrative", "Zwölf Lesepaten, 80 Kinder.", "--received", "2027-05-10",
                 "--line", "Personal=15.000:14.000,50", "--line", "Sachkosten=5.000:3.000"]) == 0
    out = capsys.readouterr().out
    assert "nicht geprüft" in out
    summe = next(line for line in out.splitlines() if line.startswith("Summe"))
    assert summe.split()[1:] == ["20.000", "€", "17.000,50", "€", "\u22122.999,50", "€"]
    assert main([*base, "--audit", "ohne-beanstandung", "--audit-date", "2027-06-01"]) == 1
    assert "Ohne Beanstandung geht nicht: ausgezahlt 20.000 €" in capsys.readouterr().err
    pdf, table = tmp_path / "nachweis.pdf", tmp_path / "nachweis.csv"
    assert main([*base, "--audit", "mit-rueckforderung", "--note", "Sachkosten nicht belegt",
                 "--audit-date", "2027-06-01", "-o", str(pdf)]) == 0
    assert "Rückforderung: 2.999,50 €" in capsys.readouterr().out
    text = " ".join(" ".join(pdf_text(pdf)).split())
    for expected in ("Verwendungsnachweis 2026", "Zwölf Lesepaten, 80 Kinder.",
                     "Personal 15.000 € 14.000,50 €",
                     "geprüft mit Rückforderung am 01.06.2027 – Sachkosten nicht belegt",
                     "Rückforderung: 2.999,50 €"):
        assert expected in text
    assert main([*base, "-o", str(table)]) == 0
    with open(table, encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == ["Kostenart", "geplant", "ausgegeben", "Abweichung"]
    assert rows[1] == ["Personal", "15.000 €", "14.000,50 €", "\u2212999,50 €"]
    assert main(["round", "claim", str(path), "Runde 2026", "Lesepaten"]) == 0
    assert "gefordert 2.999,50 €, zurückgezahlt 0 €, offen 2.999,50 €" in capsys.readouterr().out
    with Project.open(path, read_only=True) as project:
        report = project.find(UsageReport, application_id=ids["lesen"], year=2026)
        assert report.audit == "recovery" and report.unspent == 2_999.5
        assert report.narrative == "Zwölf Lesepaten, 80 Kinder."


def test_cost_types_are_data_and_a_repeated_audit_replaces_its_claim(round_project):
    from tests.rounds.test_payments import _decided

    project, ids = round_project
    _decided(project, ids)
    project.add(CostType(name="Fahrtkosten", sort=9))
    assert [c.name for c in usage_proof.cost_types(project)][-1] == "Fahrtkosten"
    from k360desk.models.aftercare import record_payment

    record_payment(project, ids["lesen"], 2026, 10_000)
    report = usage_proof.set_proof(project, ids["lesen"], 2026, lines={"fahrtkosten": (2_000, 1_000)})
    lines = usage_proof.proof_lines(project, report).set_index("cost_type")
    assert lines.at["Fahrtkosten", "difference"] == -1_000 and lines.at["Personal", "spent"] == 0
    usage_proof.audit(project, report, "recovery", "nur Fahrtkosten belegt", "2027-06-01")
    assert revocations.claim_status(project, ids["lesen"])["claimed"] == 900_000
    usage_proof.set_proof(project, ids["lesen"], 2026, lines={"Personal": (None, 8_000)})
    usage_proof.audit(project, report, "recovery", "Personal nachgereicht", "2027-07-01")
    assert revocations.claim_status(project, ids["lesen"])["claimed"] == 100_000
    with pytest.raises(store.RoundError, match="nicht gefördert"):
        usage_proof.set_proof(project, ids["treff"], 2026, narrative="x")
