"""Profile and committee template in English: no German beyond the project's own data."""

from __future__ import annotations

import pytest

from k360desk import messages
from tests.german import data_texts, german_words
from tests.reports.conftest import pdf_text


@pytest.fixture
def english():
    with messages.using("en"):
        yield


def _assert_english(pdf, project_file):
    found = german_words("\n".join(pdf_text(pdf)), data_texts(project_file))
    assert not found, "Deutsch im englischen PDF:\n" + "\n".join(dict.fromkeys(found))


def test_profile_in_english(demo, demo_file, tmp_path, english):
    from k360desk.export.pdf.profile import write_profile

    out = tmp_path / "profile.pdf"
    write_profile(demo, "0103", out)
    text = "\n".join(pdf_text(out))
    assert "Bahnhofsviertel" in text and "Page 1 of 2" in text
    _assert_english(out, demo_file)


def test_profile_of_a_higher_district_in_english(demo, demo_file, tmp_path, english):
    from k360desk.export.pdf.profile import write_profile

    out = tmp_path / "profile.pdf"
    write_profile(demo, "01", out)
    _assert_english(out, demo_file)


def test_committee_template_in_english(demo_file, tmp_path):
    from k360desk.cli import main

    out = tmp_path / "committee.pdf"
    assert main(["--lang", "en", "report", "committee", str(demo_file), "--round", "2",
                 "-o", str(out)]) == 0
    text = "\n".join(pdf_text(out))
    assert "Committee" in text or "committee" in text
    _assert_english(out, demo_file)


def test_german_stays_the_default(demo, tmp_path):
    from k360desk.export.pdf.profile import write_profile

    out = tmp_path / "profil.pdf"
    write_profile(demo, "0103", out)
    assert "Seite 1 von 2" in pdf_text(out)[0]
