"""The call's application form as an Excel workbook, out and back in."""

from __future__ import annotations

from openpyxl import load_workbook

from k360desk.cli import main
from k360desk.io.round_books_layout import FIRST_ROW, FORM_SHEET, HEADER_ROW, KEY_ROW
from k360desk.projectfile import Application, Project, Topic


def _fill(path, rows):
    wb = load_workbook(path)
    sheet = wb[FORM_SHEET]
    where = {sheet.cell(row=KEY_ROW, column=c).value: c for c in range(1, sheet.max_column + 1)}
    for r, row in enumerate(rows, start=FIRST_ROW):
        for key, value in row.items():
            cell = sheet.cell(row=r, column=where[key])
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # typed into a text cell, never a formula
    wb.save(path)


ROWS = [
    {"provider": "AWO Kreisverband", "title": "Familiencafé", "districts": "11; 12",
     "topic": "Arbeit und Soziales",
     "start_year": 2026, "submitted": "01.11.2025", "amount:2026": 10_000, "amount:2027": "10.000,50"},
    {"provider": "Caritas Sozialdienst", "title": "Spätantrag", "districts": "22",
     "start_year": 2027, "submitted": "15.12.2025", "amount:2027": 5_000},
    {"provider": "Unbekannter Verein", "title": "Ohne Träger", "districts": "11", "start_year": 2026,
     "amount:2026": 1_000},
    {"provider": "AWO Kreisverband", "title": "Falscher Raum", "districts": "99", "start_year": 2026,
     "amount:2026": 1_000},
    {"provider": "AWO Kreisverband", "title": "Ohne Geld", "districts": "11", "start_year": 2026},
    {"provider": "AWO Kreisverband", "title": "=cmd|' /C calc'!A0", "districts": "13",
     "start_year": 2026, "submitted": "20.11.2025", "amount:2026": 2_000},
]


def test_form_round_trip_flags_late_and_reports_every_row(round_file, tmp_path, capsys):
    path, ids = round_file
    form = tmp_path / "Antrag.xlsx"
    assert main(["round", "export-application-form", str(path), "Runde 2026", "--out", str(form)]) == 0
    capsys.readouterr()
    sheet = load_workbook(form)[FORM_SHEET]
    headers = [sheet.cell(row=HEADER_ROW, column=c).value for c in range(2, sheet.max_column + 1)]
    assert headers[:5] == ["Träger *", "Projekttitel *", "Kurzbeschreibung", "Handlungsfeld",
                           "Sozialräume *"]
    years = headers.index("Betrag 2026 (€)")
    assert headers[years:years + 3] == ["Betrag 2026 (€)", "Betrag 2027 (€)", "Betrag 2028 (€)"]
    assert {"Gesamtkosten (€)", "Eigenanteil (€)", "Drittmittel (€)"} <= set(headers)
    assert any(dv.formula1 == "Listen!$A$1:$A$2" for dv in sheet.data_validations.dataValidation)
    assert "Semikolon" in sheet.cell(row=HEADER_ROW, column=6).comment.text
    assert main(["round", "import-applications", str(path), "Runde 2026", str(form)]) == 0
    assert "Das Formular enthält keine ausgefüllte Zeile." in capsys.readouterr().out
    _fill(form, ROWS)
    assert main(["round", "import-applications", str(path), "Runde 2026", str(form)]) == 2
    captured = capsys.readouterr()
    out = captured.out
    assert "Anträge: 3 neu übernommen" in out and "3 übersprungen" in out
    assert "Träger „Unbekannter Verein“ ist im Projekt nicht erfasst" in out
    assert "unbekannter Sozialraum: „99“" in out
    assert "Kein beantragter Betrag" in out
    assert "„Spätantrag“ verspätet eingegangen am 15.12.2025 (Frist 30.11.2025)" in out
    assert "„Familiencafé“ übernommen (20.000,50 €)" in out
    with Project.open(path, read_only=True) as project:
        apps = {a.title: a for a in project.all(Application, round_id=ids["round"])}
        cafe = apps["Familiencafé"]
        amounts = project.link_frame("application_amounts", application_id=cafe.id).set_index("year")
        assert amounts["requested"].to_dict() == {2026: 10_000, 2027: 10_000.5}
        assert cafe.duration == 2 and cafe.submitted == "2025-11-01"
        assert cafe.topic_id == project.find(Topic, name="Arbeit und Soziales").id
        shares = project.link_frame("application_districts", application_id=cafe.id)["share"].tolist()
        assert shares == [0.5, 0.5]
        assert apps["=cmd|' /C calc'!A0"].start_year == 2026  # text stays text
    assert main(["round", "import-applications", str(path), "Runde 2026", str(form),
                 "--allow-skipped"]) == 0
    assert "0 neu übernommen, 0 aktualisiert, 3 unverändert" in capsys.readouterr().out
    assert main(["round", "ranking", str(path), "Runde 2026"]) == 0
    assert "Spätantrag" in capsys.readouterr().out


def test_form_of_another_round_refused(round_file, tmp_path, capsys):
    path, _ids = round_file
    with Project.open(path) as project:
        from k360desk.projectfile import FundingRound

        project.add(FundingRound(name="Runde 2027", first_year=2026, last_year=2028, status="open"))
        project.save()
    form = tmp_path / "Antrag.xlsx"
    assert main(["round", "export-application-form", str(path), "Runde 2027", "--out", str(form)]) == 0
    _fill(form, ROWS[:1])
    capsys.readouterr()
    assert main(["round", "import-applications", str(path), "Runde 2026", str(form)]) == 2
    assert "anderen Förderrunde" in capsys.readouterr().out


def test_cost_columns_read_and_stored_in_cents(round_project, tmp_path):
    from k360desk.io.application_form import export_application_form, import_application_forms

    project, ids = round_project
    form = export_application_form(project, ids["round"], tmp_path / "Antrag.xlsx")
    row = dict(ROWS[0], **{"extra:total_costs": "25.000"})
    _fill(form, [row])
    result = import_application_forms(project, ids["round"], [form])
    assert result.skipped == 0
    (new_id,) = result.changes.ids
    cost = project._conn.execute("SELECT total_costs FROM applications WHERE id=?", (new_id,)).fetchone()
    assert cost[0] == 2_500_000  # whole cents in the store


def test_a_csv_is_no_form(round_file, tmp_path, capsys):
    path, _ids = round_file
    csv = tmp_path / "antrag.csv"
    csv.write_text("Träger;Titel\n", encoding="utf-8")
    assert main(["round", "import-applications", str(path), "Runde 2026", str(csv)]) == 2
    assert "keine lesbare Excel-Arbeitsmappe" in capsys.readouterr().out
