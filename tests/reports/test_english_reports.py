"""Profile and committee template in English: no German beyond the project's own data."""

from __future__ import annotations

import pytest

from k360desk import messages
from tests.german import data_texts, german_words
from tests.reports.conftest import pdf_text
from tests.rounds.conftest import round_file  # noqa: F401 - the fixture, shared


@pytest.fixture
def english():
    with messages.using("en"):
        yield


def _assert_english(pdf, project_file):
    found = german_words("\n".join(pdf_text(pdf)), data_texts(project_file))
    assert not found, "Deutsch im englischen PDF:\n" + "\n".join(dict.fromkeys(found))


def test_profile_in_english(demo, demo_file, tmp_path):
    from k360desk.export.pdf.profile import write_profile

    out = tmp_path / "profile.pdf"
    write_profile(demo, "0103", out, lang="en")  # the export's own option
    text = "\n".join(pdf_text(out))
    assert "Bahnhofsviertel" in text and "Page 1 of 2" in text
    _assert_english(out, demo_file)


def test_profile_of_a_higher_district_in_english(demo, demo_file, tmp_path, english):
    from k360desk.export.pdf.profile import write_profile

    out = tmp_path / "profile.pdf"
    write_profile(demo, "01", out)
    _assert_english(out, demo_file)


def test_committee_template_in_english(demo_file, tmp_path, capsys):
    from k360desk.cli import main

    out = tmp_path / "committee.pdf"
    assert main(["--lang", "en", "report", "committee", str(demo_file), "--round", "2",
                 "-o", str(out)]) == 0
    assert "Committee template saved" in capsys.readouterr().out
    text = "\n".join(pdf_text(out))
    assert "Committee" in text or "committee" in text
    _assert_english(out, demo_file)


def test_german_stays_the_default(demo, tmp_path):
    from k360desk.export.pdf.profile import write_profile

    out = tmp_path / "profil.pdf"
    write_profile(demo, "0103", out)
    assert "Seite 1 von 2" in pdf_text(out)[0]
    with messages.using("en"):  # an explicit option wins over the process language
        write_profile(demo, "0103", out, lang="de")
    assert "Seite 1 von 2" in pdf_text(out)[0]


def test_social_atlas_in_english(demo, demo_file, tmp_path, english):
    from k360desk.export.pdf.atlas import write_atlas

    out = tmp_path / "atlas.pdf"
    write_atlas(demo, out, level="Quartier")
    assert "Social atlas" in pdf_text(out)[0]
    _assert_english(out, demo_file)


def test_profile_book_workers_speak_english(demo, demo_file, tmp_path, english):
    from k360desk.export.pdf.book import select_districts, write_book

    ids = select_districts(demo, codes=["0101", "0505"])
    out = tmp_path / "book.pdf"
    write_book(demo, out, ids, workers=2, chunk_size=1)
    pages = pdf_text(out)
    front_and_profiles = pages[:2 + 2 * len(ids)]  # cover, contents, two pages per profile
    assert "Contents" in front_and_profiles[1]
    assert "Key figures" in front_and_profiles[2], front_and_profiles[2][:300]
    found = german_words("\n".join(front_and_profiles), data_texts(demo_file))
    assert not found, "Deutsch im englischen Profilbuch:\n" + "\n".join(dict.fromkeys(found))
    assert any("Annex B: glossary of the indicators" in " ".join(p.split()) for p in pages)


def _docx_text(path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def test_committee_docx_in_english(demo, demo_file, tmp_path):
    from k360desk.export.pdf.committee_docx import write_committee_docx

    out = tmp_path / "committee.docx"
    write_committee_docx(demo, 2, out, lang="en")
    text = _docx_text(out)
    assert "Subject" in text and "Page" in text, text[:500]
    found = german_words(text, data_texts(demo_file))
    assert not found, "Deutsch in der englischen Word-Vorlage:\n" + "\n".join(dict.fromkeys(found))


def test_notices_stay_german_in_english(round_file, tmp_path, capsys):  # noqa: F811
    # Bescheide are administrative acts: German letterhead and footer whatever the UI speaks.
    from k360desk.cli import main
    from tests.rounds.test_cli_after import _decide

    path, ids = round_file
    _decide(path, ids, capsys)
    folder = tmp_path / "notices"
    for fmt in ("docx", "pdf"):
        assert main(["--lang", "en", "round", "notices", str(path), "Runde 2026", "-o", str(folder),
                     "--format", fmt]) == 0
        assert "written" in capsys.readouterr().out
    text = _docx_text(sorted(folder.glob("*.docx"))[0])
    assert "Seite" in text and "Page" not in text and "Sozialplanung" in text, text[-300:]
    page = pdf_text(sorted(folder.glob("*.pdf"))[0])[0]
    assert "Seite 1 von" in page and "Page" not in page
