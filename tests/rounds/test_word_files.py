"""Word files a clerk can paste into the council information system (issue 19) and the notices
as Word (issue 17): read back with python-docx, as Word and the council system read them."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm

from k360desk.cli import main
from k360desk.projectfile import Project

W_LANG = qn("w:lang")


def _logo(path) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), (200, 30, 30)).save(buffer, format="PNG")
    with Project.open(path) as project:
        project.execute_link("assets", [{"name": "logo", "mime": "image/png", "data": buffer.getvalue()}])
        project.save()


@pytest.fixture
def vorlage(round_file, tmp_path):
    """The small city's Beschlussvorlage as .docx, with a logo in the project settings."""
    path, _ = round_file
    _logo(path)
    out = tmp_path / "vorlage.docx"
    assert main(["round", "report", str(path), "Runde 2026", "-o", str(out)]) == 0
    return docx.Document(str(out))


def _languages(element) -> set[str]:
    return {node.get(qn("w:val")) for node in element.iter(W_LANG)}


def test_styles_runs_and_defaults_are_german(vorlage):
    """Word spell-checked the Vorlage as English: the template's en-US was left everywhere."""
    styles = vorlage.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    assert _languages(defaults) == {"de-DE"}
    assert _languages(styles) == {"de-DE"}
    assert _languages(vorlage.element.body) <= {"de-DE"}
    assert vorlage.core_properties.language == "de-DE"
    # one font, Arial, also in the headings (the template's theme fonts would win in Word)
    fonts = list(styles.iter(qn("w:rFonts")))
    assert fonts and all(f.get(qn("w:asciiTheme")) is None for f in fonts)
    assert {f.get(qn("w:ascii")) for f in fonts} == {"Arial"}


def _text_width_cm(text: str, size_pt: float = 8) -> float:
    # Arial's widest lowercase letters run at ~0.56 em; a generous bound for one word
    return len(text) * size_pt * 0.56 * 2.54 / 72


def test_columns_fit_their_longest_word(vorlage):
    """Equal column widths broke "Schuldenprävention" inside the word in Word."""
    tables = [t for t in vorlage.tables if len(t.columns) > 3]
    assert tables
    for table in tables:
        widths = [table.columns[i].width for i in range(len(table.columns))]
        assert len(set(widths)) > 1, "gleich breite Spalten"
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                assert cell.width == width
                words = cell.text.split() or [""]
                # 0,4 cm cell padding left and right
                assert max(_text_width_cm(w) for w in words) <= Cm(width.cm - 0.38).cm + 0.01, cell.text


def test_table_headers_repeat_and_page_numbers_in_the_footer(vorlage):
    for table in vorlage.tables[1:]:
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
    footer = vorlage.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "Seite" in footer


def test_annex_1_is_landscape_and_headings_use_word_heading_styles(vorlage):
    sections = vorlage.sections
    assert sections[0].orientation == WD_ORIENT.PORTRAIT
    assert any(s.orientation == WD_ORIENT.LANDSCAPE and s.page_width > s.page_height for s in sections)
    headings = [(p.style.name, p.text) for p in vorlage.paragraphs if p.style.name.startswith("Heading")]
    names = [text for _, text in headings]
    for title in ("Betreff", "Beschlussvorschlag", "Sachverhalt und Begründung", "Finanzielle Auswirkungen"):
        assert ("Heading 1", title) in headings
    assert any(text.startswith("Anlage 1") for text in names)
    # the landscape section begins with Anlage 1
    body = vorlage.element.body
    landscape_start = None
    for index, p in enumerate(vorlage.paragraphs):
        if p.text.startswith("Anlage 1") and p.style.name.startswith("Heading"):
            landscape_start = index
    assert landscape_start is not None
    assert body is not None


def test_properties_are_the_municipality_s_and_letterhead_carries_the_logo(vorlage):
    props = vorlage.core_properties
    assert props.author == "Kleinstadt"
    assert props.title.startswith("Beschlussvorlage") and "Runde 2026" in props.title
    assert "python-docx" not in (props.comments + props.last_modified_by + props.keywords + props.subject)
    assert props.last_modified_by in ("", "Kleinstadt")
    header = vorlage.sections[0].header
    assert "Kleinstadt" in " ".join(p.text for p in header.paragraphs)
    assert header._element.xpath(".//pic:pic"), "kein Logo im Briefkopf"


def test_notices_as_word(round_file, tmp_path, capsys):
    """#17: Bescheide as DOCX beside the PDFs, same letterhead machinery."""
    path, ids = round_file
    _logo(path)
    with Project.open(path) as project:  # a notice goes by post: the provider's address
        from k360desk.projectfile import Provider

        awo = project.find(Provider, name="AWO Kreisverband")
        project.update(Provider, awo.id, address="Marktstraße 5\n24937 Kleinstadt")
        project.save()
    assert main(["round", "rank", str(path), "Runde 2026"]) == 0
    for meeting in ("panel_meeting", "meeting"):
        assert main(["round", "decide", str(path), "Runde 2026", "--meeting", str(ids[meeting])]) == 0
    assert main(["round", "amend", str(path), "Runde 2026", "Lesepaten", "--amount", "2027=25.000",
                 "--reason", "Miete", "--date", "2026-06-01"]) == 0
    capsys.readouterr()
    folder = tmp_path / "bescheide"
    assert main(["round", "notices", str(path), "Runde 2026", "-o", str(folder), "--format", "docx"]) == 0
    assert "4 Bescheide geschrieben" in capsys.readouterr().out
    files = sorted(folder.glob("*.docx"))
    assert len(files) == 4 and not list(folder.glob("*.pdf"))
    kinds = set()
    for file in files:
        document = docx.Document(str(file))
        text = " ".join(p.text for p in document.paragraphs)
        cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
        kind = next(p.text for p in document.paragraphs if p.style.name == "Heading 1")
        kinds.add(kind)
        assert _languages(document.styles.element) == {"de-DE"}
        assert document.core_properties.author == "Kleinstadt"
        assert document.core_properties.title.startswith(kind)
        assert document.sections[0].header._element.xpath(".//pic:pic")
        assert "PAGE" in document.sections[0].footer._element.xml
        if kind == "Bewilligungsbescheid" and "Lesepaten" in text:
            assert "bewilligt Ihnen die Stadt" in text and "AWO Kreisverband" in text
            assert "20.000 €" in cells and "2026" in cells
            recipient = document.paragraphs[0].text
            assert recipient.splitlines() == ["AWO Kreisverband", "Marktstraße 5", "24937 Kleinstadt"]
        if kind == "Änderungsbescheid":
            assert "2027: 20.000 € → 25.000 €" in text
        if kind == "Ablehnungsbescheid":
            assert "Begründung: Passt nicht" in text
    assert kinds == {"Bewilligungsbescheid", "Ablehnungsbescheid", "Änderungsbescheid"}


def test_official_symbols_and_their_legend_in_both_vorlagen(demo_copy, tmp_path):
    """#19: an application not eligible has no rank: "x" (not applicable), not "–"; both
    documents explain the signs."""
    from tests.reports.conftest import pdf_text

    pdf, word = tmp_path / "v.pdf", tmp_path / "v.docx"
    assert main(["report", "committee", str(demo_copy), "--round", "2", "-o", str(pdf)]) == 0
    assert main(["report", "committee", str(demo_copy), "--round", "2", "-o", str(word)]) == 0
    text = " ".join(" ".join(pdf_text(pdf)).split())
    assert "Zeichenerklärung: . = geheim gehalten" in text and "x = Angabe nicht sinnvoll" in text
    document = docx.Document(str(word))
    body = " ".join(p.text for p in document.paragraphs)
    assert "Zeichenerklärung: . = geheim gehalten" in body
    ranking = next(t for t in document.tables if t.rows[0].cells[0].text == "Rang")
    last = [c.text for c in ranking.rows[-1].cells]
    assert last[-1] == "nicht förderfähig" and last[0] == "x", last


def test_rendered_vorlage_keeps_words_whole_and_the_pdf_s_length(demo_copy, tmp_path):
    """Rendered as a clerk's Word would (LibreOffice headless): "Schuldenprävention" was broken
    inside the word, and the Word file ran to 8 pages against 5 of the PDF."""
    import shutil
    import subprocess

    from pypdf import PdfReader

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice fehlt")
    pdf, word = tmp_path / "v.pdf", tmp_path / "vorlage.docx"
    assert main(["report", "committee", str(demo_copy), "--round", "2", "-o", str(pdf)]) == 0
    assert main(["report", "committee", str(demo_copy), "--round", "2", "-o", str(word)]) == 0
    out = tmp_path / "gerendert"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(word)],
                   check=True, capture_output=True, timeout=240)
    rendered = PdfReader(out / "vorlage.pdf")
    words = " ".join(page.extract_text() for page in rendered.pages).split()
    assert any(w.startswith("Schuldenprävention") for w in words)
    assert not any(w in ("Schuldenpräv", "Schuldenprä", "Schuldenprävent") for w in words)
    assert len(rendered.pages) <= len(PdfReader(pdf).pages)


def test_no_template_leftovers_in_any_part(round_file, tmp_path):
    """The library's template left en-US in settings and stylesWithEffects, its own thumbnail
    and "Microsoft Macintosh Word" as the application in the package."""
    import zipfile

    path, _ = round_file
    out = tmp_path / "vorlage.docx"
    assert main(["round", "report", str(path), "Runde 2026", "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as package:
        names = package.namelist()
        assert not any("thumbnail" in n for n in names)
        for name in names:
            if name.endswith(".xml") or name.endswith(".rels"):
                text = package.read(name).decode("utf-8")
                assert "en-US" not in text and "thumbnail" not in text, name
        app = package.read("docProps/app.xml").decode("utf-8")
    assert "<Application>k360desk</Application>" in app and "<Company>Kleinstadt</Company>" in app
    assert "Macintosh" not in app
