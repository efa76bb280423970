"""Blickpunkt: the planner's own words per district and period (issue 19) — stored, migrated,
printed on the profile, sent along with a copy and merged like all other data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from k360desk.models import commentaries
from k360desk.projectfile import District, Project, schema
from k360desk.projectfile.merge import ADDED_THERE, CONFLICT, apply_merge, plan_merge
from tests.reports.conftest import pdf_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

TEXT = """Das Quartier hat sich **stabilisiert**: die SGB-II-Quote sinkt seit drei Jahren.

- Familienzentrum eröffnet im Frühjahr
- Spielplatz Hafenstraße erneuert

Offen bleibt die Versorgung mit Kita-Plätzen."""


def _district(project, code="22") -> int:
    return project.find(District, code=code).id


def test_commentary_is_stored_per_district_and_period_and_cleared_by_an_empty_text(small_project):
    district = _district(small_project)
    commentaries.set_commentary(small_project, district, 2023, TEXT)
    assert commentaries.commentary(small_project, district, 2023) == TEXT
    assert commentaries.commentary(small_project, district, 2022) == ""
    commentaries.set_commentary(small_project, district, 2023, "Kürzer.")
    assert commentaries.commentary(small_project, district, 2023) == "Kürzer."
    assert len(commentaries.commentaries_frame(small_project)) == 1
    commentaries.set_commentary(small_project, district, 2023, "  \n")
    assert commentaries.commentaries_frame(small_project).empty


def test_too_long_commentary_is_refused_in_german(small_project):
    from k360desk.projectfile import ProjectError

    with pytest.raises(ProjectError, match="Blickpunkt.*Zeichen"):
        commentaries.set_commentary(small_project, _district(small_project), 2023, "x" * 30_000)


def test_old_file_gets_the_commentary_table(tmp_path):
    path = tmp_path / "v2.k360"
    shutil.copy(FIXTURES / "schema_v2.k360", path)
    with Project.open(path) as project:
        assert project.schema_version == schema.SCHEMA_VERSION >= 6
        district = int(project.districts_frame().index[0])
        commentaries.set_commentary(project, district, 2024, "Neu.")
        project.save()
    with Project.open(path, read_only=True) as again:
        assert commentaries.commentary(again, district, 2024) == "Neu."


def test_profile_prints_the_blickpunkt_of_its_period(small_project, tmp_path):
    from k360desk.export.pdf.profile import write_profile

    district = _district(small_project, "12")
    commentaries.set_commentary(small_project, district, 2023, TEXT)
    commentaries.set_commentary(small_project, district, 2019, "Alter Text, nicht zeigen.")
    out = tmp_path / "profil.pdf"
    write_profile(small_project, "12", out)
    text = " ".join(" ".join(pdf_text(out)).split())
    assert "Blickpunkt" in text and "stabilisiert" in text and "**" not in text
    assert "• Familienzentrum eröffnet im Frühjahr" in text or "Familienzentrum eröffnet" in text
    assert "Alter Text" not in text
    other = tmp_path / "ohne.pdf"
    write_profile(small_project, "13", other)
    assert "Blickpunkt" not in " ".join(pdf_text(other))


def test_copy_carries_and_merge_brings_their_commentary(small_project, tmp_path):
    from k360desk.io.exchange import send_copy

    district = _district(small_project, "12")
    commentaries.set_commentary(small_project, district, 2023, "Unsere Sicht.")
    small_project.save()
    copy = tmp_path / "kopie.k360"
    send_copy(small_project, copy, minimise=True)
    theirs = Project.open(copy)
    try:
        assert commentaries.commentary(theirs, district, 2023) == "Unsere Sicht."
        commentaries.set_commentary(theirs, _district(theirs, "13"), 2023, TEXT)
        commentaries.set_commentary(theirs, district, 2023, "Ihre Sicht.")
        commentaries.set_commentary(small_project, district, 2023, "Unsere neue Sicht.")
        plan = plan_merge(small_project, theirs)
        kinds = {(i.table, i.kind) for i in plan.items if i.table == "commentaries"}
        assert kinds == {("commentaries", ADDED_THERE), ("commentaries", CONFLICT)}
        apply_merge(small_project, plan)
        assert commentaries.commentary(small_project, _district(small_project, "13"), 2023) == TEXT
        assert commentaries.commentary(small_project, district, 2023) == "Unsere neue Sicht."
    finally:
        theirs.close()


def test_blickpunkte_exported_for_colleagues_as_csv_and_xlsx(small_project, tmp_path, capsys):
    import openpyxl

    from k360desk.cli import main

    commentaries.set_commentary(small_project, _district(small_project, "12"), 2023, TEXT)
    commentaries.set_commentary(small_project, _district(small_project, "13"), 2022, "=HYPERLINK(1)")
    small_project.save()
    csv_out, xlsx_out = tmp_path / "blick.csv", tmp_path / "blick.xlsx"
    assert main(["export", "commentaries", str(small_project.path), str(csv_out)]) == 0
    assert "2 Blickpunkte geschrieben" in capsys.readouterr().out
    lines = csv_out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Sozialraum;Name;Jahr;Blickpunkt;geändert"
    assert "'=HYPERLINK(1)" in csv_out.read_text(encoding="utf-8-sig")
    assert main(["export", "commentaries", str(small_project.path), str(xlsx_out), "--period", "2023"]) == 0
    sheet = openpyxl.load_workbook(xlsx_out)["Blickpunkte"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and rows[0][0] == "12" and rows[0][2] == 2023 and rows[0][3] == TEXT


def test_both_copies_writing_the_same_blickpunkt_is_a_conflict_not_a_failed_merge(small_project, tmp_path):
    """Two colleagues each write the Blickpunkt of Quartier 12 for 2023 in their copy: the
    merge shows one conflict (ours kept by default) instead of failing on a duplicate."""
    small_project.save()
    copy = tmp_path / "kollegin.k360"
    shutil.copy(small_project.path, copy)
    theirs = Project.open(copy)
    try:
        district = _district(small_project, "12")
        commentaries.set_commentary(small_project, district, 2023, "Unsere Sicht.")
        commentaries.set_commentary(theirs, _district(theirs, "12"), 2023, "Ihre Sicht.")
        plan = plan_merge(small_project, theirs)
        items = [i for i in plan.items if i.table == "commentaries"]
        assert [i.kind for i in items] == [CONFLICT]
        assert items[0].label.startswith("Blickpunkt 2023")
        items[0].take_theirs = True
        apply_merge(small_project, plan)
        assert commentaries.commentary(small_project, district, 2023) == "Ihre Sicht."
    finally:
        theirs.close()


def test_blickpunkt_markup_is_text_not_pdf_markup(small_project, tmp_path):
    from k360desk.export.pdf.profile import write_profile

    hostile = 'Kinder & Jugend <font size="40">Süd</font> <b>laut</b>\n\n- <br/> Punkt'
    commentaries.set_commentary(small_project, _district(small_project, "12"), 2023, hostile)
    out = tmp_path / "profil.pdf"
    write_profile(small_project, "12", out)
    text = " ".join(" ".join(pdf_text(out)).split())
    assert 'Kinder & Jugend <font size="40">Süd</font> <b>laut</b>' in text
    assert "<br/> Punkt" in text
