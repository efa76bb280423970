"""Profile book (parallel workers, outline, appendix), committee template (PDF and .docx),
Sozialatlas and the ``report`` command end to end."""

from __future__ import annotations

import pytest

from tests.reports.conftest import embedded_fonts, ink_fraction, pdf_text


def _outline_titles(path) -> list[str]:
    from pypdf import PdfReader

    out = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append(item.title)

    walk(PdfReader(str(path)).outline)
    return out


def test_book_in_two_worker_processes_with_outline_and_appendix(demo, tmp_path):
    from k360desk.export.pdf.book import select_districts, write_book
    from k360desk.progress import Progress

    ids = select_districts(demo, codes=["0101", "0102", "0505"])
    seen = []
    out = tmp_path / "buch.pdf"
    result = write_book(
        demo, out, ids, progress=Progress(lambda d, t, text: seen.append(text)), workers=2, chunk_size=1
    )
    pages = pdf_text(out)
    assert result.pages == len(pages) and result.profiles == 3
    assert "Quartiersprofile" in pages[0] and "Auswahl von 3 Sozialräumen" in pages[0]
    toc = pages[1]
    assert "Inhalt" in toc and "Altstadt" in toc and "Am Hochfeld" in toc
    first_profile = next(i for i, t in enumerate(pages) if "Altstadt" in t and "Kennzahlen" in t)
    assert f"Seite {first_profile + 1} von {len(pages)}" in pages[first_profile]
    assert any("Anhang A: Methoden" in t and "Referenzwert Gesamtstadt" in "".join(pages) for t in pages)
    assert any("Glossar der Indikatoren" in t for t in pages)
    titles = _outline_titles(out)
    assert {
        "Titel",
        "Inhalt",
        "Quartiersprofile",
        "0101 Altstadt",
        "0505 Am Hochfeld",
        "Anhang A: Methoden",
        "Anhang B: Glossar der Indikatoren",
    } <= set(titles)
    assert any("gezeichnet" in text for text in seen)
    assert embedded_fonts(out)
    assert ink_fraction(out, 0) > 0.02


def test_book_cancel_leaves_no_file(demo, tmp_path):
    from k360desk.export.pdf.book import select_districts, write_book
    from k360desk.progress import Cancelled, Progress

    progress = Progress()
    calls = []

    def stop(done, total, text):
        calls.append(done)
        if len(calls) == 2:
            progress.cancel()

    progress._callback = stop
    out = tmp_path / "abbruch.pdf"
    with pytest.raises(Cancelled):
        write_book(demo, out, select_districts(demo, level="Quartier"), progress=progress, workers=1)
    assert not out.exists()


def test_committee_pdf_and_docx_have_the_council_sections(demo, tmp_path):
    import docx

    from k360desk.export.pdf.committee import write_committee_pdf
    from k360desk.export.pdf.committee_docx import SECTION_HEADINGS, write_committee_docx

    out = tmp_path / "vorlage.pdf"
    content = write_committee_pdf(demo, "Sozialraumbudget 2026–2030", out)
    text = "\n".join(pdf_text(out))
    for heading in SECTION_HEADINGS + ("Beschlussvorlage", "Anlage 2: Kriterienkatalog"):
        assert heading in text
    # The amounts are exactly those of figures_rounds.
    from k360desk.figures.rounds import ranking_for_round
    from k360desk.formats import format_money
    from k360desk.models import rounds

    rnd = rounds.find_round(demo, "Sozialraumbudget 2026–2030")
    ranking, _, budget, _ = ranking_for_round(demo, rnd.id)
    assert format_money(budget["remaining"].sum()) in text
    assert format_money(ranking["proposed"].fillna(0).sum()) in text
    assert content.map_spec is not None
    word = tmp_path / "vorlage.docx"
    write_committee_docx(demo, rnd.id, word)
    document = docx.Document(str(word))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    for heading in SECTION_HEADINGS:
        assert heading in headings
    assert len(document.tables) >= 4 and len(document.inline_shapes) == 1


def test_atlas_lists_facilities_with_provider(demo, tmp_path):
    from k360desk.export.pdf.atlas import write_atlas

    out = tmp_path / "atlas.pdf"
    count = write_atlas(demo, out, level="Quartier")
    text = "\n".join(pdf_text(out))
    assert count > 100 and "Sozialatlas" in text and "Kindertagesstätte" in text
    assert "Einrichtungen)" in text and "Träger" in text
    # issue 19: the signs ("–" for no places) are explained below the overview
    assert "Zeichenerklärung: . = geheim gehalten" in " ".join(text.split())


def test_method_text_shipped_with_package_matches_docs():
    from pathlib import Path

    from k360desk.export.pdf.markdown import inline, method_text

    docs = Path(__file__).resolve().parents[2] / "docs" / "methods.md"
    assert method_text() == docs.read_text(encoding="utf-8")
    assert inline("**a** & <b>x</b> x<sub>i</sub>") == "<b>a</b> &amp; &lt;b&gt;x&lt;/b&gt; x<sub>i</sub>"


def test_report_command_end_to_end(demo_file, tmp_path, capsys):
    import docx

    from k360desk.cli import main

    profile = tmp_path / "p.pdf"
    assert main(["report", "profile", str(demo_file), "--district", "0505", "-o", str(profile)]) == 0
    assert "Am Hochfeld" in pdf_text(profile)[0]
    word = tmp_path / "v.docx"
    assert (
        main(["report", "committee", str(demo_file), "--round", "Quartiersfonds 2025", "-o", str(word)]) == 0
    )
    assert docx.Document(str(word)).paragraphs
    assert "gespeichert" in capsys.readouterr().out
    assert main(["report", "profile", str(demo_file), "--district", "4711", "-o", str(profile)]) == 1
    assert "4711" in capsys.readouterr().err
    assert main(["report", "atlas", str(demo_file), "-o", str(tmp_path / "a.docx")]) == 1
    assert (
        main(["report", "committee", str(demo_file), "--round", "gibtsnicht", "-o", str(tmp_path / "x.pdf")])
        == 1
    )
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "x.pdf.part").exists()


def test_book_loads_its_data_once_and_each_questionnaire_summary_once(demo, tmp_path,
                                                                      monkeypatch):
    """At city scale each worker loaded everything again and the questionnaire summary of a
    question was computed once per district (85 % of the loading); the pages stay the same."""
    from k360desk.export.pdf.book import select_districts, write_book
    from k360desk.export.pdf.profile_data import ProfileData
    from k360desk.figures import questionnaire

    ids = select_districts(demo, level="Quartier")
    single = tmp_path / "einzeln.pdf"
    write_book(demo, single, ids[:4], workers=1)
    summaries, loads = [], []
    rating_summary, load = questionnaire.rating_summary, ProfileData.load.__func__
    monkeypatch.setattr(questionnaire, "rating_summary",
                        lambda *a: summaries.append(a[1:]) or rating_summary(*a))
    monkeypatch.setattr(ProfileData, "load", classmethod(
        lambda cls, *a, **k: loads.append(1) or load(cls, *a, **k)))
    out = tmp_path / "buch.pdf"
    write_book(demo, out, ids[:4], workers=2, chunk_size=2)
    assert loads == [1]  # here, handed to the workers
    assert len(summaries) == len(set(summaries)) > 0
    assert pdf_text(out)[2:] == pdf_text(single)[2:]
